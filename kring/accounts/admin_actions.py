"""Functioneel beheer: send a person a one-time link to connect their first authenticator app."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring.access import policy

from . import services
from .models import User


@admin.action(description=gettext_lazy("Stuur een inschrijflink voor tweestapsverificatie"))
def send_enrolment_link(
    modeladmin: admin.ModelAdmin[User], request: HttpRequest, queryset: QuerySet[User]
) -> None:
    actor = request.user
    assert isinstance(actor, User)
    sent, refused = 0, 0
    for user in queryset:
        if not policy.can_issue_enrolment_link(actor, user):
            refused += 1
            continue
        services.issue_enrolment_link(actor=actor, user=user)
        sent += 1
    if sent:
        messages.success(request, _("Inschrijflink gestuurd aan %(n)s persoon/personen.") % {"n": sent})
    if refused:
        messages.warning(
            request,
            _("%(n)s keer geen link gestuurd: niet voor je eigen account en niet voor een inactief account.")
            % {"n": refused},
        )
