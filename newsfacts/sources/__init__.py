"""Readers that turn inputs into Articles: files, folders, globs, URLs, feeds and stdin.

``read_inputs`` takes what a user names on the command line and yields an Article for
each article found, a Warning_ for something read all the same, or a Failure for each
input (or record) that could not be read, so that one bad input never stops a batch.
Each kind of input has its module: text.py, html.py, feeds.py, jsonl.py, reuters.py;
web.py fetches URLs, and files.py opens every file (regular files only, bounded reads)
and walks folders and globs. Everything streams: a corpus is never in memory at once.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import (
    ArticleNotFound,
    ArticleTooLarge,
    BinaryArticle,
    EmptyArticle,
    NewsfactsError,
    UnreadableInput,
)
from .feeds import read_feed
from .files import (
    MAX_BYTES,
    Walk,
    describe_os_error,
    is_glob,
    open_input,
    read_head,
    read_input,
)
from .html import read_html
from .items import Failure, Item, Warning_
from .jsonl import SUFFIXES as JSONL_SUFFIXES
from .jsonl import read_jsonl, read_lines
from .reuters import is_reuters_sgml, read_reuters
from .text import TEXT_SUFFIXES, decode_text, parse_text_article
from .web import Fetcher, Page, is_url

__all__ = ["Failure", "Fetcher", "Item", "Warning_", "kind_of", "read_inputs", "sniff"]

STDIN = "-"
STDIN_NAME = "<stdin>"
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUFFIX_KINDS = {
    **dict.fromkeys(TEXT_SUFFIXES, "text"),
    **dict.fromkeys(HTML_SUFFIXES, "html"),
    **dict.fromkeys(FEED_SUFFIXES, "feed"),
    **dict.fromkeys(JSONL_SUFFIXES, "jsonl"),
    ".sgm": "reuters",
}
# File signatures of what users most often name by mistake: refused by name, not by a NUL.
MAGIC = {b"%PDF-": "a PDF", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
         b"GIF8": "a GIF image", b"PK\x03\x04": "a zip archive (or .docx, .xlsx)",
         b"SQLite format 3\x00": "a SQLite database"}
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)\b")
_HTML_START = re.compile(rb"<(?:!doctype html|html|head|body|meta|title|article|div|p)\b")


def read_inputs(inputs: Iterable[str | Path], fetcher: Fetcher | None = None,
                stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Yield the articles of every input, with a Failure for each one that cannot be read.

    >>> [a.title for a in read_inputs(["fixtures/articles/anthropic-spacex-compute.txt"])]
    ['Anthropic to pay SpaceX $45 billion for compute over three years']
    >>> [str(f) for f in read_inputs(["no/such.txt"])]
    ['no/such.txt: no such file or folder']

    :param inputs: files, folders (read recursively), glob patterns (``news/*.html``),
        http(s) URLs and ``-`` for standard input, in any mix.
    :param fetcher: fetches URLs and feed links; None makes one (closed at the end).
    :param stdin: the stream ``-`` reads; None is the process's standard input.
    """
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher()
    walk = Walk()  # shared by all inputs: a file named twice is read once
    try:
        for raw in inputs:
            name = str(raw)
            try:
                if name == STDIN:
                    yield from _read_stream(stdin or sys.stdin.buffer, STDIN_NAME, fetcher)
                elif is_url(name):
                    yield from _read_url(name, fetcher)
                else:
                    yield from _read_path(name, fetcher, walk)
            except NewsfactsError as err:
                yield Failure.from_error(err)
            except OSError as err:  # one the readers did not foresee: still one line
                yield Failure(err.filename or name, describe_os_error(err))
    finally:
        if own_fetcher:
            fetcher.close()


def kind_of(path: Path, head: bytes = b"") -> str:
    """How to read a file: by its suffix, else by its first bytes (see sniff)."""
    kind = SUFFIX_KINDS.get(path.suffix.lower())
    if kind == "reuters" and not is_reuters_sgml(path):
        kind = None
    return kind or sniff(head)


def sniff(head: bytes) -> str:
    """How to read bytes of unknown kind: "feed", "html", "reuters", "jsonl" or "text".

    >>> sniff(b'<?xml version="1.0"?><rss version="2.0">'), sniff(b"<!DOCTYPE html><html>")
    ('feed', 'html')
    >>> sniff(b'{"text": "Foo"}'), sniff(b"Foo Inc said on Monday")
    ('jsonl', 'text')
    """
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096].lower()
    if start.startswith(b"<") and _FEED_ROOT.search(start) and b"<html" not in start:
        return "feed"
    if b"<reuters" in start or b"lewis.dtd" in start:
        return "reuters"
    if _HTML_START.match(start) or (start.startswith(b"<?xml") and b"<html" in start):
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


def _read_path(name: str, fetcher: Fetcher, walk: Walk) -> Iterator[Item]:
    path = Path(name)
    if os.path.isdir(path):
        yield from _read_folder(path, fetcher, walk)
    elif os.path.lexists(path):
        yield from _read_file(path, fetcher, walk)
    elif is_glob(name):
        found = False
        for match in walk.glob(name):
            found = True
            if isinstance(match, NewsfactsError):
                yield Failure.from_error(match)
                continue
            try:
                yield from _read_path(str(match), fetcher, walk)
            except NewsfactsError as err:
                yield Failure.from_error(err)
        if not found:
            raise ArticleNotFound(f"{name}: no files match this pattern")
    else:
        raise ArticleNotFound(f"{name}: no such file or folder")


def _read_folder(folder: Path, fetcher: Fetcher, walk: Walk) -> Iterator[Item]:
    found = False
    for path in walk.folder(folder, hidden=False):
        if isinstance(path, NewsfactsError):  # a sub-folder that cannot be listed
            found = True
            yield Failure.from_error(path)
            continue
        if not _is_article_file(path.relative_to(folder)):
            continue
        found = True
        try:
            yield from _read_file(path, fetcher, walk)
        except NewsfactsError as err:
            yield Failure.from_error(err)
    if not found:
        raise EmptyArticle(f"{folder}: no article files in this folder")


def _is_article_file(relative: Path) -> bool:
    """Files a folder is read for: known suffixes, nothing hidden (.git, .DS_Store)."""
    return relative.suffix.lower() in SUFFIX_KINDS and not any(
        part.startswith(".") for part in relative.parts)


def _read_file(path: Path, fetcher: Fetcher, walk: Walk) -> Iterator[Item]:
    """Read one file, unless this ingest has read it already by another path."""
    if not walk.is_new_file(path):
        return
    name = str(path)
    head = read_head(path)
    kind = kind_of(path, head)
    if kind == "reuters":
        yield from read_reuters(path)
    elif kind == "jsonl":
        if not head.strip():
            raise EmptyArticle(f"{name}: empty file")
        _refuse_binary(head, name)
        with open_input(path) as f:
            yield from read_jsonl(_os_errors(read_lines(f), name), name)
    else:
        yield from _read_data(read_input(path), kind, name, fetcher)


def _os_errors(lines: Iterator[bytes], name: str) -> Iterator[bytes]:
    """A file's lines; a read that fails halfway (an I/O error) is one line naming it."""
    try:
        yield from lines
    except OSError as err:
        raise UnreadableInput(f"{name}: cannot read this file ({describe_os_error(err)})"
                              ) from None


def _read_stream(stream: BinaryIO, name: str, fetcher: Fetcher) -> Iterator[Item]:
    head = stream.read(4096)
    kind = sniff(head)
    if kind == "jsonl":
        yield from read_jsonl(read_lines(stream, head), name)
        return
    data = head + stream.read(MAX_BYTES + 1 - len(head))
    if len(data) > MAX_BYTES:
        raise ArticleTooLarge(f"{name}: over the {MAX_BYTES // 1024 // 1024} MB limit")
    if not data.strip():
        raise EmptyArticle(f"{name}: empty input")
    yield from _read_data(data, kind, name, fetcher)


def _read_url(url: str, fetcher: Fetcher) -> Iterator[Item]:
    page = fetcher.fetch(url)
    kind = page.kind
    sniffed = sniff(page.data[:4096])
    if (kind in ("html", "text") and sniffed == "feed") or (kind == "text" and sniffed == "jsonl"):
        kind = sniffed  # a feed served as text/html, an export as text/plain
    elif kind == "feed" and sniffed == "html":
        kind = "html"  # XHTML served as application/xml
    if not page.data.strip():
        raise EmptyArticle(f"{url}: empty page")
    if kind == "jsonl":
        yield from read_jsonl(page.data.splitlines(), url)
    else:
        yield from _read_data(page.data, kind, url, fetcher, page)


def _read_data(data: bytes, kind: str, name: str, fetcher: Fetcher,
               page: Page | None = None) -> Iterator[Item]:
    """Read one input's bytes as a page, a feed or a text article."""
    _refuse_binary(data, name)
    if kind == "feed":
        yield from read_feed(data, name, fetcher)
        return
    if kind == "html":
        article, warning = read_html(data, name, url=page.url if page else None,
                                     charset=page.charset if page else None)
    else:
        text, warning = decode_text(data, name)
        article = parse_text_article(text, name)
        if page:
            article.url = article.url or page.url
    # Fetched from its URL, unless the text names another (front matter in a fetched .md).
    article.url_fetched = page is not None and article.url == page.url
    if warning:
        yield Warning_(warning)
    yield article


def _refuse_binary(data: bytes, name: str) -> None:
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            raise BinaryArticle(f"{name}: binary file, not text ({what})")
