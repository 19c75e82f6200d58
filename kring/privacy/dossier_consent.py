"""The consents' section of the child's whole file (`kring.privacy.dossier`): every consent and
every request for one, with its recipient, purpose, parts of the file, period and what became of it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kring.children.models import Child

from .dossier import Part, Section, dossier_section, iso
from .models import Consent

LABELS = {
    "recipient": _("Ontvanger"),
    "stated_purpose": _("Waarvoor"),
    "category_labels": _("Wat"),
    "valid_from": _("Vanaf"),
    "valid_until": _("Tot en met"),
    "status_label": _("Status"),
    "requested_by": _("Gevraagd door"),
    "requested_at": _("Gevraagd op"),
    "given_by": _("Gegeven door"),
    "given_at": _("Gegeven op"),
    "refused_at": _("Geweigerd op"),
    "revoked_by": _("Ingetrokken door"),
    "revoked_at": _("Ingetrokken op"),
}


def _name(user: object) -> str | None:
    return getattr(user, "display_name", None) if user is not None else None


@dossier_section(models=("privacy.Consent",))
def section(child: Child) -> Section:
    consents = (
        Consent.objects.filter(child=child)
        .select_related("requested_by", "given_by", "revoked_by")
        .order_by("created_at", "pk")
    )
    return Section(
        key="consents",
        title=_("Toestemming"),
        parts=[
            Part(
                key="consents",
                title=_("Toestemmingen om te delen"),
                intro=_(
                    "Met wie het gezin een deel van het dossier deelde, waarvoor en hoe lang. En de vragen "
                    "om toestemming, met het antwoord."
                ),
                data=[
                    {
                        "id": consent.pk,
                        "recipient": consent.recipient_name,
                        "recipient_user_id": consent.recipient_user_id,
                        "recipient_organisation_id": consent.recipient_organisation_id,
                        "stated_purpose": consent.stated_purpose,
                        "categories": consent.categories,
                        "category_labels": ", ".join(consent.category_labels()),
                        "valid_from": iso(consent.valid_from),
                        "valid_until": iso(consent.valid_until),
                        "status": consent.status,
                        "status_label": consent.get_status_display(),
                        "requested_by": _name(consent.requested_by),
                        "requested_at": iso(consent.requested_at),
                        "given_by": _name(consent.given_by),
                        "given_at": iso(consent.given_at),
                        "refused_at": iso(consent.refused_at),
                        "revoked_by": _name(consent.revoked_by),
                        "revoked_at": iso(consent.revoked_at),
                    }
                    for consent in consents
                ],
                labels=LABELS,
                empty=_("Er is geen toestemming gegeven of gevraagd."),
            )
        ],
    )
