"""The ``newsfacts`` command: a thin layer over the Python API.

Each command parses options, opens what it needs, calls one API function and prints
the result; our exceptions become one-line errors.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import NewsfactsError

DEFAULT_DB = "newsfacts.db"
model_option = click.option(
    "--model", envvar="NEWSFACTS_MODEL", default=None, metavar="NAME",
    help="spaCy model package or path [default: the first installed of en_core_web_md, "
         "its republished copy, en_core_web_sm, its republished copy; env NEWSFACTS_MODEL]")


@click.group()
@click.version_option(__version__, prog_name="newsfacts")
def cli():
    """Turn business news into a queryable record of deals."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--jsonl", is_flag=True, help="One JSON line per article (the default is a table).")
@click.option("--explain", is_flag=True,
              help="For each claim, print the parse of its sentence and every rule that made "
                   "it (with --jsonl: as JSON).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None, metavar="DIR",
              help="Write claim shards (one per input shard) to DIR, for newsfacts ingest DIR.")
@click.option("--engine", type=click.Choice(["process", "dask"]), default="process",
              show_default=True, help="With --out: extract here, or as a map on Dask.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="With --engine dask: the scheduler (tcp://HOST:8786) [default: a local "
                   "cluster of --workers processes].")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="With --engine dask and no --scheduler: local workers [default: the "
                   "machine's cores, at most 8].")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="With --out: merge each claim shard into this SQLite file as it is "
                   "written (as newsfacts ingest DIR does after the run).")
@model_option
def extract(paths, jsonl, explain, out_dir, engine, scheduler, workers, db_path, model):
    """Print the deal claims of articles, without a database; or, with --out, write them
    as claim shards, on one machine or on a Dask cluster.

    Example: newsfacts extract fixtures/articles/anthropic-spacex-compute.txt --jsonl

    Example: newsfacts extract --engine dask 'archive/*.jsonl' --out shards/ --db newsfacts.db
    """
    if out_dir is None and (engine != "process" or scheduler or workers or db_path):
        raise click.UsageError("--engine, --scheduler, --workers and --db go with --out DIR")
    if out_dir is not None and explain:
        raise click.UsageError("--explain prints claims; it does not go with --out DIR")
    if out_dir is not None:
        _extract_shards(paths, out_dir, engine, scheduler, workers, model, db_path)
        return
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
    if explain:
        _explain(extractor, articles, jsonl)
        sys.exit(1 if failed else 0)
    for article, claims in extractor.pipe(articles):
        if jsonl:
            record = {"article": article.header(), "claims": [c.to_dict() for c in claims]}
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            _print_claims(article, claims)
    if failed:
        sys.exit(1)


def _extract_shards(paths, out_dir, engine, scheduler, workers, model, db_path) -> None:
    from .db import Store
    from .engine import extract_to_shards
    from .extract.parallel import default_processes
    from .ingest import ShardMerge

    with contextlib.ExitStack() as stack:
        try:
            store = stack.enter_context(Store(db_path)) if db_path else None
        except NewsfactsError as err:
            raise click.ClickException(str(err)) from None
        merge = ShardMerge(store, progress=_echo_failure) if store is not None else None

        def show(kind, item):
            if kind == "failure":
                _echo_failure(kind, item)
                return
            click.echo(item.line(), err=True)
            if merge is not None:  # written now or by an earlier run: merged now
                merge.add(item.path)

        try:
            summary = extract_to_shards(
                paths, out_dir, engine=engine, scheduler=scheduler,
                workers=workers or default_processes(), model=model, progress=show,
                extractor=_extractor(model) if engine == "process" else None)
        except NewsfactsError as err:
            raise click.ClickException(str(err)) from None
        click.echo(summary.line())
        merged = merge.finish() if merge is not None else None
    if merged is not None:
        click.echo(f"{db_path}: {merged.line()}")
    if summary.failures or (merged is not None and merged.failed):
        sys.exit(1)


def _echo_failure(kind: str, item) -> None:
    if kind == "failure":
        click.echo(f"Error: {item}", err=True)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(dir_okay=False), help="SQLite file to write.")
@model_option
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar and no summary; errors and warnings still print.")
@click.option("--report", "report_file", type=click.Path(dir_okay=False), default=None,
              metavar="FILE",
              help="Write the summary and every failure to FILE, as JSON (at the end; "
                   "never the store or an input).")
@click.option("--processes", "-p", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes for extraction [default: the machine's cores, at most 8].")
def ingest(inputs, db_path, model, quiet, report_file, processes):
    """Read articles, extract their claims and store both.

    An INPUT is a .txt or .md file, an .html page, an RSS or Atom feed, a .jsonl export,
    a Reuters-21578 .sgm file, a folder (read recursively), a glob ('news/*.html'), an
    http(s) URL, or - for standard input; or claim shards written by newsfacts extract
    --out (a file or a folder of them), merged without extracting again. A bad input is
    reported and skipped; the exit status is then 1.

    Example: newsfacts ingest fixtures/articles/ --db newsfacts.db
    """
    from .db import Store
    from .errors import Interrupted
    from .extract.parallel import default_processes
    from .ingest import batch_size_for
    from .ingest import ingest as run_ingest
    from .report import check_report_path, write_report
    from .sources import Warning_

    try:
        if report_file:  # before the store is opened or anything is written
            check_report_path(report_file, db_path, inputs)
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
                                 batch_size=batch_size_for(processes),
                                 progress=shown.notify)
    except Interrupted as stop:  # Ctrl-C: whole batches are stored, the rest is not
        summary, interrupted = stop.summary, True
    except NewsfactsError as err:  # a full disk: one line, what was stored in it
        _stop(started, now=True)
        raise click.ClickException(str(err)) from None
    except KeyboardInterrupt:  # outside the batches: as the store opens or closes
        _stop(started, now=True)
        click.echo("Interrupted", err=True)
        _exit_now(130)
    except BaseException:
        _stop(started, now=True)
        raise
    _stop(started, now=interrupted)
    if report_file:
        try:
            write_report(report_file, {"db": db_path, "inputs": list(inputs),
                                       **summary.to_dict()})
        except NewsfactsError as err:
            raise click.ClickException(str(err)) from None
    if interrupted:  # the summary prints even with --quiet: the user must know
        click.echo(f"Interrupted: {summary.line()}", err=True)
        _exit_now(130)
    if not quiet:
        click.echo(summary.line())
    if summary.failed:
        sys.exit(1)


@cli.command()
@click.argument("feeds", nargs=-1)
@click.option("--feeds", "feeds_file", type=click.Path(dir_okay=False), default=None,
              metavar="FILE", help="A file of feeds, one 'URL [INTERVAL]' a line.")
@click.option("--every", default="15m", show_default=True, metavar="INTERVAL",
              help="How often to poll each feed: 30s, 15m, 2h, 1d.")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(dir_okay=False), help="SQLite file to write.")
@click.option("--delay", default=1.0, show_default=True, type=click.FloatRange(min=0),
              metavar="SECONDS", help="Wait between two requests to one host.")
@click.option("--polls", type=click.IntRange(min=1), default=None, metavar="N",
              help="Stop after N polls in all [default: poll until stopped].")
@model_option
def watch(feeds, feeds_file, every, db_path, delay, polls, model):
    """Follow feeds: poll each on its interval and ingest every new entry once.

    A FEED is the URL of an RSS or Atom feed. Polls are conditional (an unchanged feed
    costs a 304), pages are fetched politely (robots.txt, one request at a time per
    host), and what was seen is kept in the store, so a restart resumes. A bad feed or
    page is reported and skipped. Ctrl-C (or SIGTERM) stops it with a summary.

    Example: newsfacts watch https://example.com/deals.rss --every 15m --db newsfacts.db
    """
    import signal
    import threading

    from .db import Store
    from .watch import Feed, PoliteFetcher, Watcher, parse_interval, read_feed_list

    try:
        seconds = parse_interval(every)
        listed = [Feed(url, seconds) for url in feeds]
        if feeds_file:
            listed += read_feed_list(feeds_file, seconds)
        if not listed:
            raise click.UsageError("name at least one FEED, or a --feeds FILE")
        store = Store(db_path)
    except NewsfactsError as err:
        raise click.ClickException(str(err)) from None
    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}

    def show(kind, item):
        if kind == "failure":
            click.echo(f"Error: {item}", err=True)
        elif kind == "warning":
            click.echo(f"Warning: {item}", err=True)
        else:
            click.echo(f"{item[0]}: {item[1]}", err=True)

    fetcher = PoliteFetcher(delay=delay)
    try:
        with store:
            watcher = Watcher(store, listed, extractor=lambda: _extractor(model),
                              fetcher=fetcher, progress=show)
            summary = watcher.run(stop, polls=polls)
    finally:
        fetcher.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    click.echo(summary.line())


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
    from .db.security import allow_host
    from .db.serve import check_store, datasette_args, upgrade_store

    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such database (run newsfacts ingest first)")
    try:
        check_store(db_path)
        for name in upgrade_store(db_path):
            click.echo(f"{db_path}: applied schema migration {name}", err=True)
    except NewsfactsError as err:
        raise click.ClickException(str(err)) from None
    from datasette.cli import cli as datasette_cli

    allow_host(host)  # the site answers requests for 127.0.0.1, localhost and --host
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


def _explain(extractor, articles, jsonl: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    from .extract.explain import explain_article

    console = Console(highlight=False)
    for article in articles:
        report = explain_article(extractor, article)
        explanations = report.explanations
        if jsonl:
            click.echo(json.dumps({"article": article.header(), **report.to_dict()},
                                  ensure_ascii=False))
            continue
        name = article.path or article.id
        if not explanations:
            console.print(f"[bold]{name}[/bold]: no deal claims")
        for n, why in enumerate(explanations, 1):
            claim = why.claim
            console.print(f"[bold]{name}[/bold] claim {n}: {claim.amount.text} "
                          f"({claim.deal_type}) buyer {claim.names('buyer') or '-'}, "
                          f"seller {claim.names('seller') or '-'}, "
                          f"target {claim.names('target') or '-'}")
            console.print(f"  sentence [{claim.start}:{claim.end}]: {claim.sentence.strip()}")
            parse = Table("#", "word", "pos", "dep", "head", "entity", title="parse",
                          title_justify="left")
            for w in why.words:
                parse.add_row(str(w.i), w.text, w.pos, w.dep, str(w.head), w.entity)
            console.print(parse)
            rules = Table("rule", "decided", title="rules, in the order they fired",
                          title_justify="left")
            for step in claim.trace:
                rules.add_row(step["rule"], step["says"])
            console.print(rules)
        if report.dropped:
            aside = Table("amount", "at", "rule", "why", title=f"{name}: amounts set aside",
                          title_justify="left")
            for drop in report.dropped:
                aside.add_row(drop["amount"], f"{drop['start']}:{drop['end']}", drop["rule"],
                              drop["says"])
            console.print(aside)


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
@click.option("--misses", is_flag=True,
              help="List every false claim, missed deal and wrong field of the tune part.")
@click.option("--held-out-misses", is_flag=True,
              help="With --misses, list the held-out part's misses too (reading them spends "
                   "the held-out third: do it only to measure, never to tune).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), default=None,
              help="Write the scorecard as JSON to this file.")
@click.option("--no-peer", is_flag=True, help="Do not run the naive peer beside us.")
@click.option("--stream", "stream_files", multiple=True, type=click.Path(dir_okay=False),
              help="A gold stream sample (articles of every topic): its precision and "
                   "both-parties-right are reported apart and it is kept out of 'all'.")
@click.option("--full-path", is_flag=True,
              help="Parse every sentence (no cue filter), to compare with the fast path.")
@click.option("--by-rule", is_flag=True,
              help="Also print precision per rule id (from the claims' traces), worst first.")
@click.option("--rules-alone", is_flag=True,
              help="Also run the rules without the learned side ranker (extract/sides.py), "
                   "to measure what it adds.")
@model_option
def evaluate(gold_files, corpus, misses, held_out_misses, json_path, no_peer, stream_files,
             full_path, by_rule, rules_alone, model):
    """Score extraction against gold files, with the naive spaCy peer beside it.

    Each set is scored whole and in its tune and held-out parts (newsfacts.split).

    Example: newsfacts eval fixtures/gold.jsonl --misses
    """
    from .baseline import NaivePeer
    from .evaluate import ALL, load_gold_set, part_key, scorecard_json
    from .evaluate import evaluate as run_evaluate
    from .extract import Extractor
    from .extract.pipeline import rules_alone_config
    from .split import TUNE

    try:
        gold_sets = [load_gold_set(path, corpus) for path in gold_files]
        stream_sets = [load_gold_set(path, corpus) for path in stream_files]
        cue_filter = False if full_path else None
        systems = {"newsfacts": Extractor(model=model, cue_filter=cue_filter)}
        if rules_alone:
            systems["rules alone"] = Extractor(model=model, cue_filter=cue_filter,
                                               config=rules_alone_config())
        if not no_peer:
            systems["naive peer"] = NaivePeer(model=model)
    except NewsfactsError as err:
        raise click.ClickException(str(err)) from None
    predictions: dict = {}
    results = run_evaluate(gold_sets, systems, stream_sets, predictions)
    _print_scorecard(results, [gs.name for gs in gold_sets], [gs.name for gs in stream_sets])
    if by_rule:
        _print_rules(predictions["newsfacts"], gold_sets)
    if misses:
        card = results["newsfacts"][ALL if held_out_misses else part_key(ALL, TUNE)]
        for miss in card.misses:
            click.echo(f"{miss.doc_id}: {miss.kind}: {miss.detail}")
            if miss.sentence:
                click.echo("    " + " ".join(miss.sentence.split()))
    if json_path:
        Path(json_path).write_text(scorecard_json(results) + "\n", encoding="utf-8")


def _print_rules(predicted, gold_sets) -> None:
    """Precision per rule id on the tune parts and, beside it, on the held-out parts."""
    from rich.console import Console
    from rich.table import Table

    from .by_rule import score_rules
    from .evaluate import split_gold

    parts = {part: {row.rule: row for row in score_rules(
        (predicted[gs.name], split_gold(gs.gold)[part]) for gs in gold_sets)}
        for part in ("tune", "held-out")}
    table = Table("rule", "tune: claims", "precision", "sides right", "held-out: claims",
                  "precision", "sides right",
                  title="Precision per rule (worst on the tune part first)",
                  title_justify="left")
    rules = sorted(set(parts["tune"]) | set(parts["held-out"]), key=lambda r: (
        parts["tune"][r].precision if r in parts["tune"] else 2.0, r))
    for rule in rules:
        cells = [rule]
        for part in ("tune", "held-out"):
            row = parts[part].get(rule)
            cells += ["", "", ""] if row is None else [
                str(row.claims), f"{row.precision:.2f}",
                "" if row.party_precision is None else f"{row.party_precision:.2f}"]
        table.add_row(*cells)
    Console(highlight=False).print(table)


def _print_scorecard(results, names, stream_names=()) -> None:
    """One table per gold set (and "all"): its tune part, held-out part and whole, for each
    system; then the stream samples' two numbers."""
    from rich.console import Console
    from rich.table import Table

    from .evaluate import ALL, ROWS, part_key
    from .extract.records import DEAL_TYPES
    from .split import PARTS

    console = Console(width=200)
    sets = [*names, *([ALL] if len(names) > 1 else []), *stream_names]
    for gold in sets:
        table = Table(title=f"{gold} (GUIDELINES.md scoring)", title_justify="left")
        table.add_column("")
        columns = [(key, system) for key in [*(part_key(gold, p) for p in PARTS), gold]
                   for system in results]
        for key, system in columns:
            part = key.removeprefix(f"{gold}: ") if key != gold else "whole"
            table.add_column(f"{part}\n{system}", justify="right")
        cards = [results[system][key] for key, system in columns]
        for key, label, fmt in ROWS:
            values = (getattr(card, key) for card in cards)
            table.add_row(label, *("—" if v is None else fmt.format(v) for v in values))
        for deal_type in DEAL_TYPES:
            if any(card.side_scored.get(deal_type) for card in cards):
                values = (card.missing_side(deal_type) for card in cards)
                table.add_row(f"Missing a side: {deal_type}",
                              *("—" if v is None else f"{v:.2f}" for v in values))
        console.print(table)
    for gold in stream_names:
        for system, cards in results.items():
            card = cards[gold]
            both = "—" if card.both_parties is None else f"{card.both_parties:.2f}"
            console.print(f"Stream {gold}, {system}: precision {card.precision:.2f} "
                          f"({card.correct} of {card.predicted} claims match a gold deal), "
                          f"both parties right {both} of matched claims")


db_option = click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
                         type=click.Path(dir_okay=False), help="SQLite file of the store.")


def _open_store(db_path):
    from .db import Store

    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such database (run newsfacts ingest first)")
    try:
        return Store(db_path)
    except NewsfactsError as err:
        raise click.ClickException(str(err)) from None


@cli.group()
def deals():
    """Deals: the claims of every article about one deal, grouped.

    Example: newsfacts deals rebuild --db newsfacts.db
    """


@deals.command(name="rebuild")
@db_option
def deals_rebuild(db_path):
    """Group every claim of the store into deals again (an ingest regroups only the deals
    it touches).

    Example: newsfacts deals rebuild --db newsfacts.db
    """
    with _open_store(db_path) as store:
        try:
            done = store.rebuild_deals()
        except NewsfactsError as err:
            raise click.ClickException(str(err)) from None
    click.echo(f"{done.line()} in {done.seconds:.2f} s ({done.cpu_seconds:.2f} s of CPU)")


@cli.group()
def companies():
    """Companies: correct how names are grouped, in companies.yaml beside the store.

    Example: newsfacts companies merge "Dixons Group PLC" "DXNS" --db newsfacts.db
    """


def _correct(db_path, kind, names):
    from .consolidate import correct_companies, overrides_path

    with _open_store(db_path) as store:
        try:
            done = correct_companies(store, kind, list(names))
        except NewsfactsError as err:
            raise click.ClickException(str(err)) from None
    click.echo(f"{overrides_path(db_path)}: {kind} {', '.join(names)}; {done.line()}")


@companies.command(name="merge")
@click.argument("names", nargs=-1, required=True)
@db_option
def companies_merge(names, db_path):
    """Make two or more names one company, and regroup the deals.

    Example: newsfacts companies merge "Dixons Group PLC" "DXNS" --db newsfacts.db
    """
    if len(names) < 2:
        raise click.UsageError("merge needs two or more names")
    _correct(db_path, "merge", names)


@companies.command(name="split")
@click.argument("names", nargs=-1, required=True)
@db_option
def companies_split(names, db_path):
    """Make each name a company of its own, never grouped with others by a short form or
    an acronym, and regroup the deals.

    Example: newsfacts companies split "First" --db newsfacts.db
    """
    _correct(db_path, "split", names)


@companies.command(name="rename")
@click.argument("name")
@click.argument("new_name")
@db_option
def companies_rename(name, new_name, db_path):
    """Show a company (found by any name it goes by) under NEW_NAME.

    Example: newsfacts companies rename "Dixons" "Dixons Group PLC" --db newsfacts.db
    """
    _correct(db_path, "rename", [name, new_name])


@cli.command(name="eval-deals")
@click.argument("gold_file", type=click.Path(dir_okay=False))
@click.option("--corpus", type=click.Path(file_okay=False), required=True,
              help="The Reuters-21578 folder the gold's reuters-<NEWID> ids come from.")
@click.option("--errors", "show_errors", is_flag=True,
              help="List every grouping, merge and status error.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), default=None,
              help="Write the scores as JSON to this file.")
@click.option("--keep", type=click.Path(dir_okay=False), default=None,
              help="Keep the store of the gold's articles in this file, to browse its deals.")
@model_option
def eval_deals(gold_file, corpus, show_errors, json_path, keep, model):
    """Score deal grouping, company merges and claim status against gold deal clusters.

    Example: newsfacts eval-deals fixtures/gold-deals-reuters-train.jsonl --corpus DIR
    """
    from .deal_eval import evaluate_deals

    try:
        scores = evaluate_deals(gold_file, corpus, _extractor(model), keep)
    except NewsfactsError as err:
        raise click.ClickException(str(err)) from None

    def pct(value):
        return "—" if value is None else f"{value:.3f}"

    click.echo(f"{gold_file}: {scores.gold_deals} deals, {scores.gold_reports} reports; "
               f"{scores.matched_claims} claims matched")
    click.echo(f"grouping B-cubed precision {pct(scores.bcubed_precision)}, "
               f"recall {pct(scores.bcubed_recall)}")
    click.echo(f"company merges: precision {pct(scores.merge_precision)} "
               f"over {scores.merge_pairs} pairs of names")
    click.echo(f"claim status: accuracy {pct(scores.status_accuracy)} "
               f"over {scores.status_claims} claims")
    if show_errors:
        for line in scores.errors:
            click.echo(line)
    if json_path:
        Path(json_path).write_text(json.dumps(scores.to_dict(), indent=2) + "\n",
                                   encoding="utf-8")
