"""The whole-word finders find what the per-word regexes they replace found."""

from __future__ import annotations

import random
import re

import pytest

from newsfacts.extract.cast import _OWN_DEAL, _invests_himself
from newsfacts.extract.names import _names_led
from newsfacts.extract.wholewords import count_whole_words, has_whole_word, whole_words

PIECES = ["Ruger", "Rug", "er", " ", "_", "-", ".", "é", "1", "\n", "’s", "²", "ſ", "Homes",
          "controlled by ", "led by ", "Jr.", " group", " investor", "'s", "he bought",
          "Dixons", " Group", " PLC", " Plc", " A"]


def _cases(count: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 9)))
        yield text, "".join(rng.choice(PIECES[:12]) for _ in range(rng.randint(1, 2))).strip()


@pytest.mark.parametrize("text, word", [
    ("Sturm, Ruger and Co", "Ruger"), ("Rugerson Ruger_x Ruger2 Ruger", "Ruger"),
    ("Café Café", "Caf"), ("U.S. Steel", "U.S."), ("a.b a.b.", "a.b"), ("", "x"),
])
def test_whole_words_are_where_the_regex_finds_them(text, word):
    pattern = re.compile(rf"\b{re.escape(word)}\b")
    assert list(whole_words(text, word)) == [m.start() for m in pattern.finditer(text)]


def test_whole_words_agree_with_the_regex_on_random_texts():
    for text, word in _cases(20_000, seed=15):
        if not word:
            continue
        pattern = re.compile(rf"\b{re.escape(word)}\b")
        assert has_whole_word(text, word) == bool(pattern.search(text)), (text, word)
        assert count_whole_words(text, word) == len(pattern.findall(text)), (text, word)
        assert list(_names_led(text, word)) == [
            m.group(1) for m in re.finditer(rf"\b{re.escape(word)} ([A-Z][a-z]+)", text)]


def test_a_person_investing_himself_is_found_as_the_regex_found_him():
    def by_regex(text: str, person: str) -> bool:
        surname = re.escape(person.split()[-1])
        return bool(_OWN_DEAL.search(text) or re.search(
            rf"(?:controlled|owned|led) by (?:[\w.]+ ){{0,5}}{surname}\b|{surname}(?:['’]s)? "
            rf"(?:investor |investment )?(?:group|family|partnership)", text))

    for text, _ in _cases(20_000, seed=16):
        for person in ("Alfred Ruger", "Jr.", "Rug", "er"):
            assert _invests_himself(text, person) == by_regex(text, person), (text, person)


def test_names_are_found_where_the_per_article_pattern_found_them():
    from newsfacts.extract.components import _mentions

    sets = [["Dixons Group PLC", "Dixons Group", "Dixons"], ["Rug", "Ruger", "er"], ["é", "Homes"]]
    for n, (text, _) in enumerate(_cases(20_000, seed=17)):
        forms = sets[n % len(sets)]
        pattern = re.compile(r"(?<![\w])(" + "|".join(
            re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w])(?!\s+[A-Z])")
        assert list(_mentions(text, forms)) == [
            (m.start(), m.end(), m.group(1)) for m in pattern.finditer(text)], (text, forms)
