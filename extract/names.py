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
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from .cast import (
    bare_person,
    credits_of,
    headline_name,
    is_generic,
    is_place,
    is_round_stage,
    is_suffix_only,
    is_ticker,
    is_wire_service,
    owners_of,
    people_of,
    tickers_of,
)
from .cues import COMPANY_NOUNS, CORPORATE_SUFFIXES, STATE_SIGNERS
from .lexicon import CURRENCY_CODES, DEMONYMS, MARKET_PLACES, RATING_AGENCIES
from .namekeys import name_key, strip_suffixes
from .wholewords import (
    at_boundary,
    count_whole_words,
    has_whole_word,
    has_whole_word_indexed,
)
from .wordtrie import alternation

_SUFFIX = alternation(CORPORATE_SUFFIXES)
_CAP_WORD = r"(?:[A-Z][A-Za-z0-9'&.\-/]*|&)"
# "Sturm, Ruger and Co Inc", "Saatchi and Saatchi Co Plc", "Dixons Group PLC".
_CORPORATE = re.compile(
    rf"\b((?:{_CAP_WORD}(?:,? (?:and|of|de|du|la|der|&) |,? |-))*?{_CAP_WORD}"
    rf"(?:,? (?:{_SUFFIX}))+)(?![A-Za-z])"
)
_BRACKETED = re.compile(r"<([A-Z][^<>\n]{1,60}?)>")
# "Grupo Ferrel", "Fernleaf Bio", "Luma Books": two to four capitalised words
_RUN_WORD = r"[A-Z][\w&'-]*[a-z0-9][\w&'-]*"
_CAPITALISED_RUN = re.compile(rf"\b((?:{_RUN_WORD} ){{1,3}}{_RUN_WORD})\b")
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
_SENTENCE_BREAK = re.compile(r"(?<=[a-z]{2})\. (?=[A-Z])")
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
    # the rest of the cast (cast.py): person -> the company they lead ("" unknown, "-"
    # comments only), ticker -> company, brand or product -> owner, news services credited
    people: dict[str, str] = field(default_factory=dict)
    tickers: dict[str, str] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)
    credits: list[str] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str, title: str | None = None) -> ArticleNames:
        """Read the company names of an article, and the rest of its cast.

        >>> names = ArticleNames.from_text(
        ...     "Dixons Group PLC said it agreed to buy Cyclops Corp. Dixons said the "
        ...     "offer for Cyclops values it at 384 mln dlrs.")
        >>> names.names, names.main
        (['Dixons Group PLC', 'Cyclops Corp'], 'Dixons Group PLC')
        >>> names.canonical("Dixons")
        'Dixons Group PLC'
        """
        found = _Found()
        _marked_names(text, found)
        aliases = _defined_acronyms(text, found)
        _recurring_phrases(text, found)
        _recurring_words(text, found)
        people = people_of(text)
        found.drop_no_companies(people, text)
        aliases = {short: full for short, full in aliases.items() if full in found.counts}
        _implied_aliases(text, found, aliases)
        names = _drop_contained(found.in_order())
        return cls(names=names, main=_main_company(text, names, found.counts),
                   aliases=aliases, described=_descriptions(text, names), people=people,
                   tickers=tickers_of(text), owners=owners_of(text),
                   credits=sorted(credits_of(text)))

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
        for full in self.longer_forms(key):
            if _lists_more(full.lower(), stripped.lower()):
                continue  # "Nvidia" is not "Nvidia, Microsoft and Amazon"
            if best is None or len(full) > len(best):
                best = full
        if best is None or len(best) < len(stripped):
            return name  # "Borg-Warner Corp" is longer than the cast's "Borg Warner": as written
        short = next((s for s in self.shorts_of.get(best, ()) if len(s) >= 3
                      and not _starts_with_words(name_key(best), s.lower())), None)
        return f"{best} ({short})" if short and short != best else best

    def is_company(self, name: str) -> bool:
        """Whether the article uses ``name`` (or a longer form of it) as a company name."""
        key = name_key(name)
        return bool(key) and (name in self.aliases or bool(self.longer_forms(key)))

    def longer_forms(self, key: str) -> list[str]:
        """The names whose key is ``key`` or goes on from its words ("dixons" -> "Dixons
        Group PLC"), in the article's order. Found by bisection in the sorted keys:
        scanning every name of the article for each name a claim resolves was quadratic
        in a long article (a digest names thousands)."""
        keys, found = self.sorted_keys, []
        at = bisect_left(keys, (key,))
        while at < len(keys) and keys[at][0].startswith(key):
            full_key, i = keys[at]
            if len(full_key) == len(key) or full_key[len(key)] == " ":  # keys have no commas
                found.append(i)
            at += 1
        return [self.names[i] for i in sorted(found)]

    @cached_property
    def sorted_keys(self) -> list[tuple[str, int]]:
        """Each name's key (name_key) with its place in ``names``, in key order."""
        return sorted((name_key(full), i) for i, full in enumerate(self.names))

    @cached_property
    def shorts_of(self) -> dict[str, list[str]]:
        """Each name's acronyms and short forms (``aliases`` the other way), in order."""
        found: dict[str, list[str]] = {}
        for short, full in self.aliases.items():
            found.setdefault(full, []).append(short)
        return found

    @cached_property
    def opening_words(self) -> Counter[str]:
        """How many names of more than one word each word opens ("First" of "First Union
        Corp"), counted once for claims._ambiguous_prefix."""
        return Counter(head for head, blank, _ in (n.partition(" ") for n in self.names)
                       if blank)

    @cached_property
    def name_set(self) -> frozenset[str]:
        """The names, to look one up (claims._known_form)."""
        return frozenset(self.names)

    def cast_roles(self, roles: dict[str, list[str]], sentence: str
                   ) -> tuple[dict[str, list[str]], list[dict]]:
        """Keep in each role only the cast members that are parties, by their fullest
        names; say what was dropped or replaced, and by which rule.

        :param roles: role -> names, as the sentence's parse and resolution gave them.
        :param sentence: the sentence's text (where a place is said of a company).
        """
        out: dict[str, list[str]] = {}
        notes = []
        for role, role_names in roles.items():
            others = [n for r, ns in roles.items() if r != role and r != "target" for n in ns]
            kept: list[str] = []
            for name in role_names:
                party, rule, says = self.as_party(name, role, others, sentence)
                if rule:
                    notes.append({"rule": rule, "says": f"{role} {name!r}: {says}"})
                if party and name_key(party) not in {name_key(k) for k in kept}:
                    kept.append(party)
            out[role] = kept
        return out, notes

    def main_party(self, name: str | None, lead: str = "") -> str | None:
        """The company a story's lead is about, if ``name`` is one: "Europe" (the subject
        of "Europe's AI champion raised ...") is none, "Mr Hale" is his company, the
        agency of a rating action ("S&P said it is keeping X on creditwatch") none."""
        return self.as_party(name, "buyer", [], lead)[0] if name else None

    def as_party(self, name: str, role: str, others: list[str], sentence: str
                 ) -> tuple[str | None, str, str]:
        """The party a name in a role stands for: (name or None, rule id, what it says).
        The rule id is "" when the name stands as it is.

        >>> names = ArticleNames.from_text(
        ...     "(Bloomberg) -- Lumiere SA agreed to buy Castelane. Lumiere chief "
        ...     "executive Helene Marchetti said Lumiere SA would pay.")
        >>> names.as_party("Bloomberg", "buyer", [], "")
        (None, 'name.drop-credit', 'a news service credited for the story')
        >>> names.as_party("Helene Marchetti", "buyer", ["Castelane"], "")[:2]
        ('Lumiere SA', 'name.person-for-company')
        """
        for decide in (_no_credit, _no_rating_agency, _no_currency, _place_owner, _no_suffix,
                       _headline_caps, _ticker_company,
                       _no_round_stage, _person_company, _brand_owner, _no_place,
                       _no_generic, _cut_name):
            decided = decide(self, name, role, others, sentence)
            if decided is not None:
                return decided
        return name, "", ""

    def to_dict(self) -> dict:
        return {"names": self.names, "main": self.main, "aliases": self.aliases,
                "described": self.described, "people": self.people,
                "tickers": self.tickers, "owners": self.owners, "credits": self.credits}

    @classmethod
    def from_dict(cls, data: dict) -> ArticleNames:
        return cls(names=list(data.get("names", [])), main=data.get("main"),
                   aliases=dict(data.get("aliases", {})),
                   described=dict(data.get("described", {})),
                   people=dict(data.get("people", {})), tickers=dict(data.get("tickers", {})),
                   owners=dict(data.get("owners", {})), credits=list(data.get("credits", [])))


_DESCRIPTOR = alternation(COMPANY_NOUNS)
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
    hits = [(m.group(2), m.group(1), m.start()) for m in _DESCRIBED_AFTER.finditer(text)]
    hits += [(m.group(1), m.group(2), m.start()) for m in _DESCRIBED_BEFORE.finditer(text)
             if m.group(2)[:1].isupper()]
    for noun, phrase, at in hits:
        name = _known(phrase, by_key)
        if name is None:
            continue
        noun = noun.lower()
        if found.get(noun, name) != name or (noun not in found and _referred_before(
                text, noun, at)):
            clashes.add(noun)  # two companies, or "the maker" meant another one first
        found.setdefault(noun, name)
    return {noun: name for noun, name in found.items() if noun not in clashes}


def _referred_before(text: str, noun: str, at: int) -> bool:
    """Whether "the ... <noun>" stands in the text before the description that names it:
    "paying $40 a share for the Sunnyvale-based maker of routers" before "software maker
    Ansys" means another maker."""
    return bool(re.search(rf"\bthe (?:[\w,.'-]+ ){{0,4}}{re.escape(noun)}\b", text[:at], re.I))


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


class _Found:
    """The names read so far, with how often and where each was first read."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.order: dict[str, int] = {}
        # the words of the names read: whether a word is part of one, without splitting
        # every name for each word (quadratic in the names of a long article)
        self.words: set[str] = set()

    def add(self, name: str, at: int) -> None:
        # "Lanvale Mills. Harwick Paper SA": two sentences run together ("U.S. Steel" is one)
        name = _SENTENCE_BREAK.split(name.strip(" ,"))[-1]
        if name.endswith(".") and "." not in name.split()[-1][:-1]:
            name = name[:-1]  # "Cyclops Corp." ending a sentence; "L.P." keeps its dots
        if len(name) < 2 or name in NOT_NAMES or not strip_suffixes(name).strip(", ") or (
                is_suffix_only(name)):
            return  # "Holdings Inc" alone names nothing
        self.counts[name] += 1
        self.order.setdefault(name, at)
        self.words.update(name.split())

    def drop_no_companies(self, people: dict[str, str], text: str) -> None:
        """Forget names that are no company: people, places, round stages, sector words,
        news services, currency codes ("Hale", "Quebec", "Seed", "Oncology", "Bloomberg",
        "NOK")."""
        company_words = {w for n in self.counts if len(n.split()) > 1 for w in n.split()}
        people_words = {w for p in people for w in (p, *p.split())} - company_words
        # "Tessaly" said alone again and again is the company, not co-founder Graham Tessaly
        people_words = {w for w in people_words if not _used_alone(w, people, text)}
        for name in list(self.counts):
            if name in people_words or is_place(name) or is_round_stage(name) or (
                    is_generic(name) or is_wire_service(name)) or name in CURRENCY_CODES:
                del self.counts[name]
        self.words = {w for name in self.counts for w in name.split()}

    def in_order(self) -> list[str]:
        return sorted(self.counts, key=lambda n: self.order[n])


def _used_alone(word: str, people: dict[str, str], text: str) -> bool:
    """Whether a word of a person's name is also a company's: used alone far more than in
    the name, and leading a name of its own ("Tessaly Homes" beside co-founder Graham
    Tessaly; "Okafor said" again and again is still the person)."""
    within = sum(text.count(p) for p in people if word in p.split())
    if text.count(word) - within < 3:
        return False  # the cheap count first: most names of people are said once or twice
    alone = count_whole_words(text, word)
    own_name = any(name not in {w for p in people for w in p.split()}
                   for name in _names_led(text, word))
    return alone - within >= 3 and alone > 3 * within and own_name


_NEXT_NAME = re.compile(r" ([A-Z][a-z]+)")


def _names_led(text: str, word: str) -> Iterator[str]:
    """The capitalised words right after ``word`` where it starts a word ("Tessaly Homes"
    -> "Homes"): what ``re.finditer(rf"\\b{re.escape(word)} ([A-Z][a-z]+)", text)``
    captures, without compiling a pattern for each word."""
    at = text.find(word)
    while at >= 0:
        led = _NEXT_NAME.match(text, at + len(word)) if at_boundary(text, at) else None
        if led:
            yield led.group(1)
        at = text.find(word, led.end() if led else at + 1)


def _marked_names(text: str, found: _Found) -> None:
    """Names the text marks as names: Reuters' brackets ("<Hearst Corp>"), a corporate
    suffix ("Dixons Group PLC"), a firm of surnames ("Welsh, Carson, Anderson and Stowe")
    and a pair joined by "and" used twice ("Smith and Wesson")."""
    for m in _BRACKETED.finditer(text):
        if not re.fullmatch(r"[A-Z0-9.]{1,8}", m.group(1)):  # "<CYL>" is a ticker
            found.add(m.group(1), m.start())
    for m in _CORPORATE.finditer(text):
        for part in _split_list(_drop_leading_words(m.group(1))):
            found.add(part, m.start())
    for m in _PARTNERSHIP.finditer(text):
        if m.group(1).split(",")[0] not in NOT_NAMES:
            found.add(m.group(1), m.start())
    for m in _AND_NAME.finditer(text):
        name = m.group(1)
        if text.count(name) >= 2 and name.split()[0] not in NOT_NAMES:
            found.add(name, m.start())
    for m in _DESCRIBED_AFTER.finditer(text):  # "Fernleaf Bio, a two-year-old company"
        name = _drop_leading_words(m.group(1))
        if len(name.split()) > 1 and m.group(2).lower() in COMPANY_NOUNS:
            found.add(name, m.start())


def _defined_acronyms(text: str, found: _Found) -> dict[str, str]:
    """Acronyms the article defines: "Abu Dhabi National Oil Co (ADNOC)"."""
    aliases = {}
    for m in _DEFINED_ACRONYM.finditer(text):
        full, short = _drop_leading_words(m.group(1)), m.group(2)
        if initials(full).upper().startswith(short[0]) and len(full.split()) > 1:
            aliases[short] = full
            found.add(full, m.start())
    return aliases


def _recurring_phrases(text: str, found: _Found) -> None:
    """Runs of capitalised words the article uses at least twice, once mid-sentence,
    and never in lower case: "Grupo Ferrel", "Fernleaf Bio", "Luma Books"."""
    total: Counter[str] = Counter()
    mid: Counter[str] = Counter()
    for m in _CAPITALISED_RUN.finditer(text):
        words = _drop_leading_words(m.group(1)).split()
        while words and words[0].endswith(("'s", "’s")):
            words.pop(0)  # "America's Crestwood Power": the owner's word is no part of it
        phrase = " ".join(words)
        if len(words) < 2 or any(w in NOT_NAMES for w in phrase.split()):
            continue
        total[phrase] += 1
        at = m.start(1) + m.group(1).find(phrase)
        if not _SENTENCE_START.search(text, max(0, at - 8), at):
            mid[phrase] += 1
    for phrase, count in total.items():
        if count >= 2 and mid[phrase] and not has_whole_word(text, phrase.lower()) and (
                not is_generic(phrase)):
            found.add(phrase, text.find(phrase))


def _recurring_words(text: str, found: _Found) -> None:
    """Capitalised words the article keeps using ("Anthropic", "SpaceX"), at least once
    mid-sentence, and never in lower case: names, not words."""
    mid: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for m in _CAPITALISED.finditer(text):
        word = m.group(1)
        total[word] += 1
        if not _SENTENCE_START.search(text, max(0, m.start() - 8), m.start()):
            mid[word] += 1
    for word, count in total.items():
        if (count >= 3 or (count >= 2 and mid[word]
                and word not in NOT_NAMES and word not in found.words
                and not word.isupper()
                and not has_whole_word_indexed(text, word.lower()))):
            found.add(word, text.find(word))


def _implied_aliases(text: str, found: _Found, aliases: dict[str, str]) -> None:
    """Short forms the article uses without defining them: "TWA" for Trans World
    Airlines, "U.S. Steel" for United States Steel Corp."""
    for name in list(found.counts):
        for key in {initials(name), initials(name, keep_suffixes=True)}:
            if len(key) >= 2 and key not in aliases and has_whole_word_indexed(text, key):
                aliases[key] = name
        for long, short in NAME_ABBREVIATIONS.items():
            if long in name:
                abbreviated = strip_suffixes(name.replace(long, short))
                if abbreviated != name and abbreviated in text:
                    aliases.setdefault(abbreviated, name)


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


def _lists_more(full: str, short: str) -> bool:
    """Whether a longer form goes on past ``short`` with a list of other names ("nvidia,
    microsoft and amazon" after "nvidia"), not with the rest of one name ("sturm, ruger and
    co" has only a suffix after its last "and")."""
    rest = full[len(short):] if full.startswith(short) else ""
    if not re.match(r",? (?:and|&) |, ", rest):
        return False
    tail = re.split(r",? (?:and|&) |, ", rest)[-1]
    return bool(strip_suffixes("x " + tail).removeprefix("x").strip())


def _starts_with_words(full: str, short: str) -> bool:
    return full.startswith(short + " ") or full.startswith(short + ",")


def _drop_contained(names: list[str]) -> list[str]:
    """Keep one entry per company: "Dixons Group" goes when "Dixons Group PLC" is there."""
    # the longest length of each key, read once: comparing each name with every other
    # was quadratic in the names of a long article
    longest: dict[str, int] = {}
    for name in names:
        longest[name_key(name)] = max(longest.get(name_key(name), 0), len(name))
    return [name for name in names if len(name) >= longest[name_key(name)]]


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


# --- Which names in a role are parties: one function per kind of name that is none ---
# Each takes (names, name, role, others, sentence) and returns None when it does not
# apply, else (the party or None, its rule id, what it says). ``others``: the names in
# the claim's other roles.
Decided = tuple[str | None, str, str] | None
# "in Quebec", "across Texas": a place where something is, not a party
_LOCATIVE = r"(?:in|at|near|across|throughout|outside|around|into|(?<!behalf )of)\s+(?:the\s+)?"
# "Kenya signed", "Mexico's government", "lent to Kenya.": a country acting
_ACTING = (r"(?:['’]s)?\s+(?:government|state|treasury|ministry|signed|agreed|borrowed|"
           r"sold|bought|will|would|has|had|is|was|raised|received|won|plans|said|took|"
           r"paid|agrees|signs|borrows|sells|buys|obtained|secured)\b")


def _no_credit(names: ArticleNames, name: str, role: str, others: list[str],
               sentence: str) -> Decided:
    """"(Bloomberg) --", "LONDON (Reuters) -": the news service, no party; "Reuters SMC"
    (a credit run into a name) keeps the name."""
    if is_wire_service(name) or name in names.credits:
        return None, "name.drop-credit", "a news service credited for the story"
    first, _, rest = name.partition(" ")
    if rest and (is_wire_service(first) or first in names.credits) and not (
            is_suffix_only(rest) or names.is_company(name)):
        return names.canonical(rest), "name.drop-credit", f"the credit {first!r} cut off"
    return None


def _no_rating_agency(names: ArticleNames, name: str, role: str, others: list[str],
                      sentence: str) -> Decided:
    """"GenCorp was placed on creditwatch after AFG made a tender offer": the agency that
    rates GenCorp is no party of the offer."""
    if rates_only(name, sentence):
        return None, "name.drop-rating-agency", "a rating agency judging the deal"
    return None


def rates_only(name: str | None, sentence: str) -> bool:
    """Whether ``name`` is a rating agency in a sentence of a rating action."""
    return bool(name) and _agency_key(name) in _AGENCY_KEYS and bool(
        _RATING_ACTION.search(sentence))


def _agency_key(name: str) -> str:
    """"Moody's Corp", "Moody" (as a claim writes it) -> "moody"."""
    return re.sub(r"['’]s?\Z", "", strip_suffixes(name)).lower()


_AGENCY_KEYS = frozenset(_agency_key(name) for name in RATING_AGENCIES)


_RATING_ACTION = re.compile(r"\b(?:creditwatch|credit ?watch|ratings?|rated|downgrade[ds]?|"
                            r"upgrade[ds]?|outlook)\b", re.I)


def _place_owner(names: ArticleNames, name: str, role: str, others: list[str],
                 sentence: str) -> Decided:
    """"Norway's Fjellborg ASA": the company, without the country said of it."""
    owner, mark, rest = name.partition("'s ")
    if not mark or not rest or not is_place(owner) or names.is_company(owner):
        return None
    full = names.canonical(rest)
    return full, "name.drop-place", f"the place {owner!r} said of {full}"


def _no_suffix(names: ArticleNames, name: str, role: str, others: list[str],
               sentence: str) -> Decided:
    """"SA" from "Lumiere SA's purchase": a legal form with no name."""
    if is_suffix_only(name, legal_only=True):
        return None, "name.drop-suffix", "a legal form alone names no company"
    return None


def _headline_caps(names: ArticleNames, name: str, role: str, others: list[str],
                   sentence: str) -> Decided:
    """"ACME OFFER: ...": the company in a headline's capitals, or none."""
    company = headline_name(name)
    if company is None:
        return None
    if company and names.is_company(company):
        full = names.canonical(company)
        return full, "name.headline-caps", f"headline capitals -> {full}"
    return None, "name.headline-caps", "headline capitals name no company"


def _ticker_company(names: ArticleNames, name: str, role: str, others: list[str],
                    sentence: str) -> Decided:
    """"KSM.TO", "NSNYF NSNYY": a ticker stands for its company, if the article says
    whose it is."""
    if not is_ticker(name, names.tickers) or names.is_company(name):
        return None
    company = names.tickers.get(name.split()[0])
    if company:
        full = names.canonical(company)
        return full, "name.ticker-for-company", f"ticker of {full}"
    return None, "name.drop-ticker", "a ticker, whose company the article does not say"


def _no_round_stage(names: ArticleNames, name: str, role: str, others: list[str],
                    sentence: str) -> Decided:
    """"a Seed round", "Series C": the round's stage, no party."""
    if is_round_stage(name) and not names.is_company(name):
        return None, "name.drop-round-stage", "the stage of a funding round"
    return None


def _person_company(names: ArticleNames, name: str, role: str, others: list[str],
                    sentence: str) -> Decided:
    """"Mr Hale", "Marta": a chief executive or founder stands for the company they
    lead, unless it is the other side (a manager buying their own company); an analyst
    or spokesperson is no party. A person the article ties to no company stays (an
    investor buys for himself)."""
    person = _person(names, bare_person(name))
    if person is None or role == "target":
        return None
    company = names.people[person]
    if company == "-":
        return None, "name.drop-commentator", f"{person} only comments on the deal"
    if not company:
        return None
    full = names.canonical(company)
    if name_key(full) in {name_key(names.canonical(o)) for o in others} or (
            is_generic(company)) or (
            is_place(company)):
        return None
    return full, "name.person-for-company", f"{person} speaks for {full}"


def _person(names: ArticleNames, name: str) -> str | None:
    """The person the article means by a name: "Hale" -> "Robert Hale"."""
    if name in names.people:
        return name
    if " " in name or names.is_company(name):
        return None
    found = [p for p in names.people if name in (p.split()[0], p.split()[-1])]
    return found[0] if len(found) == 1 else None


def _brand_owner(names: ArticleNames, name: str, role: str, others: list[str],
                 sentence: str) -> Decided:
    """"Streamly will buy Pixelfold" where the article calls Corvane the owner of the
    Streamly service: the owner pays and is paid."""
    if role == "target":
        return None
    owner = names.owners.get(name) or names.owners.get(strip_suffixes(name))
    if not owner or name_key(owner) in {name_key(o) for o in others}:
        return None
    full = names.canonical(owner)
    return full, "name.brand-for-owner", f"a brand or product of {full}"


# "Kenya's finance minister signed": one who signs for the country.
_SIGNING_FOR_IT = rf"(?:[\w-]+\s+){{0,2}}(?:{'|'.join(sorted(STATE_SIGNERS))})\b"


def _no_place(names: ArticleNames, name: str, role: str, others: list[str],
              sentence: str) -> Decided:
    """"America's Brightwave", "two Texas plants", "campuses in Quebec": a place said of
    a company or a deal; a country that borrows or sells ("Kenya signed", "signed on
    behalf of Kenya") stays."""
    if not is_place(name) or names.is_company(name) or role == "target":
        return None  # where what changes hands is ("a brokerage in Mexico") is kept
    bare = re.sub(r"['’]s?\Z", "", name).strip()
    if bare in DEMONYMS:
        return None, "name.drop-place", "a people's adjective names no party"
    if bare in MARKET_PLACES:
        return None, "name.drop-place", "a market's district names no party"
    acting = re.search(rf"\b{re.escape(bare)}{_ACTING}", sentence) or re.search(
        rf"\b(?:to|with|by|on behalf of(?: the)?)\s+{re.escape(bare)}\s*(?:[.,;]|$|and\b|for\b)",
        sentence) or re.search(rf"\b{re.escape(bare)}['’]s\s+{_SIGNING_FOR_IT}", sentence) or (
        re.search(rf"\b{_LENT_FOR}\s+{re.escape(bare)}\b", sentence))
    if acting and not re.search(rf"\b{_LOCATIVE}{re.escape(bare)}\b", sentence):
        return None
    return None, "name.drop-place", "a place said of a company or a deal"


def _no_currency(names: ArticleNames, name: str, role: str, others: list[str],
                 sentence: str) -> Decided:
    """"all at NOK 142 apiece": the model can tag a currency's code as a company."""
    if name.strip() in CURRENCY_CODES:
        return None, "name.drop-currency", "a currency's code names no party"
    return None


# "a $7 billion loan for Pakistan": the country borrows.
_LENT_FOR = r"(?:loan|credit|facility|financing|bailout|arrangement)s?\s+for"


def _no_generic(names: ArticleNames, name: str, role: str, others: list[str],
                sentence: str) -> Decided:
    """"Cloud Firm", "Hyperscaler", "Oncology": common words capitalised; "the Marine
    Ecosystem Development Program": a programme or a project a deal pays for, no party."""
    if is_generic(name) and not names.is_company(name):
        return None, "name.drop-generic", "common words capitalised name no company"
    if _PROGRAMME.search(name):
        return None, "name.drop-programme", "a programme or a project, no party"
    return None


_PROGRAMME = re.compile(r"\b(?:Program|Programme|Project|Initiative|Scheme)\Z")


def _cut_name(names: ArticleNames, name: str, role: str, others: list[str],
              sentence: str) -> Decided:
    """"Grupo" for "Grupo Ferrel", "Borg" for "Borg-Warner": the one name it begins."""
    if " " in name:
        return None
    longer = [n for n in names.names if n.startswith((name + " ", name + "-"))]
    if len(longer) == 1 or (longer and len({name_key(strip_suffixes(n).split(",")[0])
                                             for n in longer}) == 1):
        full = names.canonical(max(longer, key=len))
        return full, "name.cut-to-full", f"the name {full} cut short"
    return None
