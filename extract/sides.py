"""A learned ranker for the side of a claim the rules leave open.

The rules name a side where the sentence's parse says who it is. Where they name none,
the side is often still in the article: a company named a sentence or two before, the
story's company, a party of the deal before. Which one is a matter of weighing many weak
signs (where the name stands, its grammatical role, the preposition before it, the kind
of deal), which a linear model learns better than a rule chain. ``make train`` fits the
weights (newsfacts/train.py) on the tune part of the gold sets; they ship as data in
extract/rules/sides.json. A candidate is put in the open side only when the model's
probability reaches the threshold stored with the weights, no other candidate is as
likely, and training did not keep the ranker out of that side of that deal type.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Span
from spacy.util import registry

from ..errors import BadConfig

SIDES_FILE = Path(__file__).parent / "rules" / "sides.json"

# Sentences before the claim's own whose names are candidates (the lead always is).
SENTENCES_BEFORE = 2

_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "compound", "appos", "conj",
         "ROOT", "attr", "dative", "npadvmod"}
_PREPS = {"from", "to", "by", "with", "for", "of", "in", "on", "at", "into", "between",
          "through", "against", "than", "over", "under", "after", "including", "as"}


@dataclass
class Mention:
    """One place a cast member is named near a claim: its entity, and how many
    sentences before the claim's it stands (0: the same; -1: only in the lead)."""

    name: str
    ent: Span
    back: int
    # what the article's cast says it is: "company" (names.py), "person", "place"
    kinds: tuple[str, ...] = ()


@dataclass
class Candidate:
    """A cast member that may fill an open side, and the signs for it."""

    name: str
    features: list[str] = field(default_factory=list)


def _distance(n: int) -> str:
    return "0-3" if n <= 3 else "4-8" if n <= 8 else "9-15" if n <= 15 else "16+"


def _mention_signs(mention: Mention, money: Span, cue_i: int) -> list[str]:
    """The signs of one mention: where it stands, and what it is in the parse."""
    root = mention.ent.root
    dep = root.dep_ if root.dep_ in _DEPS else "other"
    signs = [f"back={mention.back}", f"dep={dep}", f"back={mention.back}|dep={dep}",
             f"label={mention.ent.label_}"]
    signs += [f"is={kind}" for kind in mention.kinds]
    if dep == "pobj":
        prep = root.head.lower_ if root.head.lower_ in _PREPS else "other"
        signs += [f"prep={prep}", f"back={min(mention.back, 1)}|prep={prep}"]
    if dep == "poss":
        signs.append(f"poss-of={'cue' if root.head.i == cue_i else 'other'}")
    if mention.back == 0:
        where = "before" if mention.ent.start < money.start else "after"
        signs += [f"where={where}", f"where={where}|dep={dep}",
                  f"tokens={_distance(abs(root.i - money.root.i))}",
                  f"to-cue={_distance(abs(root.i - cue_i))}"]
        if root.head.i == cue_i:
            signs.append(f"of-cue|dep={dep}")
        if dep in {"nsubj", "nsubjpass"} and root.head.dep_ == "ROOT":
            signs.append("main-subject")
    return signs


def candidates(mentions: list[Mention], money: Span, cue_i: int, kind: str, deal_type: str,
               side: str, main: str | None, before: dict[str, list[str]],
               same: Callable[[list[str], list[str]], bool]) -> list[Candidate]:
    """The cast members named near a claim, each with the signs of its nearest mention
    and of the article: the story's company, a side of the deal named before.

    :param same: whether two names are the same company (claims._same_company).
    """
    nearest: dict[str, Mention | None] = {}
    count: dict[str, int] = {}
    for mention in mentions:
        key = next((k for k in nearest if same([k], [mention.name])), mention.name)
        count[key] = count.get(key, 0) + 1
        best = nearest.get(key)
        if best is None or (mention.back if mention.back >= 0 else 9) < (
                best.back if best.back >= 0 else 9):
            nearest[key] = mention
    if main and not any(same([main], [k]) for k in nearest):  # the story's company
        nearest[main] = None
        count[main] = 0
    found = []
    for key, mention in nearest.items():
        signs = [f"kind={kind}", f"type={deal_type}"]
        signs += _mention_signs(mention, money, cue_i) if mention else ["unnamed-near"]
        signs.append(f"mentions={min(count[key], 3)}")
        if main and same([main], [key]):
            signs.append("main")
        for role in ("buyer", "seller"):
            if same([key], before.get(role, []) + (before.get("target", [])
                                                   if role == "seller" else [])):
                signs.append(f"before-{role}")
        crossed = [f"{side}|{s}" for s in signs]
        crossed += [f"{side}|{deal_type}|{s}" for s in signs if not s.startswith(
            ("kind=", "type="))]
        found.append(Candidate(key, crossed))
    return found


@dataclass
class SideRanker:
    """Weights for the signs of a candidate (logistic regression), and the probability a
    candidate needs to be put in an open side."""

    weights: dict[str, float]
    bias: float = 0.0
    threshold: float = 1.0
    # how much likelier than the next the best must be; two alike ("shares of A and of B
    # have been tendered") always leave the side open
    margin: float = 0.0
    # sides of deal types where filling lost more than it gained in training ("buyer|loan":
    # a lender must be named as one; a name nearby is more often the arranger or no one)
    closed: list[str] = field(default_factory=list)
    # when a list, every claim's candidates for both sides are appended (for training)
    collected: list | None = None

    @classmethod
    def load(cls, path: str | Path = SIDES_FILE) -> SideRanker:
        """Read the weights ``make train`` wrote."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            ranker = cls({str(k): float(v) for k, v in data["weights"].items()},
                         float(data["bias"]), float(data["threshold"]),
                         float(data.get("margin", 0.0)), list(data.get("closed", [])))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
            reason = f"no field {err}" if isinstance(err, KeyError) else str(err).splitlines()[0]
            raise BadConfig(f"{path}: not a side ranker's weights file ({reason})") from None
        return ranker

    def to_dict(self) -> dict:
        return {"weights": self.weights, "bias": self.bias, "threshold": self.threshold,
                "margin": self.margin, "closed": self.closed}

    def probability(self, candidate: Candidate) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in candidate.features)
        return 1 / (1 + math.exp(-z))

    def best(self, found: list[Candidate], side: str = "", deal_type: str = ""
             ) -> tuple[Candidate, float] | None:
        """The likeliest candidate, if it reaches the threshold and stands out, for a side
        of a deal type the ranker is not kept out of."""
        if not self.weights or not found or f"{side}|{deal_type}" in self.closed:
            return None
        scored = sorted(((self.probability(c), i) for i, c in enumerate(found)), reverse=True)
        p, i = scored[0]
        if p < self.threshold or (len(scored) > 1 and p - scored[1][0] <= self.margin):
            return None
        return found[i], p


@registry.misc("newsfacts.sides.v1")
def sides_v1(path: str | None = None, enabled: bool = True) -> SideRanker:
    """The side ranker of a weights file (None: the shipped rules/sides.json).

    :param enabled: false names no side by the ranker: the rules alone.
    """
    ranker = SideRanker.load(path or SIDES_FILE)
    if not enabled:
        ranker.weights = {}
    return ranker
