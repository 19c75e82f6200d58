"""Free text people type (reasons, notes, meeting notes, agreements): never a BSN in it.

A BSN belongs only in the child's BSN field, where it is encrypted. Every service that stores free
text calls `refuse_bsn_in_text` with its fields; a valid BSN (elfproef) in one of them is refused
with a message that names the field, on that field, so page and API show it where it was typed.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kring.core.errors import Refused

from .crypto import contains_bsn

__all__ = ["FIELD_LABELS", "refuse_bsn_in_text"]

# How the free-text fields are called in the message (the field name itself when not listed).
FIELD_LABELS: Mapping[str, str] = {
    "note": gettext_noop("de toelichting"),
    "notes": gettext_noop("het verslag"),
    "reason": gettext_noop("de reden"),
    "violation_reason": gettext_noop("de reden van de overtreding"),
    "signal_description": gettext_noop("de beschrijving van het signaal"),
    "text": gettext_noop("de tekst van de afspraak"),
    "goals": gettext_noop("de doelen"),
    "decision": gettext_noop("het besluit"),
    "child_voice": gettext_noop("wat het kind zegt"),
    "parents_absent_reason": gettext_noop("de reden dat de ouders er niet bij waren"),
    "child_absent_reason": gettext_noop("de reden dat het kind er niet bij was"),
    "other_attendees": gettext_noop("de andere aanwezigen"),
    "needed_summary": gettext_noop("wat nodig is"),
    "offered_summary": gettext_noop("wat is aangeboden"),
    "description": gettext_noop("de beschrijving"),
    "name": gettext_noop("de naam"),
    "needs": gettext_noop("wat het kind nodig heeft"),
    "provider": gettext_noop("de aanbieder"),
    "contact_route": gettext_noop("de contactroute"),
}


def refuse_bsn_in_text(**fields: object) -> None:
    """Raise one `Refused`, per field, for every given text that contains a valid BSN."""
    errors: dict[str | None, list[str]] = {}
    for field, value in fields.items():
        if isinstance(value, str) and contains_bsn(value):
            label = _(FIELD_LABELS[field]) if field in FIELD_LABELS else field
            errors[field] = [
                _(
                    "Er staat een BSN in %(veld)s. Haal het nummer weg: een BSN hoort alleen in het "
                    "BSN-veld van het kind, waar Kring het versleuteld bewaart."
                )
                % {"veld": label}
            ]
    if errors:
        raise Refused.many(errors, code="bsn_in_text")
