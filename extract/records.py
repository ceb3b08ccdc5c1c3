"""The records extraction produces: Amount, Term, Party and Claim.

The JSON field names other tools read (``newsfacts extract --jsonl``) are defined
here and only here, by the dataclass fields and ``to_dict()``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

QUALIFIERS = ("exact", "approx", "up_to", "at_least", "range")
ROLES = ("buyer", "seller", "target")
DEAL_TYPES = ("acquisition", "stake", "asset_sale", "investment", "contract", "loan", "other")


@dataclass(frozen=True)
class Amount:
    """A money expression, normalised.

    ``value`` is a plain number in the currency's units ("$45 billion" = 45e9,
    "90.25 dlrs a share" = 90.25 with ``per`` "share"). For a range, ``value`` is
    the low end and ``low``/``high`` hold both ends.
    """

    text: str
    value: float
    currency: str
    per: str | None = None
    qualifier: str = "exact"
    low: float | None = None
    high: float | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Amount:
        return cls(**{k: data.get(k) for k in cls.__dataclass_fields__ if k in data})

    def same_money(self, other: Amount, tolerance: float = 0.005) -> bool:
        """Whether two amounts state the same money (value within ``tolerance``, currency, per)."""
        if self.currency != other.currency or self.per != other.per:
            return False
        scale = max(abs(self.value), abs(other.value)) or 1.0
        return abs(self.value - other.value) <= tolerance * scale


@dataclass(frozen=True)
class Term:
    """How long a deal runs: the words that say it and their length in months."""

    text: str
    months: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Party:
    """A party to a deal, named as the article names it, in one role."""

    name: str
    role: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Claim:
    """One deal claim: who pays whom how much for what, and the sentence that says it.

    ``start``/``end`` are character offsets of ``sentence`` in the article text.
    ``trace`` lists the rules that made the claim, in the order they fired: each a
    ``{"rule": id, "says": what it decided}``, so that a wrong party can be traced to
    the rule that put it there.
    """

    deal_type: str
    parties: list[Party]
    amount: Amount
    sentence: str
    start: int
    end: int
    term: Term | None = None
    attribution: str | None = None
    confidence: float = 0.5
    trace: list[dict] = field(default_factory=list)

    def names(self, role: str) -> list[str]:
        """The names of the parties in ``role``, in order."""
        return [p.name for p in self.parties if p.role == role]

    def to_dict(self) -> dict:
        return {
            "deal_type": self.deal_type,
            "parties": [p.to_dict() for p in self.parties],
            "amount": self.amount.to_dict(),
            "term": self.term.to_dict() if self.term else None,
            "attribution": self.attribution,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
            "trace": [dict(step) for step in self.trace],
        }

    def rules(self) -> list[str]:
        """The ids of the rules that made this claim, each once, in order."""
        return list(dict.fromkeys(step["rule"] for step in self.trace))

    @classmethod
    def from_dict(cls, data: dict) -> Claim:
        term = data.get("term")
        return cls(
            deal_type=data["deal_type"],
            parties=[Party(p["name"], p["role"]) for p in data.get("parties", [])],
            amount=Amount.from_dict(data["amount"]),
            term=Term(term["text"], term["months"]) if term else None,
            attribution=data.get("attribution"),
            sentence=data["sentence"],
            start=data["start"],
            end=data["end"],
            confidence=data.get("confidence", 0.5),
            trace=[dict(step) for step in data.get("trace") or []],
        )
