"""Browser tests: Debian's chromium driven by Playwright's sync API against pytest-django's live_server.

Fixtures:
- `browser`: one headless chromium for the session. Fails (never skips) when chromium is missing.
- `page`: a fresh browser context per test (Dutch locale, base_url = live_server.url,
  bypass_csp=True so axe-core can be injected) and its page. Uses transactional_db.
- `strict_page`: the same without bypass_csp, to see what Kring's own CSP blocks.
- `csp_errors`: console messages about Content-Security-Policy violations on `strict_page`.

Use `helpers.assert_no_axe_violations(page)` after every page you check.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django would refuse DB access from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = Path(os.environ.get("KRING_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install chromium)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _context(browser: Browser, live_server: Any, *, bypass_csp: bool) -> BrowserContext:
    context = browser.new_context(
        base_url=live_server.url,
        bypass_csp=bypass_csp,
        locale="nl-NL",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def page(browser: Browser, live_server: Any, transactional_db: Any) -> Iterator[Page]:
    context = _context(browser, live_server, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def csp_errors() -> list[str]:
    return []


@pytest.fixture
def strict_page(
    browser: Browser, live_server: Any, transactional_db: Any, csp_errors: list[str]
) -> Iterator[Page]:
    context = _context(browser, live_server, bypass_csp=False)
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
