"""Benchmark: how long one Ctrl-C takes to stop ``newsfacts ingest --processes N``.

Starts an ingest of the fixture articles (ten copies, 590 articles) with N worker
processes, sends SIGINT once the first batch is stored (the workers are busy), and
measures the time until the command has exited, with its exit status and last line.

    python bench/stop.py --processes 2 --runs 3
"""

from __future__ import annotations

import argparse
import json
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_articles(path: Path, copies: int = 10) -> None:
    from newsfacts.sources.text import read_text_file

    with open(path, "w", encoding="utf-8") as f:
        for copy in range(copies):
            for n, file in enumerate(sorted((ROOT / "fixtures" / "articles").glob("*.txt"))):
                article = read_text_file(file)[0]
                f.write(json.dumps({"text": f"{article.text}\n\n(Copy {copy}.)",
                                    "title": article.title,
                                    "url": f"https://example.com/{copy}/{n}"}) + "\n")


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def one_run(source: Path, db: Path, processes: int) -> tuple[float, int, str]:
    process = subprocess.Popen([sys.executable, "-m", "newsfacts", "ingest", str(source),
                                "--db", str(db), "--processes", str(processes)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while stored(db) == 0 and process.poll() is None:
        time.sleep(0.05)
    sent = time.perf_counter()
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate()
    return time.perf_counter() - sent, process.returncode, stderr.strip().splitlines()[-1]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "articles.jsonl"
        write_articles(source)
        for run in range(args.runs):
            seconds, status, last = one_run(source, Path(tmp) / f"run-{run}.db",
                                            args.processes)
            print(f"run {run + 1}: stopped {seconds:.2f} s after SIGINT, exit {status}: {last}")


if __name__ == "__main__":
    main()
