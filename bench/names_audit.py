"""How often a name that is no company gets a role, measured on gold sets (issue 13).

For every claim whose amount is a gold deal's, each buyer and seller name that matches no
party of that deal (buyer, seller or target, GUIDELINES.md matching) is a wrong name; a
wrong name that is a place, a person the article names, a news service, a ticker, a
round's stage, sector words or a legal form alone is a name that is no company. And each
name.* rule the claims' traces show is checked against the gold: a name it dropped or
replaced that was a gold party is a harmful decision.

    .venv/bin/python bench/names_audit.py GOLD... --corpus ../shared/corpora/reuters21578
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from newsfacts.evaluate import load_gold_set, predict
from newsfacts.extract import Extractor
from newsfacts.extract.names import ArticleNames
from newsfacts.extract.records import Claim
from newsfacts.scoring import _best_deal, _seller_side, names_match
from newsfacts.split import part_of

_SAYS = re.compile(r"^(\w+) '(.*)': ")


def _kind(name: str, names: ArticleNames) -> str:
    """What kind of name that is no company a wrong name is, or "company"."""
    from newsfacts.extract import cast
    bare = cast.bare_person(name)
    checks = [("credit", cast.is_wire_service(name) or name.split()[0] in names.credits),
              ("suffix", cast.is_suffix_only(name)),
              ("ticker", cast.is_ticker(name, names.tickers)),
              ("round stage", cast.is_round_stage(name)),
              ("place", cast.is_place(name)),
              ("person", bare in names.people or any(
                  bare in p.split() for p in names.people) or bare != name),
              ("generic", cast.is_generic(name)),
              ("headline", cast.headline_name(name) is not None)]
    return next((kind for kind, hit in checks if hit), "company")


class _Tally:
    """The counts of the audit, by part (tune, held-out)."""

    def __init__(self, verbose: bool):
        self.verbose = verbose
        self.wrong: Counter = Counter()  # (part, kind of name) -> wrong names
        self.seen: Counter = Counter()  # part -> buyer/seller names on correct claims
        self.fires: Counter = Counter()  # (part, rule) -> decisions
        self.harmful: Counter = Counter()  # (part, rule) -> decisions that lost a party

    def names(self, doc_id: str, claim: Claim, parties: list[str], cast: ArticleNames
              ) -> None:
        part = part_of(doc_id)
        for role in ("buyer", "seller"):
            for name in claim.names(role):
                self.seen[part] += 1
                if not any(names_match(name, g) for g in parties):
                    kind = _kind(name, cast)
                    self.wrong[(part, kind)] += 1
                    if self.verbose and kind != "company" and part == "tune":
                        print(f"  no company in a role {doc_id}: {role} {name!r}")

    def decisions(self, doc_id: str, claim: Claim, parties: list[str]) -> None:
        part = part_of(doc_id)
        final = claim.names("buyer") + claim.names("seller") + claim.names("target")
        for step in claim.trace:
            m = _SAYS.match(step["says"])
            if not (step["rule"].startswith("name.") and m):
                continue
            self.fires[(part, step["rule"])] += 1
            # harmful: the name was a gold party the claim no longer names
            if any(names_match(m.group(2), g) and not any(names_match(f, g) for f in final)
                   for g in parties):
                self.harmful[(part, step["rule"])] += 1
                if self.verbose:
                    print(f"  harmful {doc_id}: {step['rule']} {step['says']}")

    def report(self) -> None:
        for part in ("tune", "held-out"):
            kinds = {k: n for (p, k), n in self.wrong.items() if p == part}
            no_company = sum(n for k, n in kinds.items() if k != "company")
            print(f"{part}: {self.seen[part]} buyer/seller names on correct claims; wrong "
                  f"{sum(kinds.values())}, of which no company {no_company}: "
                  + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
            for (p, rule), n in sorted(self.fires.items()):
                if p == part:
                    print(f"    {rule}: fired {n}, on a gold party {self.harmful[(p, rule)]}")


def audit(paths: list[str], corpus: str | None, claims_out: str | None = None,
          claims_in: str | None = None, verbose: bool = False) -> None:
    """Print the audit; with ``claims_out``, also save the claims read (to audit another
    version's claims with this version's name kinds, pass them back as ``claims_in``)."""
    extractor = None if claims_in else Extractor()
    saved = json.loads(Path(claims_in).read_text()) if claims_in else {}
    kept: dict[str, list[dict]] = {}
    tally = _Tally(verbose)
    for path in paths:
        gold_set = load_gold_set(path, corpus)
        if extractor is not None:
            predictions = predict(extractor, gold_set)
        else:
            predictions = {i: [Claim.from_dict(c) for c in saved[i]] for i in gold_set.gold}
        kept.update({i: [c.to_dict() for c in cs] for i, cs in predictions.items()})
        for doc_id, claims in predictions.items():
            deals = gold_set.gold[doc_id]
            article = gold_set.articles[doc_id]
            cast = ArticleNames.from_text(article.text, article.title)
            for claim in claims:
                index = _best_deal(claim, deals)
                if index is not None:
                    parties = deals[index].buyer + _seller_side(deals[index])
                    tally.names(doc_id, claim, parties, cast)
                    tally.decisions(doc_id, claim, parties)
    if claims_out:
        Path(claims_out).write_text(json.dumps(kept))
    tally.report()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+")
    parser.add_argument("--corpus")
    parser.add_argument("--claims-out", help="save the claims read to this JSON file")
    parser.add_argument("--claims-in", help="audit these saved claims, reading none")
    parser.add_argument("--verbose", action="store_true",
                        help="list tune-part names and harmful decisions")
    args = parser.parse_args()
    audit(args.gold, args.corpus, args.claims_out, args.claims_in, args.verbose)
