"""Benchmark: what one expensive SQL query costs the site, against a cheap one in the same run.

Runs each query through Datasette in process (``ds.client``), with newsfacts' metadata,
settings and plugin, on the hand-made store of ``tests/sitedata.py``, one fresh process per
query so each peak RSS is its own; prints the answer's status, seconds, the growth of peak
RSS, the answer's size and the seconds as a multiple of the reference query's.

    python bench/site_sql.py                        # the queries docs/security.md reports
    python bench/site_sql.py "select zeroblob(1000)"
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = "select count(*) from articles"
QUERIES = [
    "select printf('%.*c', 1000000000, 'x')",
    "select length(printf('%.*c', 1000000000, 'x'))",
    "select randomblob(400000000)",
    "select printf('%.*c', 60000000, 'x')",
    "select zeroblob(60000000)",
    "with recursive n(i) as (select 1 union all select i + 1 from n where i < 200) "
    "select printf('%.*c', 1000000, 'x') from n",
    "select printf('%.*c', 1000000, 'a') like '%' || printf('%.*c', 126, 'a') || 'b'",
    "select printf('%.*c', 1000000, 'a') like '%' || printf('%.*c', 10000, 'a') || 'b'",
    "select instr(printf('%.*c', 1000000, 'a'), printf('%.*c', 10000, 'a') || 'b')",
]


def measure(sql: str) -> dict:
    """Run ``sql`` once on the site in this process; return what it cost."""
    sys.path.insert(0, str(ROOT / "tests"))
    from datasette.app import Datasette
    from sitedata import build_site_db, site_metadata, site_settings

    db = build_site_db(Path(tempfile.mkdtemp()) / "newsfacts.db")
    ds = Datasette([str(db)], metadata=site_metadata(), settings=site_settings())

    async def run() -> dict:
        await ds.client.get("/newsfacts.json?sql=select+1")
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        response = await ds.client.get("/newsfacts.json", params={"sql": sql})
        seconds = time.perf_counter() - start
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
        error = response.json().get("error") if len(response.content) < 100_000 else None
        return {"status": response.status_code, "seconds": seconds, "rss_mb": grown / 1024,
                "answer_mb": len(response.content) / 1e6, "error": error}

    return asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("queries", nargs="*", help="SQL to measure (default: the set above)")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    results = []
    for sql in [REFERENCE, *(args.queries or QUERIES)]:
        out = subprocess.run([sys.executable, __file__, "--one", sql], capture_output=True,
                             text=True, check=True).stdout
        results.append((sql, json.loads(out.strip().splitlines()[-1])))
    reference = results[0][1]["seconds"]
    print("| query | HTTP | seconds | x reference | peak RSS + MB | answer MB | error |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for sql, r in results:
        sql = sql.replace("|", "\\|")  # a pipe would end the Markdown cell
        print(f"| `{sql}` | {r['status']} | {r['seconds']:.2f} | {r['seconds'] / reference:,.0f} "
              f"| {r['rss_mb']:.0f} | {r['answer_mb']:.1f} | {r['error'] or ''} |")


if __name__ == "__main__":
    main()
