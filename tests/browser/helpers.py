"""Helpers for browser tests: accessibility scans with axe-core, logging in, screenshots.

from .helpers import assert_no_axe_violations, log_in
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from kring.accounts.testing import totp_code

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"

# WCAG 2.2 A and AA, plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def run_axe(page: Page, *, disable_rules: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Run axe-core on the current page and return its violations.

    The page's CSP ('self' only) blocks injected scripts, so the browser context must be made
    with bypass_csp=True (the `page` fixture does this). Kring itself never gets such a bypass.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    options: dict[str, Any] = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "resultTypes": ["violations"],
        "rules": {rule: {"enabled": False} for rule in disable_rules},
    }
    results = page.evaluate("async (options) => await window.axe.run(document, options)", options)
    return list(results["violations"])


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"])
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} → {targets}")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page, *, disable_rules: tuple[str, ...] = ()) -> None:
    """Fail with one line per axe violation: id, impact, help and the elements it found."""
    violations = run_axe(page, disable_rules=disable_rules)
    assert not violations, f"axe found {len(violations)} accessibility problem(s) on {page.url}:\n" + (
        format_violations(violations)
    )


def log_in(page: Page, *, username: str, password: str, device: TOTPDevice | None = None) -> None:
    """Log in through the Dutch login form; with a TOTP device, also do the second step."""
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    # Wait for the login's own navigation: a page.goto right after the click could cancel it, and
    # the next page would then be the login page again (a flaky test, seen once in CI).
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    if device is not None:
        expect(page.get_by_role("heading", level=1)).to_have_text("Vul je code in")
        page.get_by_label("Code uit je app").fill(totp_code(device))
        with page.expect_navigation():
            page.get_by_role("button", name="Bevestigen").click()


def screenshot(page: Page, name: str) -> Path | None:
    """Save a full-page screenshot when KRING_SCREENSHOT_DIR is set (for looking at pages)."""
    directory = os.environ.get("KRING_SCREENSHOT_DIR")
    if not directory:
        return None
    path = Path(directory) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path
