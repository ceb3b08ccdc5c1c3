"""``newsfacts serve``: the same Datasette as ``datasette newsfacts.db --metadata ...``,
safe by default (127.0.0.1, read-only, a SQL time limit), run for real as a subprocess.
"""

from __future__ import annotations

import json
from importlib import resources

import httpx
import psutil
import pytest
import sqlite_utils
from click.testing import CliRunner
from sitedata import CONTOSO_LEDGER, build_site_db, running_server

from newsfacts.cli import cli
from newsfacts.db.schema import migrations
from newsfacts.db.serve import SETTINGS, datasette_args, metadata_path, upgrade_store


@pytest.fixture(scope="module")
def http(site):
    with httpx.Client(base_url=site, trust_env=False, timeout=10) as client:
        yield client


def test_serve_without_a_database_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1
    assert result.output == (f"Error: {tmp_path / 'missing.db'}: no such database "
                             "(run newsfacts ingest first)\n")


def test_datasette_args_bind_localhost_with_our_metadata_and_settings():
    args = datasette_args("newsfacts.db")
    assert args[:2] == ["serve", "newsfacts.db"]
    assert args[args.index("--host") + 1] == "127.0.0.1"
    assert args[args.index("--metadata") + 1] == str(metadata_path())
    settings = {args[i + 1]: args[i + 2] for i, a in enumerate(args) if a == "--setting"}
    assert settings["sql_time_limit_ms"] == "3000"
    assert settings["allow_download"] == "false"


def test_serve_brings_an_older_store_up_to_the_schema_the_site_reads(tmp_path):
    old = sqlite_utils.Database(tmp_path / "newsfacts.db")
    migrations.apply(old, stop_before="0002_deals_for_the_site")
    assert "month" not in {c.name for c in old["deals"].columns}
    old.close()
    applied = upgrade_store(tmp_path / "newsfacts.db")
    assert applied == ["0002_deals_for_the_site", "0003_url_fetched", "0004_claim_traces",
                       "0005_companies_and_deals", "0006_watched_feeds", "0007_claim_shards"]
    assert "month" in {c.name for c in sqlite_utils.Database(tmp_path / "newsfacts.db")[
        "all_claims"].columns}
    assert upgrade_store(tmp_path / "newsfacts.db") == []


def test_serve_leaves_other_files_alone(tmp_path):
    other = sqlite_utils.Database(tmp_path / "other.db")
    other["things"].insert({"id": 1})
    (tmp_path / "notes.db").write_text("not a database")
    assert upgrade_store(tmp_path / "other.db") == []
    assert upgrade_store(tmp_path / "notes.db") == []
    assert sqlite_utils.Database(tmp_path / "other.db").table_names() == ["things"]


def test_plain_datasette_with_our_metadata_serves_the_same_site(tmp_path):
    from datasette.cli import cli as datasette_cli

    db_path = build_site_db(tmp_path / "newsfacts.db")
    result = CliRunner().invoke(datasette_cli, [
        str(db_path), "--metadata", str(metadata_path()),
        "--get", "/newsfacts/deals_with_company.json?company=Contoso&min_value=11+bn"
                 "&currency=&since=&until=&_shape=array"])
    assert result.exit_code == 0, result.output
    assert [r["amount"] for r in json.loads(result.output)] == ["$12.0 bn"]


def test_metadata_templates_and_static_ship_in_the_installed_package():
    package = resources.files("newsfacts.db")
    for name in ["metadata.yaml", "templates/newsfacts_article.html",
                 "templates/_table-newsfacts-all_claims.html",
                 "templates/query-newsfacts-deals_by_month.html", "static/newsfacts.css"]:
        assert package.joinpath(name).is_file(), name


def test_server_listens_on_127_0_0_1_only(site):
    port = int(site.rsplit(":", 1)[1])
    listening = [c.laddr for c in psutil.net_connections("tcp")
                 if c.status == psutil.CONN_LISTEN and c.laddr.port == port]
    assert [address.ip for address in listening] == ["127.0.0.1"]


def test_server_has_our_settings_and_plugin(http):
    settings = http.get("/-/settings.json").json()
    for name, value in SETTINGS.items():
        assert settings[name] == value, name
    plugins = http.get("/-/plugins.json").json()
    # Nothing that writes or uploads: newsfacts's modules (db/plugin.py, db/dealsite.py)
    # are the only plugins.
    assert {p["name"] for p in plugins} == {"newsfacts"}
    assert len(plugins) == 2
    assert {"render_cell", "register_routes", "filters_from_request"} <= {
        hook for p in plugins for hook in p["hooks"]}


def test_server_serves_the_database_read_only(http):
    def claims() -> int:
        return http.get("/newsfacts/claims.json").json()["filtered_table_rows_count"]

    assert http.get("/newsfacts.db").status_code == 403  # allow_download false
    refused = http.get("/newsfacts.json", params={"sql": "delete from claims"})
    assert refused.status_code == 400
    # Datasette 0.65 answers a POST to a read-only canned query with an error page.
    assert http.post("/newsfacts/deals_with_company", data={"company": "x"}).status_code != 200
    assert claims() == 7


def test_server_answers_a_canned_query(http):
    rows = http.get("/newsfacts/deals_with_company.json", params={
        "company": "Contoso", "min_value": "11 bn", "currency": "", "since": "", "until": "",
        "_shape": "objects"}).json()["rows"]
    assert [r["article_id"] for r in rows] == [CONTOSO_LEDGER.id]


def test_server_serves_the_article_page(http):
    page = http.get(f"/-/newsfacts/article/{CONTOSO_LEDGER.id}")
    assert page.status_code == 200
    assert '<mark class="evidence"' in page.text


def test_server_sends_the_security_headers_and_refuses_other_hosts(http):
    page = http.get("/newsfacts/deals")
    assert page.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    # DNS rebinding: evil.example now resolves to 127.0.0.1, and its page asks for the site.
    refused = http.get("/newsfacts/deals.json", headers={"Host": "evil.example"})
    assert (refused.status_code, refused.text) == (
        400, "Host not allowed: newsfacts serve --host NAME serves NAME\n")


def test_server_answers_to_the_host_it_was_given(tmp_path):
    # Any 127.x.y.z is this machine on Linux, so the test needs no network.
    db_path = build_site_db(tmp_path / "newsfacts.db")
    with running_server(db_path, tmp_path / "serve.log", host="127.0.0.2") as url:
        assert url.startswith("http://127.0.0.2:")
        for host, status in [("127.0.0.2", 200), ("localhost", 200), ("evil.example", 400)]:
            response = httpx.get(url + "/newsfacts/deals.json", headers={"Host": host},
                                 trust_env=False, timeout=10)
            assert response.status_code == status, host


def _random_bytes(path):
    path.write_bytes(bytes((i * 7919 + 13) % 251 for i in range(100_000)))


def _truncated_store(path):
    whole = build_site_db(path.with_name("whole.db")).read_bytes()
    path.write_bytes(whole[:len(whole) // 2])


def _header_only(path):
    path.write_bytes(build_site_db(path.with_name("whole.db")).read_bytes()[:100])


@pytest.mark.parametrize("make,reason", [
    (_random_bytes, "file is not a database"),
    (_truncated_store, "database disk image is malformed"),
    (_header_only, "database disk image is malformed"),
], ids=["random bytes", "truncated store", "header only"])
def test_serve_on_a_corrupt_file_is_a_one_line_error(tmp_path, make, reason):
    """Before: a 1,115-line traceback with local variables, and the process stayed up."""
    make(tmp_path / "newsfacts.db")
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "newsfacts.db")])
    assert result.exit_code == 1
    assert result.output == (f"Error: {tmp_path / 'newsfacts.db'}: not a database newsfacts "
                             f"can serve ({reason})\n")
