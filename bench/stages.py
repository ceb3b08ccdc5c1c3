"""Benchmark: where one process's CPU time goes in an ingest, stage by stage.

Runs the stages of ``newsfacts ingest`` one after the other over the first N articles of
Reuters-21578, in one process, and times each with ``time.process_time()`` (CPU time of
this process: on a shared machine the figure the neighbours move least): reading the
SGML, the cue filter, the article's company names, making the Docs, each component of
the pipeline (the model's and ours) in the batches Extractor.pipe makes, writing SQLite
in the batches of a one-process ingest and regrouping the deals; and, apart, the
start-up (importing and loading the pipeline), which every process pays once. The
profile says which functions; this says which stage, with the same articles before
and after a change.

    python bench/stages.py --limit 3000
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578"
NAMES = "company names (ArticleNames.from_text)"


def read_stage(corpus: Path, limit: int, seconds: dict) -> list:
    """The corpus's first ``limit`` articles, in file order."""
    from newsfacts.sources.reuters import read_reuters

    started = time.process_time()
    articles = []
    for path in sorted(corpus.glob("*.sgm")):
        articles += [a for a in read_reuters(path) if hasattr(a, "text")]
        if len(articles) >= limit:
            break
    seconds["reading the SGML"] += time.process_time() - started
    return articles[:limit]


def docs_stage(extractor, articles: list, seconds: dict) -> list[tuple]:
    """Each article with its Docs; the cue filter timed where make_docs calls it (timed
    on its own it would warm its caches for it)."""
    from newsfacts.extract import tokenizer

    with mock.patch.object(tokenizer, "select_passages",
                           _timed(tokenizer.select_passages, "cue filter", seconds)):
        started = time.process_time()
        made = [(a, extractor.make_docs(a)) for a in articles]
    seconds["making the Docs (the rest)"] += (time.process_time() - started) - (
        seconds["cue filter"])
    return made


def names_timed(seconds: dict):
    """Time the article's company names where the pipeline reads them (the first
    component that needs them, components.article_context)."""
    from newsfacts.extract.names import ArticleNames

    return mock.patch.object(ArticleNames, "from_text",
                             _timed(ArticleNames.from_text, NAMES, seconds))


def _timed(function, stage: str, seconds: dict):
    def timed(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[stage] += time.process_time() - started
    return timed


def pipeline_stage(extractor, made: list[tuple], seconds: dict) -> dict[int, list]:
    """Run the pipeline component by component over the batches Extractor.pipe makes;
    return claims by article."""
    from newsfacts.extract.matmul import one_blas_thread
    from newsfacts.extract.pipeline import model_batches

    size = extractor.batch_size
    claims: dict[int, list] = {}
    for batch in model_batches(made, size):
        docs = [doc for _, article_docs in batch for doc in article_docs]
        every, kept = docs, list(range(len(docs)))
        for name, proc in extractor.nlp.pipeline:
            if extractor.spared[:1] == [name]:  # as Extractor.parse spares Docs
                started = time.process_time()
                may_claim = extractor.nlp.get_pipe("newsfacts_claims").may_claim
                every, kept = docs, [i for i, doc in enumerate(docs) if may_claim(doc)]
                docs = [every[i] for i in kept]
                seconds["sparing Docs (Claims.may_claim)"] += time.process_time() - started
            started, names_before = time.process_time(), seconds[NAMES]
            with one_blas_thread(), names_timed(seconds):
                docs = list(proc.pipe(docs, batch_size=size)) if hasattr(proc, "pipe") else [
                    proc(doc) for doc in docs]
            seconds[f"component {name}"] += time.process_time() - started - (
                seconds[NAMES] - names_before)
        for i, doc in zip(kept, docs, strict=True):
            every[i] = doc
        parsed = iter(every)
        for article, article_docs in batch:
            claims[id(article)] = _kept([next(parsed) for _ in article_docs],
                                        extractor.claims_attr)
    return claims


def _kept(docs: list, claims_attr: str) -> list:
    """An article's claims as Extractor._run keeps them: the lead's from its first Doc."""
    from newsfacts.extract.components import ARTICLE_ATTR

    kept = []
    for n, doc in enumerate(docs):
        _, lead_start, lead_length = doc._.get(ARTICLE_ATTR)["passages"][0]
        kept += [c for c in doc._.get(claims_attr) if n == 0 or c.start >= lead_start + lead_length]
    return kept


def store_stage(made: list[tuple], claims: dict[int, list], folder: Path,
                seconds: dict) -> None:
    """Write the articles with their claims in the batches of a one-process ingest, then
    regroup the deals."""
    from newsfacts.db import Store
    from newsfacts.ingest import SERIAL_BATCH

    store = Store(folder / "stages.db")
    with store:
        started = time.process_time()
        articles = [a for a, _ in made]
        for first in range(0, len(articles), SERIAL_BATCH):
            batch = [a for a in articles[first:first + SERIAL_BATCH]
                     if store.needs_extraction(a)]
            store.write([(a, claims[id(a)]) for a in batch])
        seconds["writing SQLite (Store.write)"] += time.process_time() - started
        started = time.process_time()
        store.update_deals([a.id for a in articles])
        seconds["regrouping deals"] += time.process_time() - started


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=3000)
    parser.add_argument("--json", type=Path, default=None, help="write the seconds here")
    args = parser.parse_args(argv)
    started = time.process_time()
    from newsfacts.extract import Extractor

    extractor = Extractor()
    start_up = time.process_time() - started
    seconds: dict[str, float] = defaultdict(float)
    articles = read_stage(args.corpus, args.limit, seconds)
    made = docs_stage(extractor, articles, seconds)
    claims = pipeline_stage(extractor, made, seconds)
    with tempfile.TemporaryDirectory() as folder:
        store_stage(made, claims, Path(folder), seconds)
    total = sum(seconds.values())
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles, {words} words; CPU seconds of one process")
    for stage, spent in seconds.items():
        print(f"{stage:48} {spent:7.2f} {100 * spent / total:4.0f}%")
    print(f"{'total':48} {total:7.2f}")
    print(f"{'start-up (imports, loading the pipeline)':48} {start_up:7.2f}")
    if args.json:
        args.json.write_text(json.dumps({**seconds, "start-up": start_up}, indent=2) + "\n")


if __name__ == "__main__":
    main()
