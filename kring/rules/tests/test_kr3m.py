"""KR-3M (regional norm): status, missing elements, configuration."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kring.rules import NormSettings
from kring.rules.catalog import NormConfig

from .helpers import ev, ins, run, scen

# absoluut verzuim since 1 Oct 2025 -> due 1 Jan 2026 (3 calendar months, not shifted)
BASE = [
    ins("2024-09-02", "De Linde", "po"),
    ev("2025-10-01", "uitschrijving", school="De Linde", grond="overig"),
]
R = ev("2025-10-10", "regievoerder_aangewezen", naam="A. de Vries")
OPV = ev("2025-11-01", "ontwikkelperspectief_vastgesteld")
ROUTE = ev("2025-11-15", "route_vastgesteld", soort="hybride")
F = ev("2025-12-01", "evaluatiefrequentie_vastgesteld", weken=6)


def kr3m(events: list[dict[str, Any]], as_of: str, norms: NormSettings | None = None) -> list[dict[str, Any]]:
    result = run(scen(as_of, [*BASE, *events], birth="2016-09-30"), norms=norms)
    return [o for o in result["obligations"] if o["rule"] == "KR-3M"]


@pytest.mark.parametrize(
    ("events", "as_of", "status", "missing"),
    [
        ([R, OPV, ROUTE, F], "2026-02-01", "met", []),  # all four on or before 1 Jan
        (
            [R, OPV, ROUTE, ev("2026-01-02", "evaluatiefrequentie_vastgesteld", weken=6)],
            "2026-02-01",
            "met_late",
            [],
        ),
        ([R, OPV], "2026-01-02", "overdue", ["route", "evaluatiefrequentie"]),  # as_of > due, not all present
        ([R, OPV], "2026-01-01", "open", ["route", "evaluatiefrequentie"]),  # due not passed
        ([], "2025-12-15", "open", ["regievoerder", "ontwikkelperspectief", "route", "evaluatiefrequentie"]),
        # an element dated before 'since' counts as present
        ([ev("2025-06-01", "regievoerder_aangewezen", naam="B"), OPV, ROUTE, F], "2026-02-01", "met", []),
        # an element after as_of is ignored
        (
            [R, OPV, ROUTE, ev("2026-03-01", "evaluatiefrequentie_vastgesteld", weken=4)],
            "2026-02-01",
            "overdue",
            ["evaluatiefrequentie"],
        ),
    ],
)
def test_kr3m_status(events: list[dict[str, Any]], as_of: str, status: str, missing: list[str]) -> None:
    [o] = kr3m(events, as_of)
    assert (o["subject"], o["due"], o["status"], o["missing"]) == (None, "2026-01-01", status, missing)
    assert "Regionale afspraak" in o["source"] and "Regionale afspraak" in o["explanation"]


def test_kr3m_disabled_and_months() -> None:
    assert kr3m([], "2025-12-15", NormSettings(kr_3m=NormConfig(enabled=False))) == []
    [o] = kr3m([], "2025-12-15", NormSettings(kr_3m=NormConfig(months=6)))
    assert o["due"] == "2026-04-01"


def test_kr3m_region_name_in_explanation() -> None:
    [o] = kr3m([], "2025-12-15", NormSettings(regio="SWV Voorbeeld"))
    assert "SWV Voorbeeld" in o["explanation"]


def test_kr3m_uses_earliest_verborgen_when_no_thuiszitter() -> None:
    events = [ev("2025-03-31", "vrijstelling", artikel="5a")]
    result = run(scen("2025-10-01", events, birth="2016-09-30"))
    [o] = [o for o in result["obligations"] if o["rule"] == "KR-3M"]
    assert (o["due"], o["status"]) == ("2025-06-30", "overdue")  # 31 Mar + 3 months -> 30 June


def test_no_kr3m_without_situation() -> None:
    result = run(scen("2025-12-15", [ins("2024-09-02", "De Linde", "po")], birth="2016-09-30"))
    assert [o for o in result["obligations"] if o["rule"] == "KR-3M"] == []


def test_norm_settings_from_json() -> None:
    s = NormSettings.from_json('{"regio": "SWV X", "KR-3M": {"enabled": false, "months": 4}}')
    assert s == NormSettings(kr_3m=NormConfig(enabled=False, months=4), regio="SWV X")
    for bad in ('{"KR-9": {}}', '{"KR-3M": {"months": 0}}', '{"KR-3M": {"enabled": "yes"}}', "[1]", "{"):
        with pytest.raises(ValueError, match="norms"):
            NormSettings.from_json(bad)


@pytest.mark.parametrize(
    "norms",
    [
        NormSettings(),  # the default: on, 3 months, no region named
        NormSettings(kr_3m=NormConfig(enabled=False, months=3), regio="SWV Voorbeeld"),
        NormSettings(kr_3m=NormConfig(enabled=True, months=6), regio="SWV Voorbeeld"),
    ],
)
def test_norm_settings_survive_their_json_form(norms):
    # The web app hands a region's norms to `kring rules assess --norms` in this form.
    assert NormSettings.from_json(json.dumps(norms.to_dict())) == norms
