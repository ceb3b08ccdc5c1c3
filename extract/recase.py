"""Headlines in capitals, put in the case the model reads.

A wire item with no body is its headline, and Reuters writes most headlines in capitals
("CARLING O'KEEFE SELLS STAR OIL UNIT TO UNITED COAL CANADA FOR 57 MLN DLRS"). The model
tags and parses such text badly: every word looks like a name. ``recase`` lowers the
words the rules know as common (deal words, their inflections, function words, money
words) and gives every other word a capital first letter, so the names stand out as
they do in running text: "Carling O'Keefe sells Star Oil unit to United Coal Canada for
57 mln dlrs". The length and offsets of the text do not change.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from .cues import BASE_FORMS
from .lexicon import CURRENCY_WORDS, SCALES

# Headline words that are no name and that no table of the rules holds.
_HEADLINE_WORDS = {
    "says", "said", "sets", "set", "plans", "plan", "seeks", "seek", "gets", "get", "ups",
    "raises", "raising", "amends", "amend", "extends", "extend", "ends", "end", "cash",
    "remaining", "completes", "complete", "agrees", "agree", "talks", "bids", "unit",
    "units", "stake", "stakes", "share", "shares", "pct", "cts", "dlr", "dlrs", "stg",
    "yen", "mln", "bln", "billion", "million", "half", "rest", "new", "firm", "weighs",
    "customer", "customers", "crude", "postings", "posted", "prices", "price", "qtly",
    "annual", "div", "dividend", "shr", "reserves", "loss", "repurchase", "repurchases",
    "intervenes", "intervened", "dealers", "effective", "today", "yesterday",
}
# Words the tables hold that company names are often made of: kept as names.
_NAME_WORDS = {
    "united", "general", "national", "first", "american", "international", "standard",
    "union", "trust", "capital", "federal", "allied", "continental", "pacific", "atlantic",
    "western", "eastern", "southern", "northern", "energy", "oil", "gas", "group",
    "holding", "holdings", "industries", "financial", "savings", "bank", "management",
    "resources", "systems", "partners", "investors", "mutual", "security", "home", "air",
    "power", "steel", "corp", "inc", "co", "ltd", "plc", "llc", "ag", "sa", "nv",
}
_COMMON = (frozenset(STOP_WORDS) | frozenset(BASE_FORMS) | frozenset(CURRENCY_WORDS) | (
    frozenset(SCALES)) | _HEADLINE_WORDS) - _NAME_WORDS
_WORD = re.compile(r"[A-Za-z][A-Za-z'&.-]*")
# Short words in capitals are kept as written: tickers and initials ("GAF", "CPC", "BP").
_ACRONYM_LENGTH = 3


def in_capitals(text: str) -> bool:
    """Whether ``text`` is written in capitals: four in five of its letters, and at least
    twelve of them (a headline, not an acronym)."""
    upper = sum(map(str.isupper, text))  # every passage asks: counted without a list
    lower = sum(map(str.islower, text))
    return upper + lower >= 12 and upper >= 4 * lower


def recase(text: str) -> str:
    """``text`` with each word lowered when it is a common word, else capitalised.

    >>> recase("AVON SAYS IT TO BUY GIORGIO INC, A FRAGRANCE COMPANY, FOR 185 MLN DLRS")
    'Avon says it to buy Giorgio Inc, a Fragrance company, for 185 mln dlrs'
    >>> recase("CARLING O'KEEFE SELLS STAR OIL UNIT TO UNITED COAL CANADA FOR 57 MLN DLRS")
    "Carling O'Keefe sells Star Oil unit to United Coal Canada for 57 mln dlrs"
    """
    def word(found: re.Match) -> str:
        token = found.group(0)
        lower = token.lower()
        if lower in _COMMON and found.start() > 0:
            return lower
        if len(token.rstrip(".")) <= _ACRONYM_LENGTH and lower not in _NAME_WORDS:
            return token
        return "-".join(part[:1].upper() + _rest(part[1:]) for part in token.split("-"))

    return _WORD.sub(word, text)


def _rest(letters: str) -> str:
    """The letters after a name's first: lowered, with the capital after "Mc" or an
    apostrophe kept ("O'Keefe")."""
    out = letters.lower()
    at = out.find("'")
    if 0 <= at < len(out) - 1:
        out = out[:at + 1] + out[at + 1].upper() + out[at + 2:]
    return out
