"""Why a claim came out as it did: the parse of its sentence, the deal words and amounts
the rules saw there, and every rule that decided something, in order.

``newsfacts extract --explain FILE`` prints this; tests and notebooks can read it as data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .components import ARTICLE_ATTR, DROPPED_ATTR
from .pipeline import ArticleLike, Extractor
from .records import Claim


@dataclass
class Word:
    """One token of a parsed sentence, as the rules read it."""

    i: int
    text: str
    pos: str
    dep: str
    head: int
    entity: str

    def to_dict(self) -> dict:
        return self.__dict__.copy()


@dataclass
class Explanation:
    """A claim with the parse of its sentence and the rules that made it."""

    claim: Claim
    words: list[Word] = field(default_factory=list)
    amounts: list[str] = field(default_factory=list)  # every amount the sentence states

    def to_dict(self) -> dict:
        return {"claim": self.claim.to_dict(), "parse": [w.to_dict() for w in self.words],
                "amounts": self.amounts}


@dataclass
class Report:
    """An article's claims, each explained, and the amounts set aside with the reason."""

    explanations: list[Explanation]
    dropped: list[dict]

    def to_dict(self) -> dict:
        return {"claims": [e.to_dict() for e in self.explanations], "dropped": self.dropped}


def explain_article(extractor: Extractor, article: ArticleLike) -> Report:
    """Explain every claim of an article, and every amount read but not claimed."""
    doc = extractor.nlp(extractor.make_doc(article))
    return Report(_explained(doc, extractor.claims_attr), list(doc._.get(DROPPED_ATTR) or []))


def explain(extractor: Extractor, article: ArticleLike) -> list[Explanation]:
    """Extract one article's claims and explain each.

    >>> from types import SimpleNamespace
    >>> [why] = explain(Extractor(), SimpleNamespace(title=None, published=None,
    ...     text="Dixons Group PLC said it agreed to buy Cyclops Corp for 384 mln dlrs."))
    >>> [step["rule"] for step in why.claim.trace][:3]
    ['link.parse', 'cue.acquire', 'acquire.subj']
    """
    return explain_article(extractor, article).explanations


def _explained(doc: Doc, claims_attr: str) -> list[Explanation]:
    out = []
    for claim in doc._.get(claims_attr):
        sent = _sentence_of(doc, claim)
        explanation = Explanation(claim)
        if sent is not None:
            explanation.words = [Word(t.i - sent.start, t.text, t.pos_, t.dep_,
                                      t.head.i - sent.start, t.ent_type_) for t in sent
                                if not t.is_space]
            explanation.amounts = [m.text for m in doc.spans.get("money", [])
                                   if sent.start <= m.start < sent.end]
        out.append(explanation)
    return out


def _sentence_of(doc: Doc, claim: Claim) -> Span | None:
    """The parsed sentence of a claim, whose offsets point into the article text."""
    at = claim.start
    for doc_start, article_start, length in (doc._.get(ARTICLE_ATTR) or {}).get(
            "passages") or [(0, 0, len(doc.text))]:
        if article_start <= at <= article_start + length:
            span = doc.char_span(at - article_start + doc_start,
                                 at - article_start + doc_start + 1, alignment_mode="expand")
            return span.sent if span is not None else None
    return None
