"""Personal API tokens, stored as a hash only: the key is shown once, when it is made."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """One token per person. Kring keeps the SHA-256 of the key, never the key: nobody (not the
    beheerder, not a superuser, not a database dump) can read a token back."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_token",
        verbose_name=_("gebruiker"),
    )
    key_hash = models.CharField(_("hash van de sleutel"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")

    def __str__(self) -> str:
        return f"API-token ({self.created_at:%Y-%m-%d})"

    @classmethod
    def issue(cls, user: models.Model) -> str:
        """A new key for `user` (an earlier one stops working); returns the key, the only time it is
        seen."""
        key = secrets.token_hex(20)
        cls.objects.filter(user=user).delete()
        cls.objects.create(user=user, key_hash=hash_key(key))
        return key

    @classmethod
    def find(cls, key: str) -> ApiToken | None:
        return cls.objects.select_related("user").filter(key_hash=hash_key(key)).first()
