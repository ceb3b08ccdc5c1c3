"""Where a word stands whole in a text, without compiling a regex for each word.

``re.search(rf"\\b{re.escape(word)}\\b", text)`` compiles a pattern per word, and the
names of an article are new words each time: the compiling was a sixth of the CPU of
reading an article's names (issue 15). These find the same places: the word's text,
with a word boundary (regex ``\\b``: a word character on one side only) at both ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache


def is_word_char(char: str) -> bool:
    """Regex ``\\w`` of one character (str patterns: Unicode letters, digits, "_")."""
    return char.isalnum() or char == "_"


def at_boundary(text: str, at: int) -> bool:
    """Regex ``\\b`` at ``at``: a word character on one side of it and not the other."""
    return (at > 0 and is_word_char(text[at - 1])) != (
        at < len(text) and is_word_char(text[at]))


def whole_words(text: str, word: str) -> Iterator[int]:
    """Where ``word`` (non-empty) stands whole, left to right, not overlapping: the starts
    ``re.finditer(rf"\\b{re.escape(word)}\\b", text)`` gives.

    >>> list(whole_words("Ruger, Sturm Ruger and Rugerson", "Ruger"))
    [0, 13]
    """
    if not word:
        raise ValueError("whole_words needs a non-empty word")
    at = text.find(word)
    while at >= 0:
        if at_boundary(text, at) and at_boundary(text, at + len(word)):
            yield at
            at = text.find(word, at + len(word))
        else:
            at = text.find(word, at + 1)


def has_whole_word(text: str, word: str) -> bool:
    """Whether ``re.search(rf"\\b{re.escape(word)}\\b", text)`` finds ``word``."""
    return next(whole_words(text, word), None) is not None


def count_whole_words(text: str, word: str) -> int:
    """``len(re.findall(rf"\\b{re.escape(word)}\\b", text))``."""
    return sum(1 for _ in whole_words(text, word))


# Regex \w is is_word_char: a letter, a digit or "_" (str.isalnum() or "_").
_WORD_RUN = re.compile(r"\w+")


def has_whole_word_indexed(text: str, word: str) -> bool:
    """``has_whole_word(text, word)``, for many words of one text: a word of word
    characters only stands whole where it is a whole run of them, and the text's runs are
    read once. Searching an article for each of its names was quadratic in a long one.

    >>> has_whole_word_indexed("Ruger, Sturm Ruger", "Ruger"), has_whole_word_indexed(
    ...     "Rugerson", "Ruger")
    (True, False)
    """
    if _WORD_RUN.fullmatch(word):
        return word in _word_runs(text)
    return has_whole_word(text, word)


@lru_cache(maxsize=1)  # the text of the article being read
def _word_runs(text: str) -> frozenset[str]:
    return frozenset(_WORD_RUN.findall(text))
