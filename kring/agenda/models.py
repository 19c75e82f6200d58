"""What the agenda remembers: which due items a person was mailed about."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SentNotification(models.Model):
    """One row per (person, due item) that was notified, so a due item notifies once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    sent_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="agenda_notification_once_per_item")
        ]

    def __str__(self) -> str:
        return self.key
