"""The article's own naming of companies: which capitalised phrases are company names,
their long and short forms, and the company the article is about.

The small spaCy model misses and mislabels names ("SpaceX" as a person, "Anthropic" as
nothing), so names are also read off the article: phrases ending in a corporate suffix,
Reuters' bracketed names ("<Hearst Corp>"), names joined by "and" ("Smith and Wesson"),
acronyms the article defines ("Abu Dhabi National Oil Co (ADNOC)") or implies ("TWA"
for Trans World Airlines), and capitalised words it keeps using mid-sentence. Pure: no
spaCy here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .cues import COMPANY_NOUNS, CORPORATE_SUFFIXES, SCORING_SUFFIXES

_SUFFIX = "|".join(re.escape(s) for s in sorted(CORPORATE_SUFFIXES, key=len, reverse=True))
_CAP_WORD = r"(?:[A-Z][A-Za-z0-9'&.\-/]*|&)"
# "Sturm, Ruger and Co Inc", "Saatchi and Saatchi Co Plc", "Dixons Group PLC".
_CORPORATE = re.compile(
    rf"\b((?:{_CAP_WORD}(?:,? (?:and|of|de|du|la|der|&) |,? |-))*?{_CAP_WORD}"
    rf"(?:,? (?:{_SUFFIX}))+)(?![A-Za-z])"
)
_BRACKETED = re.compile(r"<([A-Z][^<>\n]{1,60}?)>")
_CAPITALISED = re.compile(r"\b([A-Z][a-z]*[A-Z][A-Za-z]*|[A-Z][a-z]{2,}|[A-Z]{2,6})\b")
_AND_NAME = re.compile(r"\b([A-Z][a-z]+ (?:and|&) [A-Z][a-z]+)\b")
# "Welsh, Carson, Anderson and Stowe", "Spear, Leeds and Kellogg": a firm of surnames.
_PARTNERSHIP = re.compile(r"\b([A-Z][a-z]+(?:, [A-Z][a-z]+)+,? (?:and|&) [A-Z][a-z]+)\b")
# Short forms news uses inside names: "U.S. Steel" for United States Steel Corp.
NAME_ABBREVIATIONS = {"United States": "U.S.", "United Kingdom": "U.K.",
                      "International": "Int'l", "Brothers": "Bros"}
# "Abu Dhabi National Oil Co (ADNOC)", "Trans World Airlines Inc, or TWA,"
_DEFINED_ACRONYM = re.compile(r"([A-Z][\w&.'-]*(?: [A-Z&][\w&.'-]*){1,7})\s*(?:\(|, or )"
                              r"([A-Z][A-Za-z]?[A-Z]{1,5})(?:\)|,)")
_SENTENCE_START = re.compile(r"(?:\A|[.!?:;\"“”]\s+|\n\s*\n\s*|\n[ \t]{2,}|-\s+)\Z")
# Words that lead a capitalised phrase without being part of the name.
LEADING_WORDS = frozenset(
    """The A An And Or But In On At For Of To By With From As It Its This That These
    Those He She They We Mr Mrs Ms Dr Analyst Analysts Shares Chairman President Under
    After Before When While Since Last Also Separately Meanwhile Both""".split()
)
# Words that are capitalised mid-sentence without naming a company.
NOT_NAMES = LEADING_WORDS | frozenset(
    """I Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December Jan Feb Mar Apr Jun
    Jul Aug Sep Sept Oct Nov Dec Reuters Reuter Inc Corp Co Ltd PLC Plc Group Holdings
    Company Chief Executive Officer Director Board Securities Exchange Commission Street
    Wall Federal Reserve Treasury Congress Senate House Court Government State States
    United American British European Japanese German French Canadian Swiss Dutch Swedish
    Chinese Korean Indian Australian Italian Spanish Russian AI CEO CFO IPO SEC FTC EU US
    UK USA GMT EST DLRS MLN PCT CTS STG New York London Tokyo Washington Source Photo Image
    Listen Read More Share Advertisement Subscribe Sign Update Updated Comment Comments
    Loading Related Topics Deal Deals Market Markets Business Technology News Series
    Class Nasdaq NYSE Dow Jones Index Stock Bank Fund Capital Partners Industries
    International Mr Mrs Ms Inc. Corp. Co. Ltd. Net Revenue Sales Profit Loss Qtr Oper
    Shr Avg Shrs Revs Note Year Mths Vs""".split()
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


@lru_cache(maxsize=65536)  # called for each known name at every name a claim resolves
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


def initials(name: str, keep_suffixes: bool = False) -> str:
    """The capitals of a name's words: "Trans World Airlines" -> "TWA".

    >>> initials("Abu Dhabi National Oil Co"), initials("Abu Dhabi National Oil Co", True)
    ('ADNO', 'ADNOC')
    """
    words = (name if keep_suffixes else strip_suffixes(name)).split()
    return "".join(w[0] for w in words if w[:1].isupper())


@dataclass
class ArticleNames:
    """The company names an article uses, longest form first, and its main company."""

    names: list[str] = field(default_factory=list)
    main: str | None = None
    aliases: dict[str, str] = field(default_factory=dict)  # acronym -> full name
    described: dict[str, str] = field(default_factory=dict)  # "railroad" -> its name

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
            if len(name) < 2 or name in NOT_NAMES or not strip_suffixes(name).strip(", ") or (
                    all(w.strip(",.").lower().replace(".", "") in _ALL_SUFFIXES
                        for w in name.split())):
                return  # "Holdings Inc" alone names nothing
            found[name] += 1
            order.setdefault(name, at)

        for m in _BRACKETED.finditer(text):
            if not re.fullmatch(r"[A-Z0-9.]{1,8}", m.group(1)):  # "<CYL>" is a ticker
                add(m.group(1), m.start())
        for m in _CORPORATE.finditer(text):
            for part in _split_list(_drop_leading_words(m.group(1))):
                add(part, m.start())
        aliases = {}
        for m in _DEFINED_ACRONYM.finditer(text):
            full, short = _drop_leading_words(m.group(1)), m.group(2)
            if initials(full).upper().startswith(short[0]) and len(full.split()) > 1:
                aliases[short] = full
                add(full, m.start())
        for m in _PARTNERSHIP.finditer(text):
            if m.group(1).split(",")[0] not in NOT_NAMES:
                add(m.group(1), m.start())
        for m in _AND_NAME.finditer(text):
            name = m.group(1)
            if text.count(name) >= 2 and name.split()[0] not in NOT_NAMES:
                add(name, m.start())
        # Capitalised words the article keeps using ("Anthropic", "SpaceX"), at least once
        # mid-sentence, and never in lower case: names, not words.
        mid: Counter[str] = Counter()
        total: Counter[str] = Counter()
        for m in _CAPITALISED.finditer(text):
            word = m.group(1)
            total[word] += 1
            if not _SENTENCE_START.search(text, max(0, m.start() - 8), m.start()):
                mid[word] += 1
        for word, count in total.items():
            if (count >= 3 or (count >= 2 and mid[word]
                    and word not in NOT_NAMES and not _covered(word, found)
                    and not word.isupper()
                    and not re.search(rf"\b{re.escape(word.lower())}\b", text))):
                add(word, text.find(word))
        for short, full in list(aliases.items()):
            if full not in found:
                aliases.pop(short)
        for name in list(found):  # "TWA" for "Trans World Airlines" without a definition
            for key in {initials(name), initials(name, keep_suffixes=True)}:
                if len(key) >= 2 and key not in aliases and re.search(rf"\b{key}\b", text):
                    aliases[key] = name
            for long, short in NAME_ABBREVIATIONS.items():  # "U.S. Steel"
                if long in name:
                    abbreviated = strip_suffixes(name.replace(long, short))
                    if abbreviated != name and abbreviated in text:
                        aliases.setdefault(abbreviated, name)
        names = _drop_contained(sorted(found, key=lambda n: order[n]))
        return cls(names=names, main=_main_company(text, names, found), aliases=aliases,
                   described=_descriptions(text, names))

    def canonical(self, name: str) -> str:
        """Return the article's longest form of ``name`` ("Dixons" -> "Dixons Group PLC").

        A name the article abbreviates keeps both forms, so either reading matches:
        "ADNOC" -> "Abu Dhabi National Oil Co (ADNOC)".
        """
        stripped = name.strip()
        if stripped in self.aliases:
            return f"{self.aliases[stripped]} ({stripped})"
        key = name_key(name)
        if not key:
            return name
        best = None
        for full in self.names:
            full_key = name_key(full)
            if (full_key == key or _starts_with_words(full_key, key)) and (
                    best is None or len(full) > len(best)):
                best = full
        if best is None:
            return name
        short = next((s for s, f in self.aliases.items() if f == best and len(s) >= 3
                      and not _starts_with_words(name_key(best), s.lower())), None)
        return f"{best} ({short})" if short and short != best else best

    def is_company(self, name: str) -> bool:
        """Whether the article uses ``name`` (or a longer form of it) as a company name."""
        key = name_key(name)
        return bool(key) and (name in self.aliases or any(
            name_key(full) == key or _starts_with_words(name_key(full), key)
            for full in self.names))

    def to_dict(self) -> dict:
        return {"names": self.names, "main": self.main, "aliases": self.aliases,
                "described": self.described}

    @classmethod
    def from_dict(cls, data: dict) -> ArticleNames:
        return cls(names=list(data.get("names", [])), main=data.get("main"),
                   aliases=dict(data.get("aliases", {})),
                   described=dict(data.get("described", {})))


_DESCRIPTOR = "|".join(sorted(COMPANY_NOUNS, key=len, reverse=True))
_PHRASE = r"[A-Z][\w&.'/-]*(?: (?:[A-Z][\w&.'/-]*|&|and|of))*"
# "Northfield Rail Corp, the freight railroad," / "Covestro, the German plastics maker"
_DESCRIBED_AFTER = re.compile(
    rf"({_PHRASE}), (?:the|a|an) (?:[\w.'-]+ ){{0,4}}?({_DESCRIPTOR})\b")
# "investment firm KKR", "the Japanese steelmaker Nippon Steel"
_DESCRIBED_BEFORE = re.compile(rf"\b({_DESCRIPTOR}) <?({_PHRASE})", re.I)


def _descriptions(text: str, names: list[str]) -> dict[str, str]:
    """How the article describes its companies: "Northfield Rail Corp, the freight
    railroad," -> {"railroad": "Northfield Rail Corp"}; "investment firm KKR" ->
    {"firm": "KKR"}. A description used for two companies is dropped.

    >>> _descriptions("Covestro, the German plastics maker, said. Investment firm KKR "
    ...               "agreed.", ["Covestro", "KKR"])
    {'maker': 'Covestro', 'firm': 'KKR'}
    """
    by_key = {name_key(n): n for n in names}
    found: dict[str, str] = {}
    clashes: set[str] = set()
    hits = [(m.group(2), m.group(1)) for m in _DESCRIBED_AFTER.finditer(text)]
    hits += [(m.group(1), m.group(2)) for m in _DESCRIBED_BEFORE.finditer(text)
             if m.group(2)[:1].isupper()]
    for noun, phrase in hits:
        name = _known(phrase, by_key)
        if name is None:
            continue
        noun = noun.lower()
        if found.get(noun, name) != name:
            clashes.add(noun)
        found.setdefault(noun, name)
    return {noun: name for noun, name in found.items() if noun not in clashes}


def _known(phrase: str, by_key: dict[str, str]) -> str | None:
    """The article's name a capitalised phrase ends with or starts with, if any."""
    words = phrase.split()
    for i in range(len(words)):  # "Japanese steelmaker Nippon Steel" ends with a name
        name = by_key.get(name_key(" ".join(words[i:])))
        if name:
            return name
    for j in range(len(words), 0, -1):  # "KKR agreed" starts with one
        name = by_key.get(name_key(" ".join(words[:j])))
        if name:
            return name
    return None


_LIST_SEPARATOR = re.compile(r",? and |, | & ")
_LEGAL_FORM = re.compile(
    r"(?:,? (?:Inc|Corp|Co|Cos|Ltd|PLC|Plc|plc|NV|AG|SA|SE|AB|LP|LLC|BV|GmbH|SpA|KK)\.?)+$")


def _split_list(name: str) -> list[str]:
    """Split a list of names the corporate pattern ran together: "Andreessen Horowitz,
    DST Global, GIC and Insight Partners" is four; "Welsh, Carson, Anderson and Stowe",
    "Saatchi and Saatchi Co Plc" and "Sturm, Ruger and Co Inc" are one firm each (their
    parts are single surnames).

    >>> _split_list("Temasek and Macquarie Capital"), _split_list("Bear, Stearns and Co Inc")
    (['Temasek', 'Macquarie Capital'], ['Bear, Stearns and Co Inc'])
    """
    core = re.sub(r"(?:,| and| &)\s*$", "", _LEGAL_FORM.sub("", name))
    parts = [p for p in _LIST_SEPARATOR.split(core) if p]
    if len(parts) < 2 or all(len(p.split()) == 1 and not p.isupper() for p in parts):
        return [name]
    return [p for p in _LIST_SEPARATOR.split(name) if p and p[0].isupper()]


def _drop_leading_words(name: str) -> str:
    """"The Dallas-based GLI Holdings Inc" -> "GLI Holdings Inc"."""
    words = name.split()
    while len(words) > 1 and (words[0] in LEADING_WORDS or re.search(
            r"-(?:based|owned|controlled|listed|registered|held)$", words[0])):
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


def _main_company(text: str, names: list[str], found: Counter) -> str | None:
    """The company the article is about: the most mentioned, ties going to the lead's."""
    if not names:
        return None
    lead = text[:400]

    def mentions(name: str) -> int:
        short = strip_suffixes(name)
        return text.count(short) if len(short) > 2 else found[name]

    return max(names, key=lambda n: (mentions(n) + (2 if n in lead else 0),
                                     -lead.find(n) if n in lead else -10_000))
