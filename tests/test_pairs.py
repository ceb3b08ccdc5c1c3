"""Pair lists ("Buyer–Seller (month, $N)"): the items a round-up names, and what is not
one (a hyphenated name, brackets without money)."""

from __future__ import annotations

import doctest

import pytest

from newsfacts.extract import pairs
from newsfacts.extract.pairs import pair_items

ITEMS = [  # text, (buyer, seller) of each item
    ("Abrin–Gallet (March, $350 million upfront), Corvel–Minto (January, $4.4 billion)",
     [("Abrin", "Gallet"), ("Corvel", "Minto")]),
    ("Marlow–Tessin Foods (June, €640 million)", [("Marlow", "Tessin Foods")]),
    ("Harbour & Quay—Pell Mills (April, 90 mln dlrs)", [("Harbour & Quay", "Pell Mills")]),
    ("Borg-Warner (BOR) fell 2 dlrs.", []),  # a hyphen joins one name
    ("Marlow–Tessin Foods (June, the second deal)", []),  # no money in the brackets
    ("In the Halsey–Renwick deal, the contingent part is $700 million.", []),
]


@pytest.mark.parametrize("text,expected", ITEMS, ids=[r[0][:40] for r in ITEMS])
def test_pair_items(text, expected):
    assert [(i.buyer, i.seller) for i in pair_items(text)] == expected


def test_item_brackets_hold_their_amounts_only():
    text = "Abrin–Gallet (March, $350 million upfront) and $90 million elsewhere"
    [item] = pair_items(text)
    assert item.holds(text.index("$350"), text.index(" upfront"))
    assert not item.holds(text.index("$90"), text.index(" elsewhere"))


def test_docstring_examples():
    assert doctest.testmod(pairs).failed == 0
