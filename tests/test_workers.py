"""Extraction workers: a dead worker's articles are retried, never waited on forever, and
one Ctrl-C stops an ingest with its workers (issue 11, finding 7).

Hang guards (generous bounds on a wait) stop a test that would otherwise never end;
they are no timings of the code.
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

import psutil
import pytest
import sqlite_utils
from conftest import ARTICLES

from newsfacts.db import Store
from newsfacts.extract.parallel import ParallelExtractor
from newsfacts.ingest import ingest
from newsfacts.sources.text import read_text_file

DIED = re.compile(r"extraction worker died: \d+ \(killed by SIGKILL\); retrying its \d+ "
                  r"articles in new workers")


def fixture_articles(count: int):
    return [read_text_file(path)[0] for path in sorted(ARTICLES.glob("*.txt"))[:count]]


def claims_of(pairs):
    return [(article.text[:40], [c.to_dict() for c in claims]) for article, claims in pairs]


def test_a_killed_worker_is_reported_and_its_articles_retried(extractor):
    articles = fixture_articles(16)
    lines: list[str] = []
    results = []
    with ParallelExtractor(2, chunk_size=1, report=lines.append) as parallel:
        for article, claims in parallel.pipe(articles):
            if not results:  # the other articles are in flight or still to go
                os.kill(parallel.worker_pids()[0], signal.SIGKILL)
            results.append((article, claims))
    assert len(lines) == 1 and DIED.fullmatch(lines[0]), lines
    assert claims_of(results) == claims_of(extractor.pipe(articles))


def test_an_ingest_completes_with_all_articles_when_a_worker_is_killed(db_path):
    lines: list[str] = []
    killed: list[int] = []
    with ParallelExtractor(2, chunk_size=4, report=lines.append) as parallel:

        def kill_one(kind, item):  # between batches: the next one finds a worker gone
            if kind == "article" and not killed:
                killed.append(parallel.worker_pids()[0])
                os.kill(killed[0], signal.SIGKILL)

        with Store(db_path) as store:
            summary = ingest([ARTICLES], store, extractor=parallel, batch_size=16,
                             progress=kill_one)
    total = len(list(ARTICLES.rglob("*.txt")))  # hard/ included: ingest reads folders whole
    assert (summary.new, summary.failed) == (total, 0)
    assert sqlite_utils.Database(db_path)["articles"].count == total
    assert len(lines) == 1 and DIED.fullmatch(lines[0]) and str(killed[0]) in lines[0]


@pytest.fixture
def many_articles(tmp_path):
    """A JSON Lines export of 640 articles (the fixtures ten times): five batches of 128
    with two processes, long enough to stop half-way."""
    path = tmp_path / "many.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for copy in range(10):
            for n, article in enumerate(fixture_articles(64)):
                text = f"{article.text}\n\n(Copy {copy}.)"
                f.write(json.dumps({"text": text, "title": article.title,
                                    "url": f"https://example.com/{copy}/{n}"}) + "\n")
    return path


def wait_for(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"hang guard: {what} not within {seconds} s")
        time.sleep(0.2)


def stored(db_path) -> int:
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
            return db.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def _default_ctrl_c():
    """The command starts with Ctrl-C as a terminal gives it, whatever the test process
    was left with (a child inherits an ignored or blocked SIGINT, and keeps it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def test_one_ctrl_c_stops_an_ingest_with_workers(many_articles, db_path):
    process = psutil.Popen([sys.executable, "-m", "newsfacts", "ingest", str(many_articles),
                            "--db", str(db_path), "--processes", "2"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           preexec_fn=_default_ctrl_c)
    try:
        wait_for(lambda: stored(db_path) > 0, 300, "the first batch stored")
        workers = process.children(recursive=True)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=20)  # hang guard
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, stderr
    count = stored(db_path)
    assert count % 128 == 0 and 0 < count < 640  # whole batches only
    assert (f"Interrupted: {count} articles: {count} new, 0 unchanged, 0 updated, 0 failed; "
            f"{sqlite_utils.Database(db_path)['claims'].count} claims written"
            ) in stderr.splitlines(), stderr
    assert "Traceback" not in stderr and stdout == ""
    # No worker outlives the command by more than its shutdown: each ends within a few
    # seconds of the parent (which terminates them, and whose exit closes their queues).
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not [w for w in alive if w.is_running() and w.status() != psutil.STATUS_ZOMBIE]
    with sqlite3.connect(db_path) as db:
        assert db.execute("pragma integrity_check").fetchone() == ("ok",)


def test_batches_sent_ahead_are_stored_as_one_process_stores_them(extractor, tmp_path):
    """With workers the next batch is sent before this one is written: an article an
    earlier batch stores or changes in the meantime ends up as it does without workers
    (the same URL changed and back, the same text twice, with and without a URL)."""
    texts = [a.text for a in fixture_articles(4)]
    lines = [("a", 0), ("b", 1), ("a", 2), ("a", 0), ("c", 3), ("c", 3), (None, 1), (None, 1)]
    path = tmp_path / "again.jsonl"
    path.write_text("".join(json.dumps({"text": texts[n], "title": f"T{n}"} | (
        {"url": f"https://example.com/{url}"} if url else {})) + "\n" for url, n in lines))
    tables = []
    for name, maker in (("one", lambda: extractor), ("workers", lambda: ParallelExtractor(1))):
        made = maker()
        with Store(tmp_path / f"{name}.db") as store:
            summary = ingest([path], store, extractor=made, batch_size=1)
        if made is not extractor:
            made.close()
        assert summary.failed == 0
        tables.append((summary.line(), _table_rows(tmp_path / f"{name}.db")))
    assert tables[0] == tables[1]


def _table_rows(db_path) -> dict[str, list]:
    """Every row of every table but the full-text indexes' own, times left out."""
    stamp = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d")
    with sqlite3.connect(db_path) as db:
        names = [n for (n,) in db.execute("select name from sqlite_master where type='table'")
                 if not n.endswith(("_fts_data", "_fts_idx", "_migrations"))]
        return {n: sorted(repr(tuple(None if isinstance(v, str) and stamp.match(v) else v
                                     for v in row))
                          for row in db.execute(f'select * from "{n}"')) for n in names}


def test_articles_not_sent_ahead_are_extracted_when_their_batch_is_written():
    """What the workers were sent and is no longer needed is dropped; what they were not
    sent (stored when the batch went out, changed since) is extracted then."""
    from newsfacts.ingest import _extract

    class Workers:
        def collect(self, sent):
            return [[f"sent {n}"] for n in sent]

        def pipe(self, articles):
            return ((a, [f"now {a.n}"]) for a in articles)

    class A:
        def __init__(self, n):
            self.n = n

    a, b, c = A(1), A(2), A(3)
    extracted, broken = _extract(lambda: Workers(), [a, c], sent=([a, b], [1, 2]))
    assert (extracted, broken) == ({id(a): ["sent 1"], id(c): ["now 3"]}, {})
