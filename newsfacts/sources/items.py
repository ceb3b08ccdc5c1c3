"""What a reader yields besides Articles: a Failure for an input it could not read, and a
Warning_ for one it read all the same."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..articles import Article
from ..errors import NewsfactsError


@dataclass(frozen=True)
class Failure:
    """An input, or a record inside one, that could not be read: one line for the user."""

    input: str
    reason: str
    traceback: str | None = field(default=None, compare=False)  # for a bug, not bad input

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
