"""The nightly work of the cases app, called by `kring tick` (settings.KRING_TICK_JOBS).

`run_nightly(today=...)` is idempotent: a second run on the same day creates no escalation twice
(one per missed due item, also a database constraint) and moves no escalation up twice (its new
term lies after today).

1. Bring the stored assessment of the child of every open case up to date (`ChildAssessment`, the
   per-child read model of `kring/children/readmodel.py`): only the stale ones, and those without
   a row, in batches (`readmodel.stale_child_ids(among=...)`, `assess_batch`). The children job
   (`kring.children.jobs.assess_children`) runs before this one, so on a normal night nothing is
   left to do here.
2. Escalate automatically, to the first level of the child's SWV ladder, reading only the open
   cases whose stored assessment has overdue items (the indexed `overdue_count`), with their
   earlier automatic escalations in one query, so an item escalated before costs nothing:
   - KR-3M overdue, when the region has the norm on (the engine leaves KR-3M out when it is off);
   - a statutory term overdue (rule kind `statutory`, and the inspectorate's `guidance` term for
     the verzuim report LPW-21), unless the region switched `escalate_statutory` off.
3. Move escalations whose level's term passed without a decision one level up (only those).

The mail about new due items is the agenda's own job (`kring.agenda.jobs.send_notifications`).

Reads by the system itself (the nightly assessment) leave no audit line per child: they are not a
person looking at the file. Every escalation it makes does.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kring.children.jobs import AssessReport, batches, run_batches
from kring.children.models import Child, ChildAssessment
from kring.children.readmodel import Lookups, stale_child_ids
from kring.organisations.models import Samenwerkingsverband
from kring.regions.models import RegionSettings
from kring.rules import Kind, rule_for
from kring.rules.kalender import format_date_nl

from .escalation import escalate_automatically, move_escalation_up, trigger_key
from .models import OPEN_STATUSES, Case, Escalation, EscalationTrigger

logger = logging.getLogger(__name__)

ESCALATING_KINDS = frozenset({Kind.STATUTORY, Kind.GUIDANCE})

MISSING_NL = {
    "regievoerder": "een regievoerder",
    "ontwikkelperspectief": "een samen vastgesteld ontwikkelperspectief",
    "route": "een concrete route",
    "evaluatiefrequentie": "een vast evaluatieritme",
}


@dataclass
class TickReport:
    today: date
    cases_assessed: int = 0  # children of open cases this job (re)assessed (stale or without a row)
    cases_checked: int = 0  # open cases with overdue items looked at for an escalation
    escalations_created: int = 0
    escalations_moved_up: int = 0
    failures: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = (
            f"{self.cases_assessed} casussen beoordeeld, {self.cases_checked} met te late punten bekeken, "
            f"{self.escalations_created} nieuwe escalaties, "
            f"{self.escalations_moved_up} escalaties een trede hoger"
        )
        if self.failures:
            text += f", {len(self.failures)} fouten"
        return text


def _reason(obligation: dict[str, Any]) -> str:
    rule_id = obligation["rule"]
    due = date.fromisoformat(obligation["due"])
    if rule_id == "KR-3M":
        missing = [MISSING_NL.get(m, m) for m in obligation.get("missing", [])]
        lacking = ", ".join(missing) if missing else "een of meer onderdelen"
        return (
            f"De driemaandennorm is niet gehaald: de termijn liep af op {format_date_nl(due)} "
            f"en er ontbreekt nog {lacking}."
        )
    rule = rule_for(rule_id)
    title = rule.title if rule else rule_id
    source = f" ({obligation.get('source')})" if obligation.get("source") else ""
    subject = f" voor {obligation['subject']}" if obligation.get("subject") else ""
    return f"Een wettelijke termijn is verstreken{subject}: {title}{source}, uiterlijk {format_date_nl(due)}."


def _should_escalate(obligation: dict[str, Any], settings: RegionSettings | None) -> bool:
    if obligation.get("status") != "overdue" or not obligation.get("due"):
        return False
    rule_id = obligation["rule"]
    if rule_id == "KR-3M":
        return settings is None or settings.kr_3m_enabled
    rule = rule_for(rule_id)
    if rule is None or rule.kind not in ESCALATING_KINDS:
        return False
    return settings is None or settings.escalate_statutory


def escalate_from(
    case: Case,
    stored: ChildAssessment,
    *,
    today: date,
    report: TickReport,
    settings: RegionSettings | None,
    escalated: set[str] = frozenset(),  # type: ignore[assignment]
    swv: Samenwerkingsverband | None = None,
) -> None:
    """Escalate the overdue items of the stored assessment of the case's child (`escalated`: the
    trigger keys of the case's earlier automatic escalations; those are skipped)."""
    report.cases_checked += 1
    for obligation in stored.data.get("obligations", []):
        if not _should_escalate(obligation, settings):
            continue
        if trigger_key(obligation["rule"], obligation.get("subject"), obligation["due"]) in escalated:
            continue
        created = escalate_automatically(
            case=case,
            rule_id=obligation["rule"],
            subject=obligation.get("subject"),
            due=obligation["due"],
            reason=_reason(obligation),
            on=today,
            swv=swv,
        )
        if created is not None:
            report.escalations_created += 1


def run_nightly(*, today: date, workers: int = 1) -> TickReport:
    report = TickReport(today=today)
    lookups = Lookups.for_day(today)
    open_children = Child.objects.filter(cases__status__in=OPEN_STATUSES)
    stale = stale_child_ids(today=today, lookups=lookups, among=open_children)
    assessed = AssessReport(today=today)
    run_batches(list(batches(stale)), lookups=lookups, workers=workers, report=assessed)
    report.cases_assessed = assessed.children_assessed
    report.failures += assessed.failures

    overdue = Case.objects.filter(status__in=OPEN_STATUSES, child__assessment__overdue_count__gt=0)
    escalated: dict[int, set[str]] = {}
    for case_id, key in Escalation.objects.filter(
        case__in=overdue, trigger=EscalationTrigger.AUTOMATISCH
    ).values_list("case_id", "trigger_key"):
        escalated.setdefault(case_id, set()).add(key)
    region: dict[int | None, RegionSettings | None] = {}
    swvs: dict[int | None, Samenwerkingsverband | None] = {None: None}
    for case in overdue.select_related("child__assessment").order_by("pk").iterator(chunk_size=2000):
        try:
            stored = case.child.assessment
            if stored.swv_id not in region:
                region[stored.swv_id] = RegionSettings.objects.filter(swv_id=stored.swv_id).first()
                swvs[stored.swv_id] = Samenwerkingsverband.objects.filter(pk=stored.swv_id).first()
            escalate_from(
                case,
                stored,
                today=today,
                report=report,
                settings=region[stored.swv_id],
                escalated=escalated.get(case.pk, set()),
                swv=swvs.get(stored.swv_id),
            )
        except Exception as exc:  # one broken case must not stop the night for everyone else
            logger.exception("Kring: casus %s niet beoordeeld", case.pk)
            report.failures.append(f"casus {case.pk}: {type(exc).__name__}")
    moving = Escalation.objects.filter(
        resolved_on__isnull=True, level__isnull=False, due_on__lt=today, case__status__in=OPEN_STATUSES
    ).select_related("level", "case__child")
    for escalation in moving:
        if move_escalation_up(escalation=escalation, on=today) is not None:
            report.escalations_moved_up += 1
    return report
