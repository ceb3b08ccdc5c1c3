"""Every SELECT (and WHERE clause) the code runs against the fact store, named."""

ARTICLE_STATE = """
select id, sha256, extractor_version, superseded_by, url_fetched from articles where id = ?
"""

CURRENT_AT_URL = """
select id, url_fetched from articles where url = ? and superseded_by is null and id != ?
"""

CLAIMS_OF_ARTICLE = """
select * from claims where article_id = ? order by ordinal
"""

PARTIES_OF_CLAIM = """
select claim_parties.role, claim_parties.name, parties.name as party
from claim_parties join parties on parties.id = claim_parties.party_id
where claim_parties.claim_id = ?
order by claim_parties.rowid
"""

COUNTS = """
select
  (select count(*) from articles) as articles,
  (select count(*) from articles where superseded_by is null) as current_articles,
  (select count(*) from claims) as claims,
  (select count(*) from parties) as parties
"""

# WHERE clauses for Table.delete_where / Table.rows_where.
WHERE_ARTICLE = "article_id = ?"
WHERE_CLAIMS_OF_ARTICLE = "claim_id in (select id from claims where article_id = ?)"
WHERE_ID_IN_ORPHANS = "id not in (select party_id from claim_parties)"

# The article page of the site (db/pages.py).
ARTICLE = """
select * from articles where id = ?
"""

# What `newsfacts serve` reads to check a file is a SQLite database (db/serve.py).
SCHEMA_NAMES = """
select type, name from sqlite_master
"""

# Consolidation into companies and deals (newsfacts/consolidate.py).
CURRENT_CLAIMS = """
select claims.id, claims.article_id, claims.ordinal, claims.deal_type, claims.value,
  claims.currency, claims.per, claims.qualifier, claims.amount_text, claims.attribution,
  claims.sentence, articles.published, articles.outlet
from claims join articles on articles.id = claims.article_id
where articles.superseded_by is null
"""

CURRENT_PARTIES = """
select claim_parties.claim_id, claims.article_id, claim_parties.role, claim_parties.name
from claim_parties
join claims on claims.id = claim_parties.claim_id
join articles on articles.id = claims.article_id
where articles.superseded_by is null
order by claim_parties.rowid
"""

# Titles and texts of the current articles with claims, for ticker marks and near-copies.
ARTICLES_WITH_CLAIMS = """
select id, coalesce(title, '') || char(10) || text as text from articles
where superseded_by is null and id in (select article_id from claims)
"""

CLAIM_COMPANIES = "select claim_id, role, name, company_id from claim_companies"

DEAL_OF_CLAIMS = "select claim_id, deal_id from deal_claims"

CLAIMS_OF_ARTICLES = "select id from claims where article_id in (select value from json_each(?))"

WHERE_DEAL_IN = "deal_id in (select value from json_each(?))"
WHERE_ID_IN = "id in (select value from json_each(?))"

DEALS_PER_COMPANY = """
select company_id, count(distinct deal_id) as deals from deal_companies group by company_id
"""

# The deal and company pages of the site (db/dealpages.py).
DEAL = "select * from deals where id = ?"

DEAL_TIMELINE = """
select all_claims.*, deal_claims.raised, deal_claims.duplicate_of, deal_claims.disputed
from all_claims join deal_claims on deal_claims.claim_id = all_claims.claim_id
where deal_claims.deal_id = ?
order by all_claims.published, all_claims.article_id, all_claims.claim_id
"""

DEAL_PARTIES = """
select deal_companies.role, companies.id, companies.name
from deal_companies join companies on companies.id = deal_companies.company_id
where deal_companies.deal_id = ?
order by deal_companies.role, companies.name
"""

RIVAL_DEALS = """
select * from deals where target_id = ? and id != ? order by first_reported, id
"""

COMPANY = "select * from companies where id = ?"

COMPANY_ALIASES = """
select name, count(*) as articles, min(article_id) as article_id
from company_aliases where company_id = ? group by name order by articles desc, name
"""

COMPANY_DEALS = """
select deal_companies.role, deals.*
from deal_companies join deals on deals.id = deal_companies.deal_id
where deal_companies.company_id = ?
order by deals.first_reported, deals.id
"""

ALIAS_NAMES = "select distinct name from company_aliases"

# Scoring deal consolidation (newsfacts/deal_eval.py).
CLAIMS_WITH_DEALS = """
select claims.id, claims.article_id, claims.value, claims.currency, claims.per,
  claims.sentence, deal_claims.deal_id, deal_claims.status
from claims join deal_claims on deal_claims.claim_id = claims.id
"""

COMPANY_NAMES = "select company_id, name from claim_companies"

# A current claim in no deal: an ingest killed before it grouped its claims.
HAS_UNGROUPED_CLAIMS = """
select exists(
  select 1 from claims join articles on articles.id = claims.article_id
  where articles.superseded_by is null
    and claims.id not in (select claim_id from deal_claims)
) as found
"""


# newsfacts watch (newsfacts/watch.py): a feed's validators, the entries it need not read.
FEED_STATE = """
select url, etag, last_modified, polled_at from feeds where url = ?
"""

DONE_ENTRIES = """
select entry_id from feed_entries
where feed_url = ? and (status = 'ingested' or attempts >= ?)
"""

ENTRY_ATTEMPTS = """
select attempts from feed_entries where feed_url = ? and entry_id = ?
"""

# Claim shards (newsfacts/shards.py).
MERGED_SHARD = """
select path, articles, merged_at from claim_shards where sha256 = ?
"""
