"""Benchmark: Dask distributed against Ray as the engine for extraction, on one machine.

Measures, for each engine installed, with N workers (one model each) on the first
--limit Reuters-21578 articles: the start-up (cluster up and the model loaded in every
worker), the throughput of extraction as a map over chunks of articles, the memory of
each worker and of the whole process tree (the engine's own daemons included); and, as
the yardstick, ``ParallelExtractor`` with N processes on the same articles in the same
run. This is what chose the engine (docs/cluster.md). ``--engines processes,spacy``
compares ParallelExtractor with spaCy's own ``nlp.pipe(n_process=N)``.

    python bench/engines.py --limit 400 --workers 2
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import contextlib

from throughput import DEFAULT_CORPUS, reuters_articles

CHUNK = 32


def tree_rss() -> int:
    """RSS of this process and every process under it, in bytes."""
    me = psutil.Process()
    total = 0
    for process in [me, *me.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += process.memory_info().rss
    return total


def tree_cpu() -> float:
    """CPU seconds (user + system) used so far by this process and every process under it:
    the engine's own daemons included. On a shared machine wall time depends on what
    else runs (and on which scheduler group the engine's processes land in); CPU time
    per article does not, and it is what a cluster bills."""
    me = psutil.Process()
    total = 0.0
    for process in [me, *me.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            times = process.cpu_times()
            total += times.user + times.system
    return total


def chunks(articles: list, size: int = CHUNK) -> list[list]:
    return [articles[i:i + size] for i in range(0, len(articles), size)]


def run_processes(articles: list, workers: int) -> dict:
    from newsfacts.extract.parallel import ParallelExtractor

    started = time.perf_counter()
    extractor = ParallelExtractor(workers)
    # The pool starts its workers lazily: one tiny chunk each brings them up with a model.
    list(extractor.pipe(articles[:workers]))
    up = time.perf_counter() - started
    started, cpu = time.perf_counter(), tree_cpu()
    claims = sum(len(c) for _, c in extractor.pipe(articles))
    seconds, cpu = time.perf_counter() - started, tree_cpu() - cpu
    worker_rss = [p.memory_info().rss for p in psutil.Process().children(recursive=True)]
    peak = tree_rss()
    extractor.close()
    return {"start_s": up, "seconds": seconds, "cpu_s": cpu, "claims": claims,
            "worker_mb": max(worker_rss) / 2**20, "tree_mb": peak / 2**20}


def run_dask(articles: list, workers: int) -> dict:
    import dask
    from distributed import Client, LocalCluster

    from newsfacts.engine import WORKER_CONFIG, ModelPlugin, extract_articles

    started = time.perf_counter()
    with dask.config.set(WORKER_CONFIG):  # the workers `newsfacts extract` starts
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, memory_limit=0)
    client = Client(cluster)
    client.register_plugin(ModelPlugin())
    up = time.perf_counter() - started
    started, cpu = time.perf_counter(), tree_cpu()
    futures = client.map(extract_articles, chunks(articles), pure=False)
    claims = sum(len(c) for result in client.gather(futures) for c in result)
    seconds, cpu = time.perf_counter() - started, tree_cpu() - cpu
    worker_rss = client.run(lambda: psutil.Process().memory_info().rss)
    peak = tree_rss()
    client.close()
    cluster.close()
    return {"start_s": up, "seconds": seconds, "cpu_s": cpu, "claims": claims,
            "worker_mb": max(worker_rss.values()) / 2**20, "tree_mb": peak / 2**20}


def run_ray(articles: list, workers: int) -> dict:
    import ray

    from newsfacts.extract import Extractor

    @ray.remote(num_cpus=1)
    class Worker:
        def __init__(self):
            self.extractor = Extractor()

        def extract(self, chunk):
            return [claims for _, claims in self.extractor.pipe(chunk)]

        def rss(self):
            return psutil.Process().memory_info().rss

    started = time.perf_counter()
    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False,
             logging_level="ERROR")
    actors = [Worker.remote() for _ in range(workers)]
    ray.get([a.rss.remote() for a in actors])  # returns once each has loaded its model
    up = time.perf_counter() - started
    started, cpu = time.perf_counter(), tree_cpu()
    pool = ray.util.ActorPool(actors)
    results = pool.map(lambda actor, chunk: actor.extract.remote(chunk), chunks(articles))
    claims = sum(len(c) for result in results for c in result)
    seconds, cpu = time.perf_counter() - started, tree_cpu() - cpu
    worker_rss = ray.get([a.rss.remote() for a in actors])
    peak = tree_rss()
    ray.shutdown()
    return {"start_s": up, "seconds": seconds, "cpu_s": cpu, "claims": claims,
            "worker_mb": max(worker_rss) / 2**20, "tree_mb": peak / 2**20}


def run_spacy(articles: list, workers: int) -> dict:
    """spaCy's own multiprocessing instead of ParallelExtractor: the Extractor's Docs
    (made here: cue filter, names, tokenizer) through ``nlp.pipe(n_process=workers)``."""
    from newsfacts.extract import Extractor

    started = time.perf_counter()
    extractor = Extractor()
    attr, nlp = extractor.claims_attr, extractor.nlp
    list(nlp.pipe((d for a in articles[:workers] for d in extractor.make_docs(a)),
                  n_process=workers))  # its workers start (and load the model) per call
    up = time.perf_counter() - started
    started, cpu = time.perf_counter(), tree_cpu_waited()
    docs = (doc for article in articles for doc in extractor.make_docs(article))
    claims, worker_rss = 0, 0
    for n, doc in enumerate(nlp.pipe(docs, n_process=workers, batch_size=CHUNK)):
        claims += len(doc._.get(attr))
        if n % 50 == 0:
            with contextlib.suppress(psutil.Error):
                children = psutil.Process().children(recursive=True)
                worker_rss = max([worker_rss, *(p.memory_info().rss for p in children)])
    seconds, cpu = time.perf_counter() - started, tree_cpu_waited() - cpu
    return {"start_s": up, "seconds": seconds, "cpu_s": cpu, "claims": claims,
            "worker_mb": worker_rss / 2**20, "tree_mb": worker_rss * (workers + 1) / 2**20}


def tree_cpu_waited() -> float:
    """CPU seconds of this process and of its children already waited for: spaCy's
    workers end with each ``nlp.pipe`` call, where tree_cpu would no longer see them."""
    import resource

    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


ENGINES = {"processes": run_processes, "dask": run_dask, "ray": run_ray, "spacy": run_spacy}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engines", default="processes,dask,ray")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"skipped: no Reuters-21578 corpus at {args.corpus} (give --corpus DIR)")
        return
    articles = list(reuters_articles(args.corpus, args.limit))
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles, {words} words, {args.workers} workers")
    rows = {}
    for name in args.engines.split(","):
        try:
            rows[name] = ENGINES[name](articles, args.workers)
        except ImportError as err:
            print(f"  {name}: not installed ({err})")
            continue
        print(f"  {name}: {rows[name]}", flush=True)
    print(f"\n{'engine':<10} {'start s':>8} {'articles/s':>11} {'words/s':>9} "
          f"{'CPU s/1k art':>13} {'worker MB':>10} {'tree MB':>8} {'claims':>7}")
    for name, row in rows.items():
        print(f"{name:<10} {row['start_s']:>8.1f} {len(articles) / row['seconds']:>11.1f} "
              f"{words / row['seconds']:>9.0f} {1000 * row['cpu_s'] / len(articles):>13.1f} "
              f"{row['worker_mb']:>10.0f} {row['tree_mb']:>8.0f} {row['claims']:>7}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
