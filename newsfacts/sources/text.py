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
from ..errors import BadInput, BinaryArticle, EmptyArticle, UndecodableArticle
from .files import MAX_BYTES, read_input

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
FIELDS = ("title", "outlet", "url", "published", "author")


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a file's bytes, refusing what is missing, no regular file, too large or empty."""
    return read_input(path, max_bytes)


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
        meta = load_front_matter(found.group(1), name) or {}
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


class FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases and with a depth limit.

    Front matter is a few flat fields. An alias (``*a0``) is refused where it is met, so
    a 700-byte "billion laughs" (``a1: [*a0, *a0, ...]`` nested 8 deep, ``title: *a8``)
    is never expanded; nesting deeper than MAX_DEPTH is refused before PyYAML's recursive
    composer runs out of stack.
    """

    MAX_DEPTH = 20

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            raise _Refused(f"uses a YAML alias (*{event.anchor}), which newsfacts does not "
                           "read", event.start_mark)
        self.depth += 1
        try:
            if self.depth > self.MAX_DEPTH:
                raise _Refused(f"nests deeper than {self.MAX_DEPTH} levels",
                               self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Refused(yaml.YAMLError):
    """Front matter that is valid YAML but not read: its message is the reason."""

    def __init__(self, reason: str, mark):
        super().__init__(reason)
        self.reason, self.problem_mark = reason, mark


def load_front_matter(source: str, name: str):
    """Parse front matter with FrontMatterLoader; a problem is one BadInput line.

    >>> load_front_matter("title: Foo buys Bar\\nurl: https://example.com/a", "x.md")
    {'title': 'Foo buys Bar', 'url': 'https://example.com/a'}
    >>> load_front_matter("a: &a [1, 2]\\ntitle: *a", "x.md")
    Traceback (most recent call last):
    ...
    newsfacts.errors.BadInput: x.md: front matter uses a YAML alias (*a), which newsfacts \
does not read (line 3)

    :param source: the YAML between the ``---`` lines.
    :param name: the file it came from, for messages.
    """
    try:
        return yaml.load(source, Loader=FrontMatterLoader)  # a SafeLoader subclass
    except _Refused as err:
        raise BadInput(f"{name}: front matter {err.reason}{_line(err)}") from None
    except yaml.YAMLError as err:
        raise BadInput(f"{name}: front matter is not valid YAML{_line(err)}") from None
    except ValueError as err:
        # A date that does not exist ("2026-02-30"), an integer of 5,000 digits.
        raise BadInput(f"{name}: front matter has a value Python cannot hold ({err})") from None


def _line(err: yaml.YAMLError) -> str:
    """Where in the file: the front matter starts on line 2, after "---"."""
    mark = getattr(err, "problem_mark", None)
    return f" (line {mark.line + 2})" if mark else ""


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
