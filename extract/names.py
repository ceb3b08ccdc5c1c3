"""The article's own naming of companies: which capitalised phrases are company names,
their long and short forms, and the company the article is about.

The small spaCy model misses and mislabels names ("SpaceX" as a person, "Anthropic" as
nothing), so names are also read off the article: phrases ending in a corporate suffix,
Reuters' bracketed names ("<Hearst Corp>"), and capitalised words the article keeps using
mid-sentence. Pure: no spaCy here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .cues import CORPORATE_SUFFIXES, SCORING_SUFFIXES

_SUFFIX = "|".join(re.escape(s) for s in sorted(CORPORATE_SUFFIXES, key=len, reverse=True))
_CAP_WORD = r"(?:[A-Z][A-Za-z0-9'&.\-/]*|&)"
# "Sturm, Ruger and Co Inc", "Saatchi and Saatchi Co Plc", "Dixons Group PLC".
_CORPORATE = re.compile(
    rf"\b((?:{_CAP_WORD}(?:,? (?:and|of|de|du|la|der|&) |,? |-))*?{_CAP_WORD}"
    rf"(?:,? (?:{_SUFFIX}))+)(?![A-Za-z])"
)
_BRACKETED = re.compile(r"<([A-Z][^<>\n]{1,60}?)>")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!\A)\b([A-Z][a-z]*[A-Z][A-Za-z]*|[A-Z][a-z]{2,})\b")
# Words that are capitalised mid-sentence without naming a company.
NOT_NAMES = frozenset(
    """The A An And Or But In On At For Of To By With From As It Its This That These Those
    He She They We I Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Reuters Reuter Inc Corp Co Ltd PLC Plc
    Group Holdings Company Chairman President Chief Executive Officer Director Board
    Securities Exchange Commission Street Wall Federal Reserve Treasury Congress Senate
    House Court Government State States United American British European Japanese German
    French Canadian Swiss Dutch Swedish Chinese Korean Indian Australian Italian Spanish
    AI CEO CFO IPO SEC FTC EU US UK New York London Tokyo Washington Source Photo Image
    Listen Read More Share Advertisement Subscribe Sign Update Updated Comment Comments
    Loading Related Topics Deal Deals Market Markets Business Technology News""".split()
)


def strip_suffixes(name: str) -> str:
    """Drop trailing corporate suffixes and possessives: "Dixons Group PLC's" -> "Dixons".

    >>> strip_suffixes("Dixons Group PLC")
    'Dixons'
    >>> strip_suffixes("Sturm, Ruger and Co Inc")
    'Sturm, Ruger'
    """
    words = re.sub(r"['’]s?\Z", "", name.strip()).replace(",", " , ").split()
    while len(words) > 1 and words[-1].lower().rstrip(".").replace(".", "") in _ALL_SUFFIXES:
        words.pop()
        while len(words) > 1 and words[-1] in {",", "and", "&"}:
            words.pop()
    return " ".join(words).replace(" , ", ", ")


_ALL_SUFFIXES = {s.lower().rstrip(".").replace(".", "") for s in CORPORATE_SUFFIXES}


def name_key(name: str) -> str:
    """The form of a name the scorer compares: lower case, scoring suffixes removed.

    >>> name_key("Dixons Group PLC")
    'dixons'
    """
    words = re.sub(r"['’]s?\Z", "", name.lower()).replace(",", " ").replace(".", "").split()
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in SCORING_SUFFIXES:
        words.pop()
    return " ".join(words)


@dataclass
class ArticleNames:
    """The company names an article uses, longest form first, and its main company."""

    names: list[str] = field(default_factory=list)
    main: str | None = None

    @classmethod
    def from_text(cls, text: str, title: str | None = None) -> ArticleNames:
        """Read the company names of an article.

        >>> names = ArticleNames.from_text(
        ...     "Dixons Group PLC said it agreed to buy Cyclops Corp. Dixons said the "
        ...     "offer for Cyclops values it at 384 mln dlrs.")
        >>> names.names, names.main
        (['Dixons Group PLC', 'Cyclops Corp'], 'Dixons Group PLC')
        >>> names.canonical("Dixons")
        'Dixons Group PLC'
        """
        found: Counter[str] = Counter()
        order: dict[str, int] = {}

        def add(name: str, at: int) -> None:
            name = name.strip(" ,")
            if name.endswith(".") and "." not in name.split()[-1][:-1]:
                name = name[:-1]  # "Cyclops Corp." ending a sentence; "L.P." keeps its dots
            if len(name) < 2 or name in NOT_NAMES:
                return
            found[name] += 1
            order.setdefault(name, at)

        for m in _BRACKETED.finditer(text):
            if not re.fullmatch(r"[A-Z0-9.]{1,8}", m.group(1)):  # "<CYL>" is a ticker
                add(m.group(1), m.start())
        for m in _CORPORATE.finditer(text):
            add(_drop_leading_function_words(m.group(1)), m.start())
        # Capitalised words used at least twice mid-sentence ("Anthropic", "SpaceX").
        caps = Counter(m.group(1) for m in _CAPITALISED.finditer(text))
        for word, count in caps.items():
            if count >= 2 and word not in NOT_NAMES and not _covered(word, found):
                add(word, text.find(word))
        names = sorted(found, key=lambda n: order[n])
        names = _drop_contained(names)
        return cls(names=names, main=_main_company(text, title, names))

    def canonical(self, name: str) -> str:
        """Return the article's longest form of ``name`` ("Dixons" -> "Dixons Group PLC")."""
        key = name_key(name)
        if not key:
            return name
        best = None
        for full in self.names:
            full_key = name_key(full)
            if full_key == key or _starts_with_words(full_key, key):
                if best is None or len(full) > len(best):
                    best = full
        return best or name

    def is_company(self, name: str) -> bool:
        """Whether the article uses ``name`` (or a longer form of it) as a company name."""
        key = name_key(name)
        return bool(key) and any(
            name_key(full) == key or _starts_with_words(name_key(full), key)
            for full in self.names
        )

    def to_dict(self) -> dict:
        return {"names": self.names, "main": self.main}

    @classmethod
    def from_dict(cls, data: dict) -> ArticleNames:
        return cls(names=list(data.get("names", [])), main=data.get("main"))


def _drop_leading_function_words(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0] in NOT_NAMES:
        words.pop(0)
    return " ".join(words)


def _covered(word: str, found: Counter) -> bool:
    return any(word in name.split() for name in found)


def _starts_with_words(full: str, short: str) -> bool:
    return full.startswith(short + " ") or full.startswith(short + ",")


def _drop_contained(names: list[str]) -> list[str]:
    """Keep one entry per company: "Dixons Group" goes when "Dixons Group PLC" is there."""
    kept: list[str] = []
    for name in names:
        key = name_key(name)
        if any(name_key(other) == key and len(other) > len(name) for other in names):
            continue
        kept.append(name)
    return kept


def _main_company(text: str, title: str | None, names: list[str]) -> str | None:
    """The company the article is about: the first named in its lead, else the title's."""
    if not names:
        return None
    lead = text[:400]
    in_lead = [(lead.find(n), n) for n in names if n in lead]
    if in_lead:
        return min(in_lead)[1]
    if title:
        low = title.lower()
        for name in names:
            if name_key(name) and name_key(name).split()[0] in low:
                return name
    return names[0]
