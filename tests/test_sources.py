"""Readers: every kind of input a user names, read into Articles, and every bad one
reported as one exact line. URLs are served by a local HTTP server started here,
never the internet. No model is loaded in this file.
"""

from __future__ import annotations

import http.server
import inspect
import io
import sys
import threading
import time
from pathlib import Path

import pytest

from newsfacts.articles import Article
from newsfacts.sources import Failure, Fetcher, Warning_, read_inputs, sniff
from newsfacts.sources.jsonl import read_jsonl
from newsfacts.sources.web import USER_AGENT

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "fixtures" / "inputs"
BAD = INPUTS / "bad"


class _QuietServer(http.server.ThreadingHTTPServer):
    """A client that hangs up early (the size cap, the timeout) is expected here."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class NewsServer:
    """A small web site on 127.0.0.1 for URL and feed tests: pages, feeds, a PDF, a
    redirect, a 404, a slow page, and a page whose text a test can change."""

    def __init__(self):
        self.routes: dict[str, tuple[int, dict, bytes]] = {}
        self.user_agents: list[str] = []
        handler = self._handler()
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def route(self, path: str, body: bytes | str, content_type: str = "text/html",
              status: int = 200, **headers) -> str:
        if isinstance(body, str):
            body = body.replace("{base}", self.base).encode("utf-8")
        self.routes[path] = (status, {"Content-Type": content_type, **headers}, body)
        return self.base + path

    def url(self, path: str) -> str:
        return self.base + path

    def _handler(self):
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                server.user_agents.append(self.headers.get("User-Agent", ""))
                if self.path == "/slow.html":
                    time.sleep(2)
                status, headers, body = server.routes.get(
                    self.path, (404, {"Content-Type": "text/html"}, b"<h1>Not Found</h1>"))
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):  # keep test output clean
                pass

        return Handler

    def __enter__(self) -> NewsServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def serve_fixtures(server: NewsServer) -> NewsServer:
    """The fixture pages and feeds, at the paths the feeds link to."""
    server.route("/pages/mistral-asml.html", (INPUTS / "pages/mistral-asml.html").read_bytes(),
                 "text/html; charset=utf-8")
    # No charset in the header: the page's <meta> declares windows-1252.
    server.route("/pages/broadcom-kkr.htm", (INPUTS / "pages/broadcom-kkr.htm").read_bytes())
    server.route("/old/mistral", b"", status=301, Location="/pages/mistral-asml.html")
    server.route("/feeds/teasers.rss", (INPUTS / "feeds/teasers.rss").read_text(),
                 "application/rss+xml")
    server.route("/feeds/entries.rss", (BAD / "entries.rss").read_text(), "application/rss+xml")
    server.route("/feeds/served-as-html.xml", (INPUTS / "feeds/deal-wire.rss").read_bytes())
    server.route("/files/annual-report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf")
    server.route("/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")
    server.route("/exports.jsonl", (INPUTS / "exports.jsonl").read_bytes(),
                 "application/x-ndjson")
    server.route("/empty.html", b"")
    server.route("/slow.html", b"<p>late</p>")
    return server


@pytest.fixture(scope="module")
def news_server():
    with NewsServer() as server:
        yield serve_fixtures(server)


def articles_of(items) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def lines_of(items) -> list[str]:
    return [str(item) for item in items if not isinstance(item, Article)]


# Files -------------------------------------------------------------------------------


def test_read_text_file_with_front_matter():
    [article] = read_inputs([INPUTS / "text/quarry-elk-ridge.md"])
    assert (article.title, article.outlet, article.url, article.published, article.author) == (
        "Quarry Point sells Elk Ridge copper mine to Basalt", "Prairie Mining Journal",
        "https://mining.example.net/1987/06/quarry-elk-ridge", "1987-06-01", "Dale Morton")
    assert article.id == f"a-{article.sha256[:12]}"


def test_cp1252_text_is_read_with_a_warning():
    warning, article = read_inputs([INPUTS / "text/harbour-cedar-cp1252.txt"])
    assert isinstance(warning, Warning_)
    assert str(warning) == (f"{INPUTS}/text/harbour-cedar-cp1252.txt: not UTF-8, read as cp1252 "
                            "(byte 0x93 at offset 144)")
    assert "a maker of “artisan” breads" in article.text


def test_read_html_page_keeps_the_article_and_its_metadata():
    [article] = read_inputs([INPUTS / "pages/mistral-asml.html"])
    assert article.title == "ASML leads Mistral AI's €1.7bn round and becomes its top shareholder"
    assert (article.outlet, article.author, article.published, article.url) == (
        "Byte Margin", "Claire Dubois", "2025-09-09",
        "https://news.example.net/2025/09/mistral-asml-series-c")  # its canonical link
    assert article.text.startswith("Europe's best-funded AI startup just got a lot richer")
    assert article.text.endswith("want to keep their data close to home.")
    assert "\n\nMistral AI said on Tuesday it has raised €1.7bn" in article.text
    for clutter in ("cookies", "Subscribe", "Most read", "Copyright", "dataLayer"):
        assert clutter not in article.text


def test_read_html_page_in_its_declared_charset():
    # <meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
    items = list(read_inputs([INPUTS / "pages/broadcom-kkr.htm"]))
    [article] = items
    assert "sell VMware’s end-user computing unit" in article.text
    assert (article.outlet, article.author, article.published) == (
        "Newsfacts Wire", "Tom Reyes", "2023-12-18")


def test_rss_feed_with_full_text_is_read_without_fetching():
    fetcher = Fetcher()
    fetcher.fetch = lambda url: pytest.fail(f"fetched {url}")
    first, second = read_inputs([INPUTS / "feeds/deal-wire.rss"], fetcher=fetcher)
    assert (first.title, first.outlet, first.url, first.published, first.author) == (
        "Lilly to buy gene-editing company Verve for up to $1.3 billion", "Deal Wire",
        "https://news.example.net/2025/06/lilly-verve", "2025-06-17T12:05:00", "Ana Ruiz")
    assert first.text.startswith("Eli Lilly and Co said on Tuesday it agreed to acquire")
    assert first.path == f"{INPUTS}/feeds/deal-wire.rss: entry 1"
    assert second.published == "1987-04-14T09:00:00"


def test_atom_feed_with_full_text():
    first, second = read_inputs([INPUTS / "feeds/deal-wire.atom"])
    assert (first.title, first.outlet, first.url, first.published) == (
        "Cordell Equity weighs sale of Bright Arc Dental Partners, sources say",
        "The Ledger: Deals", "https://ledger.example.net/2025/03/bright-arc-dental",
        "2025-03-11T10:00:00")
    assert "\n\n" in first.text and "<p>" not in first.text
    assert second.title == "Kettle Creek Resources arranges 150 mln Canadian dlr credit line"


def test_read_jsonl_export():
    articles = list(read_inputs([INPUTS / "exports.jsonl"]))
    assert [a.path for a in articles] == [f"{INPUTS}/exports.jsonl:{n}" for n in (1, 2, 3)]
    first = articles[0]
    assert (first.title, first.outlet, first.url, first.published) == (
        "Nakamura Chemical to sell Chiba fertiliser plant for 12.5 billion yen",
        "Ledger Wire Service", "https://wire.example.net/1987/05/nakamura-chiba", "1987-05-20")
    # The export's own "id" (1, 2, 3) is not the article's: its text names it.
    assert first.id == f"a-{first.sha256[:12]}"


JSONL_LINES = [  # line                                   reason
    (b"not json at all", "not valid JSON (Expecting value at column 1)"),
    (b'{"text": "Torn off', "not valid JSON (Unterminated string starting at column 10)"),
    (b'{"text": "a"} {"text": "b"}', "not valid JSON (Extra data at column 15)"),
    (b'{"title": "A headline without its story"}', 'no "text" field'),
    (b'["an", "array"]', "not a JSON object (array)"),
    (b'{"text": 42}', '"text" is not a string (number)'),
    (b'{"text": "   "}', 'empty "text"'),
    (b'{"text": "Foo bought Bar.", "published": ["2026"]}', '"published" is not a string (array)'),
    (b'{"text": "Caf\xe9 deal"}', "not UTF-8 (byte 0xe9 at column 14)"),
]


@pytest.mark.parametrize("line,reason", JSONL_LINES, ids=[r[0].decode("latin-1")
                                                          for r in JSONL_LINES])
def test_bad_jsonl_line(line, reason):
    good = b'{"text": "Foo Inc bought Bar Corp for $5 million."}'
    items = list(read_jsonl([good, b"\n", line + b"\n", good], "exports.jsonl"))
    assert lines_of(items) == [f"exports.jsonl:3: {reason}"]
    assert len(articles_of(items)) == 2


def test_jsonl_numbers_in_text_fields_are_read_as_text():
    [article] = read_jsonl([b'{"text": "Foo bought Bar.", "published": 1987, "outlet": 7}'], "x")
    assert (article.published, article.outlet) == ("1987", "7")


def test_folder_is_read_recursively_skipping_hidden_and_unknown_files(tmp_path):
    (tmp_path / "2026" / "05").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "2026/05/a.txt").write_text("Foo Inc bought Bar Corp for $5 million.\n")
    (tmp_path / "2026/05/b.jsonl").write_text('{"text": "Baz Ltd sold Qux for $1 million."}\n')
    (tmp_path / ".git/c.txt").write_text("Not an article.\n")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    names = [a.path for a in read_inputs([tmp_path])]
    assert names == [f"{tmp_path}/2026/05/a.txt", f"{tmp_path}/2026/05/b.jsonl:1"]


def test_glob_patterns_are_expanded():
    names = [Path(a.path).name for a in read_inputs([f"{INPUTS}/pages/*.htm*"])]
    assert names == ["broadcom-kkr.htm", "mistral-asml.html"]


def test_recursive_glob():
    names = sorted(Path(a.path).name for a in read_inputs([f"{INPUTS}/**/*.md"]))
    assert names == ["quarry-elk-ridge.md"]


@pytest.mark.parametrize("data,kind", [
    (b"Foo Inc said on Monday it bought Bar.", "text"),
    (INPUTS.joinpath("exports.jsonl").read_bytes(), "jsonl"),
    (INPUTS.joinpath("pages/mistral-asml.html").read_bytes(), "html"),
    (INPUTS.joinpath("feeds/deal-wire.atom").read_bytes(), "feed"),
], ids=["text", "jsonl", "html", "feed"])
def test_stdin_is_read_by_what_it_holds(data, kind):
    assert sniff(data) == kind
    items = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert articles_of(items) and not lines_of(items)
    assert all(a.path.startswith("<stdin>") for a in articles_of(items))


def test_read_inputs_streams():
    """A generator: the second input is not opened before the first one's articles."""
    asked = []

    def inputs():
        for name in (INPUTS / "exports.jsonl", INPUTS / "feeds/deal-wire.atom"):
            asked.append(name.name)
            yield name

    items = read_inputs(inputs())
    assert inspect.isgenerator(items)
    next(items)
    assert asked == ["exports.jsonl"]


# Bad inputs: one exact line each -----------------------------------------------------


def test_bad_files_each_give_one_line(tmp_path):
    empty_folder = tmp_path / "empty"
    empty_folder.mkdir()
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"Foo\x00\x01\x02 Bar")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:  # sparse: 21 MB on paper, nothing on disk
        f.truncate(21 * 1024 * 1024)
    inputs = [tmp_path / "missing.txt", empty_folder, BAD / "empty.txt", binary, pdf,
              BAD / "undecodable.txt", huge, BAD / "no-text.html", BAD / "malformed.rss",
              BAD / "sitemap.xml", f"{tmp_path}/*.html"]
    assert lines_of(read_inputs(inputs)) == [
        f"{tmp_path}/missing.txt: no such file or folder",
        f"{tmp_path}/empty: no article files in this folder",
        f"{BAD}/empty.txt: empty file",
        f"{tmp_path}/scan.txt: binary file, not text (NUL byte at offset 3)",
        f"{tmp_path}/report.pdf: binary file, not text (a PDF)",
        f"{BAD}/undecodable.txt: not UTF-8 or cp1252 text (byte 0x81 at offset 55)",
        f"{tmp_path}/huge.txt: 21.0 MB, over the 20 MB limit",
        f"{BAD}/no-text.html: no article text in this page",
        f"{BAD}/malformed.rss: not a well-formed feed (no element found at line 13)",
        f"{BAD}/sitemap.xml: not an RSS or Atom feed",
        f"{tmp_path}/*.html: no files match this pattern",
    ]


def test_bad_jsonl_file_reports_each_line_and_keeps_the_rest():
    items = list(read_inputs([BAD / "exports.jsonl"]))
    assert lines_of(items) == [
        f"{BAD}/exports.jsonl:3: not valid JSON (Expecting value at column 1)",
        f'{BAD}/exports.jsonl:4: no "text" field',
        f"{BAD}/exports.jsonl:5: not a JSON object (array)",
        f'{BAD}/exports.jsonl:6: empty "text"',
        f'{BAD}/exports.jsonl:7: "published" is not a string (array)',
        f"{BAD}/exports.jsonl:8: not valid JSON (Unterminated string starting at column 10)",
    ]
    assert [a.path for a in articles_of(items)] == [f"{BAD}/exports.jsonl:{n}" for n in (1, 2)]


def test_bad_stdin():
    assert lines_of(read_inputs(["-"], stdin=io.BytesIO(b" \n"))) == ["<stdin>: empty input"]


# URLs ------------------------------------------------------------------------------------


def test_url_is_fetched_with_our_user_agent(news_server):
    url = news_server.url("/pages/mistral-asml.html")
    [article] = read_inputs([url])
    assert article.url == url and article.path == url
    assert (article.title, article.outlet, article.published) == (
        "ASML leads Mistral AI's €1.7bn round and becomes its top shareholder", "Byte Margin",
        "2025-09-09")
    assert news_server.user_agents[-1] == USER_AGENT
    assert USER_AGENT.startswith("newsfacts/") and "(+https://" in USER_AGENT


def test_url_records_the_final_address_after_redirects(news_server):
    [article] = read_inputs([news_server.url("/old/mistral")])
    assert article.url == news_server.url("/pages/mistral-asml.html")
    assert article.path == news_server.url("/old/mistral")


def test_feed_url_fetches_each_entry_link(news_server):
    first, second = read_inputs([news_server.url("/feeds/teasers.rss")])
    assert first.url == news_server.url("/pages/mistral-asml.html")
    assert first.title == "ASML leads Mistral AI's €1.7bn round"  # the feed's headline
    assert first.published == "2025-09-09T06:30:00"  # the feed's date, to the minute
    assert first.outlet == "Byte Margin"  # the page's site name
    assert first.text.startswith("Europe's best-funded AI startup")
    assert second.url == news_server.url("/pages/broadcom-kkr.htm")
    assert "VMware’s" in second.text


def test_feed_served_as_html_and_jsonl_url(news_server):
    items = list(read_inputs([news_server.url("/feeds/served-as-html.xml"),
                              news_server.url("/exports.jsonl")]))
    assert [a.title[:20] for a in items] == [
        "Lilly to buy gene-ed", "Penrith Holdings agr", "Nakamura Chemical to",
        "Tremont Industries d", "Northfield Rail hand"]


def test_bad_feed_entries_each_give_one_line(news_server):
    feed = news_server.url("/feeds/entries.rss")
    assert lines_of(read_inputs([feed])) == [
        f"{feed}: entry 1: no link and no content",
        f"{news_server.base}/missing.html: HTTP 404 Not Found",
        f"{news_server.base}/files/annual-report.pdf: not an article (content type "
        "application/pdf)",
    ]


def test_bad_urls_each_give_one_line(news_server):
    closed = _closed_port()
    fetcher = Fetcher(timeout=0.5, max_bytes=1000)
    urls = [news_server.url("/missing.html"), news_server.url("/files/annual-report.pdf"),
            news_server.url("/logo.png"), f"http://127.0.0.1:{closed}/news.html",
            news_server.url("/slow.html"), news_server.url("/pages/mistral-asml.html"),
            news_server.url("/empty.html")]
    assert lines_of(read_inputs(urls, fetcher=fetcher)) == [
        f"{news_server.base}/missing.html: HTTP 404 Not Found",
        f"{news_server.base}/files/annual-report.pdf: not an article (content type "
        "application/pdf)",
        f"{news_server.base}/logo.png: not an article (content type image/png)",
        f"http://127.0.0.1:{closed}/news.html: could not connect (Connection refused)",
        f"{news_server.base}/slow.html: no answer within 0.5 s",
        f"{news_server.base}/pages/mistral-asml.html: 3327 bytes, over the 1000 bytes limit",
        f"{news_server.base}/empty.html: empty page",
    ]


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.shared
def test_reuters_corpus_is_read_whole():
    from conftest import SHARED

    corpus = SHARED / "corpora" / "reuters21578"
    articles = {}
    for item in read_inputs([corpus]):
        assert not isinstance(item, Failure | Warning_), str(item)
        articles[item.id] = item
    assert len(articles) == 21578
    assert articles["reuters-12793"].text == ""  # empty in the corpus: kept as a record
    first = articles["reuters-1"]
    assert (first.title, first.published, first.outlet) == (
        "BAHIA COCOA REVIEW", "1987-02-26T15:01:01", "Reuters")


def test_a_reuters_item_with_only_a_headline_is_its_headline(tmp_path):
    # The wire's headline-only items carry "Blah blah blah." where a body would be.
    sgm = tmp_path / "reut2-901.sgm"
    sgm.write_text(
        '<REUTERS NEWID="77001">\n<DATE>30-MAR-1987 14:29:14.28</DATE>\n'
        '<TEXT TYPE="BRIEF">&#2;\n******<TITLE>HALVARD FOODS TO BUY BRISCO DAIRIES FOR 57 '
        'MLN DLRS\n</TITLE>Blah blah blah.\n&#3;\n\n</TEXT>\n</REUTERS>\n', encoding="latin-1")
    [item] = read_inputs([sgm])
    assert item.text == item.title == "HALVARD FOODS TO BUY BRISCO DAIRIES FOR 57 MLN DLRS"


def test_a_headline_in_capitals_gives_its_deal(extractor):
    from types import SimpleNamespace

    headline = "HALVARD FOODS TO BUY BRISCO DAIRIES FOR 57 MLN DLRS"
    [claim] = extractor.extract(SimpleNamespace(text=headline, title=headline,
                                                published="1987-03-30"))
    assert claim.amount.value == 57e6
    assert (claim.names("buyer"), claim.names("seller")) == (["Halvard Foods"],
                                                             ["Brisco Dairies"])
    assert headline[claim.start:claim.end].lower() == claim.sentence.lower()
