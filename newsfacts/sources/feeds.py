"""Read RSS and Atom feeds: each entry becomes an article, from the feed's own full text
or from the page its link points to.

A feed that carries the whole article (``content:encoded`` in RSS, ``<content>`` in Atom,
of at least FULL_TEXT_WORDS words) is read as it is; otherwise the entry's link is
fetched. One bad entry is reported and the others go on.
"""

from __future__ import annotations

import io
import xml.sax
from collections.abc import Iterator
from datetime import datetime

from ..articles import Article
from ..errors import BadInput, EmptyArticle, NewsfactsError, NotAnArticle
from .html import html_to_text, read_html
from .items import Failure, Item, Warning_
from .web import Fetcher, is_url

# A feed's content shorter than this is a teaser: the linked page has the article.
FULL_TEXT_WORDS = 80


def read_feed(data: bytes, name: str, fetcher: Fetcher) -> Iterator[Item]:
    """Yield an Article for each entry of a feed, or a Failure for an entry that fails.

    :param data: the feed's bytes (feedparser reads their encoding from the XML).
    :param name: the file or URL it came from, for messages.
    :param fetcher: fetches each entry's link when the feed has no full text.
    """
    parsed = parse_feed(data, name)
    if not parsed.entries:
        raise EmptyArticle(f"{name}: no entries in this feed")
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, 1):
        try:
            article, warning = entry_article(entry, number, name, outlet, fetcher)
        except NewsfactsError as err:
            yield Failure.from_error(err)
            continue
        if warning:
            yield Warning_(warning)
        yield article


def parse_feed(data: bytes, name: str, base: str | None = None):
    """Parse a feed with feedparser; raise BadInput naming it when it is not one.

    :param data: the feed's bytes.
    :param name: the file or URL it came from, for messages.
    :param base: the URL it was fetched from, to resolve relative entry links; None
        leaves them as they are.
    """
    import feedparser

    # Bytes in a stream, never a string: feedparser would fetch a string that looks like a URL.
    headers = {"content-location": base} if base else None
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    problem = parsed.get("bozo_exception")
    if isinstance(problem, xml.sax.SAXException):
        # feedparser's lenient reading of broken XML can cut the last entry short.
        raise BadInput(f"{name}: not a well-formed feed ({_sax_reason(problem)})")
    if not parsed.version and not parsed.entries:
        raise BadInput(f"{name}: not an RSS or Atom feed")
    return parsed


def entry_article(entry, number: int, name: str, outlet: str | None,
                  fetcher: Fetcher) -> tuple[Article, str | None]:
    """The article of one parsed feed entry (its own full text, else its linked page),
    with a warning about it or None."""
    link = entry.get("link") or None
    published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
    title = entry.get("title") or None
    author = entry.get("author") or None
    text = _content_text(entry)
    if text and (len(text.split()) >= FULL_TEXT_WORDS or not link):
        return Article(text=text, title=title, url=link, outlet=outlet, published=published,
                       author=author, path=f"{name}: entry {number}"), None
    if not link:
        raise BadInput(f"{name}: entry {number}: no link and no content")
    if not is_url(link):  # a relative link in a feed read from a file: no base to resolve it
        raise BadInput(f"{name}: entry {number}: its link is not an http(s) URL ({link})")
    page = fetcher.fetch(link)
    if page.kind != "html":
        raise NotAnArticle(f"{link}: not an article (content type {page.content_type})")
    article, warning = read_html(page.data, link, url=page.url, charset=page.charset)
    # The feed's own fields are structured; the page's are read from its markup.
    article.title = title or article.title
    article.published = published or article.published
    article.author = author or article.author
    article.outlet = article.outlet or outlet
    article.url_fetched = True
    return article, warning


def _content_text(entry) -> str:
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        text = value.strip() if content.get("type") == "text/plain" else html_to_text(value)
        if text:
            return text
    return ""


def _iso(parsed) -> str | None:
    """feedparser's UTC struct_time as an ISO datetime."""
    return datetime(*parsed[:6]).isoformat() if parsed else None


def _sax_reason(err: xml.sax.SAXException) -> str:
    if isinstance(err, xml.sax.SAXParseException):
        return f"{err.getMessage()} at line {err.getLineNumber()}"
    return str(err)
