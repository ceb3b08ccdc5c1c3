"""The fact store: articles, their claims and the parties in them, in one SQLite file.

Writes go through the sqlite-utils Table API, a batch of articles per transaction, so a
crash leaves only whole articles behind. The file is in WAL mode with a busy timeout:
Datasette can serve it, and two ingests can write it, at the same time.

>>> import tempfile, pathlib
>>> from newsfacts.articles import Article
>>> path = pathlib.Path(tempfile.mkdtemp()) / "newsfacts.db"
>>> store = Store(path)
>>> article = Article(text="Foo Inc said it sold its Bar unit.", title="Foo sells Bar")
>>> store.write([(article, [])])
[<Outcome.NEW: 'new'>]
>>> store.write([(article, [])])
[<Outcome.UNCHANGED: 'unchanged'>]
"""

from __future__ import annotations

import enum
import errno
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database
from sqlite_utils.utils import hash_record

from .. import __version__
from ..articles import Article
from ..companies import Overrides
from ..errors import BadStore, StoreFull
from ..extract.namekeys import name_key
from ..extract.records import Claim
from . import queries
from .schema import migrate, migrations

if TYPE_CHECKING:
    from ..consolidate import Consolidation

BUSY_TIMEOUT_MS = 60_000
# A claim's id is the hash of where it stands: its article, place, sentence and amount.
CLAIM_KEY = ["article_id", "ordinal", "start", "end", "amount_text"]


class Outcome(enum.StrEnum):
    """What writing an article did to the store."""

    NEW = "new"  # an article the store did not have
    UNCHANGED = "unchanged"  # the same text, already extracted by this version
    UPDATED = "updated"  # re-extracted by a newer version, or a new text at a known URL


class Store:
    """A newsfacts SQLite file: open it, write articles with their claims, read them back."""

    def __init__(self, path: str | Path, extractor_version: str = __version__):
        """
        :param path: the SQLite file; created with the schema if missing.
        :param extractor_version: stored on every article and claim written; an article
            extracted by another version is re-extracted when written again.
        """
        self.path = Path(path)
        self.extractor_version = extractor_version
        try:
            self.db = Database(self.path)
            self.db.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_MS}")
            self._enable_wal()
            self.db.execute("pragma foreign_keys = on")
            if migrations.pending(self.db):
                # Two ingests opening a new file at once would both create the tables.
                with self._write_lock():
                    migrate(self.db)
        except (sqlite3.DatabaseError, OSError) as err:
            if _is_full(err):
                raise self._full(err) from None
            raise BadStore(f"{self.path}: not a database newsfacts can open ({err})") from None

    def _enable_wal(self) -> None:
        """Switch a new file to WAL. The switch needs the file to itself and SQLite does not
        wait for it (the busy timeout does not apply), so a store opened while another
        process creates the same file retries for a while."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while self.db.journal_mode != "wal":
            try:
                self.db.enable_wal()
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def needs_extraction(self, article: Article) -> bool:
        """Whether ``article`` is new, changed, or was extracted by another version."""
        row = self._state(article.id)
        return row is None or row["sha256"] != article.sha256 or (
            row["extractor_version"] != self.extractor_version)

    def write(self, items: Iterable[tuple[Article, list[Claim]]]) -> list[Outcome]:
        """Write articles and their claims in one transaction; return what each write did.

        An article already stored with the same text and extractor version is left as it
        is. A newer extractor's claims replace the old ones. A new text at a URL already
        stored becomes the current version, the older one marked superseded.
        """
        now = datetime.now(UTC).isoformat(timespec="seconds")
        outcomes = []
        try:
            with self._write_lock(), self.db.atomic():
                # New articles without a URL touch no other row: they go in together, a
                # few calls for the run of them instead of a dozen queries each (a tenth
                # of an ingest's CPU, issue 15). Any other article waits until the run
                # before it is written, so every row goes in in the order of the input.
                plain: list[tuple[Article, list[Claim]]] = []
                run_ids: set[str] = set()
                for article, claims in items:
                    if self._is_plain_new(article, run_ids):
                        plain.append((article, claims))
                        run_ids.add(article.id)
                        outcomes.append(Outcome.NEW)
                        continue
                    self._insert_new(plain, now)
                    plain, run_ids = [], set()
                    outcomes.append(self._write_one(article, claims, now))
                self._insert_new(plain, now)
        except (sqlite3.OperationalError, OSError) as err:
            if _is_full(err):  # the transaction was rolled back: the store is as it was
                raise self._full(err) from None
            raise
        return outcomes

    def _full(self, err: Exception) -> StoreFull:
        return StoreFull(f"{self.path}: the disk is full ({err}); the articles of this "
                         "batch were not stored, the store is as it was before it")

    @contextmanager
    def _write_lock(self) -> Iterator[None]:
        """A transaction that holds the write lock from its start (BEGIN IMMEDIATE).

        A plain BEGIN reads first and asks for the lock at its first write; if another
        ingest committed in between, SQLite fails at once with "database is locked"
        (SQLITE_BUSY_SNAPSHOT) instead of waiting out the busy timeout.
        """
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.execute("COMMIT")  # may fail too: a full disk when the WAL grows
        except BaseException:
            if self.db.conn.in_transaction:  # SQLITE_FULL may have rolled it back already
                self.db.rollback()
            raise

    def _write_one(self, article: Article, claims: list[Claim], now: str) -> Outcome:
        row = self._state(article.id)
        if row is not None and row["sha256"] == article.sha256 and (
                row["extractor_version"] == self.extractor_version):
            if article.url_fetched and not row["url_fetched"]:  # a named URL, now fetched
                self.db["articles"].update(article.id, {"url_fetched": 1})
            if row["superseded_by"] and article.url and self._is_back_at_url(article):
                return Outcome.UPDATED
            return Outcome.UNCHANGED
        outcome = Outcome.NEW if row is None else Outcome.UPDATED
        if row is not None and row["sha256"] != article.sha256:
            self._keep_old_version(article)
        self._drop_old_version(article.id, article.sha256)  # its text is current again
        self.db["articles"].upsert(self._article_row(article, now), pk="id")
        if row is not None:
            self._delete_claims(article.id)
        if article.url and self._supersede_others_at_url(article):
            outcome = Outcome.UPDATED
        self._insert_claims([(article, claims)])
        return outcome

    def _is_plain_new(self, article: Article, run_ids: set[str]) -> bool:
        """An article never stored (nor kept as an older version), without a URL, and not
        in the run already (``run_ids``): writing it is inserting its rows."""
        return (article.url is None and article.id not in run_ids
                and self._state(article.id) is None
                and self._state(version_id(article.id, article.sha256)) is None)

    def _insert_new(self, plain: list[tuple[Article, list[Claim]]], now: str) -> None:
        """Write a run of plain new articles (see _is_plain_new), then their claims."""
        if plain:
            self.db["articles"].upsert_all([self._article_row(a, now) for a, _ in plain],
                                           pk="id")
            self._insert_claims(plain)

    def _keep_old_version(self, article: Article) -> None:
        """Keep the stored text under ``article.id`` as an older version before the new one
        takes the id: a Reuters file that reuses a NEWID (with another text) overwrote it.

        The old row, with its claims, moves to ``<id>@<first 12 hex of its sha256>``,
        marked superseded by the id, as a changed text at a URL is.
        """
        old = self.db["articles"].get(article.id)
        old_id = version_id(article.id, old["sha256"])
        self.db["articles"].insert({**old, "id": old_id, "superseded_by": article.id},
                                   pk="id", replace=True)
        for claim in list(self.db.query(queries.CLAIMS_OF_ARTICLE, [article.id])):
            self.db["claims"].update(claim["id"], {"article_id": old_id})

    def _drop_old_version(self, article_id: str, sha256: str) -> None:
        """A text kept as an older version that comes back: the id holds it again."""
        old_id = version_id(article_id, sha256)
        if self._state(old_id) is not None:
            self._delete_claims(old_id)
            self.db["articles"].delete(old_id)

    def _supersede_others_at_url(self, article: Article) -> bool:
        """Mark the other current articles at ``article.url`` superseded by it; return
        whether there were any.

        Any input may name any URL, so a text that only names its URL (front matter, a
        JSONL field, a feed entry's own text) may not supersede a text fetched from that
        URL: it is kept, superseded by the fetched one. A fetched text supersedes any
        other at its URL, and a named one supersedes other named ones.
        """
        current = list(self.db.query(queries.CURRENT_AT_URL, [article.url, article.id]))
        fetched = [r["id"] for r in current if r["url_fetched"]]
        if fetched and not article.url_fetched:
            self.db["articles"].update(article.id, {"superseded_by": fetched[0]})
            return False
        for row in current:
            self.db["articles"].update(row["id"], {"superseded_by": article.id})
        return bool(current)

    def _is_back_at_url(self, article: Article) -> bool:
        """A superseded text read again at its own URL (a story edited, then reverted):
        it is the current version again. Read at another URL, it stays as it was."""
        if self.db["articles"].get(article.id)["url"] != article.url:
            return False
        self.db["articles"].update(article.id, {"superseded_by": None})
        self._supersede_others_at_url(article)
        return self._state(article.id)["superseded_by"] is None

    def _state(self, article_id: str) -> dict | None:
        return next(self.db.query(queries.ARTICLE_STATE, [article_id]), None)

    def _article_row(self, article: Article, now: str) -> dict:
        return {
            "id": article.id,
            "url": article.url,
            "title": article.title,
            "outlet": article.outlet,
            "author": article.author,
            "published": article.published,
            "path": article.path,
            "sha256": article.sha256,
            "text": article.text,
            "words": len(article.text.split()),
            "ingested_at": now,
            "extractor_version": self.extractor_version,
            "superseded_by": None,
            "url_fetched": int(article.url_fetched),
        }

    def _delete_claims(self, article_id: str) -> None:
        self.db["claim_parties"].delete_where(queries.WHERE_CLAIMS_OF_ARTICLE, [article_id])
        self.db["claims"].delete_where(queries.WHERE_ARTICLE, [article_id])
        self.db["parties"].delete_where(queries.WHERE_ID_IN_ORPHANS)

    def _insert_claims(self, items: list[tuple[Article, list[Claim]]]) -> None:
        claim_rows, party_rows, link_rows = [], {}, []
        for article, claims in items:
            for ordinal, claim in enumerate(claims):
                row = self._claim_row(article.id, ordinal, claim)
                claim_id = row["id"] = hash_record(row, CLAIM_KEY)
                claim_rows.append(row)
                for party in claim.parties:
                    party_row = {"name": party.name,
                                 "key": name_key(party.name) or party.name.lower()}
                    party_id = party_row["id"] = hash_record(party_row, ["key"])
                    party_rows.setdefault(party_id, party_row)
                    link_rows.append({"claim_id": claim_id, "party_id": party_id,
                                      "role": party.role, "name": party.name})
        if not claim_rows:
            return
        self.db["claims"].insert_all(claim_rows, pk="id")
        self.db["parties"].insert_all(party_rows.values(), pk="id", ignore=True)
        self.db["claim_parties"].insert_all(link_rows, pk=("claim_id", "party_id", "role"),
                                            ignore=True)

    def _claim_row(self, article_id: str, ordinal: int, claim: Claim) -> dict:
        amount, term = claim.amount, claim.term
        return {
            "article_id": article_id,
            "ordinal": ordinal,
            "deal_type": claim.deal_type,
            "buyer": "; ".join(claim.names("buyer")) or None,
            "seller": "; ".join(claim.names("seller")) or None,
            "target": "; ".join(claim.names("target")) or None,
            "amount_text": amount.text,
            "value": amount.value,
            "currency": amount.currency,
            "per": amount.per,
            "qualifier": amount.qualifier,
            "low": amount.low,
            "high": amount.high,
            "term_text": term.text if term else None,
            "term_months": term.months if term else None,
            "attribution": claim.attribution,
            "sentence": claim.sentence,
            "start": claim.start,
            "end": claim.end,
            "confidence": claim.confidence,
            "trace": json.dumps(claim.trace, ensure_ascii=False),
            "extractor_version": self.extractor_version,
        }

    def claims(self, article_id: str) -> list[dict]:
        """The stored claims of an article, each with its ``parties`` (role, name)."""
        rows = list(self.db.query(queries.CLAIMS_OF_ARTICLE, [article_id]))
        for row in rows:
            row["parties"] = list(self.db.query(queries.PARTIES_OF_CLAIM, [row["id"]]))
        return rows

    def rebuild_deals(self, overrides: Overrides | None = None) -> Consolidation:
        """Group every current claim into deals again, in one transaction.

        :param overrides: company corrections; None reads ``companies.yaml`` beside the store.
        """
        from ..consolidate import rebuild_deals

        with self._write_lock():
            return rebuild_deals(self.db, overrides or self._overrides())

    def update_deals(self, article_ids: Iterable[str],
                     overrides: Overrides | None = None) -> Consolidation:
        """Regroup the deals that the claims of ``article_ids`` touch, in one transaction.

        :param article_ids: the articles an ingest wrote.
        :param overrides: company corrections; None reads ``companies.yaml`` beside the store.
        """
        from ..consolidate import update_deals

        with self._write_lock():
            return update_deals(self.db, article_ids, overrides or self._overrides())

    def has_ungrouped_claims(self) -> bool:
        """Whether a current claim is in no deal (an ingest stopped before grouping)."""
        return bool(next(self.db.query(queries.HAS_UNGROUPED_CLAIMS))["found"])

    def _overrides(self) -> Overrides:
        from ..consolidate import overrides_path

        return Overrides.load(overrides_path(self.path))

    def counts(self) -> dict:
        """How many articles, current articles, claims and parties the store holds."""
        return next(self.db.query(queries.COUNTS))


def version_id(article_id: str, sha256: str) -> str:
    """The id an older text of an article is kept under: "reuters-5@3f2a9c0e1b7d"."""
    return f"{article_id}@{sha256[:12]}"


def _is_full(err: Exception) -> bool:
    """SQLite's "database or disk is full" (SQLITE_FULL), or the OS's "no space left"."""
    if isinstance(err, OSError):
        return err.errno == errno.ENOSPC
    return getattr(err, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or (
        "database or disk is full" in str(err))
