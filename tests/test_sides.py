"""The learned side ranker: a side the rules leave open takes the cast member named near
the claim that the ranker finds likeliest, and says so in the trace; with the ranker off,
the rules alone name the sides. Articles written by the team."""

from __future__ import annotations

import json
import math
from types import SimpleNamespace

import pytest
import spacy
from conftest import claims_by_amount as _claims

from newsfacts.extract import Extractor
from newsfacts.extract.pipeline import rules_alone_config
from newsfacts.extract.sides import SIDES_FILE, Candidate, SideRanker

OFFER = ("The board of Halloway Stores Inc met on Friday. It accepted an offer of 22 dlrs a "
         "share from Brennan Capital Partners.")
FUNDING = "The $30 million funding by Keswick Partners lets Brora Labs hire engineers."
LENDERS = ("Osprey Logistics Inc said on Tuesday it had arranged new financing with a group "
           "of banks led by Harlan Bank. The five-year facility amounts to 250 mln dlrs.")


@pytest.fixture(scope="module")
def rules_alone():
    return Extractor(config=rules_alone_config())


@pytest.mark.parametrize("text, money, side, name", [
    (OFFER, "22 dlrs a share", "buyer", "Brennan Capital Partners"),
    (FUNDING, "$30 million", "seller", "Brora Labs"),
])
def test_a_side_the_rules_leave_open_is_named_by_the_ranker(extractor, rules_alone, text,
                                                            money, side, name):
    claim = _claims(extractor, text)[money]
    assert claim.names(side) == [name]
    [note] = [n for n in claim.trace if n["rule"] == f"rank.{side}"]
    assert name in note["says"] and "learned ranker, p = " in note["says"]
    alone = _claims(rules_alone, text)[money]
    assert alone.names(side) == [] and f"rank.{side}" not in alone.rules()


def test_the_ranker_leaves_alone_the_sides_the_rules_name(extractor):
    text = "Corlan Foods sold its cheese unit to Hesketh Dairies for $40 million."
    claim = _claims(extractor, text)["$40 million"]
    assert claim.names("buyer") == ["Hesketh Dairies"]
    assert not [r for r in claim.rules() if r.startswith("rank.")]


def test_the_ranker_names_no_lender(extractor):
    """Training kept the ranker out of loans' lenders, where a name nearby was more often
    an arranger or no lender at all: a lender must be named as one."""
    assert "buyer|loan" in SideRanker.load().closed
    claim = _claims(extractor, LENDERS)["250 mln dlrs"]
    assert claim.deal_type == "loan"
    assert claim.names("seller") == ["Osprey Logistics Inc"]
    assert claim.names("buyer") == [] and "rank.buyer" not in claim.rules()


def test_no_one_named_near_leaves_the_side_open(extractor):
    """A loan whose lender no sentence names keeps an empty lender: the borrower is on the
    other side, and no one else is named."""
    text = "Osprey Logistics Inc said it had raised a five-year credit facility of 250 mln dlrs."
    claim = _claims(extractor, text)["250 mln dlrs"]
    assert claim.deal_type == "loan"
    assert claim.names("buyer") == []
    assert claim.names("seller") == ["Osprey Logistics Inc"]


def test_the_likeliest_candidate_is_put_only_above_the_threshold():
    ranker = SideRanker({"buyer|back=0": 2.0, "buyer|back=1": -1.0}, bias=-1.0, threshold=0.5)
    near, far = Candidate("Near Co", ["buyer|back=0"]), Candidate("Far Co", ["buyer|back=1"])
    best, p = ranker.best([far, near])
    assert best is near and p == pytest.approx(1 / (1 + math.exp(-1)))
    assert ranker.best([far]) is None  # p = 0.12, under 0.5
    assert SideRanker({}).best([near]) is None  # no weights: the rules alone
    twin = Candidate("Twin Co", ["buyer|back=0"])
    assert ranker.best([near, twin]) is None  # two alike: no telling which
    ranker.closed = ["buyer|loan"]
    assert ranker.best([near], "buyer", "loan") is None
    assert ranker.best([near], "buyer", "acquisition")[0] is near


@pytest.mark.parametrize("content, reason", [
    ("not json", "Expecting value"),
    ('{"bias": 0.0, "threshold": 0.5}', "no field 'weights'"),
    ('{"weights": {"buyer|main": "high"}, "bias": 0, "threshold": 0.5}', "could not convert"),
])
def test_a_bad_weights_file_is_one_clear_error(tmp_path, content, reason):
    from newsfacts.errors import BadConfig

    path = tmp_path / "sides.json"
    path.write_text(content)
    with pytest.raises(BadConfig) as err:
        SideRanker.load(path)
    message = str(err.value)
    assert message.startswith(f"{path}: not a side ranker's weights file") and reason in message
    assert "\n" not in message


def test_the_shipped_weights_are_signs_of_a_side():
    data = json.loads(SIDES_FILE.read_text())
    assert 0 < data["threshold"] < 1
    assert data["weights"] and all(k.startswith(("buyer|", "seller|")) for k in data["weights"])


def test_a_saved_pipeline_carries_its_ranker(extractor, tmp_path):
    extractor.nlp.to_disk(tmp_path / "pipeline")
    saved = tmp_path / "pipeline" / "newsfacts_claims" / "sides.json"
    assert json.loads(saved.read_text())["weights"] == json.loads(
        SIDES_FILE.read_text())["weights"]
    nlp = spacy.load(tmp_path / "pipeline")
    article = SimpleNamespace(text=OFFER, title=None, published=None)
    [claim] = nlp(article.text)._.claims
    assert claim.names("buyer") == ["Brennan Capital Partners"]
    saved.write_text(json.dumps({"weights": {}, "bias": 0.0, "threshold": 0.5}))
    [claim] = spacy.load(tmp_path / "pipeline")(article.text)._.claims
    assert claim.names("buyer") == []  # the saved (empty) weights, not the shipped ones
