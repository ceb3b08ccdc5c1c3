"""The newsfacts Datasette plugin: SQL functions, readable cells, search over evidence and
article text, the article page and the chart, for the fact store.

Registered through the ``datasette`` entry point, so ``newsfacts serve`` and plain
``datasette newsfacts.db --metadata ...`` both load it. Templates and static files sit
beside it in ``templates/`` and ``static/``.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import escape_sqlite
from datasette.utils.asgi import asgi_static
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup

from .chart import Bar, bar_chart
from .money import format_amount, format_money, parse_number
from .pages import ARTICLE_ROUTE, article_page, article_path
from .security import guard_site, limit_connection, url_html

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
# The name Datasette gives newsfacts.db, under which metadata.yaml describes the store.
STORE = "newsfacts"
# The tables and views whose value, low and high are amounts in their row's currency.
MONEY_TABLES = {"claims", "all_claims", "deals"}


@hookimpl
def prepare_connection(conn):
    """Add the SQL functions of the site.

    ``newsfacts_money(value, currency, per)``: 45e9, 'USD', null -> '$45.0 bn';
    ``newsfacts_money(value, currency, per, qualifier, high)``: ... 'up_to' -> 'up to $5.0 bn';
    ``newsfacts_number(text)``: '1 bn' -> 1000000000.0, what a person types for an amount.

    And bound one SQL value, a LIKE pattern and printf's widths (db/security.py).
    """
    limit_connection(conn)
    conn.create_function("newsfacts_money", 3, format_money, deterministic=True)
    conn.create_function("newsfacts_money", 5, format_amount, deterministic=True)
    conn.create_function("newsfacts_number", 1, parse_number, deterministic=True)


@hookimpl
def asgi_wrapper(datasette):
    """Security headers on every response, and no answer to a host the site is not served as
    (db/security.py)."""
    return guard_site


@hookimpl
def prepare_jinja2_environment(env):
    # Datasette finds a plugin's templates/ only when the plugin is a package on Python
    # 3.11 (importlib.resources.files() of a module raises TypeError there); ours is a
    # module, so its templates come after Datasette's own and any --template-dir.
    env.loader = ChoiceLoader([env.loader, FileSystemLoader(str(TEMPLATES))])
    env.globals["newsfacts_bar_chart"] = bar_chart_of_rows
    env.globals["newsfacts_url_html"] = url_html


@hookimpl
def register_routes():
    return [
        (ARTICLE_ROUTE, article_page),
        # Static files, for the same reason as the templates above.
        (r"^/-/newsfacts/static/(?P<path>[^/]+)$", asgi_static(STATIC)),
    ]


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path("/-/newsfacts/static/newsfacts.css")]


@hookimpl
def render_cell(row, value, column, table, datasette):
    """Amounts as a reader writes them, evidence and titles as links to the article page,
    parties as a list, URLs as links only at http(s); every other cell as Datasette shows
    it (None)."""
    # A table page gives a foreign key as {"value": ..., "label": ...}.
    row = {k: v["value"] if isinstance(v, dict) else v for k, v in dict(row).items()}
    return cell_html(row, value, column, table, datasette.urls.path)


def cell_html(row: dict, value, column: str, table: str | None,
              url: Callable[[str], str] = str) -> Markup | None:
    """The HTML of one cell of a row of the store, or None to leave it to Datasette.

    :param row: the whole row, by column name.
    :param value: the cell's value.
    :param column: the cell's column; a query may suffix it ("sentence_a" goes with
        "article_id_a" and "claim_id_a").
    :param table: the table or view, or None in the result of a query.
    :param url: makes a path of the site a URL (Datasette's base_url).

    >>> str(cell_html({"value": 5e9, "currency": "USD", "per": None, "qualifier": "up_to"},
    ...               5e9, "value", "deals"))
    'up to $5.0 bn'
    >>> row = {"sentence": "<b>", "article_id": "a-1", "claim_id": "c"}
    >>> str(cell_html(row, "<b>", "sentence", None))
    '<a href="/-/newsfacts/article/a-1?claim=c#claim-c">&lt;b&gt;</a>'
    """
    if value is None:
        return None
    base, _, suffix = column.partition("_")
    suffix = f"_{suffix}" if suffix else ""
    if table in MONEY_TABLES and column == "value" and row.get("currency"):
        return Markup.escape(format_amount(value, row["currency"], row.get("per"),
                                           row.get("qualifier"), row.get("high")))
    if table in MONEY_TABLES and column in {"low", "high"} and row.get("currency"):
        return Markup.escape(format_money(value, row["currency"], row.get("per")))
    if table in MONEY_TABLES and column == "term_months":
        return Markup.escape(f"{value} month" + ("" if value == 1 else "s"))
    if base in {"sentence", "title"}:
        if table in {"claims", "articles"}:
            article_id = row.get("article_id" if table == "claims" else "id")
            claim_id = row.get("id") if table == "claims" else None
        else:
            article_id, claim_id = row.get(f"article_id{suffix}"), row.get(f"claim_id{suffix}")
        if article_id and (base == "title" or claim_id):
            href = url(article_path(article_id, claim_id))
            return Markup('<a href="{}">{}</a>').format(href, value)
    if column == "url" and isinstance(value, str):
        # Datasette links only http(s) values too; saying so here keeps one policy.
        return url_html(value)
    if column == "parties" and table == "all_claims":
        try:
            return Markup.escape(", ".join(json.loads(value)))
        except (TypeError, ValueError):
            return None
    return None


@hookimpl(trylast=True)
def filters_from_request(request, database, table, datasette):
    """``?_search=`` on a view whose plugin config names the full-text indexes to search.

    The all_claims view is configured ``search: {claim_id: claims, article_id: articles}``: a
    row matches when its claim's evidence (claims_fts) or its article's title and text
    (articles_fts) match. Runs last, so its ``supports_search`` shows the search box that
    Datasette's own search, which knows no index for a view, would hide.
    """
    config = datasette.plugin_config("newsfacts", database=database, table=table,
                                     fallback=False) or {}
    search_in = config.get("search")
    if not search_in:
        return None
    search = request.args.get("_search", "").strip()
    context = {"supports_search": True, "search": search}
    if not search:
        return FilterArguments([], extra_context=context)
    clauses = [
        f"{escape_sqlite(column)} in (select id from {escape_sqlite(other)} where rowid in "
        f"(select rowid from {escape_sqlite(other + '_fts')} where "
        f"{escape_sqlite(other + '_fts')} match escape_fts(:newsfacts_search)))"
        for column, other in search_in.items()
    ]
    return FilterArguments(["(" + " or ".join(clauses) + ")"], {"newsfacts_search": search},
                           [f'search matches "{search}"'], context)


@hookimpl
def startup(datasette):
    async def warn_about_unnamed_stores():
        # metadata.yaml describes the database named "newsfacts": another file name gets
        # no descriptions, facets or canned queries.
        for name, db in datasette.databases.items():
            if name == STORE or name.startswith("_") or not await db.table_exists("claims"):
                continue
            if STORE not in (datasette.metadata("databases") or {}):
                continue
            print(f"newsfacts: {db.path} is served as '{name}', but the metadata describes "
                  f"'{STORE}': serve a file named {STORE}.db to get its descriptions and "
                  f"canned queries", file=sys.stderr)

    return warn_about_unnamed_stores


def bar_chart_of_rows(rows, label: str, value: str, text: str, title: str,
                      currency: str | None = None) -> Markup:
    """An SVG bar chart of query rows, for templates: one bar per row, in row order.

    :param rows: the rows of a query.
    :param label: the column of the bars' labels.
    :param value: the column of their heights.
    :param text: the column of their readable values.
    :param title: what the chart shows.
    :param currency: the currency of the values, for the axis; None for plain numbers.
    """
    bars = [Bar(str(row[label]), float(row[value] or 0), str(row[text] or ""))
            for row in rows if row[label] is not None]
    return Markup(bar_chart(bars, title, lambda v: _tick(v, currency)))


def _tick(value: float, currency: str | None) -> str:
    """An axis tick: "$100 bn" rather than the "$100.0 bn" of a claimed amount."""
    if not currency:
        return f"{value:,g}"
    return re.sub(r"\.0 (bn|tn)$", r" \1", format_money(value, currency))
