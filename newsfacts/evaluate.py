"""Evaluate extraction on gold sets: find each gold article, run a system over them all,
score by GUIDELINES.md, and print the scorecard with the naive peer beside it.

Gold ids ``reuters-<NEWID>`` are looked up in the Reuters-21578 corpus folder; any other
id names a text file, relative to the gold file's folder.

Every gold set is scored whole and in its two parts by ``newsfacts.split`` (the tune part
and the held-out third), and so is "all" (every set but the stream samples together). A
stream sample (articles drawn from a whole wire, most without a deal) is scored the same
way but kept out of "all": its precision is the stream precision.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .articles import Article
from .errors import ArticleNotFound
from .extract.records import Claim
from .scoring import GoldDeal, Scorecard, load_gold, merge, score
from .sources.reuters import read_reuters
from .sources.text import read_text_file
from .split import PARTS, part_of


@dataclass
class GoldSet:
    """A gold file with its articles found."""

    path: Path
    gold: dict[str, list[GoldDeal]]
    articles: dict[str, Article]

    @property
    def name(self) -> str:
        return self.path.name


def load_gold_set(path: str | Path, corpus: str | Path | None = None) -> GoldSet:
    """Read a gold file and find each of its articles.

    :param path: a gold JSON Lines file (GUIDELINES.md form).
    :param corpus: the Reuters-21578 folder, needed for ``reuters-<NEWID>`` ids.
    """
    path = Path(path)
    if not path.exists():
        raise ArticleNotFound(f"{path}: no such gold file")
    gold = load_gold(path)
    articles: dict[str, Article] = {}
    reuters_ids = {i for i in gold if i.startswith("reuters-")}
    if reuters_ids:
        if corpus is None or not Path(corpus).is_dir():
            raise ArticleNotFound(
                f"{corpus or '--corpus'}: the Reuters-21578 folder is needed for "
                f"{len(reuters_ids)} articles of {path}")
        for sgm in sorted(Path(corpus).glob("*.sgm")):
            for article in read_reuters(sgm):
                if isinstance(article, Article) and article.id in reuters_ids:
                    articles[article.id] = article
    for doc_id in gold:
        if doc_id in reuters_ids:
            continue
        article, _ = read_text_file(path.parent / doc_id)
        article.id = doc_id
        articles[doc_id] = article
    missing = sorted(set(gold) - set(articles))
    if missing:
        raise ArticleNotFound(f"{path}: articles not found: {', '.join(missing[:5])}")
    return GoldSet(path=path, gold=gold, articles=articles)


def predict(system, gold_set: GoldSet) -> dict[str, list[Claim]]:
    """Run a system (anything with ``pipe(articles)``) over a gold set's articles."""
    ids = list(gold_set.gold)
    return {article.id: claims
            for article, claims in system.pipe(gold_set.articles[i] for i in ids)}


ALL = "all"


def part_key(name: str, part: str) -> str:
    """The results key of one part of a gold set: ``"gold.jsonl: held-out"``."""
    return f"{name}: {part}"


def split_gold(gold: dict[str, list[GoldDeal]]) -> dict[str, dict[str, list[GoldDeal]]]:
    """A gold set's articles by part: ``{"tune": {...}, "held-out": {...}}``."""
    parts: dict[str, dict[str, list[GoldDeal]]] = {part: {} for part in PARTS}
    for doc_id, deals in gold.items():
        parts[part_of(doc_id)][doc_id] = deals
    return parts


def score_parts(name: str, predictions: dict[str, list[Claim]],
                gold: dict[str, list[GoldDeal]]) -> dict[str, Scorecard]:
    """A gold set's scorecard, whole and for each part."""
    cards = {name: score(predictions, gold)}
    for part, part_gold in split_gold(gold).items():
        cards[part_key(name, part)] = score(predictions, part_gold)
    return cards


def evaluate(gold_sets: Iterable[GoldSet], systems: dict,
             stream_sets: Iterable[GoldSet] = (),
             predictions: dict | None = None) -> dict[str, dict[str, Scorecard]]:
    """Score each system on each gold set and its parts, and on all sets together ("all").

    :param systems: name -> system with ``pipe(articles)`` yielding (article, claims).
    :param stream_sets: stream samples, scored alike but kept out of "all" (they may
        share articles with the other sets).
    :param predictions: if given, filled with system -> gold set name -> doc_id -> claims
        (the gold sets' only, not the streams').
    """
    gold_sets, stream_sets = list(gold_sets), list(stream_sets)
    results: dict[str, dict[str, Scorecard]] = {}
    for name, system in systems.items():
        cards: dict[str, Scorecard] = {}
        predicted = {gs.name: predict(system, gs) for gs in gold_sets}
        if predictions is not None:
            predictions[name] = predicted
        for gs in gold_sets:
            cards.update(score_parts(gs.name, predicted[gs.name], gs.gold))
        cards[ALL] = merge(cards[gs.name] for gs in gold_sets)
        for part in PARTS:
            cards[part_key(ALL, part)] = merge(cards[part_key(gs.name, part)]
                                               for gs in gold_sets)
        for gs in stream_sets:
            cards.update(score_parts(gs.name, predict(system, gs), gs.gold))
        results[name] = cards
    return results


ROWS = [
    ("precision", "Precision", "{:.2f}"),
    ("recall", "Deal recall", "{:.2f}"),
    ("f1", "F1", "{:.2f}"),
    ("buyer", "Buyer", "{:.2f}"),
    ("seller", "Seller", "{:.2f}"),
    ("term", "Term", "{:.2f}"),
    ("deal_type", "Deal type", "{:.2f}"),
    ("attribution", "Attribution found", "{:.2f}"),
    ("both_parties", "Both parties right", "{:.2f}"),
    ("predicted", "Claims predicted", "{}"),
    ("correct", "Claims correct", "{}"),
    ("gold_deals", "Gold deals", "{}"),
    ("no_deal_false_claims", "Claims on no-deal articles", "{}"),
]


def scorecard_json(results: dict[str, dict[str, Scorecard]]) -> str:
    """The scorecard as JSON: system -> gold set -> numbers."""
    return json.dumps({system: {name: card.to_dict() for name, card in cards.items()}
                       for system, cards in results.items()}, indent=2)

