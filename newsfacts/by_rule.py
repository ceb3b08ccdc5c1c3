"""Precision per rule: for each rule id in the claims' traces, how many claims it took
part in and how many of them the gold says are right, so a rule that hurts shows up.

A rule that set a party ("buyer = X") is judged on that side: of the correct claims
where it named the buyer, how many name the gold buyer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .extract.records import Claim
from .scoring import GoldDeal, judge


@dataclass
class RuleScore:
    """How the claims one rule took part in fared."""

    rule: str
    claims: int = 0
    correct: int = 0
    set_buyer: int = 0  # correct claims where this rule named the buyer
    buyer_right: int = 0
    set_seller: int = 0  # ... the seller or target
    seller_right: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.claims if self.claims else 0.0

    @property
    def party_precision(self) -> float | None:
        """Of the sides this rule named on correct claims, the share the gold agrees with."""
        named = self.set_buyer + self.set_seller
        return (self.buyer_right + self.seller_right) / named if named else None

    def to_dict(self) -> dict:
        return {**self.__dict__, "precision": round(self.precision, 3),
                "party_precision": None if self.party_precision is None
                else round(self.party_precision, 3)}


def score_rules(predictions: Iterable[tuple[dict[str, list[Claim]], dict[str, list[GoldDeal]]]]
                ) -> list[RuleScore]:
    """Score every rule over (predictions, gold) pairs; the worst rules first.

    :param predictions: pairs of doc_id -> claims and doc_id -> gold deals (a gold set's).
    """
    rules: dict[str, RuleScore] = {}
    for predicted, gold in predictions:
        for doc_id, deals in gold.items():
            for claim in predicted.get(doc_id, []):
                _count(claim, judge(claim, deals), rules)
    return sorted(rules.values(), key=lambda r: (r.precision, -r.claims, r.rule))


def _count(claim: Claim, verdict, rules: dict[str, RuleScore]) -> None:
    for rule in claim.rules():
        row = rules.setdefault(rule, RuleScore(rule))
        row.claims += 1
        row.correct += verdict.correct
    if not verdict.correct:
        return
    for step in claim.trace:
        row = rules[step["rule"]]
        side = step["says"].split(" = ", 1)[0]
        if side == "buyer":
            row.set_buyer += 1
            row.buyer_right += verdict.buyer
        elif side in {"seller", "target", "seller/target"}:
            row.set_seller += 1
            row.seller_right += verdict.seller
