"""The desk's nightly work, called by `kring tick` (settings.KRING_TICK_JOBS). Both jobs are
idempotent: a second run on the same day does nothing.

- `escalate_overdue`: an open question past its answer term (`answer_due` before today) is marked
  `escalated_on` once, with an audit line, and the steunpunt's coordinator (else every active
  worker) gets one e-mail a night with the references of the questions that became late. The mail
  names no asker and quotes no question: only the references and the link to Kring.
- `remove_expired_contacts`: the contact details and the question in the asker's own words of
  questions closed longer than `DeskSettings.contact_retention_months` ago are emptied and
  `contact_removed_on` is set; the anonymised text stays for the signals report. In batches, each
  in its own transaction with its own audit line (the count, no text), so a run that is stopped
  halfway leaves every question either untouched or fully emptied, and the next run finishes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy

from kring.organisations.models import Organisation
from kring.rules.kalender import add_months

from . import audit
from .agenda import escalation_recipients
from .models import DeskSettings, PublicSubmission, Question, QuestionStatus

if TYPE_CHECKING:
    from kring.accounts.models import User

logger = logging.getLogger(__name__)

BATCH = 500
DEFAULT_RETENTION_MONTHS = 3
ESCALATION_SUBJECT = gettext_lazy("Er zijn vragen aan het steunpunt te laat")


# ---------------------------------------------------------------- escalation


@dataclass
class EscalationReport:
    today: date
    escalated: int = 0
    mails_sent: int = 0
    failures: int = 0

    def __str__(self) -> str:
        text = f"{self.escalated} vragen te laat gemeld, {self.mails_sent} e-mails verstuurd"
        if self.failures:
            text += f", {self.failures} fouten"
        return text


def escalation_body(references: list[str]) -> str:
    """The mail in the active language: the references only, and where to find them."""
    base = settings.KRING_BASE_URL.rstrip("/")
    return gettext(
        "Hallo,\n\n"
        "Deze vragen aan het steunpunt hebben nog geen antwoord, "
        "en de termijn om te antwoorden is voorbij:\n\n"
        "%(references)s\n\n"
        "Log in om ze te bekijken en te verdelen: %(url)s/\n\n"
        "In deze e-mail staan bewust geen namen of andere persoonsgegevens.\n\n"
        "Kring\n"
    ) % {"references": "\n".join(f"- {r}" for r in references), "url": base}


def _mail(user: User, references: list[str]) -> None:
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        send_mail(
            str(ESCALATION_SUBJECT), escalation_body(references), settings.DEFAULT_FROM_EMAIL, [user.email]
        )


def _escalate_steunpunt(steunpunt: Organisation, *, today: date, report: EscalationReport) -> None:
    recipients = escalation_recipients(steunpunt)
    with transaction.atomic():
        late = list(
            Question.objects.select_for_update(skip_locked=True)
            .filter(
                steunpunt=steunpunt,
                status=QuestionStatus.OPEN,
                answer_due__lt=today,
                escalated_on__isnull=True,
            )
            .order_by("answer_due", "pk")
        )
        for question in late:
            question.escalated_on = today
            audit.question_escalated(question=question, recipients=len(recipients))
        Question.objects.filter(pk__in=[q.pk for q in late]).update(
            escalated_on=today, version=F("version") + 1
        )
    if not late:
        return
    report.escalated += len(late)
    references = [q.reference for q in late]
    for user in recipients:
        if not user.email:
            continue
        try:
            _mail(user, references)
            report.mails_sent += 1
        except Exception:  # one failing mailbox must not stop the others; the agenda still shows them
            logger.exception("Kring: melding te late vragen aan gebruiker %s niet verstuurd", user.pk)
            report.failures += 1


def escalate_overdue(*, today: date) -> EscalationReport:
    report = EscalationReport(today=today)
    steunpunt_ids = (
        Question.objects.filter(status=QuestionStatus.OPEN, answer_due__lt=today, escalated_on__isnull=True)
        .values_list("steunpunt_id", flat=True)
        .distinct()
    )
    for steunpunt in Organisation.objects.filter(pk__in=list(steunpunt_ids)).order_by("pk"):
        _escalate_steunpunt(steunpunt, today=today, report=report)
    return report


# ---------------------------------------------------------------- retention


@dataclass
class RetentionReport:
    today: date
    removed: int = 0
    steunpunten: int = 0

    def __str__(self) -> str:
        return (
            f"bij {self.removed} afgesloten vragen de contactgegevens verwijderd "
            f"({self.steunpunten} steunpunten)"
        )


def retention_months(steunpunt: Organisation) -> int:
    value = DeskSettings.objects.filter(steunpunt=steunpunt).values_list(
        "contact_retention_months", flat=True
    )
    return next(iter(value), DEFAULT_RETENTION_MONTHS)


def expired(steunpunt: Organisation, *, today: date) -> tuple[int, date]:
    """The retention in months and the first closing day that is kept (closed before it: removed)."""
    months = retention_months(steunpunt)
    return months, add_months(today, -months)


def _remove_batch(steunpunt: Organisation, *, today: date, months: int, closed_before: date) -> int:
    with transaction.atomic():
        ids = list(
            Question.objects.select_for_update(skip_locked=True)
            .filter(
                steunpunt=steunpunt,
                status=QuestionStatus.GESLOTEN,
                closed_on__lt=closed_before,
                contact_removed_on__isnull=True,
            )
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if not ids:
            return 0
        count = Question.objects.filter(pk__in=ids).update(
            question_text="",
            contact_name="",
            contact_email="",
            contact_phone="",
            contact_removed_on=today,
            version=F("version") + 1,
        )
        audit.contacts_removed(
            steunpunt=steunpunt, questions=count, months=months, closed_before=closed_before
        )
        return count


def remove_expired_contacts(*, today: date) -> RetentionReport:
    report = RetentionReport(today=today)
    steunpunt_ids = (
        Question.objects.filter(status=QuestionStatus.GESLOTEN, contact_removed_on__isnull=True)
        .values_list("steunpunt_id", flat=True)
        .distinct()
    )
    for steunpunt in Organisation.objects.filter(pk__in=list(steunpunt_ids)).order_by("pk"):
        months, closed_before = expired(steunpunt, today=today)
        removed = 0
        while batch := _remove_batch(steunpunt, today=today, months=months, closed_before=closed_before):
            removed += batch
        if removed:
            report.removed += removed
            report.steunpunten += 1
    # The public form's rate limit needs the last day only (hashed addresses, see spam.py).
    PublicSubmission.objects.filter(at__lt=timezone.now() - timedelta(days=1)).delete()
    return report
