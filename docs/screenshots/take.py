"""Take the screenshots of docs/site.md: ingest fixtures/articles/ into a temporary store,
serve it with ``newsfacts serve`` and photograph the main pages with Playwright and
Debian's chromium, following the question "deals involving Microsoft over $1 bn since
2025" from the home page to the evidence.

Run from the repository root: .venv/bin/python docs/screenshots/take.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tests"))
from sitedata import CHROMIUM, CHROMIUM_ARGS, running_server  # noqa: E402  (the tests' server and browser)


def take(page, name: str, full_page: bool = False) -> None:
    page.screenshot(path=OUT / f"{name}.png", full_page=full_page)
    print(f"docs/screenshots/{name}.png")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "newsfacts.db"
        subprocess.run([sys.executable, "-m", "newsfacts", "ingest", ROOT / "fixtures/articles",
                        "--db", db_path, "--quiet"], check=True)
        log_path = Path(tmp) / "serve.log"
        with running_server(db_path, log_path) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(base_url=url, viewport={"width": 1280, "height": 900})
            page.goto("/")
            take(page, "home", full_page=True)

            page.goto("/newsfacts/all_claims")
            take(page, "deals-facets")
            page.locator("table.newsfacts-claims").evaluate(
                "t => window.scrollTo(0, t.getBoundingClientRect().top + window.scrollY - 40)")
            take(page, "deals")

            page.goto("/")
            page.get_by_role("link", name="Deals involving a company").click()
            page.get_by_label("company").fill("Microsoft")
            page.get_by_label("min_value").fill("1 bn")
            page.get_by_label("currency").fill("USD")
            page.get_by_label("since").fill("2025-01-01")
            page.get_by_role("button", name="Run SQL").click()
            page.set_viewport_size({"width": 1600, "height": 1000})
            take(page, "company-query")
            page.set_viewport_size({"width": 1280, "height": 900})
            page.locator("td.col-sentence a").first.click()
            page.wait_for_selector("mark.evidence.selected")
            page.evaluate("window.scrollTo(0, 0)")
            take(page, "article")

            page.goto("/newsfacts/deals_by_month")
            take(page, "deals-by-month")
            browser.close()


if __name__ == "__main__":
    main()
