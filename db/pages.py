"""The article page: an article's text with each claim's evidence sentence marked, and
the claims' fields beside it, so a reader can check a claim against its source.

Served by the plugin at ``/-/newsfacts/article/<article id>``; ``?claim=<claim id>``
marks one claim as the one the reader came for.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from urllib.parse import quote, unquote

from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from . import queries
from .money import format_amount

ARTICLE_ROUTE = r"^/-/newsfacts/article/(?P<article_id>[^/]+)$"


def article_path(article_id: str, claim_id: str | None = None) -> str:
    """The path of an article's page, opened at one claim's evidence when ``claim_id`` is given.

    The id is tilde-encoded, as Datasette encodes a row's key: a JSONL line may give an id
    like "feed/2025/11/a", and a percent-encoded slash is decoded by some proxies.

    >>> article_path("reuters-7497", "c1")
    '/-/newsfacts/article/reuters-7497?claim=c1#claim-c1'
    >>> article_path('feed/q&a; "x"')
    '/-/newsfacts/article/feed~2Fq~26a~3B+~22x~22'
    """
    path = f"/-/newsfacts/article/{tilde_encode(article_id)}"
    if claim_id:
        path += f"?claim={quote(claim_id, safe='')}#claim-{quote(claim_id, safe='')}"
    return path


@dataclass(frozen=True)
class Segment:
    """A run of article text between two edges of evidence spans."""

    text: str
    claims: tuple[str, ...]  # the claims whose evidence covers this run
    starts: tuple[str, ...]  # the claims whose evidence starts here
    ends: tuple[str, ...]  # the claims whose evidence ends here


def split_at_evidence(text: str, spans: list[tuple[str, int, int]]) -> list[Segment]:
    """Cut ``text`` at every edge of the evidence spans, keeping which claims cover each run.

    :param text: the article text.
    :param spans: (claim id, start, end) character offsets into ``text``; spans that do not
        fit the text are left out.

    >>> [(s.text, s.claims) for s in split_at_evidence("Ab. Cd. Ef.", [("x", 4, 7)])]
    [('Ab. ', ()), ('Cd.', ('x',)), (' Ef.', ())]
    """
    spans = [(cid, start, end) for cid, start, end in spans if 0 <= start < end <= len(text)]
    edges = sorted({0, len(text)} | {s for _, s, _ in spans} | {e for _, _, e in spans})
    segments = []
    for left, right in itertools.pairwise(edges):
        segments.append(Segment(
            text=text[left:right],
            claims=tuple(cid for cid, s, e in spans if s <= left and right <= e),
            starts=tuple(cid for cid, s, _ in spans if s == left),
            ends=tuple(cid for cid, _, e in spans if e == right)))
    return segments


def marked_text(text: str, claims: list[dict], selected: str | None = None) -> Markup:
    """The article text as HTML, escaped, with each claim's evidence in a ``<mark>``.

    Each claim gets an anchor ``#claim-<id>`` where its evidence starts and a numbered link
    to its card where it ends; the evidence of ``selected`` is marked ``selected``.

    :param text: the article text.
    :param claims: claim rows with ``id``, ``start``, ``end`` and ``number`` (1, 2, ...).
    :param selected: the id of the claim the reader came for, or None.
    """
    numbers = {c["id"]: c["number"] for c in claims}
    spans = [(c["id"], c["start"], c["end"]) for c in claims]
    out = []
    for segment in split_at_evidence(text, spans):
        for claim_id in segment.starts:
            out.append(Markup('<span class="claim-anchor" id="claim-{}"></span>').format(claim_id))
        if segment.claims:
            classes = "evidence selected" if selected in segment.claims else "evidence"
            out.append(Markup('<mark class="{}" data-claims="{}">{}</mark>').format(
                classes, " ".join(segment.claims), segment.text))
        else:
            out.append(escape(segment.text))
        for claim_id in segment.ends:
            out.append(Markup('<a class="claim-ref" href="#card-{}">{}</a>').format(
                claim_id, numbers[claim_id]))
    return Markup("").join(out)


async def find_article(datasette, article_id: str):
    """Return (database, article row) for ``article_id``, looking in every database with an
    ``articles`` table; (None, None) when none has it."""
    for name, db in datasette.databases.items():
        if name.startswith("_") or not await db.table_exists("articles"):
            continue
        rows = (await db.execute(queries.ARTICLE, [article_id])).rows
        if rows:
            return db, dict(rows[0])
    return None, None


def article_id_of(path_part: str) -> str:
    """The article id in the path of its page: tilde-encoded by :func:`article_path`, or
    percent-encoded by a browser when a reader types it.

    >>> article_id_of("feed~2Fq~26a~3B+~22x~22"), article_id_of("space%20id")
    ('feed/q&a; "x"', 'space id')
    """
    return tilde_decode(unquote(path_part))


async def article_page(datasette, request):
    """The page of one article: its text with the evidence marked, and its claims."""
    # Datasette routes the raw path, so the id arrives as it was encoded.
    article_id = article_id_of(request.url_vars["article_id"])
    db, article = await find_article(datasette, article_id)
    if article is None:
        raise NotFound(f"No article with id {article_id}")
    await datasette.ensure_permissions(request.actor, [
        ("view-table", (db.name, "articles")), ("view-database", db.name), "view-instance"])
    claims = [dict(row) for row in (await db.execute(queries.CLAIMS_OF_ARTICLE, [article_id])).rows]
    for number, claim in enumerate(claims, 1):
        claim["number"] = number
        claim["amount"] = format_amount(claim["value"], claim["currency"], claim["per"],
                                        claim["qualifier"], claim["high"])
        claim["fits_text"] = 0 <= claim["start"] < claim["end"] <= len(article["text"])
        claim["steps"] = _trace(claim.get("trace"))
    selected = request.args.get("claim")
    context = {
        "database": db.name,
        "article": article,
        "claims": claims,
        "selected": selected,
        "marked_text": marked_text(article["text"], claims, selected),
        "article_path": article_path,
        "row_path": tilde_encode,
    }
    html = await datasette.render_template("newsfacts_article.html", context, request=request,
                                           view_name="newsfacts_article")
    return Response.html(html)


def _trace(raw: str | None) -> list[dict]:
    """The rules that made a claim, from its JSON column (none for older stores)."""
    try:
        steps = json.loads(raw) if raw else []
    except ValueError:
        return []
    return [s for s in steps if isinstance(s, dict) and "rule" in s] if isinstance(
        steps, list) else []
