"""Reading the logbook: the family's access log of one child (page, CSV and API read it here).

Who may read a child's log is decided by the access policy (`policy.require_access_log`), before
these functions run. The lines are the audit events with that child's id, newest first, read through
the index `audit_child_log` (child_id, created_at, id): one page costs the same at ten lines as at
ten million. Each line says who (name, role and organisation as they were at the time), when, what
(the sentence `kring.privacy.rendering` builds from the event's code and data: never a BSN, never
text people typed) and for which purpose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import rendering
from .models import AuditAction, AuditEvent, BreakGlassAccess
from .purposes import Purpose

__all__ = [
    "PAGE_SIZE",
    "READ_ACTIONS",
    "LogFilters",
    "LogLine",
    "log_events",
    "log_lines",
    "log_organisations",
    "log_page",
]

PAGE_SIZE = 50
EMERGENCY_OPENED = "emergency.opened"

# What counts as looking at the file (the filter "alleen wijzigingen" leaves these out).
READ_ACTIONS = (AuditAction.VIEW, AuditAction.EXPORT)

# The first half of a line's sentence, per kind of act.
_DONE: dict[str, Promise] = {
    AuditAction.VIEW: gettext_lazy("Op %(day)s om %(time)s heeft %(who)s gegevens bekeken."),
    AuditAction.EXPORT: gettext_lazy(
        "Op %(day)s om %(time)s heeft %(who)s gegevens meegenomen in een export."
    ),
    AuditAction.CREATE: gettext_lazy("Op %(day)s om %(time)s heeft %(who)s iets toegevoegd."),
    AuditAction.UPDATE: gettext_lazy("Op %(day)s om %(time)s heeft %(who)s iets gewijzigd."),
    AuditAction.DELETE: gettext_lazy("Op %(day)s om %(time)s heeft %(who)s iets verwijderd."),
    AuditAction.SHARE: gettext_lazy("Op %(day)s om %(time)s heeft %(who)s gegevens gedeeld."),
    AuditAction.IMPORT: gettext_lazy("Op %(day)s om %(time)s heeft %(who)s gegevens ingelezen."),
    AuditAction.LOGIN: gettext_lazy("Op %(day)s om %(time)s is %(who)s ingelogd."),
    AuditAction.LOGIN_FAILED: gettext_lazy("Op %(day)s om %(time)s is inloggen als %(who)s mislukt."),
}


@dataclass(frozen=True, kw_only=True)
class LogFilters:
    """What the reader narrowed the log to. Empty: everything but the family's own views."""

    since: date | None = None
    until: date | None = None  # up to and including this day
    organisation: str = ""
    changes_only: bool = False
    family_views: bool = False  # also the lines of the family looking at their own file

    @property
    def active(self) -> bool:
        return bool(self.since or self.until or self.organisation or self.changes_only or self.family_views)


@dataclass(frozen=True, kw_only=True)
class LogLine:
    id: int
    at: datetime  # local time
    day: date
    who: str
    role: str
    organisation: str
    action: str
    is_change: bool
    what: str  # the rendered sentence of the event
    sentence: str  # who did what when, what happened and why: the whole line in words
    purpose: str
    purpose_label: str
    purpose_description: str
    by_family: bool
    break_glass: bool = False
    break_glass_reason: str = ""


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def log_events(child_id: int, filters: LogFilters | None = None) -> QuerySet[AuditEvent]:
    """The child's lines, newest first, narrowed by `filters` (ranges on created_at: the index)."""
    filters = filters or LogFilters()
    qs = AuditEvent.objects.filter(child_id=child_id)
    if filters.since:
        qs = qs.filter(created_at__gte=_start_of(filters.since))
    if filters.until:
        qs = qs.filter(created_at__lt=_start_of(filters.until + timedelta(days=1)))
    if filters.organisation:
        qs = qs.filter(actor_organisation=filters.organisation)
    if filters.changes_only:
        # Opening the file in an emergency stays: the family should never miss it.
        qs = qs.exclude(Q(action__in=READ_ACTIONS) & ~Q(code=EMERGENCY_OPENED))
    if not filters.family_views:
        qs = qs.exclude(Q(purpose=Purpose.FAMILY_ACCESS) & Q(action__in=READ_ACTIONS))
    return qs.order_by("-created_at", "-id")


def log_page(child_id: int, filters: LogFilters | None, page_number: Any) -> Page[AuditEvent]:
    """One page of the log (a count and one slice of the index: two queries)."""
    return Paginator(log_events(child_id, filters), PAGE_SIZE).get_page(page_number)


def log_organisations(child_id: int) -> list[str]:
    """The organisations that appear in the child's log (the filter's choices)."""
    names = (
        AuditEvent.objects.filter(child_id=child_id)
        .exclude(actor_organisation="")
        .order_by()
        .values_list("actor_organisation", flat=True)
        .distinct()
    )
    return sorted(set(names), key=str.casefold)


def _who(event: AuditEvent) -> str:
    role = event.actor_role[:1].lower() + event.actor_role[1:]
    details = ", ".join(part for part in (role, event.actor_organisation) if part)
    return f"{event.actor_name} ({details})" if details else event.actor_name


def _emergency_reasons(events: list[AuditEvent]) -> dict[int, tuple[int, str]]:
    """The reasons given for toegang in een noodgeval, by grant id (one query, none without such lines)."""
    ids = {
        event.data.get("break_glass_id")
        for event in events
        if event.purpose == Purpose.BREAK_GLASS and isinstance(event.data.get("break_glass_id"), int)
    }
    if not ids:
        return {}
    grants = BreakGlassAccess.objects.filter(pk__in=ids).values_list("pk", "child_id", "reason")
    return {pk: (child_id, reason) for pk, child_id, reason in grants}


def log_lines(events: Iterable[AuditEvent]) -> list[LogLine]:
    """The events as lines in words, in the active language. Lines read under toegang in een
    noodgeval carry the reason the professional gave (one query for all of them)."""
    events = list(events)
    reasons = _emergency_reasons(events)
    lines = []
    for event in events:
        grant = (
            reasons.get(event.data.get("break_glass_id")) if event.purpose == Purpose.BREAK_GLASS else None
        )
        reason = grant[1] if grant is not None and grant[0] == event.child_id else ""
        at = timezone.localtime(event.created_at)
        what = rendering.render(event)
        label, description = rendering.render_purpose(event)
        done = _DONE.get(event.action, _DONE[AuditAction.VIEW]) % {
            "day": formats.date_format(at, "j F Y"),
            "time": formats.time_format(at, "H:i"),
            "who": _who(event),
        }
        sentence = " ".join((str(done), what, _("Doel: %(purpose)s.") % {"purpose": label}))
        lines.append(
            LogLine(
                id=event.pk,
                at=at,
                day=at.date(),
                who=event.actor_name,
                role=event.actor_role,
                organisation=event.actor_organisation,
                action=event.action,
                is_change=event.action not in READ_ACTIONS,
                what=what,
                sentence=sentence,
                purpose=event.purpose,
                purpose_label=label,
                purpose_description=description,
                by_family=event.purpose == Purpose.FAMILY_ACCESS,
                break_glass=event.purpose == Purpose.BREAK_GLASS,
                break_glass_reason=reason,
            )
        )
    return lines
