"""The `newsfacts extract` and `newsfacts eval` commands, as a user runs them."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import ARTICLES, FIXTURES

from newsfacts.cli import cli

ANTHROPIC = ARTICLES / "anthropic-spacex-compute.txt"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_extract_jsonl_keeps_the_field_names_other_tools_read():
    result = run("extract", ANTHROPIC, "--jsonl")
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()
    record = json.loads(line)
    assert set(record) == {"article", "claims"}
    assert set(record["article"]) == {"id", "path", "title", "outlet", "url", "published",
                                      "sha256"}
    claim = record["claims"][0]
    assert set(claim) == {"deal_type", "parties", "amount", "term", "attribution", "sentence",
                          "start", "end", "confidence", "trace"}
    assert {"rule": "pay.dative",
            "says": "seller = SpaceX ('SpaceX' via arg.dative)"} in claim["trace"]
    assert set(claim["amount"]) == {"text", "value", "currency", "per", "qualifier", "low",
                                    "high"}
    assert claim["amount"]["value"] == 45e9 and claim["term"] == {
        "text": "over three years", "months": 36}
    assert {"name": "Anthropic", "role": "buyer"} in claim["parties"]
    assert record["article"]["outlet"] == "Trade Compute Weekly"


def test_extract_explain_shows_the_parse_and_the_rules():
    result = CliRunner().invoke(cli, ["extract", "--explain", str(ANTHROPIC)],
                                env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    out = result.output
    assert "claim 1: $45 billion (contract) buyer ['Anthropic'], seller ['SpaceX']" in out
    # the parse: SpaceX is the dative of "pay", the amount its object
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in out.splitlines()]
    assert ["5", "SpaceX", "PROPN", "dative", "4", "ORG"] in rows
    for rule, says in [("link.parse", "'$45 billion' hangs off 'pay' in the parse"),
                       ("pay.subj", "buyer = Anthropic ('Anthropic' via arg.inherited-subject)"),
                       ("type.pays-for-goods", "type = contract"),
                       ("term.sentence", "term = 36 months ('over three years')")]:
        assert any(rule in line and says in line for line in out.splitlines()), rule


def test_extract_explain_as_json():
    result = run("extract", "--explain", "--jsonl", ANTHROPIC)
    record = json.loads(result.output.splitlines()[0])
    first = record["claims"][0]
    words = {w["text"]: w for w in first["parse"]}
    assert words["Anthropic"]["dep"] == "nsubj" and words["pay"]["dep"] == "xcomp"
    assert first["amounts"] == ["$45 billion"]
    assert first["claim"]["trace"][0]["rule"] == "link.parse"


def test_extract_table_for_people():
    result = run("extract", ANTHROPIC)
    assert result.exit_code == 0
    assert "Anthropic" in result.output and "$45.0 bn" in result.output
    assert "36 months" in result.output


def test_extract_goes_on_past_a_missing_file(tmp_path):
    missing = tmp_path / "nope.txt"
    result = CliRunner().invoke(cli, ["extract", str(missing), str(ANTHROPIC), "--jsonl"])
    assert result.exit_code == 1
    assert f"Error: {missing}: no such file or folder" in result.output
    assert '"value": 45000000000.0' in result.output


def test_extract_refuses_empty_and_binary_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = CliRunner().invoke(cli, ["extract", str(empty), str(binary), str(ANTHROPIC)])
    assert result.exit_code == 1
    assert f"Error: {empty}: empty file" in result.output
    assert f"Error: {binary}: binary file, not text (a PNG image)" in result.output
    assert "Anthropic" in result.output


def test_eval_scores_the_fixtures_with_the_naive_peer_beside(tmp_path):
    out = tmp_path / "scorecard.json"
    result = run("eval", FIXTURES / "gold.jsonl", "--json", out)
    assert result.exit_code == 0, result.output
    assert "Precision" in result.output and "naive peer" in result.output
    card = json.loads(out.read_text())
    ours, peer = card["newsfacts"]["gold.jsonl"], card["naive peer"]["gold.jsonl"]
    assert ours["recall"] > peer["recall"]
    assert ours["f1"] > peer["f1"]
    assert ours["no_deal_false_claims"] == 0


def test_eval_lists_misses(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "a.txt", "deals": [{
        "buyer": ["Foo Inc"], "seller": ["Bar Corp"], "target": None,
        "deal_type": "acquisition", "amounts": [{"value": 7e6, "currency": "USD", "per": None,
                                                 "qualifier": "exact"}],
        "term_months": None, "attribution": None}]}) + "\n")
    (tmp_path / "a.txt").write_text("Foo Inc said it agreed to buy Bar Corp for 5 mln dlrs.\n")
    result = run("eval", gold, "--no-peer", "--misses")
    assert result.exit_code == 0
    assert "a.txt: false claim: 5,000,000.00 USD acquisition" in result.output
    assert "a.txt: missed deal: 7,000,000.00 USD acquisition" in result.output


def test_eval_by_rule_shows_which_rule_named_a_wrong_party(tmp_path):
    gold = tmp_path / "gold.jsonl"
    deal = {"seller": ["Bar Corp"], "target": None, "deal_type": "acquisition",
            "amounts": [{"value": 5e6, "currency": "USD", "per": None, "qualifier": "exact"}],
            "term_months": None, "attribution": None}
    # a.txt and b.txt fall in the tune part, c.txt in the held-out third (newsfacts.split);
    # gold says Baz Ltd buys in b.txt and c.txt, where the sentence says Foo Inc
    lines = [{"doc_id": "a.txt", "deals": [{**deal, "buyer": ["Foo Inc"]}]},
             {"doc_id": "b.txt", "deals": [{**deal, "buyer": ["Baz Ltd"]}]},
             {"doc_id": "c.txt", "deals": [{**deal, "buyer": ["Baz Ltd"]}]}]
    gold.write_text("".join(json.dumps(line) + "\n" for line in lines))
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("Foo Inc said it agreed to buy Bar Corp for 5 mln dlrs.\n")
    result = CliRunner().invoke(cli, ["eval", str(gold), "--no-peer", "--by-rule"],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    rows = {cells[0]: cells[1:] for line in result.output.splitlines()
            if (cells := [c.strip() for c in line.split("│")[1:-1]]) and cells}
    # tune: claims, precision, sides right; held-out: the same
    assert rows["acquire.subj"] == ["2", "1.00", "0.50", "1", "1.00", "0.00"]
    assert rows["acquire.obj"] == ["2", "1.00", "1.00", "1", "1.00", "1.00"]
    assert rows["cue.acquire"][:2] == ["2", "1.00"]


def test_eval_names_a_missing_corpus(tmp_path):
    gold = tmp_path / "dev.jsonl"
    gold.write_text('{"doc_id": "reuters-7497", "deals": []}\n')
    result = CliRunner().invoke(cli, ["eval", str(gold), "--no-peer"])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: --corpus: the Reuters-21578 folder is needed for 1 articles of {gold}")
