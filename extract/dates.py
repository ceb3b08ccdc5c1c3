"""Dates as articles carry them: one reader for the published date every step uses."""

from __future__ import annotations

from datetime import date


def parse_date(value) -> date | None:
    """The calendar date at the start of an ISO date or timestamp; None if there is none.

    >>> parse_date("2026-05-14T09:30:00Z"), parse_date(None), parse_date("May 1987")
    (datetime.date(2026, 5, 14), None, None)
    """
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
