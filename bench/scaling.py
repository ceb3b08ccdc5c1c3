"""Benchmark: extraction time against article length, 1 KB to 1 MB of deal text.

Issue 11 found extraction quadratic in an article's length (500 one-line deals took 19 s,
1,000 took 70 s). This runs one Extractor over synthetic articles of each size, in one
process and the same run, and prints the CPU time per KB and its ratio to the 1 KB
article's; linear extraction keeps every ratio within 2x. CPU time of this process, not
wall time, is the measure: on a shared machine wall time says more about the neighbours.
Three shapes: one deal a line, one deal a sentence in paragraphs, and one run-on sentence
of deals.

    python bench/scaling.py                      # 1 KB, 10 KB, 100 KB, 1 MB
    python bench/scaling.py --sizes 1 10 100     # a quicker run
"""

from __future__ import annotations

import argparse
import os
import time
from types import SimpleNamespace

BUYERS = ["Acme Holdings Inc", "Borealis Capital Corp", "Cedar Partners LLC", "Dunmore Group PLC",
          "Everest Industries Ltd", "Falcon Ventures Inc", "Granite Bancorp", "Harbor Mills Co"]
SELLERS = ["Ibex Software", "Juniper Foods", "Kestrel Mining", "Lumen Optics", "Marlin Shipping",
           "Nimbus Networks", "Osprey Chemicals", "Pinnacle Textiles", "Quarry Metals"]


def deal_sentence(i: int) -> str:
    """The i-th deal: a buyer, a seller and an amount that differ from deal to deal."""
    buyer, seller = BUYERS[i % len(BUYERS)], SELLERS[(i * 5) % len(SELLERS)]
    return f"{buyer} agreed to buy {seller} for {10 + i % 890} mln dlrs"


def deal_text(kb: float, shape: str = "lines") -> str:
    """About ``kb`` KB of deal text: ``lines`` (one deal a line), ``paragraphs`` (five
    deal sentences a paragraph) or ``runon`` (one sentence of deals joined by "and")."""
    target, parts, size, i = int(kb * 1024), [], 0, 0
    while size < target:
        sentence = deal_sentence(i)
        parts.append(sentence)
        size += len(sentence) + 2
        i += 1
    if shape == "runon":
        return ", and ".join(parts) + "."
    if shape == "paragraphs":
        return "\n\n".join(". ".join(parts[j:j + 5]) + "." for j in range(0, len(parts), 5))
    return "\n".join(p + "." for p in parts)


def measure(extractor, text: str) -> tuple[float, float, int]:
    """Extract one article; return its CPU seconds, wall seconds and claims."""
    article = SimpleNamespace(text=text, title=None, published="1987-03-01")
    cpu, wall = time.process_time(), time.perf_counter()
    claims = extractor.extract(article)
    return time.process_time() - cpu, time.perf_counter() - wall, len(claims)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 100, 1000],
                        help="article sizes in KB (the first is the reference)")
    parser.add_argument("--shapes", nargs="+", default=["lines", "paragraphs", "runon"],
                        choices=["lines", "paragraphs", "runon"])
    args = parser.parse_args(argv)
    from rich.console import Console
    from rich.table import Table

    from newsfacts.extract import Extractor

    extractor = Extractor()
    measure(extractor, deal_text(2))  # warm up: first calls load lookups
    console = Console(width=120)
    table = Table(title="Extraction time against article length (one process, same run)",
                  title_justify="left")
    for column in ("shape", "KB", "deals", "claims", "CPU s", "wall s", "CPU ms per KB",
                   "x 1st size"):
        table.add_column(column, justify="left" if column == "shape" else "right")
    worst = 0.0
    for shape in args.shapes:
        reference = None
        for kb in args.sizes:
            text = deal_text(kb, shape)
            seconds, wall, claims = measure(extractor, text)
            per_kb = seconds / (len(text) / 1024)
            reference = reference or per_kb
            worst = max(worst, per_kb / reference)
            deals = text.count(" agreed to buy ")
            table.add_row(shape, f"{len(text) / 1024:.0f}", str(deals), str(claims),
                          f"{seconds:.2f}", f"{wall:.2f}", f"{per_kb * 1000:.1f}",
                          f"{per_kb / reference:.2f}")
            console.print(f"  {shape} {kb:g} KB: {seconds:.1f} CPU s, {wall:.1f} s",
                          highlight=False)
    console.print(table)
    verdict = "within" if worst <= 2 else "OVER"
    console.print(f"largest ratio of CPU time per KB to the first size's: {worst:.2f} "
                  f"({verdict} the 2x target)", highlight=False)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
