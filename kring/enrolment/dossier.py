"""The enrolment app's section of the child's whole file (`kring.privacy.dossier`): every
aanmelding of the child, with its receipt, the extension, the school's investigation (each step),
its conclusion, the decision and the parents' response; and every suspension and removal, with
the reasons the school gave. Everything the school wrote is in it."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from kring.children.models import Child
from kring.privacy.dossier import Part, Section, dossier_section, iso, name_of

from .models import Aanmelding, Removal, Suspension, ZorgplichtStep

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


SUSPENSION_LABELS = {
    "school": _("School"),
    "date_from": _("Geschorst vanaf"),
    "date_to": _("Geschorst tot en met"),
    "reason": _("Reden"),
    "parents_heard_on": _("Ouders gehoord op"),
    "parents_heard_how_label": _("Hoe de ouders zijn gehoord"),
    "inspectorate_reported_on": _("Gemeld aan de inspectie op"),
    "recorded_by": _("Vastgelegd door"),
}
REMOVAL_LABELS = {
    "school": _("School"),
    "decided_on": _("Besloten op"),
    "effective_on": _("Gaat in op"),
    "reason": _("Reden"),
    "parents_heard_on": _("Ouders gehoord op"),
    "willing_school": _("School die het kind wil toelaten"),
    "willing_confirmed_on": _("Toelating bevestigd op"),
    "gemeente_informed_on": _("Gemeld aan de gemeente op"),
    "recorded_by": _("Vastgelegd door"),
}


def _suspension(s: Suspension) -> dict[str, Any]:
    return {
        "id": s.pk,
        "school": s.school.organisation.name,
        "date_from": iso(s.date_from),
        "date_to": iso(s.date_to),
        "reason": s.reason,
        "parents_heard_on": iso(s.parents_heard_on),
        "parents_heard_how": s.parents_heard_how,
        "parents_heard_how_label": s.get_parents_heard_how_display() if s.parents_heard_how else "",
        "inspectorate_reported_on": iso(s.inspectorate_reported_on),
        "recorded_by": name_of(s.recorded_by),
    }


def _removal(r: Removal) -> dict[str, Any]:
    return {
        "id": r.pk,
        "school": r.school.organisation.name,
        "decided_on": iso(r.decided_on),
        "effective_on": iso(r.effective_on),
        "reason": r.reason,
        "parents_heard_on": iso(r.parents_heard_on),
        "willing_school": r.willing_school_label or None,
        "willing_confirmed_on": iso(r.willing_confirmed_on),
        "gemeente_informed_on": iso(r.gemeente_informed_on),
        "recorded_by": name_of(r.recorded_by),
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


@dossier_section(
    models=("enrolment.Aanmelding", "enrolment.ZorgplichtStep", "enrolment.Suspension", "enrolment.Removal")
)
def section(child: Child) -> Section:
    rows = (
        Aanmelding.objects.filter(child=child)
        .select_related("school__organisation", "other_school__organisation", "registered_by")
        .prefetch_related(Prefetch("steps", ZorgplichtStep.objects.select_related("recorded_by")))
        .order_by("received_on", "pk")
    )
    suspensions = (
        Suspension.objects.filter(child=child)
        .select_related("school__organisation", "recorded_by")
        .order_by("date_from", "pk")
    )
    removals = (
        Removal.objects.filter(child=child)
        .select_related("school__organisation", "willing_school__organisation", "recorded_by")
        .order_by("decided_on", "pk")
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
            ),
            Part(
                key="schorsingen",
                title=_("Schorsingen"),
                intro=_(
                    "Elke schorsing door een school: de periode, de reden en de melding aan de inspectie."
                ),
                data=[_suspension(s) for s in suspensions],
                labels=SUSPENSION_LABELS,
                empty=_("Er is geen schorsing vastgelegd."),
                item_title=lambda item: f"{item['date_from']} · {item['school']}",
            ),
            Part(
                key="verwijderingen",
                title=_("Verwijderingen"),
                intro=_(
                    "Elke verwijdering door een school: het besluit, de reden, wanneer de ouders zijn "
                    "gehoord "
                    "en de school die het kind wil toelaten."
                ),
                data=[_removal(r) for r in removals],
                labels=REMOVAL_LABELS,
                empty=_("Er is geen verwijdering vastgelegd."),
                item_title=lambda item: f"{item['decided_on']} · {item['school']}",
            ),
        ],
    )
