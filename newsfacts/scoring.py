"""Score predicted claims against gold, by the rules of the team's GUIDELINES.md.

- A predicted claim is correct when its amount (value within 0.5%, same currency, same
  ``per``) equals one of the amounts of a gold deal in the same article.
- Deal recall: gold deals with at least one correct claim.
- Buyer and seller, on correct claims: a predicted name matches a gold name when,
  lower-cased and without corporate suffixes, one equals or contains the other. The
  seller side compares the predicted sellers and target with the gold sellers and
  target. Where gold names no buyer (seller), the right answer is none.
- Term, on correct claims whose gold deal has a term: the months must be equal.
- Deal type, on correct claims: the gold deal's type. Attribution found, on correct claims
  whose gold deal has one: the claim carries one (its wording is not compared).
- Both parties right, on correct claims: buyer and seller both match (the stream's
  measure). Missing a side, per gold deal type: the share of correct claims that name no
  buyer (no seller or target) where the gold deal names one.

A gold line may stand for an article annotated in another gold file:
``{"doc_id": "reuters-36", "see": "gold-reuters-train2.jsonl"}`` (a path relative to the
file), so an article in two samples is annotated once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import BadInput
from .extract.namekeys import name_key
from .extract.records import Amount, Claim

TOLERANCE = 0.005


@dataclass
class GoldDeal:
    buyer: list[str]
    seller: list[str]
    target: str | None
    deal_type: str
    amounts: list[Amount]
    term_months: int | None
    attribution: str | None = None

    @classmethod
    def from_dict(cls, data: dict) -> GoldDeal:
        amounts = [Amount(text="", value=a["value"], currency=a["currency"], per=a.get("per"),
                          qualifier=a.get("qualifier", "exact"), low=a.get("low"),
                          high=a.get("high")) for a in data["amounts"]]
        return cls(buyer=data.get("buyer") or [], seller=data.get("seller") or [],
                   target=data.get("target"), deal_type=data.get("deal_type", "other"),
                   amounts=amounts, term_months=data.get("term_months"),
                   attribution=data.get("attribution"))

    def matches(self, amount: Amount) -> bool:
        return any(amount.same_money(gold, TOLERANCE) for gold in self.amounts)


def load_gold(path: str | Path) -> dict[str, list[GoldDeal]]:
    """Read a gold file: doc_id -> its deals (an empty list for a no-deal article)."""
    path = Path(path)
    gold = {}
    referenced: dict[Path, dict[str, list[GoldDeal]]] = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                doc_id = record["doc_id"]
                if "see" in record:
                    other = path.parent / record["see"]
                    if other.resolve() == path.resolve():
                        raise ValueError("a line cannot refer to its own file")
                    if other not in referenced:
                        referenced[other] = load_gold(other)
                    gold[doc_id] = referenced[other][doc_id]
                else:
                    gold[doc_id] = [GoldDeal.from_dict(d) for d in record["deals"]]
            except (ValueError, KeyError, TypeError, OSError) as err:
                raise BadInput(f"{path}:{number}: not a gold record ({err!r})") from None
    return gold


def names_match(predicted: str, gold: str) -> bool:
    """Whether two names are the same party by the scoring rule.

    >>> names_match("Dixons Group PLC", "Dixons Group"), names_match("Dixons", "Cyclops")
    (True, False)
    """
    p, g = name_key(predicted), name_key(gold)
    return bool(p and g) and (p == g or p in g or g in p)


def _side_correct(predicted: list[str], gold: list[str]) -> bool:
    if not gold:
        return not predicted
    return any(names_match(p, g) for p in predicted for g in gold)


@dataclass
class Miss:
    """A false claim or a missed deal, with what is needed to read it."""

    doc_id: str
    kind: str  # "false claim", "missed deal", "wrong buyer", "wrong seller", "wrong term",
    # "wrong type", "no attribution"
    detail: str
    sentence: str = ""


@dataclass
class Scorecard:
    """The numbers of one system on one gold set."""

    articles: int = 0
    predicted: int = 0
    correct: int = 0
    gold_deals: int = 0
    recalled: int = 0
    buyer_correct: int = 0
    seller_correct: int = 0
    party_scored: int = 0
    term_correct: int = 0
    term_scored: int = 0
    no_deal_articles: int = 0
    no_deal_false_claims: int = 0
    no_deal_articles_with_claims: int = 0
    type_correct: int = 0
    attribution_scored: int = 0
    attribution_found: int = 0
    both_correct: int = 0
    # gold deal type -> correct claims of that type, and those missing a side gold names
    side_scored: dict[str, int] = field(default_factory=dict)
    side_missing: dict[str, int] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.recalled / self.gold_deals if self.gold_deals else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def buyer(self) -> float | None:
        """Share of correct claims with the right buyer; None when no claim is correct."""
        return self.buyer_correct / self.party_scored if self.party_scored else None

    @property
    def seller(self) -> float | None:
        return self.seller_correct / self.party_scored if self.party_scored else None

    @property
    def term(self) -> float | None:
        """Share of correct claims of gold deals with a term that have it right; None when
        the gold has no term to score."""
        return self.term_correct / self.term_scored if self.term_scored else None

    @property
    def deal_type(self) -> float | None:
        """Share of correct claims typed as their gold deal."""
        return self.type_correct / self.party_scored if self.party_scored else None

    @property
    def attribution(self) -> float | None:
        """Share of correct claims of attributed gold deals that carry an attribution."""
        return (self.attribution_found / self.attribution_scored
                if self.attribution_scored else None)

    @property
    def both_parties(self) -> float | None:
        """Share of correct claims with buyer and seller both right."""
        return self.both_correct / self.party_scored if self.party_scored else None

    def missing_side(self, deal_type: str) -> float | None:
        """Share of correct claims of a gold deal type missing a side the gold names."""
        scored = self.side_scored.get(deal_type, 0)
        return self.side_missing.get(deal_type, 0) / scored if scored else None

    def to_dict(self) -> dict:
        data = {k: v for k, v in asdict(self).items() if k != "misses"}
        data.update(precision=self.precision, recall=self.recall, f1=self.f1,
                    buyer=self.buyer, seller=self.seller, term=self.term,
                    deal_type=self.deal_type, attribution=self.attribution,
                    both_parties=self.both_parties,
                    missing_side={t: self.missing_side(t) for t in sorted(self.side_scored)})
        return data


def score(predictions: dict[str, list[Claim]], gold: dict[str, list[GoldDeal]]) -> Scorecard:
    """Score the claims predicted for each gold article.

    :param predictions: doc_id -> claims; a gold article missing here predicted none.
    :param gold: doc_id -> gold deals, as load_gold returns.
    """
    card = Scorecard()
    for doc_id, deals in gold.items():
        claims = predictions.get(doc_id, [])
        card.articles += 1
        card.predicted += len(claims)
        card.gold_deals += len(deals)
        if not deals:
            card.no_deal_articles += 1
            card.no_deal_false_claims += len(claims)
            card.no_deal_articles_with_claims += bool(claims)
        recalled = set()
        for claim in claims:
            deal_index = _best_deal(claim, deals)
            if deal_index is None:
                card.misses.append(Miss(doc_id, "false claim", _describe(claim), claim.sentence))
                continue
            card.correct += 1
            recalled.add(deal_index)
            _score_parties(card, doc_id, claim, deals[deal_index])
        for i, deal in enumerate(deals):
            if i not in recalled:
                card.misses.append(Miss(doc_id, "missed deal", _describe_gold(deal)))
        card.recalled += len(recalled)
    return card


@dataclass
class Judgement:
    """What the scoring says of one claim: a deal at all, and each side right."""

    correct: bool
    buyer: bool = False
    seller: bool = False


def judge(claim: Claim, deals: list[GoldDeal]) -> Judgement:
    """Judge one claim against its article's gold deals, as ``score`` does.

    :param deals: the gold deals of the claim's article.
    """
    index = _best_deal(claim, deals)
    if index is None:
        return Judgement(correct=False)
    deal = deals[index]
    return Judgement(correct=True, buyer=_side_correct(claim.names("buyer"), deal.buyer),
                     seller=_side_correct(claim.names("seller") + claim.names("target"),
                                          _seller_side(deal)))


def _best_deal(claim: Claim, deals: list[GoldDeal]) -> int | None:
    """The gold deal a claim's amount belongs to; on a tie, the one its parties fit best."""
    candidates = [i for i, d in enumerate(deals) if d.matches(claim.amount)]
    if not candidates:
        return None
    return max(candidates, key=lambda i: (
        _side_correct(claim.names("buyer"), deals[i].buyer)
        + _side_correct(claim.names("seller") + claim.names("target"), _seller_side(deals[i])),
        -i))


def _seller_side(deal: GoldDeal) -> list[str]:
    return deal.seller + ([deal.target] if deal.target else [])


def _score_parties(card: Scorecard, doc_id: str, claim: Claim, deal: GoldDeal) -> None:
    card.party_scored += 1
    buyers = claim.names("buyer")
    sellers = claim.names("seller") + claim.names("target")
    buyer_right = _side_correct(buyers, deal.buyer)
    seller_right = _side_correct(sellers, _seller_side(deal))
    if buyer_right:
        card.buyer_correct += 1
    else:
        card.misses.append(Miss(doc_id, "wrong buyer",
                                f"{buyers} for gold {deal.buyer} ({_money(claim.amount)})",
                                claim.sentence))
    if seller_right:
        card.seller_correct += 1
    else:
        card.misses.append(Miss(doc_id, "wrong seller",
                                f"{sellers} for gold {_seller_side(deal)} "
                                f"({_money(claim.amount)})", claim.sentence))
    card.both_correct += buyer_right and seller_right
    card.side_scored[deal.deal_type] = card.side_scored.get(deal.deal_type, 0) + 1
    if (deal.buyer and not buyers) or (_seller_side(deal) and not sellers):
        card.side_missing[deal.deal_type] = card.side_missing.get(deal.deal_type, 0) + 1
    if claim.deal_type == deal.deal_type:
        card.type_correct += 1
    else:
        card.misses.append(Miss(doc_id, "wrong type",
                                f"{claim.deal_type} for gold {deal.deal_type} "
                                f"({_money(claim.amount)})", claim.sentence))
    if deal.attribution:
        card.attribution_scored += 1
        card.attribution_found += bool(claim.attribution)
        if not claim.attribution:
            card.misses.append(Miss(doc_id, "no attribution",
                                    f"gold cites {deal.attribution!r} "
                                    f"({_money(claim.amount)})", claim.sentence))
    if deal.term_months is not None:
        card.term_scored += 1
        months = claim.term.months if claim.term else None
        if months == deal.term_months:
            card.term_correct += 1
        else:
            card.misses.append(Miss(doc_id, "wrong term",
                                    f"{months} months for gold {deal.term_months}",
                                    claim.sentence))


def _money(amount: Amount) -> str:
    per = f"/{amount.per}" if amount.per else ""
    return f"{amount.value:,.2f} {amount.currency}{per}"


def _describe(claim: Claim) -> str:
    return (f"{_money(claim.amount)} {claim.deal_type} buyer={claim.names('buyer')} "
            f"seller={claim.names('seller')} target={claim.names('target')}")


def _describe_gold(deal: GoldDeal) -> str:
    amounts = ", ".join(_money(a) for a in deal.amounts)
    return f"{amounts} {deal.deal_type} buyer={deal.buyer} seller={deal.seller}"


def merge(cards: Iterable[Scorecard]) -> Scorecard:
    """Add up scorecards of several gold sets."""
    total = Scorecard()
    for card in cards:
        for name, value in asdict(card).items():
            if name == "misses":
                total.misses.extend(card.misses)
            elif isinstance(value, dict):
                counts = getattr(total, name)
                for key, count in value.items():
                    counts[key] = counts.get(key, 0) + count
            else:
                setattr(total, name, getattr(total, name) + value)
    return total
