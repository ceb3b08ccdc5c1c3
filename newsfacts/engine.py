"""Extraction past one machine: a map of shards over the workers of a Dask cluster.

Extraction is a pure function of an article, so a run over an archive is a map: each
shard of the inputs (newsfacts/shards.py) is a task that reads its files, extracts their
claims and writes its claim shard. Each worker loads the model once, through a worker
plugin, and keeps it for every task it runs. The scheduler re-runs the tasks of a worker
that dies (a shard is written whole or not at all), a task that raises is retried, and a
shard that still fails is reported and written by the next run of the same command,
which skips the shards already written.

Dask distributed is the engine (chosen over Ray by measurement: docs/cluster.md). It is
an optional dependency, ``pip install 'newsfacts[cluster]'``; without a scheduler
address a local cluster of ``workers`` processes is started.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import NewsfactsError
from .shards import Shard, ShardResult, plan_shards, write_shard
from .sources.items import Failure

try:  # the cluster extra; without it only engine="process" runs
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - exercised where the extra is not installed
    WorkerPlugin = object

PLUGIN_NAME = "newsfacts-model"
ENGINES = ("process", "dask")
RETRIES = 2  # re-runs of a task that raised; a worker's death is the scheduler's business


class EngineMissing(NewsfactsError):
    """The distributed engine asked for is not installed."""


class ModelPlugin(WorkerPlugin):
    """Loads the pipeline once when a worker starts (and again in a worker that replaces
    a dead one); every task on that worker uses it.

    :param model: a model package or path; None picks one (see resolve_model).
    :param cue_filter: as for Extractor; None takes config.cfg's setting.
    """

    name = PLUGIN_NAME

    def __init__(self, model: str | None = None, cue_filter: bool | None = None):
        self.model = model
        self.cue_filter = cue_filter
        self.extractor = None

    def setup(self, worker) -> None:
        from .extract import Extractor

        self.extractor = Extractor(model=self.model, cue_filter=self.cue_filter)


# Dask's nanny gives the workers it starts a fixed MALLOC_TRIM_THRESHOLD_ (64 KiB). A fixed
# threshold turns off glibc's adaptive one: each of the model's arrays above 128 KiB is then
# mapped and unmapped afresh, and a worker spent 6.5 s of system time per 3,000 articles
# against 1.9 s without it (36 s a run against 31: docs/performance.md). None unsets it;
# the nanny's other settings (one BLAS thread) stay.
WORKER_CONFIG = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}


@contextlib.contextmanager
def local_cluster(workers: int):
    """A Dask cluster of ``workers`` single-threaded processes on this machine, each
    started with WORKER_CONFIG."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(WORKER_CONFIG), LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True,
            dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        yield cluster


def _worker_extractor():
    from distributed import get_worker

    return get_worker().plugins[PLUGIN_NAME].extractor


def extract_articles(articles: list) -> list[list]:
    """A task: the claims of each article, with the worker's model."""
    return [claims for _, claims in _worker_extractor().pipe(articles)]


def _extract_shard(shard: Shard, folder: str) -> ShardResult:
    """A task: extract one shard with the worker's model and write its claim shard."""
    return write_shard(shard, Path(folder), _worker_extractor())


@dataclass
class EngineSummary:
    """What a sharded run did: shards written, already there and failed, articles, claims.

    >>> EngineSummary(written=3, skipped=1, articles=40, claims=12).line()
    '4 shards: 3 written, 1 already written, 0 failed; 40 articles, 12 claims'
    """

    written: int = 0
    skipped: int = 0
    failed: int = 0
    articles: int = 0
    claims: int = 0
    failures: list[Failure] = field(default_factory=list)

    def line(self) -> str:
        shards = self.written + self.skipped + self.failed
        return (f"{shards} shards: {self.written} written, {self.skipped} already written, "
                f"{self.failed} failed; {self.articles} articles, {self.claims} claims")


Progress = Callable[[str, object], None]


def extract_to_shards(inputs: Iterable[str | Path], out: str | Path, engine: str = "dask",
                      scheduler: str | None = None, workers: int = 2,
                      model: str | None = None, progress: Progress | None = None,
                      extractor=None) -> EngineSummary:
    """Extract the claims of sharded inputs into claim shards in ``out``.

    :param inputs: files, folders and globs (see newsfacts.shards.plan_shards).
    :param out: the folder of claim shards; shards already in it are not made again.
    :param engine: "dask" (a cluster) or "process" (this process, one shard after another).
    :param scheduler: a Dask scheduler address (``tcp://host:8786``); None starts a local
        cluster of ``workers`` processes.
    :param workers: worker processes of the local cluster.
    :param model: a model package or path; None picks one (see resolve_model).
    :param progress: called with ("shard", ShardResult) and ("failure", Failure).
    :param extractor: for engine "process": the Extractor to use (None loads one).
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    folder = Path(out)
    notify = progress or (lambda kind, item: None)
    summary = EngineSummary()
    todo = []
    for shard in plan_shards(inputs):
        if shard.out(folder).is_file():
            summary.skipped += 1
            notify("shard", ShardResult(shard, str(shard.out(folder)), skipped=True))
        else:
            todo.append(shard)
    folder.mkdir(parents=True, exist_ok=True)
    if todo:
        results = (_run_dask(todo, folder, scheduler, workers, model) if engine == "dask"
                   else _run_here(todo, folder, model, extractor))
        for result in results:
            if isinstance(result, Failure):
                summary.failed += 1
                summary.failures.append(result)
                notify("failure", result)
                continue
            summary.written += 1
            summary.articles += result.articles
            summary.claims += result.claims
            for failure in result.failures:
                summary.failures.append(failure)
                notify("failure", failure)
            notify("shard", result)
    for stray in folder.glob("*.tmp"):  # left by a worker killed while writing
        with contextlib.suppress(OSError):
            stray.unlink()
    return summary


def _run_here(shards: list[Shard], folder: Path, model: str | None, extractor
              ) -> Iterator[ShardResult | Failure]:
    from .extract import Extractor

    extractor = extractor or Extractor(model=model)
    for shard in shards:
        try:
            yield write_shard(shard, folder, extractor)
        except (NewsfactsError, OSError) as err:
            yield Failure(shard.inputs[0], f"shard {shard.name} failed ({err})")


def _run_dask(shards: list[Shard], folder: Path, scheduler: str | None, workers: int,
              model: str | None) -> Iterator[ShardResult | Failure]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise EngineMissing("--engine dask: Dask distributed is not installed "
                            "(pip install 'newsfacts[cluster]')") from None
    from .extract import resolve_model

    resolve_model(model)  # a missing model fails here, not in every worker
    with contextlib.ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler, timeout="30s"))
            except OSError as err:
                raise EngineMissing(f"{scheduler}: no Dask scheduler answers ({err})") from None
        else:
            client = stack.enter_context(Client(stack.enter_context(local_cluster(workers))))
        client.register_plugin(ModelPlugin(model))
        futures = client.map(_extract_shard, shards, folder=str(folder.resolve()),
                             key=[f"newsfacts-shard-{s.name}" for s in shards],
                             retries=RETRIES, pure=False)
        by_key = {f.key: s for f, s in zip(futures, shards, strict=True)}
        for future in as_completed(futures):
            shard = by_key[future.key]
            try:
                yield future.result()
            except Exception as err:  # reported and counted; the next run tries again
                yield Failure(shard.inputs[0], f"shard {shard.name} failed "
                              f"({type(err).__name__}: {err})")
