"""Ingest: read inputs, extract claims from what is new, write both to the store.

Articles go in batches: each batch is extracted together (the model works in batches)
and written in one transaction (a crash leaves only whole articles). Articles the store
already has, with the same text and extractor version, are not extracted again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path

from .articles import Article
from .db import Outcome, Store
from .extract import Extractor
from .sources import Failure, Warning_, read_inputs


@dataclass
class Summary:
    """What an ingest did: articles new, unchanged, updated and failed, claims written."""

    new: int = 0
    unchanged: int = 0
    updated: int = 0
    failed: int = 0
    claims: int = 0
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return self.new + self.unchanged + self.updated

    def line(self) -> str:
        """The one-line summary the command prints."""
        return (f"{self.articles} articles: {self.new} new, {self.unchanged} unchanged, "
                f"{self.updated} updated, {self.failed} failed; {self.claims} claims written")

    def to_dict(self) -> dict:
        return asdict(self)


Progress = Callable[[str, object], None]


def ingest(inputs: Iterable[str | Path], store: Store,
           extractor: Extractor | Callable[[], Extractor] | None = None,
           batch_size: int = 64, progress: Progress | None = None) -> Summary:
    """Ingest articles into ``store``; return what was done.

    :param inputs: files, folders and corpora (see newsfacts.sources.read_inputs).
    :param store: the fact store to write.
    :param extractor: an Extractor, or a function making one (called only when some
        article needs extracting, so a re-run over known articles loads no model);
        None makes the default Extractor.
    :param batch_size: articles per extraction batch and per transaction.
    :param progress: called with ("article", Outcome), ("failure", Failure) or
        ("warning", Warning_) as the ingest goes.
    """
    summary = Summary()
    get_extractor = _lazy(extractor)
    notify = progress or (lambda kind, item: None)
    for batch in _batches(read_inputs(inputs), batch_size):
        articles: list[Article] = []
        for item in batch:
            if isinstance(item, Failure):
                summary.failed += 1
                summary.failures.append(str(item))
                notify("failure", item)
            elif isinstance(item, Warning_):
                summary.warnings.append(str(item))
                notify("warning", item)
            else:
                articles.append(item)
        if not articles:
            continue
        todo = [a for a in articles if store.needs_extraction(a)]
        extracted = {id(a): claims for a, claims in get_extractor().pipe(todo)} if todo else {}
        pairs = [(a, extracted.get(id(a), [])) for a in articles]
        for (article, claims), outcome in zip(pairs, store.write(pairs), strict=True):
            setattr(summary, outcome.value, getattr(summary, outcome.value) + 1)
            if outcome is not Outcome.UNCHANGED:
                summary.claims += len(claims)
            notify("article", outcome)
    return summary


def _lazy(extractor) -> Callable[[], Extractor]:
    made: list[Extractor] = []

    def get() -> Extractor:
        if not made:
            if isinstance(extractor, Extractor):
                made.append(extractor)
            else:
                made.append(extractor() if extractor is not None else Extractor())
        return made[0]

    return get


def _batches(items: Iterator, size: int) -> Iterator[list]:
    items = iter(items)
    while batch := list(islice(items, size)):
        yield batch
