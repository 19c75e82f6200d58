"""The attendance app's section of the child's whole file (`kring.privacy.dossier`): the signals
about the child that a school's attendance import found (with their days and hours and the
verzuimmelding, if any) and the absence days Kring kept for them. The pupil's keyed hash (a lookup
key, not information about the child) is left out."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kring.children.models import Child
from kring.privacy.dossier import Part, Section, dossier_section, iso, name_of, number
from kring.privacy.rendering import day

from .models import AbsenceRecord, AttendanceSignal, Reason, VerzuimMelding
from .selectors.signals import day_rows, total_hours

LABELS = {
    "school": _("School"),
    "kind_label": _("Soort signaal"),
    "rule": _("Regel"),
    "found_on": _("Gevonden op"),
    "days": _("Dagen en uren"),
    "total_hours": _("Uren in totaal"),
    "status_label": _("Stand"),
    "handled_on": _("Behandeld op"),
    "handled_by": _("Behandeld door"),
    "dismiss_reason": _("Reden van afwijzen"),
    "case_id": _("Gekoppeld aan casus"),
    "melding": _("Verzuimmelding"),
    "start": _("Eerste dag van het verzuim"),
    "end": _("Laatste dag van het verzuim"),
    "presumed_kind": _("Vermoedelijke soort verzuim"),
    "presumed_reason": _("Vermoedelijke reden"),
    "school_actions": _("Wat de school al heeft gedaan"),
    "municipal_action_wanted": _("De school wil dat de gemeente iets doet"),
    "prepared_on": _("Voorbereid op"),
    "prepared_by": _("Voorbereid door"),
    "submitted_on": _("Ingediend bij DUO op"),
    "date": _("Datum"),
    "hours": _("Uren"),
    "reason_label": _("Reden"),
}

ABSENCE_LABELS = {key: LABELS[key] for key in ("date", "hours", "reason_label", "school")}


def _days(value: Any) -> str:
    return "; ".join(f"{day(d['date'])}: {d['hours']} uur ({d['reason_label']})" for d in value or [])


def _day_list(days: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"date": iso(row.day), "hours": number(row.hours), "reason_label": row.reason}
        for row in day_rows(days)
    ]


def _melding(m: VerzuimMelding | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "start": iso(m.start),
        "end": iso(m.end),
        "presumed_kind": m.presumed_kind,
        "presumed_reason": m.presumed_reason,
        "days": _day_list(m.days),
        "school_actions": m.school_actions,
        "municipal_action_wanted": m.municipal_action_wanted,
        "prepared_on": iso(m.prepared_on),
        "prepared_by": name_of(m.prepared_by),
        "submitted_on": iso(m.submitted_on),
    }


def _signal(s: AttendanceSignal) -> dict[str, Any]:
    try:
        melding: VerzuimMelding | None = s.melding
    except VerzuimMelding.DoesNotExist:
        melding = None
    return {
        "id": s.pk,
        "school": s.school.organisation.name,
        "pupil_name": s.pupil_name,
        "pupil_birth_date": iso(s.pupil_birth_date),
        "kind": s.kind,
        "kind_label": s.get_kind_display(),
        "rule": s.rule,
        "found_on": iso(s.found_on),
        "days": _day_list(s.days),
        "total_hours": number(total_hours(s.days)),
        "status": s.status,
        "status_label": s.get_status_display(),
        "handled_on": iso(s.handled_on),
        "handled_by": name_of(s.handled_by),
        "dismiss_reason": s.dismiss_reason,
        "case_id": s.case_id,
        "melding": _melding(melding),
    }


@dossier_section(
    models=("attendance.AttendanceSignal", "attendance.VerzuimMelding", "attendance.AbsenceRecord")
)
def section(child: Child) -> Section:
    signals = (
        AttendanceSignal.objects.filter(child=child)
        .select_related("school__organisation", "handled_by", "melding__prepared_by")
        .order_by("found_on", "pk")
    )
    reasons = dict(Reason.choices)
    absences = (
        AbsenceRecord.objects.filter(child=child)
        .select_related("school__organisation")
        .order_by("date", "pk")
    )
    return Section(
        key="attendance",
        title=_("Aanwezigheid op school"),
        parts=[
            Part(
                key="signals",
                title=_("Signalen over verzuim"),
                intro=_(
                    "Kring kijkt in de aanwezigheid die de school aanlevert. Valt er iets op, dan maakt "
                    "Kring een signaal. Iemand van school bekijkt het signaal."
                ),
                data=[_signal(s) for s in signals],
                labels=LABELS,
                empty=_("Er zijn geen signalen over verzuim."),
                formats={"days": _days},
            ),
            Part(
                key="absence_days",
                title=_("Dagen dat het kind er niet was"),
                intro=_("Alleen de dagen die bij een signaal horen. Andere dagen bewaart Kring niet."),
                data=[
                    {
                        "date": iso(a.date),
                        "hours": number(a.hours),
                        "reason": a.reason,
                        "reason_label": str(reasons.get(a.reason, a.reason)),
                        "school": a.school.organisation.name,
                    }
                    for a in absences
                ],
                labels=ABSENCE_LABELS,
                empty=_("Kring bewaart geen dagen dat het kind er niet was."),
                table=True,
            ),
        ],
    )
