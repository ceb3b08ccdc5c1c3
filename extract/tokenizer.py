"""The tokenizer of a newsfacts pipeline: it makes an article's Doc.

A deal claim needs a money expression and a deal word in one sentence, so with the cue
filter on, only those passages (and the article's lead, which names the parties later
sentences leave out) go to the model, as one Doc per article, with wire markup blanked
out. The whole article travels on ``doc._.article`` (its text, title, date, names, and
where each passage came from), so that ``nlp(text)`` is the whole extractor and claims
point into the article's own text. Registered as ``newsfacts.article_tokenizer.v1`` and
named in ``[nlp.tokenizer]``, so a pipeline saved with ``nlp.to_disk()`` keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from .components import ARTICLE_ATTR
from .passages import (
    SHIPPED_CUES,
    CueFilter,
    article_country,
    clean_for_model,
    select_passages,
)

SEPARATOR = "\n\n"


@registry.tokenizers("newsfacts.article_tokenizer.v1")
def create_article_tokenizer(cue_filter: bool = True, rules: dict | None = None):
    """Make the article tokenizer over spaCy's own for the language.

    :param cue_filter: parse only candidate passages; false sends every sentence (the
        full path).
    :param rules: the rule set whose deal words the filter looks for (the one the claims
        component reads); None: the shipped one.
    """
    make_base = registry.tokenizers.get("spacy.Tokenizer.v1")()
    cues = CueFilter(rules) if rules else SHIPPED_CUES

    def create(nlp: Language) -> ArticleTokenizer:
        return ArticleTokenizer(make_base(nlp), cue_filter, cues)

    return create


class ArticleTokenizer:
    """Tokenize an article's passages worth parsing, with the article on ``doc._.article``.

    The model's own tokenizer does the tokenizing and is what is saved and loaded.
    """

    def __init__(self, tokenizer, cue_filter: bool, cues: CueFilter = SHIPPED_CUES):
        self.tokenizer = tokenizer
        self.cue_filter = cue_filter
        self.cues = cues
        split_final_period(tokenizer)

    def __call__(self, text: str) -> Doc:
        return self.article_doc(text)

    def article_doc(self, text: str, title: str | None = None,
                    published: str | None = None) -> Doc:
        """The Doc of one article: its passages worth parsing (none: an empty Doc).

        :param title: the headline, if known (helps name the parties).
        :param published: the ISO publication date, if known ("through 2031").
        """
        docs = self.article_docs(text, title, published)
        return docs[0] if docs else self._doc(text, [], self._facts(text, title, published,
                                                                      False))

    def article_docs(self, text: str, title: str | None = None, published: str | None = None,
                     max_chars: int | None = None) -> list[Doc]:
        """The Docs of one article, none when nothing is worth parsing: with ``max_chars``,
        its passages in Docs of at most that many characters, the lead opening each (a
        long article never meets spaCy's max_length, and memory stays bounded).
        """
        passages = select_passages(text, self.cue_filter, self.cues)
        if not passages:
            return []
        facts = self._facts(text, title, published, True)
        lead, groups = passages[0], []
        group, size = [lead], lead.end - lead.start
        for passage in passages[1:]:
            grown = size + passage.end - passage.start + len(SEPARATOR)
            if max_chars is not None and grown > max_chars:
                groups.append(group)
                group, size = [lead], lead.end - lead.start
                grown = size + passage.end - passage.start + len(SEPARATOR)
            group.append(passage)
            size = grown
        groups.append(group)
        return [self._doc(text, g, facts) for g in groups]

    def _facts(self, text: str, title: str | None, published: str | None,
               any_passage: bool) -> dict:
        return {
            "text": text,
            "title": title,
            # read by the first component that needs them (components.article_context)
            "names": None if any_passage else {},
            "published": published,
            "country": article_country(text),
            "about_deals": self.cues.mentions_deal(text) if any_passage else False,
        }

    def _doc(self, text: str, passages: list, facts: dict) -> Doc:
        pieces, offsets, at = [], [], 0
        for passage in passages:
            piece = clean_for_model(text[passage.start:passage.end])
            offsets.append((at, passage.start, len(piece)))
            pieces.append(piece)
            at += len(piece) + len(SEPARATOR)
        doc = self.tokenizer(SEPARATOR.join(pieces))
        doc._.set(ARTICLE_ATTR, {**facts, "passages": offsets})
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def to_disk(self, path: str | Path, **kwargs) -> None:
        self.tokenizer.to_disk(path, **kwargs)

    def from_disk(self, path: str | Path, **kwargs) -> ArticleTokenizer:
        self.tokenizer.from_disk(path, **kwargs)
        split_final_period(self.tokenizer)
        return self

    def to_bytes(self, **kwargs) -> bytes:
        return self.tokenizer.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs) -> ArticleTokenizer:
        self.tokenizer.from_bytes(data, **kwargs)
        split_final_period(self.tokenizer)
        return self


# A sentence's full stop after a name that ends in a capital behind a small letter or an
# ampersand: "a deal with SpaceX.", "sold to AT&T." (spaCy keeps those whole, as it keeps
# "U.S.", so the name is lost to the parse and the entity recogniser).
_NAME_FINAL_PERIOD = r"(?<=[a-z][A-Z])\.$|(?<=&[A-Z])\.$"


def split_final_period(tokenizer) -> None:
    """Add the name-final full stop to a tokenizer's suffixes (once)."""
    search = tokenizer.suffix_search
    pattern = getattr(getattr(search, "__self__", None), "pattern", None)
    if pattern is None or _NAME_FINAL_PERIOD in pattern:
        return
    tokenizer.suffix_search = re.compile(f"{pattern}|{_NAME_FINAL_PERIOD}").search
