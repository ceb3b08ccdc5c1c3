"""Scoring deal consolidation: B-cubed over claims matched to gold reports, company-merge
precision over pairs of names, status accuracy; and the gold file itself."""

from __future__ import annotations

import json
import re

import pytest
from conftest import FIXTURES, SHARED

from newsfacts.deal_eval import load_deal_gold, score_deals
from newsfacts.errors import BadInput

GOLD = FIXTURES / "gold-deals-reuters-train.jsonl"


def usd(value, per=None):
    return {"value": value, "currency": "USD", "per": per}


GOLD_DEALS = [
    {"deal": "dixons", "parties": [["Dixons Group PLC", "Dixons"], ["Cyclops Corp", "Cyclops"]],
     "reports": [{"doc_id": "a1", "status": "proposed", "amounts": [usd(90.25, "share")]},
                 {"doc_id": "a2", "status": "completed", "amounts": [usd(95, "share")]}]},
    {"deal": "cyacq", "parties": [["Cyacq Corp", "Cyacq"], ["Cyclops Corp", "Cyclops"]],
     "reports": [{"doc_id": "a1", "status": "proposed", "amounts": [usd(92.5, "share")]},
                 {"doc_id": "a3", "status": "proposed", "amounts": [usd(92.5, "share")]}]},
]


def claim(cid, article, value, deal, status="proposed"):
    return {"id": cid, "article_id": article, "value": value, "currency": "USD",
            "per": "share", "deal_id": deal, "status": status, "sentence": f"{cid} says"}


def test_perfect_grouping_scores_one():
    claims = [claim("c1", "a1", 90.25, "D"), claim("c2", "a2", 95.0, "D", "completed"),
              claim("c3", "a1", 92.5, "C"), claim("c4", "a3", 92.5, "C"),
              claim("c5", "a3", 7.0, "X")]  # matches no gold report: left out
    scores = score_deals(GOLD_DEALS, claims, {"k1": {"Dixons Group PLC", "Dixons"}})
    assert scores.matched_claims == 4
    assert (scores.bcubed_precision, scores.bcubed_recall, scores.status_accuracy) == (1, 1, 1)
    assert (scores.merge_pairs, scores.merge_precision) == (0, None)  # one key: no pair


def test_rival_bids_joined_lose_precision_and_a_split_loses_recall():
    joined = [claim("c1", "a1", 90.25, "D"), claim("c2", "a2", 95.0, "D", "completed"),
              claim("c3", "a1", 92.5, "D"), claim("c4", "a3", 92.5, "D")]
    scores = score_deals(GOLD_DEALS, joined, {})
    assert scores.bcubed_precision == pytest.approx(0.5) and scores.bcubed_recall == 1
    split = [claim("c1", "a1", 90.25, "D1"), claim("c2", "a2", 95.0, "D2", "agreed"),
             claim("c3", "a1", 92.5, "C"), claim("c4", "a3", 92.5, "C")]
    scores = score_deals(GOLD_DEALS, split, {})
    assert scores.bcubed_precision == 1 and scores.bcubed_recall == pytest.approx(0.75)
    assert scores.status_accuracy == pytest.approx(0.75)
    assert "grouping: dixons split into 2 deals" in scores.errors


def test_merge_precision_counts_pairs_of_names_the_gold_knows():
    companies = {"k1": {"Dixons Group PLC", "Dixons", "Cyacq Corp"}, "k2": {"Cyclops", "Unknown"}}
    scores = score_deals(GOLD_DEALS, [], companies)
    # dixons+cyacq is wrong; "Dixons Group PLC" and "Dixons" share a key; Unknown is unjudged.
    assert (scores.merge_pairs, scores.merge_precision) == (1, 0.0)
    assert scores.errors == ["merge: 'cyacq' and 'dixons' are different companies"]


def test_a_bad_gold_line_names_its_file_and_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD_DEALS[0]) + "\n" + '{"deal": "x"}\n')
    with pytest.raises(BadInput) as raised:
        load_deal_gold(path)
    assert str(raised.value) == (f"{path}:2: not a gold deal (deal, reports with doc_id and "
                                 "amounts)")


def test_the_gold_has_40_deals_in_two_or_more_articles_with_the_hard_cases():
    gold = load_deal_gold(GOLD)
    multi = [d for d in gold if len({r["doc_id"] for r in d["reports"]}) >= 2]
    assert len(multi) >= 40
    hard = {case for d in gold for case in d["hard"]}
    assert {"rival bidders", "a raised bid", "two unrelated deals of one company",
            "amounts that differ between stories", "a re-sent story"} <= hard
    assert len({d["deal"] for d in gold}) == len(gold)


@pytest.mark.shared
def test_every_gold_article_is_in_the_train_split():
    corpus = SHARED / "corpora" / "reuters21578"
    split = {}
    for sgm in corpus.glob("*.sgm"):
        text = sgm.read_bytes().decode("latin-1")
        for attrs in re.findall(r"<REUTERS ([^>]*)>", text):
            found = dict(re.findall(r'(\w+)="([^"]*)"', attrs))
            split[f"reuters-{found['NEWID']}"] = found["LEWISSPLIT"]
    ids = {r["doc_id"] for d in load_deal_gold(GOLD) for r in d["reports"]}
    assert {split.get(i) for i in ids} == {"TRAIN"}
