"""Follow feeds as they publish: poll each on its interval, ingest each new entry once.

A poll is a conditional GET (If-None-Match / If-Modified-Since): an unchanged feed
costs a 304 and nothing else. Entries never seen before are read (from the feed's own
full text, or from the page they link to, fetched politely: robots.txt, one request at
a time per host, a delay between them) and ingested as ``newsfacts ingest`` does. The
feeds' validators and the entries seen are kept in the store, so a restart resumes
where the last run stopped. A bad feed or page is reported and skipped, never fatal.

>>> parse_interval("15m"), parse_interval("90s"), parse_interval("2h")
(900.0, 90.0, 7200.0)
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from .db import Outcome, Store, queries
from .errors import BadInput, EmptyArticle, FetchFailed, NewsfactsError
from .ingest import store_articles
from .sources.feeds import entry_article, parse_feed
from .sources.items import Failure, Warning_
from .sources.web import MAX_REDIRECTS, Fetcher, Page, _Watchdog

DEFAULT_EVERY = "15m"
DEFAULT_DELAY_S = 1.0  # between two requests to one host
MAX_ATTEMPTS = 3  # polls that try a failing entry before it is given up
ROBOTS_TTL_S = 3600.0  # how long a host's robots.txt is trusted
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_ERRNO = re.compile(r"^\[Errno -?\d+\]\s*")
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")


def parse_interval(text: str) -> float:
    """Seconds in an interval written ``30s``, ``15m``, ``2h``, ``1d`` (a bare number is
    seconds); raise BadInput for anything else."""
    match = _INTERVAL.match(text)
    if not match or float(match[1]) <= 0:
        raise BadInput(f"{text}: not an interval (write 30s, 15m, 2h or 1d)")
    return float(match[1]) * _UNITS[match[2] or "s"]


@dataclass(frozen=True)
class Feed:
    """A feed to follow and how often to poll it."""

    url: str
    every: float = 900.0  # seconds between polls


def read_feed_list(path: str | Path, every: float) -> list[Feed]:
    """The feeds of a feeds file: one ``URL [INTERVAL]`` a line; ``#`` starts a comment.

    :param path: the file.
    :param every: the interval of a line that gives none, in seconds.
    """
    feeds = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise BadInput(f"{path}: cannot read this feeds file ({err})") from None
    for number, line in enumerate(lines, 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) > 2 or not words[0].lower().startswith(("http://", "https://")):
            raise BadInput(f"{path}:{number}: expected 'URL [INTERVAL]', got '{line.strip()}'")
        try:
            feeds.append(Feed(words[0], parse_interval(words[1]) if len(words) > 1 else every))
        except BadInput as err:
            raise BadInput(f"{path}:{number}: {err}") from None
    return feeds


@dataclass(frozen=True)
class FeedResponse:
    """What a conditional GET of a feed returned; ``data`` is None for a 304."""

    url: str  # after redirects
    status: int
    data: bytes | None
    etag: str | None
    last_modified: str | None
    moved: bool = False  # a permanent redirect (301, 308) on the way


class PoliteFetcher(Fetcher):
    """A Fetcher that asks robots.txt first, sends one request at a time to a host and
    waits ``delay`` seconds between two of them; and fetches feeds conditionally.

    :param delay: seconds between two requests to one host (robots.txt's Crawl-delay,
        when longer, wins).
    :param sleep: how to wait; ``clock``: what time it is, in seconds (tests pass a clock
        that only ``sleep`` moves, to see each wait exactly).
    """

    def __init__(self, delay: float = DEFAULT_DELAY_S, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic, **kwargs):
        super().__init__(**kwargs)
        self.delay = delay
        self.sleep = sleep
        self.clock = clock
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}
        self._last: dict[str, float] = {}  # host -> monotonic time of its last request
        self._hosts: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def fetch(self, url: str) -> Page:
        with self._turn(url):
            return super().fetch(url)

    def fetch_feed(self, url: str, etag: str | None = None,
                   last_modified: str | None = None) -> FeedResponse:
        """GET a feed unless it is unchanged since ``etag`` / ``last_modified``.

        Raise FetchFailed (or ArticleTooLarge) naming the URL for an error status, an
        unreachable host or a URL robots.txt disallows.
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        with self._turn(url):
            # the whole download of a feed is under the same deadline as a page's
            watchdog = _Watchdog(self.deadline)
            try:
                with self._get_client().stream("GET", url, headers=headers,
                                               extensions={"trace": watchdog.trace}
                                               ) as response:
                    moved = any(r.status_code in (301, 308) for r in response.history)
                    final = str(response.url)
                    if response.status_code == 304:
                        return FeedResponse(final, 304, None, etag, last_modified, moved)
                    if response.status_code >= 400:
                        raise FetchFailed(f"{url}: HTTP {response.status_code} "
                                          f"{response.reason_phrase}".rstrip())
                    data = self._read_capped(response, url, watchdog)
                    if watchdog.expired:
                        raise FetchFailed(f"{url}: not downloaded within {self.deadline:g} s")
                    return FeedResponse(final, response.status_code, data,
                                        response.headers.get("etag"),
                                        response.headers.get("last-modified"), moved)
            except httpx.TimeoutException:
                raise FetchFailed(f"{url}: no answer within {self.timeout:g} s") from None
            except httpx.TooManyRedirects:
                raise FetchFailed(f"{url}: more than {MAX_REDIRECTS} redirects") from None
            except httpx.ConnectError as err:
                reason = _ERRNO.sub("", str(err))
                raise FetchFailed(f"{url}: could not connect ({reason})") from None
            except (httpx.HTTPError, httpx.InvalidURL) as err:
                if watchdog.expired:
                    raise FetchFailed(f"{url}: not downloaded within {self.deadline:g} s"
                                      ) from None
                raise FetchFailed(f"{url}: could not fetch ({err})") from None
            finally:
                watchdog.cancel()

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets our user agent fetch ``url``."""
        robots = self._robots_of(url)
        return robots is None or robots.can_fetch(self.user_agent, url)

    def _turn(self, url: str):
        """Hold the host's turn: refuse a disallowed URL, wait out the delay, one at a time."""
        if not self.allowed(url):
            raise FetchFailed(f"{url}: disallowed by the site's robots.txt")
        return _HostTurn(self, _host(url))

    def _robots_of(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        """The host's robots.txt, fetched once an hour; None when the host has none."""
        host = _host(url)
        cached = self._robots.get(host)
        if cached and self.clock() - cached[0] < ROBOTS_TTL_S:
            return cached[1]
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        robots = urllib.robotparser.RobotFileParser(robots_url)
        with _HostTurn(self, host):
            try:
                response = self._get_client().get(robots_url)
            except httpx.HTTPError:
                response = None
        now = self.clock()
        if response is None:
            # Unreachable: the request itself will say so. Asked again in a minute.
            robots, now = None, now - ROBOTS_TTL_S + 60
        elif response.status_code >= 500 or response.status_code in (401, 403):
            # A site that errs on robots.txt may be down, or refuses us (as robotparser
            # reads 401 and 403): fetch nothing from it for now.
            robots.disallow_all = True
        elif response.status_code >= 400:
            robots = None  # no robots.txt: everything is allowed
        else:
            robots.parse(response.text.splitlines())
        self._robots[host] = (now, robots)
        return robots

    def _wait_for(self, host: str) -> None:
        robots = self._robots.get(host, (0, None))[1]
        delay = self.delay
        if robots is not None:
            delay = max(delay, float(robots.crawl_delay(self.user_agent) or 0))
        last = self._last.get(host)
        if last is not None:
            wait = last + delay - self.clock()
            if wait > 0:
                self.sleep(wait)

    def _host_lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._hosts.setdefault(host, threading.Lock())


class _HostTurn:
    """One request's turn at a host: its lock held, the delay since the last one waited."""

    def __init__(self, fetcher: PoliteFetcher, host: str):
        self.fetcher, self.host = fetcher, host
        self.lock = fetcher._host_lock(host)

    def __enter__(self) -> None:
        self.lock.acquire()
        self.fetcher._wait_for(self.host)

    def __exit__(self, *exc) -> None:
        self.fetcher._last[self.host] = self.fetcher.clock()
        self.lock.release()


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


@dataclass
class WatchSummary:
    """What a watch did: polls (unchanged, failed), entries read, articles and claims.

    >>> WatchSummary(polls=3, not_modified=1, feed_errors=1, entries=2, new=2, claims=1).line()
    '3 polls (1 not modified, 1 failed): 2 new entries, 0 failed; 2 articles new, 0 unchanged, 0 updated; 1 claims written'
    """  # noqa: E501

    polls: int = 0
    not_modified: int = 0
    feed_errors: int = 0
    entries: int = 0  # new entries stored as articles
    entry_errors: int = 0
    new: int = 0
    unchanged: int = 0  # an entry whose text the store already had (another feed, a repost)
    updated: int = 0
    claims: int = 0
    failures: list[Failure] = field(default_factory=list)

    def line(self) -> str:
        """The one-line summary ``newsfacts watch`` prints when it stops."""
        return (f"{self.polls} polls ({self.not_modified} not modified, {self.feed_errors} "
                f"failed): {self.entries} new entries, {self.entry_errors} failed; "
                f"{self.new} articles new, {self.unchanged} unchanged, {self.updated} updated; "
                f"{self.claims} claims written")


Progress = Callable[[str, object], None]


class Watcher:
    """Poll feeds and ingest their new entries into a store, once each.

    :param store: the fact store; it also keeps the watch's state (feeds, entries seen).
    :param feeds: the feeds to follow.
    :param extractor: an Extractor, a function making one (called when the first new
        entry needs it), or None for the default.
    :param fetcher: fetches feeds and pages; None makes a PoliteFetcher with the defaults.
    :param progress: called with ("failure", Failure), ("warning", Warning_) or
        ("poll", (feed url, what happened)) as the watch goes.
    :param max_attempts: polls that try a failing entry before giving it up.
    """

    def __init__(self, store: Store, feeds: Iterable[Feed], extractor=None,
                 fetcher: PoliteFetcher | None = None, progress: Progress | None = None,
                 max_attempts: int = MAX_ATTEMPTS):
        self.store = store
        self.feeds = list(feeds)
        self.fetcher = fetcher or PoliteFetcher()
        self.notify = progress or (lambda kind, item: None)
        self.max_attempts = max_attempts
        self.summary = WatchSummary()
        self._extractor = extractor
        self._made = None
        for feed in self.feeds:
            with self.store.db.atomic():
                self.store.db["feeds"].insert({"url": feed.url}, pk="url", ignore=True)

    def get_extractor(self):
        if self._made is None:
            maker = self._extractor
            is_maker = callable(maker) and not hasattr(maker, "pipe")
            if is_maker:
                self._made = maker()
            elif maker is not None:
                self._made = maker
            else:
                from .extract import Extractor

                self._made = Extractor()
        return self._made

    def run(self, stop: threading.Event | None = None, polls: int | None = None) -> WatchSummary:
        """Poll every feed when it is due until ``stop`` is set (or ``polls`` are done).

        A feed polled less than its interval ago (by an earlier run) waits out the rest.

        :param stop: set it (from a signal handler) to stop after the current poll.
        :param polls: stop after this many polls; None polls until stopped.
        """
        stop = stop or threading.Event()
        due = {feed.url: self._next_due(feed) for feed in self.feeds}
        done = 0
        while self.feeds and not stop.is_set() and (polls is None or done < polls):
            feed = min(self.feeds, key=lambda f: due[f.url])
            wait = due[feed.url] - time.time()
            if wait > 0 and stop.wait(wait):
                break
            self.poll(feed, stop)
            done += 1
            due[feed.url] = time.time() + feed.every
        return self.summary

    def poll(self, feed: Feed, stop: threading.Event | None = None) -> str:
        """Poll one feed now and ingest its new entries; return what happened, one line."""
        self.summary.polls += 1
        state = self._feed_state(feed.url)
        try:
            response = self.fetcher.fetch_feed(feed.url, state.get("etag"),
                                               state.get("last_modified"))
        except NewsfactsError as err:
            return self._feed_failed(feed, err)
        if response.moved:
            self.notify("warning", Warning_(
                f"{feed.url}: moved permanently to {response.url} (update the feed list)"))
        if response.status == 304:
            self.summary.not_modified += 1
            self._save_feed(feed, response, "304 not modified")
            return self._polled(feed, "not modified")
        try:
            parsed = parse_feed(response.data or b"", feed.url, base=response.url)
        except EmptyArticle:
            parsed = None
        except NewsfactsError as err:
            return self._feed_failed(feed, err)
        entries = parsed.entries if parsed is not None else []
        outlet = parsed.feed.get("title") or None if parsed is not None else None
        done = self._done_entries(feed.url)
        fresh, keys = [], set()
        for number, entry in enumerate(entries, 1):
            key = _entry_key(entry)
            if key in done or key in keys:  # seen before, or repeated within this feed
                continue
            keys.add(key)
            fresh.append((number, entry, key))
        stored = failed = 0
        articles, pending = [], []
        for number, entry, key in fresh:
            if stop is not None and stop.is_set():
                break  # the rest waits for the next run: none is marked seen
            try:
                article, warning = entry_article(entry, number, feed.url, outlet, self.fetcher)
            except NewsfactsError as err:
                failed += 1
                self._entry_failed(feed, key, Failure.from_error(err))
                continue
            if warning:
                self.notify("warning", Warning_(warning))
            articles.append(article)
            pending.append(key)
        if articles:
            results = store_articles(articles, self.store, self.get_extractor)
            for key, article, result in zip(pending, articles, results, strict=True):
                if isinstance(result, Failure):
                    failed += 1
                    self._entry_failed(feed, key, result)
                    continue
                outcome, claims = result
                stored += 1
                setattr(self.summary, outcome.value, getattr(self.summary, outcome.value) + 1)
                if outcome is not Outcome.UNCHANGED:
                    self.summary.claims += len(claims)
                self._entry_done(feed, key, article.id)
        self.summary.entries += stored
        self._save_feed(feed, response, str(response.status))
        return self._polled(feed, f"{stored} new entries" + (f", {failed} failed" if failed
                                                             else ""))

    # State kept in the store -------------------------------------------------------

    def _feed_state(self, url: str) -> dict:
        return next(self.store.db.query(queries.FEED_STATE, [url]), {})

    def _next_due(self, feed: Feed) -> float:
        polled = self._feed_state(feed.url).get("polled_at")
        if not polled:
            return time.time()
        return datetime.fromisoformat(polled).timestamp() + feed.every

    def _done_entries(self, url: str) -> set[str]:
        rows = self.store.db.query(queries.DONE_ENTRIES, [url, self.max_attempts])
        return {row["entry_id"] for row in rows}

    def _save_feed(self, feed: Feed, response: FeedResponse | None, status: str,
                   error: bool = False) -> None:
        row = {"url": feed.url, "polled_at": _now(), "status": status}
        if response is not None:
            row.update(final_url=response.url, etag=response.etag,
                       last_modified=response.last_modified)
        table = self.store.db["feeds"]
        with self.store.db.atomic():
            old = table.get(feed.url)
            row["polls"] = old["polls"] + 1
            row["errors"] = old["errors"] + int(error)
            table.update(feed.url, row)

    def _entry_done(self, feed: Feed, key: str, article_id: str) -> None:
        with self.store.db.atomic():
            self.store.db["feed_entries"].upsert(
                {"feed_url": feed.url, "entry_id": key, "article_id": article_id,
                 "status": "ingested", "attempts": self._attempts(feed, key) + 1,
                 "reason": None, "seen_at": _now()}, pk=("feed_url", "entry_id"))

    def _entry_failed(self, feed: Feed, key: str, failure: Failure) -> None:
        self.summary.entry_errors += 1
        self.summary.failures.append(failure)
        self.notify("failure", failure)
        with self.store.db.atomic():
            self.store.db["feed_entries"].upsert(
                {"feed_url": feed.url, "entry_id": key, "status": "failed",
                 "attempts": self._attempts(feed, key) + 1, "reason": str(failure),
                 "seen_at": _now()}, pk=("feed_url", "entry_id"))

    def _attempts(self, feed: Feed, key: str) -> int:
        row = next(self.store.db.query(queries.ENTRY_ATTEMPTS, [feed.url, key]), None)
        return row["attempts"] if row else 0

    def _feed_failed(self, feed: Feed, err: NewsfactsError) -> str:
        failure = Failure.from_error(err)
        self.summary.feed_errors += 1
        self.summary.failures.append(failure)
        self.notify("failure", failure)
        self._save_feed(feed, None, f"Error: {failure}", error=True)
        return self._polled(feed, f"failed ({failure.reason})")

    def _polled(self, feed: Feed, what: str) -> str:
        self.notify("poll", (feed.url, what))
        return what


def _entry_key(entry) -> str:
    """What identifies an entry across polls: its id (guid), else its link, else a hash
    of its title and summary (a feed with neither id nor link)."""
    key = entry.get("id") or entry.get("link")
    if key:
        return key
    text = (entry.get("title") or "") + "\n" + (entry.get("summary") or "")
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
