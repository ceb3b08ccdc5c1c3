"""Fetch a URL for ingest: a timeout, a size cap, a user agent that names us, redirects followed.

A ``Page`` is what came back: the final URL after redirects, the content type and the
bytes. Anything that cannot become an article (an unreachable host, an HTTP error, a
PDF) raises one of our errors naming the URL, so a batch can report it and go on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import httpx

from .. import __version__
from ..errors import ArticleTooLarge, FetchFailed, NotAnArticle
from .text import MAX_BYTES

USER_AGENT = f"newsfacts/{__version__} (+https://example.org/newsfacts)"
TIMEOUT_S = 20.0
MAX_REDIRECTS = 10
# What each content type is read as; anything else is not an article. Servers label
# feeds loosely (text/xml, application/xml), so the reader also sniffs the bytes.
CONTENT_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/jsonl": "jsonl",
    "application/x-ndjson": "jsonl",
    "application/jsonlines": "jsonl",
    "text/plain": "text",
    "text/markdown": "text",
    "": "text",  # no content type: the bytes decide
}
_ERRNO = re.compile(r"^\[Errno -?\d+\]\s*")


def is_url(name: str) -> bool:
    """Whether an input names an http(s) URL rather than a path.

    >>> is_url("https://example.com/a"), is_url("news/a.html")
    (True, False)
    """
    return name.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Page:
    """What a URL returned: its final address, content type, charset and bytes."""

    url: str  # after redirects
    content_type: str  # lower case, without parameters: "text/html"
    charset: str | None
    data: bytes

    @property
    def kind(self) -> str | None:
        """How to read the page ("html", "feed", "jsonl", "text"), or None for no article."""
        return CONTENT_KINDS.get(self.content_type)


class Fetcher:
    """Fetch pages over one HTTP connection pool; the client is made on first use.

    >>> Fetcher().user_agent.startswith("newsfacts/")
    True
    """

    def __init__(self, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES,
                 user_agent: str = USER_AGENT):
        """
        :param timeout: seconds allowed for connecting and for each read.
        :param max_bytes: the largest body read; a larger one is refused.
        :param user_agent: the User-Agent header sent.
        """
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.user_agent = user_agent
        self._client: httpx.Client | None = None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def fetch(self, url: str) -> Page:
        """Fetch ``url``; raise FetchFailed, NotAnArticle or ArticleTooLarge naming it.

        The content type is checked before the body is read, so a PDF or a video is
        refused without downloading it.

        :param url: an http or https URL.
        """
        try:
            with self._get_client().stream("GET", url) as response:
                if response.status_code >= 400:
                    raise FetchFailed(
                        f"{url}: HTTP {response.status_code} {response.reason_phrase}".rstrip())
                content_type = response.headers.get("content-type", "")
                mime = content_type.split(";")[0].strip().lower()
                if mime not in CONTENT_KINDS:
                    raise NotAnArticle(f"{url}: not an article (content type {mime})")
                data = self._read_capped(response, url)
                return Page(str(response.url), mime, response.charset_encoding, data)
        except httpx.TimeoutException:
            raise FetchFailed(f"{url}: no answer within {self.timeout:g} s") from None
        except httpx.TooManyRedirects:
            raise FetchFailed(f"{url}: more than {MAX_REDIRECTS} redirects") from None
        except httpx.ConnectError as err:
            raise FetchFailed(f"{url}: could not connect ({_ERRNO.sub('', str(err))})") from None
        except httpx.HTTPError as err:
            raise FetchFailed(f"{url}: could not fetch ({_ERRNO.sub('', str(err))})") from None
        except httpx.InvalidURL as err:
            raise FetchFailed(f"{url}: not a valid URL ({err})") from None

    def _get_client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=self.timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS,
                headers={"User-Agent": self.user_agent})
        return self._client

    def _read_capped(self, response: httpx.Response, url: str) -> bytes:
        limit = f"over the {_size(self.max_bytes)} limit"
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise ArticleTooLarge(f"{url}: {_size(int(declared))}, {limit}")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:  # no Content-Length, or a wrong one
                raise ArticleTooLarge(f"{url}: {limit}")
            chunks.append(chunk)
        return b"".join(chunks)


def _size(n: int) -> str:
    """20971520 -> "20 MB", 22020096 -> "21.0 MB", 1000 -> "1000 bytes"."""
    if n < 1024 * 1024:
        return f"{n} bytes"
    return f"{n // 1024 // 1024} MB" if n % (1024 * 1024) == 0 else f"{n / 1024 / 1024:.1f} MB"
