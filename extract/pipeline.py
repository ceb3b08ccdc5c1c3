"""Load the spaCy model, add our components from config.cfg, and run it over articles.

The Extractor feeds the model only the passages worth parsing (the cue filter), as one
Doc per article, and maps the claims back to the article text.
"""

from __future__ import annotations

import importlib.util
import os
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Protocol

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import load_config

from ..errors import ModelNotFound
from . import (
    components,  # noqa: F401  (registers the factories)
    cues,  # noqa: F401  (registers newsfacts.frames.v1)
)
from .claims import article_term, cited_nearby, investors_named, points_back_to_a_deal
from .components import ARTICLE_ATTR
from .names import ArticleNames
from .passages import (
    clean_for_model,
    dateline_country,
    mentions_deal,
    select_passages,
    split_passages,
)
from .records import Claim, Party, Term
from .terms import find_terms

MODEL_ENV = "NEWSFACTS_MODEL"
_SEPARATOR = "\n\n"
# The most text one Doc holds: a longer article's passages go into several Docs, each
# opening with the lead. spaCy refuses a text over nlp.max_length (E088: a 5 MB single
# line failed after 86 s) and its memory grows with a Doc's length.
MAX_DOC_CHARS = 50_000


class ArticleLike(Protocol):
    text: str
    title: str | None
    published: str | None


def default_config() -> dict:
    """The settings of config.cfg, as shipped in the package."""
    path = resources.files("newsfacts.extract").joinpath("config.cfg")
    return load_config(Path(str(path)), interpolate=False)


def resolve_model(model: str | None = None, config: dict | None = None) -> str:
    """Return the model to load: ``model``, else $NEWSFACTS_MODEL, else the first installed
    of config.cfg's ``models`` (the official en_core_web_sm before its republished copy).

    :param model: a package name or a path to a model folder; None picks as above.
    """
    wanted = model or os.environ.get(MODEL_ENV)
    candidates = [wanted] if wanted else list((config or default_config())["newsfacts"]["models"])
    for name in candidates:
        if Path(name).is_dir() or importlib.util.find_spec(name.replace("-", "_")) is not None:
            return name
    raise ModelNotFound(
        f"{', '.join(candidates)}: no such spaCy model installed "
        f"(install one, or name another with --model or ${MODEL_ENV})"
    )


def load_pipeline(model: str | None = None, config: dict | None = None) -> Language:
    """Load the model and add the newsfacts components, configured by config.cfg.

    :param model: a model package or path; None picks one (see resolve_model).
    :param config: settings in the form of config.cfg; None uses the shipped file.
    """
    config = config or default_config()
    nlp = spacy.load(resolve_model(model, config), exclude=config["newsfacts"]["exclude"])
    placement = config["newsfacts"]["placement"]
    for name, settings in config["components"].items():
        settings = dict(settings)
        factory = settings.pop("factory")
        nlp.add_pipe(factory, name=name, config=settings, **_where(placement.get(name), nlp))
    return nlp


def _where(place: str | None, nlp: Language) -> dict:
    if place == "first":
        return {"first": True}
    if place and ":" in place:
        side, other = place.split(":", 1)
        if other in nlp.pipe_names:
            return {side: other}
    return {"last": True}


class Extractor:
    """Extract deal claims from articles with one loaded pipeline.

    >>> from types import SimpleNamespace
    >>> extractor = Extractor()
    >>> article = SimpleNamespace(title=None, published="2026-05-14", text=(
    ...     "Anthropic has agreed to pay SpaceX $45 billion over three years for compute, "
    ...     "according to a securities filing."))
    >>> [claim] = extractor.extract(article)
    >>> claim.amount.value, claim.amount.currency, claim.term.months
    (45000000000.0, 'USD', 36)
    >>> claim.names("buyer"), claim.names("seller")
    (['Anthropic'], ['SpaceX'])
    """

    def __init__(self, model: str | None = None, cue_filter: bool | None = None,
                 config: dict | None = None):
        """
        :param model: a model package or path; None picks one (see resolve_model).
        :param cue_filter: parse only candidate passages; None takes config.cfg's setting.
        :param config: settings in the form of config.cfg; None uses the shipped file.
        """
        self.config = config or default_config()
        self.nlp = load_pipeline(model, self.config)
        settings = self.config["newsfacts"]
        self.cue_filter = settings["cue_filter"] if cue_filter is None else cue_filter
        self.batch_size = settings["batch_size"]
        self.claims_attr = self.config["components"]["newsfacts_claims"]["claims_attr"]

    @property
    def model_name(self) -> str:
        return f"{self.nlp.meta['lang']}_{self.nlp.meta['name']}-{self.nlp.meta['version']}"

    def make_docs(self, article: ArticleLike) -> list[Doc]:
        """Make the Docs the pipeline reads: the article's selected passages, in Docs of
        at most MAX_DOC_CHARS (the lead opens each); none when nothing is worth parsing."""
        text = article.text
        passages = select_passages(text, self.cue_filter)
        if not passages:
            return []
        facts = {
            "names": ArticleNames.from_text(text, article.title).to_dict(),
            "published": article.published,
            "country": dateline_country(text),
            "about_deals": mentions_deal(text),
        }
        limit = min(MAX_DOC_CHARS, self.nlp.max_length)
        lead, docs = passages[0], []
        group, size = [lead], lead.end - lead.start
        for passage in passages[1:]:
            if size + passage.end - passage.start + len(_SEPARATOR) > limit:
                docs.append(self._doc(text, group, facts))
                group, size = [lead], lead.end - lead.start
            group.append(passage)
            size += passage.end - passage.start + len(_SEPARATOR)
        docs.append(self._doc(text, group, facts))
        return docs

    def _doc(self, text: str, passages: list, facts: dict) -> Doc:
        pieces, offsets, at = [], [], 0
        for passage in passages:
            piece = clean_for_model(text[passage.start:passage.end])
            offsets.append((at, passage.start, len(piece)))
            pieces.append(piece)
            at += len(piece) + len(_SEPARATOR)
        doc = self.nlp.make_doc(_SEPARATOR.join(pieces))
        doc._.set(ARTICLE_ATTR, {**facts, "passages": offsets})
        return doc

    def pipe(self, articles: Iterable[ArticleLike]) -> Iterator[tuple[ArticleLike, list[Claim]]]:
        """Yield each article with its claims, in order, batching the model's work."""
        pending: list[tuple[ArticleLike, list[Doc]]] = []
        for article in articles:
            pending.append((article, self.make_docs(article)))
            if len(pending) >= self.batch_size:
                yield from self._run(pending)
                pending = []
        if pending:
            yield from self._run(pending)

    def extract(self, article: ArticleLike) -> list[Claim]:
        """Return the deal claims of one article."""
        return next(self.pipe([article]))[1]

    def _run(self, batch: list[tuple[ArticleLike, list[Doc]]]):
        docs = [doc for _, article_docs in batch for doc in article_docs]
        parsed = iter(self.nlp.pipe(docs, batch_size=self.batch_size))
        for article, article_docs in batch:
            claims: list[Claim] = []
            for n, doc in enumerate(article_docs):
                doc = next(parsed)
                # the lead opens every Doc of a long article: its claims come from the first
                lead_end = doc._.get(ARTICLE_ATTR)["passages"][0][1] + doc._.get(
                    ARTICLE_ATTR)["passages"][0][2]
                claims.extend(c for c in doc._.get(self.claims_attr)
                              if n == 0 or c.start >= lead_end)
            if claims:
                _read_around(article, claims)
            yield article, claims


def _read_around(article: ArticleLike, claims: list[Claim]) -> None:
    """Complete claims from the sentences around them, which the fast path did not parse:
    the evidence as written, a term or source the next sentences give about the deal
    ("The deal is confirmed in a securities filing", "The contract runs through 2028")."""
    text = article.text
    passages = split_passages(text)
    # Indexed once per article: claims find their passages by bisection, and only the
    # sentences followed by a cited source are searched for a claim's amount (scanning
    # every passage for every claim was quadratic in a long article).
    starts = [p.start for p in passages]
    cited: list[tuple[str, str]] | None = None
    published = _published(article)
    terms: dict[str, Term | None] = {}
    for claim in claims:
        claim.sentence = text[claim.start:claim.end]
        if claim.deal_type == "investment" and not claim.names("buyer"):
            # "Databricks closed its $10 billion round. ... led by Thrive Capital"
            at = bisect_left(starts, claim.start)
            later = [text[p.start:p.end] for p in passages[at:at + 3]]
            investors = next((found for s in later if (found := investors_named(s))), [])
            claim.parties = [Party(n, "buyer") for n in investors] + claim.parties
        if claim.term is None and claim.deal_type in {"contract", "loan"}:
            # "a 10-year contract" said once in the article is the contract's term
            if claim.deal_type not in terms:
                terms[claim.deal_type] = article_term(text, published, claim.deal_type)
            claim.term = terms[claim.deal_type]
        if claim.attribution is None:
            # the sentence after any sentence stating the same amount: "Anthropic has
            # agreed to pay SpaceX $45 billion ... The deal is confirmed in a filing."
            if cited is None:
                cited = [(text[passage.start:passage.end], source)
                         for passage, after in pairwise(passages)
                         if (source := cited_nearby(text[after.start:after.end]))]
            claim.attribution = next(
                (source for sentence, source in cited if claim.amount.text in sentence), None)
        at = bisect_left(starts, claim.end)
        following = passages[at:at + 2]
        for passage in following:
            sentence = text[passage.start:passage.end]
            if claim.term is None and claim.deal_type in {"contract", "loan"} and (
                    points_back_to_a_deal(sentence)):
                found = find_terms(sentence, published)
                if found:
                    claim.term = found[0].term


def _published(article: ArticleLike):
    from datetime import date

    try:
        return date.fromisoformat(str(article.published)[:10]) if article.published else None
    except ValueError:
        return None
