"""Amounts for people: 45000000000 USD -> "$45.0 bn", 90.25 USD per share -> "$90.25 a
share", and back from what a person types ("1 bn" -> 1e9). Pure: used by the Datasette
plugin and the command line.
"""

from __future__ import annotations

import re

SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "CAD": "C$", "AUD": "A$",
           "HKD": "HK$", "NZD": "NZ$", "SGD": "S$", "INR": "₹"}

# How a qualifier (extract/records.py QUALIFIERS) reads in front of an amount.
QUALIFIER_WORDS = {"approx": "about", "up_to": "up to", "at_least": "at least"}

# Scale words a person types after a number, as the wire and the trade press write them.
SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6,
          "b": 1e9, "bn": 1e9, "bln": 1e9, "billion": 1e9, "tn": 1e12, "trillion": 1e12}
_TYPED_NUMBER = re.compile(
    r"^[^\d.]*?(?P<number>\d[\d,]*(?:\.\d*)?|\.\d+)(?P<exponent>e[+-]?\d+)?\s*(?P<scale>[a-z]*)\.?$",
    re.IGNORECASE)


def format_money(value: float | None, currency: str | None, per: str | None = None) -> str | None:
    """Return an amount as a reader writes it.

    :param value: the amount in the currency's units; None gives None.
    :param currency: ISO 4217 code; a code without a symbol is written before the number.
    :param per: what the amount is per ("share", "year"), or None for a total.

    >>> format_money(45e9, "USD"), format_money(2.1e9, "GBP"), format_money(1.25e9, "EUR")
    ('$45.0 bn', '£2.1 bn', '€1.25 bn')
    >>> format_money(90.25, "USD", "share"), format_money(384e6, "USD"), format_money(650e3, "USD")
    ('$90.25 a share', '$384 m', '$650,000')
    >>> format_money(600e6, "SEK"), format_money(1.3e12, "USD")
    ('SEK 600 m', '$1.3 tn')
    """
    if value is None:
        return None
    symbol = SYMBOLS.get(currency or "", f"{currency} " if currency else "")
    if abs(value) >= 1e12:
        number = f"{value / 1e12:.2f}".rstrip("0")
        text = f"{number}0 tn" if number.endswith(".") else f"{number} tn"
    elif abs(value) >= 1e9:
        number = f"{value / 1e9:.2f}".rstrip("0")
        text = f"{number}0 bn" if number.endswith(".") else f"{number} bn"
    elif abs(value) >= 1e6:
        text = f"{value / 1e6:.2f}".rstrip("0").rstrip(".") + " m"
    elif value == int(value):
        text = f"{value:,.0f}"
    else:
        text = f"{value:,.2f}"
    out = f"{symbol}{text}"
    return f"{out} a {per}" if per else out


def format_amount(value: float | None, currency: str | None, per: str | None = None,
                  qualifier: str | None = None, high: float | None = None) -> str | None:
    """Return an amount with its qualifier as a reader writes it: "up to $5.0 bn".

    :param value: the amount, or the low end of a range; None gives None.
    :param currency: ISO 4217 code.
    :param per: what the amount is per, or None for a total.
    :param qualifier: exact, approx, up_to, at_least or range; None reads as exact.
    :param high: the high end of a range; None when the amount is not a range.

    >>> format_amount(5e9, "USD", qualifier="up_to"), format_amount(14.7e9, "EUR", None, "approx")
    ('up to $5.0 bn', 'about €14.7 bn')
    >>> format_amount(13, "USD", "share", "range", 13.5)
    '$13 to $13.50 a share'
    """
    if value is None:
        return None
    if qualifier == "range" and high is not None and high != value:
        return f"{format_money(value, currency)} to {format_money(high, currency, per)}"
    words = QUALIFIER_WORDS.get(qualifier or "")
    money = format_money(value, currency, per)
    return f"{words} {money}" if words else money


def parse_number(text: str | None) -> float | None:
    """Return the number a person typed for an amount, or None when it is not one.

    :param text: digits with optional commas, exponent, currency sign and scale word.

    >>> parse_number("1 bn"), parse_number("$2.5 billion"), parse_number("1e9")
    (1000000000.0, 2500000000.0, 1000000000.0)
    >>> parse_number("1,500,000"), parse_number("500m"), parse_number("lots")
    (1500000.0, 500000000.0, None)
    """
    match = _TYPED_NUMBER.match((text or "").strip())
    if not match:
        return None
    scale = SCALES.get(match["scale"].lower(), None if match["scale"] else 1.0)
    if scale is None:
        return None
    number = float(match["number"].replace(",", "") + (match["exponent"] or ""))
    return number * scale
