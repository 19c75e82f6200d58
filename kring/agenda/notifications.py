"""E-mail notifications: "there is something due in Kring", without any personal details.

A person gets one mail on a night when their agenda holds a due item they were not told about yet;
each item is remembered in `SentNotification` (person + item key), so it is never mailed twice.
The mail names no child, school or term: only that there is something, and the link to Kring.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from kring.accounts.roles import FAMILY_ROLES

from .models import SentNotification
from .selectors import agenda_for_user

if TYPE_CHECKING:
    from collections.abc import Iterable

    from kring.accounts.models import User

logger = logging.getLogger(__name__)

SUBJECT = gettext_lazy("Er staat iets voor je klaar in Kring")


def message_body() -> str:
    """The mail in the active language (the recipient's, see `notify_user`)."""
    base = settings.KRING_BASE_URL.rstrip("/")
    return gettext(
        "Hallo,\n\n"
        "Er staat iets voor je klaar in Kring: een termijn, afspraak of besluit die binnenkort afloopt "
        "of al te laat is.\n\n"
        "Log in om te zien wat het is: %(url)s/\n\n"
        "In deze e-mail staan bewust geen namen of andere persoonsgegevens.\n"
        "Je krijgt per punt maar één bericht.\n\n"
        "Kring\n"
    ) % {"url": base}


def recipients() -> Iterable[User]:
    from kring.accounts.models import User

    return (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .exclude(role__in=[r.value for r in FAMILY_ROLES])
        .select_related("organisation")
        .order_by("pk")
    )


def notify_user(user: User, *, today: date) -> int:
    """Mail `user` when their agenda has items not mailed before; returns the number of new items."""
    keys = {entry.key for entry in agenda_for_user(user, today=today)}
    if not keys:
        return 0
    known = set(SentNotification.objects.filter(user=user, key__in=keys).values_list("key", flat=True))
    new = sorted(keys - known)
    if not new:
        return 0
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        send_mail(str(SUBJECT), message_body(), settings.DEFAULT_FROM_EMAIL, [user.email])
    SentNotification.objects.bulk_create(
        [SentNotification(user=user, key=key, sent_on=today) for key in new], ignore_conflicts=True
    )
    return len(new)


def send_due_notifications(*, today: date) -> tuple[int, int]:
    """Notify every professional with new due items. Returns (mails sent, failures)."""
    sent = failed = 0
    for user in recipients():
        try:
            if notify_user(user, today=today):
                sent += 1
        except Exception:  # one failing mailbox must not stop the others; the item is retried tomorrow
            logger.exception("Kring: melding aan gebruiker %s niet verstuurd", user.pk)
            failed += 1
    return sent, failed
