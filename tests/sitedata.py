"""A small fact store for the site's tests, written by hand through Store so every claim is
exactly known, and a real ``newsfacts serve`` process to run against it.

Used by test_site.py (in-process Datasette), test_serve.py and test_browser.py (HTTP), and
by docs/screenshots/take.py for the server and the browser's settings.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import yaml

from newsfacts.articles import Article
from newsfacts.db import Store
from newsfacts.db.serve import SETTINGS, metadata_path
from newsfacts.extract.records import Amount, Claim, Party, Term

CHROMIUM = os.environ.get("NEWSFACTS_CHROMIUM", "/usr/bin/chromium")
# Headless, and nothing that would reach for the network on its own.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _claim(text: str, sentence: str, deal_type: str, amount: Amount, buyer=(), seller=(),
           target=(), term: Term | None = None, attribution: str | None = None,
           trace: list[dict] | None = None) -> Claim:
    start = text.index(sentence)
    parties = ([Party(n, "buyer") for n in buyer] + [Party(n, "seller") for n in seller]
               + [Party(n, "target") for n in target])
    return Claim(deal_type=deal_type, parties=parties, amount=amount, sentence=sentence,
                 start=start, end=start + len(sentence), term=term, attribution=attribution,
                 confidence=0.8, trace=trace or [])


ACTIVISION = Article(
    title="Microsoft to buy Activision Blizzard for $68.7 billion",
    outlet="Play Wire", published="2022-01-18",
    url="https://news.example/2022/01/microsoft-activision",
    text="Microsoft Corp said on Tuesday it would buy Activision Blizzard for $68.7 billion "
         "in cash.\n\nMicrosoft will pay $95 a share for the maker of Call of Duty.\n")
CONTOSO_WIRE = Article(
    title="Microsoft commits up to $10 billion to Contoso AI",
    outlet="Newsfacts Wire", published="2025-11-18",
    url="https://news.example/2025/11/microsoft-contoso",
    text="Cloud spending keeps rising.\n\nMicrosoft will invest up to $10 billion in Contoso "
         "AI over five years, the companies said.\n\nContoso AI builds language models.\n")
CONTOSO_LEDGER = Article(
    title="Microsoft's Contoso investment put at $12 billion",
    outlet="The Ledger", published="2025-11-20",
    url="https://ledger.example/contoso",
    text="Microsoft Corp is investing $12 billion in Contoso AI Inc, according to people "
         "familiar with the matter.\n")
FABRIKAM = Article(
    title="Microsoft buys Fabrikam analytics unit for $300 million",
    outlet="Newsfacts Wire", published="2025-02-03",
    url="https://news.example/2025/02/fabrikam",
    text="Microsoft agreed to buy the analytics unit of Fabrikam for $300 million.\n")
LANSDOWN = Article(
    title="CVC-led group agrees £5.4 billion Lansdown takeover",
    outlet="City Ledger", published="2024-08-09",
    url="https://city.example/lansdown",
    text="A group led by CVC Capital Partners agreed to buy Lansdown for £5.4 billion.\n")
KETTLE = Article(
    title="Kettle Creek buys Redwater gas reserves",
    outlet="Ledger Wire Service", published="1987-06-03",
    text="Kettle Creek Resources Ltd said it bought gas reserves from Redwater Energy Ltd "
         "for 38 mln Canadian dlrs.\n")
SCRIPT = Article(
    title="<script>alert('title')</script> Tremont denies takeover talk",
    outlet="Ledger Wire Service", published="1987-04-22",
    text="Tremont Industries said <script>alert('text')</script> it knew of no reason for the "
         "rise in its shares, which added 20 mln dlrs to its value & more.\n")
QUIET = Article(
    title="Markets closed for the holiday",
    outlet="The Ledger", published="2025-12-25",
    text="Markets were closed for the holiday.\n")

CLAIMS = {
    ACTIVISION.id: [
        _claim(ACTIVISION.text, "Microsoft Corp said on Tuesday it would buy Activision Blizzard "
               "for $68.7 billion in cash.", "acquisition",
               Amount("$68.7 billion", 68.7e9, "USD"), ["Microsoft Corp"], ["Activision Blizzard"],
               attribution="Microsoft Corp"),
        _claim(ACTIVISION.text, "Microsoft will pay $95 a share for the maker of Call of Duty.",
               "acquisition", Amount("$95 a share", 95.0, "USD", per="share"), ["Microsoft"],
               ["Activision Blizzard"], trace=[
                   {"rule": "link.parse", "says": "'$95 a share' hangs off 'pay' in the parse"},
                   {"rule": "pay.subj", "says": "buyer = Microsoft ('Microsoft')"},
                   {"rule": "inherit.seller-of-deal-before",
                    "says": "seller/target = Activision Blizzard (the deal named before)"}]),
    ],
    CONTOSO_WIRE.id: [
        _claim(CONTOSO_WIRE.text, "Microsoft will invest up to $10 billion in Contoso AI over "
               "five years, the companies said.", "investment",
               Amount("up to $10 billion", 10e9, "USD", qualifier="up_to"), ["Microsoft"],
               ["Contoso AI"], term=Term("over five years", 60), attribution="the companies said"),
    ],
    CONTOSO_LEDGER.id: [
        _claim(CONTOSO_LEDGER.text, CONTOSO_LEDGER.text.strip(), "investment",
               Amount("$12 billion", 12e9, "USD"), ["Microsoft Corp"], ["Contoso AI Inc"],
               attribution="people familiar with the matter"),
    ],
    FABRIKAM.id: [
        _claim(FABRIKAM.text, FABRIKAM.text.strip(), "acquisition",
               Amount("$300 million", 300e6, "USD"), ["Microsoft"], ["Fabrikam"],
               ["analytics unit"]),
    ],
    LANSDOWN.id: [
        _claim(LANSDOWN.text, LANSDOWN.text.strip(), "acquisition",
               Amount("£5.4 billion", 5.4e9, "GBP"), ["CVC Capital Partners"], ["Lansdown"]),
    ],
    KETTLE.id: [
        _claim(KETTLE.text, KETTLE.text.strip(), "asset_sale",
               Amount("38 mln Canadian dlrs", 38e6, "CAD"), ["Kettle Creek Resources Ltd"],
               ["Redwater Energy Ltd"], ["gas reserves"]),
    ],
}
ARTICLES = [ACTIVISION, CONTOSO_WIRE, CONTOSO_LEDGER, FABRIKAM, LANSDOWN, KETTLE, SCRIPT, QUIET]


def build_site_db(path: Path) -> Path:
    """Write the hand-made articles and their claims to a new store at ``path``, and group
    the claims into deals as an ingest does."""
    with Store(path) as store:
        store.write([(article, CLAIMS.get(article.id, [])) for article in ARTICLES])
        store.rebuild_deals()
    return path


# --- A store of hostile input (issue 11): URLs that are no web address, ids to route. ---

# URLs an input may claim; only the http(s) ones may become links on the site.
HOSTILE_URLS = [
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(document.domain)",
    " javascript:alert(document.domain)",
    "java\tscript:alert(document.domain)",
    "data:text/html,<script>alert(document.domain)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "/newsfacts/claims",
    "https://ok.example/deal?a=1&b=\"><script>alert(1)</script>",
]
# Ids a JSONL line or a corpus may give; each must open its article page.
AWKWARD_IDS = ["feed/2025/11/a", "q&a", "semi;colon", 'say "deal"', "per%2Fcent", "tilde~7E",
               "dot.json", "space id", "ümlaut", "?claim=x#y"]


def hostile_articles() -> list[tuple[Article, list[Claim]]]:
    """Articles at each hostile URL and under each awkward id, one claim each."""
    items = []
    for n, url in enumerate(HOSTILE_URLS, 1):
        amount = f"${n} million"
        sentence = f"Ampersand Holdings will buy Semicolon Ltd for {amount}."
        article = Article(title=f"Hostile URL {n - 1}", url=url, text=sentence + "\n")
        items.append((article, [_claim(article.text, sentence, "acquisition",
                                       Amount(amount, n * 1e6, "USD"),
                                       ["Ampersand Holdings"], ["Semicolon Ltd"])]))
    for n, article_id in enumerate(AWKWARD_IDS, 1):
        amount = f"${n} billion"
        sentence = f"Quote Corp agreed to buy Slash Inc for {amount}."
        article = Article(title=f"Awkward id {n - 1}", id=article_id, text=sentence + "\n")
        items.append((article, [_claim(article.text, sentence, "acquisition",
                                       Amount(amount, n * 1e9, "USD"),
                                       ["Quote Corp"], ["Slash Inc"])]))
    return items


def build_hostile_db(path: Path) -> Path:
    """Write :func:`hostile_articles` to a new store at ``path``."""
    with Store(path) as store:
        store.write(hostile_articles())
    return path


def site_metadata() -> dict:
    """The metadata newsfacts serve uses, read from the installed package."""
    return yaml.safe_load(metadata_path().read_text(encoding="utf-8"))


def site_settings() -> dict:
    return dict(SETTINGS)


@contextmanager
def running_server(db_path: Path, log_path: Path, timeout: float = 30,
                   host: str = "127.0.0.1") -> Iterator[str]:
    """Run ``newsfacts serve`` on a free port of ``host``; yield its URL once it answers."""
    command = [sys.executable, "-m", "newsfacts", "serve", "--db", str(db_path), "--port", "0"]
    if host != "127.0.0.1":
        command += ["--host", host]
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield _wait_until_answering(process, log_path, timeout, host)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_answering(process: subprocess.Popen, log_path: Path, timeout: float,
                          host: str) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"newsfacts serve exited {process.returncode}:\n"
                               + log_path.read_text(encoding="utf-8"))
        # uvicorn names the port it was given (0 here: any free one) once it listens.
        found = re.search(rf"Uvicorn running on (http://{re.escape(host)}:\d+)",
                          log_path.read_text(encoding="utf-8"))
        if found:
            try:
                response = httpx.get(found[1] + "/-/versions.json", timeout=2, trust_env=False)
                response.raise_for_status()
                return found[1]
            except httpx.HTTPError:
                pass
        time.sleep(0.1)
    raise RuntimeError(f"newsfacts serve did not answer in {timeout} s:\n"
                       + log_path.read_text(encoding="utf-8"))
