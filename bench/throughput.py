"""Benchmark: newsfacts ingest against bare spaCy on the same articles, in the same run.

Measures, on the first N articles of the Reuters-21578 corpus (all of it by default):

1. the reference: ``nlp.pipe`` of the same model with all its components, one process,
   no newsfacts code, as spaCy runs it (its layers multiplying with blis); and the same
   with numpy's BLAS on one thread, as newsfacts runs the model (extract/matmul.py), so
   that what the library wins and what newsfacts wins are told apart;
2. ``newsfacts ingest`` into a fresh database (reading, extraction, writing), with one
   process and with ``--processes N``;
3. the same on the Dask engine (the cluster extra), with 1 and N workers of a local
   cluster: ``newsfacts extract --engine dask --out DIR --db FILE`` of the articles as
   shards into claim shards, each merged into the store as it is written (start-up of
   the cluster and the merge included);

and prints articles/s, words/s and the ratio to the reference both in wall-clock time and
per CPU second (user + system of every process of the run: on a shared machine the
figure the other tenants move least, and what core-hours are made of), the peak memory
of the largest single process (a worker's) and of all of them; the cost growth
(throughput at 1k, 5k and all articles); and the dev-set scores of the fast path (cue
filter) against the full path (every sentence through every component).

    python bench/throughput.py --limit 2000          # a quick run
    python bench/throughput.py --corpus ../shared/corpora/reuters21578
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578"
DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "reuters-dev.jsonl"


def reuters_articles(corpus: Path, limit: int | None):
    """The corpus's articles in file order, the first ``limit`` of them."""
    from newsfacts.sources.reuters import read_reuters

    count = 0
    for path in sorted(corpus.glob("*.sgm")):
        for article in read_reuters(path):
            if limit is not None and count >= limit:
                return
            count += 1
            yield article


def write_input(corpus: Path, limit: int | None, folder: Path) -> tuple[Path, int, int]:
    """The input ``newsfacts ingest`` reads: the corpus folder itself for all of it, else a
    JSON Lines file of the first ``limit`` articles. Returns (input, articles, words)."""
    articles = words = 0
    if limit is None:
        for article in reuters_articles(corpus, None):
            articles += 1
            words += len(article.text.split())
        return corpus, articles, words
    path = folder / f"reuters-{limit}.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for article in reuters_articles(corpus, limit):
            articles += 1
            words += len(article.text.split())
            f.write(json.dumps({"text": article.text, "title": article.title,
                                "published": article.published, "outlet": article.outlet,
                                "url": f"reuters:{article.id}"}) + "\n")
    return path, articles, words


def write_shards(corpus: Path, limit: int | None, folder: Path, shards: int) -> str:
    """The input of an engine run: the corpus folder for all of it (one shard per .sgm
    file), else the first ``limit`` articles as ``shards`` JSON Lines files (a glob)."""
    if limit is None:
        return str(corpus)
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        files = [stack.enter_context(open(folder / f"part-{n:02d}.jsonl", "w", encoding="utf-8"))
                 for n in range(shards)]
        for number, article in enumerate(reuters_articles(corpus, limit)):
            files[number % shards].write(json.dumps(
                {"text": article.text, "title": article.title, "published": article.published,
                 "outlet": article.outlet, "url": f"reuters:{article.id}"}) + "\n")
    return str(folder / "*.jsonl")


def has_engine() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def measure(command: list[str]) -> tuple[float, int]:
    """Run a command; return its wall time and the peak RSS of it and its children.

    The peak RSS of the largest single process among them (a worker, or the one process
    of a 1-process run) is kept in ``measure.process_peak``.

    The CPU time of the command and every process under it (user + system, as reported
    when they are waited for) is kept in ``measure.cpu``: on a shared machine it is the
    figure that does not depend on the other tenants, and what core-hours are made of.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = process_peak = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            rss = [p.memory_info().rss for p in tree if p.is_running()]
            peak, process_peak = max(peak, sum(rss)), max([process_peak, *rss])
        except psutil.Error:
            pass
        time.sleep(0.1)
    measure.process_peak = process_peak
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    measure.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return seconds, peak


def reference_stage(corpus: Path, limit: int | None, matmul: str) -> None:
    """The reference, run in its own process: bare nlp.pipe with every component, its
    layers built to multiply with ``matmul``'s library."""
    import spacy

    from newsfacts.extract import resolve_model
    from newsfacts.extract.matmul import building_with, one_blas_thread

    with building_with(matmul):
        nlp = spacy.load(resolve_model())
    with one_blas_thread():
        for _ in nlp.pipe(a.text for a in reuters_articles(corpus, limit)):
            pass


def dev_scores(gold: Path, corpus: Path) -> dict[str, dict]:
    """F1 and the party scores of the fast path and the full path on the dev gold."""
    from newsfacts.evaluate import evaluate, load_gold_set
    from newsfacts.extract import Extractor

    gold_set = load_gold_set(gold, corpus)
    systems = {"fast path": Extractor(cue_filter=True), "full path": Extractor(cue_filter=False)}
    results = evaluate([gold_set], systems)
    return {name: cards["all"].to_dict() for name, cards in results.items()}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None,
                        help="first N articles only (default: the whole corpus)")
    parser.add_argument("--processes", type=int, default=None,
                        help="worker processes for the parallel ingest (default: cores)")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--stage", choices=["reference"], help=argparse.SUPPRESS)
    parser.add_argument("--matmul", default="blis", help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--no-growth", action="store_true",
                        help="skip the cost-growth runs (1k and 5k articles again)")
    args = parser.parse_args(argv)
    if args.stage == "reference":
        reference_stage(args.corpus, args.limit, args.matmul)
        return
    if not args.corpus.is_dir():
        print(f"skipped: no Reuters-21578 corpus at {args.corpus} (give --corpus DIR)")
        return
    from newsfacts.extract import resolve_model
    from newsfacts.extract.parallel import default_processes

    processes = args.processes or max(2, default_processes())
    newsfacts = [sys.executable, "-m", "newsfacts"]
    began, load = time.perf_counter(), os.getloadavg()
    rows, growth = [], []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source, articles, words = write_input(args.corpus, args.limit, tmp)
        print(f"{articles} articles, {words} words, from {args.corpus}", flush=True)

        def run(label, command):
            seconds, peak = measure(command)
            rows.append({"run": label, "seconds": seconds, "articles_per_s": articles / seconds,
                         "words_per_s": words / seconds, "peak_rss_mb": peak / 2**20,
                         "process_peak_rss_mb": measure.process_peak / 2**20,
                         "cpu_s": measure.cpu, "cpu_ms_per_article": 1000 * measure.cpu / articles,
                         "words_per_cpu_s": words / measure.cpu})
            print(f"  {label}: {seconds:.1f} s", flush=True)

        limit = [] if args.limit is None else ["--limit", str(args.limit)]
        for matmul, label in (("blis", ""), ("numpy", ", numpy's BLAS")):
            run(f"reference: bare nlp.pipe{label}, 1 process",
                [sys.executable, __file__, "--stage", "reference", "--corpus",
                 str(args.corpus), "--matmul", matmul, *limit])
        run("ingest, 1 process",
            [*newsfacts, "ingest", str(source), "--db", str(tmp / "one.db"), "-q", "-p", "1"])
        run(f"ingest, {processes} processes",
            [*newsfacts, "ingest", str(source), "--db", str(tmp / "many.db"), "-q",
             "-p", str(processes)])
        if has_engine():
            shards = write_shards(args.corpus, args.limit, tmp / "shards-in", 4 * processes)
            for workers in (1, processes):
                out, db = tmp / f"claims-{workers}", tmp / f"engine-{workers}.db"
                # Extraction on the engine, each claim shard merged as it is written.
                command = " ".join(shlex.quote(word) for word in newsfacts)
                out, db = shlex.quote(str(out)), shlex.quote(str(db))
                script = (f"{command} extract --engine dask --workers {workers} "
                          f"{shlex.quote(shards)} --out {out} --db {db} >/dev/null 2>&1")
                run(f"dask, {workers} worker{'s' if workers > 1 else ''} + merge",
                    ["sh", "-c", script])
        else:
            print("  engine runs skipped: Dask is not installed (pip install '.[cluster]')")
        for size in () if args.no_growth else (1000, 5000):
            if size < articles:
                small, n, w = write_input(args.corpus, size, tmp)
                seconds, _ = measure([*newsfacts, "ingest", str(small), "--db",
                                      str(tmp / f"growth-{size}.db"), "-q", "-p",
                                      str(processes)])
                growth.append({"articles": n, "articles_per_s": n / seconds,
                               "words_per_s": w / seconds})
        parallel = rows[3]  # the parallel ingest
        growth.append({"articles": articles, "articles_per_s": parallel["articles_per_s"],
                       "words_per_s": parallel["words_per_s"]})
    scores = dev_scores(args.gold, args.corpus) if args.gold.exists() else {}
    load = {"before": load, "after": os.getloadavg()}
    report(rows, growth, scores)
    print(f"model {resolve_model()}; load average {load['before'][0]:.2f} before, "
          f"{load['after'][0]:.2f} after; {os.cpu_count()} cores; the bench took "
          f"{(time.perf_counter() - began) / 60:.1f} min")
    if args.json:
        args.json.write_text(json.dumps({"runs": rows, "growth": growth, "dev": scores,
                                         "model": resolve_model(), "load": load},
                                        indent=2) + "\n")


def report(rows: list[dict], growth: list[dict], scores: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=170)
    reference, reference_cpu = rows[0]["words_per_s"], rows[0]["words_per_cpu_s"]
    same_blas = rows[1]["words_per_s"]
    table = Table(title="Throughput (same articles, same run)", title_justify="left")
    # x ref: words/s over the reference's (spaCy as it runs by default); x numpy ref: over
    # the reference's with numpy's BLAS, as newsfacts runs the model; x ref CPU: words per
    # CPU second over the reference's; RSS: peak MB of the largest process and of all.
    for column in ("run", "s", "articles/s", "words/s", "x ref", "x numpy ref", "CPU s",
                   "words/CPU s", "x ref CPU", "CPU ms/art", "RSS proc", "RSS all"):
        table.add_column(column, justify="left" if column == "run" else "right")
    for row in rows:
        table.add_row(row["run"], f"{row['seconds']:.1f}", f"{row['articles_per_s']:.0f}",
                      f"{row['words_per_s']:.0f}", f"{row['words_per_s'] / reference:.1f}",
                      f"{row['words_per_s'] / same_blas:.1f}",
                      f"{row['cpu_s']:.0f}", f"{row['words_per_cpu_s']:.0f}",
                      f"{row['words_per_cpu_s'] / reference_cpu:.1f}",
                      f"{row['cpu_ms_per_article']:.1f}", f"{row['process_peak_rss_mb']:.0f}",
                      f"{row['peak_rss_mb']:.0f}")
    console.print(table)
    table = Table(title="Cost growth (parallel ingest)", title_justify="left")
    for column in ("articles", "articles/s", "words/s", "vs first"):
        table.add_column(column, justify="right")
    for row in growth:
        table.add_row(str(row["articles"]), f"{row['articles_per_s']:.0f}",
                      f"{row['words_per_s']:.0f}",
                      f"{row['words_per_s'] / growth[0]['words_per_s']:.2f}")
    console.print(table)
    if scores:
        table = Table(title="Dev set: fast path against full path", title_justify="left")
        table.add_column("")
        for name in scores:
            table.add_column(name, justify="right")
        for key in ("precision", "recall", "f1", "buyer", "seller", "term", "predicted"):
            table.add_row(key, *("—" if scores[n][key] is None else f"{scores[n][key]:.3f}"
                                 if isinstance(scores[n][key], float) else str(scores[n][key])
                                 for n in scores))
        console.print(table)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
