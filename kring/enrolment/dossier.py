"""The enrolment app's section of the child's whole file (`kring.privacy.dossier`): every
aanmelding of the child, with its receipt, the extension, the school's investigation (each step),
its conclusion, the decision and the parents' response. Everything the school wrote is in it."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from kring.children.models import Child
from kring.privacy.dossier import Part, Section, dossier_section, iso, name_of

from .models import Aanmelding, ZorgplichtStep

LABELS = {
    "reference": _("Nummer"),
    "school": _("School"),
    "channel_label": _("Hoe binnengekomen"),
    "received_on": _("Ontvangen op"),
    "receipt_on": _("Ontvangstbevestiging gemaakt op"),
    "support_question": _("Ondersteuningsvraag"),
    "support_description": _("Wat de ouders over de ondersteuning vertelden"),
    "parent_name": _("Naam van de ouder"),
    "parent_email": _("E-mailadres van de ouder"),
    "parent_phone": _("Telefoon van de ouder"),
    "extended_on": _("Beslistermijn verlengd op"),
    "extension_reason": _("Waarom de school meer tijd nodig had"),
    "steps": _("Stappen in het onderzoek"),
    "kind_label": _("Soort stap"),
    "on": _("Datum"),
    "description": _("Wat er is gedaan en wat eruit kwam"),
    "recorded_by": _("Vastgelegd door"),
    "support_needed": _("Wat het kind nodig heeft"),
    "conclusion_label": _("Conclusie van de school"),
    "conclusion_substantiation": _("Onderbouwing"),
    "concluded_on": _("Conclusie op"),
    "outcome_label": _("Besluit"),
    "decided_on": _("Besloten op"),
    "refusal_ground_label": _("Grond voor afwijzen"),
    "decision_reasons": _("Uitleg van het besluit"),
    "other_school": _("Andere school met een plaats"),
    "other_school_confirmed_on": _("Plaats bevestigd op"),
    "other_school_confirmed_by": _("Plaats bevestigd door"),
    "response_label": _("Reactie van de ouders"),
    "response_on": _("Reactie op"),
    "response_note": _("Toelichting bij de reactie"),
    "registered_by": _("Vastgelegd door"),
}


def _step(s: ZorgplichtStep) -> dict[str, Any]:
    return {
        "kind": s.kind,
        "kind_label": s.get_kind_display(),
        "on": iso(s.on),
        "description": s.description,
        "recorded_by": name_of(s.recorded_by),
    }


def _aanmelding(a: Aanmelding) -> dict[str, Any]:
    return {
        "id": a.pk,
        "reference": a.reference,
        "school": a.school.organisation.name,
        "channel": a.channel,
        "channel_label": a.get_channel_display(),
        "received_on": iso(a.received_on),
        "receipt_on": iso(a.receipt_on),
        "support_question": a.support_question,
        "support_description": a.support_description,
        "parent_name": a.parent_name,
        "parent_email": a.parent_email,
        "parent_phone": a.parent_phone,
        "extended_on": iso(a.extended_on),
        "extension_reason": a.extension_reason,
        "steps": [_step(s) for s in a.steps.all()],
        "support_needed": a.support_needed,
        "conclusion": a.conclusion,
        "conclusion_label": a.get_conclusion_display() if a.conclusion else "",
        "conclusion_substantiation": a.conclusion_substantiation,
        "concluded_on": iso(a.concluded_on),
        "outcome": a.outcome,
        "outcome_label": a.get_outcome_display() if a.outcome else "",
        "decided_on": iso(a.decided_on),
        "refusal_ground": a.refusal_ground,
        "refusal_ground_label": a.get_refusal_ground_display() if a.refusal_ground else "",
        "decision_reasons": a.decision_reasons,
        "other_school": a.other_school.organisation.name if a.other_school else None,
        "other_school_confirmed_on": iso(a.other_school_confirmed_on),
        "other_school_confirmed_by": a.other_school_confirmed_by,
        "response": a.response,
        "response_label": a.get_response_display() if a.response else "",
        "response_on": iso(a.response_on),
        "response_note": a.response_note,
        "registered_by": name_of(a.registered_by),
    }


@dossier_section(models=("enrolment.Aanmelding", "enrolment.ZorgplichtStep"))
def section(child: Child) -> Section:
    rows = (
        Aanmelding.objects.filter(child=child)
        .select_related("school__organisation", "other_school__organisation", "registered_by")
        .prefetch_related(Prefetch("steps", ZorgplichtStep.objects.select_related("recorded_by")))
        .order_by("received_on", "pk")
    )
    return Section(
        key="enrolment",
        title=_("Aanmeldingen bij scholen"),
        parts=[
            Part(
                key="aanmeldingen",
                title=_("Aanmeldingen en de zorgplicht"),
                intro=_(
                    "Elke schriftelijke aanmelding bij een school, met de ontvangstbevestiging, het "
                    "onderzoek "
                    "van de school naar wat het kind nodig heeft, het besluit en de reactie van de ouders."
                ),
                data=[_aanmelding(a) for a in rows],
                labels=LABELS,
                empty=_("Er zijn geen aanmeldingen bij een school vastgelegd."),
                tables=frozenset({"steps"}),
                item_title=lambda item: f"{item['reference']} · {item['school']}",
            )
        ],
    )
