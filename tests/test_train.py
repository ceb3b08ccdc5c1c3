"""Fitting the side ranker (``make train``): the weights learn which signs make a candidate
the right one, and the threshold is where filling open sides gains most, counting a side
the gold leaves empty as lost when filled. Rows made up here, in the form collect() writes."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("sklearn")

from newsfacts.train import gains, main, train


def _row(doc: str, named: bool, right_first: bool, gold_empty: bool = False) -> dict:
    """A side with two candidates: the subject of the sentence before, and a place named
    after the amount; the subject is right unless ``right_first`` is false."""
    subject = ["buyer|back=1", "buyer|dep=nsubj", "buyer|back=1|dep=nsubj"]
    place = ["buyer|back=0", "buyer|dep=pobj", "buyer|label=GPE", "buyer|where=after"]
    return {"doc": doc, "side": "buyer", "deal_type": "acquisition", "named": named,
            "gold_empty": gold_empty,
            "candidates": [
                {"name": "Subject Co", "features": subject,
                 "right": right_first and not gold_empty},
                {"name": "Ohio", "features": place, "right": False}]}


def _rows(n: int = 60, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    return [_row(f"doc-{i}", named=i % 3 != 0, right_first=rng.random() < 0.9)
            for i in range(n)]


def test_the_weights_favour_the_signs_of_right_candidates():
    model = train(_rows())
    w = model["weights"]
    assert w["buyer|dep=nsubj"] > 0 > w["buyer|label=GPE"]
    assert 0 < model["threshold"] < 1
    assert model["cross_validated_gain"] > 0
    assert model["open_sides"] == 20 and model["rows"] == 60


def test_a_filled_side_the_gold_leaves_empty_counts_as_lost():
    weights = {"buyer|dep=nsubj": 3.0}
    right = [_row("a", named=False, right_first=True)]
    empty = [_row("b", named=False, right_first=True, gold_empty=True)]
    named = [_row("c", named=True, right_first=True)]
    assert set(gains(right, weights, 0.0)["buyer|acquisition"].values()) == {1}
    assert set(gains(empty, weights, 0.0)["buyer|acquisition"].values()) == {-1}
    # the rules named it: not filled
    assert set(gains(named, weights, 0.0)["buyer|acquisition"].values()) == {0}


def test_a_deal_types_side_where_filling_loses_is_closed():
    rows = _rows()
    # loans whose lender no one names: the subject before is the borrower
    rows += [{**_row(f"loan-{i}", named=False, right_first=False, gold_empty=True),
              "deal_type": "loan"} for i in range(15)]
    model = train(rows)
    assert model["closed"] == ["buyer|loan"]
    assert model["gain_by_side_and_type"]["buyer|loan"] < 0
    assert model["gain_by_side_and_type"]["buyer|acquisition"] > 0


def test_training_without_the_shared_data_says_what_is_missing(tmp_path):
    with pytest.raises(SystemExit) as stop:
        main(["--shared", str(tmp_path), "--out", str(tmp_path / "sides.json")])
    assert f"{tmp_path}/gold/reuters-dev.jsonl: not found" in str(stop.value)
    assert not (tmp_path / "sides.json").exists()


@pytest.mark.shared
@pytest.mark.slow
def test_the_shipped_weights_are_what_make_train_gives(extractor, tmp_path):
    """Traceable: the shipped ranker is refitted from the repo's rules and the tune part of
    the gold sets, not tuned by hand (retrain after changing a rule)."""
    import json

    from conftest import ROOT, SHARED

    from newsfacts.extract.sides import SIDES_FILE
    from newsfacts.train import GOLD_SETS, collect

    paths = [ROOT / p.format(shared=SHARED) for p in GOLD_SETS]
    model = train(collect(paths, SHARED / "corpora" / "reuters21578", extractor))
    shipped = json.loads(SIDES_FILE.read_text())
    assert (model["threshold"], model["margin"], model["closed"]) == (
        shipped["threshold"], shipped["margin"], shipped["closed"])
    assert model["weights"].keys() == shipped["weights"].keys()
    assert all(abs(model["weights"][k] - v) < 1e-3 for k, v in shipped["weights"].items())
