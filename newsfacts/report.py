"""The ``--report`` file of an ingest: checked before anything is opened, written whole.

A report path that names the store (or its -wal, -shm or -journal file) or an input
would destroy it: ``--report x.db`` emptied the store when the file was opened at
start-up. Such a path is refused before the store is opened, and the report is written
at the end to a temporary file renamed over the target, so a crash leaves either the
old file or the whole new one.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import BadReportPath
from .sources import is_url
from .sources.files import Walk, describe_os_error, is_glob

STORE_FILES = ("", "-wal", "-shm", "-journal")


def check_report_path(report: str | Path, db: str | Path, inputs: Iterable[str | Path]) -> None:
    """Refuse a report path that is the store, one of its files, or an input.

    >>> check_report_path("x.db-wal", "x.db", ["fixtures/articles"])
    Traceback (most recent call last):
    ...
    newsfacts.errors.BadReportPath: --report x.db-wal: that is the store's x.db-wal file; \
name another file

    :param report: the path given to ``--report``.
    :param db: the store's path (``--db``).
    :param inputs: what the ingest reads: files, folders and globs are checked; URLs
        and ``-`` cannot be overwritten.
    """
    target = _Target(report)
    if not target.path.parent.is_dir():
        raise BadReportPath(f"--report {report}: no such folder {target.path.parent}")
    for suffix in STORE_FILES:
        if target.is_(f"{db}{suffix}"):
            what = "the store (--db)" if not suffix else f"the store's {Path(db).name}{suffix} file"
            raise BadReportPath(f"--report {report}: that is {what}; name another file")
    for raw in inputs:
        name = str(raw)
        if name == "-" or is_url(name):
            continue
        if target.is_(name) or target.is_read_from_folder(name) or (
                is_glob(name) and not os.path.lexists(name)
                and any(target.is_(match) for match in Walk().glob(name)
                        if isinstance(match, Path))):
            raise BadReportPath(f"--report {report}: that is an input ({name}); "
                                "name another file")


def write_report(path: str | Path, report: dict) -> None:
    """Write ``report`` as JSON to ``path`` through a temporary file renamed over it.

    :param path: the report file; replaced whole, or left as it was if writing fails.
    :param report: what to write.
    """
    path = Path(path)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except OSError as err:
        Path(temp).unlink(missing_ok=True)
        raise BadReportPath(f"--report {path}: cannot write it ({describe_os_error(err)})"
                            ) from None


class _Target:
    """The report path, compared with others by file identity (links, ``..``) and name."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.resolved = self.path.resolve()
        self.key = _identity(self.path)

    def is_(self, other: str | Path) -> bool:
        key = _identity(other)
        return (key is not None and key == self.key) or Path(other).resolve() == self.resolved

    def is_read_from_folder(self, folder: str) -> bool:
        """Whether reading ``folder`` would read the report (a file with an article suffix
        inside it, not hidden)."""
        from .sources import SUFFIX_KINDS

        if not os.path.isdir(folder):
            return False
        try:
            relative = self.resolved.relative_to(Path(folder).resolve())
        except ValueError:
            return False
        return relative.suffix.lower() in SUFFIX_KINDS and not any(
            part.startswith(".") for part in relative.parts)


def _identity(path: str | Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino
