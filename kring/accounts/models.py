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
                condition=Q(role__in=[r.value for r in FAMILY_ROLES], organisation__isnull=True)
                | (~Q(role__in=[r.value for r in FAMILY_ROLES]) & Q(organisation__isnull=False))
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
