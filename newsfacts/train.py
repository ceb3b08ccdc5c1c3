"""Fit the side ranker (extract/sides.py) on the tune part of the gold sets.

Each claim the rules make is read with the cast members named near it, for both sides;
a candidate is right when its name matches the gold side by the scoring rule. A logistic
regression learns the weights of their signs. The threshold is the probability at which
putting the best candidate in a side the rules leave open gains most, in cross-validation
by article on the tune part: a side the gold leaves empty is lost if filled. The held-out
third is never read here; ``make eval`` scores it.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from .evaluate import load_gold_set
from .scoring import names_match
from .split import is_held_out

GOLD_SETS = ["{shared}/gold/reuters-dev.jsonl", "fixtures/gold-reuters-train.jsonl",
             "fixtures/gold-reuters-train2.jsonl", "fixtures/gold.jsonl",
             "fixtures/gold-hard.jsonl", "fixtures/gold-fresh.jsonl",
             "fixtures/gold-fresh2.jsonl", "fixtures/gold-reuters-stream.jsonl",
             "fixtures/gold-reuters-stream-claims.jsonl"]
# Regularisation strengths tried (scikit-learn's C: smaller is stronger).
STRENGTHS = (0.03, 0.1, 0.3, 1.0)
THRESHOLDS = tuple(t / 100 for t in range(0, 96, 5))
# How much likelier than the next the best candidate must be (tried).
MARGINS = (0.0, 0.05, 0.1, 0.2)
# How much more an open side's candidates count in the fit than a named side's (tried).
OPEN_WEIGHTS = (1.0, 3.0, 10.0, 30.0)
FOLDS = 5
REPEATS = 3


def collect(gold_paths: list[Path], corpus: Path | None, extractor) -> list[dict]:
    """Every side of every claim on a tune article that matches a gold deal: its
    candidates' signs, which are right, and whether the rules named the side."""
    ranker = extractor.nlp.get_pipe("newsfacts_claims").settings["sides"]
    weights, ranker.weights = ranker.weights, {}  # read the rules alone
    rows = []
    try:
        for path in gold_paths:
            gold_set = load_gold_set(path, corpus)
            for doc_id, deals in gold_set.gold.items():
                if is_held_out(doc_id):
                    continue
                ranker.collected = []
                extractor.extract(gold_set.articles[doc_id])
                rows.extend(_labelled(doc_id, deals, ranker.collected))
    finally:
        ranker.weights, ranker.collected = weights, None
    return rows


def _labelled(doc_id: str, deals: list, collected: list[dict]) -> list[dict]:
    rows = []
    for entry in collected:
        deal = next((d for d in deals if d.matches(entry["amount"])), None)
        if deal is None:
            continue
        gold = deal.buyer if entry["side"] == "buyer" else deal.seller + (
            [deal.target] if deal.target else [])
        rows.append({"doc": doc_id, "side": entry["side"], "deal_type": entry["deal_type"],
                     "named": bool(entry["named"]), "gold_empty": not gold,
                     "candidates": [{"name": c.name, "features": c.features,
                                     "right": any(names_match(c.name, g) for g in gold)}
                                    for c in entry["candidates"]]})
    return rows


def _fit(rows: list[dict], strength: float, open_weight: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    signs = [dict.fromkeys(c["features"], 1) for r in rows for c in r["candidates"]]
    labels = [c["right"] for r in rows for c in r["candidates"]]
    # the sides the rules leave open are the ones the ranker fills: they count more
    weights = [1.0 if r["named"] else open_weight for r in rows for _ in r["candidates"]]
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=strength, max_iter=2000)
    model.fit(vectorizer.fit_transform(signs), labels, sample_weight=weights)
    weights = dict(zip(vectorizer.feature_names_, model.coef_[0].tolist(), strict=True))
    return {k: round(v, 4) for k, v in weights.items() if abs(v) >= 1e-4}, float(
        model.intercept_[0])


def gains(rows: list[dict], weights: dict, bias: float, margin: float = 0.0
          ) -> dict[str, dict[float, int]]:
    """For each side of each deal type ("buyer|loan") and each threshold, the sides put
    right minus those put wrong, among the sides the rules leave open (an open side is
    right already when the gold has none)."""
    from .extract.sides import Candidate, SideRanker

    out: dict[str, dict[float, int]] = {}
    ranker = SideRanker(weights, bias, 0.0, margin)
    for row in rows:
        group = out.setdefault(f"{row['side']}|{row['deal_type']}", dict.fromkeys(THRESHOLDS, 0))
        best = None if row["named"] else ranker.best(
            [Candidate(c["name"], c["features"]) for c in row["candidates"]])
        if best is None:
            continue
        right = next(c["right"] for c in row["candidates"] if c["name"] == best[0].name)
        for t in THRESHOLDS:
            if best[1] >= t:
                group[t] += 1 if right else -1 if row["gold_empty"] else 0
    return out


def cross_validate(rows: list[dict], strength: float, open_weight: float,
                   folds: int = FOLDS, repeats: int = REPEATS
                   ) -> dict[tuple[str, float, float], float]:
    """Gains by (side|deal type, margin, threshold), each fold scored by weights fitted on
    the others (by article); averaged over ``repeats`` fixed shuffles of the articles,
    since one split's gains vary by a few sides."""
    total: dict[tuple[str, float, float], float] = {}
    for seed in range(repeats):
        docs = sorted({r["doc"] for r in rows})
        random.Random(seed).shuffle(docs)
        for k in range(folds):
            held = set(docs[k::folds])
            weights, bias = _fit([r for r in rows if r["doc"] not in held], strength,
                                 open_weight)
            for m in MARGINS:
                scored = gains([r for r in rows if r["doc"] in held], weights, bias, m)
                for group, by_threshold in scored.items():
                    for t, g in by_threshold.items():
                        total[group, m, t] = total.get((group, m, t), 0.0) + g / repeats
    return total


def _summed(gain: dict[tuple[str, float, float], float]) -> dict[tuple[float, float], float]:
    out: dict[tuple[float, float], float] = {}
    for (_, m, t), g in gain.items():
        out[m, t] = out.get((m, t), 0.0) + g
    return out


def _smoothed(gain: dict[tuple[float, float], float], margin: float, i: int) -> float:
    """The gain at the i-th threshold, averaged with its neighbours': a lone peak of
    cross-validation noise is not chosen over a plateau."""
    near = [gain[margin, t] for t in THRESHOLDS[max(0, i - 1):i + 2]]
    return sum(near) / len(near)


def train(rows: list[dict]) -> dict:
    """Choose the strength, the open sides' weight, the margin and the threshold by
    cross-validation (of the best gain, the most cautious); then keep the ranker out of
    the sides of deal types where it loses; fit on all the rows."""
    tried = []
    for s in STRENGTHS:
        for w in OPEN_WEIGHTS:
            by_group = cross_validate(rows, s, w)
            total = _summed(by_group)
            tried += [(_smoothed(total, m, i), t, m, s, w, by_group)
                      for m in MARGINS for i, t in enumerate(THRESHOLDS)]
    _, threshold, margin, strength, open_weight, by_group = max(tried, key=lambda r: r[:3])
    groups = {g: v for (g, m, t), v in by_group.items() if (m, t) == (margin, threshold)}
    closed = sorted(g for g, v in groups.items() if v < 0)
    weights, bias = _fit(rows, strength, open_weight)
    return {"weights": dict(sorted(weights.items())), "bias": round(bias, 4),
            "threshold": threshold, "margin": margin, "closed": closed,
            "strength": strength, "open_weight": open_weight,
            # the gain where the ranker is kept (those sides chosen on the same folds: a
            # little optimistic), and over all sides
            "cross_validated_gain": round(sum(v for v in groups.values() if v >= 0), 1),
            "cross_validated_gain_all_sides": round(sum(groups.values()), 1),
            "gain_by_side_and_type": {g: round(v, 1) for g, v in sorted(groups.items())},
            "open_sides": sum(not r["named"] for r in rows), "rows": len(rows)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default="../shared", help="the shared data folder")
    parser.add_argument("--rows", type=Path, default=None,
                        help="also write the training rows (JSON Lines) to this file")
    parser.add_argument("--out", type=Path, default=None, help="the weights file")
    args = parser.parse_args(argv)
    from .extract.pipeline import Extractor
    from .extract.sides import SIDES_FILE

    shared = Path(args.shared)
    paths = [Path(p.format(shared=shared)) for p in GOLD_SETS]
    corpus = shared / "corpora" / "reuters21578"
    missing = [str(p) for p in [*paths, corpus] if not p.exists()]
    if missing:  # the weights must come from every set, or the file changes meaning
        raise SystemExit(f"newsfacts.train: {missing[0]}: not found (training reads the "
                         "dev gold and the Reuters corpus under --shared, and every "
                         "gold set of the repo)")
    rows = collect(paths, corpus, Extractor())
    if args.rows:
        args.rows.write_text("".join(json.dumps(r) + "\n" for r in rows))
    model = train(rows)
    out = args.out or SIDES_FILE
    out.write_text(json.dumps(model, indent=1) + "\n")
    print(f"{len(rows)} sides ({model['open_sides']} open) from {len(paths)} gold sets; "
          f"C = {model['strength']}, open sides x{model['open_weight']:g}, "
          f"threshold {model['threshold']}, margin {model['margin']}, not for "
          f"{', '.join(model['closed']) or 'none'}: "
          f"{model['cross_validated_gain']:+.1f} sides in cross-validation; wrote {out}")


if __name__ == "__main__":
    main()
