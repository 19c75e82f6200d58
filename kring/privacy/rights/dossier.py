"""The rights requests' section of the child's whole file (`kring.privacy.dossier`): every request
for access or correction, with the family's words, what the part said, and the organisation's
answer (the corrected text beside the original). The term (AVG-12) is in the assessment's part."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kring.children.models import Child
from kring.privacy.dossier import Part, Section, dossier_section, iso

from .models import RightsRequest

LABELS = {
    "kind_label": _("Soort verzoek"),
    "organisation": _("Aan"),
    "received_on": _("Ontvangen op"),
    "requester_name": _("Gevraagd door"),
    "part_label": _("Over"),
    "original_text": _("Wat er stond"),
    "incorrect": _("Wat klopt er niet"),
    "proposal": _("Wat er zou moeten staan"),
    "question": _("Wat het gezin wilde inzien"),
    "extended_on": _("Termijn verlengd op"),
    "extension_reason": _("Waarom meer tijd"),
    "answered_on": _("Beantwoord op"),
    "outcome_label": _("Antwoord"),
    "corrected_text": _("Verbeterde tekst"),
    "answer": _("Toelichting"),
    "answered_by_name": _("Beantwoord door"),
}


@dossier_section(models=("privacy.RightsRequest",))
def section(child: Child) -> Section:
    rows = RightsRequest.objects.filter(child=child).order_by("received_on", "pk")
    return Section(
        key="rights_requests",
        title=_("Verzoeken om inzage of correctie"),
        parts=[
            Part(
                key="requests",
                title=_("Verzoeken om inzage of correctie"),
                intro=_(
                    "Vroeg je een organisatie om je gegevens te laten zien, of om iets te verbeteren? "
                    "Dan staat hier wat je vroeg en wat de organisatie antwoordde. Ook de oude tekst "
                    "blijft bewaard."
                ),
                data=[
                    {
                        "id": r.pk,
                        "kind": r.kind,
                        "kind_label": r.get_kind_display(),
                        "organisation_id": r.organisation_id,
                        "organisation": r.organisation_name,
                        "received_on": iso(r.received_on),
                        "requester_name": r.requester_name,
                        "requester_role": r.requester_role,
                        "part": r.part or None,
                        "part_id": r.part_pk,
                        "part_label": r.part_label,
                        "original_text": r.original_text,
                        "incorrect": r.incorrect,
                        "proposal": r.proposal,
                        "question": r.question,
                        "extended_on": iso(r.extended_on),
                        "extension_reason": r.extension_reason,
                        "answered_on": iso(r.answered_on),
                        "outcome": r.outcome or None,
                        "outcome_label": r.get_outcome_display() if r.outcome else "",
                        "corrected_text": r.corrected_text,
                        "answer": r.answer,
                        "answered_by_name": r.answered_by_name,
                    }
                    for r in rows
                ],
                labels=LABELS,
                empty=_("Er zijn geen verzoeken om inzage of correctie gedaan."),
            )
        ],
    )
