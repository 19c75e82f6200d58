"""The link between a Kring account and a person at the identity provider."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, DeviceManager, TimestampMixin

from kring.accounts.models import User


class LinkedVia(models.TextChoices):
    INVITATION = "uitnodiging", _("uitnodiging")
    ACCOUNT = "account", _("ingelogd account")
    BEHEER = "beheer", _("functioneel beheer")


class ExternalIdentity(TimestampMixin, Device):  # type: ignore[misc]  # django-otp ships no types
    """This account logs in as (issuer, subject) at the provider. Only a keyed hash of the subject is
    stored (`kring.privacy.crypto.subject_lookup_hash`): DigiD brokers often send the BSN as subject.

    It is a django-otp device as well: a login through the provider at a sufficient level (acr) marks
    the session as verified by this device, so Kring asks no code from its own app. A login at a
    lower level does not, and the code step follows. Unconfirming or deleting the link ends that at
    once for every session (django-otp checks the device on each request)."""

    user: models.ForeignKey[User, User] = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="external_identities",
        verbose_name=_("account"),
    )
    issuer: models.CharField[str, str] = models.CharField(_("uitgever"), max_length=255)
    subject_hash: models.CharField[str, str] = models.CharField(_("kenmerk (versleuteld)"), max_length=64)
    objects: models.Manager[ExternalIdentity] = DeviceManager()
    linked_via: models.CharField[str, str] = models.CharField(
        _("gekoppeld via"), max_length=16, choices=LinkedVia.choices
    )

    class Meta:
        verbose_name = _("externe inlog")
        verbose_name_plural = _("externe inlogs")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject_hash"], name="external_identity_unique_subject"
            ),
            # One link per provider per account: a second DigiD for the same account is a mistake.
            models.UniqueConstraint(fields=["issuer", "user"], name="external_identity_one_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    def verify_token(self, token: object) -> bool:
        """Not a code device: it never accepts a typed code."""
        return False
