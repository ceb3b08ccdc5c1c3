"""The newsfacts Datasette plugin: SQL functions and page tweaks for the fact store.

Registered through the ``datasette`` entry point, so ``newsfacts serve`` and plain
``datasette newsfacts.db --metadata ...`` both load it.
"""

from __future__ import annotations

from datasette import hookimpl

from .money import format_money


@hookimpl
def prepare_connection(conn):
    """Add ``newsfacts_money(value, currency, per)``: 45e9, 'USD' -> '$45.0 bn'."""
    conn.create_function("newsfacts_money", 3, format_money, deterministic=True)
