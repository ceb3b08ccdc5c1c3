"""What the site lets a page, a request and a query do: the links it makes of stored URLs,
the headers it sends and the hosts it answers, and how large one SQL value may grow.

Wired into Datasette by the hooks in db/plugin.py; docs/security.md says what each of
these defends against and which test shows it.
"""

from __future__ import annotations

import re

from markupsafe import Markup

# --- Links --------------------------------------------------------------------------

# Only absolute http(s) URLs become links: an article's URL comes from front matter, JSONL
# or a feed, and "javascript:alert(document.cookie)" there ran script for a reader who
# clicked "original" (issue 11). No whitespace or control character anywhere: browsers drop
# tabs and newlines inside a URL, so "java\tscript:" is "javascript:" to them.
_LINKABLE = re.compile(r"https?://[^\s/?#\\]+([/?#\\]\S*)?", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")


def is_linkable_url(url: object) -> bool:
    """True when ``url`` may be a link on the site: an absolute http or https URL.

    >>> is_linkable_url("https://news.example/deal"), is_linkable_url("javascript:alert(1)")
    (True, False)
    """
    return (isinstance(url, str) and _LINKABLE.fullmatch(url) is not None
            and not _CONTROL.search(url))


def url_html(url: str | None, text: str | None = None, **attributes: str) -> Markup:
    """A stored URL as HTML: a link when :func:`is_linkable_url`, escaped text otherwise.

    :param url: the URL as stored.
    :param text: the link's text; None shows the URL itself.
    :param attributes: more attributes of the link (``class_`` for ``class``).

    >>> str(url_html("https://a.example/?q=1&r=2", "original"))
    '<a href="https://a.example/?q=1&amp;r=2" rel="nofollow noopener noreferrer">original</a>'
    >>> str(url_html("javascript:alert('x')", "original"))
    '<span class="unlinked-url" title="not an http(s) URL">javascript:alert(&#39;x&#39;)</span>'
    """
    if url is None:
        return Markup("")
    if not is_linkable_url(url):
        return Markup('<span class="unlinked-url" title="not an http(s) URL">{}</span>').format(
            url)
    extra = Markup("").join(Markup(' {}="{}"').format(name.rstrip("_"), value)
                            for name, value in attributes.items())
    return Markup('<a href="{}"{} rel="nofollow noopener noreferrer">{}</a>').format(
        url, extra, url if text is None else text)
