"""People who log in to Kring. A professional belongs to one organisation in one role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kring.organisations.models import Organisation

from .roles import FAMILY_ROLES, Role


class User(AbstractUser):
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisatie"),
    )
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    preferred_language = models.CharField(
        _("taal"), max_length=5, choices=[("nl", "Nederlands"), ("en", "English")], default="nl"
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            # A professional always acts on behalf of an organisation; family members never do.
            models.CheckConstraint(
                condition=Q(role__in=sorted(r.value for r in FAMILY_ROLES), organisation__isnull=True)
                | (~Q(role__in=sorted(r.value for r in FAMILY_ROLES)) & Q(organisation__isnull=False))
                | Q(is_superuser=True),
                name="user_professional_has_organisation",
            ),
        ]

    @property
    def is_professional(self) -> bool:
        return self.role not in FAMILY_ROLES

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class EnrolmentLink(models.Model):
    """A one-time link that lets a person connect their FIRST authenticator app (or a new one after
    the beheerder removed the old one). With two-factor login on, the password alone never suffices
    to enrol a device: whoever knows a password could otherwise bind their own app to the account.
    Only a hash of the link's secret is stored; the link itself is mailed once to the person."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="enrolment_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("door")
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"))
    used_at = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("inschrijflink tweestapsverificatie")
        verbose_name_plural = _("inschrijflinks tweestapsverificatie")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gte=models.F("created_at")),
                name="enrolment_link_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"
