"""Every SELECT (and WHERE clause) the code runs against the fact store, named."""

ARTICLE_STATE = """
select id, sha256, extractor_version, superseded_by from articles where id = ?
"""

CURRENT_AT_URL = """
select id from articles where url = ? and superseded_by is null and id != ?
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

ORPHAN_PARTIES = """
select id from parties where id not in (select party_id from claim_parties)
"""

# WHERE clauses for Table.delete_where / Table.rows_where.
WHERE_ARTICLE = "article_id = ?"
WHERE_CLAIMS_OF_ARTICLE = "claim_id in (select id from claims where article_id = ?)"
WHERE_ID_IN_ORPHANS = "id not in (select party_id from claim_parties)"

# The article page of the site (db/pages.py).
ARTICLE = """
select * from articles where id = ?
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
