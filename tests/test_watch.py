"""``newsfacts watch`` against a local feed site whose feed changes between polls: every
new entry ingested exactly once over 20 polls, conditional requests, a restart that
resumes, and feeds and pages that fail, redirect, repeat or are disallowed.

Poll cycles are driven through ``Watcher.poll`` (no sleeping); the CLI test stops a real
``newsfacts watch`` process with SIGTERM.
"""

from __future__ import annotations

import hashlib
import html
import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
from email.utils import formatdate

import pytest
from click.testing import CliRunner
from sqlite_utils import Database
from test_ingest import wire_articles

from newsfacts import cli as cli_module
from newsfacts.cli import cli
from newsfacts.db import Store
from newsfacts.errors import BadInput
from newsfacts.sources.web import USER_AGENT
from newsfacts.watch import (
    MAX_ATTEMPTS,
    Feed,
    PoliteFetcher,
    Watcher,
    parse_interval,
    read_feed_list,
)

STORIES = wire_articles(40)


class FeedSite:
    """A news site on 127.0.0.1: feeds whose entries a test sets, a page per story, a
    robots.txt, and a log of every request with the headers that matter here."""

    def __init__(self):
        self.feeds: dict[str, list[dict]] = {}  # path -> entries, newest first
        self.pages: dict[str, bytes] = {}
        self.fixed: dict[str, tuple[int, dict, bytes]] = {}  # path -> status, headers, body
        self.requests: list[tuple[str, dict]] = []
        self.robots = "User-agent: *\nDisallow: /private/\n"
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append((self.path, dict(self.headers)))
                status, headers, body = site.answer(self.path, self.headers)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def answer(self, path, headers) -> tuple[int, dict, bytes]:
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, self.robots.encode()
        if path in self.fixed:
            return self.fixed[path]
        if path in self.pages:
            return 200, {"Content-Type": "text/html; charset=utf-8"}, self.pages[path]
        if path in self.feeds:
            body = self.rss(path).encode("utf-8")
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            # One Last-Modified per version of the feed: its number of entries will do.
            modified = formatdate(1_700_000_000 + 60 * len(self.feeds[path]), usegmt=True)
            validators = {"ETag": etag, "Last-Modified": modified}
            if headers.get("If-None-Match") == etag:
                return 304, validators, b""
            return 200, {"Content-Type": "application/rss+xml", **validators}, body
        return 404, {"Content-Type": "text/html"}, b"<h1>Not Found</h1>"

    def rss(self, path: str) -> str:
        items = []
        for entry in self.feeds[path]:
            content = (f"<content:encoded>{html.escape(entry['content'])}</content:encoded>"
                       if entry.get("content") else "")
            items.append(f"<item><title>{html.escape(entry['title'])}</title>"
                         f"<link>{entry['link']}</link><guid>{entry['guid']}</guid>"
                         f"<description>A teaser.</description>{content}</item>")
        return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
                f"<title>Test Wire</title><link>{self.base}/</link>{''.join(items)}"
                "</channel></rss>")

    def publish(self, feed: str, n: int, linked: bool | None = None, link: str | None = None
                ) -> dict:
        """Put story ``n`` at the top of ``feed``: odd stories carry their full text,
        even ones link to their page (``linked`` or ``link`` say otherwise)."""
        story = STORIES[n]
        linked = n % 2 == 0 if linked is None else linked
        page = link or f"/stories/{n}.html"
        if linked:
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in story["text"].split("\n\n"))
            self.pages.setdefault(page, (
                f"<html><head><title>{story['title']}</title></head><body><article>"
                f"<h1>{story['title']}</h1>{paragraphs}</article></body></html>").encode())
        entry = {"title": story["title"], "link": self.url(page), "guid": f"story-{n}",
                 "content": None if linked else story["text"]}
        self.feeds.setdefault(feed, []).insert(0, entry)
        return entry

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


@pytest.fixture
def site():
    site = FeedSite()
    yield site
    site.close()


@pytest.fixture
def store(db_path):
    with Store(db_path) as store:
        yield store


def watcher_for(store, extractor, *urls, **kwargs) -> Watcher:
    failures = []
    watcher = Watcher(store, [Feed(url) for url in urls], extractor=extractor,
                      fetcher=PoliteFetcher(delay=0),
                      progress=lambda kind, item: failures.append(str(item))
                      if kind in ("failure", "warning") else None, **kwargs)
    watcher.lines = failures
    return watcher


def stored_titles(db_path) -> list[str]:
    return sorted(r["title"] for r in Database(db_path).query("select title from articles"))


def test_twenty_polls_ingest_every_new_entry_exactly_once(site, store, extractor, db_path):
    # The feed keeps its 4 newest entries; some polls find 1 or 2 new ones, others none.
    plan = [2, 0, 1, 0, 0, 2, 1, 0, 1, 1, 0, 0, 2, 0, 1, 1, 0, 2, 0, 1]
    watcher = watcher_for(store, extractor, site.url("/wire.rss"))
    published = 0
    for new in plan:
        for _ in range(new):
            site.publish("/wire.rss", published)
            published += 1
        site.feeds["/wire.rss"] = site.feeds["/wire.rss"][:4]
        watcher.poll(watcher.feeds[0])
    assert stored_titles(db_path) == sorted(STORIES[n]["title"] for n in range(published))
    assert watcher.summary.entries == watcher.summary.new == published == 15
    # Every linked page fetched once; each poll after one that changed nothing is a 304.
    assert all(site.hits(f"/stories/{n}.html") == 1 for n in range(0, published, 2))
    assert watcher.summary.not_modified == plan.count(0) == 9
    assert watcher.summary.polls == 20 and not watcher.lines
    entries = list(Database(db_path).query("select status, count(*) n from feed_entries "
                                           "group by status"))
    assert entries == [{"status": "ingested", "n": 15}]


def test_polls_are_conditional_and_a_restart_resumes(site, db_path, extractor):
    site.publish("/wire.rss", 1)
    site.publish("/wire.rss", 2)
    with Store(db_path) as store:
        watcher_for(store, extractor, site.url("/wire.rss")).poll(Feed(site.url("/wire.rss")))
    # A new run on the same store: the first poll is conditional and the feed unchanged.
    with Store(db_path) as store:
        watcher = watcher_for(store, extractor, site.url("/wire.rss"))
        assert watcher.poll(watcher.feeds[0]) == "not modified"
        site.publish("/wire.rss", 3)
        assert watcher.poll(watcher.feeds[0]) == "1 new entries"
    feed_requests = [headers for path, headers in site.requests if path == "/wire.rss"]
    assert "If-None-Match" not in feed_requests[0]
    assert all("If-None-Match" in h and "If-Modified-Since" in h for h in feed_requests[1:])
    assert site.hits("/stories/2.html") == 1
    assert len(stored_titles(db_path)) == 3


def test_run_waits_for_a_feed_polled_less_than_its_interval_ago(site, db_path, extractor):
    site.publish("/wire.rss", 1)
    with Store(db_path) as store:
        watcher = watcher_for(store, extractor, site.url("/wire.rss"))
        assert watcher.run(polls=1).polls == 1
    with Store(db_path) as store:
        watcher = Watcher(store, [Feed(site.url("/wire.rss"), every=3600)], extractor=extractor,
                          fetcher=PoliteFetcher(delay=0))
        stop = threading.Event()
        threading.Timer(0.3, stop.set).start()
        # Polled a moment ago by the last run, the feed is not due for an hour: no poll.
        assert watcher.run(stop).polls == 0
    assert site.hits("/wire.rss") == 1


def test_feeds_that_fail_are_reported_and_skipped(site, store, extractor, db_path):
    site.publish("/wire.rss", 1)
    site.fixed["/down.rss"] = (503, {"Content-Type": "text/html"}, b"busy")
    site.fixed["/home.html"] = (200, {"Content-Type": "text/html"},
                                b"<html><body><p>Welcome</p></body></html>")
    site.fixed["/broken.rss"] = (200, {"Content-Type": "application/rss+xml"},
                                 b'<?xml version="1.0"?><rss version="2.0"><channel><item>')
    closed = _closed_port()
    urls = [site.url("/down.rss"), site.url("/home.html"), site.url("/broken.rss"),
            site.url("/private/feed.rss"), f"http://127.0.0.1:{closed}/feed.rss",
            site.url("/wire.rss")]
    watcher = watcher_for(store, extractor, *urls)
    for feed in watcher.feeds:
        watcher.poll(feed)
    assert watcher.lines == [
        f"{urls[0]}: HTTP 503 Service Unavailable",
        f"{urls[1]}: not an RSS or Atom feed",
        f"{urls[2]}: not a well-formed feed (no element found at line 1)",
        f"{urls[3]}: disallowed by the site's robots.txt",
        f"{urls[4]}: could not connect (Connection refused)",
    ]
    assert watcher.summary.feed_errors == 5 and watcher.summary.entries == 1
    assert stored_titles(db_path) == [STORIES[1]["title"]]
    assert site.hits("/private/feed.rss") == 0
    rows = {r["url"]: r for r in Database(db_path)["feeds"].rows}
    assert rows[urls[0]]["status"] == f"Error: {urls[0]}: HTTP 503 Service Unavailable"
    assert rows[urls[0]]["errors"] == 1 and rows[urls[5]]["errors"] == 0


def test_redirected_feed_is_followed_and_named(site, store, extractor, db_path):
    site.publish("/wire.rss", 2)
    site.fixed["/old.rss"] = (301, {"Location": "/wire.rss"}, b"")
    site.fixed["/today.rss"] = (302, {"Location": "/wire.rss"}, b"")
    watcher = watcher_for(store, extractor, site.url("/old.rss"), site.url("/today.rss"))
    assert watcher.poll(watcher.feeds[0]) == "1 new entries"
    # The same entries through a temporary redirect: already stored, nothing fetched again.
    assert watcher.poll(watcher.feeds[1]) == "1 new entries"
    assert watcher.lines == [
        f"{site.url('/old.rss')}: moved permanently to {site.url('/wire.rss')} "
        "(update the feed list)"]
    assert watcher.summary.new == 1 and watcher.summary.unchanged == 1
    assert site.hits("/stories/2.html") == 2  # entries are seen per feed
    assert stored_titles(db_path) == [STORIES[2]["title"]]


def test_repeated_entries_are_ingested_once(site, store, extractor, db_path):
    entry = site.publish("/wire.rss", 1)
    site.feeds["/wire.rss"].append(dict(entry))  # the same guid twice in one feed
    site.publish("/wire.rss", 3)
    watcher = watcher_for(store, extractor, site.url("/wire.rss"))
    assert watcher.poll(watcher.feeds[0]) == "2 new entries"
    # Re-posted: moved to the top of the feed, same guid: not new.
    site.feeds["/wire.rss"].insert(0, site.feeds["/wire.rss"].pop())
    assert watcher.poll(watcher.feeds[0]) == "0 new entries"
    assert stored_titles(db_path) == sorted([STORIES[1]["title"], STORIES[3]["title"]])


def test_a_failing_page_is_retried_then_given_up(site, store, extractor, db_path):
    site.publish("/wire.rss", 4, link="/gone.html")
    del site.pages["/gone.html"]
    site.publish("/wire.rss", 6, link="/private/6.html")
    watcher = watcher_for(store, extractor, site.url("/wire.rss"))
    for _ in range(MAX_ATTEMPTS + 2):
        site.feeds["/wire.rss"][0]["title"] += "."  # a changed feed: no 304
        watcher.poll(watcher.feeds[0])
    gone = site.url("/gone.html")
    assert watcher.lines == [f"{site.url('/private/6.html')}: disallowed by the site's "
                             "robots.txt", f"{gone}: HTTP 404 Not Found"] * MAX_ATTEMPTS
    assert site.hits("/gone.html") == MAX_ATTEMPTS and site.hits("/private/6.html") == 0
    rows = list(Database(db_path).query("select status, attempts, reason from feed_entries "
                                        "order by entry_id"))
    assert rows[0] == {"status": "failed", "attempts": MAX_ATTEMPTS,
                       "reason": f"{gone}: HTTP 404 Not Found"}
    assert stored_titles(db_path) == []


def test_a_page_back_after_an_error_is_ingested(site, store, extractor, db_path):
    site.publish("/wire.rss", 8)
    page = site.pages.pop("/stories/8.html")
    watcher = watcher_for(store, extractor, site.url("/wire.rss"))
    assert watcher.poll(watcher.feeds[0]) == "0 new entries, 1 failed"
    site.pages["/stories/8.html"] = page
    site.feeds["/wire.rss"][0]["title"] += "!"
    assert watcher.poll(watcher.feeds[0]) == "1 new entries"
    assert stored_titles(db_path) == [STORIES[8]["title"] + "!"]


class Clock:
    """A clock that only the fetcher's waits move: each wait is seen exactly."""

    def __init__(self):
        self.now, self.waits = 1000.0, []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


def test_requests_are_polite(site, store, extractor):
    for n in (0, 2, 4):
        site.publish("/wire.rss", n)
    clock = Clock()
    watcher = Watcher(store, [Feed(site.url("/wire.rss"))], extractor=extractor,
                      fetcher=PoliteFetcher(delay=5.0, sleep=clock.sleep, clock=clock))
    watcher.poll(watcher.feeds[0])
    # robots.txt, the feed, three pages: one at a time, a wait before each but the first.
    assert [path for path, _ in site.requests] == [
        "/robots.txt", "/wire.rss", "/stories/4.html", "/stories/2.html", "/stories/0.html"]
    assert clock.waits == [5.0] * 4
    assert {headers["User-Agent"] for _, headers in site.requests} == {USER_AGENT}


def test_crawl_delay_of_robots_txt_wins_when_longer(site, store, extractor):
    site.robots = "User-agent: *\nCrawl-delay: 30\n"
    site.publish("/wire.rss", 0)
    clock = Clock()
    watcher = Watcher(store, [Feed(site.url("/wire.rss"))], extractor=extractor,
                      fetcher=PoliteFetcher(delay=1.0, sleep=clock.sleep, clock=clock))
    watcher.poll(watcher.feeds[0])
    assert clock.waits == [30.0, 30.0]  # before the feed, before its page


INTERVALS = [("30s", 30.0), ("15m", 900.0), ("2h", 7200.0), ("1d", 86400.0), ("45", 45.0),
             ("0.5m", 30.0)]


@pytest.mark.parametrize("text,seconds", INTERVALS, ids=[i[0] for i in INTERVALS])
def test_parse_interval(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "15 minutes", "0m", "-5s", "m"])
def test_bad_interval(text):
    with pytest.raises(BadInput) as err:
        parse_interval(text)
    assert str(err.value) == f"{text}: not an interval (write 30s, 15m, 2h or 1d)"


def test_feeds_file(tmp_path):
    path = tmp_path / "feeds.txt"
    path.write_text("# wires\nhttps://a.example/rss 5m\n\nhttps://b.example/atom  # hourly?\n")
    assert read_feed_list(path, 900.0) == [Feed("https://a.example/rss", 300.0),
                                          Feed("https://b.example/atom", 900.0)]
    path.write_text("https://a.example/rss\nfeeds/local.rss\n")
    with pytest.raises(BadInput) as err:
        read_feed_list(path, 900.0)
    assert str(err.value) == f"{path}:2: expected 'URL [INTERVAL]', got 'feeds/local.rss'"


def test_watch_command_polls_and_summarises(site, db_path, extractor, monkeypatch):
    monkeypatch.setattr(cli_module, "_extractor", lambda model: extractor)
    site.publish("/wire.rss", 1)
    site.publish("/wire.rss", 2)
    result = CliRunner().invoke(cli, ["watch", site.url("/wire.rss"), site.url("/down.rss"),
                                      "--every", "1s", "--delay", "0", "--polls", "3",
                                      "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    # wire.rss, down.rss, then wire.rss again a second later: unchanged.
    assert result.stdout == ("3 polls (1 not modified, 1 failed): 2 new entries, 0 failed; "
                             "2 articles new, 0 unchanged, 0 updated; "
                             f"{_claims(db_path)} claims written\n")
    assert f"Error: {site.url('/down.rss')}: HTTP 404 Not Found" in result.stderr


def test_watch_command_needs_a_feed():
    result = CliRunner().invoke(cli, ["watch"])
    assert result.exit_code == 2
    assert "Error: name at least one FEED, or a --feeds FILE" in result.output


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_watch_stops_cleanly_on_a_signal(site, tmp_path, sig):
    site.feeds["/quiet.rss"] = []  # no entries: no model to load in the subprocess
    process = subprocess.Popen(
        [sys.executable, "-m", "newsfacts", "watch", site.url("/quiet.rss"), "--every", "1h",
         "--db", str(tmp_path / "watch.db")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert process.stderr.readline() == f"{site.url('/quiet.rss')}: 0 new entries\n"
        process.send_signal(sig)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert out == ("1 polls (0 not modified, 0 failed): 0 new entries, 0 failed; "
                   "0 articles new, 0 unchanged, 0 updated; 0 claims written\n")


def _claims(db_path) -> int:
    return Database(db_path)["claims"].count


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
