"""Deals from claims: the claims of every article and outlet about one deal, grouped, with
the deal's status, amounts, dates, sources and whether the sources disagree.

Claims go in order of publication. A claim joins the open deal of its companies (by
company, not by name) of a compatible type reported within WINDOW_DAYS: the same buyer and
the same company bought. A raised offer joins its deal (a step in its history); another
bidder for the same company is another deal, linked by the target; a buyer's deal for
another company stays apart. Pure: newsfacts.consolidate reads the store and writes the
result.

>>> a = DealClaim("c1", "a1", "2025-01-02", "Wire", "acquisition", ("dixons",), ("cyclops",),
...               value=384e6, currency="USD", amount_text="384 mln dlrs", status="agreed")
>>> b = DealClaim("c2", "a2", "2025-01-09", "Ledger", "acquisition", ("dixons",), ("cyclops",),
...               value=90.25, currency="USD", per="share", amount_text="90.25 dlrs",
...               status="completed")
>>> [(d.claim_ids, d.status, d.value, d.per_share) for d in group_claims([b, a])]
[(['c1', 'c2'], 'completed', 384000000.0, 90.25)]
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlite_utils.utils import hash_record

from .status import is_raised_offer, status_rank

# Claims of these types can be one deal: a stake bought on the way to a takeover, the
# sale of a unit that the buyer calls an acquisition.
FAMILIES = {"acquisition": "m&a", "stake": "m&a", "asset_sale": "m&a", "other": "m&a",
            "investment": "investment", "contract": "contract", "loan": "loan"}
# Takeover battles run for months: Cyclops (Dixons v CYACQ) from March to May 1987.
WINDOW_DAYS = 180
# Two reports of one stage published this far apart are news of the same moment.
SAME_MOMENT_DAYS = 3
# Near-duplicate stories: shared word 5-grams over the smaller story's.
SHINGLE_WORDS = 5
DUPLICATE_OVERLAP = 0.8


@dataclass(frozen=True)
class DealClaim:
    """What grouping reads of one stored claim: its article, date and outlet, its type,
    the companies on each side (ids; ``sold`` is the company or thing bought), amount and
    status."""

    id: str
    article_id: str
    published: str | None
    outlet: str | None
    deal_type: str
    buyers: tuple[str, ...]
    sold: tuple[str, ...]
    value: float | None = None
    currency: str | None = None
    per: str | None = None
    qualifier: str | None = None
    amount_text: str = ""
    status: str = "agreed"
    sentence: str = ""
    ordinal: int = 0

    @property
    def companies(self) -> set[str]:
        return set(self.buyers) | set(self.sold)

    @property
    def day(self) -> date | None:
        try:
            return date.fromisoformat((self.published or "")[:10])
        except ValueError:
            return None


@dataclass
class Deal:
    """One deal: its claims in order and what they say together."""

    id: str
    claims: list[DealClaim] = field(default_factory=list)
    buyers: list[str] = field(default_factory=list)  # company ids, most reported first
    sold: list[str] = field(default_factory=list)
    deal_type: str = "other"
    status: str = "agreed"
    value: float | None = None  # the latest reported total
    currency: str | None = None
    qualifier: str | None = None
    per_share: float | None = None  # the latest reported price a share
    per_share_currency: str | None = None
    min_value: float | None = None
    max_value: float | None = None
    first_reported: str | None = None
    last_reported: str | None = None
    articles: int = 0  # near-duplicate stories counted once
    outlets: int = 0
    disputed: bool = False
    disagreements: list[tuple[str, str]] = field(default_factory=list)  # claim id pairs
    duplicates: dict[str, str] = field(default_factory=dict)  # article -> earlier copy

    @property
    def claim_ids(self) -> list[str]:
        return [c.id for c in self.claims]

    @property
    def target(self) -> str | None:
        """The company bought, which links rival bidders' deals."""
        return self.sold[0] if self.sold else None


def could_join(a: DealClaim, b: DealClaim) -> bool:
    """Whether two claims could be in one deal: a compatible type, within the window.
    (Sharing a company is for the caller to know.)"""
    families = {FAMILIES.get(a.deal_type, "m&a"), FAMILIES.get(b.deal_type, "m&a")}
    if len(families) > 1 and families != {"m&a", "investment"}:
        return False
    return not (a.day and b.day and abs((a.day - b.day).days) > WINDOW_DAYS)


def deal_id(founding_claim_id: str) -> str:
    """A deal's id: the hash of the claim that founded it, so a rebuild gives the same ids."""
    return hash_record({"claim": founding_claim_id})[:16]


def _order(claim: DealClaim) -> tuple:
    return (claim.published or "9999", claim.article_id, claim.ordinal, claim.id)


class _Open:
    """A deal being grouped: its claims and the companies on each side so far."""

    def __init__(self, claim: DealClaim):
        self.id = deal_id(claim.id)
        self.claims = [claim]
        self.family = FAMILIES.get(claim.deal_type, "m&a")
        self.buyers, self.sold = set(claim.buyers), set(claim.sold)
        self.articles = {claim.article_id}
        self.last = claim.day

    def add(self, claim: DealClaim) -> None:
        self.claims.append(claim)
        # A claim naming one side (often the wrong way round) does not widen the deal: it
        # fills a side the deal lacks, no more.
        two_sided = bool(claim.buyers and claim.sold)
        if two_sided or not self.buyers:
            self.buyers |= set(claim.buyers)
        if two_sided or not self.sold:
            self.sold |= set(claim.sold)
        self.articles.add(claim.article_id)
        if claim.day and (self.last is None or claim.day > self.last):
            self.last = claim.day

    def accepts(self, claim: DealClaim) -> bool:
        if self.last and claim.day and (claim.day - self.last).days > WINDOW_DAYS:
            return False
        if not claim.companies & (self.buyers | self.sold):
            return False
        family = FAMILIES.get(claim.deal_type, "m&a")
        if family != self.family:
            # "invest 42 dlrs a share in Viacom" for a takeover: between buying and
            # investing, the same buyer and the same company bought outweigh the type.
            return {family, self.family} == {"m&a", "investment"} and bool(
                set(claim.buyers) & self.buyers and set(claim.sold) & self.sold)
        if not (claim.buyers and claim.sold and self.buyers and self.sold):
            # One side said: the deal of that company, on either side (stories swap the
            # roles of a bidder and its target), when the money fits: the same figure, a
            # raised offer, or a kind of figure the deal has not had. "Harper and Row ...
            # 34 dlrs" and "Harper and Row ... 50 dlrs" without their bidders are two bids.
            return (self.has_same_money(claim) or is_raised_offer(claim.sentence)
                    or not self.has_kind(claim))
        same_buyer = bool(set(claim.buyers) & self.buyers)
        same_sold = bool(set(claim.sold) & self.sold)
        if same_buyer and same_sold:
            return True
        # "MTS Acquisition Corp" and "Martin Sosnoff" for the same 28 dlr bid: one side
        # named two ways, the same money. Another bidder offers another price.
        return (same_buyer or same_sold) and self.has_same_money(claim)

    def has_kind(self, claim: DealClaim) -> bool:
        """Whether the deal has a figure of the claim's kind (a total, a price a share)."""
        return any(c.value is not None and c.per == claim.per and c.currency == claim.currency
                   for c in self.claims)

    def has_same_money(self, claim: DealClaim) -> bool:
        return claim.value is not None and any(
            c.value is not None and c.per == claim.per and c.currency == claim.currency
            and abs(c.value - claim.value) <= rounding(c) + rounding(claim)
            for c in self.claims)

    def nearness(self, claim: DealClaim) -> tuple:
        """How well a claim fits: both sides shared, the same money, the same article, the
        closest amount, the latest."""
        both = bool(set(claim.buyers) & self.buyers) and bool(set(claim.sold) & self.sold)
        gap = min((abs(c.value - claim.value) / max(abs(c.value), abs(claim.value), 1)
                   for c in self.claims if c.value is not None and claim.value is not None
                   and c.per == claim.per and c.currency == claim.currency), default=1.0)
        return (both, self.has_same_money(claim), claim.article_id in self.articles, -gap,
                _order(self.claims[-1]))


def group_claims(claims: Iterable[DealClaim],
                 texts: Callable[[str], str | None] | None = None) -> list[Deal]:
    """Group claims into deals; the same claims always give the same deals and ids.

    :param claims: the claims to group (all of the store's, or those of the companies an
        ingest touched).
    :param texts: an article's text by id, to find near-duplicate stories; None to
        take no story as a copy of another.
    """
    ordered = sorted(claims, key=_order)
    by_company: dict[str, list[_Open]] = defaultdict(list)
    by_article: dict[str, list[_Open]] = defaultdict(list)
    opened: list[_Open] = []
    for claim in ordered:
        if claim.companies:
            candidates = {id(d): d for c in sorted(claim.companies) for d in by_company[c]}
            fits = [d for d in candidates.values() if d.accepts(claim)]
        else:
            # No party at all: the article's one deal, if it has exactly one.
            fits = by_article[claim.article_id] if len(by_article[claim.article_id]) == 1 else []
        if fits:
            deal = max(fits, key=lambda d: d.nearness(claim))
            deal.add(claim)
        else:
            deal = _Open(claim)
            opened.append(deal)
        for company in claim.companies:
            if deal not in by_company[company]:
                by_company[company].append(deal)
        if deal not in by_article[claim.article_id]:
            by_article[claim.article_id].append(deal)
    shingles = _Shingles(texts)
    return [_summarise(d, shingles) for d in opened]


def _summarise(opened: _Open, shingles: _Shingles) -> Deal:
    claims = opened.claims
    deal = Deal(id=opened.id, claims=claims)
    for role in ("buyers", "sold"):
        counts: dict[str, int] = defaultdict(int)
        for claim in claims:
            for company in getattr(claim, role):
                counts[company] += 1
        setattr(deal, role, sorted(counts, key=lambda c: (-counts[c], c)))
    types = defaultdict(int)
    for claim in claims:
        types[claim.deal_type] += 1
    deal.deal_type = max(types, key=lambda t: (types[t], t == claims[0].deal_type, t))
    latest = max(claims, key=lambda c: (c.published or "", status_rank(c.status), _order(c)))
    deal.status = latest.status
    dated = [c.published for c in claims if c.published]
    deal.first_reported, deal.last_reported = (min(dated), max(dated)) if dated else (None, None)
    totals = [c for c in claims if c.per is None and c.value is not None]
    if totals:
        last_total = max(totals, key=_order)
        deal.value, deal.currency, deal.qualifier = (
            last_total.value, last_total.currency, last_total.qualifier)
        same = [c.value for c in totals if c.currency == deal.currency]
        deal.min_value, deal.max_value = min(same), max(same)
    shares = [c for c in claims if c.per == "share" and c.value is not None]
    if shares:
        last_share = max(shares, key=_order)
        deal.per_share, deal.per_share_currency = last_share.value, last_share.currency
    deal.duplicates = _near_duplicates(sorted({c.article_id for c in claims},
                                              key=lambda a: min(_order(c) for c in claims
                                                                if c.article_id == a)),
                                       shingles)
    deal.articles = len({c.article_id for c in claims} - set(deal.duplicates))
    deal.outlets = len({c.outlet or c.article_id for c in claims})
    deal.disagreements = _disagreements(claims, deal.duplicates)
    deal.disputed = bool(deal.disagreements)
    return deal


class _Shingles:
    """Word 5-gram hashes of article texts, read once each."""

    def __init__(self, texts: Callable[[str], str | None] | None):
        self.texts = texts
        self.cache: dict[str, frozenset[int]] = {}

    def __call__(self, article_id: str) -> frozenset[int]:
        if article_id not in self.cache:
            text = (self.texts(article_id) if self.texts else None) or ""
            words = re.findall(r"\w+", text.lower())
            self.cache[article_id] = frozenset(
                zlib.crc32(" ".join(words[i:i + SHINGLE_WORDS]).encode())
                for i in range(max(len(words) - SHINGLE_WORDS + 1, 0)))
        return self.cache[article_id]


def _near_duplicates(articles: list[str], shingles: _Shingles) -> dict[str, str]:
    """Each article that is a near-copy of an earlier one in the list -> that earlier one.

    Wires re-send a story under a new id with a word changed; it is one source, not two.
    """
    if len(articles) < 2 or shingles.texts is None:
        return {}
    copies: dict[str, str] = {}
    for i, article in enumerate(articles):
        mine = shingles(article)
        for earlier in articles[:i]:
            if earlier in copies:
                continue
            theirs = shingles(earlier)
            smaller = min(len(mine), len(theirs))
            if smaller and len(mine & theirs) / smaller >= DUPLICATE_OVERLAP:
                copies[article] = earlier
                break
    return copies


_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def rounding(claim: DealClaim) -> float:
    """How far off a figure can be from what it rounds: half its last written digit
    ("$1.2 bn": 0.05 bn), and never less than 0.5%.

    >>> rounding(DealClaim("c", "a", None, None, "acquisition", (), (), value=1.2e9,
    ...                    amount_text="$1.2 bn"))
    50000000.0
    """
    value = abs(claim.value or 0.0)
    match = _NUMBER.search(claim.amount_text or "")
    tolerance = 0.005 * value
    if match:
        number = float(match[0].replace(",", ""))
        if number:
            scale = value / number
            tolerance = max(tolerance, 0.5 * 10 ** -len(match[1] or "") * scale)
    return tolerance


def _disagreements(claims: list[DealClaim], copies: dict[str, str]) -> list[tuple[str, str]]:
    """Pairs of claims from different stories that give different amounts for the same
    stage of the deal at the same moment, beyond rounding.

    A raised offer is a new step, not a disagreement; nor is an amount one story gives
    beside the other's figure (the equity value and the value with debt).
    """
    def source(claim: DealClaim) -> str:
        return copies.get(claim.article_id, claim.article_id)

    def same_money(a: DealClaim, b: DealClaim) -> bool:
        return abs(a.value - b.value) <= rounding(a) + rounding(b)

    priced = [c for c in claims if c.value is not None and not is_raised_offer(c.sentence)]
    found = []
    for i, a in enumerate(priced):
        for b in priced[i + 1:]:
            if source(a) == source(b) or a.status != b.status or a.per != b.per or (
                    a.currency != b.currency) or same_money(a, b):
                continue
            if a.day and b.day and abs((a.day - b.day).days) > SAME_MOMENT_DAYS:
                continue
            if any(same_money(c, b) for c in priced if source(c) == source(a) and (
                    c.per == b.per and c.currency == b.currency)) or any(
                    same_money(c, a) for c in priced if source(c) == source(b) and (
                    c.per == a.per and c.currency == a.currency)):
                continue
            found.append((a.id, b.id))
    return found
