"""Readable amounts for people: 45000000000 USD -> "$45.0 bn", 90.25 USD per share ->
"$90.25 a share". Pure: used by the Datasette plugin and the command line.
"""

from __future__ import annotations

SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "CAD": "C$", "AUD": "A$",
           "HKD": "HK$", "NZD": "NZ$", "SGD": "S$", "INR": "₹"}


def format_money(value: float | None, currency: str | None, per: str | None = None) -> str | None:
    """Return an amount as a reader writes it.

    >>> format_money(45e9, "USD"), format_money(2.1e9, "GBP"), format_money(1.25e9, "EUR")
    ('$45.0 bn', '£2.1 bn', '€1.25 bn')
    >>> format_money(90.25, "USD", "share"), format_money(384e6, "USD"), format_money(650e3, "USD")
    ('$90.25 a share', '$384 m', '$650,000')
    >>> format_money(600e6, "SEK")
    'SEK 600 m'
    """
    if value is None:
        return None
    symbol = SYMBOLS.get(currency or "", f"{currency} " if currency else "")
    if abs(value) >= 1e9:
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
