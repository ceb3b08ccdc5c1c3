"""The spaCy components of newsfacts: thin glue between Doc spans and the parsers.

- ``newsfacts_money`` (before ``ner``): finds money expressions with the amount grammar,
  stores each as a span with its ``Amount``, and presets them as MONEY entities so the
  recogniser works around them (the small model tags "384 mln dlrs" as CARDINAL at best).
- ``newsfacts_names`` (after ``ner``): fixes company names with the article's own naming
  ("SpaceX" is no PERSON when the article keeps calling it a company).
- ``newsfacts_claims`` (last): reads deal frames off the parse and writes ``doc._.claims``.

Article-wide facts (title, date, names, where each passage came from) travel on
``doc._.article``; a Doc made from a whole article text works without it.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("newsfacts_money")
>>> doc = nlp("Dixons offered 90.25 dlrs a share, or about 384 mln dlrs.")
>>> [(span.text, span._.amount.value) for span in doc.spans["money"]]
[('90.25 dlrs a share', 90.25), ('about 384 mln dlrs', 384000000.0)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import srsly
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..errors import BadConfig
from .amounts import find_amounts
from .arguments import ArgumentPatterns, read_arguments
from .claims import article_claims, may_claim
from .cues import MASS_NOUNS, read_rules, rule_set
from .dates import parse_date
from .names import NOT_NAMES, ArticleNames, strip_suffixes
from .passages import (
    ARTICLE_ATTR,
    article_country,
    article_offsets,
    mentions_deal,
    split_passages,
    without_datelines,
)
from .records import Amount, Claim
from .roles import doc_text
from .sides import SideRanker
from .wholewords import has_whole_word, is_word_char

RULES_FILE = "rules.jsonl"
ARGUMENTS_FILE = "arguments.jsonl"
SIDES_FILE = "sides.json"
# The amounts the claims component read and set aside, each with the rule that did.
DROPPED_ATTR = "dropped"
_RECORD_KEY = "__newsfacts__"


# Our records on doc._ travel through DocBin and multiprocessing as msgpack maps.
@srsly.msgpack_encoders("newsfacts.records")
def _encode_record(obj, chain=None):
    if isinstance(obj, Claim | Amount):
        return {_RECORD_KEY: type(obj).__name__, "data": obj.to_dict()}
    return obj if chain is None else chain(obj)


@srsly.msgpack_decoders("newsfacts.records")
def _decode_record(obj, chain=None):
    if isinstance(obj, dict) and _RECORD_KEY in obj:
        kind = {"Claim": Claim, "Amount": Amount}[obj[_RECORD_KEY]]
        return kind.from_dict(_lists(obj["data"]))
    return obj if chain is None else chain(obj)


def _lists(value):
    """msgpack reads arrays back as tuples in spaCy's DocBin; records hold lists."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(v) for v in value]
    return value
_NAME_LABELS_TO_FIX = {"PERSON", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LOC", "FAC",
                       "EVENT", "LAW", "LANGUAGE"}


def _extension(obj, name: str, default=None) -> None:
    if not obj.has_extension(name):
        obj.set_extension(name, default=default)


_extension(Doc, ARTICLE_ATTR)


def article_context(doc: Doc) -> dict:
    """The article facts a Doc carries, computed from its own text when it carries none."""
    context = doc._.get(ARTICLE_ATTR)
    if context is None:
        context = {"text": doc.text, "country": article_country(doc.text),
                   "about_deals": mentions_deal(doc.text)}
        doc._.set(ARTICLE_ATTR, context)
    return context


def article_names(doc: Doc) -> ArticleNames:
    """The article's company names, read by the first component that needs them: a Doc
    the Extractor spares after the parse (Claims.may_claim) never pays for them."""
    context = article_context(doc)
    if context.get("names") is None:
        context["names"] = _names_of_article(context["text"], context.get("title"))
    return ArticleNames.from_dict(context["names"])


@lru_cache(maxsize=1)
def _names_of_article(text: str, title: str | None) -> dict:
    """The names of an article's text, read once for all its Docs: a long article has one
    Doc per 50,000 characters, and reading the whole text's names for each Doc was
    quadratic in its length. Shared read-only: ArticleNames.from_dict copies it."""
    return ArticleNames.from_text(without_datelines(text), title).to_dict()


# --- newsfacts_passages ---------------------------------------------------------------


@Language.factory("newsfacts_passages", requires=[], assigns=["token.is_sent_start"])
def make_passages(nlp: Language, name: str) -> Passages:
    """Build the sentence splitter that runs before the parser."""
    return Passages()


class Passages:
    """Preset sentence starts where paragraphs and sentences begin; the parser keeps them.

    News pages run headlines and paragraphs together without end punctuation; the
    parser alone joins them into one "sentence".
    """

    def __call__(self, doc: Doc) -> Doc:
        # Set in one array: each token.is_sent_start = True checks the whole Doc for a
        # parse first, which was quadratic in a long article.
        starts = doc.to_array([SENT_START])
        for passage in split_passages(doc.text):
            span = doc.char_span(passage.start, passage.end, alignment_mode="expand")
            if span is not None and len(span):
                starts[span.start] = 1
        if len(doc):
            doc.from_array([SENT_START], starts)
        return doc


# --- newsfacts_money --------------------------------------------------------------------


@Language.factory(
    "newsfacts_money",
    default_config={"spans_key": "money", "amount_attr": "amount", "set_ents": True},
    requires=[],
    assigns=["doc.spans", "doc.ents", "span._.amount"],
)
def make_money(nlp: Language, name: str, spans_key: str, amount_attr: str,
               set_ents: bool) -> Money:
    """Build the money finder from its config."""
    if not spans_key or not amount_attr:
        raise BadConfig(f"{name}: spans_key and amount_attr must be non-empty names, "
                        f"got spans_key={spans_key!r}, amount_attr={amount_attr!r}")
    return Money(spans_key=spans_key, amount_attr=amount_attr, set_ents=set_ents)


class Money:
    """Mark every money expression as a span with its parsed Amount."""

    def __init__(self, spans_key: str, amount_attr: str, set_ents: bool):
        self.spans_key = spans_key
        self.amount_attr = amount_attr
        self.set_ents = set_ents
        _extension(Span, amount_attr)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        country = article_context(doc).get("country")
        for match in find_amounts(doc.text, country=country):
            span = doc.char_span(match.start, match.end, label="MONEY", alignment_mode="expand")
            if span is None or not len(span):
                continue
            if spans and span.start < spans[-1].end:
                continue
            span._.set(self.amount_attr, match.amount)
            spans.append(span)
        doc.spans[self.spans_key] = spans
        if self.set_ents and spans:
            # Preset entities: the recogniser that runs next predicts around them, and
            # the tokens outside them stay unset for it to label.
            clashing = [e for e in doc.ents if any(e.start < s.end and s.start < e.end
                                                   for s in spans)]
            if clashing:
                doc.set_ents([], missing=clashing, default="unmodified")
            doc.set_ents(spans, default="unmodified")
        return doc


# --- newsfacts_names ------------------------------------------------------------------


@Language.factory(
    "newsfacts_names",
    default_config={"short_forms": True},
    requires=["doc.ents"],
    assigns=["doc.ents"],
)
def make_names(nlp: Language, name: str, short_forms: bool) -> Names:
    """Build the name fixer from its config."""
    if not isinstance(short_forms, bool):
        raise BadConfig(f"{name}: short_forms must be true or false, got {short_forms!r}")
    return Names(short_forms=short_forms)


class Names:
    """Label the article's company names ORG, over the model's misses and mislabels.

    With ``short_forms``, a name's short form standing alone is labelled too: "Dixons"
    for "Dixons Group PLC" in "Dixons is tendering for Cyclops shares".
    """

    def __init__(self, short_forms: bool):
        self.short_forms = short_forms

    def __call__(self, doc: Doc) -> Doc:
        names = article_names(doc)
        bare = _bare_subjects(doc)
        if bare:
            doc.set_ents(bare, default="unmodified")
        if not names.names:
            return doc
        forms = {n: _is_strong_name(n) for n in names.names}
        if self.short_forms:
            for full in names.names:
                for short in _short_forms(full):
                    forms.setdefault(short, forms[full])
        # The entity on each token, kept up to date as names replace entities: finding
        # the entities a name overlaps by scanning them all was quadratic in a long article.
        on_token: dict[int, Span] = {}
        for ent in doc.ents:
            on_token.update(dict.fromkeys(range(ent.start, ent.end), ent))
        for start, end, form in _mentions(doc.text, forms):
            span = doc.char_span(start, end, label="ORG", alignment_mode="contract")
            if span is None or not len(span):
                continue
            overlapping = list({id(e): e for i in range(span.start, span.end)
                                if (e := on_token.get(i)) is not None}.values())
            if any(e.label_ in {"MONEY", "DATE", "PERCENT", "CARDINAL"} and not _misdated(e, span)
                   for e in overlapping):
                continue
            if any(e.label_ == "PERSON" for e in overlapping) and not forms[form]:
                continue  # "Okafor" the article keeps naming is a person, "SpaceX" is not
            if all(e.label_ in _NAME_LABELS_TO_FIX or e.label_ == "ORG" or _misdated(e, span)
                   for e in overlapping):
                # keep a longer ORG the model found ("Dixons Group PLC" over "Dixons")
                if any(e.label_ == "ORG" and e.start <= span.start and e.end >= span.end
                       for e in overlapping):
                    continue
                for ent in overlapping:
                    for i in range(ent.start, ent.end):
                        del on_token[i]
                on_token.update(dict.fromkeys(range(span.start, span.end), span))
        ents = {id(e): e for e in on_token.values()}.values()
        doc.set_ents(sorted(ents, key=lambda e: e.start))
        return doc


def _misdated(ent: Span, name: Span) -> bool:
    """A company name of the article the model took for a date: "its bid for ChemLawn"
    tagged DATE. A real date has a digit or is more than the name ("March 3")."""
    return ent.label_ in {"DATE", "TIME"} and name.start <= ent.start and ent.end <= name.end \
        and not any(t.like_num for t in ent)


_CAPITAL_AFTER = re.compile(r"\s+[A-Z]")


def _mentions(text: str, forms) -> Iterator[tuple[int, int, str]]:
    """Where the article's name forms (non-empty) stand whole, left to right, the longest
    at a place first, not overlapping and not followed by a capitalised word: what
    ``(?<!\\w)(form|...)(?!\\w)(?!\\s+[A-Z])`` finds with the forms longest first, without
    compiling that pattern for each article (issue 15).

    >>> list(_mentions("Dixons Group PLC and Dixons; Dixons Group Plc", ["Dixons Group", "Dixons"]))
    [(21, 27, 'Dixons')]
    """
    places: dict[int, list[str]] = {}
    for form in sorted(forms, key=len, reverse=True):
        start = text.find(form)
        while start >= 0:
            places.setdefault(start, []).append(form)
            start = text.find(form, start + 1)
    done = 0  # where the last name found ends: the next starts there or later
    for start in sorted(places):
        if start < done or (start > 0 and is_word_char(text[start - 1])):
            continue
        for form in places[start]:
            end = start + len(form)
            if not (end < len(text) and is_word_char(text[end])) and (
                    not _CAPITAL_AFTER.match(text, end)):
                yield start, end, form
                done = end
                break


def _bare_subjects(doc: Doc) -> list[Span]:
    """Names the model took for words: a capitalised singular noun or adjective opening a
    sentence as the subject of a verb, with no determiner or modifier ("Anthropic has
    agreed to pay SpaceX", "Cohere agreed to buy"). English puts a determiner before a
    singular count noun; mass nouns ("Revenue rose", "Management said") are listed apart."""
    found = []
    for sent in doc.sents:
        tok = sent[0]
        if tok.tag_ in {"NN", "JJ", "NNS"} and tok.is_title and tok.dep_ == "nsubj" and not (
                tok.ent_type_) and tok.head.pos_ in {"VERB", "AUX"} and (
                tok.lower_ not in MASS_NOUNS) and not any(
                c.dep_ != "punct" for c in tok.children) and _no_word(tok, doc):
            found.append(Span(doc, tok.i, tok.i + 1, label="ORG"))
    return found


def _no_word(tok, doc: Doc) -> bool:
    """Whether a bare subject is no English word: a singular noun is a name (see
    _bare_subjects); an adjective only if the article never writes it in lower case ("Net
    excludes a tax charge" in a report on net income); a plural only if the model knows no
    vector for it ("Databricks has agreed", not "Analysts said"; models without vectors
    say nothing)."""
    if tok.tag_ == "NN":
        return True
    if tok.tag_ == "JJ":
        return not has_whole_word(doc_text(doc), tok.lower_)
    return bool(doc.vocab.vectors.size) and not doc.vocab[tok.lower_].has_vector


def _is_strong_name(name: str) -> bool:
    """A name no person has: a corporate suffix, an inner capital ("SpaceX"), a digit."""
    return strip_suffixes(name) != name or bool(re.search(r"[a-z][A-Z]|\d|&", name)) or (
        name.isupper() and len(name) > 1)


def _short_forms(name: str) -> set[str]:
    """"Dixons Group PLC" -> {"Dixons Group", "Dixons"}."""
    short = strip_suffixes(name)
    forms = {short} if short != name else set()
    first = name.split()[0].strip(",")
    if len(name.split()) > 1 and len(first) > 3 and first not in NOT_NAMES and first[0].isupper():
        forms.add(first)
    return forms


# --- newsfacts_claims -------------------------------------------------------------------


@Language.factory(
    "newsfacts_claims",
    default_config={
        "frames": {"@misc": "newsfacts.frames.v1"},
        "arguments": {"@misc": "newsfacts.arguments.v1"},
        "sides": {"@misc": "newsfacts.sides.v1"},
        "spans_key": "money",
        "amount_attr": "amount",
        "claims_attr": "claims",
        "min_confidence": 0.3,
        "max_cue_distance": 12,
    },
    requires=["doc.spans", "token.dep", "doc.ents"],
    assigns=["doc._.claims"],
)
def make_claims(nlp: Language, name: str, frames: dict, arguments: list[dict],
                sides: SideRanker, spans_key: str, amount_attr: str, claims_attr: str,
                min_confidence: float, max_cue_distance: int) -> Claims:
    """Build the claim reader from its config."""
    missing = {"frames", "cues", "strong", "records"} - set(frames)
    if missing:
        raise BadConfig(f"{name}: frames must have keys frames, cues, strong, records; "
                        f"missing {', '.join(sorted(missing))}")
    if not 0 <= min_confidence <= 1:
        raise BadConfig(f"{name}: min_confidence must be between 0 and 1, got {min_confidence}")
    unnamed = [r.get("id", r) for r in arguments if not {"id", "argument", "pattern"} <= set(r)]
    if unnamed:
        raise BadConfig(f"{name}: each argument pattern needs id, argument and pattern; "
                        f"these do not: {unnamed[:3]}")
    return Claims(nlp.vocab, frames=frames, arguments=arguments, sides=sides,
                  spans_key=spans_key,
                  amount_attr=amount_attr,
                  claims_attr=claims_attr, min_confidence=min_confidence,
                  max_cue_distance=max_cue_distance)


class Claims:
    """Write the article's deal claims to ``doc._.claims`` (a list of records.Claim)."""

    def __init__(self, vocab: Vocab, frames: dict, arguments: list[dict], sides: SideRanker,
                 spans_key: str, amount_attr: str, claims_attr: str, min_confidence: float,
                 max_cue_distance: int):
        self.vocab = vocab
        self.settings = {
            "cues": frames["cues"],
            "frames": frames["frames"],
            "patterns": ArgumentPatterns(vocab, arguments),
            "amount_attr": amount_attr,
            "min_confidence": min_confidence,
            "max_cue_distance": max_cue_distance,
            "sides": sides,
        }
        self.records = frames["records"]
        self.spans_key = spans_key
        self.claims_attr = claims_attr
        _extension(Doc, claims_attr, default=[])
        _extension(Doc, DROPPED_ATTR, default=[])
        _extension(Span, amount_attr)

    def to_disk(self, path, exclude=()) -> None:
        """Save the rule set as rules.jsonl, the argument patterns as arguments.jsonl and
        the side ranker's weights as sides.json: a saved pipeline carries the rules it ran."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / RULES_FILE, self.records)
        srsly.write_jsonl(path / ARGUMENTS_FILE, self.settings["patterns"].records)
        srsly.write_json(path / SIDES_FILE, self.settings["sides"].to_dict())

    def from_disk(self, path, exclude=()) -> Claims:
        """Load the rules a saved pipeline carries (edit them there to try a change)."""
        rules = rule_set(read_rules(Path(path) / RULES_FILE))
        self.records = rules["records"]
        self.settings.update(cues=rules["cues"], frames=rules["frames"])
        if (Path(path) / ARGUMENTS_FILE).exists():  # pipelines saved before it had none
            self.settings["patterns"] = ArgumentPatterns(
                self.vocab, read_arguments(Path(path) / ARGUMENTS_FILE))
        if (Path(path) / SIDES_FILE).exists():
            self.settings["sides"] = SideRanker.load(Path(path) / SIDES_FILE)
        return self

    def may_claim(self, doc: Doc) -> bool:
        """Whether a Doc parsed up to its amounts may give a claim (claims.may_claim)."""
        return may_claim(doc, self.spans_key, self.settings)

    def __call__(self, doc: Doc) -> Doc:
        context = article_context(doc)
        names = article_names(doc)
        published = context.get("published")
        dropped: list[dict] = []
        claims = article_claims(doc, self.spans_key, self.settings, names,
                                parse_date(published), context["about_deals"], dropped)
        offsets = context.get("passages")
        if offsets:
            for claim in claims:
                claim.start, claim.end = article_offsets(claim.start, claim.end, offsets)
            for drop in dropped:
                drop["start"], drop["end"] = article_offsets(drop["start"], drop["end"],
                                                              offsets)
        doc._.set(self.claims_attr, claims)
        doc._.set(DROPPED_ATTR, dropped)
        return doc
