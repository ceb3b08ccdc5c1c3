"""The site against hostile input (issue 11): stored URLs that are no web address, article
ids that are awkward in a path, requests for another host, SQL that would take GBs, and a
corrupt file given to ``newsfacts serve``. In process through ``ds.client``; the served
process and the browser are in test_serve.py and test_browser.py.
"""

from __future__ import annotations

import html
import re

import pytest
import sqlite_utils
from datasette.app import Datasette
from markupsafe import escape
from sitedata import (
    AWKWARD_IDS,
    HOSTILE_URLS,
    build_hostile_db,
    site_metadata,
    site_settings,
)

from newsfacts.articles import Article
from newsfacts.db import Store
from newsfacts.db.pages import article_path
from newsfacts.db.security import (
    MAX_VALUE_BYTES,
    allow_host,
    allowed_hosts,
    is_linkable_url,
    script_hash,
    url_html,
)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    return build_hostile_db(tmp_path_factory.mktemp("hostile") / "newsfacts.db")


@pytest.fixture
def ds(hostile_db):
    return Datasette([str(hostile_db)], metadata=site_metadata(), settings=site_settings())


def hrefs(page: str) -> list[str]:
    """Every href of a page, as the browser reads it."""
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', page)]


def article_id_at(db_path, url: str) -> str:
    return next(sqlite_utils.Database(db_path).query(
        "select id from articles where url = ?", [url]))["id"]


# --- One URL policy: http(s) URLs are links, anything else is text ------------------

LINKABLE = [  # url                                          a link?
    ("https://news.example/2025/11/deal", True),
    ("http://news.example", True),
    ("HTTPS://NEWS.EXAMPLE/A", True),
    ("https://ok.example/deal?a=1&b=\"><script>alert(1)</script>", True),
    # Scripts and documents a click would run.
    ("javascript:alert(document.domain)", False),
    ("JaVaScRiPt:alert(document.domain)", False),
    (" javascript:alert(document.domain)", False),
    ("java\tscript:alert(document.domain)", False),
    ("java\nscript:alert(1)", False),
    ("\x01javascript:alert(1)", False),
    ("data:text/html,<script>alert(document.domain)</script>", False),
    ("vbscript:msgbox(1)", False),
    ("file:///etc/passwd", False),
    # Not absolute: a link would point into the site or to whatever host follows "//".
    ("//evil.example/x", False),
    ("/newsfacts/claims", False),
    ("news.example/deal", False),
    ("https://", False),
    ("https:evil.example", False),
    # Whitespace: a browser would drop or encode it; shown as stored instead.
    ("https://news.example/a b", False),
    ("https://news.example/\u00a0", False),
    ("", False),
]


@pytest.mark.parametrize("url,linkable", LINKABLE, ids=[repr(r[0]) for r in LINKABLE])
def test_is_linkable_url(url, linkable):
    assert is_linkable_url(url) is linkable
    link = str(url_html(url, "original"))
    assert link.startswith("<a href=" if linkable else '<span class="unlinked-url"')


@pytest.mark.asyncio
@pytest.mark.parametrize("url", HOSTILE_URLS, ids=[repr(u) for u in HOSTILE_URLS])
async def test_article_page_links_the_original_only_at_an_http_url(ds, hostile_db, url):
    response = await ds.client.get(article_path(article_id_at(hostile_db, url)))
    assert response.status_code == 200
    if is_linkable_url(url):
        assert url in hrefs(response.text)
        assert '"><script>' not in response.text
    else:
        assert url not in hrefs(response.text)
        # Shown as text, so the reader still sees what the source claimed.
        assert f'<span class="unlinked-url" title="not an http(s) URL">' \
               f'{html.escape(url)}</span>' in response.text


def is_harmless_href(href: str) -> bool:
    """A link within the site, or to the web over http(s)."""
    return is_linkable_url(href) or (href[:1] in {"/", "?", "#"} and not href.startswith("//"))


@pytest.mark.asyncio
@pytest.mark.parametrize("path", [
    "/newsfacts/articles",
    "/newsfacts/articles?_col=url&_col=title",
    "/newsfacts/deals",
    "/newsfacts/deals?_col=url&_col=title&_col=sentence",
    "/newsfacts?sql=select+url,+id+as+article_id,+title+from+articles",
])
async def test_tables_and_queries_link_only_http_urls(ds, path):
    page = (await ds.client.get(path)).text
    assert [h for h in hrefs(page) if not is_harmless_href(h)] == []
    for url in HOSTILE_URLS:
        if not is_linkable_url(url) and url.startswith(("/", "//")):
            assert url not in hrefs(page)


# --- Any stored id opens its article page -------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("article_id", AWKWARD_IDS)
async def test_any_article_id_opens_its_page(ds, article_id):
    response = await ds.client.get(article_path(article_id))
    assert response.status_code == 200, response.text
    assert f"<span class=\"id\">{escape(article_id)}</span>" in response.text


@pytest.mark.asyncio
async def test_articles_table_links_each_awkward_id_to_its_page(ds):
    page = (await ds.client.get("/newsfacts/articles.json?_shape=array&_col=title")).json()
    assert {r["id"] for r in page} >= set(AWKWARD_IDS)
    table = (await ds.client.get("/newsfacts/articles?_size=100")).text
    for article_id in AWKWARD_IDS:
        assert article_path(article_id) in hrefs(table)


def test_article_path_uses_only_characters_no_proxy_rewrites():
    for article_id in AWKWARD_IDS:
        tail = article_path(article_id).removeprefix("/-/newsfacts/article/")
        assert re.fullmatch(r"[A-Za-z0-9_~+.-]+", tail), tail


# --- Headers, and only the hosts the site is served as ------------------------------

PAGES = ["/", "/newsfacts", "/newsfacts/deals", "/newsfacts/articles", "/newsfacts/claims",
         "/newsfacts/deals_by_month", "/newsfacts?sql=select+1", "/newsfacts/deals.json",
         "/-/newsfacts/static/newsfacts.css"]


@pytest.mark.asyncio
@pytest.mark.parametrize("path", PAGES)
async def test_every_response_carries_the_security_headers(ds, path):
    response = await ds.client.get(path)
    assert response.status_code == 200
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    policy = dict(d.strip().split(" ", 1) for d in
                  response.headers["content-security-policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in policy["script-src"]
    if response.headers["content-type"].startswith("text/html"):
        # Datasette's own inline scripts (the SQL editor, closing menus) are allowed by
        # hash, and no other inline script may run. (JSON holds "<script>" as data: nosniff.)
        scripts = re.findall(r"<script>(.*?)</script>", response.text, re.S)
        assert scripts
        for script in scripts:
            assert script_hash(script) in policy["script-src"].split(), script[:60]


@pytest.mark.asyncio
async def test_the_article_page_of_a_hostile_url_carries_the_headers_too(ds, hostile_db):
    response = await ds.client.get(article_path(article_id_at(hostile_db, HOSTILE_URLS[0])))
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]


@pytest.mark.asyncio
@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "127.0.0.1:8001", "LOCALHOST.",
                                  "localhost:8001"])
async def test_the_site_answers_to_localhost(ds, host):
    assert (await ds.client.get("/newsfacts/deals.json", headers={"host": host})).status_code == 200


@pytest.mark.asyncio
@pytest.mark.parametrize("host", ["evil.example", "evil.example:8001", "127.0.0.1.evil.example",
                                  "localhost.evil.example", "127.0.0.2", "[::1]:8001", ""])
async def test_a_request_for_another_host_is_refused(ds, host):
    """DNS rebinding: a page at evil.example, its name now resolving to 127.0.0.1, asks for
    the site as evil.example; it gets no data."""
    response = await ds.client.get("/newsfacts/deals.json", headers={"host": host})
    assert response.status_code == 400
    assert response.text == "Host not allowed: newsfacts serve --host NAME serves NAME\n"
    assert response.headers["x-frame-options"] == "DENY"


@pytest.mark.asyncio
async def test_hosts_named_in_the_environment_are_answered(hostile_db, monkeypatch):
    monkeypatch.setenv("NEWSFACTS_ALLOWED_HOSTS", "news.example, 10.0.0.5")
    ds = Datasette([str(hostile_db)], metadata=site_metadata(), settings=site_settings())
    for host, status in [("news.example", 200), ("10.0.0.5:8001", 200), ("localhost", 200),
                         ("evil.example", 400)]:
        response = await ds.client.get("/newsfacts/deals.json", headers={"host": host})
        assert response.status_code == status, host


def test_serve_host_is_added_to_the_allowed_hosts():
    environ = {}
    allow_host("0.0.0.0", environ)
    allow_host("news.example", environ)
    assert allowed_hosts(environ) == {"127.0.0.1", "localhost", "0.0.0.0", "news.example"}


# --- One SQL value is bounded -------------------------------------------------------

# Each of these asked for GBs and ran past the 3 s time limit: a single SQL function call
# is one step of SQLite's virtual machine, so the time limit's check never comes.
HUGE_VALUES = [
    "select printf('%.*c', 1000000000, 'x')",
    "select randomblob(400000000)",
    "select zeroblob(400000000)",
    "select length(printf('%.*c', 1000000000, 'x'))",
    "select hex(randomblob(40000000))",
    # SQLite reads the digits a text starts with as the precision.
    "select printf('%.*c', '1000000000 chars', 'x')",
    "select format('%.1000000000c', 'x')",
    "select replace(printf('%.*c', 40000000, 'x'), 'x', 'xx')",
    "select group_concat(printf('%.*c', 10000000, 'x')) from "
    "(with recursive n(i) as (select 1 union all select i + 1 from n where i < 10) "
    "select i from n)",
]


# Datasette turns on sqlite3's callback tracebacks, so the refusal of printf (an
# OverflowError in a Python function) is also printed; the error is the answer.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.asyncio
@pytest.mark.parametrize("sql", HUGE_VALUES)
async def test_a_value_larger_than_the_store_can_hold_is_an_error(ds, sql):
    response = await ds.client.get("/newsfacts.json", params={"sql": sql})
    assert response.status_code == 400
    assert response.json()["error"] == "string or blob too big"


PRINTF = [  # format, arguments                   SQLite's own answer
    ("%d-%s-%5.1f|%-4s|%%|%c", [7, "x", 3.14159, "ab", "q"], "7-x-  3.1|ab  |%|q"),
    ("%.*c", [5, "x"], "xxxxx"),
    ("%*d", [6, 42], "    42"),
    ("%s", [], ""),
    ("%q", ["it's"], "it''s"),
    ("%,d", [1234567], "1,234,567"),
]


@pytest.mark.asyncio
@pytest.mark.parametrize("spec,args,expected", PRINTF, ids=[r[0] for r in PRINTF])
async def test_printf_and_format_answer_as_sqlite_does(ds, spec, args, expected):
    for name in ("printf", "format"):
        values = {f"p{i}": v for i, v in enumerate([spec, *args])}
        sql = f"select {name}({', '.join(':' + p for p in values)}) as s"
        params = {"sql": sql, "_shape": "array", **values}
        response = await ds.client.get("/newsfacts.json", params=params)
        assert response.json() == [{"s": expected}], response.text


def test_the_bound_is_above_the_largest_article_an_input_can_give():
    from newsfacts.sources.text import MAX_BYTES

    # 20 MiB of cp1252 is at most 60 MiB of UTF-8 ("€" is 1 byte in, 3 out).
    assert MAX_VALUE_BYTES >= 3 * MAX_BYTES + 1024 * 1024


@pytest.mark.asyncio
async def test_a_large_article_still_opens(tmp_path):
    text = "Big Corp agreed to buy Small Ltd for $5 million. " + "Filler words here. " * 300_000
    with Store(tmp_path / "newsfacts.db") as store:
        store.write([(Article(title="Large", text=text), [])])
    ds = Datasette([str(tmp_path / "newsfacts.db")], metadata=site_metadata(),
                   settings=site_settings())
    response = await ds.client.get(article_path(Article(text=text).id))
    assert response.status_code == 200
    assert "Filler words here. " * 10 in response.text
    size = await ds.client.get("/newsfacts.json", params={
        "sql": "select length(text) as n from articles", "_shape": "array"})
    assert size.json() == [{"n": len(text)}]


@pytest.mark.asyncio
async def test_a_long_like_pattern_is_refused_and_a_company_name_is_not(ds):
    """A match costs the text's length times the pattern's, uninterrupted: a 10,000-byte
    pattern against a 1 MB text ran 78 s."""
    long = await ds.client.get("/newsfacts.json", params={
        "sql": "select printf('%.*c', 1000000, 'a') like '%' || printf('%.*c', 10000, 'a') "
               "|| 'b'"})
    assert (long.status_code, long.json()["error"]) == (400, "LIKE or GLOB pattern too complex")
    company = await ds.client.get("/newsfacts/deals_with_company.json", params={
        "company": "Ampersand Holdings International Acquisition Corporation of America",
        "min_value": "", "currency": "", "since": "", "until": ""})
    assert company.status_code == 200
