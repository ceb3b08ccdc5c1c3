"""Every table, view, index and full-text index of the fact store, as migrations.

A migration is applied once per database, in order; a new schema change is a new
function at the end, never an edit of an old one.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("newsfacts")

# The table a person opens first: one row per claim, the parties by role, the article.
DEALS_VIEW = """
select
  claims.id as claim_id,
  articles.published,
  articles.outlet,
  articles.title,
  claims.deal_type,
  claims.buyer,
  claims.seller,
  claims.target,
  claims.amount_text,
  claims.value,
  claims.currency,
  claims.per,
  claims.qualifier,
  claims.term_months,
  claims.attribution,
  claims.sentence,
  claims.confidence,
  articles.url,
  claims.article_id
from claims
join articles on articles.id = claims.article_id
where articles.superseded_by is null
"""


@migrations(name="0001_tables")
def create_tables(db: Database) -> None:
    db["articles"].create(
        {
            "id": str,
            "url": str,
            "title": str,
            "outlet": str,
            "author": str,
            "published": str,
            "path": str,
            "sha256": str,
            "text": str,
            "words": int,
            "ingested_at": str,
            "extractor_version": str,
            "superseded_by": str,
        },
        pk="id",
        not_null={"text", "sha256", "ingested_at", "extractor_version"},
    )
    db["claims"].create(
        {
            "id": str,
            "article_id": str,
            "ordinal": int,
            "deal_type": str,
            "buyer": str,
            "seller": str,
            "target": str,
            "amount_text": str,
            "value": float,
            "currency": str,
            "per": str,
            "qualifier": str,
            "low": float,
            "high": float,
            "term_text": str,
            "term_months": int,
            "attribution": str,
            "sentence": str,
            "start": int,
            "end": int,
            "confidence": float,
            "extractor_version": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "value", "currency", "sentence", "start", "end"},
    )
    db["parties"].create({"id": str, "name": str, "key": str}, pk="id", not_null={"name", "key"})
    db["claim_parties"].create(
        {"claim_id": str, "party_id": str, "role": str, "name": str},
        pk=("claim_id", "party_id", "role"),
        foreign_keys=[("claim_id", "claims", "id"), ("party_id", "parties", "id")],
    )
    db["articles"].create_index(["url"])
    db["articles"].create_index(["sha256"])
    db["articles"].create_index(["published"])
    db["claims"].create_index(["article_id"])
    db["claims"].create_index(["value"])
    db["claims"].create_index(["deal_type"])
    db["parties"].create_index(["key"], unique=True)
    db["claim_parties"].create_index(["party_id"])
    db["articles"].enable_fts(["title", "text"], create_triggers=True)
    db["claims"].enable_fts(["sentence", "buyer", "seller", "target"], create_triggers=True)
    db.create_view("deals", DEALS_VIEW)


def migrate(db: Database) -> None:
    """Bring a database up to the current schema."""
    migrations.apply(db)


# The deals view, as the site shows it: the month of publication (for a facet), the
# high end of ranges and the term's words (for readable amounts), and the parties of
# each claim as a JSON array of their names, one name per party key (for a facet).
DEALS_VIEW_0002 = """
select
  articles.published,
  substr(articles.published, 1, 7) as month,
  articles.outlet,
  articles.title,
  claims.deal_type,
  claims.buyer,
  claims.seller,
  claims.target,
  claims.amount_text,
  claims.value,
  claims.high,
  claims.currency,
  claims.per,
  claims.qualifier,
  claims.term_text,
  claims.term_months,
  claims.attribution,
  claims.sentence,
  claims.confidence,
  (
    select json_group_array(name) from (
      select distinct parties.name
      from claim_parties join parties on parties.id = claim_parties.party_id
      where claim_parties.claim_id = claims.id
      order by parties.name
    )
  ) as parties,
  articles.url,
  claims.article_id,
  claims.id as claim_id
from claims
join articles on articles.id = claims.article_id
where articles.superseded_by is null
"""


@migrations(name="0002_deals_for_the_site")
def add_site_columns_to_deals(db: Database) -> None:
    db.create_view("deals", DEALS_VIEW_0002, replace=True)


@migrations(name="0003_url_fetched")
def add_url_fetched(db: Database) -> None:
    """Whether an article's text was fetched from its URL (1) or its URL was named by the
    input (0): only a fetched text may supersede a fetched one. Older rows fetched from a
    URL were read at it: their path is the URL."""
    db["articles"].add_column("url_fetched", int, not_null_default=0)
    db.execute("update articles set url_fetched = 1 where url is not null and path = url")


@migrations(name="0004_claim_traces")
def add_claim_traces(db: Database) -> None:
    # The rules that made each claim, as a JSON array of {"rule", "says"}: why a claim
    # names the parties it names (extract/records.py Claim.trace).
    db["claims"].add_column("trace", str)


# The claim level, under the name of what a reader sees in it, now that "deals" is the
# table of deals: one row per claim of a current article, with its deal and status.
ALL_CLAIMS_VIEW = DEALS_VIEW_0002.replace(
    "  claims.id as claim_id\nfrom claims\njoin articles on articles.id = claims.article_id\n",
    "  claims.id as claim_id,\n  deal_claims.deal_id,\n  deal_claims.status\nfrom claims\n"
    "join articles on articles.id = claims.article_id\n"
    "left join deal_claims on deal_claims.claim_id = claims.id\n")


@migrations(name="0005_companies_and_deals")
def add_companies_and_deals(db: Database) -> None:
    """Companies resolved from the parties, deals grouped from the claims (newsfacts.deals),
    and the links between them; the claim-level view becomes all_claims.

    deal_claims and claim_companies name claims without a foreign key: an ingest replaces
    an article's claims first and regroups their deals after, in the same transaction.
    """
    db["companies"].create(
        {"id": str, "name": str, "key": str, "tickers": str, "aliases": int, "deals": int},
        pk="id", not_null={"name", "key"})
    db["company_aliases"].create(
        {"company_id": str, "name": str, "article_id": str},
        pk=("company_id", "name", "article_id"),
        foreign_keys=[("company_id", "companies", "id"), ("article_id", "articles", "id")])
    db["claim_companies"].create(
        {"claim_id": str, "role": str, "name": str, "company_id": str},
        pk=("claim_id", "role", "name"), foreign_keys=[("company_id", "companies", "id")])
    db.execute("drop view if exists deals")
    db["deals"].create(
        {"id": str, "deal_type": str, "buyer": str, "seller": str, "target": str,
         "target_id": str, "status": str, "value": float, "currency": str, "qualifier": str,
         "per_share": float, "per_share_currency": str, "min_value": float,
         "max_value": float, "first_reported": str, "last_reported": str, "articles": int,
         "outlets": int, "claims": int, "disputed": int},
        pk="id", foreign_keys=[("target_id", "companies", "id")], not_null={"status"})
    db["deal_claims"].create(
        {"claim_id": str, "deal_id": str, "article_id": str, "status": str, "raised": int,
         "duplicate_of": str, "disputed": int},
        pk="claim_id",
        foreign_keys=[("deal_id", "deals", "id"), ("article_id", "articles", "id")],
        not_null={"deal_id", "status"})
    db["deal_companies"].create(
        {"deal_id": str, "company_id": str, "role": str},
        pk=("deal_id", "company_id", "role"),
        foreign_keys=[("deal_id", "deals", "id"), ("company_id", "companies", "id")])
    db["companies"].create_index(["key"])
    db["company_aliases"].create_index(["name"])
    db["claim_companies"].create_index(["company_id"])
    db["deals"].create_index(["last_reported"])
    db["deals"].create_index(["target_id"])
    db["deal_claims"].create_index(["deal_id"])
    db["deal_companies"].create_index(["company_id"])
    db.create_view("all_claims", ALL_CLAIMS_VIEW)
    if db["claims"].count:
        from ..consolidate import rebuild_deals

        rebuild_deals(db)


@migrations(name="0006_watched_feeds")
def create_watch_tables(db: Database) -> None:
    """What ``newsfacts watch`` keeps so that a restart resumes where it stopped: each
    feed's validators (ETag, Last-Modified) and last poll, and each entry already seen."""
    db["feeds"].create(
        {
            "url": str,  # as the user named it; redirects are followed on every poll
            "final_url": str,  # where the last poll ended up after redirects
            "etag": str,
            "last_modified": str,
            "polled_at": str,  # UTC ISO time of the last poll, successful or not
            "status": str,  # what the last poll did: "200", "304", or the error line
            "polls": int,
            "errors": int,
        },
        pk="url",
        not_null={"polls", "errors"},
        defaults={"polls": 0, "errors": 0},
    )
    db["feed_entries"].create(
        {
            "feed_url": str,
            "entry_id": str,  # the entry's id (guid), else its link, else its title
            "article_id": str,  # null until an article is stored for it
            "status": str,  # "ingested" or "failed"
            "attempts": int,
            "reason": str,  # the last failure's line, for a failed entry
            "seen_at": str,
        },
        pk=("feed_url", "entry_id"),
        foreign_keys=[("feed_url", "feeds", "url")],
        not_null={"status", "attempts", "seen_at"},
    )


@migrations(name="0007_claim_shards")
def create_claim_shards_table(db: Database) -> None:
    """Claim shards merged into the store (``newsfacts ingest shards/``), by content hash,
    so a shard merged twice is skipped and a merge stopped half-way is finished on re-run."""
    db["claim_shards"].create(
        {"sha256": str, "path": str, "articles": int, "claims": int, "merged_at": str},
        pk="sha256",
        not_null={"path", "articles", "claims", "merged_at"},
    )
