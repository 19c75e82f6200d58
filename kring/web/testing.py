"""Test helpers for rendered pages. Use them in every app's view tests.

from kring.web.testing import assert_csp_safe_html
assert_csp_safe_html(response.content.decode())
"""

from __future__ import annotations

from html.parser import HTMLParser


class _InlineCodeFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _value in attrs}
        script_type = (dict(attrs).get("type") or "").lower()
        # A JSON data block ({{ value|json_script }}) is not run, so CSP allows it.
        if tag == "script" and "src" not in names and script_type != "application/json":
            self.problems.append("<script> without src (inline script)")
        if tag == "style":
            self.problems.append("<style> element (inline style)")
        if "style" in names:
            self.problems.append(f"style attribute on <{tag}>")
        for name in names:
            if name.startswith("on"):
                self.problems.append(f"event handler attribute {name} on <{tag}>")
        for name, value in attrs:
            if (
                name in {"href", "src", "action"}
                and value
                and value.strip().lower().startswith("javascript:")
            ):
                self.problems.append(f"javascript: URL in {name} on <{tag}>")


def inline_code_problems(html: str) -> list[str]:
    """Everything in the page that the Content-Security-Policy (self only) would block."""
    finder = _InlineCodeFinder()
    finder.feed(html)
    return finder.problems


def assert_csp_safe_html(html: str) -> None:
    problems = inline_code_problems(html)
    assert not problems, "Page has inline code that CSP blocks:\n" + "\n".join(problems)
