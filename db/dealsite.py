"""The deals and companies on the site: the deal page (its timeline of claims, where the
sources disagree, rival bids), the company page (its names and its deals over time), and
links from the deals, companies and claims tables to them.

A Datasette plugin of its own (entry point ``newsfacts_deals``) beside db/plugin.py;
its templates sit in ``templates/`` with the others.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import quote

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup

from . import queries
from .money import format_amount, format_money
from .pages import article_path

DEAL_ROUTE = r"^/-/newsfacts/deal/(?P<deal_id>[^/]+)$"
COMPANY_ROUTE = r"^/-/newsfacts/company/(?P<company_id>[^/]+)$"
# How each status reads on a page.
STATUS_WORDS = {"rumoured": "rumoured", "in_talks": "in talks",
                "proposed": "proposed or offered", "agreed": "agreed", "completed": "completed",
                "terminated": "terminated or rejected"}


def deal_path(deal_id: str) -> str:
    """The path of a deal's page.

    >>> deal_path("3f2a")
    '/-/newsfacts/deal/3f2a'
    """
    return f"/-/newsfacts/deal/{quote(deal_id, safe='')}"


def company_path(company_id: str) -> str:
    """The path of a company's page.

    >>> company_path("9b1c")
    '/-/newsfacts/company/9b1c'
    """
    return f"/-/newsfacts/company/{quote(company_id, safe='')}"


@hookimpl
def register_routes():
    return [(DEAL_ROUTE, deal_page), (COMPANY_ROUTE, company_page)]


@hookimpl
def render_cell(row, value, column, table, datasette):
    """Deal ids as links to their pages, company names and ids to theirs, the amounts of a
    deal as a reader writes them; None for every other cell."""
    row = {k: v["value"] if isinstance(v, dict) else v for k, v in dict(row).items()}
    return deal_cell_html(row, value, column, table, datasette.urls.path)


def deal_cell_html(row: dict, value, column: str, table: str | None,
                   url: Callable[[str], str] = str) -> Markup | None:
    """The HTML of a cell that links to a deal or company page, or None.

    >>> str(deal_cell_html({"id": "d1"}, "d1", "id", "deals"))
    '<a href="/-/newsfacts/deal/d1">d1</a>'
    >>> str(deal_cell_html({"min_value": 2e9, "currency": "USD"}, 2e9, "min_value", "deals"))
    '$2.0 bn'
    """
    if value is None:
        return None
    link = '<a href="{}">{}</a>'
    if table == "deals":
        if column == "id":
            return Markup(link).format(url(deal_path(value)), value)
        if column in {"min_value", "max_value"} and row.get("currency"):
            return Markup.escape(format_money(value, row["currency"]))
        if column == "per_share" and row.get("per_share_currency"):
            return Markup.escape(format_money(value, row["per_share_currency"], "share"))
        if column == "target" and row.get("target_id"):
            return Markup(link).format(url(company_path(row["target_id"])), value)
        if column == "disputed":
            return Markup.escape("disputed" if value else "")
    if table == "companies" and column == "name" and row.get("id"):
        return Markup(link).format(url(company_path(row["id"])), value)
    if column == "deal_id" and table in {None, "all_claims", "deal_claims", "deal_companies"}:
        return Markup(link).format(url(deal_path(value)), value)
    if column == "company" and row.get("company_id") and table is None:
        return Markup(link).format(url(company_path(row["company_id"])), value)
    return None


async def _find(datasette, sql: str, key: str):
    """Return (database, row) of the first database whose ``sql`` finds ``key``."""
    for name, db in datasette.databases.items():
        if name.startswith("_") or not await db.table_exists("deals") or not (
                await db.table_exists("companies")):
            continue
        rows = (await db.execute(sql, [key])).rows
        if rows:
            return db, dict(rows[0])
    return None, None


def _amount(row: dict) -> str | None:
    return format_amount(row.get("value"), row.get("currency"), row.get("per"),
                         row.get("qualifier"), row.get("high"))


async def deal_page(datasette, request):
    """The page of one deal: its parties, latest figures, timeline and disagreements."""
    deal_id = request.url_vars["deal_id"]
    db, deal = await _find(datasette, queries.DEAL, deal_id)
    if deal is None:
        raise NotFound(f"No deal with id {deal_id}")
    await datasette.ensure_permissions(request.actor, [
        ("view-table", (db.name, "deals")), ("view-database", db.name), "view-instance"])
    timeline = [dict(r) for r in (await db.execute(queries.DEAL_TIMELINE, [deal_id])).rows]
    for claim in timeline:
        claim["amount"] = _amount(claim)
        claim["status_words"] = STATUS_WORDS.get(claim["status"], claim["status"])
    parties = [dict(r) for r in (await db.execute(queries.DEAL_PARTIES, [deal_id])).rows]
    rivals = [dict(r) for r in (await db.execute(
        queries.RIVAL_DEALS, [deal["target_id"], deal_id])).rows] if deal["target_id"] else []
    disputed: dict[str, list[dict]] = {}
    for claim in timeline:
        if claim["disputed"]:
            disputed.setdefault(claim["status_words"], []).append(claim)
    context = {
        "database": db.name, "deal": deal, "timeline": timeline, "rivals": rivals,
        "buyers": [p for p in parties if p["role"] == "buyer"],
        "sold": [p for p in parties if p["role"] == "sold"],
        "disputed": disputed, "status_words": STATUS_WORDS,
        "total": format_amount(deal["value"], deal["currency"], None, deal["qualifier"]),
        "per_share": format_money(deal["per_share"], deal["per_share_currency"], "share"),
        "low": format_money(deal["min_value"], deal["currency"]),
        "high": format_money(deal["max_value"], deal["currency"]),
        "article_path": article_path, "deal_path": deal_path, "company_path": company_path,
    }
    html = await datasette.render_template("newsfacts_deal.html", context, request=request,
                                           view_name="newsfacts_deal")
    return Response.html(html)


async def company_page(datasette, request):
    """The page of one company: the names it goes by and its deals over time."""
    company_id = request.url_vars["company_id"]
    db, company = await _find(datasette, queries.COMPANY, company_id)
    if company is None:
        raise NotFound(f"No company with id {company_id}")
    await datasette.ensure_permissions(request.actor, [
        ("view-table", (db.name, "companies")), ("view-database", db.name), "view-instance"])
    aliases = [dict(r) for r in (await db.execute(queries.COMPANY_ALIASES, [company_id])).rows]
    deals = [dict(r) for r in (await db.execute(queries.COMPANY_DEALS, [company_id])).rows]
    for deal in deals:
        deal["total"] = format_amount(deal["value"], deal["currency"], None, deal["qualifier"])
        deal["status_words"] = STATUS_WORDS.get(deal["status"], deal["status"])
    context = {
        "database": db.name, "company": company, "aliases": aliases, "deals": deals,
        "tickers": json.loads(company["tickers"] or "[]"),
        "article_path": article_path, "deal_path": deal_path,
    }
    html = await datasette.render_template("newsfacts_company.html", context, request=request,
                                           view_name="newsfacts_company")
    return Response.html(html)
