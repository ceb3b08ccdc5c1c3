"""Numbers as news writes them, in digits ("1,250", "3.5", "15-1/4", "3 1/2") or words
("two-and-a-half", "a hundred"): one reader for amounts and terms alike."""

from __future__ import annotations

import re
from decimal import Decimal

from . import lexicon

_PARTS = re.compile(r"[\s-]+")


def parse_number(written: str) -> Decimal:
    """The number ``written`` states.

    >>> [str(parse_number(w)) for w in ["1,250", "15-1/4", "3 1/2", "two-and-a-half",
    ...                                 "a hundred", "half"]]
    ['1250', '15.25', '3.5', '2.5', '100', '0.5']
    """
    parts = _PARTS.split(written.replace(",", "").lower().strip())
    if parts[0][:1].isdigit():
        number = Decimal(parts[0])
        if len(parts) > 1 and "/" in parts[1]:
            numerator, denominator = parts[1].split("/")
            number += Decimal(numerator) / Decimal(denominator)
        return number
    if parts[0] == "half":
        return Decimal("0.5")
    number = Decimal(0)
    for word in parts:
        if word in lexicon.NUMBER_WORDS:
            number += lexicon.NUMBER_WORDS[word]
        elif word in ("a", "an"):
            number = number or Decimal(1)
        elif word == "hundred":
            number *= 100
        elif word == "half":
            number += Decimal("0.5")
    return number
