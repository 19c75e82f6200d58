"""The first authenticator app of an account needs more than the password: a one-time enrolment link
that the functioneel beheerder sends (issue 9: "first two-factor enrolment asks for more than the
password"). Without it, anyone who learnt a password could bind their own app to the account."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.accounts.models import EnrolmentLink
from kring.accounts.roles import Role
from kring.accounts.services import issue_enrolment_link
from kring.accounts.testing import login_verified, totp_code
from kring.core.testing import DEFAULT_PASSWORD
from kring.privacy.models import AuditEvent

LOGIN = "/account/inloggen/"
SETUP = "/account/tweede-stap/instellen/"
QR = "/account/tweede-stap/qr-code.svg"
NEEDS_LINK = "/account/tweede-stap/inschrijflink-nodig/"


@pytest.fixture(autouse=True)
def require_2fa(settings):
    settings.KRING_REQUIRE_2FA = True


def password_step(client: Client, username: str) -> None:
    client.post(LOGIN, {"username": username, "password": DEFAULT_PASSWORD})


def test_the_password_alone_cannot_enrol_an_app(client, make_user):
    user = make_user(username="anne")
    password_step(client, "anne")
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response.url == NEEDS_LINK
    page = client.get(NEEDS_LINK).content.decode()
    assert "inschrijflink" in page
    assert client.get(QR).status_code == 404
    assert not TOTPDevice.objects.filter(user=user).exists()  # no secret was even made


def test_a_link_from_the_beheerder_lets_the_person_connect_their_app(client, make_user):
    beheerder = make_user(role=Role.FUNCTIONEEL_BEHEERDER, username="beheer")
    user = make_user(username="anne")
    user.email = "anne@school.example"
    user.save()
    url = issue_enrolment_link(actor=beheerder, user=user)
    assert mail.outbox[-1].to == ["anne@school.example"]
    assert url in mail.outbox[-1].body
    assert EnrolmentLink.objects.get(user=user).token_hash not in url  # only a hash is stored

    response = client.get(urlsplit(url).path)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    password_step(client, "anne")
    assert client.get(SETUP).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post(SETUP, {"code": totp_code(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert EnrolmentLink.objects.get(user=user).used_at is not None
    assert AuditEvent.objects.filter(object_type="inschrijflink", actor=beheerder).exists()
    assert AuditEvent.objects.filter(object_type="inschrijflink", actor=user).exists()


def test_a_link_works_once(client, make_user):
    user = make_user(username="anne")
    url = issue_enrolment_link(actor=None, user=user)
    path = urlsplit(url).path
    client.get(path)
    password_step(client, "anne")
    client.get(SETUP)
    client.post(SETUP, {"code": totp_code(TOTPDevice.objects.get(user=user))})
    other = Client()
    assert other.get(path).status_code == 404


def test_an_expired_or_replaced_link_does_not_work(client, make_user):
    user = make_user(username="anne")
    old = urlsplit(issue_enrolment_link(actor=None, user=user)).path
    new = urlsplit(issue_enrolment_link(actor=None, user=user)).path
    assert client.get(old).status_code == 404  # a new link makes the old one invalid
    past = timezone.now() - timedelta(days=4)
    EnrolmentLink.objects.filter(user=user).update(created_at=past, expires_at=past + timedelta(days=3))
    response = client.get(new)
    assert response.status_code == 404
    assert "werkt niet" in response.content.decode()


def test_a_link_opened_for_someone_else_does_not_help(client, make_user):
    anne = make_user(username="anne")
    make_user(username="bram")
    client.get(urlsplit(issue_enrolment_link(actor=None, user=anne)).path)
    password_step(client, "bram")
    assert client.get(SETUP).url == NEEDS_LINK


def test_the_beheerder_sends_links_from_functioneel_beheer_but_not_to_themselves(client, make_user):
    from django.contrib.auth.models import Permission

    beheerder = make_user(role=Role.FUNCTIONEEL_BEHEERDER, username="beheer")
    beheerder.is_staff = True
    beheerder.save()
    anne = make_user(username="anne")
    beheerder.user_permissions.add(Permission.objects.get(codename="change_user"))
    beheerder.user_permissions.add(Permission.objects.get(codename="view_user"))
    login_verified(client, beheerder)
    client.post(
        "/beheer/accounts/user/",
        {"action": "send_enrolment_link", "_selected_action": [anne.pk, beheerder.pk]},
    )
    assert EnrolmentLink.objects.filter(user=anne).count() == 1
    assert not EnrolmentLink.objects.filter(user=beheerder).exists()


def test_the_operator_command_prints_a_link(make_user, capsys):
    make_user(username="eerste-beheerder")
    call_command("enrolment_link", "eerste-beheerder")
    assert "/account/tweede-stap/inschrijven/" in capsys.readouterr().out
