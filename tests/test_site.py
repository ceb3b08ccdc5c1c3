"""The site in process: Datasette with our metadata, settings and plugin over a store
written by hand (tests/sitedata.py), asked through ``ds.client`` as a browser or an API
client would ask it.
"""

from __future__ import annotations

import json
import re

import pytest
import sqlite_utils
from datasette.app import Datasette
from sitedata import (
    ACTIVISION,
    CONTOSO_LEDGER,
    CONTOSO_WIRE,
    QUIET,
    SCRIPT,
    build_site_db,
    site_metadata,
    site_settings,
)

from newsfacts.db.chart import Bar, bar_chart
from newsfacts.db.pages import split_at_evidence

QUERIES = ["deals_with_company", "largest_deals", "deals_by_month", "deals_by_outlet",
           "disagreeing_amounts", "articles_without_claims", "disputed_deals", "deals_by_status",
           "company_deal_history"]


@pytest.fixture(scope="module")
def site_db(tmp_path_factory):
    return build_site_db(tmp_path_factory.mktemp("site") / "newsfacts.db")


@pytest.fixture
def ds(site_db):
    return Datasette([str(site_db)], metadata=site_metadata(), settings=site_settings())


async def get_rows(ds, path: str) -> list[dict]:
    response = await ds.client.get(path + ("&" if "?" in path else "?") + "_shape=objects")
    assert response.status_code == 200, response.text
    return response.json()["rows"]


def claim_id(db_path, article, ordinal=0) -> str:
    db = sqlite_utils.Database(db_path)
    return next(db.query("select id from claims where article_id = ? and ordinal = ?",
                         [article.id, ordinal]))["id"]


# --- Home page and metadata ---------------------------------------------------------


@pytest.mark.asyncio
async def test_home_page_says_what_the_data_is_and_how_to_query_it(ds):
    html = " ".join((await ds.client.get("/")).text.split())
    for words in ["How claims are extracted", "money grammar", "cue filter", "dependency parse",
                  "One claim per amount per article", "confidence",
                  "Reuters-21578, Distribution 1.0", "Carnegie Group", "How to query",
                  "written by the newsfacts team"]:
        assert words in html
    for query in QUERIES:
        assert f'href="/newsfacts/{query}' in html


def test_every_table_view_and_column_is_described(site_db):
    tables = site_metadata()["databases"]["newsfacts"]["tables"]
    db = sqlite_utils.Database(site_db)
    names = [t for t in db.table_names() if "_fts" not in t] + db.view_names()
    for name in names:
        assert tables[name]["description"], name
        undescribed = {c.name for c in db[name].columns} - set(tables[name]["columns"])
        assert not undescribed, f"{name}: {undescribed}"


def test_no_canned_query_writes():
    queries = site_metadata()["databases"]["newsfacts"]["queries"]
    assert sorted(queries) == sorted(QUERIES)
    for name, query in queries.items():
        assert not query.get("write"), name
        assert query["sql"].lstrip().startswith(("select", "with")), name


@pytest.mark.asyncio
async def test_sql_that_writes_is_refused(ds, site_db):
    response = await ds.client.get("/newsfacts.json?sql=delete+from+claims")
    assert response.status_code == 400
    assert response.json()["error"] == "Statement must be a SELECT"
    assert sqlite_utils.Database(site_db)["claims"].count == 7


@pytest.mark.asyncio
async def test_newsfacts_money_and_number_are_sql_functions(ds):
    rows = await get_rows(ds, "/newsfacts.json?sql=select+newsfacts_money(45e9,'USD',null)+as+a,"
                              "+newsfacts_money(5e9,'USD',null,'up_to',null)+as+b,"
                              "+newsfacts_number('1.5+bn')+as+c")
    assert rows == [{"a": "$45.0 bn", "b": "up to $5.0 bn", "c": 1.5e9}]


@pytest.mark.asyncio
async def test_a_store_served_under_another_name_gets_a_warning(site_db, tmp_path, capsys):
    other = tmp_path / "deals.db"
    other.write_bytes(site_db.read_bytes())
    ds = Datasette([str(other)], metadata=site_metadata())
    await ds.invoke_startup()
    assert capsys.readouterr().err == (
        f"newsfacts: {other} is served as 'deals', but the metadata describes 'newsfacts': "
        "serve a file named newsfacts.db to get its descriptions and canned queries\n")


# --- The deals view -----------------------------------------------------------------


@pytest.mark.asyncio
async def test_deals_are_sorted_newest_first(ds):
    rows = await get_rows(ds, "/newsfacts/all_claims.json")
    dates = [row["published"] for row in rows]
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == "2025-11-20"
    assert len(rows) == 7


@pytest.mark.asyncio
async def test_deals_have_facets_by_type_currency_outlet_month_and_party(ds):
    facets = (await ds.client.get("/newsfacts/all_claims.json")).json()["facet_results"]
    counts = {name: {r["value"]: r["count"] for r in facet["results"]}
              for name, facet in facets.items()}
    assert counts["deal_type"] == {"acquisition": 4, "investment": 2, "asset_sale": 1}
    assert counts["currency"] == {"USD": 5, "GBP": 1, "CAD": 1}
    assert counts["outlet"]["Newsfacts Wire"] == 2
    assert counts["month"]["2025-11"] == 2
    # "Microsoft" and "Microsoft Corp" have one name key: one party.
    assert counts["parties"]["Microsoft Corp"] == 5
    assert counts["parties"]["Contoso AI"] == 2


@pytest.mark.asyncio
async def test_party_facet_and_filters_find_microsoft_deals_over_1_bn_since_2025(ds):
    rows = await get_rows(ds, "/newsfacts/all_claims.json?parties__arraycontains=Microsoft+Corp"
                              "&value__gt=1000000000&published__gte=2025")
    assert [(r["outlet"], r["value"]) for r in rows] == [("The Ledger", 12e9),
                                                          ("Newsfacts Wire", 10e9)]


@pytest.mark.asyncio
async def test_search_looks_in_evidence_and_in_article_text(ds):
    evidence = await get_rows(ds, "/newsfacts/all_claims.json?_search=Contoso")
    assert {r["article_id"] for r in evidence} == {CONTOSO_WIRE.id, CONTOSO_LEDGER.id}
    # "Call of Duty" is in the second sentence only, "Tuesday" in the first only; the
    # article text holds both, so both claims of the article match either word.
    for word in ["Duty", "Tuesday"]:
        rows = await get_rows(ds, f"/newsfacts/all_claims.json?_search={word}")
        assert [r["article_id"] for r in rows] == [ACTIVISION.id, ACTIVISION.id]
    assert await get_rows(ds, "/newsfacts/all_claims.json?_search=nothinglikethis") == []


@pytest.mark.asyncio
async def test_deals_page_has_a_search_box_and_readable_cells(ds, site_db):
    html = (await ds.client.get("/newsfacts/all_claims?_search=Contoso")).text
    assert '<input id="_search" type="search" name="_search" value="Contoso">' in html
    assert "2 rows where search matches &#34;Contoso&#34;" in html
    assert "up to $10.0 bn" in html and "$12.0 bn" in html
    evidence = f'/-/newsfacts/article/{CONTOSO_LEDGER.id}?claim={claim_id(site_db, CONTOSO_LEDGER)}'
    assert f'<a href="{evidence}#claim-' in html
    assert '<td class="col-term_months">60 months</td>' in html


@pytest.mark.asyncio
async def test_deals_page_shows_every_column_when_asked(ds):
    html = (await ds.client.get("/newsfacts/all_claims?_col=claim_id&_col=value")).text
    assert 'class="rows-and-columns newsfacts-claims"' not in html
    assert 'data-column="claim_id"' in html


@pytest.mark.asyncio
async def test_claims_and_articles_pages_link_to_the_article_page(ds):
    claims = (await ds.client.get("/newsfacts/claims")).text
    assert f'href="/-/newsfacts/article/{CONTOSO_WIRE.id}?claim=' in claims
    articles = (await ds.client.get("/newsfacts/articles")).text
    assert f'<a href="/-/newsfacts/article/{CONTOSO_WIRE.id}">Microsoft commits' in articles


# --- Canned queries -----------------------------------------------------------------


@pytest.mark.asyncio
async def test_deals_with_company(ds):
    rows = await get_rows(ds, "/newsfacts/deals_with_company.json?company=microsoft"
                              "&min_value=1+bn&currency=usd&since=2025&until=")
    assert [(r["outlet"], r["amount"]) for r in rows] == [("The Ledger", "$12.0 bn"),
                                                           ("Newsfacts Wire", "up to $10.0 bn")]
    everything = await get_rows(ds, "/newsfacts/deals_with_company.json?company=Microsoft"
                                    "&min_value=&currency=&since=&until=2022")
    assert [r["amount"] for r in everything] == ["$68.7 bn", "$95 a share"]
    assert await get_rows(ds, "/newsfacts/deals_with_company.json?company=Nobody&min_value="
                              "&currency=&since=&until=") == []


@pytest.mark.asyncio
async def test_largest_deals_ranks_within_a_currency(ds):
    rows = await get_rows(ds, "/newsfacts/largest_deals.json?currency=&since=&until=")
    assert [(r["rank"], r["amount"]) for r in rows] == [
        (1, "$68.7 bn"), (2, "$12.0 bn"), (3, "up to $10.0 bn"), (4, "$300 m")]
    in_2025 = await get_rows(ds, "/newsfacts/largest_deals.json?currency=USD&since=2025-02"
                                 "&until=2025-11-18")
    assert [r["amount"] for r in in_2025] == ["up to $10.0 bn", "$300 m"]
    pounds = await get_rows(ds, "/newsfacts/largest_deals.json?currency=GBP&since=&until=")
    assert [r["amount"] for r in pounds] == ["£5.4 bn"]


@pytest.mark.asyncio
async def test_deals_by_month(ds):
    rows = await get_rows(ds, "/newsfacts/deals_by_month.json?currency=")
    assert [(r["month"], r["deals"], r["total"], r["largest"]) for r in rows] == [
        ("2022-01", 1, "$68.7 bn", "$68.7 bn"),
        ("2025-02", 1, "$300 m", "$300 m"),
        ("2025-11", 2, "$22.0 bn", "$12.0 bn")]


@pytest.mark.asyncio
async def test_deals_by_month_page_draws_a_chart_of_the_rows(ds):
    html = (await ds.client.get("/newsfacts/deals_by_month?currency=USD")).text
    chart = re.search(r'<svg class="newsfacts-chart".*?</svg>', html, re.DOTALL)[0]
    assert "Total value of deals by month, USD" in chart
    assert re.findall(r'data-label="([^"]+)"', chart) == ["2022-01", "2025-02", "2025-11"]
    assert "$22.0 bn" in chart
    assert "<title>Deals by month: newsfacts</title>" in html


@pytest.mark.asyncio
async def test_deals_by_outlet(ds):
    rows = await get_rows(ds, "/newsfacts/deals_by_outlet.json")
    by_outlet = {r["outlet"]: (r["articles"], r["articles_with_claims"], r["claims"])
                 for r in rows}
    assert by_outlet == {"Newsfacts Wire": (2, 2, 2), "Play Wire": (1, 1, 2),
                         "The Ledger": (2, 1, 1), "City Ledger": (1, 1, 1),
                         "Ledger Wire Service": (2, 1, 1)}


@pytest.mark.asyncio
async def test_disagreeing_amounts_pairs_outlets_on_the_same_deal(ds, site_db):
    rows = await get_rows(ds, "/newsfacts/disagreeing_amounts.json")
    assert [(r["outlet_a"], r["amount_a"], r["outlet_b"], r["amount_b"]) for r in rows] == [
        ("Newsfacts Wire", "up to $10.0 bn", "The Ledger", "$12.0 bn")]
    html = (await ds.client.get("/newsfacts/disagreeing_amounts")).text
    ledger_claim = claim_id(site_db, CONTOSO_LEDGER)
    assert f'href="/-/newsfacts/article/{CONTOSO_LEDGER.id}?claim={ledger_claim}' in html


@pytest.mark.asyncio
async def test_articles_without_claims_lists_those_mentioning_money_first(ds):
    rows = await get_rows(ds, "/newsfacts/articles_without_claims.json")
    assert [(r["article_id"], r["mentions_money"]) for r in rows] == [(SCRIPT.id, 1),
                                                                       (QUIET.id, 0)]


# --- The article page ---------------------------------------------------------------


@pytest.mark.asyncio
async def test_article_page_marks_the_evidence_of_each_claim(ds, site_db):
    selected = claim_id(site_db, ACTIVISION, 1)
    html = (await ds.client.get(f"/-/newsfacts/article/{ACTIVISION.id}?claim={selected}")).text
    marks = re.findall(r'<mark class="([^"]+)" data-claims="([^"]+)">(.*?)</mark>', html)
    assert [(classes, text) for classes, _, text in marks] == [
        ("evidence", "Microsoft Corp said on Tuesday it would buy Activision Blizzard for "
                     "$68.7 billion in cash."),
        ("evidence selected", "Microsoft will pay $95 a share for the maker of Call of Duty.")]
    assert f'<span class="claim-anchor" id="claim-{selected}"></span>' in html
    assert f'<section class="claim-card selected" id="card-{selected}">' in html
    assert "$95 a share" in html and "Activision Blizzard" in html
    assert "2 deal claims" in html


@pytest.mark.asyncio
async def test_article_page_says_which_rules_made_a_claim(ds, site_db):
    html = (await ds.client.get(f"/-/newsfacts/article/{ACTIVISION.id}")).text
    assert "<summary>why: 3 rules</summary>" in html
    assert ('<li><code class="rule">inherit.seller-of-deal-before</code> seller/target = '
            "Activision Blizzard (the deal named before)</li>") in html
    stored = sqlite_utils.Database(site_db)["claims"].get(claim_id(site_db, ACTIVISION, 1))
    assert [step["rule"] for step in json.loads(stored["trace"])] == [
        "link.parse", "pay.subj", "inherit.seller-of-deal-before"]


@pytest.mark.asyncio
async def test_article_page_shows_html_in_articles_as_text(ds):
    html = (await ds.client.get(f"/-/newsfacts/article/{SCRIPT.id}")).text
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Tremont" in html
    assert "value &amp; more" in html
    assert "No deal claims" in html


@pytest.mark.asyncio
async def test_article_page_of_an_unknown_article_is_not_found(ds):
    response = await ds.client.get("/-/newsfacts/article/a-000000000000")
    assert response.status_code == 404
    assert "No article with id a-000000000000" in response.text


@pytest.mark.asyncio
async def test_static_css_is_served_and_linked(ds):
    css = await ds.client.get("/-/newsfacts/static/newsfacts.css")
    assert css.status_code == 200 and "mark.evidence" in css.text
    assert '<link rel="stylesheet" href="/-/newsfacts/static/newsfacts.css">' in (
        await ds.client.get("/")).text
    assert (await ds.client.get("/-/newsfacts/static/..%2F..%2Fschema.py")).status_code == 404


# --- The pure parts -----------------------------------------------------------------


SPANS = [  # text           spans                              runs (text, claims)
    ("Ab. Cd. Ef.", [("x", 4, 7)], [("Ab. ", ()), ("Cd.", ("x",)), (" Ef.", ())]),
    ("Ab. Cd.", [("x", 0, 3), ("y", 0, 3)], [("Ab.", ("x", "y")), (" Cd.", ())]),
    ("Ab. Cd.", [("x", 0, 7), ("y", 4, 7)], [("Ab. ", ("x",)), ("Cd.", ("x", "y"))]),
    ("Ab.", [("x", 2, 9)], [("Ab.", ())]),  # offsets past the text: left out
]


@pytest.mark.parametrize("text,spans,runs", SPANS, ids=[str(s[1]) for s in SPANS])
def test_split_at_evidence(text, spans, runs):
    segments = split_at_evidence(text, spans)
    assert [(s.text, s.claims) for s in segments] == runs
    assert "".join(s.text for s in segments) == text


def test_bar_chart_escapes_labels_and_draws_one_bar_per_row():
    svg = bar_chart([Bar("<b>", 1.0, "one"), Bar("2025-11", 3.0, "three")], "A & B")
    assert svg.count('class="bar"') == 2
    assert "&lt;b&gt;" in svg and "<b>" not in svg and "A &amp; B" in svg
    assert bar_chart([], "empty") == ""
