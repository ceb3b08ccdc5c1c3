"""Shared fixtures: one model per session, real SQLite files in temp dirs, the team's
../shared data where it exists (tests needing it skip with a reason where it does not).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from sitedata import CHROMIUM, build_hostile_db, build_site_db, running_server

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
ARTICLES = FIXTURES / "articles"
SHARED = Path(os.environ.get("NEWSFACTS_SHARED", ROOT.parent / "shared"))
# Known misses (strict xfails of the rule and error-kind tables) are measured with the
# model we ship, en_core_web_md; with another (the small model, on Python 3.11) a parse
# differs here and there, so they are expected misses but not strict ones.
SHIPPED_MODEL = "core_web_md"


def model_is_shipped() -> bool:
    from newsfacts.extract.pipeline import model_name

    return model_name() == SHIPPED_MODEL


def pytest_collection_modifyitems(config, items):
    no_shared = pytest.mark.skip(reason=f"needs the team's shared data at {SHARED}")
    no_browser = pytest.mark.skip(reason=f"needs Debian's chromium at {CHROMIUM}")
    has_browser = Path(CHROMIUM).exists() or shutil.which("chromium") is not None
    for item in items:
        if "shared" in item.keywords and not SHARED.is_dir():
            item.add_marker(no_shared)
        if "browser" in item.keywords and not has_browser:
            item.add_marker(no_browser)


@pytest.fixture(scope="session")
def extractor():
    """The default Extractor, loaded once."""
    from newsfacts.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def nlp(extractor):
    """A bare model (no newsfacts components) for tests that add pipes as a user does."""
    import spacy

    from newsfacts.extract import resolve_model

    return spacy.load(resolve_model())


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The URL of a real ``newsfacts serve`` on the hand-made store, for the whole session."""
    folder = tmp_path_factory.mktemp("site")
    with running_server(build_site_db(folder / "newsfacts.db"), folder / "serve.log") as url:
        yield url


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """The URL of a real ``newsfacts serve`` on the store of hostile URLs and awkward ids."""
    folder = tmp_path_factory.mktemp("hostile-site")
    with running_server(build_hostile_db(folder / "newsfacts.db"), folder / "serve.log") as url:
        yield url


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "newsfacts.db"


def claims_by_amount(extractor, text: str) -> dict:
    """The claims of one article text, by the money text each was read from."""
    return {c.amount.text: c for c in extractor.extract(
        SimpleNamespace(text=text, title=None, published=None))}


@pytest.fixture(scope="session")
def fixture_articles():
    """The bundled sample articles of fixtures/gold.jsonl, by file name (the hard cases in
    articles/hard/ have their own gold file and test)."""
    from newsfacts.sources import read_inputs

    return {Path(a.path).name: a for a in read_inputs(sorted(ARTICLES.glob("*.txt")))}


@pytest.fixture(scope="session")
def fixture_claims(extractor, fixture_articles):
    """Claims of every bundled article, by file name."""
    return {name: claims for (name, _), (_, claims) in
            zip(fixture_articles.items(), extractor.pipe(fixture_articles.values()), strict=True)}
