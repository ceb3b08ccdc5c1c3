"""Read JSON Lines exports: one article per line, as other tools and scrapers write them.

Each line is an object with a ``text`` and, optionally, ``title``, ``url``, ``published``
(ISO date or datetime), ``outlet`` and ``author``; other fields are ignored. An ``id``
field is ignored too: an export numbers its rows its own way ("1", "2", ...), and two
exports would overwrite each other's articles, so the article is named by its text, as
a file is. A bad line is reported with its number and the other lines go on. The file
is streamed, line by line, so an export may be larger than memory.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from ..articles import Article
from ..errors import EmptyArticle
from .files import MAX_BYTES
from .items import Failure, Item

FIELDS = ("title", "url", "published", "outlet", "author")
SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}


def read_jsonl(lines: Iterable[bytes], name: str, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Yield an Article for each good line, a Failure (``name:line``) for each bad one.

    >>> lines = [b'{"text": "Foo Inc agreed to buy Bar Corp.", "outlet": "Wire"}', b'{"title": 1}']
    >>> [str(item) if not isinstance(item, Article) else item.outlet
    ...  for item in read_jsonl(lines, "exports.jsonl")]
    ['Wire', 'exports.jsonl:2: no "text" field']

    :param lines: the file's lines, as bytes (an open binary file will do).
    :param name: the file it came from, for messages and ``Article.path``.
    :param max_bytes: the longest line read; a longer one is a Failure.
    """
    records = 0
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        records += 1
        where = f"{name}:{number}"
        if len(raw) > max_bytes:
            yield Failure(where, f"line over the {max_bytes // 1024 // 1024} MB limit")
            continue
        try:
            yield _article(raw, where)
        except _BadLine as err:
            yield Failure(where, str(err))
    if not records:
        raise EmptyArticle(f"{name}: empty file")


class _BadLine(Exception):
    """A line that is no article record; its message is the reason."""


def read_lines(stream: BinaryIO, head: bytes = b"", max_bytes: int = MAX_BYTES,
               chunk_size: int = 1 << 16) -> Iterator[bytes]:
    """The lines of a binary stream (after ``head``, bytes of it already read), without
    their end; a line over ``max_bytes`` is cut to ``max_bytes + 1`` bytes, the rest of it
    skipped, so it is reported as too long and never held whole.

    Linear in the stream's length: each chunk is searched once for line ends, and a long
    line is kept as a list of its chunks, joined once. (Joining the pending line to each
    new chunk, as it was, copied a 20 MB line ~300 times.)

    >>> import io
    >>> list(read_lines(io.BytesIO(b"ab\\ncdefgh\\n\\nij"), max_bytes=3, chunk_size=2))
    [b'ab', b'cdef', b'', b'ij']
    """
    pending: list[bytes] = []  # the start of the current line, in pieces
    kept = 0  # bytes of the current line in pending, at most max_bytes + 1
    for chunk in itertools.chain([head], iter(lambda: stream.read(chunk_size), b"")):
        start = 0
        while (end := chunk.find(b"\n", start)) >= 0:
            piece = chunk[start:end][:max_bytes + 1 - kept]
            yield b"".join([*pending, piece])
            pending, kept, start = [], 0, end + 1
        piece = chunk[start:][:max_bytes + 1 - kept]
        if piece:
            pending.append(piece)
            kept += len(piece)
    if pending:
        yield b"".join(pending)


def _article(raw: bytes, where: str) -> Article:
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _BadLine(
            f"not UTF-8 (byte 0x{raw[err.start]:02x} at column {err.start + 1})") from None
    try:
        record = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as err:
        # json's messages may end in "at" ("Unterminated string starting at"): we add where.
        reason = err.msg.removesuffix(" at")
        raise _BadLine(f"not valid JSON ({reason} at column {err.colno})") from None
    if not isinstance(record, dict):
        raise _BadLine(f"not a JSON object ({_json_type(record)})")
    text = record.get("text")
    if text is None:
        raise _BadLine('no "text" field')
    if not isinstance(text, str):
        raise _BadLine(f'"text" is not a string ({_json_type(text)})')
    if not text.strip():
        raise _BadLine('empty "text"')
    fields = {}
    for key in FIELDS:
        value = record.get(key)
        if value is None:
            fields[key] = None
        elif isinstance(value, str) or _json_type(value) == "number":
            fields[key] = str(value).strip() or None  # a year or an id may come as a number
        else:
            raise _BadLine(f'"{key}" is not a string ({_json_type(value)})')
    return Article(text=text.strip(), path=where, **fields)


def _json_type(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    return {dict: "object", list: "array", str: "string", int: "number",
            float: "number"}.get(type(value), type(value).__name__)
