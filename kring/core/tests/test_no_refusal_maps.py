"""One refusal type and one page flow (ADR 0012): no per-view code→field maps come back.

A service's refusal (`kring.core.errors.Refused`) names the field it concerns by the service's
input name, and forms and serializers use those names. So no page, form or API view maps a
refusal's code to a field (`field_for=`, `refusal_fields`), renames fields (`rename=`,
`SERVICE_FIELD_NAMES`), reads a refusal's code to decide where it goes, or catches a service's
ValidationError itself: pages go through `kring.web.flow.run_service`, the API through
`kring.api.errors`. The test reads every Python file under kring/ outside the tests.
"""

from __future__ import annotations

import re
from pathlib import Path

import kring

ROOT = Path(kring.__file__).parent

EVERYWHERE = {
    "code→field map for the API (`field_for`)": re.compile(r"\bfield_for\b"),
    "field rename map (`rename=`)": re.compile(r"\brename\s*="),
    "code→field map on a form (`refusal_fields`)": re.compile(r"\brefusal_fields\b"),
    "form↔service field name map": re.compile(r"\bSERVICE_FIELD_NAMES\b"),
    "the old page helper": re.compile(r"\bapply_service_errors\b"),
}

# Where refusals are shown: pages, forms, the API views. Only the two renderers read refusals.
SHOWING = re.compile(r"(^|/)(views?|forms?|forms_\w+|api|portal|regions)(/|\.py$)|/views/")
IN_SHOWING_CODE = {
    "a refusal's code read to place it": re.compile(
        r"\.code\s*(==|!=|\bin\b)|getattr\(\s*\w+\s*,\s*[\"']code[\"']|\.get\(\s*code\b"
    ),
    "a service's ValidationError caught outside the one flow": re.compile(
        r"^\s*except\b\s*\(?[\w., ]*(ValidationError|Refused|StaleVersion|ConcurrentEditError)\b"
    ),
}
RENDERERS = {"web/flow.py", "api/errors.py"}


def _sources() -> list[tuple[str, list[str]]]:
    files = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if "/tests/" in f"/{rel}" or "/migrations/" in f"/{rel}":
            continue
        files.append((rel, path.read_text(encoding="utf-8").splitlines()))
    return files


def test_no_code_to_field_maps_or_renames_anywhere() -> None:
    found = [
        f"{rel}:{n}: {what}: {line.strip()}"
        for rel, lines in _sources()
        for n, line in enumerate(lines, start=1)
        for what, pattern in EVERYWHERE.items()
        if pattern.search(line)
    ]
    assert not found, "Name the field at the raise site (Refused(..., field=...)) instead:\n" + "\n".join(
        found
    )


def test_pages_and_api_views_leave_refusals_to_the_one_flow() -> None:
    found = [
        f"{rel}:{n}: {what}: {line.strip()}"
        for rel, lines in _sources()
        if SHOWING.search(rel) and rel not in RENDERERS
        for n, line in enumerate(lines, start=1)
        for what, pattern in IN_SHOWING_CODE.items()
        if pattern.search(line)
    ]
    assert not found, "Use kring.web.flow.run_service (pages) or kring.api.errors (API):\n" + "\n".join(found)


def test_the_check_sees_what_it_forbids() -> None:
    """The patterns catch the shapes that were there before (issue 8): a guard against a test
    that passes because it looks at nothing."""
    assert EVERYWHERE["code→field map for the API (`field_for`)"].search(
        '    field_for={"required": "reason"},'
    )
    assert EVERYWHERE["field rename map (`rename=`)"].search("apply_service_errors(form, exc, rename=X)")
    assert IN_SHOWING_CODE["a refusal's code read to place it"].search('code = getattr(error, "code", None)')
    assert IN_SHOWING_CODE["a service's ValidationError caught outside the one flow"].search(
        "        except ValidationError as exc:"
    )
    assert SHOWING.search("cases/forms_work.py") and SHOWING.search("cases/api/views.py")
    assert SHOWING.search("children/views/timeline.py") and SHOWING.search("portal/views.py")
    assert len(_sources()) > 100
