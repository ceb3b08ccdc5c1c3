"""Deals and companies in the store and on the site: the Orland story of four articles
(fixtures/articles/orland-keswick-*.txt) ingested for real, the hand-made store of
tests/sitedata.py for incremental regrouping and the pages, the CLI as a user runs it."""

from __future__ import annotations

import pytest
import sqlite_utils
from click.testing import CliRunner
from conftest import ARTICLES
from datasette.app import Datasette
from sitedata import (
    ACTIVISION,
    CONTOSO_LEDGER,
    CONTOSO_WIRE,
    FABRIKAM,
    build_site_db,
    site_metadata,
    site_settings,
)

from newsfacts.articles import Article
from newsfacts.cli import cli
from newsfacts.db import Store
from newsfacts.db.schema import migrations
from newsfacts.extract.records import Amount, Claim, Party
from newsfacts.ingest import ingest
from newsfacts.sources import read_inputs

ORLAND = sorted(ARTICLES.glob("orland-keswick-*.txt"))


@pytest.fixture(scope="module")
def orland_db(tmp_path_factory, extractor):
    path = tmp_path_factory.mktemp("orland") / "newsfacts.db"
    with Store(path) as store:
        summary = ingest(ORLAND, store, extractor=extractor)
    assert summary.new == 4 and summary.deals
    return path


def orland_deal(db):
    [deal] = db.query("select * from deals where target like 'Orland%'")
    return deal


def test_the_orland_story_is_one_deal_with_its_timeline_and_its_dispute(orland_db):
    db = sqlite_utils.Database(orland_db)
    deal = orland_deal(db)
    assert (deal["buyer"], deal["seller"], deal["deal_type"]) == (
        "Keswick Materials Inc", "Orland Chemical Co", "acquisition")
    assert (deal["status"], deal["value"], deal["per_share"]) == ("agreed", 2.9e9, 48.0)
    assert (deal["min_value"], deal["max_value"]) == (2.4e9, 2.9e9)
    assert (deal["first_reported"], deal["last_reported"]) == ("2026-03-02", "2026-04-07")
    assert (deal["articles"], deal["outlets"], deal["disputed"]) == (4, 3, 1)
    timeline = list(db.query(
        "select articles.outlet, claims.value, deal_claims.status, deal_claims.raised,"
        " deal_claims.disputed from deal_claims join claims on claims.id = deal_claims.claim_id"
        " join articles on articles.id = claims.article_id where deal_claims.deal_id = ?"
        " and claims.per is null order by articles.published", [deal["id"]]))
    assert [(r["outlet"], r["value"], r["status"], r["raised"], r["disputed"])
            for r in timeline] == [
        ("Newsfacts Wire", 2.4e9, "proposed", 0, 1),
        ("The Ledger", 2.7e9, "proposed", 0, 1),
        ("City Ledger", 2.9e9, "proposed", 1, 0),
        ("Newsfacts Wire", 2.9e9, "agreed", 0, 0)]


def test_ingesting_again_changes_nothing_and_rebuild_gives_the_same_deals(orland_db, extractor):
    db = sqlite_utils.Database(orland_db)
    before = list(db.query("select * from deals order by id"))
    with Store(orland_db) as store:
        assert ingest(ORLAND, store, extractor=extractor).deals == []
        store.rebuild_deals()
    assert list(db.query("select * from deals order by id")) == before


@pytest.fixture
def site_db(tmp_path):
    return build_site_db(tmp_path / "newsfacts.db")


def deal_rows(path):
    return {r["id"]: r for r in sqlite_utils.Database(path).query(
        "select rowid, * from deals")}


def deal_of(path, article):
    return next(sqlite_utils.Database(path).query(
        "select deal_id from deal_claims where article_id = ?", [article.id]))["deal_id"]


def test_re_ingesting_one_article_regroups_only_its_deals(site_db):
    before = deal_rows(site_db)
    contoso = deal_of(site_db, CONTOSO_LEDGER)
    changed = Article(text=CONTOSO_LEDGER.text.replace("$12 billion", "$13 billion"),
                      title=CONTOSO_LEDGER.title, outlet=CONTOSO_LEDGER.outlet,
                      published=CONTOSO_LEDGER.published, url=CONTOSO_LEDGER.url)
    sentence = changed.text.strip()
    parties = [Party("Microsoft Corp", "buyer"), Party("Contoso AI Inc", "seller")]
    claim = Claim("investment", parties, Amount("$13 billion", 13e9, "USD"), sentence, 0,
                  len(sentence),
                  attribution="people familiar with the matter")
    with Store(site_db) as store:
        store.write([(changed, [claim])])
        done = store.update_deals([changed.id])
    assert done.regrouped == done.removed == [contoso]
    after = deal_rows(site_db)
    assert after[contoso]["value"] == 13e9 and after[contoso]["max_value"] == 13e9
    # Microsoft's other deals (Activision, Fabrikam) are the rows they were.
    for article in (ACTIVISION, FABRIKAM):
        deal = deal_of(site_db, article)
        assert after[deal] == before[deal]
    assert set(after) == set(before)


def test_an_older_store_gets_its_deals_when_upgraded(tmp_path):
    path = tmp_path / "newsfacts.db"
    fresh = build_site_db(tmp_path / "fresh.db")
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="0005_companies_and_deals")
    for table in ("articles", "claims", "parties", "claim_parties"):
        old[table].insert_all(sqlite_utils.Database(fresh)[table].rows)
    old.close()
    Store(path).close()
    assert deal_rows(path).keys() == deal_rows(fresh).keys()


# --- The site ------------------------------------------------------------------------


@pytest.fixture
def ds(orland_db):
    return Datasette([str(orland_db)], metadata=site_metadata(), settings=site_settings())


@pytest.mark.asyncio
async def test_home_page_opens_on_the_deals(ds):
    html = (await ds.client.get("/")).text
    start = html.index('<ul class="newsfacts-start">')
    assert html.index('href="/newsfacts/deals"', start) < html.index('href="/newsfacts/all_claims"')
    for query in ("disputed_deals", "deals_by_status", "company_deal_history", "companies"):
        assert f'href="/newsfacts/{query}"' in html


@pytest.mark.asyncio
async def test_deals_table_links_each_deal_to_its_page(ds, orland_db):
    deal = orland_deal(sqlite_utils.Database(orland_db))
    html = (await ds.client.get("/newsfacts/deals")).text
    html = " ".join(html.split())
    assert (f'<a class="deal-link" href="/-/newsfacts/deal/{deal["id"]}"><span class="buyer">'
            'Keswick Materials Inc</span> → <span class="seller">Orland Chemical Co</span></a>'
            ) in html
    assert '<td class="col-value">$2.9 bn</td>' in html
    assert '<td class="col-per_share">$48 a share</td>' in html
    assert '<td class="col-max_value">$2.4 bn to $2.9 bn</td>' in html
    assert '<span class="disputed-flag">disputed</span>' in html


@pytest.mark.asyncio
async def test_deal_page_shows_the_timeline_and_the_disagreement(ds, orland_db):
    db = sqlite_utils.Database(orland_db)
    deal = orland_deal(db)
    response = await ds.client.get(f"/-/newsfacts/deal/{deal['id']}")
    assert response.status_code == 200
    html = " ".join(response.text.split())
    assert "Where the sources disagree" in html
    assert "<strong>Newsfacts Wire</strong> (2026-03-02) reports $2.4 bn" in html
    assert "<strong>The Ledger</strong> (2026-03-03) reports about $2.7 bn" in html
    assert html.count('<tr class="disputed">') == 2
    assert '<span class="raised">(raised)</span>' in html
    for claim in db.query("select claim_id, article_id from deal_claims where deal_id = ?",
                          [deal["id"]]):
        assert (f'href="/-/newsfacts/article/{claim["article_id"]}?claim={claim["claim_id"]}'
                f'#claim-{claim["claim_id"]}"') in html
    assert (await ds.client.get("/-/newsfacts/deal/nothing")).status_code == 404


@pytest.mark.asyncio
async def test_company_page_shows_its_names_and_deals(ds, orland_db):
    db = sqlite_utils.Database(orland_db)
    company = next(db.query("select * from companies where name = 'Keswick Materials Inc'"))
    html = " ".join((await ds.client.get(f"/-/newsfacts/company/{company['id']}")).text.split())
    assert '<span class="alias">Keswick Materials Inc</span>: in 4 articles' in html
    assert "Keswick Materials Inc → Orland Chemical Co" in html
    assert '<td class="col-role">buyer</td>' in html


@pytest.mark.asyncio
async def test_canned_queries_for_disputes_status_and_a_companys_history(ds):
    async def rows(path):
        response = await ds.client.get(path + "&_shape=objects")
        assert response.status_code == 200, response.text
        return response.json()["rows"]

    disputed = await rows("/newsfacts/disputed_deals.json?_=")
    assert [(r["outlet_a"], r["amount_a"], r["outlet_b"], r["amount_b"]) for r in disputed] in (
        [("Newsfacts Wire", "$2.4 bn", "The Ledger", "about $2.7 bn")],
        [("The Ledger", "about $2.7 bn", "Newsfacts Wire", "$2.4 bn")])
    by_status = await rows("/newsfacts/deals_by_status.json?status=")
    assert {r["status"]: r["deals"] for r in by_status}["agreed"] >= 1
    history = await rows("/newsfacts/company_deal_history.json?company=Orland")
    assert [(r["company"], r["side"], r["status"], r["amount"]) for r in history] == [
        ("Orland Chemical Co", "seller or target", "agreed", "$2.9 bn")]


# --- The command line ----------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_deals_rebuild(site_db):
    result = run("deals", "rebuild", "--db", site_db)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("5 deals from 7 claims, ")


def test_companies_merge_split_and_rename_edit_the_file_and_regroup(site_db):
    db = sqlite_utils.Database(site_db)
    result = run("companies", "rename", "Microsoft", "Microsoft Corporation", "--db", site_db)
    assert result.exit_code == 0, result.output
    assert "rename Microsoft, Microsoft Corporation" in result.output
    assert {r["buyer"] for r in db.query("select buyer from deals")} >= {"Microsoft Corporation"}
    assert run("companies", "merge", "Fabrikam", "Contoso AI", "--db", site_db).exit_code == 0
    assert deal_of(site_db, FABRIKAM) != deal_of(site_db, CONTOSO_WIRE)
    [row] = db.query("select count(distinct company_id) as n from claim_companies where name in"
                     " ('Fabrikam', 'Contoso AI')")
    assert row["n"] == 1
    text = (site_db.parent / "companies.yaml").read_text()
    assert "- - Contoso AI\n  - Fabrikam\n" in text and "Microsoft: Microsoft Corporation" in text
    assert run("companies", "split", "Fabrikam", "--db", site_db).exit_code == 0
    [row] = db.query("select count(distinct company_id) as n from claim_companies where name in"
                     " ('Fabrikam', 'Contoso AI')")
    assert row["n"] == 2


def test_companies_refuse_a_name_no_company_goes_by(site_db):
    result = CliRunner().invoke(cli, ["companies", "merge", "Nobody Inc", "Fabrikam", "--db",
                                      str(site_db)])
    assert result.exit_code == 1
    assert result.output == f"Error: Nobody Inc: no company goes by this name in {site_db}\n"
    missing = site_db.parent / "missing.db"
    result = CliRunner().invoke(cli, ["deals", "rebuild", "--db", str(missing)])
    assert result.output == f"Error: {missing}: no such database (run newsfacts ingest first)\n"


def test_claims_an_ingest_left_ungrouped_are_grouped_by_the_next(tmp_path, extractor):
    # A killed ingest stores whole articles but may stop before it groups their claims;
    # the next ingest finds nothing new to write and groups them all the same.
    source = tmp_path / "orland.txt"
    source.write_text(ORLAND[0].read_text(encoding="utf-8"), encoding="utf-8")
    with Store(tmp_path / "newsfacts.db") as store:
        [(article, claims)] = list(extractor.pipe(list(read_inputs([source]))))
        store.write([(article, claims)])
        assert store.has_ungrouped_claims()
        summary = ingest([source], store, extractor=extractor)
        assert summary.unchanged == 1 and len(summary.deals) == 1
        assert not store.has_ungrouped_claims()
