"""Functioneel beheer sees which accounts log in through the provider, and can undo a link (delete
it: the person then logs in with a password again, or is linked anew by an invitation). A link is
never made or edited here: the beheerder never sees or types the subject (it may be a BSN)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from kring.access import policy
from kring.accounts.models import User

from .models import ExternalIdentity


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin[ExternalIdentity]):
    list_display = ("user", "issuer", "linked_via", "created_at", "last_used_at")
    list_filter = ("linked_via", "issuer")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    fields = ("user", "issuer", "linked_via", "created_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ExternalIdentity | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ExternalIdentity | None = None) -> bool:
        actor = request.user
        if not isinstance(actor, User) or not super().has_delete_permission(request, obj):
            return False
        return obj is None or policy.can_manage_account(actor, obj.user)
