"""The catalog: every rule versioned, sourced, explained, and documented in docs/rules.md."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kring.rules.catalog import RULES, Kind, rule_for

DOCS = Path(__file__).resolve().parents[3] / "docs" / "rules.md"
CONTRACT_IDS = {
    "ATW-01", "LPW-03", "LPW-04", "LPW-20", "LPW-21", "LPW-47", "TZ-01", "ZP-05", "ZP-06", "ZP-10", "ZP-11",
    "OPP-04", "OPP-05", "OPP-06", "OPP-07", "KR-3M",
    # catalog v2
    "TLV-03", "TLV-04", "TLV-06", "AWB-413", "OT-02", "TZ-06", "LPW-46", "AVG-12", "PRV-04", "PRV-06",
}  # fmt: skip


def test_catalog_covers_contract() -> None:
    assert {r.id for r in RULES} == CONTRACT_IDS


def test_every_rule_has_source_and_explanation() -> None:
    for r in RULES:
        assert r.source and r.explanation and r.title, r.id
        assert (r.kind == Kind.NORM) == r.id.startswith("KR-")


def test_norms_are_regional_agreements() -> None:
    kr = rule_for("KR-3M")
    assert kr is not None and kr.kind_nl == "regionale afspraak" and "geen wet" in kr.source


def test_opp07_version_validity() -> None:
    assert rule_for("OPP-07", date(2025, 7, 31)) is None
    assert rule_for("OPP-07", date(2025, 8, 1)) is not None


def test_every_rule_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for r in RULES:
        assert f"### {r.id}" in text, f"{r.id} missing in {DOCS}"
