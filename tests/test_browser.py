"""The site in a real browser: Debian's chromium, driven by Playwright, against a real
``newsfacts serve`` on the hand-made store. Skipped where chromium is not installed
(see conftest.py); no request may leave 127.0.0.1.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sitedata import (
    AWKWARD_IDS,
    CHROMIUM,
    CHROMIUM_ARGS,
    CLAIMS,
    CONTOSO_LEDGER,
    CONTOSO_WIRE,
    HOSTILE_URLS,
    hostile_articles,
)

from newsfacts.db.pages import article_path
from newsfacts.db.security import is_linkable_url

pytestmark = pytest.mark.browser

LEDGER_SENTENCE = CLAIMS[CONTOSO_LEDGER.id][0].sentence


@pytest.fixture(scope="module")
def browser():
    # Module, not session: a running sync Playwright holds an event loop in this thread,
    # which pytest-asyncio's tests in other modules could not start theirs beside.
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _page_on(browser, site):
    """A page on ``site``; any request for another host fails the test."""
    context = browser.new_context(base_url=site, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    elsewhere = []

    def only_the_site(route):
        if route.request.url.startswith(site):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_site)
    yield page
    context.close()
    assert elsewhere == []


@pytest.fixture
def page(browser, site):
    """A page on the site of the hand-made store."""
    yield from _page_on(browser, site)


@pytest.fixture
def hostile_page(browser, hostile_site):
    """A page on the site of hostile URLs and awkward ids (sitedata.hostile_articles)."""
    yield from _page_on(browser, hostile_site)


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def test_home_page_explains_the_data_and_links_the_questions(page):
    page.goto("/")
    expect(page.locator("h1")).to_have_text("newsfacts")
    expect(page.locator("#how-claims-are-extracted")).to_be_visible()
    expect(page.get_by_role("link", name="Deals involving a company")).to_be_visible()
    expect(page.get_by_role("link", name="All deals")).to_be_visible()


def test_facet_click_filters_the_deals(page):
    page.goto("/newsfacts/all_claims")
    page.locator("#facet-deal_type").get_by_role("link", name="investment").click()
    expect(page).to_have_url(re.compile(r"/newsfacts/all_claims\?deal_type=investment$"))
    expect(page.locator("table.newsfacts-claims td.col-deal_type")).to_have_text(
        ["investment", "investment"])


def test_search_finds_deals_by_evidence_and_article_text(page):
    page.goto("/newsfacts/all_claims")
    page.locator("#_search").fill("Contoso")
    page.locator("#_search").press("Enter")
    expect(page.locator("h3").first).to_contain_text('2 rows where search matches "Contoso"')
    expect(page.locator("table.newsfacts-claims td.col-value")).to_have_text(
        ["$12.0 bn", "up to $10.0 bn"])


def test_canned_query_takes_a_parameter(page):
    page.goto("/newsfacts/largest_deals")
    page.get_by_label("currency").fill("GBP")
    page.get_by_role("button", name="Run SQL").click()
    expect(page.locator("td.col-amount")).to_have_text(["£5.4 bn"])


def test_chart_of_deal_value_by_month_renders(page):
    page.goto("/newsfacts/deals_by_month")
    chart = page.locator("svg.newsfacts-chart")
    expect(chart).to_be_visible()
    bars = chart.locator("rect.bar")
    expect(bars).to_have_count(3)
    heights = [bars.nth(i).bounding_box()["height"] for i in range(3)]
    assert heights[0] > heights[2] > heights[1] > 0  # $68.7 bn, $300 m, $22.0 bn


def test_article_page_highlights_the_evidence_of_the_claim(page):
    page.goto("/newsfacts/all_claims?_search=familiar")
    page.get_by_role("link", name=LEDGER_SENTENCE).click()
    selected = page.locator("mark.evidence.selected")
    expect(selected).to_have_text(LEDGER_SENTENCE)
    expect(selected).to_be_in_viewport()
    expect(page.locator(".claim-card.selected h3")).to_contain_text("$12.0 bn")


def test_microsoft_deals_over_1_bn_since_2025_from_the_home_page(page):
    """The done test: no SQL, from the home page to the evidence of one deal."""
    page.goto("/")
    page.get_by_role("link", name="Deals involving a company").click()
    page.get_by_label("company").fill("Microsoft")
    page.get_by_label("min_value").fill("1 bn")
    page.get_by_label("currency").fill("USD")
    page.get_by_label("since").fill("2025-01-01")
    page.get_by_role("button", name="Run SQL").click()
    expect(page.locator("td.col-amount")).to_have_text(["$12.0 bn", "up to $10.0 bn"])
    expect(page.locator("td.col-outlet")).to_have_text(["The Ledger", "Newsfacts Wire"])
    page.locator("td.col-sentence a").first.click()
    expect(page).to_have_url(re.compile(
        rf"/-/newsfacts/article/{CONTOSO_LEDGER.id}\?claim=\w+#claim-\w+$"))
    expect(page.locator("h1")).to_have_text(CONTOSO_LEDGER.title)
    expect(page.locator("mark.evidence.selected")).to_have_text(LEDGER_SENTENCE)


def test_microsoft_deals_over_1_bn_since_2025_by_facet_and_filters(page):
    """The same question through the deals view: a party facet, then two filters."""
    page.goto("/newsfacts/all_claims")
    page.locator("#facet-parties").get_by_role("link", name="Microsoft Corp").click()
    for column, op, value in [("value", ">", "1000000000"), ("published", "≥", "2025")]:
        page.locator('select[name="_filter_column"]').select_option(column)
        page.locator('select[name="_filter_op"]').select_option(label=op)
        page.locator('input[name="_filter_value"]').fill(value)
        page.get_by_role("button", name="Apply").click()
    expect(page.locator("table.newsfacts-claims td.col-value")).to_have_text(
        ["$12.0 bn", "up to $10.0 bn"])
    row = page.locator("table.newsfacts-claims tbody tr").nth(1)
    row.locator("td.col-sentence a").first.click()
    expect(page.locator("h1")).to_have_text(CONTOSO_WIRE.title)
    expect(page.locator("mark.evidence.selected")).to_have_text(
        CLAIMS[CONTOSO_WIRE.id][0].sentence)


# --- Hostile input (issue 11) -------------------------------------------------------

ID_AT_URL = {article.url: article.id for article, _ in hostile_articles() if article.url}


@pytest.mark.parametrize("url", [u for u in HOSTILE_URLS if not is_linkable_url(u)],
                         ids=[repr(u) for u in HOSTILE_URLS if not is_linkable_url(u)])
def test_clicking_the_original_of_a_script_url_runs_nothing(hostile_page, hostile_site, url):
    """A javascript: or data: URL from an input ran script when a reader clicked "original"."""
    dialogs = []
    hostile_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    path = article_path(ID_AT_URL[url])
    hostile_page.goto(path)
    original = hostile_page.locator(".article-meta .original, .article-meta .unlinked-url")
    original.click()
    # A javascript: URL runs as a task after the click: let the page finish its tasks.
    hostile_page.evaluate("() => new Promise(resolve => setTimeout(resolve, 50))")
    assert dialogs == []
    expect(hostile_page).to_have_url(hostile_site + path)
    expect(original).to_have_text(url)


def test_the_original_at_an_http_url_is_a_link(hostile_page):
    url = next(u for u in HOSTILE_URLS if is_linkable_url(u))
    hostile_page.goto(article_path(ID_AT_URL[url]))
    expect(hostile_page.locator(".article-meta a.original")).to_have_attribute("href", url)


def test_every_awkward_id_opens_from_the_articles_table(hostile_page):
    for n, article_id in enumerate(AWKWARD_IDS):
        hostile_page.goto("/newsfacts/articles?_size=100")
        hostile_page.get_by_role("link", name=f"Awkward id {n}", exact=True).click()
        expect(hostile_page.locator("h1")).to_have_text(f"Awkward id {n}")
        expect(hostile_page.locator(".article-meta .id")).to_have_text(article_id)


def test_pages_work_under_the_content_security_policy(page):
    """No inline script but Datasette's own runs; those and the site's scripts still do."""
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    for path in ["/", "/newsfacts/deals", "/newsfacts/claims", "/newsfacts/deals_by_month",
                 f"/-/newsfacts/article/{CONTOSO_LEDGER.id}", "/newsfacts"]:
        page.goto(path)
    # The SQL editor is started by one of Datasette's inline scripts.
    expect(page.locator(".CodeMirror")).to_be_visible()
    assert refused == []


def test_a_script_injected_into_a_page_is_refused(page):
    """What a missed escape would let in: the policy stops it in the browser all the same."""
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto("/newsfacts/deals")
    ran = page.evaluate("""() => {
        window.injected = false;
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.body.appendChild(script);
        return window.injected;
    }""")
    assert ran is False
    assert refused


# --- Deals and companies -------------------------------------------------------------


def test_from_the_home_page_to_a_deal_its_timeline_and_its_evidence(page):
    page.goto("/")
    page.get_by_role("link", name="All deals").click()
    expect(page).to_have_url(re.compile(r"/newsfacts/deals$"))
    deal = page.locator("table.newsfacts-deal-list a.deal-link").filter(has_text="Contoso AI")
    expect(deal).to_have_count(1)
    deal.click()
    expect(page.locator("h1.deal-title")).to_have_text("Microsoft Corp → Contoso AI Inc")
    expect(page.locator("dd.sources")).to_have_text("2 articles, 2 outlets")
    timeline = page.locator("table.newsfacts-timeline tbody tr")
    expect(timeline.locator("td.col-outlet")).to_have_text(["Newsfacts Wire", "The Ledger"])
    expect(timeline.locator("td.col-status")).to_have_text(["agreed", "rumoured"])
    expect(timeline.locator("td.col-amount")).to_have_text(["up to $10.0 bn", "$12.0 bn"])
    timeline.nth(1).locator("td.col-sentence a").click()
    expect(page.locator("h1")).to_have_text(CONTOSO_LEDGER.title)
    expect(page.locator("mark.evidence.selected")).to_have_text(LEDGER_SENTENCE)


def test_company_page_lists_its_names_and_its_deals_over_time(page):
    page.goto("/newsfacts/companies?name=Microsoft+Corp")
    page.locator("table.rows-and-columns td.col-name a").first.click()
    expect(page.locator("h1")).to_have_text("Microsoft Corp")
    expect(page.locator("ul.aliases span.alias")).to_have_text(["Microsoft", "Microsoft Corp"])
    expect(page.locator("table.newsfacts-company-deals td.col-deal")).to_have_text([
        "Microsoft Corp → Activision Blizzard", "Microsoft Corp → Fabrikam",
        "Microsoft Corp → Contoso AI Inc"])
    page.get_by_role("link", name="Microsoft Corp → Fabrikam").click()
    expect(page.locator("h1.deal-title")).to_have_text("Microsoft Corp → Fabrikam")
    expect(page.locator("dd.total")).to_have_text("$300 m")
