"""The forms of a company name that compare: one place for the extractor, the store and
the scorer (GUIDELINES.md's name matching). Pure string code, no spaCy."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import CORPORATE_SUFFIXES, SCORING_SUFFIXES

_ALL_SUFFIXES = {s.lower().rstrip(".").replace(".", "") for s in CORPORATE_SUFFIXES}


@lru_cache(maxsize=65536)  # an article's names are stripped again and again
def strip_suffixes(name: str) -> str:
    """Drop trailing corporate suffixes and possessives: "Dixons Group PLC's" -> "Dixons".

    >>> strip_suffixes("Dixons Group PLC")
    'Dixons'
    >>> strip_suffixes("Sturm, Ruger and Co Inc")
    'Sturm, Ruger'
    """
    words = re.sub(r"['’]s?\Z", "", name.strip()).replace(",", " , ").split()
    while len(words) > 1 and words[-1].lower().rstrip(".").replace(".", "") in _ALL_SUFFIXES:
        words.pop()
        while len(words) > 1 and words[-1] in {",", "and", "&"}:
            words.pop()
    return " ".join(words).replace(" , ", ", ")


@lru_cache(maxsize=65536)  # called for each known name at every name a claim resolves
def name_key(name: str) -> str:
    """The form of a name the scorer compares: lower case, scoring suffixes removed.

    >>> name_key("Dixons Group PLC")
    'dixons'
    """
    words = re.sub(r"['’]s?\Z", "", name.lower()).replace(",", " ").replace(".", "").split()
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in SCORING_SUFFIXES:
        words.pop()
    return " ".join(words)
