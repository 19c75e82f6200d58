"""The logbook's section of the child's whole file (`kring.privacy.dossier`): every audit event
about the child, as the sentence the family's access log shows (rendered from the code and data)
and with its structured fields: when, who (name, role, organisation, as written at the time), what
kind of handling, for which purpose."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kring.children.models import Child

from .dossier import Part, Section, dossier_section, iso
from .models import AuditAction, AuditEvent, BreakGlassAccess
from .purposes import Purpose
from .rendering import render

LABELS = {
    "at": _("Wanneer"),
    "sentence": _("Wat er gebeurde"),
    "actor_name": _("Wie"),
    "actor_role": _("Rol"),
    "actor_organisation": _("Organisatie"),
    "purpose_label": _("Waarom (doel)"),
}


EMERGENCY_LABELS = {
    "starts_at": _("Vanaf"),
    "ends_at": _("Tot"),
    "name": _("Wie"),
    "organisation": _("Organisatie"),
    "reason": _("Reden"),
}


@dossier_section(models=("privacy.AuditEvent", "privacy.BreakGlassAccess"))
def section(child: Child) -> Section:
    actions = dict(AuditAction.choices)
    purposes = dict(Purpose.choices)
    events = AuditEvent.objects.filter(child_id=child.pk).order_by("created_at", "pk")
    grants = (
        BreakGlassAccess.objects.filter(child=child)
        .select_related("user__organisation")
        .order_by("starts_at")
    )
    return Section(
        key="audit",
        title=_("Logboek"),
        parts=[
            Part(
                key="log",
                title=_("Wie heeft wat gedaan of bekeken"),
                intro=_(
                    "Elke keer dat iemand gegevens van je kind bekijkt of verandert, schrijft Kring dat op. "
                    "Ook waarom: het doel."
                ),
                data=[
                    {
                        "id": e.pk,
                        "at": iso(e.created_at),
                        "sentence": render(e),
                        "code": e.code,
                        "action": e.action,
                        "action_label": str(actions.get(e.action, e.action)),
                        "object_type": e.object_type,
                        "object_id": e.object_id,
                        "actor_name": e.actor_name,
                        "actor_role": e.actor_role,
                        "actor_organisation": e.actor_organisation,
                        "purpose": e.purpose,
                        "purpose_label": str(purposes.get(e.purpose, e.purpose)),
                        "data": e.data,
                    }
                    for e in events
                ],
                labels=LABELS,
                empty=_("Er staat nog niets in het logboek."),
                table=True,
                table_widths={"at": 1.2, "sentence": 3.2, "actor_role": 1.2, "purpose_label": 1.2},
            ),
            Part(
                key="emergency_access",
                title=_("Toegang in een noodgeval"),
                intro=_(
                    "Iemand die niet in de kring zat, opende het dossier in een noodgeval. Die persoon kon "
                    "het korte tijd lezen, niet veranderen, en gaf deze reden op."
                ),
                data=[
                    {
                        "id": g.pk,
                        "starts_at": iso(g.starts_at),
                        "ends_at": iso(g.ends_at),
                        "name": g.user.display_name,
                        "role": g.user.role,
                        "organisation": g.user.organisation.name if g.user.organisation else "",
                        "reason": g.reason,
                    }
                    for g in grants
                ],
                labels=EMERGENCY_LABELS,
                empty=_("Niemand heeft het dossier geopend in een noodgeval."),
                table=True,
                table_widths={"reason": 3.0},
            ),
        ],
    )
