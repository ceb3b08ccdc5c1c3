"""The hard fixtures of issue 13 are well formed: fixtures/gold-hard.jsonl follows
GUIDELINES.md's schema, names articles that exist, and every amount it records is written
in its article; fixtures/roles_cases.py has cases of every error kind in the stated form.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES

from newsfacts.scoring import load_gold
from newsfacts.sources import read_inputs

GOLD = FIXTURES / "gold-hard.jsonl"
HARD = FIXTURES / "articles" / "hard"

DEAL_TYPES = {"acquisition", "stake", "asset_sale", "investment", "contract", "loan", "other"}
QUALIFIERS = {"exact", "approx", "up_to", "at_least", "range"}
PERS = {None, "share", "month", "year"}
DEAL_KEYS = {"buyer", "seller", "target", "deal_type", "amounts", "term_months",
             "attribution", "note"}
# Article names start with the error kind they were written for (k1- ... k9-).
KIND_PREFIXES = [f"k{n}-" for n in range(1, 10)]

# A number, maybe with thousands commas, and the scale word after it ("2.4 trillion won",
# "$3.1bn", "24 mln dlrs", "612 pence"). Loose on purpose: it finds every number that
# could be the amount, so a typo in a gold value shows up as a value found nowhere.
_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*-?\s*(trillion|tn|billion|bln|bn|million|mln|mn"
                     r"|m|thousand|k)?(?![a-z])", re.IGNORECASE)
_SCALE = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bln": 1e9, "bn": 1e9,
          "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3}


def _numbers_written(text: str) -> list[float]:
    values = []
    for match in _NUMBER.finditer(text):
        number = float(match.group(1).replace(",", ""))
        scale = _SCALE.get((match.group(2) or "").lower(), 1)
        values += [number * scale, number / 100]  # "612 pence" is 6.12 GBP
    return values


def _is_written(value: float, numbers: list[float]) -> bool:
    return any(abs(n - value) <= 0.005 * value for n in numbers)


@pytest.fixture(scope="module")
def records():
    with open(GOLD, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="module")
def hard_articles():
    return {f"articles/hard/{Path(a.path).name}": a for a in read_inputs([HARD])}


def test_gold_hard_loads_and_names_each_article_once(records):
    gold = load_gold(GOLD)
    ids = [r["doc_id"] for r in records]
    assert len(ids) == len(set(ids)) == len(gold)
    assert all((FIXTURES / doc_id).is_file() for doc_id in ids)


def test_every_article_in_the_folder_has_gold(records):
    ids = {r["doc_id"] for r in records}
    assert {f"articles/hard/{p.name}" for p in HARD.glob("*.txt")} == ids


def test_every_error_kind_has_at_least_three_articles(records):
    names = [Path(r["doc_id"]).name for r in records]
    counts = {k: sum(n.startswith(k) for n in names) for k in KIND_PREFIXES}
    assert min(counts.values()) >= 3, counts
    assert sum(counts.values()) == len(names), "every article name starts with its kind"


def test_articles_have_front_matter_and_a_news_story_length(hard_articles):
    for doc_id, article in hard_articles.items():
        assert article.title and article.url and article.published, doc_id
        words = len(article.text.split())
        assert 300 <= words <= 700, f"{doc_id}: {words} words"


def test_every_deal_follows_the_schema(records):
    for record in records:
        for deal in record["deals"]:
            where = f"{record['doc_id']}: {deal}"
            assert set(deal) <= DEAL_KEYS and DEAL_KEYS - {"note"} <= set(deal), where
            assert deal["deal_type"] in DEAL_TYPES, where
            assert all(isinstance(n, str) and n for n in deal["buyer"] + deal["seller"]), where
            assert deal["target"] is None or isinstance(deal["target"], str), where
            assert deal["term_months"] is None or deal["term_months"] > 0, where
            assert deal["buyer"] or deal["seller"] or deal["deal_type"] == "loan", where
            assert deal["amounts"], where
            for amount in deal["amounts"]:
                assert set(amount) >= {"value", "currency", "per", "qualifier"}, where
                assert amount["value"] > 0, where
                assert re.fullmatch(r"[A-Z]{3}", amount["currency"]), where
                assert amount["per"] in PERS, where
                assert amount["qualifier"] in QUALIFIERS, where
                if amount["qualifier"] == "range":
                    assert amount["low"] == amount["value"] < amount["high"], where


def test_every_amount_is_written_in_its_article(records, hard_articles):
    missing = []
    for record in records:
        article = hard_articles[record["doc_id"]]
        numbers = _numbers_written(f"{article.title}\n{article.text}")
        for deal in record["deals"]:
            for amount in deal["amounts"]:
                for value in (amount["value"], amount.get("high")):
                    if value is not None and not _is_written(value, numbers):
                        missing.append(f"{record['doc_id']}: {value} {amount['currency']}")
    assert not missing


def test_the_loose_check_catches_a_typo():
    numbers = _numbers_written("It paid 2.4 trillion won ($1.7 billion), or 410 pence a share.")
    assert all(_is_written(v, numbers) for v in (2.4e12, 1.7e9, 4.10, 410))
    assert not any(_is_written(v, numbers) for v in (2.4e9, 1.07e9, 41.0))


def _roles_cases():
    spec = importlib.util.spec_from_file_location("roles_cases", FIXTURES / "roles_cases.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_roles_cases_cover_each_kind_with_at_least_8_sentences():
    module = _roles_cases()
    counts = {kind: sum(c["kind"] == kind for c in module.CASES) for kind in module.KINDS}
    assert len(module.KINDS) == 9
    assert all(n >= 8 for n in counts.values()), counts
    assert {c["kind"] for c in module.CASES} == set(module.KINDS)


def test_roles_cases_name_what_their_sentence_says():
    for case in _roles_cases().CASES:
        sentence = case["sentence"]
        assert case["amount"] in sentence, case
        assert all(text in sentence for text in case.get("not_price", [])), case
        assert all(name in sentence for name in case["buyer"] + case["seller"]), case
        assert case["target"] is None or case["target"] in sentence, case
        if case["deal_type"] is None:
            assert not (case["buyer"] or case["seller"] or case["target"]), case
        else:
            assert case["deal_type"] in DEAL_TYPES, case
