"""Fetch a URL for ingest: a timeout, a size cap, a user agent that names us, redirects followed.

A ``Page`` is what came back: the final URL after redirects, the content type and the
bytes. Anything that cannot become an article (an unreachable host, an HTTP error, a
PDF) raises one of our errors naming the URL, so a batch can report it and go on.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
from dataclasses import dataclass

import httpx

from .. import __version__
from ..errors import ArticleTooLarge, FetchFailed, NotAnArticle
from .files import MAX_BYTES, format_size

USER_AGENT = f"newsfacts/{__version__} (+https://example.org/newsfacts)"
TIMEOUT_S = 20.0  # to connect, and for each read
DEADLINE_S = 60.0  # for the whole download, headers and body, redirects included
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
                 user_agent: str = USER_AGENT, deadline: float = DEADLINE_S):
        """
        :param timeout: seconds allowed for connecting and for each read.
        :param max_bytes: the largest body read; a larger one is refused.
        :param user_agent: the User-Agent header sent.
        :param deadline: seconds allowed for the whole download of a URL; a server
            sending a byte now and then (each read within the timeout) is cut off here.
        """
        self.timeout = timeout
        self.deadline = deadline
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
        watchdog = _Watchdog(self.deadline)
        late = FetchFailed(f"{url}: not downloaded within {self.deadline:g} s")
        try:
            with self._get_client().stream("GET", url, extensions={"trace": watchdog.trace}
                                           ) as response:
                if response.status_code >= 400:
                    raise FetchFailed(
                        f"{url}: HTTP {response.status_code} {response.reason_phrase}".rstrip())
                content_type = response.headers.get("content-type", "")
                mime = content_type.split(";")[0].strip().lower()
                if mime not in CONTENT_KINDS:
                    raise NotAnArticle(f"{url}: not an article (content type {mime})")
                data = self._read_capped(response, url, watchdog)
                if watchdog.expired:  # cut off: what was read may look like a whole page
                    raise late
                return Page(str(response.url), mime, response.charset_encoding, data)
        except httpx.HTTPError as err:
            if watchdog.expired:
                raise late from None
            raise self._error(url, err) from None
        except httpx.InvalidURL as err:
            raise FetchFailed(f"{url}: not a valid URL ({err})") from None
        finally:
            watchdog.cancel()

    def _error(self, url: str, err: httpx.HTTPError) -> FetchFailed:
        """One line for an HTTP error, naming the URL."""
        if isinstance(err, httpx.TimeoutException):
            return FetchFailed(f"{url}: no answer within {self.timeout:g} s")
        if isinstance(err, httpx.TooManyRedirects):
            return FetchFailed(f"{url}: more than {MAX_REDIRECTS} redirects")
        reason = _ERRNO.sub("", str(err))
        if isinstance(err, httpx.ConnectError):
            return FetchFailed(f"{url}: could not connect ({reason})")
        return FetchFailed(f"{url}: could not fetch ({reason})")

    def _get_client(self) -> httpx.Client:
        if self._client is None:
            # No kept-alive connections: each request opens its own, so that the watchdog
            # sees its socket (a pooled one is not announced to the trace hook).
            self._client = httpx.Client(
                timeout=self.timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS,
                headers={"User-Agent": self.user_agent},
                limits=httpx.Limits(max_keepalive_connections=0))
        return self._client

    def _read_capped(self, response: httpx.Response, url: str, watchdog: _Watchdog) -> bytes:
        limit = f"over the {format_size(self.max_bytes)} limit"
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise ArticleTooLarge(f"{url}: {format_size(int(declared))}, {limit}")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            if watchdog.expired:
                break
            size += len(chunk)
            if size > self.max_bytes:  # no Content-Length, or a wrong one
                raise ArticleTooLarge(f"{url}: {limit}")
            chunks.append(chunk)
        return b"".join(chunks)


class _Watchdog:
    """Cuts a download off at its deadline, wherever it waits.

    httpx's timeout is per read: a server sending a byte every 5 s held a URL for 88 s
    with a 20 s timeout. At the deadline a timer shuts the connection's socket down,
    which ends a read blocked in the headers or the body at once; the socket is learnt
    from httpcore's ``trace`` extension when the connection is made (each redirect makes
    a new one).
    """

    def __init__(self, seconds: float):
        self.expired = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def trace(self, event: str, info: dict) -> None:
        if event == "connection.connect_tcp.complete" and info.get("return_value") is not None:
            sock = info["return_value"].get_extra_info("socket")
            with self._lock:
                self._sockets.append(sock)
                if self.expired:
                    _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket | None) -> None:
    if sock is None:
        return
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)
