"""Read plain-text and Markdown articles, with optional YAML front matter.

A file may start with front matter naming its title, outlet, url, published date and
author (as Jekyll and Hugo write it); without it, the title is the first line that
reads like a headline.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import yaml

from ..articles import Article
from ..errors import (
    ArticleNotFound,
    ArticleTooLarge,
    BadInput,
    BinaryArticle,
    EmptyArticle,
    UndecodableArticle,
)

MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
FIELDS = ("title", "outlet", "url", "published", "author")


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a file's bytes, refusing what is missing, too large or empty."""
    if not path.exists():
        raise ArticleNotFound(f"{path}: no such file or folder")
    size = path.stat().st_size
    if size > max_bytes:
        raise ArticleTooLarge(
            f"{path}: {size / 1024 / 1024:.1f} MB, over the {max_bytes // 1024 // 1024} MB limit")
    data = path.read_bytes()
    if not data.strip():
        raise EmptyArticle(f"{path}: empty file")
    return data


def decode_text(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode article bytes as UTF-8, else as Windows-1252; return (text, warning).

    Old newsroom exports and Windows editors write cp1252 ("smart quotes" 0x93/0x94);
    such text is read, with a warning naming the first byte that is not UTF-8.

    >>> decode_text("café".encode(), "a.txt")
    ('café', None)
    >>> decode_text(b"\\x93Deal\\x94 done", "a.txt")
    ('“Deal” done', 'a.txt: not UTF-8, read as cp1252 (byte 0x93 at offset 0)')
    """
    nul = data.find(b"\x00", 0, 8192)
    if nul >= 0 and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryArticle(f"{name}: binary file, not text (NUL byte at offset {nul})")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        first_bad = err.start
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                return data.decode("utf-16"), None
            except UnicodeDecodeError:
                pass
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as err1252:
            raise UndecodableArticle(
                f"{name}: not UTF-8 or cp1252 text (byte 0x{data[err1252.start]:02x} "
                f"at offset {err1252.start})") from None
        return text, (f"{name}: not UTF-8, read as cp1252 "
                      f"(byte 0x{data[first_bad]:02x} at offset {first_bad})")


def parse_text_article(text: str, name: str) -> Article:
    """Make an Article from text with optional front matter.

    >>> text = "---\\ntitle: Foo buys Bar\\npublished: 2026-05-14\\n---\\nFoo Inc said."
    >>> a = parse_text_article(text, "x.txt")
    >>> a.title, a.published, a.text
    ('Foo buys Bar', '2026-05-14', 'Foo Inc said.')
    """
    meta: dict = {}
    found = _FRONT_MATTER.match(text)
    if found:
        try:
            meta = yaml.safe_load(found.group(1)) or {}
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = f" (line {mark.line + 2})" if mark else ""
            raise BadInput(f"{name}: front matter is not valid YAML{where}") from None
        if not isinstance(meta, dict):
            raise BadInput(f"{name}: front matter is not a mapping of fields")
        text = text[found.end():]
    body = text.strip("\n\r\ufeff")
    if not body.strip():
        raise EmptyArticle(f"{name}: no article text")
    fields = {k: _as_text(meta.get(k)) for k in FIELDS}
    if not fields["title"]:
        fields["title"] = _headline(body)
    return Article(text=body, path=name, **fields)


def read_text_file(path: str | Path) -> tuple[Article, str | None]:
    """Read one text or Markdown file; return the Article and a warning, if any."""
    path = Path(path)
    text, warning = decode_text(read_bytes(path), str(path))
    return parse_text_article(text, str(path)), warning


def _as_text(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _headline(body: str) -> str | None:
    """The first line that reads like a headline: four words or more, no end period."""
    for line in body.splitlines()[:12]:
        line = line.strip().lstrip("#").strip()
        if 4 <= len(line.split()) <= 30 and not line.endswith((".", ":", ",")):
            return line
    return None
