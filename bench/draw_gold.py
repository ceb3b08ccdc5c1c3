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

A third draw, ``--claims-stream``, samples **claims** rather than articles, as the issue's
target is measured: ingest ``CLAIM_FILES`` (eight whole Reuters files, every topic) with the
current extractor, keep the claims of TRAIN-split articles that no gold file holds yet, and
draw ``CLAIM_SAMPLE`` of them uniformly (seed ``SEED``). The drawn claims' articles are the
set to annotate (``fixtures/gold-reuters-stream-claims.jsonl``). The draw (files, seed,
extractor version and model, the pool's size, each drawn claim's doc id and amount) is
written to ``fixtures/gold-draw-claims.json``:

    python bench/draw_gold.py --claims-stream --corpus ../shared/corpora/reuters21578

``--score-drawn`` scores the drawn claims themselves against that gold (the issue's
measure), as long as the extractor still makes them.

It runs the model over some 8,000 articles (minutes), and another extractor version draws
other claims: the recorded draw, not a re-run, is what the gold follows.
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
# The claims-stream draw: eight whole files, not reut2-000..002 (other benchmarks use them).
CLAIM_FILES = [f"reut2-{n:03d}.sgm" for n in range(10, 18)]
CLAIM_SAMPLE = 100
ALL_GOLD = [*OLD_GOLD, ROOT / "fixtures" / "gold-reuters-train2.jsonl",
            ROOT / "fixtures" / "gold-reuters-stream.jsonl"]
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


def old_gold_ids(paths: list[Path] = OLD_GOLD) -> set[str]:
    ids = set()
    for path in paths:
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


def stream_claims(corpus: Path, files: list[str], exclude: set[str],
                  extractor=None) -> tuple[list[dict], dict]:
    """The claims an ingest of ``files`` makes in TRAIN-split articles not in ``exclude``.

    Each claim is a row: its doc id, its place among its article's claims and its amount.
    Also returns the pool's counts (articles read, TRAIN ones, excluded, with claims).
    """
    from newsfacts.articles import Article
    from newsfacts.extract import Extractor
    from newsfacts.sources.reuters import read_reuters

    train = {row["doc_id"] for row in train_index(corpus)}
    extractor = extractor or Extractor()
    articles, counts = [], {"articles": 0, "train": 0, "excluded": 0}
    for name in files:
        for article in read_reuters(corpus / name):
            if not isinstance(article, Article):
                continue
            counts["articles"] += 1
            if article.id not in train:
                continue
            counts["train"] += 1
            if article.id in exclude:
                counts["excluded"] += 1
                continue
            articles.append(article)
    rows = []
    for article, claims in extractor.pipe(articles):
        for n, claim in enumerate(claims):
            amount = claim.amount
            rows.append({"doc_id": article.id, "claim": n, "value": amount.value,
                         "currency": amount.currency, "per": amount.per,
                         "qualifier": amount.qualifier})
    counts["with_claims"] = len({row["doc_id"] for row in rows})
    counts["claims"] = len(rows)
    return rows, counts


def draw_claims(rows: list[dict], size: int = CLAIM_SAMPLE, seed: int = SEED) -> list[dict]:
    """``size`` claims drawn uniformly without replacement, in corpus order."""
    sample = random.Random(seed).sample(rows, size)
    return sorted(sample, key=lambda row: (_newid(row["doc_id"]), row["claim"]))


def claims_stream(corpus: Path, files: list[str] = CLAIM_FILES, size: int = CLAIM_SAMPLE,
                  seed: int = SEED) -> dict:
    """The whole claims-stream draw, as written to ``fixtures/gold-draw-claims.json``."""
    import newsfacts
    from newsfacts.extract import Extractor
    from newsfacts.extract.pipeline import model_name

    extractor = Extractor()
    rows, counts = stream_claims(corpus, files, old_gold_ids(ALL_GOLD), extractor)
    sample = draw_claims(rows, size, seed)
    return {"seed": seed, "files": list(files),
            "extractor_version": newsfacts.__version__, "model": model_name(),
            "excluded_gold": [path.name for path in ALL_GOLD], "pool": counts,
            "articles": sorted({row["doc_id"] for row in sample}, key=_newid),
            "claims": sample}


def score_drawn(corpus: Path, draw_path: Path, gold_path: Path) -> dict:
    """Score exactly the drawn claims (not every claim of their articles) against the gold,
    whole and per part. The extractor must still make the claims the draw recorded (same
    amount at the same place), else this raises: a newer version is scored on the
    article-level gold with ``newsfacts eval --stream``."""
    from newsfacts.evaluate import load_gold_set, score_parts
    from newsfacts.extract import Extractor

    recorded = json.loads(draw_path.read_text())
    gold_set = load_gold_set(gold_path, corpus)
    drawn: dict[str, list[dict]] = {}
    for row in recorded["claims"]:
        drawn.setdefault(row["doc_id"], []).append(row)
    predictions = {}
    for article, claims in Extractor().pipe(gold_set.articles[i] for i in drawn):
        predictions[article.id] = []
        for row in drawn[article.id]:
            claim = claims[row["claim"]] if row["claim"] < len(claims) else None
            if claim is None or (claim.amount.value, claim.amount.currency, claim.amount.per) != (
                    row["value"], row["currency"], row["per"]):
                raise SystemExit(f"{article.id}: claim {row['claim']} is not the drawn one; "
                                 "the extractor changed since the draw")
            predictions[article.id].append(claim)
    return score_parts("drawn claims", predictions, gold_set.gold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=None,
                        help="default: fixtures/gold-draw.json, or with --claims-stream "
                             "fixtures/gold-draw-claims.json")
    parser.add_argument("--claims-stream", action="store_true",
                        help=f"draw {CLAIM_SAMPLE} claims of an ingest of {len(CLAIM_FILES)} "
                             "whole files instead (runs the model)")
    parser.add_argument("--score-drawn", action="store_true",
                        help="score the drawn claims themselves against "
                             "fixtures/gold-reuters-stream-claims.jsonl (runs the model)")
    args = parser.parse_args()
    if args.score_drawn:
        cards = score_drawn(args.corpus, ROOT / "fixtures" / "gold-draw-claims.json",
                            ROOT / "fixtures" / "gold-reuters-stream-claims.jsonl")
        for key, card in cards.items():
            both = "—" if card.both_parties is None else f"{card.both_parties:.2f}"
            print(f"{key}: {card.correct} of {card.predicted} claims match a gold deal "
                  f"(precision {card.precision:.2f}), both parties right {both}, "
                  f"buyer {card.buyer:.2f}, seller {card.seller:.2f}")
        return
    if args.claims_stream:
        out = args.out or ROOT / "fixtures" / "gold-draw-claims.json"
        result = claims_stream(args.corpus)
        out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        print(f"pool {result['pool']}; drew {len(result['claims'])} claims in "
              f"{len(result['articles'])} articles")
        return
    args.out = args.out or ROOT / "fixtures" / "gold-draw.json"
    result = draw(train_index(args.corpus), old_gold_ids())
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    train2 = {i for ids in result["train2"].values() for i in ids}
    print(f"stream {len(result['stream'])}, train2 {len(train2)}, "
          f"overlap {len(train2 & set(result['stream']))}, "
          f"to annotate {len(train2 | set(result['stream']))}")


if __name__ == "__main__":
    main()
