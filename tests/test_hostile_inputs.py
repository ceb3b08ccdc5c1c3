"""Hostile and clumsy inputs (issue 11): each one gives one line and the rest of the batch
goes on; nothing hangs, nothing reads without bound, nothing the user named is destroyed.

Every input is made here, small: devices, FIFOs and sockets, symlink loops, files the OS
refuses, YAML bombs. The ingest tests at the end run the real command with the model.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time

import pytest
from click.testing import CliRunner
from sqlite_utils import Database
from test_sources import articles_of, lines_of

from newsfacts import cli as cli_module
from newsfacts.cli import cli
from newsfacts.errors import ArticleTooLarge, BadInput, FetchFailed
from newsfacts.sources import Fetcher, read_inputs
from newsfacts.sources.files import read_input
from newsfacts.sources.jsonl import read_lines
from newsfacts.sources.text import load_front_matter

GOOD = "Foo Inc said on Monday it agreed to buy Bar Corp for $5 million in cash.\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def unix_socket(path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(path))
    return sock


# Files that are no regular files (findings 2, 5, 8) ----------------------------------


def test_a_device_is_refused_before_a_byte_is_read():
    """/dev/zero's size on record is 0 bytes: it was read until memory ran out."""
    assert lines_of(read_inputs(["/dev/zero"])) == [
        "/dev/zero: not a regular file (a character device)"]


def test_a_glob_matching_a_symlink_to_a_device(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    items = list(read_inputs([f"{tmp_path}/*.txt"]))
    assert lines_of(items) == [f"{tmp_path}/zero.txt: not a regular file (a character device)"]
    assert [a.path for a in articles_of(items)] == [f"{tmp_path}/a.txt"]


def test_a_fifo_does_not_block(tmp_path):
    """A FIFO with no writer: open() waited for one forever."""
    os.mkfifo(tmp_path / "wire.txt")
    (tmp_path / "b.txt").write_text(GOOD)
    items = list(read_inputs([tmp_path / "wire.txt", f"{tmp_path}/*.txt", tmp_path]))
    # Named, matched by the glob and found in the folder: each input reports it.
    assert lines_of(items) == [f"{tmp_path}/wire.txt: not a regular file (a FIFO)"] * 3
    assert [a.path for a in articles_of(items)] == [f"{tmp_path}/b.txt"]


def test_a_unix_socket_among_files(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    with unix_socket(tmp_path / "news.sock.txt"):
        items = list(read_inputs([tmp_path]))
    assert lines_of(items) == [f"{tmp_path}/news.sock.txt: not a regular file (a UNIX socket)"]
    assert len(articles_of(items)) == 1


def test_the_size_limit_applies_to_what_is_read_not_to_what_stat_says():
    """/proc files say 0 bytes and hold more: the read stops at the limit plus one."""
    with pytest.raises(ArticleTooLarge) as raised:
        read_input("/proc/self/status", max_bytes=100)
    assert str(raised.value) == "/proc/self/status: over the 100 bytes limit"


# Files the OS refuses (finding 5) --------------------------------------------------------


def test_files_the_os_refuses_each_give_one_line(tmp_path):
    """What fails even for root: a symlink loop, an I/O error (/proc/self/mem at offset 0)."""
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "mem.txt").symlink_to("/proc/self/mem")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    items = list(read_inputs([tmp_path]))
    assert lines_of(items) == [
        f"{tmp_path}/gone.txt: no such file or folder",
        f"{tmp_path}/loop.txt: cannot read this file (a symbolic link loop)",
        f"{tmp_path}/mem.txt: cannot read this file (input/output error)",
    ]
    assert [a.path for a in articles_of(items)] == [f"{tmp_path}/a.txt"]


@pytest.mark.skipif(IS_ROOT, reason="root reads files and folders whatever their mode")
def test_an_unreadable_file_and_folder(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "secret.txt").write_text(GOOD.replace("Foo", "Baz"))
    (tmp_path / "secret.txt").chmod(0)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "c.txt").write_text(GOOD.replace("Foo", "Qux"))
    (tmp_path / "locked").chmod(0)
    try:
        items = list(read_inputs([tmp_path]))
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert lines_of(items) == [
        f"{tmp_path}/locked: cannot read this folder (permission denied)",
        f"{tmp_path}/secret.txt: cannot read this file (permission denied)",
    ]
    assert len(articles_of(items)) == 1


# Symlink loops and one file by many paths (finding 8) ------------------------------------


def test_a_self_link_counts_a_file_once(tmp_path):
    """``self -> .``: glob's ``**`` went 40 folders deep and found the file 41 times."""
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "self").symlink_to(".")
    for inputs in ([tmp_path], [f"{tmp_path}/**/*.txt"], [tmp_path, tmp_path / "a.txt"]):
        assert [a.path for a in read_inputs(inputs)] == [f"{tmp_path}/a.txt"], inputs


def test_a_glob_through_a_symlink_loop_ends(tmp_path):
    """Two links back up: the ``**`` walk branched twice per level and never returned."""
    (tmp_path / "news" / "2026").mkdir(parents=True)
    (tmp_path / "news" / "2026" / "a.txt").write_text(GOOD)
    (tmp_path / "news" / "2026" / "up").symlink_to("..")
    (tmp_path / "news" / "2026" / "top").symlink_to(tmp_path / "news")
    (tmp_path / "news" / "back").symlink_to(".")
    assert [a.path for a in read_inputs([f"{tmp_path}/news/**/*.txt"])] == [
        f"{tmp_path}/news/2026/a.txt"]
    assert [a.path for a in read_inputs([tmp_path / "news"])] == [f"{tmp_path}/news/2026/a.txt"]


def test_a_symlinked_folder_outside_is_read_once(tmp_path):
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "a.txt").write_text(GOOD)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "archive").symlink_to(tmp_path / "archive")
    (tmp_path / "news" / "again").symlink_to(tmp_path / "archive")
    assert [a.path for a in read_inputs([tmp_path / "news"])] == [
        f"{tmp_path}/news/again/a.txt"]


@pytest.mark.parametrize("pattern,found", [
    ("**/*.txt", ["a.txt", "x/b.txt", "x/y/c.txt"]),
    ("*/*.txt", ["x/b.txt"]),
    ("x/**/*.txt", ["x/b.txt", "x/y/c.txt"]),
    ("**/y/*.txt", ["x/y/c.txt"]),
    ("**/[ab].txt", ["a.txt", "x/b.txt"]),
    ("**/?.md", []),
], ids=lambda v: v if isinstance(v, str) else None)
def test_recursive_globs_match_as_glob_does(tmp_path, pattern, found):
    for name in ("a.txt", "x/b.txt", "x/y/c.txt", ".hidden/d.txt", "x/.e.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(GOOD.replace("Foo", name))
    import glob

    expected = sorted(glob.glob(f"{tmp_path}/{pattern}", recursive=True))
    assert expected == [f"{tmp_path}/{name}" for name in found]
    items = list(read_inputs([f"{tmp_path}/{pattern}"]))
    assert [a.path for a in articles_of(items)] == expected


# Front matter (finding 3) ----------------------------------------------------------------


def billion_laughs(depth: int = 8) -> str:
    """The 700-byte alias bomb of the issue: each level lists the one below nine times."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, depth + 1)]
    return "\n".join([*lines, f"title: *a{depth}"])


FRONT_MATTER = [  # front matter                  the line it gives
    (billion_laughs(), "front matter uses a YAML alias (*a0), which newsfacts does not read "
                       "(line 3)"),
    ("title: &t Foo\nurl: *t", "front matter uses a YAML alias (*t), which newsfacts does not "
                               "read (line 3)"),
    ("title: " + "[" * 5000, "front matter nests deeper than 20 levels (line 2)"),
    ("title: Foo\npublished: 2026-02-30", "front matter has a value Python cannot hold (day "
                                          "is out of range for month)"),
    ("title: " + "9" * 5000, "front matter has a value Python cannot hold (Exceeds the limit "
                             "(4300 digits) for integer string conversion: value has 5000 "
                             "digits; use sys.set_int_max_str_digits() to increase the limit)"),
    ("title: !!python/object/apply:os.system [echo]", "front matter is not valid YAML (line 2)"),
]


@pytest.mark.parametrize("yaml_text,reason", FRONT_MATTER, ids=lambda v: v[:24])
def test_hostile_front_matter_is_one_line(yaml_text, reason):
    with pytest.raises(BadInput) as raised:
        load_front_matter(yaml_text, "x.md")
    assert str(raised.value) == f"x.md: {reason}"


def test_an_alias_bomb_fails_its_file_and_the_batch_goes_on(tmp_path):
    (tmp_path / "a.md").write_text(f"---\n{billion_laughs()}\n---\n{GOOD}")
    (tmp_path / "b.txt").write_text(GOOD)
    items = list(read_inputs([tmp_path]))
    assert lines_of(items) == [f"{tmp_path}/a.md: front matter uses a YAML alias (*a0), "
                               "which newsfacts does not read (line 3)"]
    assert [a.path for a in articles_of(items)] == [f"{tmp_path}/b.txt"]


# JSON Lines read in linear time and bounded memory (low) ---------------------------------


class CountingStream:
    """A stream of one long line in small chunks, counting the bytes the reader copies."""

    def __init__(self, data: bytes):
        self.data, self.at = data, 0

    def read(self, n: int) -> bytes:
        chunk = self.data[self.at:self.at + min(n, 1000)]
        self.at += len(chunk)
        return chunk


def test_a_long_stdin_line_is_read_in_one_pass_and_cut_at_the_limit():
    line = b'{"text": "' + b"x" * 200_000 + b'"}'
    lines = list(read_lines(CountingStream(line + b"\n" + GOOD.encode()), max_bytes=5_000))
    assert [len(x) for x in lines] == [5_001, len(GOOD) - 1]
    items = list(read_inputs(["-"], stdin=CountingStream(line + b"\n")))
    assert lines_of(items) == []  # under the 20 MB limit: one line, one article
    assert len(articles_of(items)[0].text) == 200_000


# The whole command: the good files of a batch are stored (findings 1, 5) -----------------


@pytest.fixture
def run(monkeypatch, extractor, db_path):
    """Run ``newsfacts ingest ARGS --db db_path`` in process, with the session's model."""
    monkeypatch.setattr(cli_module, "_extractor", lambda model: extractor)

    def invoke(*args, db=db_path):
        return CliRunner().invoke(cli, ["ingest", *map(str, args), "--db", str(db), "-p", "1"])

    return invoke


def test_bad_files_among_good_ones_are_one_line_each_and_the_good_ones_stored(
        run, db_path, tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(GOOD)
    (news / "b.md").write_text(f"---\n{billion_laughs()}\n---\n{GOOD}")
    (news / "loop.txt").symlink_to(news / "loop.txt")
    (news / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(news / "wire.txt")
    with unix_socket(news / "s.txt"):
        result = run(news, "/dev/zero")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {news}/b.md: front matter uses a YAML alias (*a0), which newsfacts does not "
        "read (line 3)",
        f"Error: {news}/loop.txt: cannot read this file (a symbolic link loop)",
        f"Error: {news}/s.txt: not a regular file (a UNIX socket)",
        f"Error: {news}/wire.txt: not a regular file (a FIFO)",
        f"Error: {news}/zero.txt: not a regular file (a character device)",
        "Error: /dev/zero: not a regular file (a character device)",
    ]
    assert result.stdout.startswith("1 articles: 1 new, 0 unchanged, 0 updated, 6 failed;")
    assert Database(db_path)["articles"].count == 1


@pytest.mark.parametrize("report,reason", [
    ("{db}", "that is the store (--db)"),
    ("{db}-wal", "that is the store's newsfacts.db-wal file"),
    ("{db}-shm", "that is the store's newsfacts.db-shm file"),
    ("{news}/a.txt", "that is an input ({news}/a.txt)"),
    ("{news}/../news/./a.txt", "that is an input ({news}/a.txt)"),
    ("{tmp}/link.txt", "that is an input ({news}/a.txt)"),
    ("{news}/report.jsonl", "that is an input ({news})"),
    ("{tmp}/b.md", "that is an input ({tmp}/*.md)"),
    ("{tmp}/no/such/report.json", "no such folder {tmp}/no/such"),
], ids=["store", "wal", "shm", "input", "input by another path", "input by a link",
        "in an input folder", "matched by a glob", "no folder"])
def test_report_refuses_the_store_and_the_inputs(run, tmp_path, report, reason):
    """``--report x.db`` emptied the store at start-up and put the report in its place."""
    news, db = tmp_path / "news", tmp_path / "newsfacts.db"
    news.mkdir()
    (news / "a.txt").write_text(GOOD)
    (tmp_path / "b.md").write_text(GOOD.replace("Foo", "Baz"))
    (tmp_path / "link.txt").symlink_to(news / "a.txt")
    run(news / "a.txt", db=db)
    store_before = db.read_bytes()
    report = report.format(db=db, news=news, tmp=tmp_path)
    (news / "report.jsonl").write_text('{"text": "Qux Ltd sold its Quux unit."}\n')
    result = run(news / "a.txt", news, f"{tmp_path}/*.md", "--report", report, db=db)
    assert (result.exit_code, result.stderr) == (
        1, f"Error: --report {report}: {reason.format(db=db, news=news, tmp=tmp_path)}; "
           "name another file\n" if "folder" not in reason else
           f"Error: --report {report}: {reason.format(tmp=tmp_path)}\n")
    assert db.read_bytes() == store_before
    assert (news / "a.txt").read_text() == GOOD
    assert Database(db)["articles"].count == 1


def test_report_is_written_whole_at_the_end(run, tmp_path):
    report = tmp_path / "report.json"
    report.write_text("the last run's report\n")
    (tmp_path / "a.txt").write_text(GOOD)
    result = run(tmp_path / "a.txt", "--report", report)
    assert result.exit_code == 0
    assert json.loads(report.read_text())["new"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_a_refused_report_creates_no_store(tmp_path):
    db = tmp_path / "newsfacts.db"
    result = CliRunner().invoke(cli, ["ingest", "fixtures/articles", "--db", str(db),
                                      "--report", f"{db}-wal"])
    assert result.exit_code == 1 and not db.exists()


# A URL that trickles (finding 9) -----------------------------------------------------------


class TricklingServer:
    """A server on 127.0.0.1 that sends a page a byte at a time, each byte well within the
    read timeout: in its headers or in its body."""

    def __init__(self, where: str, pause: float = 0.05, total: int = 400):
        import socketserver

        body = b"<html><body><p>" + b"Foo Inc said it bought Bar. " * 12 + b"</p></body></html>"
        head = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Pad: {'x' * total}\r\n"
                f"Content-Length: {len(body) + total}\r\n\r\n").encode()
        body += b" " * total

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                self.request.recv(65536)
                slow, fast = (head, b"") if where == "headers" else (body, head)
                try:
                    self.request.sendall(fast)
                    for n in range(len(slow)):
                        self.request.sendall(slow[n:n + 1])
                        time.sleep(pause)
                    if where == "headers":
                        self.request.sendall(body)
                except OSError:  # the client hung up: what the deadline is for
                    pass

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/page.html"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("where", ["headers", "body"])
def test_a_trickling_url_is_cut_off_at_the_deadline(where):
    """Each byte comes within the read timeout; the whole page would take 20 s."""
    server = TricklingServer(where)
    fetcher = Fetcher(timeout=5, deadline=1)
    try:
        with pytest.raises(FetchFailed) as raised:
            fetcher.fetch(server.url)
    finally:
        fetcher.close()
        server.close()
    assert str(raised.value) == f"{server.url}: not downloaded within 1 s"


def test_a_page_within_the_deadline_is_read():
    server = TricklingServer("body", pause=0, total=10)
    fetcher = Fetcher(timeout=5, deadline=5)
    try:
        page = fetcher.fetch(server.url)
    finally:
        fetcher.close()
        server.close()
    assert page.data.startswith(b"<html><body><p>Foo Inc said") and page.kind == "html"
