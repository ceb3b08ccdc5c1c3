"""Extraction in several processes: the same ``pipe()`` as Extractor, spread over workers.

Each worker loads its own pipeline once; articles go out in chunks and claims come back
in the order the articles came in. Only a few chunks are in flight at a time, so a
corpus streams through in flat memory. A worker that dies (killed, out of memory) is
reported and the articles it was working on go once more to new workers, never waited
on forever; workers ignore Ctrl-C, which the parent handles.

Why not spaCy's own ``nlp.pipe(n_process=N)``: measured against it (``python
bench/engines.py --limit 1500 --workers 2 --engines processes,spacy``, issue 15), this
pool did 58 articles/s at 11.5 CPU s per 1,000 articles, spaCy's 32 at 15.3. With
n_process the parent makes every Doc alone (cue filter, names, tokenizer), each Doc
travels to a worker and back pickled with the article it carries, and its workers start
again at every call; nor does it retry the articles of a dead worker.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING

from ..errors import WorkerDied
from .records import Claim

if TYPE_CHECKING:
    from .pipeline import ArticleLike, Extractor

_WORKER: Extractor | None = None
MAX_PROCESSES = 8
# How often a worker checks that the process that started it is alive.
PARENT_POLL_SECONDS = 0.5
# How long stopping waits for a worker to end after SIGTERM before it is killed.
_STOP_SECONDS = 3.0


def default_processes() -> int:
    """What the machine has, capped: each worker holds a model (about 250 MB)."""
    return max(1, min(os.cpu_count() or 1, MAX_PROCESSES))


def _start_worker(model: str | None, cue_filter: bool | None) -> None:
    global _WORKER
    # Ctrl-C reaches every process of the terminal's group: the parent stops the
    # workers itself, after a worker interrupted mid-chunk had broken the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_end_with_parent, args=(os.getppid(),), daemon=True,
                     name="newsfacts-parent-watch").start()
    from .pipeline import Extractor

    _WORKER = Extractor(model=model, cue_filter=cue_filter)


def _end_with_parent(parent: int) -> None:
    """End this worker when the process that started it is gone (killed with SIGKILL,
    or by the kernel for memory): nothing else would, and it would sit idle holding a
    model in memory."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def _extract_chunk(articles: list[ArticleLike]) -> list[list[Claim]]:
    assert _WORKER is not None, "worker started without its pipeline"
    return [claims for _, claims in _WORKER.pipe(articles)]


class _Chunk:
    """Articles sent to a worker together, with their result and how often they went."""

    def __init__(self, articles: list[ArticleLike]):
        self.articles = articles
        self.future: Future | None = None
        self.tries = 0


class ParallelExtractor:
    """Extract deal claims with ``processes`` worker processes.

    :param processes: worker processes; each loads the model once.
    :param model: a model package or path; None picks one (see resolve_model).
    :param cue_filter: parse only candidate passages; None takes config.cfg's setting.
    :param chunk_size: articles sent to a worker at a time.
    :param report: called with one line when a worker dies; None ignores it.
    """

    def __init__(self, processes: int, model: str | None = None,
                 cue_filter: bool | None = None, chunk_size: int = 32,
                 report: Callable[[str], None] | None = None):
        if processes < 1:
            raise ValueError(f"processes must be at least 1, got {processes}")
        self.processes = processes
        self.chunk_size = chunk_size
        self.report = report or (lambda line: None)
        self._settings = (model, cue_filter)
        self._pool = self._new_pool()
        # The workers start loading the model now (3.8 CPU s each) while this process
        # imports spaCy to check the model and reads the first articles: they used to
        # start only after both (issue 15).
        with _ctrl_c_blocked():
            for _ in range(processes):
                self._pool.submit(int)
        try:
            from .pipeline import resolve_model

            resolve_model(model)  # a missing model fails here, not in every worker
        except BaseException:
            self._stop(self._pool)
            raise
        # every chunk sent and not yet returned, by pipe() or submit(): a dead worker's
        # are all sent again, whichever call is waiting on them
        self._flying: dict[int, _Chunk] = {}

    def _new_pool(self) -> ProcessPoolExecutor:
        # "spawn": workers start clean, whatever threads the parent runs (progress bars).
        pool = ProcessPoolExecutor(self.processes,
                                   mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=self._settings)
        # A worker that dies while a chunk is being written to it leaves the queue's
        # feeder thread blocked on a pipe no one reads; the pool joins that thread when
        # it shuts down, and the parent hung at exit (seen after a Ctrl-C). Not joining
        # it loses nothing: the chunks of a stopped or broken pool are redone or dropped.
        queue = getattr(pool, "_call_queue", None)
        if queue is not None:
            queue.cancel_join_thread()
        return pool

    def worker_pids(self) -> list[int]:
        """The process ids of the running workers."""
        return list(getattr(self._pool, "_processes", None) or {})

    def pipe(self, articles: Iterable[ArticleLike]) -> Iterator[tuple[ArticleLike, list[Claim]]]:
        """Yield each article with its claims, in order."""
        articles = iter(articles)
        window: deque[_Chunk] = deque()
        try:
            while True:
                chunk = _Chunk(list(islice(articles, self.chunk_size)))
                if chunk.articles:
                    window.append(chunk)
                    self._submit(chunk)
                if window and (not chunk.articles or len(window) >= 2 * self.processes):
                    done = window.popleft()
                    try:
                        claims = self._result(done)
                    finally:
                        self._drop(done)
                    yield from zip(done.articles, claims, strict=True)
                if not chunk.articles and not window:
                    return
        finally:
            for pending in window:
                self._drop(pending)

    def submit(self, articles: list[ArticleLike]) -> list[_Chunk]:
        """Send a batch of articles to the workers now and return at once; ``collect``
        gives their claims. The ingest sends the next batch before it writes this one,
        so the workers are not idle while the store is written (issue 15)."""
        chunks = [_Chunk(articles[n:n + self.chunk_size])
                  for n in range(0, len(articles), self.chunk_size)]
        for chunk in chunks:
            self._submit(chunk)
        return chunks

    def collect(self, sent: list[_Chunk]) -> list[list[Claim]]:
        """The claims of each article of a batch ``submit`` sent, in order; waits for them."""
        try:
            return [claims for chunk in sent for claims in self._result(chunk)]
        finally:
            for chunk in sent:
                self._drop(chunk)

    def _submit(self, chunk: _Chunk) -> None:
        chunk.tries += 1
        self._flying[id(chunk)] = chunk
        try:
            with _ctrl_c_blocked():
                chunk.future = self._pool.submit(_extract_chunk, chunk.articles)
        except BrokenProcessPool:  # a worker died while the pool was idle
            chunk.tries -= 1
            self._restart()

    def _drop(self, chunk: _Chunk) -> None:
        """Forget a chunk: returned, or no longer wanted."""
        self._flying.pop(id(chunk), None)
        if chunk.future is not None:
            chunk.future.cancel()

    def _result(self, chunk: _Chunk) -> list[list[Claim]]:
        while True:
            try:
                return chunk.future.result()
            except BrokenProcessPool:
                if chunk.tries > 1:
                    raise WorkerDied(
                        f"{len(chunk.articles)} articles: an extraction worker died on them "
                        "twice") from None
                self._restart()

    def _restart(self) -> None:
        """Report the dead worker, start new ones and send them the unfinished chunks."""
        chunks = list(self._flying.values())
        processes = list((getattr(self._pool, "_processes", None) or {}).values())
        self._stop(self._pool)  # joined: each one's exit status is known
        # the pool itself terminates the other workers once one is dead
        dead = [p for p in processes if p.exitcode not in (None, 0, -signal.SIGTERM)]
        how = ", ".join(f"{p.pid} ({_ending(p.exitcode)})" for p in dead) or "unknown"
        unfinished = [c for c in chunks if c.future is None or not _finished(c.future)]
        count = sum(len(c.articles) for c in unfinished)
        self.report(f"extraction worker died: {how}; retrying its {count} articles "
                    "in new workers")
        self._pool = self._new_pool()
        for chunk in unfinished:
            chunk.tries += 1
            with _ctrl_c_blocked():
                chunk.future = self._pool.submit(_extract_chunk, chunk.articles)

    def extract(self, article: ArticleLike) -> list[Claim]:
        """Return the deal claims of one article."""
        return next(self.pipe([article]))[1]

    def close(self) -> None:
        """Stop the workers once they finish what they have."""
        self._pool.shutdown(wait=True)

    def terminate(self) -> None:
        """Stop the workers now (after Ctrl-C or an error), dropping their work."""
        self._stop(self._pool)

    @staticmethod
    def _stop(pool: ProcessPoolExecutor) -> None:
        # Only the workers are stopped: the pool's manager thread then finds them gone
        # and winds the pool up as after any dead worker. Shutting the pool down as well
        # raced with it (a traceback from its thread, and hangs).
        processes = list((getattr(pool, "_processes", None) or {}).values())
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(_STOP_SECONDS)
            if process.is_alive():
                process.kill()
                process.join(_STOP_SECONDS)

    def __enter__(self) -> ParallelExtractor:
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            self.close()
        else:
            self.terminate()


@contextmanager
def _ctrl_c_blocked() -> Iterator[None]:
    """Hold Ctrl-C while submitting, which is when the pool starts its workers: they
    inherit SIGINT blocked, so a Ctrl-C to the terminal's process group cannot kill one
    half-started (a traceback each, and once a hang), and the parent's KeyboardInterrupt
    comes after the pool's bookkeeping, not in the middle of it."""
    main = threading.current_thread() is threading.main_thread()
    caught: list[int] = []
    handler = signal.signal(signal.SIGINT, lambda n, f: caught.append(n)) if main else None
    mask = (signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            if hasattr(signal, "pthread_sigmask") else None)
    try:
        yield
    finally:
        if mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        if main:
            signal.signal(signal.SIGINT, handler)
    if caught and handler is signal.default_int_handler:
        raise KeyboardInterrupt


def _finished(future: Future) -> bool:
    """Whether a chunk's result came back (a broken pool fails every unfinished one)."""
    return future.done() and not future.cancelled() and future.exception() is None


def _ending(exitcode: int) -> str:
    if exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"
