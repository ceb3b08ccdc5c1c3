"""Extraction in several processes: the same ``pipe()`` as Extractor, spread over workers.

Each worker loads its own pipeline once; articles go out in chunks and claims come back
in the order the articles came in. Only a few chunks are in flight at a time, so a
corpus streams through in flat memory.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from .pipeline import ArticleLike, Extractor, resolve_model
from .records import Claim

_WORKER: Extractor | None = None
MAX_PROCESSES = 8


def default_processes() -> int:
    """What the machine has, capped: each worker holds a model (about 250 MB)."""
    return max(1, min(os.cpu_count() or 1, MAX_PROCESSES))


def _start_worker(model: str | None, cue_filter: bool | None) -> None:
    global _WORKER
    _WORKER = Extractor(model=model, cue_filter=cue_filter)


def _extract_chunk(articles: list[ArticleLike]) -> list[list[Claim]]:
    assert _WORKER is not None, "worker started without its pipeline"
    return [claims for _, claims in _WORKER.pipe(articles)]


class ParallelExtractor:
    """Extract deal claims with ``processes`` worker processes.

    :param processes: worker processes; each loads the model once.
    :param model: a model package or path; None picks one (see resolve_model).
    :param cue_filter: parse only candidate passages; None takes config.cfg's setting.
    :param chunk_size: articles sent to a worker at a time.
    """

    def __init__(self, processes: int, model: str | None = None,
                 cue_filter: bool | None = None, chunk_size: int = 32):
        if processes < 1:
            raise ValueError(f"processes must be at least 1, got {processes}")
        resolve_model(model)  # a missing model fails here, not in every worker
        self.processes = processes
        self.chunk_size = chunk_size
        # "spawn": workers start clean, whatever threads the parent runs (progress bars).
        context = multiprocessing.get_context("spawn")
        self._pool = context.Pool(processes, initializer=_start_worker,
                                  initargs=(model, cue_filter))

    def pipe(self, articles: Iterable[ArticleLike]) -> Iterator[tuple[ArticleLike, list[Claim]]]:
        """Yield each article with its claims, in order."""
        articles = iter(articles)
        window: deque = deque()
        while True:
            chunk = list(islice(articles, self.chunk_size))
            if chunk:
                window.append((chunk, self._pool.apply_async(_extract_chunk, (chunk,))))
            if window and (not chunk or len(window) >= 2 * self.processes):
                done, result = window.popleft()
                yield from zip(done, result.get(), strict=True)
            if not chunk and not window:
                return

    def extract(self, article: ArticleLike) -> list[Claim]:
        """Return the deal claims of one article."""
        return next(self.pipe([article]))[1]

    def close(self) -> None:
        """Stop the workers."""
        self._pool.close()
        self._pool.join()

    def __enter__(self) -> ParallelExtractor:
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            self.close()
        else:
            self._pool.terminate()
