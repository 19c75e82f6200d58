"""The English catalog (issue 8): every Dutch template has an English one with the same
placeholders, and every obligation and violation of the contract's examples can be said in English
from the `params` the engine keeps, without changing the contract output."""

from __future__ import annotations

import json
import re
import string
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from kring.rules import assess, default_calendar, parse_scenario
from kring.rules.catalog import RULES, Rule
from kring.rules.catalog_en import TEMPLATES_EN, TITLES_EN, explain_en, format_date_en, params_json
from kring.rules.kalender import MONTHS_NL
from kring.rules.results import Bewaartermijn, Obligation, Termijn, Violation
from kring.rules.tests.test_properties import scenario

EXAMPLES = sorted(
    p
    for version in ("v1", "v2")
    for p in (Path(__file__).parent / "contract" / version).glob("*.json")
    if not p.stem.endswith(".expected")
)
DUTCH_MONTHS = re.compile(r"\b\d{1,2} (" + "|".join(MONTHS_NL) + r") \d{4}\b")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_rule_has_an_english_title() -> None:
    assert {r.id for r in RULES} == set(TITLES_EN)


@pytest.mark.parametrize("rule", [r for r in RULES if r.templates], ids=lambda r: f"{r.id}")
def test_every_dutch_template_has_an_english_one_with_the_same_placeholders(rule: Rule) -> None:
    english = TEMPLATES_EN[rule.id]
    assert set(english) == set(rule.templates)
    for key, dutch in rule.templates.items():
        assert _fields(english[key]) == _fields(dutch), (rule.id, key)


def test_the_examples_are_there() -> None:
    assert len(EXAMPLES) == 12  # v1 and v2


def test_english_dates() -> None:
    assert format_date_en(date(2026, 12, 2)) == "2 December 2026"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_finding_of_the_examples_is_said_in_english(path: Path) -> None:
    scenario = json.loads(path.read_text(encoding="utf-8"))
    result = assess(parse_scenario(scenario), calendar=default_calendar())
    assert "params" not in json.dumps(result.to_dict())  # the contract output is unchanged
    findings: list[Obligation | Violation | Termijn | Bewaartermijn] = [
        *result.obligations,
        *result.violations,
        *result.termijnen,
        *result.bewaartermijnen,
    ]
    assert findings
    for found in findings:
        assert found.params is not None, found.rule
        for params in (found.params, params_json(found.params)):  # as kept, and as stored as JSON
            english = explain_en(found.rule, params)
            assert english, found.rule
            assert "{" not in english and not DUTCH_MONTHS.search(english), english
        when = found.due if isinstance(found, Obligation) else found.date
        if isinstance(found, Termijn | Bewaartermijn):
            when = found.until
        if when is not None:
            assert format_date_en(when) in (explain_en(found.rule, found.params) or "")


@settings(max_examples=200, deadline=None)
@given(scenario())
def test_every_finding_of_any_scenario_is_said_in_english(data: dict[str, Any]) -> None:
    result = assess(parse_scenario(data), calendar=default_calendar())
    findings: list[Obligation | Violation | Termijn | Bewaartermijn] = [
        *result.obligations,
        *result.violations,
        *result.termijnen,
        *result.bewaartermijnen,
    ]
    for found in findings:
        english = explain_en(found.rule, params_json(found.params))
        assert english and "{" not in english, found
        assert not DUTCH_MONTHS.search(english), english
