"""How newsfacts serves the store: Datasette with our metadata, plugin and safe settings.

``newsfacts serve`` and a hand-written ``datasette`` command start the same server; the
settings here are what both should use.
"""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

from sqlite_utils import Database

from ..errors import BadStore
from . import queries
from .schema import migrations

# Read-only browsing of a file that ingests may be writing: short SQL time limit, no
# downloads of the whole database, no uploads (no write plugins are installed).
SETTINGS = {
    "sql_time_limit_ms": 3000,
    "default_page_size": 50,
    "facet_time_limit_ms": 400,
    "allow_download": False,
    "max_returned_rows": 2000,
    # Article texts in table pages; the article page shows them whole.
    "truncate_cells_html": 400,
}


def metadata_path() -> Path:
    """The metadata.yaml shipped in the package."""
    return Path(str(resources.files("newsfacts.db").joinpath("metadata.yaml")))


def datasette_args(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001) -> list[str]:
    """The arguments of ``datasette serve`` for the store at ``db_path``."""
    args = ["serve", str(db_path), "--metadata", str(metadata_path()),
            "--host", host, "--port", str(port)]
    for name, value in SETTINGS.items():
        args += ["--setting", name, str(value).lower() if isinstance(value, bool) else str(value)]
    return args


def check_store(db_path: str | Path) -> None:
    """Refuse a file Datasette could not serve: not SQLite, or damaged in its schema.

    Datasette meets such a file in its start-up and prints a thousand-line traceback with
    local variables. A file whose damage lies past its schema still serves, with an error
    on the pages that read the damaged part.

    :param db_path: the SQLite file to serve.
    """
    try:
        conn = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            conn.execute(queries.SCHEMA_NAMES).fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise BadStore(f"{db_path}: not a database newsfacts can serve ({err})") from None


def upgrade_store(db_path: str | Path) -> list[str]:
    """Apply the schema migrations a newsfacts store written by an older version lacks.

    The site reads views that later migrations add (the deals view's month and parties).
    A file that is not a newsfacts store is left alone. Return the names applied.

    :param db_path: the SQLite file to serve.
    """
    from .store import Store

    db = Database(db_path)
    try:
        if not migrations.applied(db) or not migrations.pending(db):
            return []
        pending = [m.name for m in migrations.pending(db)]
    except sqlite3.DatabaseError:
        return []  # not SQLite: Datasette says so in its own words
    finally:
        db.close()
    Store(db_path).close()  # migrates under its write lock, as an ingest does
    return pending
