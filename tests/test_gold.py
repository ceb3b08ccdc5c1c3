"""The gold sets and how they are scored: the held-out split, the scorecard's fields on a
tiny gold set with known claims, and the shape of every gold file the project ships."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SHARED

from newsfacts.evaluate import ALL, part_key, score_parts, split_gold
from newsfacts.extract.records import DEAL_TYPES, QUALIFIERS, Amount, Claim, Party
from newsfacts.scoring import load_gold, merge, score
from newsfacts.split import HELD_OUT, TUNE, is_held_out, part_of

GOLD_FILES = ["gold.jsonl", "gold-reuters-train.jsonl", "gold-reuters-train2.jsonl",
              "gold-reuters-stream.jsonl", "gold-reuters-stream-claims.jsonl"]
CLAIMS_STREAM = "gold-reuters-stream-claims.jsonl"
NEW_REUTERS = ["gold-reuters-train2.jsonl", "gold-reuters-stream.jsonl"]
PERS = {None, "share", "unit", "year", "month", "quarter", "week", "day"}


# --- the split -------------------------------------------------------------------------

@pytest.mark.parametrize("doc_id", ["reuters-96", "reuters-15682", "articles/anthropic.txt"])
def test_an_article_always_lands_in_the_same_part(doc_id):
    parts = {part_of(doc_id) for _ in range(3)}
    assert len(parts) == 1
    code = f"from newsfacts.split import part_of; print(part_of({doc_id!r}))"
    other_process = subprocess.run([sys.executable, "-c", code], capture_output=True,
                                   text=True, check=True).stdout.strip()
    assert parts == {other_process}


def test_the_split_is_fixed_by_the_rule():
    # sha1("reuters-15682") is divisible by 3, sha1("reuters-96") is not
    assert (part_of("reuters-15682"), part_of("reuters-96")) == (HELD_OUT, TUNE)


def test_about_a_third_is_held_out():
    ids = [f"reuters-{n}" for n in range(1, 3001)]
    share = sum(map(is_held_out, ids)) / len(ids)
    assert 0.30 < share < 0.37


@pytest.mark.parametrize("name", GOLD_FILES)
def test_every_gold_set_holds_out_about_a_third(name):
    gold = load_gold(FIXTURES / name)
    parts = split_gold(gold)
    assert set(parts[TUNE]) | set(parts[HELD_OUT]) == set(gold)
    assert 0.2 < len(parts[HELD_OUT]) / len(gold) < 0.45


# --- the scorecard ---------------------------------------------------------------------

def _deal(buyer, seller, deal_type, value, attribution=None, per=None):
    return {"buyer": buyer, "seller": seller, "target": None, "deal_type": deal_type,
            "amounts": [{"value": value, "currency": "USD", "per": per, "qualifier": "exact"}],
            "term_months": None, "attribution": attribution}


def _claim(value, deal_type, buyer=None, seller=None, attribution=None, per=None):
    parties = ([Party(buyer, "buyer")] if buyer else []) + (
        [Party(seller, "seller")] if seller else [])
    return Claim(deal_type=deal_type, parties=parties,
                 amount=Amount(text="", value=value, currency="USD", per=per),
                 sentence="", start=0, end=0, attribution=attribution)


@pytest.fixture
def tiny_gold(tmp_path):
    lines = [
        {"doc_id": "a", "deals": [_deal(["Foo Inc"], ["Bar Corp"], "acquisition", 5e6, "Foo said"),
                                  _deal(["Foo Inc"], ["Baz"], "stake", 20, per="share")]},
        {"doc_id": "b", "deals": [_deal(["First Bank"], ["Quux"], "loan", 7e6, "Quux said")]},
        {"doc_id": "c", "deals": []},
    ]
    path = tmp_path / "tiny.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return load_gold(path)


def test_the_scorecard_gives_known_numbers_for_known_claims(tiny_gold):
    predictions = {
        "a": [_claim(5e6, "acquisition", "Foo Inc.", "Bar", "the company said"),  # all right
              _claim(20, "acquisition", "Foo", None, per="share"),  # wrong type, no seller
              _claim(9e6, "acquisition", "Foo")],  # no such amount: false
        "b": [_claim(7e6, "investment", None, "Quux")],  # no lender, wrong type, no attribution
        "c": [_claim(1e6, "acquisition", "X", "Y")],  # a claim on a no-deal article
    }
    card = score(predictions, tiny_gold)
    assert (card.predicted, card.correct, card.gold_deals, card.recalled) == (5, 3, 3, 3)
    assert card.precision == pytest.approx(3 / 5) and card.recall == 1.0
    assert card.buyer == pytest.approx(2 / 3) and card.seller == pytest.approx(2 / 3)
    assert card.deal_type == pytest.approx(1 / 3)
    assert card.attribution == pytest.approx(1 / 2)  # two gold deals with an attribution
    assert card.both_parties == pytest.approx(1 / 3)
    assert card.missing_side("acquisition") == 0.0
    assert card.missing_side("stake") == 1.0
    assert card.missing_side("loan") == 1.0
    assert card.missing_side("contract") is None
    assert (card.no_deal_false_claims, card.no_deal_articles_with_claims) == (1, 1)
    assert {m.kind for m in card.misses} == {
        "false claim", "wrong type", "wrong seller", "wrong buyer", "no attribution"}
    data = card.to_dict()
    assert data["missing_side"] == {"acquisition": 0.0, "loan": 1.0, "stake": 1.0}
    assert data["deal_type"] == pytest.approx(1 / 3)


def test_merged_scorecards_add_the_per_type_counts(tiny_gold):
    right = {"a": [_claim(5e6, "acquisition", "Foo", "Bar")]}
    half = {"a": [_claim(5e6, "acquisition", "Foo")]}
    total = merge([score(right, tiny_gold), score(half, tiny_gold)])
    assert total.side_scored == {"acquisition": 2}
    assert total.missing_side("acquisition") == 0.5
    assert total.both_parties == 0.5


def test_score_parts_scores_each_third_apart(tiny_gold):
    # "a" and "c" fall in the tune part, "b" in the held-out third
    assert (part_of("a"), part_of("b"), part_of("c")) == (TUNE, HELD_OUT, TUNE)
    predictions = {"a": [_claim(5e6, "acquisition", "Foo", "Bar")],
                   "b": [_claim(1e6, "loan", "First Bank", "Quux")]}
    cards = score_parts("tiny.jsonl", predictions, tiny_gold)
    assert set(cards) == {"tiny.jsonl", part_key("tiny.jsonl", TUNE),
                          part_key("tiny.jsonl", HELD_OUT)}
    tune, held_out = cards[part_key("tiny.jsonl", TUNE)], cards[part_key("tiny.jsonl", HELD_OUT)]
    assert (tune.articles, tune.precision, tune.gold_deals) == (2, 1.0, 2)
    assert (held_out.articles, held_out.precision, held_out.gold_deals) == (1, 0.0, 1)
    assert cards["tiny.jsonl"].predicted == 2


def test_eval_reports_parts_and_keeps_the_stream_out_of_all(tmp_path):
    from click.testing import CliRunner

    from newsfacts.cli import cli

    sentence = "Foo Inc said it agreed to buy Bar Corp for 5 mln dlrs.\n"
    gold_deal = _deal(["Foo Inc"], ["Bar Corp"], "acquisition", 5e6, "Foo Inc said")
    for name in ("a.txt", "c.txt"):  # a tune article and a held-out one
        (tmp_path / name).write_text(sentence)
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps({"doc_id": n, "deals": [gold_deal]}) + "\n"
                            for n in ("a.txt", "c.txt")))
    twin = tmp_path / "twin.jsonl"
    twin.write_text(gold.read_text())
    stream = tmp_path / "stream.jsonl"
    stream.write_text(json.dumps({"doc_id": "a.txt", "see": "gold.jsonl"}) + "\n")
    out = tmp_path / "card.json"
    result = CliRunner().invoke(cli, ["eval", str(gold), str(twin), "--stream", str(stream),
                                      "--no-peer", "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "Stream stream.jsonl, newsfacts: precision 1.00 (1 of 1 claims match" in result.output
    assert "Missing a side: acquisition" in result.output
    cards = json.loads(out.read_text())["newsfacts"]
    assert cards[part_key("gold.jsonl", HELD_OUT)]["articles"] == 1
    assert cards[part_key(ALL, TUNE)]["articles"] == 2  # a.txt of each set, not the stream
    assert cards[ALL]["predicted"] == 4
    assert cards["stream.jsonl"]["both_parties"] == 1.0
    assert cards["stream.jsonl"]["attribution"] == 1.0


def test_eval_scores_several_stream_samples_each_apart(tmp_path):
    from click.testing import CliRunner

    from newsfacts.cli import cli

    sentence = "Foo Inc said it agreed to buy Bar Corp for 5 mln dlrs.\n"
    for name in ("a.txt", "c.txt"):
        (tmp_path / name).write_text(sentence)
    gold_deal = _deal(["Foo Inc"], ["Bar Corp"], "acquisition", 5e6, "Foo Inc said")
    other_deal = _deal(["Foo Inc"], ["Bar Corp"], "acquisition", 9e6)
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "a.txt", "deals": [gold_deal]}) + "\n")
    for name, record in (("s1.jsonl", {"doc_id": "a.txt", "see": "gold.jsonl"}),
                         ("s2.jsonl", {"doc_id": "c.txt", "deals": [other_deal]})):
        (tmp_path / name).write_text(json.dumps(record) + "\n")
    out = tmp_path / "card.json"
    result = CliRunner().invoke(cli, ["eval", str(gold), "--stream", str(tmp_path / "s1.jsonl"),
                                      "--stream", str(tmp_path / "s2.jsonl"), "--no-peer",
                                      "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "Stream s1.jsonl, newsfacts: precision 1.00 (1 of 1 claims" in result.output
    assert "Stream s2.jsonl, newsfacts: precision 0.00 (0 of 1 claims" in result.output
    cards = json.loads(out.read_text())["newsfacts"]
    assert (cards["s1.jsonl"]["correct"], cards["s2.jsonl"]["correct"]) == (1, 0)


# --- the gold files --------------------------------------------------------------------

def _records(name: str) -> list[dict]:
    return [json.loads(line) for line in (FIXTURES / name).open() if line.strip()]


@pytest.mark.parametrize("name", GOLD_FILES)
def test_gold_files_parse_and_follow_the_schema(name):
    records = _records(name)
    ids = [r["doc_id"] for r in records]
    assert len(ids) == len(set(ids)), "one line per article"
    for record in records:
        doc = record["doc_id"]
        if "see" in record:
            assert set(record) == {"doc_id", "see"}
            continue
        assert set(record) <= {"doc_id", "newid", "deals", "note"}, doc
        for deal in record["deals"]:
            assert deal["deal_type"] in DEAL_TYPES, doc
            for side in ("buyer", "seller"):
                assert isinstance(deal[side], list), doc
                assert all(isinstance(n, str) and n.strip() for n in deal[side]), doc
            assert deal["target"] is None or isinstance(deal["target"], str), doc
            assert deal["term_months"] is None or (
                isinstance(deal["term_months"], int) and deal["term_months"] > 0), doc
            assert deal["attribution"] is None or deal["attribution"].strip(), doc
            assert deal["amounts"], f"{doc}: a deal states its money"
            for amount in deal["amounts"]:
                assert amount["value"] > 0 and re.fullmatch(r"[A-Z]{3}", amount["currency"]), doc
                assert amount.get("per") in PERS, doc
                assert amount["qualifier"] in QUALIFIERS, doc
                if amount["qualifier"] == "range":
                    assert amount["value"] == amount["low"] < amount["high"], doc
    assert load_gold(FIXTURES / name).keys() == set(ids)


@pytest.mark.parametrize("name", NEW_REUTERS)
def test_new_reuters_gold_matches_the_recorded_draw(name):
    draw = json.loads((FIXTURES / "gold-draw.json").read_text())
    ids = [r["doc_id"] for r in _records(name)]
    if name == "gold-reuters-stream.jsonl":
        assert ids == draw["stream"]
    else:
        assert set(ids) == {i for group in draw["train2"].values() for i in group}
        assert len(ids) >= 250
    old = {r["doc_id"] for r in _records("gold-reuters-train.jsonl")}
    assert not old & set(ids), "no article of the earlier train gold"


def test_claims_stream_gold_matches_the_recorded_claim_draw():
    draw = json.loads((FIXTURES / "gold-draw-claims.json").read_text())
    assert len(draw["claims"]) == 100 and len(draw["files"]) == 8
    assert not {"reut2-000.sgm", "reut2-001.sgm", "reut2-002.sgm"} & set(draw["files"])
    drawn = {claim["doc_id"] for claim in draw["claims"]}
    assert draw["articles"] == sorted(drawn, key=lambda i: int(i.split("-")[1]))
    ids = [r["doc_id"] for r in _records(CLAIMS_STREAM)]
    assert ids == draw["articles"], "one gold line per drawn article, in corpus order"
    others = {r["doc_id"] for name in GOLD_FILES if name != CLAIMS_STREAM for r in _records(name)}
    assert not others & set(ids), "no article of an earlier gold set"
    assert all("see" not in r for r in _records(CLAIMS_STREAM)), "every article annotated here"


def _draw_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("draw_gold", ROOT / "bench" / "draw_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_claims_are_drawn_uniformly_without_replacement_and_reproducibly():
    draw_claims = _draw_module().draw_claims
    rows = [{"doc_id": f"reuters-{n // 3 + 1}", "claim": n % 3, "value": float(n)}
            for n in range(300)]
    sample = draw_claims(rows, 100, seed=13)
    assert sample == draw_claims(rows, 100, seed=13) != draw_claims(rows, 100, seed=14)
    assert len({row["value"] for row in sample}) == 100
    assert sample == sorted(sample, key=lambda r: (int(r["doc_id"].split("-")[1]), r["claim"]))


@pytest.mark.shared
def test_the_claim_draw_takes_train_articles_of_its_eight_files():
    draw = json.loads((FIXTURES / "gold-draw-claims.json").read_text())
    train = set()
    for name in draw["files"]:
        text = (SHARED / "corpora" / "reuters21578" / name).read_bytes().decode("latin-1")
        train.update(f"reuters-{n}" for n in re.findall(
            r'<REUTERS[^>]*LEWISSPLIT="TRAIN"[^>]*NEWID="(\d+)"', text))
    assert set(draw["articles"]) <= train
    dev = {json.loads(line)["doc_id"] for line in (SHARED / "gold" / "reuters-dev.jsonl").open()}
    assert not dev & set(draw["articles"])


def test_stream_references_point_at_annotated_articles():
    train2 = load_gold(FIXTURES / "gold-reuters-train2.jsonl")
    stream = load_gold(FIXTURES / "gold-reuters-stream.jsonl")
    for record in _records("gold-reuters-stream.jsonl"):
        if "see" in record:
            assert stream[record["doc_id"]] == train2[record["doc_id"]]


def test_a_reference_to_a_missing_article_names_the_line(tmp_path):
    from newsfacts.errors import BadInput

    (tmp_path / "a.jsonl").write_text('{"doc_id": "x", "deals": []}\n')
    (tmp_path / "b.jsonl").write_text('{"doc_id": "y", "see": "a.jsonl"}\n')
    with pytest.raises(BadInput, match=r"b\.jsonl:1: not a gold record \(KeyError\('y'\)\)"):
        load_gold(tmp_path / "b.jsonl")


@pytest.mark.shared
def test_the_draw_is_reproducible_and_from_the_train_split(tmp_path):
    out = tmp_path / "draw.json"
    subprocess.run([sys.executable, str(ROOT / "bench" / "draw_gold.py"), "--corpus",
                    str(SHARED / "corpora" / "reuters21578"), "--out", str(out)],
                   check=True, capture_output=True)
    assert json.loads(out.read_text()) == json.loads((FIXTURES / "gold-draw.json").read_text())
    dev = {json.loads(line)["doc_id"] for line in (SHARED / "gold" / "reuters-dev.jsonl").open()}
    new = {r["doc_id"] for name in NEW_REUTERS for r in _records(name)}
    assert not dev & new, "no article of the dev gold"
    train = set()
    for sgm in (SHARED / "corpora" / "reuters21578").glob("*.sgm"):
        text = sgm.read_bytes().decode("latin-1")
        train.update(f"reuters-{n}" for n in re.findall(
            r'<REUTERS[^>]*LEWISSPLIT="TRAIN"[^>]*NEWID="(\d+)"', text))
    assert new <= train, "every new article is from the TRAIN split"


def test_docs_state_the_split_rule():
    text = (ROOT / "docs" / "scorecards.md").read_text()
    assert "sha1" in text.lower() and "mod 3" in text
    assert Path(ROOT / "newsfacts" / "split.py").exists()


def test_misses_of_the_held_out_third_are_listed_only_on_request(tmp_path):
    from click.testing import CliRunner

    from newsfacts.cli import cli

    gold_deal = _deal(["Foo Inc"], ["Bar Corp"], "acquisition", 7e6)
    for name in ("a.txt", "c.txt"):  # tune, held-out
        (tmp_path / name).write_text("Foo Inc said it agreed to buy Bar Corp for 5 mln dlrs.\n")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps({"doc_id": n, "deals": [gold_deal]}) + "\n"
                            for n in ("a.txt", "c.txt")))
    tune_only = CliRunner().invoke(cli, ["eval", str(gold), "--no-peer", "--misses"])
    assert tune_only.exit_code == 0, tune_only.output
    assert "a.txt: missed deal: 7,000,000.00 USD acquisition" in tune_only.output
    assert "c.txt:" not in tune_only.output
    both = CliRunner().invoke(cli, ["eval", str(gold), "--no-peer", "--misses",
                                    "--held-out-misses"])
    assert "c.txt: missed deal: 7,000,000.00 USD acquisition" in both.output
