"""Build the newsfacts pipeline from config.cfg and run it over articles.

The pipeline is the extractor: its tokenizer makes an article's Doc of the passages worth
parsing, its components find the claims and complete them from the article around them.
The Extractor only makes each article's Doc (with its title and date) and batches.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Protocol

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import OOV_RANK, copy_config, load_config
from thinc.api import Config

from ..errors import BadConfig, ModelNotFound
from . import (
    around,  # noqa: F401  (registers newsfacts_around)
    attributes,  # noqa: F401  (registers newsfacts_attributes)
    components,  # noqa: F401  (registers the factories)
    cues,  # noqa: F401  (registers newsfacts.frames.v1)
    matmul,
    tokenizer,  # noqa: F401  (registers newsfacts.article_tokenizer.v1)
)
from .components import ARTICLE_ATTR
from .records import Claim

MODEL_ENV = "NEWSFACTS_MODEL"
# The most text one Doc holds: a longer article's passages go into several Docs, each
# opening with the lead. spaCy refuses a text over nlp.max_length (E088: a 5 MB single
# line failed after 86 s) and its memory grows with a Doc's length.
MAX_DOC_CHARS = 50_000
# The most articles held for one batch of the model, per Doc of the batch: about one
# Reuters article in three has a passage to parse.
ARTICLES_PER_DOC = 4


class ArticleLike(Protocol):
    text: str
    title: str | None
    published: str | None


def default_config() -> dict:
    """The settings of config.cfg, as shipped in the package."""
    path = resources.files("newsfacts.extract").joinpath("config.cfg")
    return load_config(Path(str(path)), interpolate=False)


def rules_alone_config() -> dict:
    """config.cfg with the learned side ranker off: the rules alone name the sides."""
    config = default_config()
    config["components"]["newsfacts_claims"]["sides"]["enabled"] = False
    return config


def resolve_model(model: str | None = None, config: dict | None = None) -> str:
    """Return the model to load: ``model``, else $NEWSFACTS_MODEL, else the first installed
    of config.cfg's ``models`` (the medium model before the small one, each official
    package before its republished copy).

    :param model: a package name, a path to a model folder, or ``PACKAGE:FOLDER`` for a
        model folder shipped as a package's data; None picks as above.
    """
    wanted = model or os.environ.get(MODEL_ENV)
    candidates = [wanted] if wanted else list((config or default_config())["newsfacts"]["models"])
    for name in candidates:
        found = _installed_model(name)
        if found is not None:
            return found
    raise ModelNotFound(
        f"{', '.join(candidates)}: no such spaCy model installed "
        f"(install one, or name another with --model or ${MODEL_ENV})"
    )


def _installed_model(name: str) -> str | None:
    """``name`` as spaCy can load it (a package name or a folder), or None if it is not
    installed. ``PACKAGE:FOLDER`` names the folder inside an installed package: some
    models are republished as plain package data, with no ``load()`` of their own."""
    if Path(name).is_dir():
        return name
    package, _, folder = name.partition(":")
    if importlib.util.find_spec(package.replace("-", "_")) is None:
        return None
    if not folder:
        return name
    path = Path(str(resources.files(package.replace("-", "_")).joinpath(folder)))
    return str(path) if (path / "meta.json").is_file() else None


def load_pipeline(model: str | None = None, config: dict | None = None,
                  cue_filter: bool | None = None) -> Language:
    """Build the newsfacts pipeline of config.cfg: the model's components sourced from
    the model, ours made by their factories, in the order of ``[nlp] pipeline``.

    The result is self-contained: ``nlp.to_disk(path)`` then ``spacy.load(path)`` gives
    the same pipeline, tokenizer and settings included.

    :param model: a model package or path; None picks one (see resolve_model).
    :param config: a config in the form of config.cfg; None uses the shipped file.
    :param cue_filter: parse only candidate passages; None takes the config's setting.
    """
    config = Config(config or default_config()).copy()
    source = resolve_model(model, config)
    config["paths"]["model"] = source
    if cue_filter is not None:
        config["nlp"]["tokenizer"]["cue_filter"] = cue_filter
    config = config.interpolate()
    sourced = _source_settings(config)
    with matmul.building_with(config["newsfacts"].get("matmul", "blis")):
        nlp = spacy.util.load_model_from_config(config, auto_fill=True)
        meta = _source_meta(source)
        nlp.meta["sources"] = [{k: meta.get(k) for k in ("lang", "name", "version", "license")}]
        _load_sourced(nlp, sourced, vectors=bool((meta.get("vectors") or {}).get("width")))
    return nlp


def _source_settings(config: Config) -> dict[str, tuple[Path, str]]:
    """Give each sourced component the settings it has in its model (its factory and
    configuration), as spaCy's sourcing does; return, for each, the model's folder and
    the component's name there.

    spaCy's own sourcing loads the whole model and compares its vocab with the
    pipeline's for each component it takes (one vocab compared with itself, by
    serialising 700,000 strings and the vectors): 4 of the 9 CPU seconds of a start
    (issue 15). Building the components from their settings and reading their weights,
    as spacy.load does, gives the same components.
    """
    sourced, settings = {}, {}
    for name, component in config["components"].items():
        if "source" not in component or "factory" in component:
            continue  # made by its factory (spaCy reads "factory" first too)
        if set(component) - {"source", "component"}:
            raise BadConfig(f"{name}: a sourced component takes only source and component, "
                            f"got {', '.join(sorted(component))}")
        folder = _model_folder(component["source"])
        if folder not in settings:
            settings[folder] = load_config(folder / "config.cfg", interpolate=True)
        own = component.get("component", name)
        config["components"][name] = copy_config(settings[folder]["components"][own])
        sourced[name] = (folder, own)
    return sourced


def _load_sourced(nlp: Language, sourced: dict[str, tuple[Path, str]], vectors: bool) -> None:
    """Read what the sourced components bring from their models: the strings (and the
    vectors, if the model has them) into the vocab, as spacy.load reads a model's, then
    each component's weights."""
    for folder in dict.fromkeys(folder for folder, _ in sourced.values()):
        nlp.vocab.from_disk(folder / "vocab",
                            exclude=["lookups"] if vectors else ["lookups", "vectors"])
    for name, (folder, own) in sourced.items():
        nlp.get_pipe(name).from_disk(folder / own, exclude=["vocab"])
    for lex in nlp.vocab:  # as spaCy's load_vectors_into_model leaves them
        lex.rank = nlp.vocab.vectors.key2row.get(lex.orth, OOV_RANK)


def model_name(model: str | None = None) -> str:
    """The spaCy name of the model that would be loaded ("core_web_md"), as its meta says:
    the tests' known misses are measured with the model we ship."""
    return _source_meta(resolve_model(model)).get("name", "")


def _source_meta(source: str) -> dict:
    path = Path(source) if Path(source).is_dir() else spacy.util.get_package_path(
        source.replace("-", "_"))
    found = [p for p in [path / "meta.json", *path.glob("*/meta.json")] if p.exists()]
    return srsly.read_json(found[0]) if found else {}


def _model_folder(source: str) -> Path:
    """The folder of a model's data (its config.cfg, vocab and components): ``source``
    itself, or the one inside an installed model package."""
    path = Path(source) if Path(source).is_dir() else spacy.util.get_package_path(
        source.replace("-", "_"))
    return next(p for p in [path, *path.glob("*/")] if (p / "config.cfg").is_file())


def model_batches(made: Iterable[tuple[ArticleLike, list[Doc]]], size: int
                  ) -> Iterator[list[tuple[ArticleLike, list[Doc]]]]:
    """Group articles with their Docs so that each group gives the model ``size`` Docs,
    or holds ``ARTICLES_PER_DOC * size`` articles (a run of articles with nothing to
    parse is not held back for long).

    Counted in Docs, not articles: two articles in three have none (the cue filter found
    nothing), so 32 articles gave the model about 11 Docs at a time. The parser and the
    ner move a batch's Docs on together, one step at a time, as many steps as its
    longest Doc needs: fewer, wider batches make the same parses in fewer steps
    (issue 15).
    """
    group: list[tuple[ArticleLike, list[Doc]]] = []
    docs = 0
    for article, article_docs in made:
        group.append((article, article_docs))
        docs += len(article_docs)
        if docs >= size or len(group) >= ARTICLES_PER_DOC * size:
            yield group
            group, docs = [], 0
    if group:
        yield group


def spared_components(nlp: Language, first: str | None) -> list[str]:
    """The components a Doc that may give no claim is spared: ``first`` and those after
    it, none if ``first`` is empty. They must come after the parser and the amounts,
    which Claims.may_claim reads."""
    if not first:
        return []
    names = nlp.pipe_names
    if first not in names:
        raise BadConfig(f"[newsfacts] spare_from = {first!r}: not a component of "
                        f"[nlp] pipeline ({', '.join(names)})")
    needed = [n for n in ("parser", "newsfacts_money") if n in names]
    if any(names.index(first) <= names.index(n) for n in needed):
        raise BadConfig(f"[newsfacts] spare_from = {first!r}: must come after "
                        f"{' and '.join(needed)}, whose parse and amounts decide what to spare")
    return names[names.index(first):]


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
        self.nlp = load_pipeline(model, self.config, cue_filter)
        self.batch_size = self.config["newsfacts"]["batch_size"]
        self.claims_attr = self.nlp.get_pipe_config("newsfacts_claims")["claims_attr"]
        self.spared = spared_components(self.nlp, self.config["newsfacts"].get("spare_from"))

    @property
    def cue_filter(self) -> bool:
        return self.nlp.tokenizer.cue_filter

    def make_doc(self, article: ArticleLike) -> Doc:
        """Make the one Doc ``nlp(article.text)`` would read, with the title and date."""
        return self.nlp.tokenizer.article_doc(article.text, article.title, article.published)

    def make_docs(self, article: ArticleLike) -> list[Doc]:
        """Make the Docs the pipeline reads: the article's selected passages, in Docs of
        at most MAX_DOC_CHARS (the lead opens each); none when nothing is worth parsing."""
        return self.nlp.tokenizer.article_docs(
            article.text, article.title, article.published,
            max_chars=min(MAX_DOC_CHARS, self.nlp.max_length))

    def pipe(self, articles: Iterable[ArticleLike]) -> Iterator[tuple[ArticleLike, list[Claim]]]:
        """Yield each article with its claims, in order, batching the model's work."""
        for batch in model_batches(((a, self.make_docs(a)) for a in articles),
                                   self.batch_size):
            yield from self._run(batch)

    def extract(self, article: ArticleLike) -> list[Claim]:
        """Return the deal claims of one article."""
        return next(self.pipe([article]))[1]

    def parse(self, docs: list[Doc]) -> list[Doc]:
        """Run the pipeline over ``docs``; the components from ``[newsfacts] spare_from``
        on read only the Docs that may give a claim (Claims.may_claim). The others keep
        no claim, as the whole pipeline would leave them, and no entities."""
        docs = list(self.nlp.pipe(docs, batch_size=self.batch_size, disable=self.spared))
        if not self.spared:
            return docs
        claims = self.nlp.get_pipe("newsfacts_claims")
        kept = [i for i, doc in enumerate(docs) if claims.may_claim(doc)]
        read = [docs[i] for i in kept]
        for name in self.spared:
            component = self.nlp.get_pipe(name)
            read = list(component.pipe(read, batch_size=self.batch_size)) if hasattr(
                component, "pipe") else [component(doc) for doc in read]
        for i, doc in zip(kept, read, strict=True):
            docs[i] = doc
        return docs

    def _run(self, batch: list[tuple[ArticleLike, list[Doc]]]):
        # an article with no passage worth parsing has no Doc: the model is spared it
        docs = [doc for _, article_docs in batch for doc in article_docs]
        with matmul.one_blas_thread():
            parsed = iter(self.parse(docs))
        for article, article_docs in batch:
            claims: list[Claim] = []
            for n, _ in enumerate(article_docs):
                doc = next(parsed)
                # the lead opens every Doc of a long article: its claims come from the first
                _, lead_start, lead_length = doc._.get(ARTICLE_ATTR)["passages"][0]
                claims.extend(c for c in doc._.get(self.claims_attr)
                              if n == 0 or c.start >= lead_start + lead_length)
            yield article, claims
