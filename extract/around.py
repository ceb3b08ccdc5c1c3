"""The last component, ``newsfacts_around``: complete each claim from the article's
sentences around it, which the fast path did not parse.

The evidence as the article writes it, investors a later sentence names for a round
("... The round was led by Thrive Capital"), the one term an article gives its contracts,
a source cited in the sentence after the amount ("The deal is confirmed in a
securities filing"), else the source the article's opening names ("Wickes Plc said ..."). It
reads the whole article from ``doc._.article["text"]``; a Doc
made from a whole article text is its own article.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from functools import cached_property, lru_cache
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

from .claims import (
    article_term,
    attribution,
    buyer_named_after,
    investors_named,
    points_back_to_a_deal,
)
from .components import ARTICLE_ATTR
from .dates import parse_date
from .passages import Passage, split_passages
from .records import Claim, Party, Term
from .terms import find_terms


@Language.factory("newsfacts_around", default_config={"claims_attr": "claims"},
                  requires=["doc._.claims"], assigns=["doc._.claims"])
def make_around(nlp: Language, name: str, claims_attr: str) -> Around:
    """Build the claim completer from its config."""
    return Around(claims_attr=claims_attr)


class Around:
    """Complete ``doc._.claims`` from the sentences around each claim in the article."""

    def __init__(self, claims_attr: str):
        self.claims_attr = claims_attr
        if not Doc.has_extension(claims_attr):
            Doc.set_extension(claims_attr, default=[])

    def __call__(self, doc: Doc) -> Doc:
        claims = doc._.get(self.claims_attr)
        if not claims:
            return doc
        context = doc._.get(ARTICLE_ATTR) or {}
        text = context.get("text", doc.text)
        complete_claims(claims, text, parse_date(context.get("published")))
        return doc


def complete_claims(claims: list[Claim], text: str, published: date | None) -> None:
    """Complete claims (in place) from the article text around each one.

    Passages are indexed once per article: a claim finds its neighbours by bisection, and
    only the sentences followed by a cited source are searched for a claim's amount
    (scanning every passage for every claim was quadratic in a long article).
    """
    article = _sentences_of(text)
    for claim in claims:
        claim.sentence = text[claim.start:claim.end]
        _investors_after(claim, text, article.after(claim.start, 3))
        _buyer_after(claim, text, article.after(claim.end, 2))
        if claim.term is None and claim.deal_type in {"contract", "loan"}:
            # "a 10-year contract" said once in the article is the contract's term
            term = article.term(published, claim.deal_type)
            if term is not None:
                claim.term = term
                claim.trace.append({"rule": "term.article", "says": (
                    f"term = {claim.term.months} months, the one term the article gives "
                    f"its {claim.deal_type}s")})
        if claim.attribution is None:
            _source_after(claim, article.cited)
        if claim.term is None and claim.deal_type in {"contract", "loan"}:
            _term_after(claim, text, article.after(claim.end, 2), published)
    if article.passages:
        _source_of_article([c for c in claims if not _in_a_bullet(text, c.start)],
                           [text[p.start:p.end] for p in article.passages[:OPENING]])


class _Sentences:
    """An article's sentences, what they cite and the term it gives, read once per
    article: a long article has one Doc per 50,000 characters, and splitting and reading
    the whole text again for each Doc's claims was quadratic in its length."""

    def __init__(self, text: str):
        self.text = text
        self.passages = split_passages(text)
        self.starts = [p.start for p in self.passages]
        self._terms: dict[tuple[date | None, str], Term | None] = {}

    def after(self, at: int, count: int) -> list[Passage]:
        """The ``count`` sentences from character ``at`` on (a slice of those only: the
        tail of the list copied for each claim was quadratic too)."""
        first = bisect_left(self.starts, at)
        return self.passages[first:first + count]

    @cached_property
    def cited(self) -> list[tuple[str, str]]:
        """Each sentence followed by a sentence that cites a source, with the source."""
        text = self.text
        return [(text[passage.start:passage.end], source)
                for passage, after in pairwise(self.passages)
                if (source := attribution(text[after.start:after.end]))]

    def term(self, published: date | None, deal_type: str) -> Term | None:
        """The one term the article gives its contracts or loans (article_term)."""
        if (published, deal_type) not in self._terms:
            self._terms[published, deal_type] = article_term(self.text, published, deal_type)
        return self._terms[published, deal_type]


@lru_cache(maxsize=1)
def _sentences_of(text: str) -> _Sentences:
    """The sentences of the article last read: its Docs come one after another."""
    return _Sentences(text)


# The sentences of an article's opening: wire copy names its source in the lead, web
# copy often in the second or third sentence ("..., the companies said in a statement").
OPENING = 4


def _source_of_article(claims: list[Claim], opening: list[str]) -> None:
    """An article names its source once, early ("Wickes Plc said it would offer ...",
    "..., Orland said in a statement"), and the sentences after report what that source
    said: a claim with no source of its own takes the lead's, else the first one the
    opening cites, else the source of the claim before it."""
    lead, source = None, None
    for i, sentence in enumerate(opening):
        if source := _sentence_source(sentence):
            lead = i == 0
            break
    before = None
    for claim in sorted(claims, key=lambda c: c.start):
        if claim.attribution:
            before = claim.attribution
            continue
        if source or before:
            claim.attribution = source or before
            rule = ("attribution.lead" if lead else "attribution.opening" if source
                    else "attribution.claim-before")
            claim.trace.append({"rule": rule, "says": f"source = {claim.attribution!r}"})


def _in_a_bullet(text: str, at: int) -> bool:
    """A claim in a bulleted item of a round-up ("* Kirawa will acquire ..."): the items
    are separate stories, so none takes another's source or the opening's."""
    line = text.rfind("\n", max(0, at - 8), at) + 1  # a bullet sits just before its item
    if line == 0 and at > 8:
        return False  # (and the item's sentence may start at the bullet itself)
    return text[line:at + 1].lstrip()[:1] in _BULLETS


_BULLETS = {"*", "•", "·", "-", "–", "—", "▪"}


def _sentence_source(sentence: str) -> str | None:
    """"LONDON, March 3 - Wickes Plc <WIKS.L> said it ..." -> "Wickes Plc said"; "...,
    the companies said in a joint statement." -> "the companies said"."""
    cited = attribution(sentence)
    if cited:
        return cited
    found = _SAID.search(sentence)
    return f"{found.group(1).strip()} {found.group(2)}" if found else None


# A run of capitalised words (a ticker in angle brackets may follow) that said something,
# or a company named by its kind ("the companies said", "the board said").
_SAID = re.compile(r"((?:[A-Z][\w&.'-]*\s+(?:of\s+|and\s+)?){1,6}|"
                   r"[Tt]he (?:company|group|firm|bank|companies|firms|groups|banks|board|"
                   r"buyer|bidder|lender|partners) )(?:<[^>]{1,12}>\s+)?"
                   r"(said|says|announced|reported|told|confirmed|disclosed)\b")


def _named_buyer(claim: Claim) -> bool:
    """Whether a rule named the claim's buyer: one the side ranker guessed (claims.py,
    ``rank.buyer``) gives way to one a sentence after names."""
    return bool(claim.names("buyer")) and "rank.buyer" not in claim.rules()


def _put_buyers(claim: Claim, buyers: list[str]) -> None:
    claim.parties = [Party(n, "buyer") for n in buyers] + [
        p for p in claim.parties if p.role != "buyer"]


def _investors_after(claim: Claim, text: str, later: list[Passage]) -> None:
    """"Databricks closed its $10 billion round. ... led by Thrive Capital"."""
    if claim.deal_type != "investment" or _named_buyer(claim):
        return
    named = [investors_named(text[p.start:p.end]) for p in later]
    first = next((i for i, found in enumerate(named) if found), None)
    if first is None:
        return
    investors = named[first]
    for found in named[first + 1:]:  # "Thrive led the round. Accel also took part."
        if not found:
            break
        investors += [n for n in found if n not in investors]
    if investors:
        _put_buyers(claim, investors)
        claim.trace.append({"rule": "role.investors-named-after",
                            "says": f"buyer = {', '.join(investors)} (a sentence after)"})


def _buyer_after(claim: Claim, text: str, following: list[Passage]) -> None:
    """"Siemens has agreed to sell Innomotics for 3.5 billion euros. The buyer is KKR.":
    a sale whose sentence names no buyer, named in one of the next two sentences."""
    if claim.deal_type not in {"acquisition", "asset_sale", "stake"} or _named_buyer(
            claim) or not (claim.names("seller") or claim.names("target")):
        return
    for passage in following:
        buyers = buyer_named_after(text[passage.start:passage.end])
        if buyers:
            _put_buyers(claim, buyers)
            claim.trace.append({"rule": "role.buyer-named-after",
                                "says": f"buyer = {', '.join(buyers)} (a sentence after)"})
            return


def _source_after(claim: Claim, cited: list[tuple[str, str]]) -> None:
    """The sentence after any sentence stating the same amount: "Anthropic has agreed to
    pay SpaceX $45 billion ... The deal is confirmed in a filing"."""
    source = next((source for sentence, source in cited if claim.amount.text in sentence), None)
    if source:
        claim.attribution = source
        claim.trace.append({"rule": "attribution.sentence-after", "says": f"source = {source!r}"})


def _term_after(claim: Claim, text: str, following: list[Passage],
                published: date | None) -> None:
    """"The contract runs through 2028" in the next two sentences."""
    for passage in following:
        sentence = text[passage.start:passage.end]
        if points_back_to_a_deal(sentence):
            found = find_terms(sentence, published)
            if found:
                claim.term = found[0].term
                claim.trace.append({"rule": "term.sentence-after", "says": (
                    f"term = {claim.term.months} months ({found[0].term.text!r})")})
                return
