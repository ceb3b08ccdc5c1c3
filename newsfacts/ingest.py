"""Ingest: read inputs, extract claims from what is new, write both to the store.

Articles go in batches: each batch is extracted together (the model works in batches)
and written in one transaction (a crash leaves only whole articles). Articles the store
already has, with the same text and extractor version, are not extracted again. A bad
input is counted and reported, and the batch goes on.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from .articles import Article
from .db import Outcome, Store
from .errors import Interrupted, NewsfactsError, StoreFull
from .extract import Claim
from .shards import find_claim_shards, merge_shard
from .sources import Failure, Fetcher, Warning_, read_inputs

if TYPE_CHECKING:  # spaCy loads in the workers: with --processes the parent starts them first
    from .extract import Extractor

# Articles per batch (and per transaction) of an ingest in one process: about a third of
# Reuters articles have passages to parse, so the model reads them in large batches
# (extract.pipeline.model_batches); 64 gave it about 22 Docs at a time (issue 15).
SERIAL_BATCH = 256
# Articles per batch for each worker process: chunks of 32 go out, two per worker.
WORKER_BATCH = 64


def batch_size_for(processes: int) -> int:
    """Articles per batch of an ingest with ``processes`` processes (1: no workers)."""
    return SERIAL_BATCH if processes == 1 else WORKER_BATCH * processes


@dataclass
class Summary:
    """What an ingest did: articles new, unchanged, updated and failed, claims written.

    >>> Summary(new=2, unchanged=1, failed=1, claims=3).line()
    '3 articles: 2 new, 1 unchanged, 0 updated, 1 failed; 3 claims written'
    """

    new: int = 0
    unchanged: int = 0
    updated: int = 0
    failed: int = 0
    claims: int = 0
    deals: list[str] = field(default_factory=list)  # ids of the deals regrouped
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return self.new + self.unchanged + self.updated

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        """The one-line summary the command prints."""
        return (f"{self.articles} articles: {self.new} new, {self.unchanged} unchanged, "
                f"{self.updated} updated, {self.failed} failed; {self.claims} claims written")

    def to_dict(self) -> dict:
        """The summary as ``--report`` writes it: counts, timing, every failure and warning."""
        return {
            "articles": self.articles, "new": self.new, "unchanged": self.unchanged,
            "updated": self.updated, "failed": self.failed, "claims": self.claims,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles_per_second, 1),
            "failures": [{"input": f.input, "reason": f.reason, "line": f"Error: {f}"}
                         | ({"traceback": f.traceback} if f.traceback else {})
                         for f in self.failures],
            "warnings": self.warnings,
        }


Progress = Callable[[str, object], None]


def ingest(inputs: Iterable[str | Path], store: Store,
           extractor: Extractor | Callable[[], Extractor] | None = None,
           batch_size: int = SERIAL_BATCH, progress: Progress | None = None,
           fetcher: Fetcher | None = None) -> Summary:
    """Ingest articles into ``store``; return what was done.

    Each batch of articles is extracted, then written in one transaction: a crash or a
    kill leaves whole articles (each with all its claims) and a re-run does the rest.

    :param inputs: files, folders, globs, URLs, feeds and "-" (see
        newsfacts.sources.read_inputs); claim shards (``newsfacts extract --out``) and
        folders of them are merged without extracting again.
    :param store: the fact store to write.
    :param extractor: an Extractor (or a ParallelExtractor), or a function making one
        (called only when some article needs extracting, so a re-run over known articles
        loads no model); None makes the default Extractor.
    :param batch_size: articles per extraction batch and per transaction.
    :param progress: called with ("article", Outcome), ("failure", Failure) or
        ("warning", Warning_) as the ingest goes.
    :param fetcher: fetches URLs and feed links; None makes one with the defaults.
    :raises StoreFull: the disk (or the store's size limit) is full; the batches before
        the one that did not fit are stored, and the message counts them.
    :raises Interrupted: on Ctrl-C, with the summary of the whole batches stored.
    """
    summary = Summary()
    started = time.perf_counter()
    try:
        _run(inputs, store, _lazy(extractor), batch_size, progress, fetcher, summary, started)
    except KeyboardInterrupt:
        summary.seconds = time.perf_counter() - started
        raise Interrupted(summary) from None
    summary.seconds = time.perf_counter() - started
    return summary


def _run(inputs, store: Store, get_extractor, batch_size: int, progress: Progress | None,
         fetcher: Fetcher | None, summary: Summary, started: float) -> None:
    written: list[str] = []
    notify = progress or (lambda kind, item: None)
    shards, inputs = find_claim_shards(inputs)
    for shard in shards:  # extracted already (newsfacts extract --out): merged as they are
        _merge(shard, store, summary, notify)
        summary.seconds = time.perf_counter() - started
    batches = _batches(read_inputs(inputs, fetcher=fetcher), batch_size)
    for batch, sent in _sent_ahead(batches, store, get_extractor):
        articles: list[Article] = []
        for item in batch:
            if isinstance(item, Failure):
                summary.failed += 1
                summary.failures.append(item)
                notify("failure", item)
            elif isinstance(item, Warning_):
                summary.warnings.append(str(item))
                notify("warning", item)
            else:
                articles.append(item)
        if not articles:
            continue
        with _holding_ctrl_c():  # the summary counts exactly the batches stored
            try:
                results = store_articles(articles, store, get_extractor, sent)
            except StoreFull as err:  # nothing more can be written: say what was
                raise StoreFull(f"{err}; {summary.line()}") from None
            for article, result in zip(articles, results, strict=True):
                _tally(summary, result, notify)
                if not isinstance(result, Failure) and result[0] is not Outcome.UNCHANGED:
                    written.append(article.id)
        summary.seconds = time.perf_counter() - started
    if written or store.has_ungrouped_claims():
        # The deals of the companies these articles name, regrouped once for the ingest
        # (and those of an earlier ingest that was stopped before it grouped its claims).
        summary.deals = store.update_deals(written).regrouped


def _merge(shard: Path, store: Store, summary: Summary, notify: Progress) -> None:
    try:
        for result in merge_shard(shard, store):
            _tally(summary, result, notify)
    except NewsfactsError as err:
        _tally(summary, Failure.from_error(err), notify)


class ShardMerge:
    """Claim shards merged into a store one at a time, as an extraction writes them
    (``newsfacts extract --out DIR --db FILE``), and the deals regrouped once at the end.

    The store is written while the workers extract the next shards, as ``ingest
    --processes`` writes one batch while its workers extract the next, instead of all
    of it after the last shard (issue 15).

    :param store: the fact store to write.
    :param progress: called as for ``ingest``.
    """

    def __init__(self, store: Store, progress: Progress | None = None):
        self.store = store
        self.summary = Summary()
        self._notify = progress or (lambda kind, item: None)
        self._started = time.perf_counter()

    def add(self, shard: str | Path) -> None:
        """Merge one claim shard (a shard merged before changes nothing)."""
        _merge(Path(shard), self.store, self.summary, self._notify)
        self.summary.seconds = time.perf_counter() - self._started

    def finish(self) -> Summary:
        """Regroup the deals of the claims merged; return what was done."""
        if self.store.has_ungrouped_claims():
            self.summary.deals = self.store.update_deals([]).regrouped
        self.summary.seconds = time.perf_counter() - self._started
        return self.summary


def _sent_ahead(batches: Iterator[list], store: Store, get_extractor: Callable[[], Extractor]
                ) -> Iterator[tuple[list, Sent | None]]:
    """Each batch with its extraction already sent to the workers (or None).

    With worker processes the next batch goes out before this one is written: the
    workers extract it while the store is written, instead of waiting at every batch
    (issue 15). Which articles need extracting is asked again when a batch is written
    (an earlier batch may have stored one of them); what the workers were sent and is
    no longer needed is dropped, what they were not sent is extracted then.
    """
    held = None
    parallel = True  # until the extractor made says otherwise
    for batch in batches:
        sent = _send(batch, store, get_extractor) if parallel else None
        if held is not None:
            yield held
        held = (batch, sent)
        if sent is None:  # nothing in flight: no reason to wait for the next batch
            yield held
            held = None
            parallel = parallel and not _made_serial(get_extractor)
    if held is not None:
        yield held


Sent = tuple[list[Article], object]


def _send(batch: list, store: Store, get_extractor: Callable[[], Extractor]) -> Sent | None:
    """Send the articles of a batch that need extracting to the workers, if there are
    workers; return them with what collect() takes, else None."""
    todo = [a for a in batch if isinstance(a, Article) and store.needs_extraction(a)]
    if not todo:
        return None
    extractor = get_extractor()
    return (todo, extractor.submit(todo)) if hasattr(extractor, "submit") else None


def _made_serial(get_extractor) -> bool:
    """Whether the extractor was made and has no workers to send batches to ahead."""
    made = getattr(get_extractor, "made", None)
    return bool(made) and not hasattr(made[0], "submit")


@contextlib.contextmanager
def _holding_ctrl_c() -> Iterator[None]:
    """Hold a Ctrl-C until the block ends: a batch is written and counted, or neither."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught and previous is signal.default_int_handler:
        raise KeyboardInterrupt


def _tally(summary: Summary, result: tuple[Outcome, list[Claim]] | Failure,
           notify: Progress) -> None:
    if isinstance(result, Failure):
        summary.failed += 1
        summary.failures.append(result)
        notify("failure", result)
        return
    outcome, claims = result
    setattr(summary, outcome.value, getattr(summary, outcome.value) + 1)
    if outcome is not Outcome.UNCHANGED:
        summary.claims += len(claims)
    notify("article", outcome)


def store_articles(articles: list[Article], store: Store,
                   extractor: Extractor | Callable[[], Extractor] | None = None,
                   sent: Sent | None = None,
                   ) -> list[tuple[Outcome, list[Claim]] | Failure]:
    """Extract the articles the store does not have yet and write all of them in one
    transaction; return, for each article in order, (what the write did, its claims) or
    the Failure of an article whose extraction failed (not stored).

    :param articles: one batch; written in one transaction.
    :param store: the fact store to write.
    :param extractor: an Extractor (or a ParallelExtractor), a function returning one
        (called when some article needs extracting: let it return the same one each
        time), or None for the default Extractor.
    :param sent: articles of this batch already sent to the extractor's workers
        (``_send``), with what its ``collect`` takes.
    """
    is_maker = callable(extractor) and not hasattr(extractor, "pipe")
    get_extractor = extractor if is_maker else _lazy(extractor)
    todo = [a for a in articles if store.needs_extraction(a)]
    extracted, broken = _extract(get_extractor, todo, sent) if todo or sent else ({}, {})
    pairs = [(a, extracted.get(id(a), [])) for a in articles if id(a) not in broken]
    written = iter(zip(pairs, store.write(pairs), strict=True))
    results: list = []
    for article in articles:
        if id(article) in broken:
            results.append(broken[id(article)])
        else:
            (_, claims), outcome = next(written)
            results.append((outcome, claims))
    return results


def _extract(get_extractor: Callable[[], Extractor], articles: list[Article],
             sent: Sent | None = None) -> tuple[dict[int, list[Claim]], dict[int, Failure]]:
    """Extract a batch; return claims and failures, each by id() of the article.

    An exception here is a bug in extraction, not bad input. Rather than lose the
    batch (and stop a corpus at the same article on every re-run), the batch is
    extracted again article by article, and each article that fails is reported with
    its traceback and not stored; a re-run after the fix stores it.
    """
    extractor = get_extractor()
    with contextlib.suppress(Exception):  # a bug: its article is found below
        got = {} if sent is None else dict(zip(map(id, sent[0]), extractor.collect(sent[1]),
                                               strict=True))
        missing = [a for a in articles if id(a) not in got]
        if missing:  # stored when sent, changed by an earlier batch since: rare
            got.update((id(a), claims) for a, claims in extractor.pipe(missing))
        return {id(a): got[id(a)] for a in articles}, {}
    extracted, broken = {}, {}
    for article in articles:
        try:
            extracted[id(article)] = extractor.extract(article)
        except Exception as err:  # reported, counted and kept with its traceback
            broken[id(article)] = Failure(
                article.path or article.id,
                f"extraction failed ({type(err).__name__}: {err}); "
                "this is a bug in newsfacts, please report it",
                traceback="".join(traceback.format_exception(err, limit=-12)))
    return extracted, broken


def _lazy(extractor) -> Callable[[], Extractor]:
    made: list[Extractor] = []

    def get() -> Extractor:
        if not made:
            if hasattr(extractor, "pipe"):  # an Extractor or a ParallelExtractor
                made.append(extractor)
            else:
                if extractor is None:
                    from .extract import Extractor
                made.append(extractor() if extractor is not None else Extractor())
        return made[0]

    get.made = made  # what _sent_ahead looks at
    return get


def _batches(items: Iterator, size: int) -> Iterator[list]:
    items = iter(items)
    while batch := list(islice(items, size)):
        yield batch
