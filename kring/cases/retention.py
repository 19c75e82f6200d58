"""The retention of the case file (issue 11, item 8): a closed case is kept for the term its region
chose (`RegionSettings.case_retention_years`, default 2 years; `kring.regions.services`) after the
day it was closed, and then removed by `kring tick` (`remove_expired_cases`, in KRING_TICK_JOBS).

- **What goes**: the case and everything that is part of it: the phases, the circle, the
  regievoerders, the meetings, the agreements, the plan and its needs, the routes, the escalations
  and their decisions, the zienswijzen on those parts and the steunpunt's consented link to it.
- **What stays**: the child, its timeline (its own retention terms come from the rules engine,
  PRV-04/PRV-06), and the logbook: the line `case.file_removed` (counts only) is in the family's
  access log as long as the child is in Kring.
- **Never while a case is open**: a child with an open case keeps every case, whatever its age; the
  first night after that case is closed (and its own term), the old ones go.
- **The region** is the child's samenwerkingsverband today (`regions.norms.swv_for_child`).
- **Until**: the last day the file is kept is the closing day plus the term (calendar years;
  29 February counts as 28 February); it is removed on the next night after that day.

One transaction per child (the child's row locked, the open-case check repeated inside it), so a
run that stops halfway leaves each child's files either whole or removed. Idempotent: a second run
on the same day finds nothing more.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from kring.children.models import Child
from kring.regions.models import MIN_CASE_RETENTION_YEARS
from kring.regions.norms import swv_for_child
from kring.regions.services import case_retention_years
from kring.rules.kalender import add_months

from . import audit
from .models import OPEN_STATUSES, Case, CaseStatus, EscalationDecision


@dataclass(frozen=True)
class CaseTerm:
    """How long one closed case is kept: its region's term and the last day it is kept."""

    case_id: int
    closed_on: date
    years: int
    until: date


def child_case_retention_years(child: Child, *, today: date) -> int:
    """The term of the child's region (its samenwerkingsverband today) for a closed case file."""
    return case_retention_years(swv_for_child(child, today=today))


def case_until(closed_on: date, years: int) -> date:
    return add_months(closed_on, 12 * years)


def case_terms(child: Child, *, today: date, cases: Iterable[Case] | None = None) -> list[CaseTerm]:
    """The retention term of each closed case of the child (of `cases` when given: the family's page
    passes the cases it shows)."""
    source = child.cases.all() if cases is None else cases
    closed = sorted(
        (c for c in source if c.status == CaseStatus.AFGESLOTEN), key=lambda c: (c.closed_on or today, c.pk)
    )
    if not closed:
        return []
    years = child_case_retention_years(child, today=today)
    return [
        CaseTerm(case_id=c.pk, closed_on=c.closed_on, years=years, until=case_until(c.closed_on, years))
        for c in closed
        if c.closed_on is not None
    ]


@dataclass
class CaseRetentionReport:
    today: date
    cases: int = 0
    children: int = 0
    kept_open: int = 0  # children with an old closed case, all kept because a case is open

    def __str__(self) -> str:
        text = f"{self.cases} afgesloten casussen verwijderd ({self.children} kinderen)"
        if self.kept_open:
            text += f"; bij {self.kept_open} kinderen alles bewaard omdat er een casus open is"
        return text


def _counts(case: Case) -> dict[str, int]:
    return {
        "meetings": case.meetings.count(),
        "agreements": case.agreements.count(),
        "escalations": case.escalations.count(),
        "zienswijzen": case.zienswijzen.count(),
    }


def _delete_case(case: Case) -> None:
    """Everything of the case, in the order its protected references need (a decision's follow-up
    agreement, the agreements' and regievoerders' circle members)."""
    case.desk_links.all().delete()  # the consented link names this case; it cannot outlive it
    case.zienswijzen.all().delete()
    EscalationDecision.objects.filter(escalation__case=case).delete()
    case.escalations.all().delete()
    case.agreements.all().delete()
    case.regievoerders.all().delete()
    case.delete()


def _remove_for(child_id: int, *, today: date) -> int:
    """Remove the expired closed cases of one child in one transaction; the number removed."""
    with transaction.atomic():
        child = Child.objects.select_for_update().filter(pk=child_id).first()
        if child is None or child.cases.filter(status__in=OPEN_STATUSES).exists():
            return 0
        removed = 0
        for term in case_terms(child, today=today):
            if term.until >= today:
                continue
            case = Case.objects.select_for_update().get(pk=term.case_id)
            counts = _counts(case)
            audit.case_file_removed(case=case, years=term.years, until=term.until.isoformat(), counts=counts)
            _delete_case(case)
            removed += 1
        return removed


def remove_expired_cases(*, today: date) -> CaseRetentionReport:
    report = CaseRetentionReport(today=today)
    # A prefilter: a case can have expired only when closed at least the shortest term a region can
    # choose ago; each child's own region decides in `_remove_for`.
    candidates = (
        Case.objects.filter(
            status=CaseStatus.AFGESLOTEN, closed_on__lte=add_months(today, -12 * MIN_CASE_RETENTION_YEARS)
        )
        .values_list("child_id", flat=True)
        .distinct()
        .order_by("child_id")
    )
    open_children = set(Case.objects.filter(status__in=OPEN_STATUSES).values_list("child_id", flat=True))
    for child_id in list(candidates):
        if child_id in open_children:
            report.kept_open += 1
            continue
        removed = _remove_for(child_id, today=today)
        if removed:
            report.cases += removed
            report.children += 1
    return report
