"""Functioneel beheer of people: role, organisation and the usual account fields."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .admin_actions import send_enrolment_link
from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    list_display = ("username", "first_name", "last_name", "role", "organisation", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("username", "first_name", "last_name", "email", "organisation__name")
    raw_id_fields = ("organisation",)
    actions = [send_enrolment_link]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Kring"), {"fields": ("role", "organisation", "phone", "preferred_language")}),
    )
    add_fieldsets = (
        *(DjangoUserAdmin.add_fieldsets or ()),
        (_("Kring"), {"fields": ("first_name", "last_name", "email", "role", "organisation")}),
    )
