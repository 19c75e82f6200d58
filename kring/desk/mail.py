"""The e-mail to someone who asked through the public web form and gave an address: the reference
and the date they will hear back. It quotes nothing of the question and names nobody."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

from .models import Question

logger = logging.getLogger(__name__)

SUBJECT = gettext_lazy("Je vraag aan het steunpunt: %(reference)s")


def reference_body(question: Question) -> str:
    return gettext(
        "Hallo,\n\n"
        "Bedankt voor je vraag aan %(steunpunt)s. We hebben hem goed ontvangen.\n\n"
        "Je nummer is: %(reference)s\n"
        "Noem dit nummer als je contact met ons opneemt.\n\n"
        "Je hoort uiterlijk %(due)s van ons.\n\n"
        "In deze e-mail staat bewust niet wat je hebt gevraagd.\n"
        "Heb je deze e-mail gekregen maar niets gevraagd? Dan kun je hem weggooien.\n\n"
        "%(steunpunt)s\n"
    ) % {
        "steunpunt": question.steunpunt.name,
        "reference": question.reference,
        "due": date_format(question.answer_due, "l j F Y"),
    }


def send_reference(question: Question) -> bool:
    """Mail the reference to the address of the question; False when there is none or it failed
    (the thank-you page shows the reference anyway)."""
    if not question.contact_email:
        return False
    try:
        send_mail(
            str(SUBJECT) % {"reference": question.reference},
            reference_body(question),
            settings.DEFAULT_FROM_EMAIL,
            [question.contact_email],
        )
    except Exception:  # the question is registered; a mail server that is down must not undo that
        logger.exception("Kring: bevestiging van vraag %s niet verstuurd", question.pk)
        return False
    return True
