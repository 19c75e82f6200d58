"""CLI: invalid scenarios exit 2 with a precise message (never a traceback); catalog output."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kring.rules.cli import main

REPO_ROOT = Path(__file__).resolve().parents[3]
OK_BASE: dict[str, Any] = {
    "as_of": "2025-12-01",
    "vakantieregio": "midden",
    "child": {"birth_date": "2015-01-20"},
}


def with_events(*events: Any) -> dict[str, Any]:
    return {**OK_BASE, "events": list(events)}


INS = {"date": "2025-09-01", "type": "inschrijving", "school": "De Linde", "sector": "po"}

TLV_BESLUIT = {
    "date": "2025-10-01",
    "type": "tlv_besluit",
    "swv": "SWV Rijnstreek PO",
    "outcome": "toegekend",
    "soort": "sbo",
    "schooljaren": 2,
}
AFGEWEZEN = {k: v for k, v in TLV_BESLUIT.items() if k != "schooljaren"} | {"outcome": "afgewezen"}
MINDER = {"date": "2025-10-01", "type": "onderwijstijd_verminderd", "school": "X", "uren_per_week": 10}

BAD: list[tuple[str, Any, list[str]]] = [
    # (case, scenario, substrings of the message)
    (
        "unknown type",
        with_events(INS, {"date": "2025-09-02", "type": "ziekmelding"}),
        ["events[1] (ziekmelding)", "unknown event type", "'type'"],
    ),
    ("missing type", with_events({"date": "2025-09-02"}), ["events[0]", "missing field 'type'"]),
    (
        "missing field",
        with_events({"date": "2025-09-02", "type": "aanmelding"}),
        ["events[0] (aanmelding)", "missing field 'school'"],
    ),
    (
        "unknown field",
        with_events({"date": "2025-09-02", "type": "verzuimmelding", "school": "X"}),
        ["events[0] (verzuimmelding)", "unknown field 'school'"],
    ),
    (
        "value outside set",
        with_events(INS, INS, INS, {"date": "2025-11-03", "type": "afwezig", "reden": "x"}),
        ["events[3] (afwezig): field 'reden' must be one of ongeoorloofd, ziek, geoorloofd, got 'x'"],
    ),
    (
        "sector outside set",
        with_events({**INS, "sector": "mbo"}),
        ["events[0] (inschrijving)", "field 'sector'"],
    ),
    (
        "malformed date",
        with_events({**INS, "date": "2025-13-01"}),
        ["events[0] (inschrijving)", "field 'date'"],
    ),
    ("dutch date", with_events({**INS, "date": "1-9-2025"}), ["events[0] (inschrijving)", "field 'date'"]),
    (
        "missing date",
        with_events({"type": "verzuimmelding"}),
        ["events[0] (verzuimmelding)", "missing field 'date'"],
    ),
    (
        "to before date",
        with_events({"date": "2025-11-10", "type": "schorsing", "school": "A", "to": "2025-11-09"}),
        ["events[0] (schorsing)", "field 'to'", "before"],
    ),
    (
        "schorsing without to",
        with_events({"date": "2025-11-10", "type": "schorsing", "school": "A"}),
        ["events[0] (schorsing)", "missing field 'to'"],
    ),
    (
        "afwezig to before date",
        with_events({"date": "2025-11-10", "type": "afwezig", "reden": "ziek", "to": "2025-11-01"}),
        ["events[0] (afwezig)", "field 'to'"],
    ),
    (
        "bool as string",
        with_events({**INS, "extra_ondersteuning": "yes"}),
        ["events[0] (inschrijving)", "field 'extra_ondersteuning'", "true or false"],
    ),
    (
        "int as bool",
        with_events({"date": "2025-10-01", "type": "opp_vastgesteld", "instemming_handelingsdeel": 1}),
        ["events[0] (opp_vastgesteld)", "field 'instemming_handelingsdeel'"],
    ),
    (
        "bool as number",
        with_events({"date": "2025-11-03", "type": "afwezig", "reden": "ziek", "hours_per_day": True}),
        ["events[0] (afwezig)", "field 'hours_per_day'"],
    ),
    (
        "negative hours",
        with_events({"date": "2025-11-03", "type": "afwezig", "reden": "ziek", "hours_per_day": -1}),
        ["events[0] (afwezig)", "field 'hours_per_day'"],
    ),
    (
        "weken not int",
        with_events({"date": "2025-11-03", "type": "evaluatiefrequentie_vastgesteld", "weken": 2.5}),
        ["events[0] (evaluatiefrequentie_vastgesteld)", "field 'weken'"],
    ),
    (
        "weken bool",
        with_events({"date": "2025-11-03", "type": "evaluatiefrequentie_vastgesteld", "weken": True}),
        ["events[0] (evaluatiefrequentie_vastgesteld)", "field 'weken'"],
    ),
    # catalog v2: fields allowed or required with an outcome, schooljaren, uren_per_week
    (
        "schooljaren with afgewezen",
        with_events(
            {**TLV_BESLUIT, "outcome": "afgewezen", "schooljaren": 2},
        ),
        ["events[0] (tlv_besluit)", "field 'schooljaren'", "not allowed with outcome 'afgewezen'"],
    ),
    (
        "volgnummer with afgewezen",
        with_events({**AFGEWEZEN, "volgnummer": "T-1"}),
        ["events[0] (tlv_besluit)", "field 'volgnummer'", "not allowed"],
    ),
    (
        "schooljaren missing with toegekend",
        with_events({k: v for k, v in TLV_BESLUIT.items() if k != "schooljaren"}),
        ["events[0] (tlv_besluit)", "missing field 'schooljaren'"],
    ),
    (
        "schooljaren zero",
        with_events({**TLV_BESLUIT, "schooljaren": 0}),
        ["field 'schooljaren'", "at least 1"],
    ),
    ("schooljaren 1.5", with_events({**TLV_BESLUIT, "schooljaren": 1.5}), ["field 'schooljaren'"]),
    ("schooljaren bool", with_events({**TLV_BESLUIT, "schooljaren": True}), ["field 'schooljaren'"]),
    ("tlv soort outside set", with_events({**TLV_BESLUIT, "soort": "vo"}), ["field 'soort'", "'vo'"]),
    (
        "to with afgewezen",
        with_events(
            {
                "date": "2025-10-01",
                "type": "vervangende_leerplicht_besluit",
                "gemeente": "Utrecht",
                "outcome": "afgewezen",
                "to": "2026-07-31",
            }
        ),
        ["events[0] (vervangende_leerplicht_besluit)", "field 'to'", "not allowed with outcome 'afgewezen'"],
    ),
    (
        "to missing with toegestaan",
        with_events(
            {
                "date": "2025-10-01",
                "type": "vervangende_leerplicht_besluit",
                "gemeente": "Utrecht",
                "outcome": "toegestaan",
            }
        ),
        ["events[0] (vervangende_leerplicht_besluit)", "missing field 'to'"],
    ),
    (
        "uren_per_week negative",
        with_events({**MINDER, "uren_per_week": -1}),
        ["events[0] (onderwijstijd_verminderd)", "field 'uren_per_week'", "at least 0"],
    ),
    (
        "uren_per_week text",
        with_events({**MINDER, "uren_per_week": "10"}),
        ["events[0] (onderwijstijd_verminderd)", "field 'uren_per_week'"],
    ),
    (
        "uren_per_week missing",
        with_events({k: v for k, v in MINDER.items() if k != "uren_per_week"}),
        ["events[0] (onderwijstijd_verminderd)", "missing field 'uren_per_week'"],
    ),
    (
        "functie outside set",
        with_events(
            {
                "date": "2025-10-01",
                "type": "deskundigenadvies",
                "swv": "S",
                "deskundige": "X",
                "functie": "juf",
            }
        ),
        ["events[0] (deskundigenadvies)", "field 'functie'"],
    ),
    (
        "verzoek outside set",
        with_events(
            {"date": "2025-10-01", "type": "verzoek_beantwoord", "organisatie": "S", "verzoek": "wissen"}
        ),
        ["events[0] (verzoek_beantwoord)", "field 'verzoek'"],
    ),
    (
        "verzoeker outside set",
        with_events({"date": "2025-10-01", "type": "verzoek_inzage", "organisatie": "S", "verzoeker": "opa"}),
        ["events[0] (verzoek_inzage)", "field 'verzoeker'"],
    ),
    (
        "verlenging not bool",
        with_events(
            {
                "date": "2025-10-01",
                "type": "vervangende_leerplicht_aanvraag",
                "gemeente": "G",
                "verlenging": "ja",
            }
        ),
        ["events[0] (vervangende_leerplicht_aanvraag)", "field 'verlenging'"],
    ),
    (
        "reduction to before date",
        with_events({**MINDER, "to": "2025-09-01"}),
        ["events[0] (onderwijstijd_verminderd)", "field 'to'", "before"],
    ),
    (
        "swv missing",
        with_events({"date": "2025-10-01", "type": "tlv_aanvraag", "school": "X", "soort": "so"}),
        ["events[0] (tlv_aanvraag)", "missing field 'swv'"],
    ),
    ("empty school", with_events({**INS, "school": ""}), ["events[0] (inschrijving)", "field 'school'"]),
    ("event not object", with_events("inschrijving"), ["events[0]", "must be an object"]),
    ("events not list", {**OK_BASE, "events": {}}, ["field 'events'"]),
    (
        "missing as_of",
        {"vakantieregio": "midden", "child": {"birth_date": "2015-01-20"}, "events": []},
        ["missing field 'as_of'"],
    ),
    ("malformed as_of", {**OK_BASE, "as_of": "2025-02-30"}, ["field 'as_of'"]),
    (
        "missing vakantieregio",
        {"as_of": "2025-12-01", "child": {"birth_date": "2015-01-20"}, "events": []},
        ["missing field 'vakantieregio'"],
    ),
    ("vakantieregio outside set", {**OK_BASE, "vakantieregio": "oost"}, ["field 'vakantieregio'", "'oost'"]),
    (
        "missing child",
        {"as_of": "2025-12-01", "vakantieregio": "midden", "events": []},
        ["missing field 'child.birth_date'"],
    ),
    ("missing birth_date", {**OK_BASE, "child": {}}, ["missing field 'child.birth_date'"]),
    ("malformed birth_date", {**OK_BASE, "child": {"birth_date": 2015}}, ["field 'child.birth_date'"]),
    ("unknown top-level field", {**OK_BASE, "events": [], "extra": 1}, ["unknown field 'extra'"]),
    ("top-level list", [OK_BASE], ["must be a JSON object"]),
    ("date out of range", {**OK_BASE, "as_of": "9999-12-31"}, ["field 'as_of'", "between"]),
]


def run_main(args: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(stdin), out, err
    try:
        code = main(args)
    finally:
        sys.stdin, sys.stdout, sys.stderr = old
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(("case", "scenario", "needles"), BAD, ids=[b[0] for b in BAD])
def test_invalid_scenario_exit_2(case: str, scenario: Any, needles: list[str], tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    code, out, err = run_main(["assess", str(path)])
    assert code == 2, case
    assert out == ""
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, f"{case}: {needle!r} not in {err!r}"


@pytest.mark.parametrize(
    ("args", "stdin", "needle"),
    [
        (["assess", "-"], "{not json", "invalid JSON"),  # invalid JSON on stdin
        (["assess", "/nonexistent/scenario.json"], "", "cannot read"),  # unreadable file
        (["assess", "-", "--calendar", "/nonexistent.csv"], json.dumps(with_events()), "calendar"),
        (["assess", "-", "--norms", '{"KR-9": {}}'], json.dumps(with_events()), "norms"),
        (["assess"], "", "FILE"),  # usage error
        (["frobnicate"], "", "invalid choice"),
    ],
)
def test_cli_errors(args: list[str], stdin: str, needle: str) -> None:
    code, _, err = run_main(args, stdin)
    assert code == 2
    assert needle in err and "Traceback" not in err


def test_invalid_via_subprocess_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(with_events({"date": "2025-11-03", "type": "afwezig", "reden": "x"})))
    for arg, stdin in ((str(path), None), ("-", "[1, 2")):
        proc = subprocess.run(
            [sys.executable, "-m", "kring.rules", "assess", arg],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=REPO_ROOT,
            timeout=60,
            check=False,
        )
        assert proc.returncode == 2
        assert proc.stdout == ""
        assert "Traceback" not in proc.stderr and proc.stderr.strip()


def test_assess_stdin_and_options(tmp_path: Path) -> None:
    scenario = with_events(
        INS, {"date": "2025-10-01", "type": "uitschrijving", "school": "De Linde", "grond": "overig"}
    )
    code, out, _ = run_main(["assess", "-"], json.dumps(scenario))
    assert code == 0
    result = json.loads(out)
    assert result["thuiszitter"]["category"] == "absoluut_verzuim"
    assert result["thuiszitter"]["days"] == 62 - 9  # 1 Oct - 1 Dec minus autumn holiday
    # an empty holiday calendar: the autumn holiday days count
    cal = tmp_path / "cal.csv"
    cal.write_text("schooljaar,vakantie,regio,startdatum,einddatum_inclusief\n", encoding="utf-8")
    code, out, _ = run_main(["assess", "-", "--calendar", str(cal)], json.dumps(scenario))
    assert code == 0 and json.loads(out)["thuiszitter"]["days"] == 62
    # norms switched off, from a file
    norms = tmp_path / "norms.json"
    norms.write_text('{"KR-3M": {"enabled": false}}', encoding="utf-8")
    code, out, _ = run_main(["assess", "-", "--norms", str(norms)], json.dumps(scenario))
    assert code == 0 and not [o for o in json.loads(out)["obligations"] if o["rule"] == "KR-3M"]


def test_unicode_not_escaped() -> None:
    scenario = with_events({**INS, "school": "Sint-Jozefschool Één", "sector": "sbo"})  # -> OPP-05
    code, out, _ = run_main(["assess", "-"], json.dumps(scenario))
    assert code == 0 and "Één" in out


def test_catalog_table_and_json() -> None:
    code, out, _ = run_main(["catalog"])
    assert code == 0
    for rule_id in ("ATW-01", "LPW-20", "LPW-21", "OPP-07", "KR-3M", "ZP-06"):
        assert rule_id in out
    assert "regionale afspraak" in out and "Leerplichtwet art. 10" in out
    code, out, _ = run_main(["catalog", "--format", "json"])
    rules = json.loads(out)
    assert code == 0 and {r["id"] for r in rules} >= {"LPW-03", "LPW-04", "TZ-01", "OPP-04", "ZP-11"}
    opp07 = next(r for r in rules if r["id"] == "OPP-07")
    assert opp07["valid_from"] == "2025-08-01"
    assert next(r for r in rules if r["id"] == "KR-3M")["kind"] == "norm"
