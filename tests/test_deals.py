"""Companies from parties and deals from claims, as pure functions: the cases the issue
names (a raised offer, rival bidders, a company's unrelated deals, a re-sent story,
sources that disagree) written as small tables of claims."""

from __future__ import annotations

import random

import pytest

from newsfacts.companies import Mention, Overrides, company_key, resolve_companies
from newsfacts.deals import DealClaim, group_claims, rounding

# --- Companies -----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "key"), [
    ("Dixons Group PLC", "dixons"),
    ("DIXONS GROUP", "dixons"),
    ("Cyclops Corp", "cyclops"),
    ("The Coca-Cola Company", "coca-cola"),
    ("Texaco Inc's", "texaco"),
    ("Kettle Creek Resources Ltd", "kettle creek resources"),
    ("Volvo AB", "volvo"),
    ("Nestle S.A.", "nestle"),
], ids=lambda v: v)
def test_company_key_drops_legal_suffixes(name, key):
    assert company_key(name) == key


def names_of(resolution, claim_id, name):
    return resolution.companies[resolution.of(claim_id, name)].name


def test_an_articles_long_form_short_form_and_ticker_are_one_company():
    found = resolve_companies(
        [Mention("c1", "a1", "buyer", "Dixons Group PLC"), Mention("c2", "a1", "buyer", "Dixons"),
         Mention("c3", "a1", "seller", "CYCLOPS"), Mention("c4", "a1", "buyer", "DXNS")],
        {"a1": "Dixons Group PLC <DXNS.L> said it bid for Cyclops Corp <CYL>."})
    assert found.of("c1", "Dixons Group PLC") == found.of("c2", "Dixons") == found.of("c4", "DXNS")
    company = found.companies[found.of("c1", "Dixons Group PLC")]
    assert company.name == "Dixons Group PLC"
    assert company.tickers == ["DXNS.L"]
    assert company.aliases == {"DXNS": ["a1"], "Dixons": ["a1"], "Dixons Group PLC": ["a1"]}


def test_across_articles_the_same_key_or_a_shared_ticker_is_one_company():
    found = resolve_companies(
        [Mention("c1", "a1", "buyer", "Dixons Group PLC"),
         Mention("c2", "a2", "buyer", "Dixons Group"),
         Mention("c3", "a3", "buyer", "Dixons Electrical"),
         Mention("c4", "a4", "buyer", "Dixons Retail")],
        {"a3": "Dixons Electrical <DXNS.L> said", "a1": "Dixons Group PLC <DXNS.L> said"})
    assert found.of("c1", "Dixons Group PLC") == found.of("c2", "Dixons Group")
    assert found.of("c3", "Dixons Electrical") == found.of("c1", "Dixons Group PLC")
    assert found.of("c4", "Dixons Retail") != found.of("c1", "Dixons Group PLC")


def test_a_short_name_goes_with_the_one_company_it_starts_and_no_other():
    found = resolve_companies(
        [Mention("c1", "a1", "buyer", "Allegheny International Inc"),
         Mention("c2", "a2", "seller", "Allegheny"),
         Mention("c3", "a3", "buyer", "First Boston Corp"),
         Mention("c4", "a4", "buyer", "First Chicago Corp"),
         Mention("c5", "a5", "buyer", "First")])
    assert found.of("c2", "Allegheny") == found.of("c1", "Allegheny International Inc")
    assert len({found.of("c3", "First Boston Corp"), found.of("c4", "First Chicago Corp"),
                found.of("c5", "First")}) == 3


def test_things_are_not_companies():
    found = resolve_companies([Mention("c1", "a1", "target", "analytics unit")])
    assert found.of("c1", "analytics unit") is None and not found.companies


def test_overrides_merge_split_and_rename_the_same_way_every_time(tmp_path):
    mentions = [Mention("c1", "a1", "buyer", "Allegheny International Inc"),
                Mention("c2", "a2", "seller", "Allegheny"),
                Mention("c3", "a3", "buyer", "Sunter Acquisition Corp"),
                Mention("c4", "a4", "buyer", "Sunter Holdings")]
    path = tmp_path / "companies.yaml"
    Overrides(merge=[["Sunter Holdings", "Sunter Acquisition Corp"]], split=["Allegheny"],
              rename={"Sunter Holdings": "Sunter"}).save(path)
    overrides = Overrides.load(path)
    found = resolve_companies(mentions, overrides=overrides)
    assert found.of("c2", "Allegheny") != found.of("c1", "Allegheny International Inc")
    assert found.of("c3", "Sunter Acquisition Corp") == found.of("c4", "Sunter Holdings")
    assert names_of(found, "c3", "Sunter Acquisition Corp") == "Sunter"
    again = resolve_companies(list(reversed(mentions)), overrides=Overrides.load(path))
    assert {c.id: c.name for c in again.companies.values()} == {
        c.id: c.name for c in found.companies.values()}


@pytest.mark.parametrize(("text", "error"), [
    ("merge: [Dixons]\n", "merge must be a list of lists of two or more names"),
    ("split: Dixons\n", "split must be a list of names"),
    ("rename: [Dixons]\n", "rename must map names to names"),
    ("renames: {}\n", "expected a mapping of merge, split and rename"),
    ("merge: [[a, b]\n", "not a YAML file (while parsing a flow sequence)"),
], ids=lambda v: v.strip())
def test_a_bad_companies_file_is_one_line(tmp_path, text, error):
    from newsfacts.errors import BadOverrides

    path = tmp_path / "companies.yaml"
    path.write_text(text)
    with pytest.raises(BadOverrides) as raised:
        Overrides.load(path)
    assert str(raised.value) == f"{path}: {error}"


# --- Deals ---------------------------------------------------------------------------


def claim(cid, article, published, buyers, sold, value, text="", per=None, status="agreed",
          outlet=None, deal_type="acquisition", sentence=""):
    return DealClaim(cid, article, published, outlet or f"outlet of {article}", deal_type,
                     tuple(buyers), tuple(sold), value=value, currency="USD", per=per,
                     amount_text=text or f"{value:g}", status=status, sentence=sentence)


def grouped(claims, texts=None):
    return {tuple(d.claim_ids) for d in group_claims(claims, texts)}


def test_a_raised_offer_stays_in_its_deal():
    claims = [
        claim("c1", "a1", "1987-03-02", ["dixons"], ["cyclops"], 90.25, per="share",
              status="proposed"),
        claim("c2", "a2", "1987-03-20", ["dixons"], ["cyclops"], 95.0, per="share",
              status="proposed", sentence="Dixons raised its offer for Cyclops to 95 dlrs."),
        claim("c3", "a3", "1987-04-07", ["dixons"], ["cyclops"], 384e6, status="agreed")]
    [deal] = group_claims(claims)
    assert deal.claim_ids == ["c1", "c2", "c3"]
    assert (deal.per_share, deal.value, deal.status) == (95.0, 384e6, "agreed")
    assert not deal.disputed


def test_rival_bidders_are_separate_deals_linked_by_target():
    claims = [claim("c1", "a1", "1987-03-02", ["dixons"], ["cyclops"], 90.25, per="share"),
              claim("c2", "a2", "1987-03-10", ["cyacq"], ["cyclops"], 92.5, per="share"),
              claim("c3", "a3", "1987-03-12", ["dixons"], ["cyclops"], 92.5, per="share")]
    deals = group_claims(claims)
    assert {tuple(d.claim_ids) for d in deals} == {("c1", "c3"), ("c2",)}
    assert {d.target for d in deals} == {"cyclops"}


def test_a_companys_unrelated_deals_stay_apart():
    claims = [claim("c1", "a1", "1987-03-02", ["gencorp"], ["rko"], 100e6),
              claim("c2", "a2", "1987-03-05", ["gencorp"], ["wor"], 387e6),
              claim("c3", "a3", "1987-03-06", ["rko"], ["gencorp"], 20e6),
              claim("c4", "a4", "1987-03-08", ["gencorp"], ["rko"], 100e6),
              claim("c5", "a5", "1987-03-09", ["gencorp"], ["rko"], 5e6, deal_type="loan")]
    assert grouped(claims) == {("c1", "c4"), ("c2",), ("c3",), ("c5",)}


def test_claims_far_apart_in_time_are_different_deals():
    claims = [claim("c1", "a1", "1987-01-02", ["gencorp"], ["rko"], 100e6),
              claim("c2", "a2", "1987-11-05", ["gencorp"], ["rko"], 120e6)]
    assert grouped(claims) == {("c1",), ("c2",)}


def test_a_one_sided_claim_joins_its_articles_deal_before_a_rival():
    claims = [claim("c1", "a1", "1987-03-02", ["dixons"], ["cyclops"], 90.25, per="share"),
              claim("c2", "a2", "1987-03-10", ["cyacq"], ["cyclops"], 92.5, per="share"),
              claim("c3", "a2", "1987-03-10", [], ["cyclops"], 400e6)]
    assert grouped(claims) == {("c1",), ("c2", "c3")}


def test_same_input_same_deals_and_ids_in_any_order():
    claims = [claim(f"c{i}", f"a{i % 4}", f"1987-03-{i + 1:02d}", [["dixons"], ["cyacq"]][i % 2],
                    ["cyclops"], 90 + i, per="share") for i in range(12)]
    first = [(d.id, d.claim_ids) for d in group_claims(claims)]
    shuffled = claims[:]
    random.Random(7).shuffle(shuffled)
    assert [(d.id, d.claim_ids) for d in group_claims(shuffled)] == first


STORY = ("Dixons Group PLC said it agreed to buy Cyclops Corp for 384 mln dlrs in cash after "
         "weeks of talks, and the Cyclops board backed the terms on Monday.")


def test_a_re_sent_story_counts_once_among_the_sources():
    texts = {"a1": STORY, "a2": STORY.replace("Monday", "Tuesday"), "a3": "Cyclops said ..."}
    claims = [claim("c1", "a1", "1987-03-02", ["dixons"], ["cyclops"], 384e6, outlet="Reuters"),
              claim("c2", "a2", "1987-03-02", ["dixons"], ["cyclops"], 384e6, outlet="Reuters"),
              claim("c3", "a3", "1987-03-03", ["dixons"], ["cyclops"], 384e6, outlet="Reuters")]
    [deal] = group_claims(claims, texts.get)
    assert deal.duplicates == {"a2": "a1"}
    assert (deal.articles, deal.outlets) == (2, 1)


def test_sources_that_differ_beyond_rounding_at_one_stage_make_a_dispute():
    claims = [claim("c1", "a1", "2026-03-02", ["keswick"], ["orland"], 2.4e9, "$2.4 billion",
                    status="proposed"),
              claim("c2", "a2", "2026-03-03", ["keswick"], ["orland"], 2.7e9,
                    "about $2.7 billion", status="proposed"),
              claim("c3", "a3", "2026-03-20", ["keswick"], ["orland"], 2.9e9, "$2.9 billion",
                    status="proposed", sentence="Keswick raised its offer to $2.9 billion."),
              claim("c4", "a4", "2026-04-07", ["keswick"], ["orland"], 2.9e9, "$2.9 billion")]
    [deal] = group_claims(claims)
    assert deal.disputed and deal.disagreements == [("c1", "c2")]
    assert (deal.min_value, deal.max_value, deal.value) == (2.4e9, 2.9e9, 2.9e9)


@pytest.mark.parametrize(("a", "b", "disputed"), [
    (("$1.2 billion", 1.2e9), ("$1.23 billion", 1.23e9), False),  # rounding
    (("384 mln dlrs", 384e6), ("384.5 mln dlrs", 384.5e6), False),
    (("$1.2 billion", 1.2e9), ("$1.5 billion", 1.5e9), True),
    (("384 mln dlrs", 384e6), ("390 mln dlrs", 390e6), True),
], ids=lambda v: v[0] if isinstance(v, tuple) else None)
def test_rounding_is_no_dispute(a, b, disputed):
    claims = [claim("c1", "a1", "1987-03-02", ["x"], ["y"], a[1], a[0]),
              claim("c2", "a2", "1987-03-02", ["x"], ["y"], b[1], b[0])]
    assert group_claims(claims)[0].disputed is disputed


def test_one_story_giving_both_figures_is_no_dispute():
    claims = [claim("c1", "a1", "1987-03-02", ["x"], ["y"], 1.2e9, "$1.2 billion"),
              claim("c2", "a2", "1987-03-02", ["x"], ["y"], 1.5e9, "$1.5 billion"),
              claim("c3", "a2", "1987-03-02", ["x"], ["y"], 1.2e9, "$1.2 billion")]
    assert not group_claims(claims)[0].disputed


def test_rounding_is_half_the_last_written_digit():
    one = claim("c", "a", None, [], [], 384e6, "384 mln dlrs")
    assert rounding(one) == pytest.approx(0.5e6 * 3.84)  # 0.5% is more than half a million
    assert rounding(claim("c", "a", None, [], [], 2.4e9, "$2.4 bn")) == pytest.approx(0.05e9)
