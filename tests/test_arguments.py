"""One test per argument pattern: every record of extract/rules/arguments.jsonl, run on
its own example sentence (our own words), must find there the argument its ``expect``
names, under its own id. Known misses are strict xfails, so a fix turns them red until
the record's known_miss is removed. Which role each argument plays is tested per frame
in tests/test_rules.py."""

from __future__ import annotations

import doctest
import json
from types import SimpleNamespace

import pytest
import spacy

from newsfacts.errors import BadConfig
from newsfacts.extract.arguments import ARGUMENTS_PATH, ArgumentPatterns, read_arguments
from newsfacts.extract.roles import cue_kind

PATTERNS = read_arguments()


def _case(record: dict):
    marks = [pytest.mark.xfail(strict=True, reason=record["known_miss"])] if (
        "known_miss" in record) else []
    return pytest.param(record, marks=marks, id=record["id"])


def _found(extractor, text: str) -> list[tuple[str, str, str]]:
    """(argument, token, rule id) for every deal word of a sentence, with and without
    each amount."""
    doc = extractor.nlp(text)
    claims = extractor.nlp.get_pipe("newsfacts_claims")
    cues, patterns = claims.settings["cues"], claims.settings["patterns"]
    roots = [None, *(m.root for m in doc.spans.get("money", []))]
    return [(a.name, a.token.text, a.rule) for tok in doc if (kind := cue_kind(tok, cues))
            for root in roots for a in patterns.of(tok, kind, root)]


@pytest.mark.parametrize("record", [_case(r) for r in PATTERNS])
def test_argument_pattern_on_its_example(extractor, record):
    """Sentence -> the argument the pattern finds there, named by its id."""
    [(argument, party)] = record["expect"].items()
    found = _found(extractor, record["example"])
    assert any(name == argument and word in party.split() and rule == record["id"]
               for name, word, rule in found), found


def test_claims_name_the_pattern_that_found_each_party(extractor):
    text = "Corlan Foods sold its cheese unit to Hesketh Dairies for $40 million."
    [claim] = extractor.extract(SimpleNamespace(text=text, title=None, published=None))
    assert {"rule": "sell.to", "says": "buyer = Hesketh Dairies ('Dairies' via "
            "arg.dative-prep)"} in claim.trace


def test_every_pattern_has_an_id_an_example_and_a_party_node():
    ids = [r["id"] for r in PATTERNS]
    assert len(ids) == len(set(ids)) and all(i.startswith("arg.") for i in ids)
    for record in PATTERNS:
        assert record["example"] and record["expect"] and record["says"], record["id"]
        assert "party" in {node["RIGHT_ID"] for node in record["pattern"]}, record["id"]


def _spacy_matches(matcher, doc) -> dict[int, list[tuple[str, list[int]]]]:
    by_anchor: dict[int, list[tuple[str, list[int]]]] = {}
    for key, ids in matcher(doc):
        by_anchor.setdefault(ids[0], []).append((doc.vocab.strings[key], list(ids)))
    return by_anchor


def test_the_walk_finds_what_spacys_dependency_matcher_finds(extractor):
    """The patterns run from one word down (for speed); spaCy's DependencyMatcher over the
    whole Doc must agree, on every example and on sentences with many arguments."""
    nlp = extractor.nlp
    patterns = nlp.get_pipe("newsfacts_claims").settings["patterns"]
    texts = [r["example"] for r in PATTERNS] + [
        "Corlan Foods and Pellham Bank bought stakes in Hesketh Dairies and Morrow Mills "
        "from Ashcombe Group, Tern Capital and Vireo for $40 million in a round led by "
        "Aldbury Ventures and Quay Partners.",
        "The $40 million financing package arranged by Pellham Bank, which Corlan Foods' "
        "board approved, was provided by Tern Capital to Hesketh Dairies.",
    ]
    for doc in nlp.pipe(texts):
        spacy_found = _spacy_matches(patterns.matcher, doc)
        for tok in doc:
            ours = sorted(patterns.matches(tok))
            assert ours == sorted(spacy_found.get(tok.i, [])), (doc.text, tok.text)


def test_a_saved_pipeline_runs_the_patterns_saved_with_it(extractor, tmp_path):
    """Patterns are data: change one in a saved pipeline and the pipeline follows it."""
    extractor.nlp.to_disk(tmp_path / "pipeline")
    saved = tmp_path / "pipeline" / "newsfacts_claims" / "arguments.jsonl"
    records = [json.loads(line) for line in saved.read_text().splitlines()]
    assert records == PATTERNS
    text = "Corlan Foods sold its cheese unit to Hesketh Dairies for $40 million."
    [claim] = spacy.load(tmp_path / "pipeline")(text)._.claims
    assert claim.names("buyer") == ["Hesketh Dairies"]
    saved.write_text("".join(json.dumps(r) + "\n" for r in records
                             if r["id"] != "arg.dative-prep"))
    claims = spacy.load(tmp_path / "pipeline")(text)._.claims
    # no pattern names the buyer now (the learned ranker may still guess it: rank.buyer)
    assert not any(c.names("buyer") == ["Hesketh Dairies"] and "rank.buyer" not in c.rules()
                   for c in claims)


def test_the_shipped_patterns_are_what_the_pipeline_reads(extractor):
    assert ARGUMENTS_PATH.name == "arguments.jsonl"
    claims = extractor.nlp.get_pipe("newsfacts_claims")
    assert claims.settings["patterns"].records == PATTERNS


def test_a_pattern_the_walk_cannot_run_is_refused_by_name(extractor):
    record = {**PATTERNS[0], "id": "arg.sibling"}
    record["pattern"] = [record["pattern"][0], {**record["pattern"][1], "REL_OP": "$+"}]
    with pytest.raises(BadConfig) as err:
        ArgumentPatterns(extractor.nlp.vocab, [record])
    assert str(err.value) == ("arg.sibling: argument patterns test DEP, POS, TAG, LOWER, "
                              "IS_LOWER, ENT_TYPE with the relations > <; got [] $+")


def test_docstring_examples():
    # arguments.py's docstring example, also when pytest runs without --doctest-modules
    from newsfacts.extract import arguments

    results = doctest.testmod(arguments)
    assert (results.failed, results.attempted > 0) == (0, True)
