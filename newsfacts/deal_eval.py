"""Scoring deal consolidation against a gold file of deal clusters: B-cubed precision and
recall of the grouping, precision of company merges, accuracy of claim status.

The gold file (fixtures/gold-deals-reuters-train.jsonl) has one JSON line per deal::

    {"deal": "dixons-cyclops", "deal_type": "acquisition", "hard": ["rival bidders"],
     "parties": [["Dixons Group PLC", "Dixons"], ["Cyclops Corp", "Cyclops"]],
     "reports": [{"doc_id": "reuters-15682", "status": "proposed",
                  "amounts": [{"value": 90.25, "currency": "USD", "per": "share"}]}],
     "note": "..."}

``reports`` are the articles that report the deal, each with the amounts it gives for it
and the stage its sentence reports (newsfacts.status.STATUSES). ``parties`` are the
names each company goes by in those articles, one list per company.

The articles are extracted and consolidated for real (a store in a temporary folder);
each claim whose article and amount match a gold report takes that report's deal and
status. Unmatched claims (extraction misses and extra claims) are left out, so the scores
measure the grouping of what extraction found.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path

from .companies import company_key
from .db import queries
from .errors import BadInput
from .sources.reuters import read_reuters


@dataclass
class DealScores:
    """What deal consolidation scores on a gold file."""

    gold_deals: int = 0
    gold_reports: int = 0
    matched_claims: int = 0
    bcubed_precision: float | None = None
    bcubed_recall: float | None = None
    merge_pairs: int = 0  # pairs of names one company joined, both in the gold
    merge_precision: float | None = None
    status_claims: int = 0
    status_accuracy: float | None = None
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)  # what went wrong, one line each

    def to_dict(self) -> dict:
        return asdict(self)


def load_deal_gold(path: str | Path) -> list[dict]:
    """Read a gold file of deal clusters; a bad line is an error naming it."""
    deals = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            deal = json.loads(line)
            assert isinstance(deal["deal"], str) and deal["reports"]
            for report in deal["reports"]:
                assert report["doc_id"] and isinstance(report["amounts"], list)
        except (ValueError, KeyError, TypeError, AssertionError):
            raise BadInput(f"{path}:{number}: not a gold deal (deal, reports with doc_id "
                           "and amounts)") from None
        deals.append(deal)
    return deals


def _same(amount: dict, claim: dict) -> bool:
    if amount.get("currency") != claim["currency"] or amount.get("per") != claim["per"]:
        return False
    scale = max(abs(amount["value"]), abs(claim["value"]), 1.0)
    return abs(amount["value"] - claim["value"]) <= 0.005 * scale


def score_deals(gold: list[dict], claims: list[dict], companies: dict[str, set[str]]
                ) -> DealScores:
    """Score consolidated claims against gold deals.

    :param gold: gold deals (load_deal_gold).
    :param claims: claims of the gold's articles, each with ``id``, ``article_id``,
        ``value``, ``currency``, ``per``, ``deal_id`` and ``status``.
    :param companies: every company's names (as its claims write them), by company id.
    """
    scores = DealScores(gold_deals=len(gold), gold_reports=sum(len(d["reports"]) for d in gold))
    by_article: dict[str, list[dict]] = defaultdict(list)
    for claim in claims:
        by_article[claim["article_id"]].append(claim)
    labels: dict[str, tuple[str, str | None]] = {}  # claim id -> (gold deal, gold status)
    for deal in gold:
        for report in deal["reports"]:
            for claim in by_article.get(report["doc_id"], []):
                if claim["id"] not in labels and any(_same(a, claim) for a in report["amounts"]):
                    labels[claim["id"]] = (deal["deal"], report.get("status"))
    matched = [c for c in claims if c["id"] in labels]
    scores.matched_claims = len(matched)
    if matched:
        system: dict[str, set[str]] = defaultdict(set)
        truth: dict[str, set[str]] = defaultdict(set)
        for claim in matched:
            system[claim["deal_id"]].add(claim["id"])
            truth[labels[claim["id"]][0]].add(claim["id"])
        precision = recall = 0.0
        for claim in matched:
            mine, theirs = system[claim["deal_id"]], truth[labels[claim["id"]][0]]
            precision += len(mine & theirs) / len(mine)
            recall += len(mine & theirs) / len(theirs)
        scores.bcubed_precision = precision / len(matched)
        scores.bcubed_recall = recall / len(matched)
        statused = [c for c in matched if labels[c["id"]][1]]
        scores.status_claims = len(statused)
        if statused:
            scores.status_accuracy = sum(c["status"] == labels[c["id"]][1]
                                         for c in statused) / len(statused)
            for claim in statused:
                if claim["status"] != labels[claim["id"]][1]:
                    scores.errors.append(f"status: {claim['article_id']}: "
                                         f"{labels[claim['id']][1]} read as {claim['status']}: "
                                         f"{' '.join(claim['sentence'].split())}")
        for deal_id, members in system.items():
            found = {labels[c][0] for c in members}
            if len(found) > 1:
                scores.errors.append(f"grouping: deal {deal_id} joins {sorted(found)}")
        for gold_id, members in truth.items():
            found = {c["deal_id"] for c in matched if c["id"] in members}
            if len(found) > 1:
                scores.errors.append(f"grouping: {gold_id} split into {len(found)} deals")
    # Names the gold knows; a pair with a name it does not know is not judged.
    known = {company_key(name) for d in gold for names in d.get("parties", []) for name in names}
    right = judged = 0
    for _, names in sorted(companies.items()):
        keys = sorted({company_key(n) for n in names} & known)
        for a, b in combinations(keys, 2):
            judged += 1
            same = _same_company(a, b, gold)
            right += same
            if not same:
                scores.errors.append(f"merge: {a!r} and {b!r} are different companies")
    scores.merge_pairs = judged
    scores.merge_precision = right / judged if judged else None
    return scores


def _same_company(a: str, b: str, gold: list[dict]) -> bool:
    """Whether some gold deal lists names of keys ``a`` and ``b`` as one company."""
    for deal in gold:
        for names in deal.get("parties", []):
            keys = {company_key(n) for n in names}
            if a in keys and b in keys:
                return True
    return False


def evaluate_deals(gold_path: str | Path, corpus: str | Path, extractor=None,
                   keep: str | Path | None = None) -> DealScores:
    """Extract the gold's Reuters articles, consolidate them in a scratch store, score.

    :param gold_path: the gold file of deal clusters.
    :param corpus: the Reuters-21578 folder the ``reuters-<NEWID>`` ids come from.
    :param extractor: an Extractor; None makes the default one.
    :param keep: a store file to write (and keep, to look at the deals); None for a
        scratch store that is removed.
    """
    import time

    from .db import Store
    from .extract import Extractor

    gold = load_deal_gold(gold_path)
    wanted = {r["doc_id"] for d in gold for r in d["reports"]}
    if not Path(corpus).is_dir():
        raise BadInput(f"{corpus}: the Reuters-21578 folder is needed for {gold_path}")
    articles = [a for sgm in sorted(Path(corpus).glob("*.sgm")) for a in read_reuters(sgm)
                if a.id in wanted]
    missing = wanted - {a.id for a in articles}
    if missing:
        raise BadInput(f"{gold_path}: {len(missing)} articles are not in {corpus}, "
                       f"e.g. {sorted(missing)[0]}")
    extractor = extractor or Extractor()
    with tempfile.TemporaryDirectory() as folder, Store(keep or Path(folder) / "deals.db") as store:
        store.write(list(extractor.pipe(articles)))
        started = time.perf_counter()
        store.rebuild_deals()
        seconds = time.perf_counter() - started
        claims = list(store.db.query(queries.CLAIMS_WITH_DEALS))
        companies: dict[str, set[str]] = defaultdict(set)
        for row in store.db.query(queries.COMPANY_NAMES):
            companies[row["company_id"]].add(row["name"])
    scores = score_deals(gold, claims, companies)
    scores.seconds = seconds
    return scores
