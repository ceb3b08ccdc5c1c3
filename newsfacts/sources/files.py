"""The one place that opens and reads an input file, and walks folders and globs.

Only regular files are read. A device (``/dev/zero``), a FIFO, a UNIX socket or a folder
named where a file is expected is refused with one line, before a byte is read: a FIFO is
opened without blocking, and the type is checked on the open file (``fstat``), so a path
swapped between the check and the read cannot slip through. Reads are bounded: at most
the limit plus one byte, whatever ``stat`` says (``/proc`` files say 0 bytes and hold
more). Folders and ``**`` globs are walked without entering a folder twice, so a symlink
loop ends, and a file reached by two paths is read once.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import (
    ArticleNotFound,
    ArticleTooLarge,
    EmptyArticle,
    NewsfactsError,
    NotAFile,
    UnreadableInput,
)

MAX_BYTES = 20 * 1024 * 1024
_GLOB_MAGIC = re.compile(r"[*?[]")
# What each kind of non-regular file is called in an error line.
FILE_TYPES = {stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a UNIX socket",
              stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
              stat.S_IFDIR: "a folder"}
# The reasons of the OS errors a user's path can cause, in the words of an error line.
OS_REASONS = {errno.EACCES: "permission denied", errno.EPERM: "permission denied",
              errno.ELOOP: "a symbolic link loop", errno.EIO: "input/output error",
              errno.ENAMETOOLONG: "path too long", errno.ENOENT: "no such file or folder",
              errno.ENOTDIR: "no such file or folder", errno.ENXIO: "not a regular file"}


def describe_os_error(err: OSError) -> str:
    """The reason of an OS error, for an error line: "permission denied"."""
    return OS_REASONS.get(err.errno, (err.strerror or str(err)).lower())


def open_input(path: str | Path) -> BinaryIO:
    """Open a regular file for reading; refuse anything else with NotAFile.

    >>> open_input("/dev/null")
    Traceback (most recent call last):
    ...
    newsfacts.errors.NotAFile: /dev/null: not a regular file (a character device)

    :param path: the file to open.
    """
    name = str(path)
    try:
        # O_NONBLOCK: opening a FIFO with no writer would wait for one forever.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except IsADirectoryError:
        raise NotAFile(f"{name}: not a regular file (a folder)") from None
    except OSError as err:
        if err.errno == errno.ENXIO:  # a UNIX socket cannot be opened at all
            raise NotAFile(f"{name}: not a regular file ({_type_of(path)})") from None
        raise _unreadable(name, err) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = FILE_TYPES.get(stat.S_IFMT(mode), "not a file")
            raise NotAFile(f"{name}: not a regular file ({kind})")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_input(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a whole regular file, refusing one that is missing, too large or empty.

    :param path: the file to read.
    :param max_bytes: the most bytes read; a file holding more is refused, whatever
        its size on record.
    """
    name = str(path)
    with open_input(path) as f:
        size = os.fstat(f.fileno()).st_size
        if size > max_bytes:  # refused without reading it
            raise ArticleTooLarge(f"{name}: {size / 1024 / 1024:.1f} MB, over the "
                                  f"{max_bytes // 1024 // 1024} MB limit")
        data = read_bounded(f, max_bytes + 1, name)
    if len(data) > max_bytes:  # a file that holds more than it says (/proc, a growing file)
        raise ArticleTooLarge(f"{name}: over the {format_size(max_bytes)} limit")
    if not data.strip():
        raise EmptyArticle(f"{name}: empty file")
    return data


def read_bounded(f: BinaryIO, limit: int, name: str) -> bytes:
    """Read at most ``limit`` bytes of an open file; an OS error becomes UnreadableInput."""
    chunks, left = [], limit
    try:
        while left > 0 and (chunk := f.read(min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as err:
        raise _unreadable(name, err) from None
    return b"".join(chunks)


def read_head(path: str | Path, size: int = 4096) -> bytes:
    """The first ``size`` bytes of a regular file (to tell its kind)."""
    with open_input(path) as f:
        return read_bounded(f, size, str(path))


class Walk:
    """Files found under folders and globs, each at most once for the whole walk.

    A folder is entered once (by its device and inode), so ``a/self -> .`` or a loop of
    links ends; a file is yielded once, however many paths reach it.
    """

    def __init__(self):
        self.dirs: set[tuple[int, int]] = set()
        self.files: set[tuple[int, int]] = set()

    def is_new_file(self, path: str | Path) -> bool:
        """Whether ``path`` is a file not yet yielded (by its identity, not its name);
        a path that is no regular file is always new: its reader reports it."""
        try:
            st = os.stat(path)
        except OSError:
            return True
        if not stat.S_ISREG(st.st_mode):
            return True
        key = (st.st_dev, st.st_ino)
        if key in self.files:
            return False
        self.files.add(key)
        return True

    def folder(self, folder: Path, hidden: bool = True) -> Iterator[Path | NewsfactsError]:
        """Every file under ``folder`` in name order, and an UnreadableInput for each
        sub-folder that cannot be listed (it is skipped; the rest goes on).

        :param hidden: whether to yield hidden files and enter hidden folders (``.git``).
        """
        try:
            st = os.stat(folder)
        except OSError as err:
            yield _unreadable(str(folder), err, "folder")
            return
        if (st.st_dev, st.st_ino) in self.dirs:
            return
        self.dirs.add((st.st_dev, st.st_ino))
        try:
            with os.scandir(folder) as entries:
                names = sorted(entry.name for entry in entries)
        except OSError as err:
            yield _unreadable(str(folder), err, "folder")
            return
        for name in names:
            if name.startswith(".") and not hidden:
                continue
            path = folder / name
            if _is_dir(path):
                yield from self.folder(path, hidden)
            else:
                yield path

    def glob(self, pattern: str) -> Iterator[Path | NewsfactsError]:
        """The paths matching a glob (``*``, ``?``, ``[ab]``, ``**`` for any folders), in
        name order; as glob.glob, a leading dot must be matched by a dot."""
        parts = Path(pattern).parts
        fixed = next(i for i, part in enumerate(parts) if _GLOB_MAGIC.search(part))
        base = Path(*parts[:fixed]) if fixed else Path(".")
        rest = parts[fixed:]
        if "**" not in rest:  # no recursion: glob.glob cannot loop
            import glob

            yield from map(Path, sorted(glob.glob(pattern)))
            return
        # "**" does not enter hidden folders (.git), unless the pattern names one.
        hidden = any(part.startswith(".") for part in rest)
        for path in self.folder(base, hidden) if _is_dir(base) else ():
            if isinstance(path, NewsfactsError) or _matches(path.relative_to(base).parts, rest):
                yield path


def format_size(n: int) -> str:
    """20971520 -> "20 MB", 22020096 -> "21.0 MB", 1000 -> "1000 bytes"."""
    if n < 1024 * 1024:
        return f"{n} bytes"
    return f"{n // 1024 // 1024} MB" if n % (1024 * 1024) == 0 else f"{n / 1024 / 1024:.1f} MB"


def is_glob(name: str) -> bool:
    return bool(_GLOB_MAGIC.search(name))


def _matches(parts: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Whether a relative path matches glob segments, ``**`` standing for any folders."""
    if not pattern:
        return not parts
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        # "**" matches no folder, or one more folder that is not hidden.
        return _matches(parts, rest) or (
            bool(parts) and not parts[0].startswith(".") and _matches(parts[1:], pattern))
    if not parts or (parts[0].startswith(".") and not head.startswith(".")):
        return False
    return fnmatch.fnmatchcase(parts[0], head) and _matches(parts[1:], rest)


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def _type_of(path: str | Path) -> str:
    try:
        return FILE_TYPES.get(stat.S_IFMT(os.stat(path).st_mode), "not a file")
    except OSError:
        return "not a file"


def _unreadable(name: str, err: OSError, what: str = "file") -> UnreadableInput | ArticleNotFound:
    if err.errno in (errno.ENOENT, errno.ENOTDIR):
        return ArticleNotFound(f"{name}: no such file or folder")
    return UnreadableInput(f"{name}: cannot read this {what} ({describe_os_error(err)})")
