"""Turning stored data and the engine's assessment into what the overview pages show, in words.

No access decisions and no writes here: the views get the data through the policy and selectors,
and these functions only label it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kring.children.event_types import shown_fields
from kring.children.labels import OBLIGATION_STATUS_WORDS, THUISZITTER_SHORT
from kring.children.models import TimelineEvent
from kring.rules import Kind, rule_for
from kring.rules.catalog_en import explain_en, title_en

from ..forms_overview import THUISZITTER_LABELS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

LEERPLICHT_LABELS: Mapping[str, StrOrPromise] = {
    "nog_niet_leerplichtig": _("Nog niet leerplichtig"),
    "leerplichtig": _("Leerplichtig"),
    "kwalificatieplichtig": _("Kwalificatieplichtig (na de leerplicht, tot 18 jaar)"),
    "niet_leerplichtig": _("Niet meer leerplichtig"),
}

CATEGORY_LABELS: Mapping[str, StrOrPromise] = {
    "absoluut_verzuim": THUISZITTER_LABELS["absoluut_verzuim"],
    "langdurig_relatief_verzuim": THUISZITTER_LABELS["langdurig_relatief_verzuim"],
}
CATEGORY_SHORT: Mapping[str, StrOrPromise] = THUISZITTER_SHORT

VERBORGEN_LABELS: Mapping[str, StrOrPromise] = {
    "vrijstelling_5a": _("Vrijstelling 5a: het kind gaat niet naar school en telt niet mee als thuiszitter"),
    "langdurig_ziek": _("Langdurig ziek: ingeschreven, maar al meer dan 4 weken niet op school"),
    "gedeeltelijk_programma": _(
        "Gedeeltelijk programma: ingeschreven, maar al meer dan 4 weken maar een deel van de lessen"
    ),
}

# Obligation status → (words, Utrecht status badge modifier).
_BADGE = {"open": "neutral", "met": "success", "met_late": "warning", "overdue": "danger"}
OBLIGATION_STATUS: Mapping[str, tuple[StrOrPromise, str]] = {
    code: (words, _BADGE[code]) for code, words in OBLIGATION_STATUS_WORDS.items()
}

KR3M_ELEMENTS: Mapping[str, StrOrPromise] = {
    "regievoerder": _("een regievoerder"),
    "ontwikkelperspectief": _("een ontwikkelperspectief"),
    "route": _("een route"),
    "evaluatiefrequentie": _("een evaluatieritme"),
}


def as_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def event_fields(event: TimelineEvent) -> list[tuple[str, str]]:
    """The event's contract fields as (label, value in words), as the table of event types
    (`kring/children/event_types.py`) says the timeline shows them."""
    return shown_fields(event.type, event.data)


@dataclass
class RuleLine:
    """One obligation or violation as the case page shows it."""

    rule: str
    title: str
    subject: str | None
    source: str
    explanation: str
    is_norm: bool
    due: date | None = None
    on: date | None = None
    status: str = ""
    status_label: str = ""
    badge: str = ""
    missing: list[str] = field(default_factory=list)
    recorded_reason: str = ""
    event_id: int | None = None


def _rule_title(rule_id: str) -> tuple[str, bool]:
    try:
        found = rule_for(rule_id)
    except KeyError:
        return "", False
    if found is None:
        return "", False
    return found.title, found.kind == Kind.NORM


def _rule_line(item: Mapping[str, Any], **details: Any) -> RuleLine:
    """An obligation or violation of the engine's output; `details`: what only that kind has."""
    title, is_norm = _rule_title(item["rule"])
    explanation = item.get("explanation", "")
    if (get_language() or "").startswith("en"):  # the engine writes Dutch; say it again in English
        title = title_en(item["rule"]) or title
        explanation = explain_en(item["rule"], item.get("params")) or explanation
    return RuleLine(
        rule=item["rule"],
        title=title,
        subject=item.get("subject"),
        source=item.get("source", ""),
        explanation=explanation,
        is_norm=is_norm,
        **details,
    )


@dataclass
class AssessmentView:
    """The engine's assessment (contract shape) with labels for the page."""

    as_of: date
    leerplicht_status: str
    leerplicht_label: str
    leerplicht_start: date | None
    leerplicht_end: date | None
    thuiszitter: dict[str, Any] | None
    verborgen: list[dict[str, Any]]
    obligations: list[RuleLine]
    violations: list[RuleLine]

    @property
    def overdue_count(self) -> int:
        return sum(1 for o in self.obligations if o.status == "overdue")


def assessment_view(data: Mapping[str, Any]) -> AssessmentView:
    leerplicht = data.get("leerplicht") or {}
    thuiszitter = data.get("thuiszitter")
    tz: dict[str, Any] | None = None
    if thuiszitter:
        tz = {
            "category": thuiszitter["category"],
            "label": CATEGORY_LABELS.get(thuiszitter["category"], thuiszitter["category"]),
            "since": as_date(thuiszitter.get("since")),
            "days": thuiszitter.get("days"),
        }
    obligations = []
    for o in data.get("obligations", []):
        words, badge = OBLIGATION_STATUS.get(o["status"], (o["status"], "neutral"))
        obligations.append(
            _rule_line(
                o,
                due=as_date(o.get("due")),
                status=o["status"],
                status_label=words,
                badge=badge,
                missing=[str(KR3M_ELEMENTS.get(m, m)) for m in o.get("missing", [])],
            )
        )
    violations = [
        _rule_line(
            v,
            on=as_date(v.get("date")),
            recorded_reason=v.get("recorded_reason", ""),
            event_id=v.get("event_id"),
        )
        for v in data.get("violations", [])
    ]
    return AssessmentView(
        as_of=date.fromisoformat(data["as_of"]),
        leerplicht_status=leerplicht.get("status", ""),
        leerplicht_label=str(
            LEERPLICHT_LABELS.get(leerplicht.get("status", ""), leerplicht.get("status", ""))
        ),
        leerplicht_start=as_date(leerplicht.get("start")),
        leerplicht_end=as_date(leerplicht.get("end")),
        thuiszitter=tz,
        verborgen=[
            {"reason": VERBORGEN_LABELS.get(v["reason"], v["reason"]), "since": as_date(v.get("since"))}
            for v in data.get("verborgen", [])
        ],
        obligations=obligations,
        violations=violations,
    )
