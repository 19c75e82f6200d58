"""The onderwijstijd section of the child's whole file (`kring.privacy.dossier`): every reduced
timetable the school recorded, with the reason, the request to the inspectorate and its consent."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kring.children.models import Child
from kring.privacy.dossier import Part, Section, dossier_section, iso, name_of

from .models import ReducedTimetable

LABELS = {
    "school": _("School"),
    "hours_per_week": _("Uren onderwijs per week"),
    "normal_hours_per_week": _("Normale uren per week"),
    "starts_on": _("Vanaf"),
    "ends_on": _("Tot en met"),
    "ground_label": _("Reden volgens de wet"),
    "reason": _("Waarom"),
    "requested_on": _("Instemming gevraagd aan de inspectie op"),
    "consent_on": _("De inspectie stemde in op"),
    "consent_until": _("De instemming geldt tot en met"),
    "end_reason": _("Waarom gestopt"),
    "recorded_by": _("Vastgelegd door"),
}


def _hours(value: object) -> str:
    return str(value).replace(".", ",") if value is not None else ""


@dossier_section(models=("timetable.ReducedTimetable",))
def section(child: Child) -> Section:
    rows = (
        ReducedTimetable.objects.filter(child=child)
        .select_related("school__organisation", "recorded_by")
        .order_by("starts_on", "pk")
    )
    return Section(
        key="timetable",
        title=_("Minder uren les"),
        parts=[
            Part(
                key="reduced_timetables",
                title=_("Minder onderwijstijd"),
                intro=_(
                    "De school gaf het kind minder uren les dan de wet voorschrijft. Dat mag alleen om "
                    "lichamelijke of psychische redenen, en in het basisonderwijs en het speciaal "
                    "(basis)onderwijs alleen als de inspectie het goedvindt (WPO artikel 8 lid 10; WEC "
                    "artikel 12 lid 2)."
                ),
                data=[
                    {
                        "id": t.pk,
                        "school": t.school.organisation.name,
                        "hours_per_week": _hours(t.hours_per_week.normalize()),
                        "normal_hours_per_week": _hours(
                            t.normal_hours_per_week.normalize()
                            if t.normal_hours_per_week is not None
                            else None
                        ),
                        "starts_on": iso(t.starts_on),
                        "ends_on": iso(t.ends_on),
                        "ground": t.ground,
                        "ground_label": t.get_ground_display(),
                        "reason": t.reason,
                        "requested_on": iso(t.requested_on),
                        "consent_on": iso(t.consent_on),
                        "consent_until": iso(t.consent_until),
                        "end_reason": t.end_reason,
                        "recorded_by": name_of(t.recorded_by),
                    }
                    for t in rows
                ],
                labels=LABELS,
                empty=_("Er is geen minder onderwijstijd vastgelegd."),
            )
        ],
    )
