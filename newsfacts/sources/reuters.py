"""Read the Reuters-21578 newswire corpus (SGML) into Articles.

Each ``<REUTERS>`` element becomes ``Article(id="reuters-<NEWID>")`` with its title,
date and text (dateline + body, with the closing "Reuter" sign-off removed). The
SGML is a fixed, flat format; the corpus's own DTD (lewis.dtd) is not needed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from ..articles import Article
from ..errors import BadInput
from .files import read_head, read_input
from .items import Failure, Warning_

OUTLET = "Reuters"
# A document's start or end tag. The attributes stop at the next "<" as well as ">": an
# unclosed start tag would otherwise be scanned to the end of the file, once per "<REUTERS".
_DOC_TAG = re.compile(r"<REUTERS\b([^<>]*)>|</REUTERS>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TAG = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in
        ("DATE", "TITLE", "DATELINE", "BODY", "TOPICS")}
_TEXT = re.compile(r"<TEXT\b[^>]*>(.*?)</TEXT>", re.S)
_ANY_TAG = re.compile(r"</?[A-Z]+\b[^<>]*>")  # not [^>]*: "<A<A<A..." would be quadratic
# Wire control characters (&#2; start of text, &#3; end, &#5;, &#22; ...) carry no words.
_CONTROL = re.compile(r"&#\d+;|[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Dates come with stray blanks and junk: "  3-MAR-1987 00:43:42.82", "3-MAR-1987  09:15:05.40",
# even "31-MAR-1987 605:12:19.12"; the day is always readable, the time not always.
_DATE = re.compile(r"(\d{1,2}-[A-Za-z]{3}-\d{4})\s+(\d\d:\d\d:\d\d)?")
_SIGN_OFF = "Reuter"
# The body of a wire item that had only its headline: "******Blah blah blah."
_NO_BODY = re.compile(r"\**\s*(?:Blah blah blah\.?)?\s*")


def is_reuters_sgml(path: Path) -> bool:
    """Whether ``path`` looks like a Reuters-21578 SGML file (by name or first bytes)."""
    if path.suffix.lower() != ".sgm":
        return False
    head = read_head(path, 512)
    return b"<REUTERS" in head or b"lewis.dtd" in head


def read_reuters(path: str | Path) -> Iterator[Article | Failure | Warning_]:
    """Yield the articles of one Reuters-21578 ``.sgm`` file, in file order, and a warning
    for each NEWID that a file uses twice (both are stored: the later is the current
    version, the earlier kept as an older one).

    :param path: a ``reut2-NNN.sgm`` file; it is latin-1 encoded, as the corpus ships.
    """
    path = Path(path)
    raw = read_input(path).decode("latin-1")
    found = False
    seen: dict[str, int] = {}
    for number, (attrs, sgml) in enumerate(_documents(raw), 1):
        found = True
        newid = attrs.get("NEWID", "")
        if newid in seen:
            yield Warning_(f"{path}: NEWID {newid} used again by document {number} (first "
                           f"by document {seen[newid]}); the later text is the current "
                           "version, the earlier is kept as an older one")
        seen.setdefault(newid, number)
        if sgml is None:
            yield Failure(f"{path}#{newid}", "no </REUTERS> end tag; document skipped")
        else:
            yield _article(sgml, attrs, path)
    if not found:
        raise BadInput(f"{path}: no <REUTERS> documents in this SGML file")


def _documents(raw: str) -> Iterator[tuple[dict, str | None]]:
    """Each ``<REUTERS ...>...</REUTERS>`` of a file: its attributes and its inside.

    One pass over the tags: a start tag without its end gives None for its inside. (A
    lazy ``<REUTERS>(.*?)</REUTERS>`` searched from each unclosed start tag to the end of
    the file: quadratic in the number of them.)
    """
    start = attrs = None
    for tag in _DOC_TAG.finditer(raw):
        if tag.group(0).startswith("</"):
            if start is not None:
                yield attrs, raw[start:tag.start()]
            start = None
        else:
            if start is not None:
                yield attrs, None
            start, attrs = tag.end(), dict(_ATTR.findall(tag.group(1)))
    if start is not None:
        yield attrs, None


def _field(name: str, sgml: str) -> str:
    found = _TAG[name].search(sgml)
    return _clean(found.group(1)) if found else ""


def _clean(text: str) -> str:
    return html.unescape(_CONTROL.sub("", text))


def _article(sgml: str, attrs: dict, path: Path) -> Article:
    newid = attrs.get("NEWID", "")
    title = " ".join(_field("TITLE", sgml).split())
    dateline = " ".join(_field("DATELINE", sgml).split())
    body = _field("BODY", sgml)
    if not body:  # BRIEF and UNPROC documents have no <BODY>: keep whatever text they have
        text_part = _TEXT.search(sgml)
        untitled = _TAG["TITLE"].sub("", text_part.group(1)) if text_part else ""
        body = _clean(_ANY_TAG.sub(" ", untitled))
    body = _without_sign_off(body)
    if _NO_BODY.fullmatch(body):
        body = ""  # a headline-only item: its text is its headline
    text = f"{dateline} {body}" if dateline and body else body or title
    return Article(
        id=f"reuters-{newid}",
        text=text,
        title=title or None,
        outlet=OUTLET,
        published=_date(_field("DATE", sgml)),
        path=f"{path}#{newid}",
    )


def _without_sign_off(body: str) -> str:
    """``body`` stripped, without the closing "Reuter" (a whole word) of the wire.

    Looked for at the end only: the regex this replaces (blanks, "Reuter" as a word,
    blanks, the end) was tried at every character of every body, 0.15 of the 0.4 CPU
    seconds of reading 3,000 articles (issue 15).
    """
    body = body.strip()
    head = body[:-len(_SIGN_OFF)]
    if body.endswith(_SIGN_OFF) and not (head[-1:].isalnum() or head[-1:] == "_"):
        body = head
    return body.strip()


def _date(raw: str) -> str | None:
    """'26-FEB-1987 15:01:01.79' -> '1987-02-26T15:01:01'."""
    found = _DATE.search(raw)
    if not found:
        return None
    day, time = found.groups()
    try:
        if time:
            return datetime.strptime(f"{day} {time}", "%d-%b-%Y %H:%M:%S").isoformat()
        return datetime.strptime(day, "%d-%b-%Y").date().isoformat()
    except ValueError:
        return None
