"""Consolidation: the store's claims made into companies and deals, written to the
companies, company_aliases, claim_companies, deals, deal_claims and deal_companies tables.

``rebuild_deals`` redoes every deal; ``update_deals`` redoes only the deals of the
companies that the given articles' claims name (an ingest's). Companies are always
resolved over the whole store (it takes a fraction of a second); a claim whose company
changes that way counts as touched. Callers hold the write transaction (Store does).
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from .companies import Mention, Overrides, Resolution, resolve_companies
from .db import queries
from .deals import Deal, DealClaim, could_join, group_claims
from .status import claim_status, is_raised_offer

# The file of the user's company corrections, beside the store.
OVERRIDES_NAME = "companies.yaml"


def overrides_path(db_path: str | Path) -> Path:
    """Where the companies file of the store at ``db_path`` is: ``companies.yaml`` beside it."""
    return Path(db_path).resolve().parent / OVERRIDES_NAME


@dataclass
class Consolidation:
    """What a consolidation did: companies found, deals written and removed, in seconds."""

    companies: int = 0
    claims: int = 0  # claims grouped
    regrouped: list[str] = field(default_factory=list)  # ids of the deals written
    removed: list[str] = field(default_factory=list)  # ids of deals replaced or gone
    seconds: float = 0.0  # wall clock
    cpu_seconds: float = 0.0  # this process's CPU time: the measure on a shared machine

    def line(self) -> str:
        """The one-line summary a command prints."""
        return (f"{len(self.regrouped)} deals from {self.claims} claims, "
                f"{self.companies} companies")


def rebuild_deals(db: Database, overrides: Overrides | None = None) -> Consolidation:
    """Group every current claim into deals again, replacing every deal.

    :param db: the store's database, in a write transaction.
    :param overrides: the user's company corrections; None for none.
    """
    return _consolidate(db, None, overrides)


def update_deals(db: Database, article_ids: Iterable[str],
                 overrides: Overrides | None = None) -> Consolidation:
    """Regroup only the deals the claims of ``article_ids`` touch (an ingest's articles).

    :param db: the store's database, in a write transaction.
    :param article_ids: articles written (new, changed or superseded) since the last
        consolidation.
    :param overrides: the user's company corrections; None for none.
    """
    return _consolidate(db, list(article_ids), overrides)


def _consolidate(db: Database, article_ids: list[str] | None,
                 overrides: Overrides | None) -> Consolidation:
    started, cpu_started = time.perf_counter(), time.process_time()
    db.execute("pragma defer_foreign_keys = on")  # companies are replaced under their links
    rows = {r["id"]: r for r in db.query(queries.CURRENT_CLAIMS)}
    mentions = [Mention(r["claim_id"], r["article_id"], r["role"], r["name"])
                for r in db.query(queries.CURRENT_PARTIES)]
    texts = {r["id"]: r["text"] for r in db.query(queries.ARTICLES_WITH_CLAIMS)}
    resolution = resolve_companies(mentions, texts, overrides)
    links = {(m.claim_id, m.role, m.name): resolution.of(m.claim_id, m.name) for m in mentions
             if resolution.of(m.claim_id, m.name)}
    claims = _deal_claims(rows, mentions, resolution)
    old_deal_of = {r["claim_id"]: r["deal_id"] for r in db.query(queries.DEAL_OF_CLAIMS)}
    if article_ids is None:
        subset = set(claims)
        old_deals = set(old_deal_of.values())
    else:
        subset, old_deals = _touched(db, article_ids, claims, links, old_deal_of)
    deals = group_claims([claims[c] for c in sorted(subset)], texts.get)
    _write_deals(db, deals, old_deals, resolution)
    _write_companies(db, resolution, links)
    return Consolidation(companies=len(resolution.companies), claims=len(subset),
                         regrouped=sorted(d.id for d in deals), removed=sorted(old_deals),
                         seconds=time.perf_counter() - started,
                         cpu_seconds=time.process_time() - cpu_started)


def _deal_claims(rows: dict[str, dict], mentions: list[Mention],
                 resolution: Resolution) -> dict[str, DealClaim]:
    sides: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"buyers": [], "sold": []})
    for mention in mentions:
        company = resolution.of(mention.claim_id, mention.name)
        side = sides[mention.claim_id]["buyers" if mention.role == "buyer" else "sold"]
        if company and company not in side:
            side.append(company)
    claims = {}
    for claim_id, row in rows.items():
        side = sides.get(claim_id, {"buyers": [], "sold": []})
        # "GenCorp Inc ... GenCorp Inc": a company on both sides is the one bought.
        side["buyers"] = [c for c in side["buyers"] if c not in side["sold"]]
        claims[claim_id] = DealClaim(
            id=claim_id, article_id=row["article_id"], published=row["published"],
            outlet=row["outlet"], deal_type=row["deal_type"] or "other",
            buyers=tuple(side["buyers"]), sold=tuple(side["sold"]), value=row["value"],
            currency=row["currency"], per=row["per"], qualifier=row["qualifier"],
            amount_text=row["amount_text"] or "",
            status=claim_status(row["sentence"], row["attribution"]),
            sentence=row["sentence"], ordinal=row["ordinal"] or 0)
    return claims


def _touched(db: Database, article_ids: list[str], claims: dict[str, DealClaim],
             links: dict, old_deal_of: dict[str, str]) -> tuple[set[str], set[str]]:
    """The current claims to regroup and the stored deals they replace.

    Touched: the claims of the articles, claims whose companies changed, claims no longer
    current and current claims in no deal. Then every current claim that could be in one
    deal with one of those (a shared company, a compatible type, within the window), and
    every claim of a deal any of them was in.
    """
    old_links = {(r["claim_id"], r["role"], r["name"]): r["company_id"]
                 for r in db.query(queries.CLAIM_COMPANIES)}
    changed = {r["id"] for r in db.query(queries.CLAIMS_OF_ARTICLES, [json.dumps(article_ids)])}
    changed |= {key[0] for key, _ in set(links.items()) ^ set(old_links.items())}
    changed |= set(old_deal_of) - set(claims)  # gone: replaced or superseded
    changed |= set(claims) - set(old_deal_of)  # new
    old_deals = {old_deal_of[c] for c in changed if c in old_deal_of}
    fresh = [claims[c] for c in sorted(changed) if c in claims]
    by_company: dict[str, list[DealClaim]] = defaultdict(list)
    for claim in fresh:
        for company in claim.companies:
            by_company[company].append(claim)
    subset = {c.id for c in fresh}
    for claim_id, claim in claims.items():
        if any(could_join(claim, other) for company in claim.companies
               for other in by_company.get(company, ())):
            subset.add(claim_id)
    old_deals |= {old_deal_of[c] for c in subset if c in old_deal_of}
    members: dict[str, set[str]] = defaultdict(set)
    for claim_id, deal in old_deal_of.items():
        members[deal].add(claim_id)
    subset |= {c for deal in old_deals for c in members[deal] if c in claims}
    return subset, old_deals


def _write_deals(db: Database, deals: list[Deal], old_deals: set[str],
                 resolution: Resolution) -> None:
    gone = json.dumps(sorted(old_deals))
    db["deal_claims"].delete_where(queries.WHERE_DEAL_IN, [gone])
    db["deal_companies"].delete_where(queries.WHERE_DEAL_IN, [gone])
    db["deals"].delete_where(queries.WHERE_ID_IN, [gone])
    companies = resolution.companies
    deal_rows, claim_rows, company_rows = [], [], []
    for deal in deals:
        disputed = {c for pair in deal.disagreements for c in pair}
        deal_rows.append({
            "id": deal.id, "deal_type": deal.deal_type,
            "buyer": "; ".join(companies[c].name for c in deal.buyers) or None,
            "seller": "; ".join(companies[c].name for c in deal.sold) or None,
            "target": companies[deal.target].name if deal.target else None,
            "target_id": deal.target, "status": deal.status, "value": deal.value,
            "currency": deal.currency, "qualifier": deal.qualifier,
            "per_share": deal.per_share, "per_share_currency": deal.per_share_currency,
            "min_value": deal.min_value, "max_value": deal.max_value,
            "first_reported": deal.first_reported, "last_reported": deal.last_reported,
            "articles": deal.articles, "outlets": deal.outlets, "claims": len(deal.claims),
            "disputed": int(deal.disputed)})
        for claim in deal.claims:
            claim_rows.append({
                "claim_id": claim.id, "deal_id": deal.id, "article_id": claim.article_id,
                "status": claim.status, "raised": int(is_raised_offer(claim.sentence)),
                "duplicate_of": deal.duplicates.get(claim.article_id),
                "disputed": int(claim.id in disputed)})
        company_rows += [{"deal_id": deal.id, "company_id": c, "role": "buyer"}
                         for c in deal.buyers]
        company_rows += [{"deal_id": deal.id, "company_id": c, "role": "sold"}
                         for c in deal.sold]
    db["deals"].insert_all(deal_rows, pk="id")
    db["deal_claims"].insert_all(claim_rows, pk="claim_id", replace=True)
    db["deal_companies"].insert_all(company_rows, pk=("deal_id", "company_id", "role"))


def _write_companies(db: Database, resolution: Resolution, links: dict) -> None:
    """Replace the companies and their links; each company's deal count from deal_companies."""
    deals_of = {r["company_id"]: r["deals"] for r in db.query(queries.DEALS_PER_COMPANY)}
    for table in ("claim_companies", "company_aliases", "companies"):
        db[table].delete_where()
    db["companies"].insert_all(
        ({"id": c.id, "name": c.name, "key": c.key, "tickers": json.dumps(c.tickers),
          "aliases": len(c.aliases), "deals": deals_of.get(c.id, 0)}
         for c in resolution.companies.values()), pk="id")
    db["company_aliases"].insert_all(
        ({"company_id": c.id, "name": name, "article_id": article}
         for c in resolution.companies.values() for name, articles in c.aliases.items()
         for article in articles), pk=("company_id", "name", "article_id"))
    db["claim_companies"].insert_all(
        ({"claim_id": claim, "role": role, "name": name, "company_id": company}
         for (claim, role, name), company in links.items()),
        pk=("claim_id", "role", "name"), ignore=True)


def correct_companies(store, kind: str, names: list[str]) -> Consolidation:
    """Add a merge, split or rename to the store's companies file and regroup every deal.

    :param store: the Store; its companies file is ``companies.yaml`` beside it.
    :param kind: "merge" (two or more names are one company), "split" (a name is a
        company of its own) or "rename" (a company's name, then the name to show).
    :param names: the names, as any claim writes them.
    """
    from .companies import company_key
    from .errors import CompanyNotFound

    known = {company_key(r["name"]) for r in store.db.query(queries.ALIAS_NAMES)}
    for name in names[:-1] if kind == "rename" else names:
        if company_key(name) not in known:
            raise CompanyNotFound(f"{name}: no company goes by this name in {store.path}")
    path = overrides_path(store.path)
    overrides = Overrides.load(path)
    if kind == "merge":
        overrides.merge.append(list(names))
        overrides.split = [n for n in overrides.split
                           if company_key(n) not in {company_key(m) for m in names}]
    elif kind == "split":
        overrides.split += [n for n in names if n not in overrides.split]
        overrides.merge = [[n for n in group if company_key(n) not in
                            {company_key(m) for m in names}] for group in overrides.merge]
        overrides.merge = [g for g in overrides.merge if len(g) >= 2]
    elif kind == "rename":
        overrides.rename[names[0]] = names[1]
    else:
        raise ValueError(f"unknown correction {kind!r}")
    overrides.save(path)
    return store.rebuild_deals(overrides)
