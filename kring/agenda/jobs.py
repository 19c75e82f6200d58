"""The nightly work of the agenda, called by `kring tick` (settings.KRING_TICK_JOBS): mail every
professional whose agenda holds due items they were not told about yet (no personal details in
the mail, once per item: `SentNotification`). Runs after the jobs that assess and escalate, so the
mail covers what they found. Idempotent: a second run on the same day mails nobody."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .notifications import send_due_notifications


@dataclass
class NotificationReport:
    today: date
    mails_sent: int = 0
    failures: int = 0

    def __str__(self) -> str:
        text = f"{self.mails_sent} e-mails verstuurd"
        if self.failures:
            text += f", {self.failures} fouten"
        return text


def send_notifications(*, today: date) -> NotificationReport:
    sent, failed = send_due_notifications(today=today)
    return NotificationReport(today=today, mails_sent=sent, failures=failed)
