"""Who is who in an article besides its companies: the people it names and whom they
lead, the tickers and brands it gives its companies, the news services it credits, and
the capitalised words that name no party (places, round stages, sector words).

names.py builds the article's cast from these readers and decides, for each name a
sentence puts in a role, whether it is a party. Pure string code: no spaCy here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .lexicon import (
    DEMONYMS,
    GENERIC_NAME_WORDS,
    HEADLINE_WORDS,
    HONORIFICS,
    LEGAL_FORMS,
    PERSON_TITLES,
    PLACE_NAMES,
    ROUND_STAGES,
    WIRE_SERVICES,
)
from .namekeys import _ALL_SUFFIXES, strip_suffixes
from .wholewords import at_boundary

_NAME = r"[A-Z][\w&.'’-]*(?: (?:[A-Z][\w&.'’-]*|&|de|of))*"
_PERSON = r"[A-Z][\w'’-]+(?: (?:[A-Z]\.|[A-Z][\w'’-]+)){1,3}"  # "Philip D. Kaltenbacher"
_TITLE = "|".join(sorted((re.escape(t) for t in PERSON_TITLES), key=len, reverse=True))
# A title, then around it: "Lumiere chief executive Hélène Marchetti", "Grupo's chief
# executive Alejandro Ferrel"; "Sanjay Verma, an analyst at Cortland Capital". Found
# title first, then read around it: one pattern over the whole text, tried at every
# position, took 4 ms an article.
_TITLE_WORD = re.compile(rf"\b(?:co-?)?({_TITLE})\b")  # read off the lower-cased text
_PERSON_AFTER = re.compile(rf"(?: and (?i:{_TITLE}))?(?: officer)? ({_PERSON})")
_COMPANY_BEFORE = re.compile(rf"(?<![\w.'’-])({_NAME})(?:['’]s)? \Z")
_PERSON_BEFORE = re.compile(
    rf"(?<![\w.'’-])({_PERSON}), (?:the |a |an |its |their )?(?:[\w-]+ )?\Z")
_COMPANY_AFTER = re.compile(rf" (?:of|at|with) ({_NAME})")
# "Dovetail was founded in 2017 by Marta Kellerman"; "Marta Kellerman, who founded Dovetail"
_FOUNDED_BY = re.compile(
    rf"({_NAME}) (?:was|were) (?:co-?)?founded (?:in \d{{4}} )?by ({_PERSON})")
_WHO_FOUNDED = re.compile(rf"({_PERSON}), who (?:co-?)?founded ({_NAME})")
# (a possessive is no part of the name: "Mr Hale's company"; "Mr O'Brien" keeps its own)
_ADDRESSED = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sir|Dame|Prof)\.? ([A-Z][\w-]*(?:['’][A-Z][\w-]*)?)")
# "Kestrel Materials Inc (KSM.TO)", "Nansei Shoji (NSNYF NSNYY)", "Foo Corp <FOO>",
# "Vexon (NYSE: VXN)"
_TICKER = r"[A-Z0-9]{1,8}(?:\.[A-Z]{1,3})?"
_TICKERED = re.compile(
    rf"({_NAME})\s*[(<](?:[A-Za-z ]{{2,12}}:\s?)?({_TICKER}(?:[ ,/]+{_TICKER})*)[)>]")
# "the owner of the Streamly video service", "maker of the Orbit e-reader"
_OWNER_OF = re.compile(
    rf"({_NAME}), (?:the |a )?(?:owner|maker|parent|operator|publisher|developer) of "
    rf"(?:the |its )?({_NAME})")
# "Streamly owner Corvane", "YouTube parent Alphabet"
_OWNER_AFTER = re.compile(rf"({_NAME}) (?:owner|parent|maker) ({_NAME})")
# "Alphabet's YouTube", "its Orbit e-reader business" is a unit (roles.py reads those)
_CREDIT = re.compile(rf"\(({_NAME})\)\s*[-–—]|(?:told|according to|reported by) ({_NAME})"
                     rf"|({_NAME}) (?:reported|News reported)|--With assistance from")
_WORD = re.compile(r"[\w’'-]+")
# "Tolland Cement. Grupo Serrano": a name pattern run over a sentence's end
_SENTENCE_BREAK = re.compile(r"(?<=[a-z]{2})\. (?=[A-Z])")


@lru_cache(maxsize=4)
def one_line(text: str) -> str:
    """The text with every run of whitespace one blank (the wire breaks lines inside
    names); the article's readers ask for it in turn, so the last few are kept."""
    return re.sub(r"\s+", " ", text)


def _last_name(phrase: str) -> str:
    return _SENTENCE_BREAK.split(phrase)[-1]


def people_of(text: str) -> dict[str, str]:
    """The people an article names, each with the company it says they lead or found
    ("" when it says none, "-" when they only comment: analysts, spokespeople).

    >>> people_of("Lumiere chief executive Hélène Marchetti said so. Dovetail was "
    ...           "founded by Marta Kellerman. Sanjay Verma, an analyst at Cortland, said.")
    {'Hélène Marchetti': 'Lumiere', 'Sanjay Verma': '-', 'Marta Kellerman': 'Dovetail'}
    """
    text = one_line(text)  # the wire breaks lines inside names
    people: dict[str, str] = {}

    def put(person: str, company: str | None, title: str) -> None:
        if strip_suffixes(person) != person:
            return  # "Corvane Group, the owner of": a company
        company = _company_words(re.sub(r"['’]s\Z", "", _last_name(company or "")))
        person = _last_name(person)
        kind = PERSON_TITLES.get(title.lower(), "leads")
        said = "-" if kind == "comments" else company
        if not people.get(person) or said == "-":
            people[person] = said

    lower = text.lower()
    for title in _TITLE_WORD.finditer(lower if len(lower) == len(text) else ""):
        before = text[max(0, title.start() - 80):title.start()]
        person = _PERSON_AFTER.match(text, title.end())
        if person:  # "Lumiere chief executive Hélène Marchetti"
            company = _COMPANY_BEFORE.search(before)
            put(person.group(1), company.group(1) if company else None, title.group(1))
        person = _PERSON_BEFORE.search(before)
        if person:  # "Sanjay Verma, an analyst at Cortland Capital"
            company = _COMPANY_AFTER.match(text, title.end())
            put(person.group(1), company.group(1) if company else None, title.group(1))
    for m in _FOUNDED_BY.finditer(text):
        put(m.group(2), m.group(1), "founder")
    for m in _WHO_FOUNDED.finditer(text):
        put(m.group(1), m.group(2), "founder")
    for m in _ADDRESSED.finditer(text):
        if not any(m.group(1) in p.split() for p in people):
            people.setdefault(m.group(1), "")
    return {p: ("" if c != "-" and _invests_himself(text, p) else c)
            for p, c in people.items()
            if _company_words(p) != "" and p.split()[0] not in DEMONYMS | PLACE_NAMES}


# "he intends to buy more AmeriTrust stock", "a group controlled by ... Alfred Lerner",
# "Lindner's investor group": a person who deals for himself, whatever else he chairs
_OWN_DEAL = re.compile(r"\b(?:he|she)\s+(?:\w+\s+){0,3}(?:bought|buys?|sold|sells?|acquired|"
                       r"acquires?|owns?|holds?|accumulated|controls?|offered|bid)\b", re.I)


def _invests_himself(text: str, person: str) -> bool:
    """Whether the article has a person deal on his or her own account: "he bought",
    "controlled by ... {surname}", "{surname}'s investor group". The surname is read
    where it stands rather than compiled into a pattern for each person (issue 15)."""
    surname = person.split()[-1]
    return bool(_OWN_DEAL.search(text)) or any(
        _GROUP_OF.match(text, at + len(surname)) for at in _occurrences(text, surname)) or any(
        _surname_within(text, by.end(), surname) for by in _CONTROLLED_BY.finditer(text))


# "{surname}(?:['’]s)? (?:investor |investment )?(?:group|family|partnership)"
_GROUP_OF = re.compile(r"(?:['’]s)? (?:investor |investment )?(?:group|family|partnership)")
# "(?:controlled|owned|led) by (?:[\w.]+ ){0,5}{surname}\b"
_CONTROLLED_BY = re.compile(r"(?:controlled|owned|led) by ")
_WORD_AND_BLANK = re.compile(r"[\w.]+ ")


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def _surname_within(text: str, at: int, surname: str) -> bool:
    """Whether ``surname`` ends a word within five words of ``at`` (each word a run of
    word characters and dots, and a blank: the only way the pattern can read it)."""
    for _ in range(6):
        if text.startswith(surname, at) and at_boundary(text, at + len(surname)):
            return True
        word = _WORD_AND_BLANK.match(text, at)
        if word is None:
            return False
        at = word.end()
    return False


def _company_words(name: str) -> str:
    """The name part of a phrase before a title: "The Swiss drugmaker Novaris" -> ""."""
    words = name.split()
    while words and (words[0].lower() in GENERIC_NAME_WORDS or words[0] in DEMONYMS
                     or words[0] in {"The", "A", "An", "Its", "Their", "Former"}):
        words.pop(0)
    return " ".join(words)


def tickers_of(text: str) -> dict[str, str]:
    """Tickers an article gives its companies: "Kestrel Materials Inc (KSM.TO)" ->
    {"KSM.TO": "Kestrel Materials Inc"}.

    >>> tickers_of("Nansei Shoji (NSNYF NSNYY) agreed. Vexon (NYSE: VXN) fell.")
    {'NSNYF': 'Nansei Shoji', 'NSNYY': 'Nansei Shoji', 'VXN': 'Vexon'}
    """
    found: dict[str, str] = {}
    text = one_line(text)
    for m in _TICKERED.finditer(text):
        for ticker in re.split(r"[ ,/]+", m.group(2)):
            if ticker and not ticker.isdigit():
                found.setdefault(ticker, m.group(1))
    return found


def owners_of(text: str) -> dict[str, str]:
    """Brands, products and services an article says a company owns: "Corvane Group,
    the owner of the Streamly video service" -> {"Streamly": "Corvane Group"}.

    >>> owners_of("Corvane Group, the owner of the Streamly video service, agreed. "
    ...           "YouTube parent Alphabet said.")
    {'Streamly': 'Corvane Group', 'YouTube': 'Alphabet'}
    """
    found: dict[str, str] = {}
    text = one_line(text)
    for m in _OWNER_OF.finditer(text):
        found.setdefault(m.group(2), _last_name(m.group(1)))
    for m in _OWNER_AFTER.finditer(text):  # "Shares of Tunewave parent Hollin Media"
        found.setdefault(re.sub(r"\A.* of ", "", m.group(1)), m.group(2))
    return {brand: owner for brand, owner in found.items()
            if brand != owner and not is_generic(brand) and not is_generic(owner)}


def credits_of(text: str) -> set[str]:
    """The news services an article credits: "(Bloomberg) --", "told Reuters".

    >>> sorted(credits_of("(Bloomberg) -- Lumiere agreed, it told Reuters."))
    ['Bloomberg', 'Reuters']
    """
    found = {g.rstrip(".") for m in _CREDIT.finditer(text) for g in m.groups() if g}
    bracketed = set(re.findall(r"\(([^()]{2,40})\)", text))
    return {name for name in found | bracketed if name in WIRE_SERVICES}


def is_wire_service(name: str) -> bool:
    """"Reuters", "Bloomberg News", "Dow Jones Newswires"."""
    return name in WIRE_SERVICES or name.removesuffix(" News") in WIRE_SERVICES


def is_place(name: str) -> bool:
    """A country, region, state or city, or a people's adjective ("Portuguese")."""
    bare = re.sub(r"['’]s?\Z", "", name).strip()
    return bare in PLACE_NAMES or bare in DEMONYMS or bare.removeprefix("the ") in PLACE_NAMES


def is_demonym(name: str) -> bool:
    return name.strip() in DEMONYMS


def is_suffix_only(name: str, legal_only: bool = False) -> bool:
    """"SA", "Co Ltd", "Holdings Inc": a corporate suffix with no name before it.

    :param legal_only: count only legal forms ("SA", "Inc"), so that "Capital Holding
        Corp", a name of suffix words, is a name.
    """
    words = name.replace(",", " ").split()
    forms = LEGAL_FORMS if legal_only else _ALL_SUFFIXES
    return bool(words) and all(w.lower().rstrip(".").replace(".", "") in forms
                               for w in words)


def is_round_stage(name: str) -> bool:
    """"Seed", "Series C", "Pre-Seed round": the stage of a funding round."""
    bare = re.sub(r"\s+(?:round|funding|financing|stage)\Z", "", name.strip(), flags=re.I)
    return bare in ROUND_STAGES


def is_generic(name: str) -> bool:
    """A phrase of common words a headline or lead capitalises: "Cloud Firm",
    "Hyperscaler", "Oncology Start-Up"."""
    words = _WORD.findall(name)
    return bool(words) and all(w.lower() in GENERIC_NAME_WORDS for w in words)


def is_ticker(name: str, tickers: dict[str, str]) -> bool:
    """"XYZ.TO", "NSNYF NSNYY", or a ticker the article gives a company."""
    words = name.split()
    if not words:
        return False
    if all(w in tickers or re.fullmatch(r"[A-Z0-9]{1,6}\.[A-Z]{1,3}", w) for w in words):
        return True
    return len(words) > 1 and all(re.fullmatch(r"[A-Z]{4,5}", w) for w in words)


def headline_name(name: str) -> str | None:
    """The company in a headline's capitals: "ACME OFFER" -> "Acme"; None when the
    phrase holds no headline word."""
    words = name.split()
    if len(words) < 2 or not name.isupper():
        return None
    kept = [w for w in words if w.lower() not in HEADLINE_WORDS]
    if len(kept) == len(words):
        return None
    return " ".join(w.capitalize() for w in kept) or ""


def bare_person(name: str) -> str:
    """A name without its form of address: "Mr Hale" -> "Hale"."""
    words = name.split()
    while words and words[0] in HONORIFICS:
        words.pop(0)
    return " ".join(words)
