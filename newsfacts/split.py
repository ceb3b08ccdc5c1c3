"""The held-out split of every gold set: a fixed third of the articles nobody tunes on.

The rule depends on the doc id alone, so an article lands in the same part in every gold
file, on every machine and after any edit of the file: held out when the SHA-1 of its id,
read as a number, is divisible by 3.
"""

from __future__ import annotations

import hashlib

TUNE = "tune"
HELD_OUT = "held-out"
PARTS = (TUNE, HELD_OUT)


def is_held_out(doc_id: str) -> bool:
    """Whether an article belongs to the held-out third.

    >>> is_held_out("reuters-15682"), is_held_out("reuters-96")
    (True, False)
    """
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 3 == 0


def part_of(doc_id: str) -> str:
    """The part an article belongs to: ``"tune"`` or ``"held-out"``."""
    return HELD_OUT if is_held_out(doc_id) else TUNE
