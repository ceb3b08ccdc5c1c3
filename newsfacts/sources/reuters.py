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

OUTLET = "Reuters"
_DOC = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TAG = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in
        ("DATE", "TITLE", "DATELINE", "BODY", "TOPICS")}
_TEXT = re.compile(r"<TEXT\b[^>]*>(.*?)</TEXT>", re.S)
_ANY_TAG = re.compile(r"</?[A-Z]+\b[^>]*>")
# Wire control characters (&#2; start of text, &#3; end, &#5;, &#22; ...) carry no words.
_CONTROL = re.compile(r"&#\d+;|[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Dates come with stray blanks and junk: "  3-MAR-1987 00:43:42.82", "3-MAR-1987  09:15:05.40",
# even "31-MAR-1987 605:12:19.12"; the day is always readable, the time not always.
_DATE = re.compile(r"(\d{1,2}-[A-Za-z]{3}-\d{4})\s+(\d\d:\d\d:\d\d)?")
_SIGN_OFF = re.compile(r"\s*\bReuter\s*$")


def is_reuters_sgml(path: Path) -> bool:
    """Whether ``path`` looks like a Reuters-21578 SGML file (by name or first bytes)."""
    if path.suffix.lower() != ".sgm":
        return False
    with open(path, "rb") as f:
        head = f.read(512)
    return b"<REUTERS" in head or b"lewis.dtd" in head


def read_reuters(path: str | Path) -> Iterator[Article]:
    """Yield the articles of one Reuters-21578 ``.sgm`` file, in file order.

    :param path: a ``reut2-NNN.sgm`` file; it is latin-1 encoded, as the corpus ships.
    """
    path = Path(path)
    raw = path.read_bytes().decode("latin-1")
    found = False
    for match in _DOC.finditer(raw):
        found = True
        attrs = dict(_ATTR.findall(match.group(1)))
        yield _article(match.group(2), attrs, path)
    if not found:
        raise BadInput(f"{path}: no <REUTERS> documents in this SGML file")


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
    body = _SIGN_OFF.sub("", body.strip()).strip()
    text = f"{dateline} {body}" if dateline and body else body or title
    return Article(
        id=f"reuters-{newid}",
        text=text,
        title=title or None,
        outlet=OUTLET,
        published=_date(_field("DATE", sgml)),
        path=f"{path}#{newid}",
    )


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
