"""Readers that turn inputs into Articles: files, folders and corpora.

``read_inputs`` takes what a user names on the command line and yields an Article for
each article found, or a Failure for each input (or record) that could not be read, so
that one bad input never stops a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..articles import Article
from ..errors import ArticleNotFound, NewsfactsError
from .reuters import is_reuters_sgml, read_reuters
from .text import TEXT_SUFFIXES, read_text_file


@dataclass(frozen=True)
class Failure:
    """An input, or a record inside one, that could not be read: one line for the user."""

    input: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"

    @classmethod
    def from_error(cls, error: NewsfactsError) -> Failure:
        name, _, reason = str(error).partition(": ")
        return cls(name, reason or name)


@dataclass(frozen=True)
class Warning_:
    """Something a user should know about an input that was read all the same."""

    message: str

    def __str__(self) -> str:
        return self.message


Item = Article | Failure | Warning_


def read_inputs(inputs: Iterable[str | Path]) -> Iterator[Item]:
    """Yield the articles of every input, with a Failure for each one that cannot be read.

    :param inputs: files and folders (read recursively).
    """
    for raw in inputs:
        path = Path(raw)
        try:
            if path.is_dir():
                yield from _read_folder(path)
            elif path.exists():
                yield from _read_file(path)
            else:
                raise ArticleNotFound(f"{path}: no such file or folder")
        except NewsfactsError as err:
            yield Failure.from_error(err)


def _read_folder(folder: Path) -> Iterator[Item]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and _is_article_file(p))
    if not files:
        yield Failure(str(folder), "no article files in this folder")
        return
    for path in files:
        try:
            yield from _read_file(path)
        except NewsfactsError as err:
            yield Failure.from_error(err)


def _is_article_file(path: Path) -> bool:
    return not path.name.startswith(".") and (
        path.suffix.lower() in TEXT_SUFFIXES or path.suffix.lower() == ".sgm")


def _read_file(path: Path) -> Iterator[Item]:
    if is_reuters_sgml(path):
        yield from read_reuters(path)
        return
    article, warning = read_text_file(path)
    if warning:
        yield Warning_(warning)
    yield article
