"""One test per rule: every role rule of extract/rules/frames.jsonl, run on its own
example sentence, must fire and give the parties the example expects. Rules that do not
yet do so carry their known miss in the rules file and run as strict xfails, so a fix
turns them red until the miss is removed."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
import spacy
from conftest import model_is_shipped

from newsfacts.extract.cues import RULES_PATH, read_rules
from newsfacts.scoring import names_match

RULES = read_rules()
STRICT = model_is_shipped()
ROLE_RULES = [r for r in RULES if "argument" in r]


def _case(rule: dict):
    marks = [pytest.mark.xfail(strict=STRICT, reason=rule["known_miss"])] if (
        "known_miss" in rule) else []
    return pytest.param(rule, marks=marks, id=rule["id"])


def _text(rule: dict) -> str:
    return f"{rule.get('context', '')} {rule['example']}".strip()


def _gives(claim, expect: dict) -> bool:
    return all(any(names_match(name, wanted) for name in claim.names(role))
               for role, names in expect.items() for wanted in names)


@pytest.mark.parametrize("rule", [_case(r) for r in ROLE_RULES])
def test_role_rule_on_its_example(extractor, rule):
    claims = extractor.extract(SimpleNamespace(text=_text(rule), title=None, published=None))
    fired = [c for c in claims if rule["id"] in c.rules()]
    assert fired, f"{rule['id']} did not fire: {[c.rules() for c in claims]}"
    assert any(_gives(c, rule["expect"]) for c in fired), [
        (c.names("buyer"), c.names("seller"), c.names("target")) for c in fired]


def test_every_rule_has_an_id_and_every_role_rule_an_example():
    ids = [r["id"] for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(r.get("example") for r in RULES)
    assert all(r["role"] in {"buyer", "seller", "target"} and r["expect"] for r in ROLE_RULES)
    frames = {r["frame"] for r in RULES if "argument" not in r}
    assert {r["frame"] for r in ROLE_RULES} <= frames
    words = [w for r in RULES if "cues" in r for w in r["cues"]]
    assert len(words) == len(set(words)), "a cue word names two frames"


def test_most_role_rules_hold_on_their_examples():
    """The share of rules whose example passes: a regression floor, raised as rules are
    fixed (70 of 103 when the rules became data, on the small model; 67 on the medium
    model, whose parses of some examples differ)."""
    passing = [r for r in ROLE_RULES if "known_miss" not in r]
    assert len(passing) >= 67


def test_a_saved_pipeline_runs_the_rules_saved_with_it(extractor, tmp_path):
    """Rules are data: change one in a saved pipeline and the pipeline follows it."""
    extractor.nlp.to_disk(tmp_path / "pipeline")
    saved = tmp_path / "pipeline" / "newsfacts_claims" / "rules.jsonl"
    records = [json.loads(line) for line in saved.read_text().splitlines()]
    assert records == RULES
    text = "Dixons Group agreed to acquire Cyclops Corp for 384 mln dlrs."
    [claim] = spacy.load(tmp_path / "pipeline")(text)._.claims
    assert (claim.names("buyer"), claim.names("seller")) == (["Dixons Group"], ["Cyclops Corp"])
    for record in records:  # a (wrong) rule: the object of "acquire" buys
        if record["id"] in {"acquire.subj", "acquire.obj"}:
            record["role"] = {"buyer": "seller", "seller": "buyer"}[record["role"]]
    saved.write_text("".join(json.dumps(r) + "\n" for r in records))
    [claim] = spacy.load(tmp_path / "pipeline")(text)._.claims
    assert (claim.names("buyer"), claim.names("seller")) == (["Cyclops Corp"], ["Dixons Group"])


def test_the_shipped_rules_file_is_what_the_pipeline_reads(extractor):
    assert RULES_PATH.name == "frames.jsonl"
    claims = extractor.nlp.get_pipe("newsfacts_claims")
    assert claims.records == RULES
