"""Every read of the afwijking van de onderwijstijd. Each starts from the access policy
(`policy.visible_reduced_timetables`); the pages write the audit lines (`audit.listed`, `viewed`).

Whether the inspectorate's consent is missing and whether the child is a verborgen thuiszitter is
not decided here: it is the rules engine's answer (OT-02, TZ-06) in the per-child read model
(`ChildAssessment`, `kring.children.readmodel`), read for all rows at once (the stored rows come
with the timetables in one query; only a stale one is computed again).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from kring.access import policy
from kring.children.agenda import obligation_explanation
from kring.children.models import Child
from kring.children.readmodel import current_assessments
from kring.rules import rule_for

from .models import ReducedTimetable

if TYPE_CHECKING:
    from kring.accounts.models import User

__all__ = [
    "ConsentStatus",
    "Filters",
    "TimetableRow",
    "child_rows",
    "list_rows",
    "rows_for",
]

OT02 = "OT-02"
TZ06 = "TZ-06"
LONG_DAYS = 28  # TZ-06's parameter: longer than 4 weeks
MISSING = frozenset({"open", "overdue"})
GEDEELTELIJK = "gedeeltelijk_programma"


@dataclass(frozen=True)
class ConsentStatus:
    """The inspectorate's consent for one reduced timetable, as the engine judged it (OT-02).

    `state`: "missing" (the obligation is open or overdue), "met", "met_late", "upcoming" (the
    reduced timetable has not started yet), "none" (the engine gives no obligation: e.g. vo, or a
    child not leerplichtig), or "off_timeline" (its fact was removed from the child's timeline, so
    the engine cannot judge it)."""

    state: str
    rule: str = OT02
    source: str = ""
    explanation: str = ""
    due: date | None = None

    @property
    def missing(self) -> bool:
        return self.state == "missing"

    @property
    def met(self) -> bool:
        return self.state in ("met", "met_late")


@dataclass(frozen=True)
class TimetableRow:
    timetable: ReducedTimetable
    consent: ConsentStatus
    verborgen: bool  # TZ-06: a verborgen thuiszitter with a partial programme (the engine)
    verborgen_days: int | None  # days since the engine's `since` (calendar days)
    verborgen_since: date | None
    days: int  # calendar days with fewer hours up to today (or its end)
    running: bool  # started and not ended on today

    @property
    def child(self) -> Child:
        return self.timetable.child

    @property
    def long(self) -> bool:
        return self.verborgen or self.days > LONG_DAYS


@dataclass(frozen=True)
class Filters:
    school_id: int | None = None
    without_consent: bool = False
    longer_than_28_days: bool = False
    query: str = ""

    @property
    def active(self) -> bool:
        return bool(self.school_id or self.without_consent or self.longer_than_28_days or self.query)


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def ot02_source() -> str:
    rule = rule_for(OT02)
    return rule.source if rule is not None else ""


def tz06_source() -> str:
    rule = rule_for(TZ06)
    return rule.source if rule is not None else ""


def _consent(timetable: ReducedTimetable, data: dict[str, Any], *, today: date) -> ConsentStatus:
    if timetable.event_id is None:  # removed from the timeline by hand: the engine does not see it
        return ConsentStatus(state="off_timeline", source=ot02_source())
    school = timetable.school.organisation.name
    last = timetable.ends_on if timetable.ends_on is not None and timetable.ends_on < today else today
    for obligation in data.get("obligations", []):
        if obligation.get("rule") != OT02 or obligation.get("subject") != school:
            continue
        due = _day(obligation.get("due"))
        if due is None or due < timetable.starts_on or due > last:
            continue
        status = str(obligation.get("status", ""))
        state = "missing" if status in MISSING else status
        return ConsentStatus(
            state=state,
            source=str(obligation.get("source", "")),
            explanation=obligation_explanation(obligation),
            due=due,
        )
    if timetable.starts_on > today:
        return ConsentStatus(state="upcoming", source=ot02_source(), due=timetable.starts_on)
    return ConsentStatus(state="none", source=ot02_source())


def _hidden_days(hidden: dict[str, Any] | None, *, today: date) -> int | None:
    """The engine's count of days when it gives one, else the calendar days since it began."""
    if hidden is None:
        return None
    if hidden.get("days") is not None:
        return int(hidden["days"])
    since = _day(hidden.get("since"))
    return (today - since).days + 1 if since is not None else None


def _row(timetable: ReducedTimetable, data: dict[str, Any], *, today: date) -> TimetableRow:
    running = timetable.starts_on <= today and (timetable.ends_on is None or timetable.ends_on >= today)
    hidden = None
    if running:
        hidden = next((v for v in data.get("verborgen", []) if v.get("reason") == GEDEELTELIJK), None)
    last = timetable.ends_on if timetable.ends_on is not None and timetable.ends_on < today else today
    return TimetableRow(
        timetable=timetable,
        consent=_consent(timetable, data, today=today),
        verborgen=hidden is not None,
        verborgen_days=_hidden_days(hidden, today=today),
        verborgen_since=_day(hidden.get("since")) if hidden is not None else None,
        days=max(0, (last - timetable.starts_on).days + 1) if timetable.starts_on <= today else 0,
        running=running,
    )


def rows_for(timetables: list[ReducedTimetable], *, today: date) -> list[TimetableRow]:
    """The rows of these timetables with the engine's answers (the read model, all children at once)."""
    children = list({t.child_id: t.child for t in timetables}.values())
    stored = current_assessments(children, today=today) if children else {}
    return [_row(t, stored[t.child_id].data or {}, today=today) for t in timetables]


def _current(qs: QuerySet[ReducedTimetable], today: date) -> QuerySet[ReducedTimetable]:
    return qs.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))


def list_rows(user: User, filters: Filters, *, today: date) -> list[TimetableRow]:
    """The visible children with a reduced timetable that runs today or starts later, the longest
    running first, filtered. One query for the timetables with their children, schools and stored
    assessments, whatever the number of rows."""
    qs = _current(policy.visible_reduced_timetables(user), today)
    if filters.school_id:
        qs = qs.filter(school_id=filters.school_id)
    for word in filters.query.split():
        qs = qs.filter(Q(child__first_name__icontains=word) | Q(child__last_name__icontains=word))
    timetables = list(
        qs.select_related("child", "child__assessment", "school__organisation").order_by(
            "starts_on", "child__last_name", "pk"
        )
    )
    rows = rows_for(timetables, today=today)
    if filters.without_consent:
        rows = [r for r in rows if r.consent.missing]
    if filters.longer_than_28_days:
        rows = [r for r in rows if r.long]
    return rows


def list_schools(user: User, *, today: date) -> QuerySet[Any]:
    """The schools of the visible current reduced timetables (the school filter's choices)."""
    from kring.organisations.models import SchoolLocation

    ids = _current(policy.visible_reduced_timetables(user), today).values("school_id")
    return (
        SchoolLocation.objects.filter(pk__in=ids)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def child_rows(user: User, child: Child, *, today: date) -> list[TimetableRow]:
    """Every reduced timetable of `child` that `user` may read, the newest first."""
    timetables = list(
        policy.visible_reduced_timetables(user)
        .filter(child=child)
        .select_related("child", "child__assessment", "school__organisation")
        .order_by("-starts_on", "-pk")
    )
    return rows_for(timetables, today=today)
