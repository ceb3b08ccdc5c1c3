"""Pair lists: round-ups that name each deal as "Buyer–Seller (month, $N ...)".

"Abrin–Gallet (March, $350 million upfront, $1.9 billion in milestones), Corvel–Minto
(January, $4.4 billion)": no deal word stands in such a list, and the parse runs the
items into one another, so the frames never see them. Each item is read here on its
own: the name before the dash pays, the name after it is bought, and every amount in
the item's brackets is a price of that deal (GUIDELINES.md lists each amount of a deal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A company's name as a list writes it: capitalised words, "&" or "and" inside.
_NAME = r"[A-Z][\w&.'’]*(?:\s(?:&\s|and\s|of\s)?[A-Z][\w&.'’]*){0,4}"
# "Buyer–Seller (...)": an en or em dash between two names, then a bracket with money.
_ITEM = re.compile(rf"(?<![\w–—-])(?P<buyer>{_NAME})\s?[–—]\s?(?P<seller>{_NAME})\s*"
                   r"\((?P<inside>[^()]{3,200})\)")
# The same with a plain hyphen ("AbbVie-ImmunoGen ($10.1 billion)"), read only where two
# or more such items make a list: one alone is as likely a hyphenated name.
_HYPHEN_ITEM = re.compile(rf"(?<![\w–—-])(?P<buyer>{_NAME})-(?P<seller>{_NAME})\s*"
                          r"\((?P<inside>[^()]{3,200})\)")
_MONEY_MARK = re.compile(r"[$£€¥]|\b(?:dlrs?|euros?|pounds|yen|francs|crowns)\b")


@dataclass(frozen=True)
class PairItem:
    """One item of a pair list: who pays, who is bought, and where its brackets are
    (character offsets in the text read)."""

    buyer: str
    seller: str
    start: int
    end: int

    def holds(self, start: int, end: int) -> bool:
        """Whether an amount at [start, end) stands in this item's brackets."""
        return self.start <= start and end <= self.end


def pair_items(text: str) -> list[PairItem]:
    """The pair-list items of a text whose brackets hold money.

    >>> [(i.buyer, i.seller) for i in pair_items(
    ...     "Abrin–Gallet (March, $350 million upfront), Corvel–Minto (January, $4.4 billion)")]
    [('Abrin', 'Gallet'), ('Corvel', 'Minto')]
    >>> pair_items("Borg-Warner (BOR) fell 2 dlrs."), pair_items("Borg-Warner ($43 a share)")
    ([], [])
    >>> [(i.buyer, i.seller) for i in pair_items(
    ...     "when AbbVie-ImmunoGen ($10.1 billion) and Bristol Myers-Karuna ($14 billion) closed")]
    [('AbbVie', 'ImmunoGen'), ('Bristol Myers', 'Karuna')]
    """
    if "(" not in text or ("–" not in text and "—" not in text and "-" not in text):
        return []  # most sentences: no bracket or no dash, answered without the regex
    items = [PairItem(m["buyer"], m["seller"], m.start("inside"), m.end("inside"))
             for m in _ITEM.finditer(text) if _MONEY_MARK.search(m["inside"])]
    listed = [PairItem(m["buyer"], m["seller"], m.start("inside"), m.end("inside"))
              for m in _HYPHEN_ITEM.finditer(text) if _MONEY_MARK.search(m["inside"])]
    return items + (listed if len(listed) >= 2 else [])


def has_pair_items(text: str) -> bool:
    """Whether a sentence is (part of) a pair list: the cue filter lets it through."""
    return bool(pair_items(text))
