"""Read how long a deal runs ("over three years", "a 10-year contract", "through 2031") in months.

Pure text in, months out: no spaCy here. The words come from ``lexicon.py``; the
regular expressions are built from them once, at import.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from . import lexicon
from .numbers import parse_number
from .records import Term

__all__ = ["TermMatch", "find_terms", "parse_term"]


class TermMatch(NamedTuple):
    """A deal term found in a text: ``text[start:end] == term.text``."""

    start: int
    end: int
    term: Term


def parse_term(text: str, published: date | None = None) -> int | None:
    """Read the one deal term in ``text`` as months; None when there is none, or more than one.

    :param text: words that state a term, such as "over three years" or "a 10-year
        contract"; words around them are ignored.
    :param published: the article's date, from which "through 2031" is counted to the
        end of December 2031; None leaves such end dates unread.

    >>> parse_term("paying $45 billion for compute over three years")
    36
    >>> parse_term("a three-and-a-half-year agreement")
    42
    >>> parse_term("through 2031", published=date(2026, 5, 14))
    68
    >>> print(parse_term("shares hit a five-year high"))
    None
    """
    found = find_terms(text, published)
    return found[0].term.months if len(found) == 1 else None


def find_terms(text: str, published: date | None = None) -> list[TermMatch]:
    """Find every deal term in ``text``, in order and without overlap.

    A span takes in the words that make it a term ("over the next decade", "for 18
    months"); an adjective ("a 10-year contract") is the "10-year" alone. Reporting
    periods ("the first six months"), past spans ("over the past three years"), ages
    ("five-year-old") and records ("a five-year high") are not terms.

    :param text: any text: a sentence, a headline or a whole article.
    :param published: the article's date, for end dates ("until 2031"); None skips them.

    >>> [(t.start, t.end, t.term.text, t.term.months) for t in find_terms(
    ...     "Anthropic will pay SpaceX $45 billion over three years under a five-year deal.")]
    [(38, 54, 'over three years', 36), (63, 72, 'five-year', 60)]
    """
    found: list[TermMatch] = []
    pos = 0
    while True:
        m = _TERM.search(text, pos)
        if m is None:
            return found
        months = _months(m, text, published)
        if months is None:
            pos = m.start() + 1
            continue
        found.append(TermMatch(m.start(), m.end(), Term(m.group(), months)))
        pos = m.end()


# --- regular expressions, built once from lexicon ------------------------------------


def _alternation(phrases: Iterable[str]) -> str:
    """Return a regex matching any of ``phrases``, longest first, as a character trie.

    A trie is cheap to try at every word of an article, where a flat ``a|b|c``
    alternation tries each branch in turn. A space in a phrase matches any run of
    whitespace.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + render(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + render(trie) + ")"


_SEP = r"(?:\s+|-)"
_WORD_NUMBER = (
    rf"{_alternation(w for w in lexicon.NUMBER_WORDS if w != 'dozen')}"
    rf"(?:-{_alternation(lexicon.NUMBER_UNIT_WORDS)})?"
)
# "3.5 years", "3-1/2 years" (the wire's fractions), "three-and-a-half years".
_NUMBER = (
    rf"(?<![\d.,/])(?:\d+(?:\.\d+)?(?:-\d/\d)?(?![\d,/])|(?<![\w-]){_WORD_NUMBER}(?![a-z]))"
    rf"(?:{_SEP}and{_SEP}a{_SEP}half)?"
)
_UNIT = rf"{_alternation(lexicon.TERM_UNITS)}(?![a-z])"
_HALF = r"(?P<half>\s+and\s+a\s+half(?![a-z]))?"
_MONTH = _alternation(lexicon.MONTHS)
_CUES = {
    **dict.fromkeys(lexicon.TERM_CUES, "for"),
    **dict.fromkeys(lexicon.TERM_NEXT_CUES, "next"),
    **dict.fromkeys(lexicon.TERM_UNTIL_CUES, "until"),
}

# One pattern, one pass over the text: an optional cue, then one of
#   "18 months", "three-year", "3-1/2 years"   (after any cue but an "until" one)
#   "a year", "another year"                   (after a "for" cue, or "a year and a half")
#   "decade"                                   (after a "next" cue: "over the next decade")
#   "decade-long"
#   "2031", "March 1990"                       (after an "until" cue; needs the date)
# Which cue may go with which is checked in _months.
_TERM = re.compile(
    rf"(?<![a-z])(?=[a-z0-9])(?:(?P<cue>{_alternation(_CUES)})\s+)?(?:"
    rf"(?P<num>{_NUMBER}){_SEP}(?P<unit>{_UNIT})(?:-long(?![a-z]))?"
    rf"|(?P<a>an?|another|one)\s+(?P<a_unit>{_UNIT})"
    rf"|(?P<long_unit>{_UNIT})-long(?![a-z])"
    rf"|(?P<next_unit>{_UNIT})"
    rf"|(?:fiscal\s+)?(?:(?P<month>{_MONTH})\.?\s+(?:\d{{1,2}},?\s+)?)?"
    rf"(?P<year>(?:19|20)\d\d)(?!\d|[,.]\d)"
    rf"){_HALF}",
    re.IGNORECASE,
)

_WORD_BEFORE = re.compile(r"(?<![a-z])([a-z]+)\W*\Z", re.IGNORECASE)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_BLOCKED_AFTER = re.compile(
    rf"['\u2019]?[\s-]+(?:{_alternation(lexicon.TERM_BLOCKERS_AFTER)}(?![a-z])"
    rf"|(?:to|through|thru)\s+{_MONTH}(?![a-z]))",
    re.IGNORECASE,
)
_YEAR_BLOCKED_AFTER = re.compile(
    rf"\s*(?:{_alternation(lexicon.TERM_YEAR_BLOCKERS_AFTER)})", re.IGNORECASE
)
_LINE_START = re.compile(r"(?:\A|\n)[ \t]*\Z")
_LINE_END = re.compile(r"[ \t]*\n")


# --- reading a match ----------------------------------------------------------------


def _months(m: re.Match, text: str, published: date | None) -> int | None:
    """Return the months a match states; None when it is not a deal's term."""
    cue = _CUES[_key(m["cue"])] if m["cue"] else None
    if m["year"]:
        return _months_until(m, text, published) if cue == "until" else None
    if _BLOCKED_AFTER.match(text, m.end()):
        return None  # "three years ago", "a five-year high", "nine months ended"
    half = Decimal("0.5") if m["half"] else Decimal(0)  # "two years and a half"
    if m["num"]:
        if cue == "until":
            return None  # "to five years": read again from "five years"
        if not cue and _is_blocked_before(text, m.start(), m["unit"].lower()):
            return None  # "the first six months", "over the past three years"
        if not cue and _is_table_row(text, m.start(), m.end()):
            return None  # "Nine months" heading a wire earnings table
        if _YEAR.fullmatch(m["num"]):
            return None  # "NOTE: 1985 year net includes ...": a year, not a count
        count, unit = parse_number(m["num"]) + half, m["unit"]
    elif m["a_unit"]:
        if cue != "for" and not half:
            return None  # "5 mln dlrs a year" is a rate; "for a year" is a term
        count, unit = 1 + half, m["a_unit"]
    elif m["long_unit"]:
        if cue == "until" or _is_blocked_before(text, m.start(), m["long_unit"]):
            return None
        count, unit = Decimal(1), m["long_unit"]
    else:
        if cue != "next":
            return None  # a bare "years"
        count, unit = Decimal(1), m["next_unit"]
    months = int(count * lexicon.TERM_UNITS[unit.lower()] + Decimal("0.5"))
    if not 0 < months <= 12 * 1000:
        return None
    return months


def _months_until(m: re.Match, text: str, published: date | None) -> int | None:
    """Return the months from ``published`` to the end of the year (or month) in ``m``."""
    if published is None or _YEAR_BLOCKED_AFTER.match(text, m.end()):
        return None  # "cut output to 1985 levels"
    year = int(m["year"])
    month = lexicon.MONTHS[m["month"].lower()] if m["month"] else 12
    # Whole calendar months from the published date to the end of that month, the
    # published month counted by the share of its days still to come.
    days_in_month = calendar.monthrange(published.year, published.month)[1]
    months = (
        (year - published.year) * 12
        + (month - published.month)
        + Decimal(days_in_month - published.day + 1) / days_in_month
    )
    if months < 1:
        return None  # already past, or ends within the month
    return int(months + Decimal("0.5"))


def _key(words: str) -> str:
    """Normalise matched words for a table lookup: lower case, single spaces."""
    return " ".join(words.lower().split())


def _is_blocked_before(text: str, start: int, unit: str) -> bool:
    """Whether the word before ``start`` makes the duration a period, not a term."""
    word = _WORD_BEFORE.search(text, max(0, start - 20), start)
    if word is None:
        return False
    word = word[1].lower()
    # "for the six months ended" is a period, but "under the five-year agreement" a term
    return word in lexicon.TERM_BLOCKERS_BEFORE or (word == "the" and unit.endswith("s"))


def _is_table_row(text: str, start: int, end: int) -> bool:
    """Whether the match is a line of its own within a text, as a table heading is."""
    return bool(
        _LINE_START.search(text, max(0, start - 20), start) and _LINE_END.match(text, end)
    )
