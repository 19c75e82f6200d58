"""The desk's section of the child's whole file (`kring.privacy.dossier`): the links between a
steunpunt's question and the child's case that a parent consented to, with the consent and, when
it was taken back, the day. The question itself is the steunpunt's, not the file's (see the ADR
"The desk is not the child's file"): the family asks the steunpunt for it."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kring.children.models import Child
from kring.privacy.dossier import Part, Section, dossier_section, iso

from .models import QuestionLink

LABELS = {
    "kind_label": _("Soort koppeling"),
    "steunpunt": _("Steunpunt"),
    "case_id": _("Casus"),
    "child_name": _("Naam van het kind"),
    "child_birth_date": _("Geboortedatum van het kind"),
    "school_name": _("School"),
    "situation": _("De situatie, kort"),
    "consent_on": _("Toestemming gegeven op"),
    "consent_by": _("Toestemming gegeven door"),
    "consent_how_label": _("Hoe"),
    "consent_scope": _("Waarvoor"),
    "revoked_on": _("Toestemming ingetrokken op"),
    "handled_on": _("Verzoek behandeld op"),
}


@dossier_section(models=("desk.QuestionLink",))
def section(child: Child) -> Section:
    links = (
        QuestionLink.objects.filter(Q(case__child=child) | Q(handled_case__child=child))
        .select_related("question__steunpunt")
        .order_by("consent_on", "pk")
    )
    return Section(
        key="desk",
        title=_("Het ouder- en jeugdsteunpunt"),
        parts=[
            Part(
                key="links",
                title=_("Koppelingen met het steunpunt"),
                intro=_(
                    "Had je een vraag bij het steunpunt en gaf je toestemming om die te koppelen aan de "
                    "casus? Dan staat dat hier. Je vraag zelf bewaart het steunpunt. Die vraag je daar op."
                ),
                data=[
                    {
                        "id": link.pk,
                        "kind": link.kind,
                        "kind_label": link.get_kind_display(),
                        "steunpunt": link.question.steunpunt.name,
                        "case_id": link.case_id or link.handled_case_id,
                        "child_name": link.child_name,
                        "child_birth_date": iso(link.child_birth_date),
                        "school_name": link.school_name,
                        "situation": link.situation,
                        "consent_on": iso(link.consent_on),
                        "consent_by": link.consent_by,
                        "consent_how": link.consent_how,
                        "consent_how_label": link.get_consent_how_display(),
                        "consent_scope": link.consent_scope,
                        "revoked_on": iso(link.revoked_on),
                        "handled_on": iso(link.handled_on),
                    }
                    for link in links
                ],
                labels=LABELS,
                empty=_("Er is geen vraag van het steunpunt aan de casus gekoppeld."),
            )
        ],
    )
