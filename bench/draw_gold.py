"""Draw the Reuters-21578 TRAIN-split articles annotated for issue 13, reproducibly.

Two seeded draws (seed ``SEED``), never taking an article already in the dev or train gold:

- the **stream**: ``STREAM_SIZE`` articles drawn uniformly from the whole TRAIN split,
  every topic and none, as a wire ingest sees them (most have no deal);
- **train2**: ``QUOTAS`` articles per topic group: acquisition stories with money and
  negatives or mixed stories of every other group. Each group is a seeded shuffle of its
  articles with the stream's members of that group put first, so the two sets overlap
  as much as a random draw allows and each overlapping article is annotated once.

The draw is written as JSON (doc ids per group, and the stream) to ``fixtures/gold-draw.json``:

    python bench/draw_gold.py --corpus ../shared/corpora/reuters21578
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578"
OLD_GOLD = [ROOT.parent / "shared" / "gold" / "reuters-dev.jsonl",
            ROOT / "fixtures" / "gold-reuters-train.jsonl"]
SEED = 13
STREAM_SIZE = 150
QUOTAS = {"acq": 170, "earn": 25, "money": 25, "commodity": 30, "economy": 20, "none": 30}
MONEY_MARKETS = {"money-fx", "interest", "money-supply"}
ECONOMY = {"trade", "gnp", "cpi", "ipi", "bop", "jobs", "reserves", "retail", "housing",
           "wpi", "income", "lei", "instal-debt", "cpu"}
_DOC = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TOPICS = re.compile(r"<TOPICS>(.*?)</TOPICS>", re.S)
_D = re.compile(r"<D>(.*?)</D>")
# "3.5 mln dlrs", "90.25 dlrs a share", "345p", "50 mln stg", "1.2 billion yen"
_MONEY = re.compile(r"\d[\d.,]*\s*(?:mln |billion |bln )?(?:u\.s\. |canadian |australian )?"
                    r"(?:dlrs|dollars|stg|pounds|yen|marks|francs|lire|guilders|crowns|pesos)\b"
                    r"|\$\s*\d|\b\d+p\b", re.I)


def topic_group(topics: list[str]) -> str:
    """The group an article is drawn in: acquisitions first, then by its other topics."""
    if "acq" in topics:
        return "acq"
    if not topics:
        return "none"
    if "earn" in topics:
        return "earn"
    if MONEY_MARKETS & set(topics):
        return "money"
    if ECONOMY & set(topics):
        return "economy"
    return "commodity"


def train_index(corpus: Path) -> list[dict]:
    """Every TRAIN-split article: doc id, topics, group and whether it mentions money."""
    index = []
    for sgm in sorted(corpus.glob("*.sgm")):
        raw = sgm.read_bytes().decode("latin-1")
        for match in _DOC.finditer(raw):
            attrs = dict(_ATTR.findall(match.group(1)))
            if attrs.get("LEWISSPLIT") != "TRAIN":
                continue
            found = _TOPICS.search(match.group(2))
            topics = _D.findall(found.group(1)) if found else []
            index.append({"doc_id": f"reuters-{attrs['NEWID']}", "topics": topics,
                          "group": topic_group(topics),
                          "money": bool(_MONEY.search(match.group(2)))})
    return index


def old_gold_ids() -> set[str]:
    ids = set()
    for path in OLD_GOLD:
        if path.exists():
            ids.update(json.loads(line)["doc_id"] for line in path.open() if line.strip())
    return ids


def draw(index: list[dict], exclude: set[str], seed: int = SEED) -> dict:
    """The stream and the per-group draws, deterministic for a given index and seed."""
    pool = [row for row in index if row["doc_id"] not in exclude]
    rng = random.Random(seed)
    stream = sorted(rng.sample([row["doc_id"] for row in pool], STREAM_SIZE), key=_newid)
    in_stream = set(stream)
    groups = {}
    for group, quota in QUOTAS.items():
        members = [row["doc_id"] for row in pool
                   if row["group"] == group and (group != "acq" or row["money"])]
        rng.shuffle(members)
        members.sort(key=lambda doc_id: doc_id not in in_stream)  # stable: stream first
        groups[group] = sorted(members[:quota], key=_newid)
    return {"seed": seed, "stream": stream, "train2": groups}


def _newid(doc_id: str) -> int:
    return int(doc_id.split("-")[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=ROOT / "fixtures" / "gold-draw.json")
    args = parser.parse_args()
    result = draw(train_index(args.corpus), old_gold_ids())
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    train2 = {i for ids in result["train2"].values() for i in ids}
    print(f"stream {len(result['stream'])}, train2 {len(train2)}, "
          f"overlap {len(train2 & set(result['stream']))}, "
          f"to annotate {len(train2 | set(result['stream']))}")


if __name__ == "__main__":
    main()
