"""Read web pages (saved or fetched) into Articles: main text and metadata via trafilatura.

trafilatura finds the article in the page (dropping menus, ads and footers) and reads
its title, author, publication date and site name from the page's metadata. HTML
fragments in feeds are turned into paragraphs here too.
"""

from __future__ import annotations

import codecs
import re

from ..articles import Article
from ..errors import EmptyArticle
from .text import decode_text

# Fewer words than this is a menu, a cookie wall or an error page, not an article.
MIN_WORDS = 12
# Pages often declare latin-1 but are written in cp1252; browsers read them as cp1252 too
# (WHATWG Encoding Standard, "windows-1252" labels).
_CP1252_LABELS = {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1", "us-ascii", "ascii",
                  "cp1252", "windows-1252"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
               "tr", "table", "section", "article", "header", "footer", "ul", "ol", "dd", "dt")
_SPACES = re.compile(r"[ \t\r\f\v\xa0]+")
# htmldate: the date the page was first published, from its markup and URL only;
# a date named in the text ("the deal closed on May 3, 2021") is not the article's date.
DATE_PARAMS = {"original_date": True, "extensive_search": False}


def decode_html(data: bytes, name: str, charset: str | None = None) -> tuple[str, str | None]:
    """Decode page bytes by the charset declared (HTTP header, then <meta>), else as
    UTF-8 or cp1252 (see decode_text); return (html, warning).

    :param charset: the charset of the HTTP Content-Type header; None when there is none.
    """
    if b"\x00" in data[:8192]:
        return decode_text(data, name)  # raises BinaryArticle, or reads UTF-16
    declared = charset or _meta_charset(data[:4096])
    if declared:
        if declared.lower() in _CP1252_LABELS:
            declared = "cp1252"
        try:
            codecs.lookup(declared)
            return data.decode(declared), None
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: read it as an undeclared page
    return decode_text(data, name)


def parse_html(page: str, name: str, url: str | None = None) -> Article:
    """Make an Article from a web page: its main text, title, author, date and site name.

    :param page: the page's HTML.
    :param name: the input it came from, for error messages and ``Article.path``.
    :param url: the address it was fetched from (after redirects); None for a saved
        page, whose canonical link (if any) is used instead.
    """
    import trafilatura  # slow to import; only pages need it

    document = trafilatura.bare_extraction(
        page, url=url, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params=DATE_PARAMS)
    text = _paragraphs(document.text if document else "")
    title = _clean(document.title) if document else None
    if title and text.startswith(title):  # the headline repeated as the first paragraph
        text = text[len(title):].lstrip()
    if len(text.split()) < MIN_WORDS:
        raise EmptyArticle(f"{name}: no article text in this page")
    return Article(
        text=text,
        title=title,
        url=url or (document.url if document else None),
        outlet=_clean(document.sitename) or None,
        published=document.date or None,
        author=_clean(document.author) or None,
        path=name,
    )


def read_html(data: bytes, name: str, url: str | None = None,
              charset: str | None = None) -> tuple[Article, str | None]:
    """Read a page's bytes into an Article; return it with a decoding warning, if any.

    >>> page = (b"<html><head><title>Foo buys Bar</title></head><body><article>"
    ...         b"<p>Foo Inc said on Monday it agreed to buy Bar Corp for $5 billion in cash, "
    ...         b"its largest deal.</p></article></body></html>")
    >>> article, warning = read_html(page, "foo.html")
    >>> article.title, article.text[:24], warning
    ('Foo buys Bar', 'Foo Inc said on Monday i', None)
    """
    page, warning = decode_html(data, name, charset)
    return parse_html(page, name, url), warning


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content), a blank line between blocks.

    >>> html_to_text("<p>Foo buys Bar.</p><p>It said <b>so</b>.<br>Twice.</p>")
    'Foo buys Bar.\\n\\nIt said so.\\n\\nTwice.'
    """
    import lxml.etree
    import lxml.html

    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):  # junk markup: no text worth keeping
        return ""
    for element in root.iter("script", "style", "noscript"):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
    for element in root.iter("br"):
        element.tail = "\n\n" + (element.tail or "")
    return _paragraphs(root.text_content())


def _paragraphs(text: str) -> str:
    """One paragraph per line of extracted text, separated by blank lines."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _clean(value: str | None) -> str | None:
    return _SPACES.sub(" ", value).strip() if value else None


def _meta_charset(head: bytes) -> str | None:
    found = _META_CHARSET.search(head)
    return found.group(1).decode("ascii") if found else None

