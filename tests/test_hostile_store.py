"""The store under hostile input (issue 11): a full disk is one line and the store stays
sound; a Reuters file that reuses a NEWID keeps the older text as a version; an input
may not take a URL from an article fetched from it.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlite_utils import Database
from test_ingest import wire_articles, write_jsonl

from newsfacts import cli as cli_module
from newsfacts.articles import Article
from newsfacts.cli import cli
from newsfacts.db import Outcome, Store
from newsfacts.errors import StoreFull
from newsfacts.ingest import ingest
from newsfacts.sources import Failure, Warning_, read_inputs


def limited(store: Store, spare_pages: int = 15) -> Store:
    """A store that can grow by a few pages only, as on a full disk (SQLITE_FULL)."""
    pages = store.db.execute("pragma page_count").fetchone()[0]
    store.db.execute(f"pragma max_page_count = {pages + spare_pages}")
    return store


def integrity(db_path) -> str:
    return Database(db_path).execute("pragma integrity_check").fetchone()[0]


# A full disk (finding 11) ----------------------------------------------------------------


def test_a_full_disk_is_one_error_and_the_store_keeps_whole_batches(db_path, tmp_path,
                                                                    extractor):
    export = write_jsonl(tmp_path / "wire.jsonl", wire_articles(16))
    with pytest.raises(StoreFull) as raised, limited(Store(db_path)) as store:
        ingest([export], store, extractor=extractor, batch_size=4)
    stored = Database(db_path)["articles"].count
    assert stored % 4 == 0 and 0 < stored < 16
    claims = Database(db_path)["claims"].count
    assert str(raised.value) == (
        f"{db_path}: the disk is full (database or disk is full); the articles of this batch "
        f"were not stored, the store is as it was before it; {stored} articles: {stored} "
        f"new, 0 unchanged, 0 updated, 0 failed; {claims} claims written")
    assert integrity(db_path) == "ok"
    # With room again, a re-run stores the rest.
    with Store(db_path) as store:
        summary = ingest([export], store, extractor=extractor, batch_size=4)
    assert (summary.unchanged, summary.new) == (stored, 16 - stored)


def test_a_full_disk_in_the_command_is_one_line(monkeypatch, db_path, tmp_path, extractor):
    """It was a 35-line traceback."""
    monkeypatch.setattr(cli_module, "_extractor", lambda model: extractor)
    monkeypatch.setattr("newsfacts.db.Store", lambda path: limited(Store(path), 2))
    export = write_jsonl(tmp_path / "wire.jsonl", wire_articles(4))
    result = CliRunner().invoke(cli, ["ingest", str(export), "--db", str(db_path), "-p", "1"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {db_path}: the disk is full (database or disk is full); the articles of this "
        "batch were not stored, the store is as it was before it; 0 articles: 0 new, "
        "0 unchanged, 0 updated, 0 failed; 0 claims written\n")
    assert integrity(db_path) == "ok" and Database(db_path)["articles"].count == 0


# Reuters NEWIDs used twice (finding 10) --------------------------------------------------


def reuters_sgm(*docs: tuple[str, str]) -> str:
    return "".join(
        f'<REUTERS NEWID="{newid}">\n<TEXT>\n<TITLE>{title}</TITLE>\n<BODY>{body}\n'
        " Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n"
        for newid, title, body in ((n, t.split("|")[0], t.split("|")[1]) for n, t in docs))


OLD = "Foo buys Bar|Foo Inc said it agreed to buy Bar Corp for 50 mln dlrs."
NEW = "Foo buys Bar, revised|Foo Inc said it agreed to buy Bar Corp for 55 mln dlrs."


def test_two_documents_with_one_newid_in_a_file_keep_both(tmp_path, db_path, extractor):
    """The second one silently replaced the first."""
    sgm = tmp_path / "reut2-900.sgm"
    sgm.write_text(reuters_sgm(("7", OLD), ("8", OLD.replace("Bar", "Baz")), ("7", NEW)))
    items = list(read_inputs([sgm]))
    assert [str(i) for i in items if isinstance(i, Warning_)] == [
        f"{sgm}: NEWID 7 used again by document 3 (first by document 1); the later text is "
        "the current version, the earlier is kept as an older one"]
    with Store(db_path) as store:
        ingest([sgm], store, extractor=extractor)
    rows = {r["id"]: r for r in Database(db_path).query(
        "select id, title, superseded_by, sha256 from articles")}
    old_id = next(i for i, r in rows.items() if r["title"] == "Foo buys Bar")
    assert old_id == f"reuters-7@{rows[old_id]['sha256'][:12]}"
    assert {i: (r["title"], r["superseded_by"]) for i, r in rows.items()} == {
        "reuters-7": ("Foo buys Bar, revised", None),
        old_id: ("Foo buys Bar", "reuters-7"),
        "reuters-8": ("Foo buys Baz", None),
    }
    amounts = {r["article_id"]: r["value"] for r in Database(db_path).query(
        "select article_id, value from claims")}
    assert amounts == {"reuters-7": 55e6, old_id: 50e6, "reuters-8": 50e6}


def test_a_newid_reused_by_a_later_file_keeps_the_old_version(tmp_path, db_path, extractor):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "reut2-901.sgm").write_text(reuters_sgm(("7", OLD)))
    (tmp_path / "b" / "reut2-901.sgm").write_text(reuters_sgm(("7", NEW)))
    with Store(db_path) as store:
        first = ingest([tmp_path / "a"], store, extractor=extractor)
        second = ingest([tmp_path / "b"], store, extractor=extractor)
        again = ingest([tmp_path / "a"], store, extractor=extractor)  # back to the first
    assert (first.new, second.updated, again.updated) == (1, 1, 1)
    rows = list(Database(db_path).query(
        "select id, title, superseded_by from articles order by superseded_by nulls first"))
    assert [(r["title"], r["superseded_by"]) for r in rows] == [
        ("Foo buys Bar", None), ("Foo buys Bar, revised", "reuters-7")]
    assert integrity(db_path) == "ok"


def test_an_unclosed_reuters_document_fails_alone(tmp_path):
    """An unclosed start tag swallowed the documents after it, under its own NEWID; with no
    end tag at all, each start was searched to the end of the file (8,000 of them, 208 KB:
    211 s on a loaded machine, now 0.4 s)."""
    sgm = tmp_path / "reut2-902.sgm"
    sgm.write_text('<REUTERS NEWID="1">broken\n' * 3000 + reuters_sgm(("2", OLD)))
    items = list(read_inputs([sgm]))
    assert [i.id for i in items if isinstance(i, Article)] == ["reuters-2"]
    failures = [str(i) for i in items if isinstance(i, Failure)]
    assert len(failures) == 3000
    assert failures[0] == f"{sgm}#1: no </REUTERS> end tag; document skipped"


def test_a_stored_text_is_unchanged_when_written_again(db_path):
    with Store(db_path) as store:
        article = Article(id="reuters-9", text="Foo Inc said it sold its Bar unit.")
        assert store.write([(article, [])]) == [Outcome.NEW]
        assert store.write([(article, [])]) == [Outcome.UNCHANGED]
    assert Database(db_path)["articles"].count == 1


# Who may supersede the article at a URL (low) --------------------------------------------

URL = "https://wire.example.net/2026/05/foo-bar"


def current_at(db_path, url: str = URL) -> list[str]:
    return [r["title"] for r in Database(db_path).query(
        "select title from articles where url = ? and superseded_by is null", [url])]


@pytest.mark.parametrize("first,second,current", [
    ("fetched", "named", "fetched"),
    ("named", "fetched", "fetched"),
    ("named", "named", "named 2"),
    ("fetched", "fetched", "fetched 2"),
], ids=["a named URL does not supersede a fetched text",
        "a fetched text supersedes a named URL",
        "a named URL supersedes a named one",
        "a fetched text supersedes a fetched one"])
def test_who_may_supersede_the_article_at_a_url(db_path, first, second, current):
    """Any input may name any URL in its front matter: it took the URL's place."""
    a = Article(text="Foo Inc agreed to buy Bar Corp for $5 million.", url=URL,
                title=first, url_fetched=first == "fetched")
    b = Article(text="Foo Inc agreed to buy Bar Corp for $9 million.", url=URL,
                title=second if second != first else f"{second} 2",
                url_fetched=second == "fetched")
    with Store(db_path) as store:
        store.write([(a, [])])
        store.write([(b, [])])
        assert current_at(db_path) == [current]
        store.write([(a, [])])  # read again: it may come back only where it may supersede
        assert current_at(db_path) == [first if first == "fetched" or second == "named"
                                       else current]
    assert Database(db_path)["articles"].count == 2


def test_a_front_matter_url_cannot_take_a_fetched_page_s_place(tmp_path, db_path, extractor):
    from test_sources import INPUTS, NewsServer

    page = (INPUTS / "pages/mistral-asml.html").read_bytes()
    with NewsServer() as server:
        url = server.route("/story.html", page, "text/html; charset=utf-8")
        forged = tmp_path / "forged.md"
        forged.write_text(f"---\ntitle: Forged\nurl: {url}\n---\n"
                          "Mistral AI said it agreed to sell itself to Foo Inc for $1.\n")
        with Store(db_path) as store:
            summary = ingest([url, forged], store, extractor=extractor)
    assert (summary.new, summary.failed) == (2, 0)
    rows = {r["title"]: r for r in Database(db_path).query(
        "select title, url_fetched, superseded_by from articles")}
    assert rows["Forged"]["superseded_by"] is not None and rows["Forged"]["url_fetched"] == 0
    [fetched] = [r for t, r in rows.items() if t != "Forged"]
    assert (fetched["url_fetched"], fetched["superseded_by"]) == (1, None)


def test_older_stores_count_articles_read_at_their_url_as_fetched(db_path):
    from newsfacts.db.schema import migrate, migrations

    old = Database(db_path)
    migrations.apply(old, stop_before="0003_url_fetched")
    row = {"text": "Foo Inc said it sold its Bar unit.", "ingested_at": "2026-11-01",
           "extractor_version": "0.1.0"}
    old["articles"].insert_all([
        {**row, "id": "a-1", "sha256": "1", "url": URL, "path": URL},
        {**row, "id": "a-2", "sha256": "2", "url": URL, "path": "forged.md"},
        {**row, "id": "a-3", "sha256": "3", "url": None, "path": "c.txt"}])
    migrate(old)
    assert {r["id"]: r["url_fetched"] for r in old.query(
        "select id, url_fetched from articles")} == {"a-1": 1, "a-2": 0, "a-3": 0}
