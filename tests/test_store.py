"""The fact store: one article per text, versions at a URL, whole batches or nothing,
and two writers (or a writer and Datasette) on one file at once. No model is loaded:
claims here are made by hand.
"""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlite_utils import Database

from newsfacts.articles import Article
from newsfacts.db import Outcome, Store
from newsfacts.errors import BadStore
from newsfacts.extract.records import Amount, Claim, Party

TEXT = "Foo Inc said on Monday it agreed to buy Bar Corp for $5 million in cash."
URL = "https://news.example.net/foo-bar"


def claim(value: float = 5e6, text: str = TEXT) -> Claim:
    start = 0
    return Claim(deal_type="acquisition",
                 parties=[Party("Foo Inc", "buyer"), Party("Bar Corp", "seller")],
                 amount=Amount(text="$5 million", value=value, currency="USD"),
                 sentence=text, start=start, end=len(text))


def rows(db_path, table: str = "articles") -> list[dict]:
    return list(Database(db_path)[table].rows)


def test_same_text_twice_is_stored_once(db_path):
    store = Store(db_path)
    assert store.write([(Article(text=TEXT), [claim()])]) == [Outcome.NEW]
    before = rows(db_path), rows(db_path, "claims")
    assert store.write([(Article(text=TEXT, path="again.txt"), [claim()])]) == [
        Outcome.UNCHANGED]
    assert (rows(db_path), rows(db_path, "claims")) == before


def test_same_url_same_text_is_unchanged(db_path):
    store = Store(db_path)
    assert store.write([(Article(text=TEXT, url=URL), [])]) == [Outcome.NEW]
    assert store.write([(Article(text=TEXT, url=URL), [])]) == [Outcome.UNCHANGED]
    assert store.counts()["articles"] == 1


def test_same_text_at_a_new_url_is_the_same_article(db_path):
    store = Store(db_path)
    store.write([(Article(text=TEXT, url=URL), [])])
    assert store.write([(Article(text=TEXT, url=URL + "?utm=feed"), [])]) == [
        Outcome.UNCHANGED]
    [row] = rows(db_path)
    assert row["url"] == URL  # where it was first read


def test_changed_text_at_a_url_is_a_new_version(db_path):
    store = Store(db_path)
    old, new = Article(text=TEXT, url=URL), Article(text=TEXT + " It was updated.", url=URL)
    store.write([(old, [claim()])])
    assert store.write([(new, [claim(6e6, new.text)])]) == [Outcome.UPDATED]
    by_id = {row["id"]: row for row in rows(db_path)}
    assert by_id[old.id]["superseded_by"] == new.id
    assert by_id[new.id]["superseded_by"] is None
    assert store.counts() | {"parties": 0} == {
        "articles": 2, "current_articles": 1, "claims": 2, "parties": 0}
    # The all_claims view shows the current version only; the old one keeps its claims.
    assert [r["value"] for r in Database(db_path)["all_claims"].rows] == [6e6]
    assert len(store.claims(old.id)) == 1
    assert store.write([(new, [])]) == [Outcome.UNCHANGED]


def test_reverted_text_is_the_current_version_again(db_path):
    store = Store(db_path)
    first, edit = Article(text=TEXT, url=URL), Article(text=TEXT + " Edited.", url=URL)
    store.write([(first, [claim()])])
    store.write([(edit, [])])
    assert store.write([(Article(text=TEXT, url=URL), [])]) == [Outcome.UPDATED]
    by_id = {row["id"]: row for row in rows(db_path)}
    assert by_id[first.id]["superseded_by"] is None
    assert by_id[edit.id]["superseded_by"] == first.id
    assert len(store.claims(first.id)) == 1  # kept, not re-extracted


def test_a_newer_extractor_replaces_the_claims(db_path):
    article = Article(text=TEXT, url=URL)
    Store(db_path, extractor_version="0.1.0").write([(article, [claim(), claim(7e6)])])
    newer = Store(db_path, extractor_version="0.2.0")
    assert newer.needs_extraction(article)
    assert newer.write([(article, [claim()])]) == [Outcome.UPDATED]
    assert [c["extractor_version"] for c in newer.claims(article.id)] == ["0.2.0"]
    assert not newer.needs_extraction(article)


def test_a_failed_write_leaves_nothing_of_its_batch(db_path):
    store = Store(db_path)
    good = Article(text=TEXT)
    broken = claim()
    object.__setattr__(broken.amount, "value", None)  # value is NOT NULL
    with pytest.raises(sqlite3.IntegrityError):
        store.write([(good, [claim()]), (Article(text="Other text."), [broken])])
    assert store.counts() == {"articles": 0, "current_articles": 0, "claims": 0, "parties": 0}
    assert store.write([(good, [claim()])]) == [Outcome.NEW]  # and the store still works


def test_two_writers_at_once(tmp_path):
    """Each write reads, then writes: with a plain BEGIN, a writer whose snapshot went stale
    fails at once with "database is locked"; BEGIN IMMEDIATE makes it wait its turn."""
    path = tmp_path / "newsfacts.db"
    Store(path).close()
    errors = []

    def write(prefix: str):
        store = Store(path)
        try:
            for n in range(60):
                store.write([(Article(text=f"{prefix} {n}: {TEXT}", url=f"{URL}/{prefix}/{n}"),
                              [claim(text=f"{prefix} {n}: {TEXT}")])])
        except sqlite3.Error as err:  # pragma: no cover - the failure this test guards
            errors.append(err)
        finally:
            store.close()

    threads = [threading.Thread(target=write, args=(p,)) for p in ("a", "b", "c")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Store(path).counts()["articles"] == 180


def test_new_file_opened_by_several_stores_at_once(tmp_path):
    path = tmp_path / "newsfacts.db"
    barrier, errors = threading.Barrier(4), []

    def open_store():
        barrier.wait()
        try:
            Store(path).close()
        except Exception as err:  # pragma: no cover - the failure this test guards
            errors.append(err)

    threads = [threading.Thread(target=open_store) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Database(path).execute("pragma integrity_check").fetchone() == ("ok",)


def test_writes_go_on_while_a_reader_holds_the_file(db_path):
    """Datasette reads while ingest writes: WAL lets both go on."""
    store = Store(db_path)
    store.write([(Article(text=TEXT), [])])
    reader = sqlite3.connect(db_path)
    reader.execute("begin")
    assert reader.execute("select count(*) from articles").fetchone() == (1,)
    store.write([(Article(text="Baz Ltd sold Qux for $1 million."), [])])
    assert reader.execute("select count(*) from articles").fetchone() == (1,)  # its snapshot
    reader.rollback()
    assert reader.execute("select count(*) from articles").fetchone() == (2,)
    assert Database(db_path).journal_mode == "wal"


def test_a_file_that_is_no_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("Not a database, just notes.\n" * 100)
    with pytest.raises(BadStore) as err:
        Store(path)
    assert str(err.value) == f"{path}: not a database newsfacts can open (file is not a database)"
