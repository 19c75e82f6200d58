"""The functioneel beheerder in /beheer/ can never widen anyone's rights (their own least of all),
never reach child data, and every change of a role or right is in Kring's own logbook. API tokens
are stored as a hash and shown once."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.accounts.testing import login_verified
from kring.api.models import ApiToken, hash_key
from kring.core.testing import make_organisation, make_user
from kring.organisations.models import OrganisationKind
from kring.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def make_beheerder() -> User:
    """As the demo makes one: staff, with the permissions of accounts, organisations, devices, lockouts."""
    user = make_user(role=Role.FUNCTIONEEL_BEHEERDER, last_name="Beheerder")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["accounts", "organisations", "otp_totp", "axes"]
        )
    )
    return User.objects.get(pk=user.pk)  # fresh permission cache


def user_admin() -> Any:
    return admin.site._registry[User]


def request_as(user: User) -> Any:
    request = RequestFactory().get("/beheer/")
    request.user = user
    return request


def form_for(actor: User, obj: User | None) -> Any:
    model_admin = user_admin()
    request = request_as(actor)
    return model_admin.get_form(request, obj, change=obj is not None)


def test_the_beheerder_cannot_make_anyone_superuser_staff_or_give_permissions() -> None:
    beheerder = make_beheerder()
    other = make_user(role=Role.INTERN_BEGELEIDER)
    for obj in (beheerder, other, None):
        fields = form_for(beheerder, obj).base_fields
        for field in ("is_superuser", "is_staff", "groups", "user_permissions"):
            assert field not in fields, (obj, field)


def test_the_beheerder_cannot_change_their_own_role_organisation_or_rights() -> None:
    beheerder = make_beheerder()
    readonly = user_admin().get_readonly_fields(request_as(beheerder), beheerder)
    assert {"role", "organisation", "is_active"} <= set(readonly)
    assert "role" not in form_for(beheerder, beheerder).base_fields


def test_the_beheerder_cannot_give_the_beheerder_role() -> None:
    beheerder = make_beheerder()
    other = make_user(role=Role.INTERN_BEGELEIDER)
    choices = {value for value, _label in form_for(beheerder, other).base_fields["role"].choices}
    assert Role.FUNCTIONEEL_BEHEERDER not in choices
    assert Role.INTERN_BEGELEIDER in choices


def test_the_beheerder_cannot_touch_a_superuser_or_another_beheerder() -> None:
    beheerder = make_beheerder()
    root = User.objects.create_superuser(username="root", password="x" * 20, email="root@example.org")
    colleague = make_beheerder()
    model_admin = user_admin()
    request = request_as(beheerder)
    assert not model_admin.has_change_permission(request, root)
    assert not model_admin.has_change_permission(request, colleague)
    assert not model_admin.has_delete_permission(request, beheerder)
    listed = set(model_admin.get_queryset(request).values_list("pk", flat=True))
    assert root.pk not in listed and colleague.pk not in listed and beheerder.pk in listed


def test_the_beheerder_cannot_reach_child_data_in_beheer(client: Client) -> None:
    beheerder = make_beheerder()
    login_verified(client, beheerder)
    assert client.get("/beheer/").status_code == 200
    for path in ("/beheer/children/child/", "/beheer/cases/case/", "/beheer/privacy/auditevent/"):
        assert client.get(path).status_code in (403, 404), path
    assert not any(model._meta.app_label in ("children", "cases") for model in admin.site._registry), (
        "child data is never in /beheer/"
    )


def test_a_role_change_is_in_the_logbook() -> None:
    beheerder = make_beheerder()
    other = make_user(role=Role.INTERN_BEGELEIDER)
    swv = make_organisation(kind=OrganisationKind.SWV)
    form_class = form_for(beheerder, other)
    data = {
        "username": other.username,
        "first_name": other.first_name,
        "last_name": other.last_name,
        "email": "ib@example.org",
        "is_active": "on",
        "role": Role.SWV_CONSULENT,
        "organisation": swv.pk,
        "preferred_language": other.preferred_language,
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
    }
    form = form_class(data, instance=User.objects.get(pk=other.pk))
    assert form.is_valid(), form.errors
    obj = form.save(commit=False)
    user_admin().save_model(request_as(beheerder), obj, form, True)
    other.refresh_from_db()
    assert other.role == Role.SWV_CONSULENT
    event = AuditEvent.objects.filter(object_type="account", object_id=str(other.pk)).get()
    assert event.actor == beheerder
    assert "role: intern_begeleider → swv_consulent" in event.message


def test_an_api_token_is_stored_as_a_hash_and_shown_once(client: Client) -> None:
    user = make_user(role=Role.LEERPLICHTAMBTENAAR)
    login_verified(client, user)
    first = client.post("/api/v1/auth/token/").json()["token"]
    stored = ApiToken.objects.get(user=user)
    assert stored.key_hash == hash_key(first) and first not in stored.key_hash
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert api.get("/api/v1/me/").status_code == 200
    # Asking again makes a new token; the old key is not shown again and stops working.
    second = client.post("/api/v1/auth/token/").json()["token"]
    assert second != first
    assert api.get("/api/v1/me/").status_code in (401, 403)
    api.credentials(HTTP_AUTHORIZATION=f"Token {second}")
    assert api.get("/api/v1/me/").status_code == 200
    # The token is in no admin page: nobody can read it back.
    assert ApiToken not in admin.site._registry
