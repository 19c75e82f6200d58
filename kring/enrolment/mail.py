"""The receipt by e-mail (Django mail, as the invitations): the receipt's text and the PDF
attached. It names the child and the school, never the BSN."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _

from .documents import receipt_sections, receipt_title
from .models import Aanmelding
from .terms import Terms

logger = logging.getLogger(__name__)


def receipt_address(a: Aanmelding) -> str:
    """Where the receipt goes: the address the parents gave, else the first representative's."""
    if a.parent_email:
        return a.parent_email
    if a.child is not None:
        rep = a.child.representatives.exclude(email="").order_by("pk").first()
        if rep is not None:
            return str(rep.email)
    return ""


def receipt_body(a: Aanmelding, terms: Terms) -> str:
    parts = [_("Hallo,")]
    for heading, text in receipt_sections(a, terms):
        parts.append(f"{heading}\n{text}")
    parts.append(_("De ontvangstbevestiging staat ook in de bijlage (PDF)."))
    parts.append(_("Met vriendelijke groet,\n%(school)s, via Kring") % {"school": a.school.organisation.name})
    return "\n\n".join(parts) + "\n"


def send_receipt(a: Aanmelding, terms: Terms, pdf: bytes, address: str) -> bool:
    """Mail the receipt; False when the mail server refused (the receipt exists anyway)."""
    with translation.override(settings.LANGUAGE_CODE):
        message = EmailMessage(
            subject=receipt_title(a),
            body=receipt_body(a, terms),
            from_email=None,
            to=[address],
        )
        message.attach(f"ontvangstbevestiging-{a.reference}.pdf", pdf, "application/pdf")
    try:
        message.send()
    except Exception:  # the aanmelding is recorded; a mail server that is down must not undo that
        logger.exception("Kring: ontvangstbevestiging van aanmelding %s niet gemaild", a.pk)
        return False
    return True
