"""The fact store: SQLite written with sqlite-utils, served by Datasette."""

from .store import Outcome, Store

__all__ = ["Outcome", "Store"]
