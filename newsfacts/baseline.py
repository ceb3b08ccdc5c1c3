"""The naive peer: the spaCy glue a user would write in an afternoon, scored beside us.

Every MONEY entity in a sentence with a deal word is a claim; the buyer is the first
ORG/PERSON/GPE before the deal word, the seller the first after. Amounts are normalised
with our own parser, so the comparison is about finding claims and parties, not about
reading numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy

from .extract.amounts import parse_amount
from .extract.pipeline import resolve_model
from .extract.records import Claim, Party

DEAL_WORDS = frozenset(
    """acquire buy purchase acquisition sell sale merge merger tender offer bid stake
    invest investment pay contract agreement deal loan credit""".split()
)
PARTY_LABELS = {"ORG", "PERSON", "GPE"}


class NaivePeer:
    """Claims from MONEY entities near deal words, parties by position."""

    def __init__(self, model: str | None = None):
        self.nlp = spacy.load(resolve_model(model))

    def pipe(self, articles: Iterable) -> Iterator[tuple[object, list[Claim]]]:
        articles = list(articles)
        docs = self.nlp.pipe((a.text for a in articles), batch_size=32)
        for article, doc in zip(articles, docs, strict=True):
            yield article, list(self._claims(doc))

    def _claims(self, doc) -> Iterator[Claim]:
        for sent in doc.sents:
            verb = next((t for t in sent if t.lemma_.lower() in DEAL_WORDS), None)
            if verb is None:
                continue
            before = [e for e in sent.ents if e.label_ in PARTY_LABELS and e.end <= verb.i]
            after = [e for e in sent.ents if e.label_ in PARTY_LABELS and e.start > verb.i]
            parties = ([Party(before[0].text, "buyer")] if before else []) + (
                [Party(after[0].text, "seller")] if after else [])
            for ent in sent.ents:
                if ent.label_ != "MONEY":
                    continue
                amount = parse_amount(ent.text)
                if amount is None:
                    continue
                yield Claim(deal_type="other", parties=parties, amount=amount,
                            sentence=sent.text, start=sent.start_char, end=sent.end_char,
                            confidence=0.5)
