"""What the beheerder does in /beheer/ leaves a trace in Kring's own logbook (issue 9): changing a
person's role, deleting a lockout, a login log or another person's authenticator device."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Permission
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.accounts.roles import Role
from kring.accounts.testing import login_verified, make_totp_device
from kring.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(make_user):
    user = make_user(role=Role.FUNCTIONEEL_BEHEERDER, username="beheer", first_name="Bas", last_name="Beheer")
    user.is_staff = True
    user.save()
    for codename in ("view_user", "change_user", "view_accessattempt", "delete_accessattempt"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    for codename in ("view_totpdevice", "delete_totpdevice"):
        user.user_permissions.add(
            Permission.objects.get(codename=codename, content_type__app_label="otp_totp")
        )
    return user


def test_deleting_a_colleagues_authenticator_device_is_in_the_logbook(client, beheerder, make_user):
    colleague = make_user(username="anne", first_name="Anne", last_name="de Vries")
    device = make_totp_device(colleague)
    login_verified(client, beheerder)
    response = client.post(f"/beheer/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    event = AuditEvent.objects.get(object_type="beheer:otp_totp.totpdevice")
    assert event.actor == beheerder
    assert "verwijderd" in event.message


def test_deleting_a_lockout_is_in_the_logbook(client, beheerder):
    attempt = AccessAttempt.objects.create(
        username="anne", ip_address="127.0.0.1", user_agent="test", failures_since_start=5
    )
    login_verified(client, beheerder)
    client.post(
        "/beheer/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert not AccessAttempt.objects.exists()
    event = AuditEvent.objects.get(object_type="beheer:axes.accessattempt")
    assert event.actor == beheerder
    assert event.object_id == str(attempt.pk)
    assert "verwijderd" in event.message
