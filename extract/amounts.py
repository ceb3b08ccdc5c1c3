"""Read money expressions in news text ("about 120 mln stg", "$17.4bn") into Amount records.

Pure text in, records out: no spaCy here. The words come from ``lexicon.py``; the
regular expressions are built from them once, at import.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from . import lexicon
from .numbers import parse_number
from .records import Amount

__all__ = ["AmountMatch", "find_amounts", "parse_amount"]


class AmountMatch(NamedTuple):
    """A money expression found in a text: ``text[start:end] == amount.text``."""

    start: int
    end: int
    amount: Amount


def parse_amount(text: str, *, country: str | None = None) -> Amount | None:
    """Read the one money expression in ``text``; None when there is none, or more than one.

    :param text: a money expression with its qualifier and per-unit words, such as
        "about 120 mln stg" or "90.25 dlrs a share"; words around it are ignored.
    :param country: ISO 3166-1 alpha-2 code of the country the story is from (its
        dateline, see ``lexicon.DATELINE_COUNTRIES``), which decides bare names such as
        "crowns" or "pesos"; None leaves amounts in those names unread.

    >>> parse_amount("about 120 mln stg")  # doctest: +NORMALIZE_WHITESPACE
    Amount(text='about 120 mln stg', value=120000000.0, currency='GBP', per=None,
           qualifier='approx', low=None, high=None)
    >>> parse_amount("345p a share").value, parse_amount("345p a share").per
    (3.45, 'share')
    >>> parse_amount("600 mln crowns", country="SE").currency
    'SEK'
    >>> print(parse_amount("tens of billions of dollars"))
    None
    """
    found = find_amounts(text, country=country)
    return found[0].amount if len(found) == 1 else None


def find_amounts(text: str, *, country: str | None = None) -> list[AmountMatch]:
    """Find every money expression in ``text``, in order and without overlap.

    Each span takes in its qualifier ("up to", "between ... and") and per-unit words
    ("a share", "a year"). Two things come from the words around an expression:
    "from 80 to 92.50 dlrs a share" is two amounts, the first borrowing the second's
    currency and per; and "each" is counted per share when the sentence is about shares.

    :param text: any text: a sentence, a headline or a whole article; line breaks may
        fall inside an expression ("384\\nmln dlrs").
    :param country: ISO 3166-1 alpha-2 code of the country the story is from, as for
        ``parse_amount``; None leaves amounts in ambiguous names ("crowns") unread.

    >>> [(m.start, m.end, m.amount.value, m.amount.per)
    ...  for m in find_amounts("Dixons bid 90.25 dlrs a share, or 384\\nmln dlrs.")]
    [(11, 29, 90.25, 'share'), (34, 46, 384000000.0, None)]
    """
    if country is not None and not _COUNTRY.fullmatch(country):
        raise ValueError(
            f"country: expected an ISO 3166-1 alpha-2 code such as 'SE', got {country!r}"
        )
    found: list[AmountMatch] = []
    pos = 0
    while True:
        m = _AMOUNT.search(text, pos)
        if m is None:
            return found
        read = _read(m, text, country)
        if read is None and m["hi_num"] is not None:
            # "5 mln dlrs to 10 holders" is no range, but "5 mln dlrs" still is money
            single = _SINGLE.match(text, m.start())
            read = _read(single, text, country) if single else None
        if read is None:
            pos = m.start() + 1
            continue
        found.extend(read)
        pos = read[-1].end


# --- regular expressions, built once from lexicon ------------------------------------


def _alternation(phrases: Iterable[str], space: str = r"\s+") -> str:
    """Return a regex matching any of ``phrases``, longest first, as a character trie.

    A trie keeps the big word lists cheap to try at every word of an article, where
    a flat ``a|b|c`` alternation tries each branch in turn. ``space`` is what a space
    in a phrase matches.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [
            (space if char == " " else re.escape(char)) + render(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + render(trie) + ")"


@functools.lru_cache(maxsize=4096)
def _key(words: str) -> str:
    """Normalise matched words for a table lookup: lower case, single spaces."""
    return " ".join(_WORD_SPLIT.split(words.lower())).strip()


_WORD_SPLIT = re.compile(r"[\s-]+")
_COUNTRY = re.compile(r"[A-Z]{2}")

# "384 mln dlrs", "$2.5-billion", "a 240-mln-dlr bid": words join by spaces or a hyphen.
_SEP = r"(?:\s+|-)"

# Digits, with thousands commas and the wire's fractions ("15-1/4 dlrs"). Never the
# tail of a longer number, and never a European "12,5" (read as nothing, not as 5).
_DIGITS = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:-\d{1,2}/\d{1,2})?(?!\d|[.,]\d|/)"

_SCALE_WORDS = _alternation(s for s in lexicon.SCALES if s not in lexicon.ATTACHED_ONLY_SCALES)
_SCALE = rf"(?:{_SCALE_WORDS}|(?<=\d){_alternation(lexicon.ATTACHED_ONLY_SCALES)})(?![a-z])"

# Number words: "one billion dlrs", "two-and-a-half billion", "a billion dollars",
# "half a billion". "a" counts only before a scale: "a 384 mln dlr bid" has one amount.
_NUMBER_WORD = _alternation(w for w in lexicon.NUMBER_WORDS if w != "dozen")
_WORDS = (
    rf"\b(?:{_NUMBER_WORD}(?:-{_alternation(lexicon.NUMBER_UNIT_WORDS)})?"
    rf"|an?(?={_SEP}(?:hundred|{_SCALE_WORDS})(?![a-z])))"
    rf"(?:{_SEP}hundred)?(?:{_SEP}and{_SEP}a{_SEP}half)?(?![a-z])"
    rf"|\bhalf{_SEP}an?(?={_SEP}{_SCALE_WORDS}(?![a-z]))"
)

_SYMBOLS = _alternation(lexicon.CURRENCY_SYMBOLS)
_CODES = _alternation(lexicon.CURRENCY_CODES)
_PREFIX = rf"(?-i:{_SYMBOLS}|{_CODES})"

# Every "issuer word" form of every currency word: "dlrs", "canadian dlrs", "d-marks".
_NAME_LOOKUP: dict[str, tuple[str, str, int]] = {  # key -> (unit, issuer, divisor)
    f"{issuer} {word}".strip(): (unit, issuer, divisor)
    for word, (unit, divisor) in lexicon.CURRENCY_WORDS.items()
    for issuer in lexicon.CURRENCY_NAMES[unit]
}
_NAMES = _alternation(_NAME_LOOKUP, space=_SEP)
_ATTACHED = _alternation(lexicon.ATTACHED_CURRENCY_WORDS)


def _end(name: str) -> str:
    """Return the pattern for one end of an amount: "$1.5bn", "384 mln dlrs", "345p"."""
    return (
        rf"(?P<{name}>(?:(?P<{name}_pre>{_PREFIX})\s*)?"
        rf"(?P<{name}_num>{_DIGITS}|{_WORDS})"
        rf"(?:{_SEP}?(?P<{name}_scale>{_SCALE}))?"
        rf"(?:(?<=\d)(?P<{name}_att>{_ATTACHED})(?!\.?[a-z0-9])"
        rf"|{_SEP}(?P<{name}_post>{_NAMES}|(?-i:{_CODES}))(?![a-z]))?)"
    )


def _has_currency(name: str) -> str:
    """Return a pattern that fails unless end ``name`` has a currency written."""
    return rf"(?({name}_post)|(?({name}_att)|(?({name}_pre)|(?!))))"


_TRAILING = rf"(?:\s+(?P<tqual>{_alternation(lexicon.TRAILING_QUALIFIERS)})(?![a-z]))?"
_PER_UNIT = _alternation(lexicon.PER_UNITS)
_PER = (
    # "90.25 dlrs a share", "$5/share", and hyphenated "a 35-dlr-per-share offer"
    rf"(?:(?:\s*/\s*|(?:\s+|-){_alternation(lexicon.PER_INTRODUCERS)}(?:\s+|-))"
    rf"(?P<per_unit>{_PER_UNIT})"
    rf"(?![a-z])(?![\s-]+{_alternation(lexicon.PER_BLOCKERS)}(?![a-z]))"
    rf"|\s+(?P<per_word>{_alternation(lexicon.PER_WORDS)})(?![a-z]))"
)
# The pattern starts at the number or at the currency before it; the words before
# (qualifiers, "between") are read afterwards from the text before the match, so
# that the pattern costs little at the many words of an article that start nothing.
# Never start inside a word: "Q3", "A320" and the "S$" of "US$" are not amounts.
_START = r"(?<![a-z])(?=\S)"
# A range: "$1-2 billion", "13.50 to 14.00 dlrs", "between 1 and 2 billion dlrs"; its
# currency is on the high end, or before the low end ("$1-2 billion").
_RANGE_TAIL = rf"(?:(?P<rsep>\s*[-\u2013]\s*|\s+to\s+|\s+and\s+){_end('hi')})?"
_RANGE_CHECK = (
    rf"(?(hi_num)(?(hi_post)|(?(hi_att)|(?(hi_pre)|(?(one_pre)|(?!)))))|{_has_currency('one')})"
)
_AMOUNT = re.compile(
    rf"{_START}{_end('one')}{_RANGE_TAIL}{_TRAILING}(?:{_PER})?{_RANGE_CHECK}", re.IGNORECASE
)
_SINGLE = re.compile(rf"{_end('one')}{_TRAILING}(?:{_PER})?{_has_currency('one')}", re.IGNORECASE)

_QUALIFIER_BEFORE = re.compile(
    rf"(?<![a-z])(?P<qual>{_alternation(lexicon.QUALIFIERS)})\s+\Z", re.IGNORECASE
)
_QUALIFIER_LAST_WORDS = frozenset(q.split()[-1] for q in lexicon.QUALIFIERS)
_BETWEEN_BEFORE = re.compile(r"(?<![a-z])between\s+\Z", re.IGNORECASE)
# The two words before a match, to tell "raised from 80 to 92.50" from "ranging from".
_WORDS_BEFORE = re.compile(r"(?:(?<![a-z])([a-z]+)\s+)?(?<![a-z])([a-z]+)\W*\Z", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of(?![a-z])", re.IGNORECASE)  # "265 mln pounds of copper"
# A deal noun right after a singular currency name: "a 640 million pound order".
_PRICED_DEAL_AFTER = re.compile(
    rf"[ -](?:[a-z]+[ -])?(?:{_alternation(lexicon.PRICED_DEAL_NOUNS)})(?![a-z])")
_YEAR = re.compile(r"(?:19|20)\d\d")
_SHARES_NEARBY = re.compile(
    rf"(?<![a-z])(?:{_alternation(lexicon.SHARE_WORDS)})(?![a-z])", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.;!?]\s+(?=[A-Z])|\n\s*\n")


# --- reading a match ----------------------------------------------------------------


class _End(NamedTuple):
    """One end of an amount, as written."""

    number: Decimal
    scale: int | None
    currency: str | None  # None: no currency written at this end
    divisor: int  # 100 for "cts", "pence", "p"
    bare_year: bool  # a bare "1987": a year, not a number of anything


def _read(m: re.Match, text: str, country: str | None) -> list[AmountMatch] | None:
    """Turn one regex match into amounts; None when the match is not money after all."""
    per = _per(m, text)
    trailing = lexicon.TRAILING_QUALIFIERS[_key(m["tqual"])] if m["tqual"] else "exact"
    if m.re is _SINGLE or m["hi_num"] is None:
        return _read_single(m, text, country, per, trailing)
    return _read_range(m, text, country, per, trailing)


def _read_single(m: re.Match, text: str, country: str | None, per: str | None,
                 trailing: str) -> list[AmountMatch] | None:
    """One amount: "about $45 billion", "384 mln dlrs"."""
    one = _end_value(m, "one", text, country)
    if one is None or one.currency is None or one.bare_year:
        return None
    start, qualifier = _qualifier_before(text, m.start())
    if qualifier == "exact":
        qualifier = trailing
    value = one.number * (one.scale or 1) / one.divisor
    return [_match(text, start, m.end(), value, one.currency, per, qualifier)]


def _read_range(m: re.Match, text: str, country: str | None, per: str | None,
                trailing: str) -> list[AmountMatch] | None:
    """Two numbers: a range ("$1-2 billion"), or an old and a new figure ("from 80 to 92.50
    dlrs a share"), read as two amounts."""
    lo = _end_value(m, "one", text, country)
    hi = _end_value(m, "hi", text, country)
    if lo is None or hi is None:
        return None
    currency = _range_currency(m, lo, hi)
    if currency is None:
        return None
    start = m.start()
    between = _BETWEEN_BEFORE.search(text, max(0, start - 20), start)
    if between:
        start = between.start()
    elif m["rsep"].strip().lower() == "and":
        return None  # "at 4,400 and 4,415 dlrs": two prices, not a range
    if lo.currency is None and (lo.bare_year or _after_month(text, m.start())):
        return None  # "in 1986 to 50 mln dlrs", "rose on Feb 25 to 4.151 billion dlrs"
    scale = lo.scale
    if scale is None and hi.scale and lo.number < 1000:
        scale = hi.scale  # "$1-2 billion"; but "between 500,000 and 1 mln dlrs"
    divisor = lo.divisor if lo.currency else hi.divisor  # "20 to 25 cts"
    low = lo.number * (scale or 1) / divisor
    high = _quote_tail(m, hi.number) * (hi.scale or 1) / hi.divisor

    start, qualifier = _qualifier_before(text, start)
    words = _WORDS_BEFORE.search(text, max(0, start - 60), start)
    if words and not between and _is_change(words[1], words[2]):
        # "raised its offer from 80 to 92.50 dlrs a share", "fell 1.29 billion dlrs to
        # 216.33 billion dlrs": the old and the new, or the change and the new
        return [
            _match(text, start, m.end("one"), low, currency, per, qualifier),
            _match(text, m.start("hi"), m.end(), high, currency, per, trailing),
        ]
    if not low < high:
        return None
    return [_match(text, start, m.end(), low, currency, per, "range", low, high)]


def _range_currency(m: re.Match, lo: _End, hi: _End) -> str | None:
    """The currency of a range: the upper end's, or the lower end's in "$1-2 billion"."""
    if hi.currency is not None:
        return hi.currency if lo.currency in (None, hi.currency) else None
    if lo.currency is not None and m["one_pre"] and hi.scale:
        return lo.currency  # "$1-2 billion"
    return None


def _is_change(word_before: str | None, word: str) -> bool:
    """Whether "A to B" after these two words is a change from A to B, not a range."""
    word = word.lower()
    if word == "from":
        return (word_before or "").lower() not in lexicon.RANGE_LEADS
    return word in lexicon.CHANGE_WORDS


def _quote_tail(m: re.Match, high: Decimal) -> Decimal:
    """Expand a quote's short high end: "1.7770-80 marks" is 1.7770 to 1.7780."""
    low_written, high_written = m["one_num"], m["hi_num"]
    if m["rsep"].strip() not in ("-", "\u2013") or not high_written.isdigit():
        return high
    decimals = low_written.partition(".")[2]
    if len(high_written) < len(decimals):
        expanded = Decimal(low_written[: -len(high_written)] + high_written)
        if expanded > parse_number(low_written):
            return expanded
    return high


def _qualifier_before(text: str, start: int) -> tuple[int, str]:
    """Return where the amount at ``start`` begins with its qualifier words, and the qualifier."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    word_start = end
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    if end == start or text[word_start:end].lower() not in _QUALIFIER_LAST_WORDS:
        return start, "exact"  # the cheap test first: most amounts have no qualifier
    found = _QUALIFIER_BEFORE.search(text, max(0, start - 40), start)
    if found is None:
        return start, "exact"
    return found.start(), lexicon.QUALIFIERS[_key(found["qual"])]


def _end_value(m: re.Match, name: str, text: str, country: str | None) -> _End | None:
    """Read the number, scale and currency of one end; None when it cannot be money."""
    digits = m[f"{name}_num"]
    scale = lexicon.SCALES[m[f"{name}_scale"].lower()] if m[f"{name}_scale"] else None
    currency, divisor = None, 1
    if m[f"{name}_pre"]:
        currency = _symbol_currency(m[f"{name}_pre"], country)
    if m[f"{name}_att"]:
        unit, divisor = lexicon.ATTACHED_CURRENCY_WORDS[m[f"{name}_att"].lower()]
        currency = lexicon.CURRENCY_NAMES[unit][""]
    elif m[f"{name}_post"]:
        post = m[f"{name}_post"]
        if post in lexicon.CURRENCY_CODES:
            named = lexicon.CURRENCY_CODES[post]
        else:
            unit, issuer, divisor = _NAME_LOOKUP[_key(post)]
            if not scale and _key(post) in lexicon.NEEDS_SCALE_WORDS:
                return None  # "the dollar's 1.80 mark level"
            if unit == "pound" and _OF_AFTER.match(text, m.end(f"{name}_post")):
                return None  # "265 mln pounds of copper"
            named = lexicon.CURRENCY_NAMES[unit][issuer]
            if named is None and not country and _PRICED_DEAL_AFTER.match(
                    text, m.end(f"{name}_post")):
                named = lexicon.DEAL_NOUN_CURRENCY.get(unit)  # "a 640 million pound order"
            if not issuer and country:
                named = lexicon.CURRENCY_BY_COUNTRY.get(unit, {}).get(country, named)
        if named is None:
            return None  # "600 mln crowns" with no country: Swedish, Danish or Norwegian?
        if currency is None or currency == "USD":  # "$5 mln Canadian dlrs": the name says
            currency = named
    bare_year = (
        not scale and not m[f"{name}_pre"] and _YEAR.fullmatch(digits) is not None
    )
    return _End(parse_number(digits), scale, currency, divisor, bare_year)


def _symbol_currency(symbol: str, country: str | None) -> str:
    """Return the ISO code a symbol or code stands for, in a story from ``country``."""
    if symbol in lexicon.CURRENCY_CODES:
        return lexicon.CURRENCY_CODES[symbol]
    symbol = " ".join(symbol.split())
    by_country = lexicon.CURRENCY_BY_COUNTRY.get(symbol, {})
    return by_country.get(country, lexicon.CURRENCY_SYMBOLS[symbol])


def _per(m: re.Match, text: str) -> str | None:
    """Return what the amount is counted per, resolving "each" from the sentence."""
    if m["per_unit"]:
        return lexicon.PER_UNITS[_key(m["per_unit"])]
    if not m["per_word"]:
        return None
    per = lexicon.PER_WORDS[_key(m["per_word"])]
    if per == "each" and _about_shares(text, m.start(), m.end()):
        return "share"  # "sold 400,000 Liposome shares at eight dlrs each"
    return per


def _about_shares(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``text[start:end]`` counts shares."""
    window_start = max(0, start - 150)
    ends = list(_SENTENCE_END.finditer(text, window_start, start))
    window_start = ends[-1].end() if ends else window_start
    after = _SENTENCE_END.search(text, end, end + 60)
    window_end = after.start() if after else min(len(text), end + 60)
    return _SHARES_NEARBY.search(text, window_start, window_end) is not None


def _after_month(text: str, start: int) -> bool:
    """Whether the number at ``start`` is a day after a month name ("Feb 25")."""
    words = _WORDS_BEFORE.search(text, max(0, start - 20), start)
    return words is not None and _key(words[2]) in lexicon.MONTHS


def _match(
    text: str,
    start: int,
    end: int,
    value: Decimal,
    currency: str,
    per: str | None,
    qualifier: str,
    low: Decimal | None = None,
    high: Decimal | None = None,
) -> AmountMatch:
    """Build the AmountMatch for ``text[start:end]``."""
    amount = Amount(
        text=text[start:end],
        value=float(value),
        currency=currency,
        per=per,
        qualifier=qualifier,
        low=None if low is None else float(low),
        high=None if high is None else float(high),
    )
    return AmountMatch(start, end, amount)
