"""Reads of the signals from attendance: the school's list (filters, search, pages), a signal's
explanation (the rule or regional setting behind it, with its source and a plain-Dutch explanation),
the regional settings of a school, and the 5-working-day term of an LPW-20 melding.

Signals are never ranked or scored: lists are ordered by date (newest first), nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from kring.access import policy
from kring.attendance.detection.presence import DALEND_BELOW_PERCENT, DALEND_WEEKS
from kring.organisations.selectors import swv_for_postcode
from kring.rules import add_working_days
from kring.rules.catalog import rule_for

from ..models import AttendanceSettings, AttendanceSignal, Reason, SignalKind

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.organisations.models import SchoolLocation

PAGE_SIZE = 25
MELDING_TERM_WORKING_DAYS = 5

# Which regional settings belong to a regional rule ("instelling:<name>"): the name is a kind of
# signal or one field of AttendanceSettings.
_SETTING_FIELDS: dict[str, tuple[str, ...]] = {
    SignalKind.VAAK_ZIEK: ("sick_reports", "sick_weeks", "sick_consecutive_days"),
    SignalKind.LANG_ZIEK: ("sick_consecutive_days",),
    SignalKind.GEDEELTELIJK: ("partial_share_percent", "partial_weeks"),
    SignalKind.DALEND: (),  # a fixed rule of Kring (detection.presence), no regional setting
}


def _setting_explanations() -> dict[str, str]:
    return {
        SignalKind.VAAK_ZIEK: gettext(
            "De leerling is vaak ziek gemeld: vaker dan de regio als grens heeft gekozen binnen een aantal "
            "lesweken, of langer dan een aantal schooldagen achter elkaar. Vaak ziek zijn kan een teken zijn "
            "dat er meer aan de hand is. Praat erover met de leerling en de ouders."
        ),
        SignalKind.LANG_ZIEK: gettext(
            "De leerling is lang achter elkaar ziek gemeld. Een leerling die lang ziek is, telt niet als "
            "thuiszitter, maar heeft wel recht op onderwijs. Kijk samen wat er nodig is."
        ),
        SignalKind.GEDEELTELIJK: gettext(
            "De leerling staat ingeschreven, maar was de laatste lesweken op minder schooldagen aanwezig dan "
            "de regio als grens heeft gekozen. Een dag telt als afwezig bij 3 uur of meer verzuim. Zo'n "
            "leerling is soms een verborgen thuiszitter."
        ),
        SignalKind.DALEND: gettext(
            "De leerling is de laatste %(weeks)s lesweken elke week minder op school dan de week ervoor, en "
            "was in de laatste week op minder dan %(percent)s%% van de schooldagen aanwezig. Een dag telt "
            "als afwezig bij 3 uur of meer verzuim. Kijk op tijd wat er speelt, voordat de leerling "
            "helemaal thuis blijft."
        )
        % {"weeks": DALEND_WEEKS, "percent": DALEND_BELOW_PERCENT},
    }


@dataclass(frozen=True)
class Setting:
    label: str
    value: int


@dataclass(frozen=True)
class Explanation:
    """Why a signal arose: the rule of the law or the regional setting, in plain Dutch."""

    code: str  # "LPW-20", "TZ-01", or "instelling:..."
    title: str
    source: str  # the legal source, or who set the regional setting
    text: str
    settings: list[Setting] = field(default_factory=list)
    regional: bool = False


def school_swv_settings(school: SchoolLocation) -> tuple[Any, AttendanceSettings]:
    """The samenwerkingsverband of a school (or None) and its settings; unsaved defaults without
    a row or an SWV."""
    swv = None
    if school.postcode:
        try:
            swv = swv_for_postcode(school.postcode, school.sector)
        except ValueError:
            swv = None
    found = AttendanceSettings.objects.filter(swv=swv).first() if swv is not None else None
    return swv, found if found is not None else AttendanceSettings()


def kind_of(name: str, signal: AttendanceSignal) -> str:
    """The kind of signal a regional rule "instelling:<name>" is about."""
    return name if name in _SETTING_FIELDS else signal.kind


def explain(signal: AttendanceSignal) -> Explanation:
    code = signal.rule or ""
    if code.startswith("instelling:"):
        name = code.split(":", 1)[1]
        swv, settings = school_swv_settings(signal.school)
        names = _SETTING_FIELDS.get(name) or (
            (name,) if name in {f.name for f in AttendanceSettings._meta.get_fields()} else ()
        )
        values = [
            Setting(
                label=str(getattr(AttendanceSettings._meta.get_field(n), "verbose_name", n)),
                value=getattr(settings, n),
            )
            for n in names
        ]
        if kind_of(name, signal) == SignalKind.DALEND:
            source = gettext("Een vaste regel van Kring: de regio kan deze niet anders instellen")
        elif swv is not None and settings.pk is not None:
            source = gettext("Instelling van samenwerkingsverband %(name)s") % {"name": swv.organisation.name}
        else:
            source = gettext("De standaardinstelling van Kring (de regio heeft niets anders gekozen)")
        kind = kind_of(name, signal)
        return Explanation(
            code=code,
            title=str(SignalKind(kind).label) if kind in SignalKind.values else name,
            source=source,
            text=_setting_explanations().get(kind, ""),
            settings=values,
            regional=kind != SignalKind.DALEND,
        )
    rule = rule_for(code, signal.found_on)
    if rule is None:
        return Explanation(code=code, title=signal.get_kind_display(), source="", text="")
    return Explanation(code=rule.id, title=rule.title, source=rule.source, text=rule.explanation)


@dataclass(frozen=True)
class DayRow:
    day: date
    hours: Decimal
    reason: str  # the label


def day_rows(days: list[dict[str, Any]]) -> list[DayRow]:
    """The days and hours of a signal (or melding) as table rows, by date."""
    labels = dict(Reason.choices)
    rows = []
    for d in sorted(days, key=lambda d: str(d.get("date", ""))):
        try:
            hours = Decimal(str(d.get("hours", "0")).replace(",", "."))
        except InvalidOperation:
            hours = Decimal(0)
        rows.append(
            DayRow(
                day=date.fromisoformat(str(d["date"])),
                hours=hours.normalize() if hours == hours.to_integral() else hours,
                reason=str(labels.get(d.get("reason", ""), d.get("reason", ""))),
            )
        )
    return rows


def total_hours(days: list[dict[str, Any]]) -> Decimal:
    total = sum((row.hours for row in day_rows(days)), Decimal(0))
    return total.normalize() if total == total.to_integral() else total


def melding_due(signal: AttendanceSignal) -> date:
    """LPW-21: the melding within 5 working days after the day the threshold was reached."""
    return add_working_days(signal.found_on, MELDING_TERM_WORKING_DAYS)


@dataclass(frozen=True)
class Filters:
    status: str = ""
    kind: str = ""
    school_id: int | None = None
    query: str = ""

    @property
    def active(self) -> bool:
        return bool(self.status or self.kind or self.school_id or self.query)


def signals_for(user: User, filters: Filters) -> QuerySet[AttendanceSignal]:
    rows = policy.attendance_signals(user).filter(school__in=policy.attendance_schools(user))
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.school_id:
        rows = rows.filter(school_id=filters.school_id)
    query = filters.query.strip()
    if query:
        condition = (
            Q(pupil_name__icontains=query)
            | Q(child__first_name__icontains=query)
            | Q(child__last_name__icontains=query)
        )
        for word in query.split():
            condition |= Q(child__first_name__iexact=word) | Q(child__last_name__icontains=word)
        rows = rows.filter(condition)
    return rows.select_related("school__organisation", "child", "melding").order_by("-found_on", "-pk")


def signals_page(user: User, filters: Filters, *, page_number: Any) -> Page[AttendanceSignal]:
    return Paginator(signals_for(user, filters), PAGE_SIZE).get_page(page_number)


def pupil_name(signal: AttendanceSignal) -> str:
    """Whom the signal is about: the child's name, or the name the file gave."""
    if signal.child is not None:
        return f"{signal.child.first_name} {signal.child.last_name}".strip()
    return signal.pupil_name
