"""Functioneel beheer of people: role, organisation and the usual account fields.

What a beheerder may do here is decided by the access policy (`policy.can_manage_account`,
`policy.assignable_roles`, `policy.locked_account_fields`): never make anyone superuser or staff,
never give permissions or groups, never change their own role, organisation or rights, never give
the beheerder role, never touch a superuser's account. Every change of a role or a right is written
to Kring's own logbook (`kring.accounts.audit`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kring.access import policy

from . import audit
from .admin_actions import send_enrolment_link
from .models import User

AUDITED_FIELDS = ("role", "organisation", "is_active", "is_staff", "is_superuser")


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    list_display = ("username", "first_name", "last_name", "role", "organisation", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("username", "first_name", "last_name", "email", "organisation__name")
    raw_id_fields = ("organisation",)
    # Plain, labelled selects: the two-pane filter widget gives its icons ARIA labels axe refuses.
    filter_horizontal = ()
    # Kring records these; nobody edits them (their split date/time fields had no labels, too).
    readonly_fields = ("last_login", "date_joined")
    actions = [send_enrolment_link]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Kring"), {"fields": ("role", "organisation", "phone", "preferred_language")}),
    )
    add_fieldsets = (
        *(DjangoUserAdmin.add_fieldsets or ()),
        (_("Kring"), {"fields": ("first_name", "last_name", "email", "role", "organisation")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        qs = super().get_queryset(request)
        actor = _actor(request)
        if actor.is_superuser:
            return qs
        # Superusers and other beheerders are not theirs to manage.
        return qs.filter(is_superuser=False).filter(
            role__in=list(policy.assignable_roles(actor))
        ) | qs.filter(pk=actor.pk)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not policy.can_manage_account(_actor(request), obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and (
            obj.pk == _actor(request).pk or not policy.can_manage_account(_actor(request), obj)
        ):
            return False
        return super().has_delete_permission(request, obj)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        locked = set(policy.SUPERUSER_ONLY_FIELDS)
        fieldsets = super().get_fieldsets(request, obj)
        if _actor(request).is_superuser:
            return fieldsets
        return tuple(
            (name, {**options, "fields": tuple(f for f in options["fields"] if f not in locked)})
            for name, options in fieldsets
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = set(super().get_readonly_fields(request, obj))
        fields |= set(policy.locked_account_fields(_actor(request), obj))
        shown = {f for _name, options in self.get_fieldsets(request, obj) for f in options["fields"]}
        return tuple(sorted(fields & shown))

    def formfield_for_choice_field(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "role":
            allowed = policy.assignable_roles(_actor(request))
            kwargs["choices"] = [(v, label) for v, label in db_field.choices if v in allowed or v == ""]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: User, form: forms.ModelForm[User], change: bool) -> None:
        actor = _actor(request)
        if not policy.may_save_account(actor, obj, is_new=not change):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        before = User.objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        if before is None:
            audit.account_created(actor=actor, user=obj)
            return
        changes = {
            field: (getattr(before, field), getattr(obj, field))
            for field in AUDITED_FIELDS
            if getattr(before, field) != getattr(obj, field)
        }
        if changes:
            audit.account_rights_changed(actor=actor, user=obj, changes=changes)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        obj = form.instance
        before = (
            set(obj.user_permissions.values_list("codename", flat=True)),
            set(obj.groups.values_list("name", flat=True)),
        )
        super().save_related(request, form, formsets, change)
        after = (
            set(obj.user_permissions.values_list("codename", flat=True)),
            set(obj.groups.values_list("name", flat=True)),
        )
        if before != after:
            audit.account_rights_changed(
                actor=_actor(request),
                user=obj,
                changes={
                    "user_permissions": (sorted(before[0]), sorted(after[0])),
                    "groups": (sorted(before[1]), sorted(after[1])),
                },
            )
