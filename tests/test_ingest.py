"""``newsfacts ingest`` as a user runs it: mixed inputs in one call, a re-run that changes
nothing, one exact line per bad input, --report and --quiet, and the store kept whole
when two ingests run at once or one is killed (SIGKILL) half-way.

In-process runs reuse the session's extractor; the concurrency and kill tests run the
real command in subprocesses, as a user would.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database
from test_sources import BAD, INPUTS, NewsServer, serve_fixtures

from newsfacts import cli as cli_module
from newsfacts.cli import cli
from newsfacts.db import Store
from newsfacts.ingest import Summary, ingest

ARTICLES = INPUTS.parent / "articles"
_NUMBER = re.compile(r"\b\d+(?:\.\d+)?\b")


@pytest.fixture
def run(monkeypatch, extractor, db_path):
    """Run ``newsfacts ingest ARGS --db db_path`` in process, with the session's model."""
    monkeypatch.setattr(cli_module, "_extractor", lambda model: extractor)

    def invoke(*args, input=None):
        return CliRunner().invoke(cli, ["ingest", *map(str, args), "--db", str(db_path)],
                                  input=input)

    return invoke


@pytest.fixture(scope="module")
def news_server():
    with NewsServer() as server:
        yield serve_fixtures(server)


def wire_articles(count: int, start: int = 0) -> list[dict]:
    """Articles made from the fixture texts, each with its numbers changed: distinct
    texts with distinct claims, as many as a test needs."""
    texts = [p.read_text(encoding="utf-8").split("\n---\n", 1)[1].strip()
             for p in sorted(ARTICLES.glob("*.txt"))]
    records = []
    for n in range(start, start + count):
        bump = n // len(texts) + 1
        text = _NUMBER.sub(lambda m, bump=bump: _bumped(m.group(), bump), texts[n % len(texts)])
        records.append({"text": text, "title": f"Wire story {n}", "outlet": "Test Wire",
                        "url": f"https://wire.example.net/{n}", "published": "2026-05-14"})
    return records


def _bumped(number: str, bump: int) -> str:
    if "." in number:
        return f"{float(number) + bump / 10:.{len(number.split('.')[1])}f}"
    return number if len(number) == 4 else str(int(number) + bump)  # years stay years


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def claim_rows(db_path) -> dict[str, list[tuple]]:
    """Every article's claims with their parties, as comparable tuples."""
    db = Database(db_path)
    out: dict[str, list[tuple]] = {a["id"]: [] for a in db.query("select id from articles")}
    for row in db.query("""
            select claims.*, group_concat(cp.role || ':' || cp.name, '|') as parties
            from claims left join claim_parties cp on cp.claim_id = claims.id
            group by claims.id order by claims.article_id, claims.ordinal"""):
        row.pop("rowid", None)
        out[row["article_id"]].append(tuple(sorted(row.items())))
    return out


def ingest_command(*args) -> list[str]:
    return [sys.executable, "-m", "newsfacts", "ingest", *map(str, args)]


# One call, every kind of input -----------------------------------------------------------


def test_ingest_every_kind_of_input_in_one_call(run, db_path, news_server):
    stdin = (ARTICLES / "microsoft-nvidia-anthropic.txt").read_bytes()
    result = run(ARTICLES / "microsoft-activision-close.txt", INPUTS / "text",
                 f"{INPUTS}/pages/*.html", INPUTS / "feeds/deal-wire.rss",
                 INPUTS / "feeds/deal-wire.atom", INPUTS / "exports.jsonl",
                 news_server.url("/pages/broadcom-kkr.htm"),
                 news_server.url("/feeds/teasers.rss"), "-", input=stdin)
    assert result.exit_code == 0, result.output
    # The feed of teasers links to the two pages read before it: the same texts.
    summary = re.fullmatch(r"15 articles: 13 new, 2 unchanged, 0 updated, 0 failed; "
                           r"(\d+) claims written\n", result.stdout)
    assert summary, result.stdout
    assert result.stderr == (f"Warning: {INPUTS}/text/harbour-cedar-cp1252.txt: not UTF-8, "
                             "read as cp1252 (byte 0x93 at offset 144)\n")
    db = Database(db_path)
    assert db["claims"].count == int(summary.group(1)) > 0
    by_path = {row["path"]: row for row in db["articles"].rows}
    assert len(by_path) == 13
    fetched = by_path[news_server.url("/pages/broadcom-kkr.htm")]
    assert (fetched["outlet"], fetched["url"], fetched["published"]) == (
        "Newsfacts Wire", news_server.url("/pages/broadcom-kkr.htm"), "2023-12-18")
    saved = by_path[f"{INPUTS}/pages/mistral-asml.html"]
    assert (saved["outlet"], saved["url"], saved["author"]) == (
        "Byte Margin", "https://news.example.net/2025/09/mistral-asml-series-c", "Claire Dubois")
    piped = by_path["<stdin>"]
    assert piped["title"] == (ARTICLES / "microsoft-nvidia-anthropic.txt").read_text(
        encoding="utf-8").splitlines()[1].split(": ", 1)[1].strip('"')
    jsonl = by_path[f"{INPUTS}/exports.jsonl:3"]
    assert (jsonl["outlet"], jsonl["url"], jsonl["published"]) == (
        "Rail Freight Review", "https://rail.example.net/2026/01/northfield-carver",
        "2026-01-12")
    feed = by_path[f"{INPUTS}/feeds/deal-wire.rss: entry 1"]
    assert (feed["outlet"], feed["url"], feed["published"], feed["author"]) == (
        "Deal Wire", "https://news.example.net/2025/06/lilly-verve", "2025-06-17T12:05:00",
        "Ana Ruiz")
    # Every input that names its outlet has it kept; a bare text file names none.
    assert [r["path"] for r in db.query("select path from articles where outlet is null")] == [
        f"{INPUTS}/text/harbour-cedar-cp1252.txt"]


def test_second_ingest_changes_nothing_and_loads_no_model(db_path, extractor):
    inputs = [INPUTS / "pages", INPUTS / "feeds/deal-wire.rss", INPUTS / "feeds/deal-wire.atom",
              INPUTS / "exports.jsonl", f"{INPUTS}/text/*.md"]
    with Store(db_path) as store:
        first = ingest(inputs, store, extractor=extractor)
    tables = ("articles", "claims", "parties", "claim_parties")
    before = {t: list(Database(db_path)[t].rows) for t in tables}

    def no_model():
        pytest.fail("the second ingest loaded the model")

    with Store(db_path) as store:
        second = ingest(inputs, store, extractor=no_model)
    assert (first.new, first.unchanged, first.failed) == (10, 0, 0)
    assert second.line() == "10 articles: 0 new, 10 unchanged, 0 updated, 0 failed; " \
                            "0 claims written"
    assert {t: list(Database(db_path)[t].rows) for t in tables} == before


def test_a_changed_page_is_a_new_version(run, db_path, news_server):
    page = (INPUTS / "pages/mistral-asml.html").read_text(encoding="utf-8")
    url = news_server.route("/live/story.html", page)
    assert run(url).stdout.startswith("1 articles: 1 new")
    assert run(url).stdout.startswith("1 articles: 0 new, 1 unchanged")
    news_server.route("/live/story.html", page.replace("€1.7bn in a Series C round",
                                                       "€1.8bn in a Series C round"))
    assert run(url).stdout.startswith("1 articles: 0 new, 0 unchanged, 1 updated")
    old, new = sorted(Database(db_path)["articles"].rows, key=lambda r: r["ingested_at"] or "")
    current = [r for r in (old, new) if r["superseded_by"] is None]
    assert len(current) == 1 and "€1.8bn" in current[0]["text"]
    superseded = [r for r in (old, new) if r["superseded_by"]]
    assert superseded[0]["superseded_by"] == current[0]["id"]


# Bad inputs ---------------------------------------------------------------------------


def test_bad_inputs_each_give_one_line_and_the_batch_goes_on(run, db_path, tmp_path,
                                                              news_server):
    empty = tmp_path / "empty"
    empty.mkdir()
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(25 * 1024 * 1024)
    result = run(tmp_path / "missing.txt", empty, BAD / "empty.txt", binary,
                 BAD / "undecodable.txt", huge, BAD / "no-text.html", BAD / "malformed.rss",
                 BAD / "exports.jsonl", news_server.url("/files/annual-report.pdf"),
                 news_server.url("/missing.html"), "http://127.0.0.1:9/news.html",
                 ARTICLES / "lilly-verve-up-to.txt", INPUTS / "text/harbour-cedar-cp1252.txt")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {tmp_path}/missing.txt: no such file or folder",
        f"Error: {tmp_path}/empty: no article files in this folder",
        f"Error: {BAD}/empty.txt: empty file",
        f"Error: {tmp_path}/photo.txt: binary file, not text (a PNG image)",
        f"Error: {BAD}/undecodable.txt: not UTF-8 or cp1252 text (byte 0x81 at offset 55)",
        f"Error: {tmp_path}/huge.txt: 25.0 MB, over the 20 MB limit",
        f"Error: {BAD}/no-text.html: no article text in this page",
        f"Error: {BAD}/malformed.rss: not a well-formed feed (no element found at line 13)",
        f"Error: {BAD}/exports.jsonl:3: not valid JSON (Expecting value at column 1)",
        f'Error: {BAD}/exports.jsonl:4: no "text" field',
        f"Error: {BAD}/exports.jsonl:5: not a JSON object (array)",
        f'Error: {BAD}/exports.jsonl:6: empty "text"',
        f'Error: {BAD}/exports.jsonl:7: "published" is not a string (array)',
        f"Error: {BAD}/exports.jsonl:8: not valid JSON (Unterminated string starting at "
        "column 10)",
        f"Error: {news_server.base}/files/annual-report.pdf: not an article "
        "(content type application/pdf)",
        f"Error: {news_server.base}/missing.html: HTTP 404 Not Found",
        "Error: http://127.0.0.1:9/news.html: could not connect (Connection refused)",
        f"Warning: {INPUTS}/text/harbour-cedar-cp1252.txt: not UTF-8, read as cp1252 "
        "(byte 0x93 at offset 144)",
    ]
    # The two good JSONL lines, the good file and the cp1252 file are stored all the same.
    assert result.stdout.startswith("4 articles: 4 new, 0 unchanged, 0 updated, 17 failed;")
    assert Store(db_path).counts()["articles"] == 4


@pytest.mark.parametrize("args,message", [
    ((), "Missing argument 'INPUTS...'"),
    (("fixtures/articles", "--bogus"), "No such option '--bogus'."),
], ids=["no inputs", "unknown option"])
def test_usage_errors_exit_2(args, message, tmp_path):
    result = CliRunner().invoke(cli, ["ingest", *args, "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert f"Error: {message}" in result.stderr


def test_a_db_that_is_no_database(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Not a database.\n" * 100)
    result = CliRunner().invoke(cli, ["ingest", str(ARTICLES), "--db", str(notes)])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {notes}: not a database newsfacts can open "
                             "(file is not a database)\n")


def test_an_extraction_bug_fails_its_article_only(db_path, extractor, monkeypatch):
    original = type(extractor).make_docs

    def make_docs(self, article):
        if "Tremont" in article.text:
            raise RecursionError("maximum recursion depth exceeded")
        return original(self, article)

    monkeypatch.setattr(type(extractor), "make_docs", make_docs)
    with Store(db_path) as store:
        summary = ingest([INPUTS / "exports.jsonl"], store, extractor=extractor)
    assert (summary.new, summary.failed) == (2, 1)
    [failure] = summary.failures
    assert str(failure) == (
        f"{INPUTS}/exports.jsonl:2: extraction failed (RecursionError: maximum recursion "
        "depth exceeded); this is a bug in newsfacts, please report it")
    assert "Traceback" in failure.traceback and "make_docs" in failure.traceback


# Output: summary, --report, --quiet, the progress bar -----------------------------------


def test_report_file(run, tmp_path, db_path):
    report = tmp_path / "report.json"
    result = run(INPUTS / "exports.jsonl", BAD / "empty.txt", "--report", report)
    assert result.exit_code == 1
    data = json.loads(report.read_text())
    assert {k: data[k] for k in ("articles", "new", "unchanged", "updated", "failed",
                                 "claims")} == {
        "articles": 3, "new": 3, "unchanged": 0, "updated": 0, "failed": 1,
        "claims": Store(db_path).counts()["claims"]}
    assert data["failures"] == [{"input": f"{BAD}/empty.txt", "reason": "empty file",
                                 "line": f"Error: {BAD}/empty.txt: empty file"}]
    assert data["inputs"] == [str(INPUTS / "exports.jsonl"), str(BAD / "empty.txt")]
    assert data["seconds"] > 0 and data["articles_per_second"] > 0


def test_quiet_prints_errors_only(run):
    result = run(INPUTS / "exports.jsonl", BAD / "empty.txt", "--quiet")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {BAD}/empty.txt: empty file\n"


def test_progress_bar_on_a_terminal():
    from io import StringIO

    from rich.console import Console

    from newsfacts.cli import _IngestProgress
    from newsfacts.db import Outcome
    from newsfacts.sources import Failure

    out = StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    with _IngestProgress(bar=True, console=console) as shown:
        for _ in range(50):
            shown.notify("article", Outcome.NEW)
            time.sleep(0.002)
        shown.notify("failure", Failure("a.txt", "empty file"))
        shown.progress.refresh()
    text = out.getvalue()
    assert "Error: a.txt: empty file" in text
    assert re.search(r"50 articles \(50 new, 1 failed\)", text)
    assert re.search(r"\d+\.\d articles/s", text)


def test_no_progress_bar_when_stderr_is_not_a_terminal(run):
    result = run(INPUTS / "exports.jsonl")
    assert result.stderr == ""


def test_summary_line():
    assert Summary(new=3, unchanged=2, updated=1, failed=4, claims=9).line() == (
        "6 articles: 3 new, 2 unchanged, 1 updated, 4 failed; 9 claims written")


# Faults and load: two ingests at once, an ingest killed -------------------------------------


@pytest.mark.slow
def test_two_ingests_at_once(tmp_path):
    db = tmp_path / "newsfacts.db"
    # 100 articles each: two transactions each, interleaved with the other's.
    first = write_jsonl(tmp_path / "first.jsonl", wire_articles(100))
    second = write_jsonl(tmp_path / "second.jsonl", wire_articles(100, start=100))
    procs = [subprocess.Popen(ingest_command(path, "--db", db), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for path in (first, second)]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert out.startswith("100 articles: 100 new, 0 unchanged, 0 updated, 0 failed;")
    db_ = Database(db)
    assert db_.execute("pragma integrity_check").fetchone() == ("ok",)
    assert db_["articles"].count == 200


@pytest.mark.slow
def test_killed_ingest_leaves_whole_articles_and_a_rerun_finishes(tmp_path, extractor):
    # 200 articles: four transactions of 64; the kill comes after the first.
    inputs = write_jsonl(tmp_path / "wire.jsonl", wire_articles(200))
    clean_db = tmp_path / "clean.db"
    with Store(clean_db) as store:
        assert ingest([inputs], store, extractor=extractor).new == 200
    clean = claim_rows(clean_db)

    db = tmp_path / "killed.db"
    proc = subprocess.Popen(ingest_command(inputs, "--db", db, "--quiet"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = _wait_for_articles(db, proc, at_least=1)
    workers = _children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    _wait_gone(workers)  # the workers end with their parent, none left idle
    killed = claim_rows(db)
    assert 0 < len(killed) < 200, f"killed after {stored} articles: not mid-way"
    assert sqlite3.connect(db).execute("pragma integrity_check").fetchone() == ("ok",)
    for article_id, claims in killed.items():  # every article with all its claims
        assert claims == clean[article_id], article_id

    rerun = subprocess.run(ingest_command(inputs, "--db", db), capture_output=True,
                           text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith(
        f"200 articles: {200 - len(killed)} new, {len(killed)} unchanged, 0 updated, 0 failed;")
    assert claim_rows(db) == clean


def _children(pid: int) -> list[int]:
    """The processes ``pid`` started (Linux's /proc; none elsewhere)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def _wait_gone(pids: list[int], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    alive = list(pids)
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if Path(f"/proc/{p}").exists() and "Z" not in (
            Path(f"/proc/{p}/stat").read_text().split(") ")[-1][:1])]
        time.sleep(0.1)
    assert not alive, f"processes left behind by the killed ingest: {alive}"


def _wait_for_articles(db: Path, proc: subprocess.Popen, at_least: int) -> int:
    """Poll the database, as Datasette would read it, until an ingest has written."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"ingest ended before it was killed: {proc.stderr.read()}")
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                    count = conn.execute("select count(*) from articles").fetchone()[0]
            except sqlite3.OperationalError:  # not created yet
                count = 0
            if count >= at_least:
                return count
        time.sleep(0.01)
    pytest.fail("no article written within 120 s")
