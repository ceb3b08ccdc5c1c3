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

from newsfacts.db.pages import article_path
from newsfacts.db.security import is_linkable_url, url_html


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
