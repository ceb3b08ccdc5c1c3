"""Deal claims out of the bundled articles, as `newsfacts extract` shows them."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, SHARED

from newsfacts.scoring import load_gold, score


def claim_for(claims, value, per=None):
    found = [c for c in claims
             if abs(c.amount.value - value) < 1e-6 * value and c.amount.per == per]
    assert found, f"no claim of {value} in {[c.amount.text for c in claims]}"
    return found[0]


def test_anthropic_pays_spacex_45_billion_over_three_years(fixture_claims):
    claim = claim_for(fixture_claims["anthropic-spacex-compute.txt"], 45e9)
    assert claim.amount.currency == "USD"
    assert claim.amount.qualifier == "exact"
    assert claim.term.months == 36
    assert claim.names("buyer") == ["Anthropic"]
    assert claim.names("seller") == ["SpaceX"]
    assert claim.deal_type == "contract"
    assert "securities filing" in claim.attribution
    assert claim.sentence.startswith("Anthropic has agreed to pay SpaceX $45 billion")


def test_remarks_on_industry_spending_are_not_claims(fixture_claims):
    texts = [c.amount.text for c in fixture_claims["anthropic-spacex-compute.txt"]]
    assert not any("few billion" in t or "tens of" in t for t in texts)


def test_earnings_report_has_no_claims(fixture_claims):
    assert fixture_claims["microsoft-q4-fy25-earnings.txt"] == []


def test_two_deals_in_one_article(fixture_claims):
    claims = fixture_claims["broadcom-kkr-euc.txt"]
    unit = claim_for(claims, 4e9)
    assert unit.names("buyer") == ["KKR"]
    assert any("Broadcom" in name for name in unit.names("seller"))
    takeover = claim_for(claims, 69e9)
    assert "Broadcom" in takeover.names("buyer")[0]


def test_tender_offer_per_share(fixture_claims):
    claim = claim_for(fixture_claims["bp-standard-oil-tender.txt"], 70, per="share")
    assert claim.amount.currency == "USD"
    assert claim.deal_type == "acquisition"


def test_up_to_amount(fixture_claims):
    claim = claim_for(fixture_claims["lilly-verve-up-to.txt"], 1.3e9)
    assert claim.amount.qualifier == "up_to"


def test_evidence_offsets_point_into_the_article(fixture_articles, fixture_claims):
    for name, claims in fixture_claims.items():
        text = fixture_articles[name].text
        for claim in claims:
            assert text[claim.start:claim.end] == claim.sentence


def test_fixtures_score_against_their_gold(fixture_articles, fixture_claims):
    gold = load_gold(FIXTURES / "gold.jsonl")
    predictions = {f"articles/{name}": claims for name, claims in fixture_claims.items()}
    assert set(gold) == set(predictions), "every fixture article has a gold line"
    card = score(predictions, gold)
    # Regression floors, a little under the scores at the time of writing (README has them).
    assert card.recall >= 0.85
    assert card.precision >= 0.9
    assert card.no_deal_false_claims == 0


@pytest.mark.shared
def test_seed_article_gives_the_anthropic_claim_and_nothing_else(extractor):
    from newsfacts.sources import read_inputs

    [article] = list(read_inputs([SHARED / "seed"]))
    claims = extractor.extract(article)
    assert [(c.amount.value, c.amount.currency) for c in claims] == [(45e9, "USD")]
    [claim] = claims
    assert claim.names("buyer") == ["Anthropic"] and claim.names("seller") == ["SpaceX"]
    assert claim.term.months == 36
    assert claim.deal_type == "contract"
    assert "securities filing" in claim.attribution


def test_every_fixture_claim_says_which_rules_made_it(fixture_claims):
    """Each claim names how its amount was tied to a deal word, the deal word, its type,
    and for every party, a rule that put that party there."""
    for name, claims in fixture_claims.items():
        for claim in claims:
            rules = claim.rules()
            assert rules[0].startswith("link."), (name, rules)
            assert any(r.startswith("cue.") for r in rules), (name, rules)
            assert any(r.startswith("type.") for r in rules), (name, rules)
            for party in claim.parties:
                assert any(party.name in step["says"] for step in claim.trace), (
                    name, party, claim.trace)
