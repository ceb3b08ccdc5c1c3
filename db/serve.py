"""How newsfacts serves the store: Datasette with our metadata, plugin and safe settings.

``newsfacts serve`` and a hand-written ``datasette`` command start the same server; the
settings here are what both should use.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

# Read-only browsing of a file that ingests may be writing: short SQL time limit, no
# downloads of the whole database, no uploads (no write plugins are installed).
SETTINGS = {
    "sql_time_limit_ms": 3000,
    "default_page_size": 50,
    "facet_time_limit_ms": 400,
    "allow_download": False,
    "max_returned_rows": 2000,
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
