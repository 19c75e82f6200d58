"""The case's timeline is the engine's input: the web app's assessment equals `kring rules assess`.

The key test loads every public example of the rules contract into a Child through `record_event`
(forbidden acts recorded as violations with a reason), then checks that `assess_child` equals the
command's output on the file `scenario_for_child` writes, and matches the example's expected file
on the fields the contract compares (with the contract's own checker).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.conf import settings

from kring.children import assessment
from kring.children.assessment import (
    assess_child,
    calendar_for_assessment,
    export_filename,
    export_scenario_json,
    scenario_for_child,
)
from kring.children.services import EventRefused, record_event
from kring.privacy.models import AuditAction, AuditEvent
from kring.rules import default_calendar

from .conftest import BSN_A

pytestmark = pytest.mark.django_db

# The project's copy of the rules contract (kring/rules/tests/contract/: the examples and its checker).
RULES_DIR = Path(settings.BASE_DIR) / "rules" / "tests" / "contract"
EXAMPLES = sorted(p for p in (RULES_DIR / "v1").glob("*.json") if not p.name.endswith(".expected.json"))


def _checker() -> ModuleType:
    """The contract's own comparison (`normal`) from its checker, check.py."""
    spec = importlib.util.spec_from_file_location("kring_rules_contract_check", RULES_DIR / "check.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cli_assess(path: Path) -> dict[str, Any]:
    run = subprocess.run(
        [sys.executable, "-m", "kring.rules", "assess", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=settings.PROJECT_DIR,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def _load_into_child(example: dict[str, Any], make_child: Any, actor: Any) -> tuple[Any, list[str]]:
    child = make_child(
        birth_date=date.fromisoformat(example["child"]["birth_date"]), vakantieregio=example["vakantieregio"]
    )
    refused_rules = []
    for event in example["events"]:
        fields = {k: v for k, v in event.items() if k not in ("date", "type")}
        kwargs = {
            "actor": actor,
            "child": child,
            "type": event["type"],
            "date": date.fromisoformat(event["date"]),
        }
        try:
            record_event(**kwargs, data=fields)
        except EventRefused as refusal:
            refused_rules.append(refusal.rule)
            record_event(
                **kwargs, data=fields, violation_reason="Zo is het gebeurd (voorbeeld uit het contract)."
            )
    return child, refused_rules


def test_the_examples_are_there():
    assert len(EXAMPLES) >= 6, RULES_DIR


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_case_assessment_equals_the_command_and_the_contract(path, make_child, actor, tmp_path):
    example = json.loads(path.read_text(encoding="utf-8"))
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    as_of = date.fromisoformat(example["as_of"])
    child, refused_rules = _load_into_child(example, make_child, actor)

    scenario = scenario_for_child(child, as_of=as_of)
    assert scenario == example  # the timeline round-trips exactly into the contract's input

    exported = tmp_path / "scenario.json"
    exported.write_text(export_scenario_json(child, as_of, actor=actor), encoding="utf-8")
    assert json.loads(exported.read_text(encoding="utf-8")) == scenario

    in_app = json.loads(json.dumps(assess_child(child, as_of=as_of).to_dict()))
    assert in_app == _cli_assess(exported)

    check = _checker()
    assert check.normal(in_app) == check.normal(expected)
    # exactly the forbidden acts Kring refused end up as violations in the assessment
    assert sorted(refused_rules) == sorted(
        v["rule"] for v in expected["violations"] if v["rule"] in {"LPW-47", "ZP-11"}
    )


def test_scenario_shape_order_and_as_of(make_child, actor):
    child = make_child(birth_date=date(2013, 5, 2), vakantieregio="zuid", bsn=BSN_A)
    record_event(actor=actor, child=child, type="verzuimmelding", date=date(2025, 11, 10), data={})
    record_event(
        actor=actor,
        child=child,
        type="inschrijving",
        date=date(2025, 9, 1),
        data={"school": "De Regenboog", "sector": "po", "extra_ondersteuning": True},
    )
    record_event(
        actor=actor,
        child=child,
        type="afwezig",
        date=date(2025, 11, 3),
        data={"reden": "ziek", "to": "2025-11-04"},
    )
    record_event(actor=actor, child=child, type="opp_instemming", date=date(2026, 1, 5), data={})
    scenario = scenario_for_child(child, as_of=date(2025, 12, 1))
    assert scenario == {
        "as_of": "2025-12-01",
        "vakantieregio": "zuid",
        "child": {"birth_date": "2013-05-02"},
        "events": [
            {"date": "2025-09-01", "type": "inschrijving", "school": "De Regenboog", "sector": "po",
             "extra_ondersteuning": True},
            {"date": "2025-11-03", "type": "afwezig", "reden": "ziek", "to": "2025-11-04"},
            {"date": "2025-11-10", "type": "verzuimmelding"},
        ],
    }  # fmt: skip
    assert list(scenario["events"][0]) == ["date", "type", "school", "sector", "extra_ondersteuning"]
    text = json.dumps(scenario)
    assert "Testkind" not in text and BSN_A not in text  # no name, no BSN in engine input


def test_export_is_audited_and_named_without_the_child_name(make_child, actor):
    child = make_child()
    export_scenario_json(child, date(2025, 12, 1), actor=actor)
    audit = AuditEvent.objects.filter(action=AuditAction.EXPORT).get()
    assert audit.child_id == child.pk and audit.actor == actor
    assert "tot en met 1 december 2025" in audit.message
    assert export_filename(child, date(2025, 12, 1)) == f"kring-scenario-kind-{child.pk}-2025-12-01.json"


def test_calendar_falls_back_to_the_engines_bundled_table(monkeypatch):
    assert calendar_for_assessment().coverage == default_calendar().coverage


def test_calendar_prefers_the_database_when_it_has_holidays(monkeypatch):
    import types

    from kring.rules import Calendar, HolidayPeriod

    own = Calendar(
        [HolidayPeriod(regio="heel Nederland", start=date(2031, 1, 1), end=date(2031, 1, 2), name="x")]
    )
    empty = Calendar([])
    module = types.ModuleType("kring.reference.calendar")
    module.school_calendar = lambda: own  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kring.reference.calendar", module)
    assert calendar_for_assessment() is own
    module.school_calendar = lambda: empty  # type: ignore[attr-defined]
    assert calendar_for_assessment().coverage == default_calendar().coverage
    assert assessment.calendar_for_assessment is calendar_for_assessment
