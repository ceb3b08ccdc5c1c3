"""Extraction past one machine: sharded inputs mapped over a local Dask cluster of two
workers give the same claims as the single-process path, byte for byte after sorting; a
worker killed mid-run loses nothing; claim shards merge into the store idempotently and
resumably, as ``newsfacts ingest shards/``.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database
from test_ingest import claim_rows, wire_articles, write_jsonl

from newsfacts import __version__
from newsfacts import cli as cli_module
from newsfacts.cli import cli
from newsfacts.db import Outcome, Store
from newsfacts.engine import extract_to_shards, local_cluster
from newsfacts.errors import ArticleNotFound, BadInput
from newsfacts.ingest import ingest
from newsfacts.shards import (
    SUFFIX,
    find_claim_shards,
    is_claim_shard,
    merge_shard,
    plan_shards,
    shard_line,
)
from newsfacts.sources import Failure, read_inputs

distributed = pytest.importorskip("distributed", reason="needs the cluster extra (dask)")

ARTICLES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"


def archive(folder: Path, files: int, per_file: int = 6, start: int = 0) -> list[str]:
    """JSON Lines exports of distinct wire articles: the inputs of a sharded run."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(files):
        first = start + n * per_file
        paths.append(str(write_jsonl(folder / f"wire-{n:02d}.jsonl",
                                     wire_articles(per_file, first))))
    return paths


def single_process_lines(extractor, inputs) -> list[str]:
    """What the single-process path extracts from the inputs, as claim shard lines."""
    articles = [a for a in read_inputs(inputs) if not isinstance(a, Failure)]
    return sorted(shard_line(a, claims) for a, claims in extractor.pipe(articles))


def shard_lines(folder: Path) -> list[str]:
    lines = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        lines += [line for line in path.read_text(encoding="utf-8").splitlines()[1:]
                  if not line.startswith('{"failure"')]
    return sorted(lines)


@pytest.fixture(scope="module")
def cluster():
    """A local Dask cluster of two worker processes, as ``--engine dask`` starts one."""
    from distributed import Client

    with local_cluster(2) as cluster, Client(cluster) as client:
        yield cluster, client


def test_workers_keep_the_adaptive_malloc(cluster):
    # Dask's own default (a fixed trim threshold) cost each worker a sixth of its time.
    workers = cluster[1].run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_", "unset"))
    assert set(workers.values()) == {"unset"} and len(workers) == 2
    threads = cluster[1].run(lambda: os.environ.get("OMP_NUM_THREADS"))
    assert set(threads.values()) == {"1"}


def test_two_workers_give_the_claims_of_one_process(cluster, tmp_path, extractor):
    # Exports, and a folder whose small files go several to a shard.
    folder = tmp_path / "texts"
    folder.mkdir()
    texts = sorted(ARTICLES.glob("*.txt"))[:12]
    for path in texts:
        (folder / path.name).write_bytes(path.read_bytes())
    inputs = [*archive(tmp_path / "archive", 4, per_file=3), str(folder)]
    assert len(plan_shards([folder])) == 1
    summary = extract_to_shards(inputs, tmp_path / "shards", scheduler=cluster[0].scheduler_address)
    assert summary.failed == 0 and summary.written == len(plan_shards(inputs)) == 5
    assert summary.articles == 12 + 12
    lines = shard_lines(tmp_path / "shards")
    assert lines == single_process_lines(extractor, inputs)
    assert summary.claims == sum(len(json.loads(line)["claims"]) for line in lines) > 0


def test_a_worker_killed_mid_run_loses_nothing(cluster, tmp_path, extractor):
    local, client = cluster
    inputs = archive(tmp_path / "archive", 8, per_file=2, start=100)
    out = tmp_path / "shards"
    done: list = []

    def extract():
        try:
            done.append(extract_to_shards(inputs, out, scheduler=local.scheduler_address))
        except Exception as err:  # shown by the assertions below
            done.append(err)

    run = threading.Thread(target=extract)
    run.start()
    while not list(out.glob(f"*{SUFFIX}")) and run.is_alive():
        time.sleep(0.05)
    written_before = len(list(out.glob(f"*{SUFFIX}")))
    victim = next(iter(client.run(os.getpid).values()))
    os.kill(victim, signal.SIGKILL)
    run.join(timeout=600)
    [summary] = done
    assert 1 <= written_before < len(inputs), f"the kill came after the run: {summary}"
    assert (summary.written, summary.failed) == (len(inputs), 0), summary.failures
    assert shard_lines(out) == single_process_lines(extractor, inputs)
    assert not list(out.glob("*.tmp"))  # the killed worker's half-written file is gone
    client.wait_for_workers(2, timeout=120)  # the nanny has started a new one


def test_a_second_run_writes_only_the_missing_shards(tmp_path, extractor):
    inputs = archive(tmp_path / "archive", 3)
    out = tmp_path / "shards"
    extract_to_shards(inputs[:2], out, engine="process", extractor=extractor)
    before = {p: p.stat().st_mtime_ns for p in out.glob(f"*{SUFFIX}")}
    summary = extract_to_shards(inputs, out, engine="process", extractor=extractor)
    assert (summary.written, summary.skipped) == (1, 2)
    assert {p: p.stat().st_mtime_ns for p in before} == before


def test_a_failed_shard_is_reported_and_written_by_the_next_run(tmp_path, extractor):
    inputs = archive(tmp_path / "archive", 2)
    out = tmp_path / "shards"
    blocked = plan_shards(inputs[1:])[0].out(out)
    blocked.mkdir(parents=True)  # its file cannot be written
    summary = extract_to_shards(inputs, out, engine="process", extractor=extractor)
    assert (summary.written, summary.failed) == (1, 1)
    assert str(summary.failures[0]).startswith(f"{inputs[1]}: shard wire-01-")
    blocked.rmdir()
    summary = extract_to_shards(inputs, out, engine="process", extractor=extractor)
    assert (summary.written, summary.skipped, summary.failed) == (1, 1, 0)
    assert shard_lines(out) == single_process_lines(extractor, inputs)


def test_merge_gives_the_store_ingest_gives(tmp_path, extractor):
    inputs = [*archive(tmp_path / "archive", 3), str(ARTICLES)]
    extract_to_shards(inputs, tmp_path / "shards", engine="process", extractor=extractor)
    with Store(tmp_path / "merged.db") as store:
        merged = ingest([tmp_path / "shards"], store, extractor=lambda: pytest.fail("extracted"))
    with Store(tmp_path / "ingested.db") as store:
        ingested = ingest(inputs, store, extractor=extractor)
    assert claim_rows(tmp_path / "merged.db") == claim_rows(tmp_path / "ingested.db")
    assert (merged.new, merged.claims, merged.failed) == (ingested.new, ingested.claims, 0)


def test_a_shard_merged_twice_changes_nothing(tmp_path, extractor):
    extract_to_shards(archive(tmp_path / "archive", 2), tmp_path / "shards", engine="process",
                      extractor=extractor)
    with Store(tmp_path / "newsfacts.db") as store:
        first = ingest([tmp_path / "shards"], store)
        dump = list(store.db.conn.iterdump())
        again = ingest([tmp_path / "shards"], store)
        assert list(store.db.conn.iterdump()) == dump
    assert first.line() == "12 articles: 12 new, 0 unchanged, 0 updated, 0 failed; " \
                           f"{first.claims} claims written"
    assert again.line() == "12 articles: 0 new, 12 unchanged, 0 updated, 0 failed; " \
                           "0 claims written"


def test_a_merge_stopped_half_way_is_finished_by_the_next(tmp_path, extractor):
    inputs = archive(tmp_path / "archive", 1, per_file=10)
    extract_to_shards(inputs, tmp_path / "shards", engine="process", extractor=extractor)
    [shard] = (tmp_path / "shards").glob(f"*{SUFFIX}")
    with Store(tmp_path / "newsfacts.db") as store:
        merging = merge_shard(shard, store, batch_size=4)
        assert [next(merging)[0] for _ in range(4)] == [Outcome.NEW] * 4
        merging.close()  # stopped after its first transaction
        assert store.db["articles"].count == 4 and store.db["claim_shards"].count == 0
        outcomes = [outcome for outcome, _ in merge_shard(shard, store, batch_size=4)]
        assert outcomes == [Outcome.UNCHANGED] * 4 + [Outcome.NEW] * 6
        assert store.db["claim_shards"].count == 1
    with Store(tmp_path / "ingested.db") as store:
        ingest(inputs, store, extractor=extractor)
    assert claim_rows(tmp_path / "newsfacts.db") == claim_rows(tmp_path / "ingested.db")


def test_a_shard_of_another_version_is_refused(tmp_path, extractor):
    extract_to_shards(archive(tmp_path / "archive", 1), tmp_path / "shards", engine="process",
                      extractor=extractor)
    [shard] = (tmp_path / "shards").glob(f"*{SUFFIX}")
    lines = shard.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = lines[0].replace(f'"extractor_version": "{__version__}"',
                                '"extractor_version": "0.0.1"')
    shard.write_text("".join(lines), encoding="utf-8")
    with Store(tmp_path / "newsfacts.db") as store:
        summary = ingest([shard], store)
    assert [str(f) for f in summary.failures] == [
        f"{shard}: claims made by newsfacts 0.0.1, and this is {__version__} "
        "(extract the shard's inputs again)"]


def test_plan_shards(tmp_path):
    inputs = archive(tmp_path / "archive", 3)
    assert [s.inputs for s in plan_shards([str(tmp_path / "archive" / "*.jsonl")])] == [
        (i,) for i in inputs]
    # A folder's small files go together, up to about a megabyte a shard.
    [shard] = plan_shards([ARTICLES])
    assert len(shard.inputs) == len(list(ARTICLES.rglob("*.txt")))  # hard/ included
    assert len(plan_shards([ARTICLES], shard_bytes=20_000)) > 5
    assert plan_shards(inputs)[0].name.startswith("wire-00-")


@pytest.mark.parametrize("name,error,line", [
    ("no/such.jsonl", ArticleNotFound, "no/such.jsonl: no such file or folder"),
    ("no/*.jsonl", ArticleNotFound, "no/*.jsonl: no files match this pattern"),
    ("https://example.com/a.jsonl", BadInput,
     "https://example.com/a.jsonl: a sharded run reads files and folders only"),
], ids=["missing", "empty glob", "URL"])
def test_plan_shards_errors(name, error, line):
    with pytest.raises(error) as err:
        plan_shards([name])
    assert str(err.value) == line


def test_ingest_tells_claim_shards_from_articles(tmp_path, extractor):
    inputs = archive(tmp_path / "archive", 1)
    extract_to_shards(inputs, tmp_path / "shards", engine="process", extractor=extractor)
    [shard] = (tmp_path / "shards").glob(f"*{SUFFIX}")
    assert is_claim_shard(shard) and not is_claim_shard(Path(inputs[0]))
    found, others = find_claim_shards([tmp_path / "shards", inputs[0], str(shard), ARTICLES])
    assert found == [shard, shard] and others == [inputs[0], str(ARTICLES)]


def test_extract_out_then_ingest_from_the_command_line(tmp_path, extractor, monkeypatch):
    monkeypatch.setattr(cli_module, "_extractor", lambda model: extractor)
    inputs = archive(tmp_path / "archive", 2)
    out, db = tmp_path / "shards", tmp_path / "newsfacts.db"
    result = CliRunner().invoke(cli, ["extract", *inputs, "--out", str(out)])
    assert result.exit_code == 0, result.output
    claims = sum(len(json.loads(line)["claims"]) for line in shard_lines(out))
    lines = []
    for shard in plan_shards(inputs):
        found = sum(len(json.loads(line).get("claims", [])) for line in
                    shard.out(out).read_text(encoding="utf-8").splitlines()[1:])
        lines.append(f"{shard.out(out)}: 6 articles, {found} claims")
    assert sorted(result.stderr.splitlines()) == sorted(lines)
    assert result.stdout == f"2 shards: 2 written, 0 already written, 0 failed; 12 articles, " \
                            f"{claims} claims\n"
    result = CliRunner().invoke(cli, ["ingest", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"12 articles: 12 new, 0 unchanged, 0 updated, 0 failed; " \
                            f"{claims} claims written\n"
    assert Database(db)["claims"].count == claims


def test_extract_with_db_merges_each_shard_as_it_is_written(cluster, tmp_path, extractor):
    inputs = archive(tmp_path / "archive", 3)
    out, db = tmp_path / "shards", tmp_path / "merged.db"
    command = ["extract", *inputs, "--out", str(out), "--db", str(db), "--engine", "dask",
               "--scheduler", cluster[0].scheduler_address]
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 0, result.output
    with Store(tmp_path / "ingested.db") as store:
        ingested = ingest(inputs, store, extractor=extractor)
    assert claim_rows(db) == claim_rows(tmp_path / "ingested.db")
    assert Database(db)["deals"].count == Database(tmp_path / "ingested.db")["deals"].count > 0
    assert result.stdout.splitlines()[-1] == f"{db}: {ingested.line()}"
    # Run again: the shards are there, and merging them again changes nothing.
    dump = list(Database(db).conn.iterdump())
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 0, result.output
    assert "3 shards: 0 written, 3 already written, 0 failed" in result.stdout
    assert f"{db}: 18 articles: 0 new, 18 unchanged" in result.stdout
    assert list(Database(db).conn.iterdump()) == dump


def test_engine_options_need_out():
    result = CliRunner().invoke(cli, ["extract", "--engine", "dask", "x.jsonl"])
    assert result.exit_code == 2
    assert "Error: --engine, --scheduler, --workers and --db go with --out DIR" in result.output
