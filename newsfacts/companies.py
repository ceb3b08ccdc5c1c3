"""Companies from the parties of claims: the names one company goes by, in one article and
across articles, and a user's file of merges, splits and preferred names over them.

Within an article its cast is one company: "Dixons Group PLC", "Dixons" and its ticker
mark "<DXNS.L>". Across articles, companies with the same normalised key, a shared
ticker, or a short name only one company's name starts with are one. Pure: the grouping
of deals (newsfacts.deals) and the store's consolidation read its result.

>>> found = resolve_companies([
...     Mention("c1", "a1", "buyer", "Dixons Group PLC"), Mention("c2", "a1", "buyer", "Dixons"),
...     Mention("c3", "a2", "buyer", "DIXONS GROUP"), Mention("c3", "a2", "seller", "Cyclops")],
...     {"a2": "DIXONS GROUP <DXNS.L> BIDS FOR CYCLOPS"})
>>> sorted(c.name for c in found.companies.values())
['Cyclops', 'Dixons Group PLC']
>>> found.companies[found.of("c2", "Dixons")].tickers
['DXNS.L']
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from cleanco.clean import normalized, prepare_default_terms, strip_punct, strip_tail
from sqlite_utils.utils import hash_record

from .errors import BadOverrides
from .extract.namekeys import name_key

# "Dixons Group PLC <DXNS.L>": Reuters marks a listed company with its ticker in angle
# brackets after its name; "Ironbark Compute (TSX: IRB)": the trade press's exchange mark.
_RIC_MARK = re.compile(r"<([A-Z][A-Z0-9]{0,7}(?:\.[A-Z]{1,2})?)>")
_EXCHANGE_MARK = re.compile(
    r"\((?:NYSE|NASDAQ|Nasdaq|TSX|TSXV|LSE|AMEX|ASX|NYSE American|OTC|Euronext|XETRA|HKEX|"
    r"TYO|BMV)\s*:\s*([A-Z][A-Z0-9.]{0,7})\)")
# Words a company's name may hold in lower case: "Bank of Montreal", "Harper and Row".
_NAME_JOINERS = {"of", "and", "de", "&"}
# A name of no capital letter is a thing, not a company: "analytics unit", "gas reserves".
_HAS_CAPITAL = re.compile(r"[A-Z]")


# cleanco's legal terms ("inc", "plc", "s a", "gmbh"), by their number of words. Its own
# basename() tries all of them on every name, 1.5 ms a name: a set lookup per length
# gives the same base names in microseconds.
_LEGAL_TERMS: dict[int, set[tuple[str, ...]]] = defaultdict(set)
for _size, _parts in prepare_default_terms():
    _LEGAL_TERMS[_size].add(tuple(_parts))
_LEGAL_SIZES = sorted(_LEGAL_TERMS, reverse=True)


def legal_basename(name: str) -> str:
    """A company name without its legal suffixes, by cleanco's terms.

    >>> legal_basename("Dixons Group PLC"), legal_basename("Nestle S.A.")
    ('Dixons Group', 'Nestle')
    """
    name = strip_tail(name)
    parts, normal = name.split(), [strip_punct(t) for t in normalized(name).split()]
    if len(parts) != len(normal):
        return name
    for size in _LEGAL_SIZES:
        while len(normal) > size and tuple(normal[-size:]) in _LEGAL_TERMS[size]:
            del normal[-size:], parts[-size:]
    # "Bear Stearns and Co Inc": no "and" left dangling.
    while len(parts) > 1 and normal[-1] in {"and", "&"}:
        del normal[-1], parts[-1]
    return strip_tail(" ".join(parts))


@functools.lru_cache(maxsize=65536)
def company_key(name: str) -> str:
    """The key companies are compared by: cleanco's base name, lower case, without "the",
    a possessive, punctuation, a middle initial or a scoring suffix ("Group", "Holdings").

    >>> company_key("Dixons Group PLC"), company_key("The Coca-Cola Company")
    ('dixons', 'coca-cola')
    >>> company_key("Texaco Inc's"), company_key("DIXONS GROUP")
    ('texaco', 'dixons')
    """
    # "Trans World Airlines Inc (TWA)": the short form in brackets is an alias, not the key.
    name = re.sub(r"\s*\([^)]*\)", "", " ".join(name.split())) or name
    name = re.sub(r"['’]s?\s*\Z", "", name)
    base = legal_basename(name) or name
    key = name_key(base.replace("&", " & ")) or name.lower()
    words = key.split()
    # "31,781,461 Caesars World Inc": a count the parse took into the name.
    while len(words) > 1 and any(c.isdigit() for c in words[0]):
        words = words[1:]
    # "Martin T. Sosnoff" is "Martin Sosnoff": drop a middle initial.
    if len(words) >= 3:
        words = [words[0]] + [w for w in words[1:-1] if len(w) > 1] + [words[-1]]
    return " ".join(words)


def is_company_name(name: str) -> bool:
    """Whether a party's name names a company (has a capital), not a thing ("a unit")."""
    return bool(_HAS_CAPITAL.search(name))


def ticker_marks(text: str) -> dict[str, str]:
    """The tickers an article gives its companies, by company key.

    >>> ticker_marks("Dixons Group PLC <DXNS.L> said ... Ironbark Compute (TSX: IRB) said")
    {'dixons': 'DXNS.L', 'ironbark compute': 'IRB'}
    """
    marks: dict[str, str] = {}
    for pattern in (_RIC_MARK, _EXCHANGE_MARK):
        for match in pattern.finditer(text):
            name = _name_before(text, match.start())
            key = company_key(name) if name else ""
            if key:
                marks.setdefault(key, match[1])
    return marks


def _name_before(text: str, end: int) -> str:
    """The capitalised words just before ``end``: the name a ticker mark follows."""
    words = text[max(0, end - 80):end].split()
    name: list[str] = []
    for word in reversed(words):
        if word[:1].isupper() or (name and word in _NAME_JOINERS):
            name.insert(0, word)
        else:
            break
    while name and name[0] in _NAME_JOINERS:
        name.pop(0)
    return " ".join(name)


@dataclass(frozen=True)
class Mention:
    """A party of a claim, as the claim names it."""

    claim_id: str
    article_id: str
    role: str
    name: str


@dataclass
class Company:
    """One company: the name to show (its fullest, most used form), its key, every name
    it goes by (with the articles each was seen in) and its tickers."""

    id: str
    name: str
    key: str
    aliases: dict[str, list[str]] = field(default_factory=dict)  # name -> article ids
    tickers: list[str] = field(default_factory=list)


@dataclass
class Resolution:
    """Every company found, and which company each mention is."""

    companies: dict[str, Company]
    mentions: dict[tuple[str, str], str]  # (claim id, name) -> company id

    def of(self, claim_id: str, name: str) -> str | None:
        """The company a claim's party of this name is, or None (a thing, not a company)."""
        return self.mentions.get((claim_id, name))


@dataclass
class Overrides:
    """A user's corrections, applied after the automatic grouping, in this order: splits
    (a name is a company of its own), merges (names that are one company), renames (the
    name to show)."""

    merge: list[list[str]] = field(default_factory=list)
    split: list[str] = field(default_factory=list)
    rename: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path | None) -> Overrides:
        """Read a companies file; a missing file is no overrides.

        :param path: the YAML file, or None.
        """
        if path is None or not Path(path).exists():
            return cls()
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as err:
            reason = str(err).splitlines()[0]
            raise BadOverrides(f"{path}: not a YAML file ({reason})") from None
        if not isinstance(data, dict) or set(data) - {"merge", "split", "rename"}:
            raise BadOverrides(f"{path}: expected a mapping of merge, split and rename")
        merge, split, rename = data.get("merge") or [], data.get("split") or [], (
            data.get("rename") or {})
        if not (isinstance(merge, list) and all(isinstance(g, list) and len(g) >= 2
                                                and all(isinstance(n, str) for n in g)
                                                for g in merge)):
            raise BadOverrides(f"{path}: merge must be a list of lists of two or more names")
        if not (isinstance(split, list) and all(isinstance(n, str) for n in split)):
            raise BadOverrides(f"{path}: split must be a list of names")
        if not (isinstance(rename, dict) and all(isinstance(k, str) and isinstance(v, str)
                                                 for k, v in rename.items())):
            raise BadOverrides(f"{path}: rename must map names to names")
        return cls([list(g) for g in merge], list(split), dict(rename))

    def save(self, path: str | Path) -> None:
        """Write the file, each section sorted, so the same corrections make the same file."""
        data = {"merge": sorted(sorted(g) for g in self.merge), "split": sorted(set(self.split)),
                "rename": dict(sorted(self.rename.items()))}
        header = ("# Companies: corrections newsfacts applies after it groups names.\n"
                  "# merge: names that are one company; split: names that are a company of\n"
                  "# their own; rename: a company (by any of its names) -> the name to show.\n"
                  "# Edit with `newsfacts companies merge|split|rename`.\n")
        Path(path).write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                              encoding="utf-8")


class _Union:
    """Union-find over strings; the smallest member names its set, so the result does not
    depend on the order of unions."""

    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w[0].isalnum())


def _article_casts(names: set[str], marks: dict[str, str], keep_apart: set[str]
                   ) -> dict[str, str]:
    """Group one article's names: each key -> the key of its longest form in the article.

    "Dixons" goes with "Dixons Group PLC" when that is the only longer name it starts; an
    acronym ("TWA") with the one name of those initials; a ticker ("DXNS") with its name.
    """
    keys = {company_key(n) for n in names}
    longer_first = sorted(keys, key=lambda k: (-len(k.split()), k))
    by_ticker = {t.split(".")[0].lower(): k for k, t in marks.items() if k in keys}
    head = {}
    for key in longer_first:
        if key in keep_apart:
            head[key] = key
            continue
        words = key.split()
        starts = [k for k in longer_first if len(k.split()) > len(words)
                  and k.split()[:len(words)] == words and k not in keep_apart]
        acronym = [k for k in longer_first if len(words) == 1 and len(k.split()) > 1
                   and _initials(k) == key and k not in keep_apart]
        found = starts if starts else acronym
        roots = {head.get(k, k) for k in found}
        if len(roots) == 1:
            head[key] = roots.pop()
        elif key in by_ticker and by_ticker[key] != key:
            head[key] = head.get(by_ticker[key], by_ticker[key])
        else:
            head[key] = key
    return head


def resolve_companies(mentions: Iterable[Mention], texts: dict[str, str] | None = None,
                      overrides: Overrides | None = None) -> Resolution:
    """Group the parties of claims into companies.

    :param mentions: every party of every claim to consider.
    :param texts: article texts (with titles) by article id, for ticker marks; None for none.
    :param overrides: the user's merges, splits and preferred names; None for none.
    """
    overrides = overrides or Overrides()
    texts = texts or {}
    keep_apart = {company_key(n) for n in overrides.split}
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if is_company_name(mention.name):
            by_article[mention.article_id].append(mention)
    union = _Union()
    tickers: dict[str, set[str]] = defaultdict(set)  # head key -> tickers
    seen: dict[str, Counter] = defaultdict(Counter)  # key -> names it was written as
    where: dict[tuple[str, str], set[str]] = defaultdict(set)  # (key, name) -> articles
    for article_id in sorted(by_article):
        found = by_article[article_id]
        marks = ticker_marks(texts.get(article_id, ""))
        cast = _article_casts({m.name for m in found}, marks, keep_apart)
        for mention in found:
            key = company_key(mention.name)
            seen[key][mention.name] += 1
            where[(key, mention.name)].add(article_id)
            head = cast[key]
            union.union(f"k:{head}", f"k:{key}")
            if head in marks and head not in keep_apart:
                tickers[head].add(marks[head])
                union.union(f"k:{head}", f"t:{marks[head]}")
    # A short key alone in its articles: the one longer key it starts, across the store.
    long_keys = sorted({k for k in seen if len(k.split()) > 1})
    prefixes: dict[str, set[str]] = defaultdict(set)
    for key in long_keys:
        words = key.split()
        for n in range(1, len(words)):
            prefixes[" ".join(words[:n])].add(union.find(f"k:{key}"))
    sizes = Counter(union.find(f"k:{key}") for key in seen)
    mentions_of = Counter()
    for key, names in seen.items():
        mentions_of[union.find(f"k:{key}")] += sum(names.values())
    for key in sorted(seen):
        if key in keep_apart or key not in prefixes or sizes[union.find(f"k:{key}")] > 1:
            continue
        # The one company whose name it starts, or one named three times as often as
        # the others together: "Caesars" is Caesars World, not Caesars New Jersey.
        owners = sorted(prefixes[key], key=lambda o: (-mentions_of[o], o))
        rest = sum(mentions_of[o] for o in owners[1:])
        if len(owners) == 1 or mentions_of[owners[0]] >= 3 * rest:
            union.union(f"k:{key}", owners[0])
    for group in overrides.merge:
        first = company_key(group[0])
        for name in group[1:]:
            union.union(f"k:{first}", f"k:{company_key(name)}")
    # Build the companies: each set of keys, named by its most used longest name.
    members: dict[str, list[str]] = defaultdict(list)
    for key in seen:
        members[union.find(f"k:{key}")].append(key)
    renames = {company_key(old): new for old, new in overrides.rename.items()}
    companies: dict[str, Company] = {}
    company_of_key: dict[str, str] = {}
    for keys in members.values():
        keys.sort()
        longest = max(len(k.split()) for k in keys)
        main_key = max((k for k in keys if len(k.split()) == longest),
                       key=lambda k: (sum(seen[k].values()), [-ord(c) for c in k]))
        # The fullest form of the name: "Dixons Group PLC" rather than "Dixons".
        name = max(seen[main_key].items(), key=lambda item: (
            len(item[0].split()), item[1], [-ord(c) for c in item[0]]))[0]
        name = next((renames[k] for k in keys if k in renames), name)
        company = Company(id=hash_record({"key": main_key}), name=name, key=main_key,
                          tickers=sorted({t for k in keys for t in tickers.get(k, ())}))
        for key in keys:
            company_of_key[key] = company.id
            for alias in sorted(seen[key]):
                company.aliases[alias] = sorted(where[(key, alias)])
        companies[company.id] = company
    resolved = {}
    for found in by_article.values():
        for mention in found:
            resolved[(mention.claim_id, mention.name)] = company_of_key[company_key(mention.name)]
    return Resolution(companies, resolved)
