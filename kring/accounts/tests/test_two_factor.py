"""Two-factor authentication with TOTP (django-otp): the second step and setting up the app."""

from __future__ import annotations

import re
import time
from base64 import b32decode
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.accounts.testing import login_verified, make_totp_device, totp_code
from kring.core.testing import DEFAULT_PASSWORD
from kring.privacy.models import AuditAction, AuditEvent

LOGIN = "/account/inloggen/"
OTP = "/account/tweede-stap/"
SETUP = "/account/tweede-stap/instellen/"
QR = "/account/tweede-stap/qr-code.svg"


@pytest.fixture(autouse=True)
def require_2fa(settings):
    settings.KRING_REQUIRE_2FA = True


def password_step(client: Client, username: str = "anne") -> Any:
    return client.post(LOGIN, {"username": username, "password": DEFAULT_PASSWORD})


def test_password_step_leads_to_the_code_step_and_home_stays_closed(client, make_user):
    user = make_user(username="anne")
    make_totp_device(user)
    response = password_step(client)
    assert response.status_code == 302
    assert response.url == OTP
    # Logged in with the password only: every page sends you to the second step.
    home = client.get("/")
    assert home.status_code == 302
    assert home.url == OTP
    assert not AuditEvent.objects.filter(action=AuditAction.LOGIN).exists()


def test_unverified_user_keeps_the_page_they_wanted(client, make_user):
    user = make_user(username="anne")
    make_totp_device(user)
    password_step(client)
    response = client.get("/ergens/?a=1")
    assert response.url == OTP + "?next=%2Fergens%2F%3Fa%3D1"


def test_a_valid_code_lets_you_in_and_writes_the_logbook(client, make_user):
    user = make_user(username="anne", first_name="Anne", last_name="de Vries")
    device = make_totp_device(user)
    password_step(client)
    page = client.get(OTP)
    assert page.status_code == 200
    assert "Vul je code in" in page.content.decode()
    response = client.post(OTP, {"code": totp_code(device)})
    assert response.status_code == 302
    assert response.url == reverse("web:home")
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.get(action=AuditAction.LOGIN).actor == user


def test_a_valid_code_goes_on_to_next(client, make_user):
    user = make_user(username="anne")
    device = make_totp_device(user)
    password_step(client)
    response = client.post(OTP + "?next=/?tab=agenda", {"code": totp_code(device)})
    assert response.url == "/?tab=agenda"


def test_a_wrong_code_does_not(client, make_user):
    user = make_user(username="anne")
    device = make_totp_device(user)
    password_step(client)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(OTP, {"code": wrong})
    assert response.status_code == 200
    assert "Deze code klopt niet of is verlopen." in response.content.decode()
    assert client.get("/").status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.LOGIN).exists()


def test_a_code_with_letters_gets_a_format_error(client, make_user):
    make_totp_device(make_user(username="anne"))
    password_step(client)
    response = client.post(OTP, {"code": "12ab56"})
    assert "Vul precies 6 cijfers in, zonder letters." in response.content.decode()


def test_too_many_wrong_codes_are_throttled(client, make_user):
    user = make_user(username="anne")
    device = make_totp_device(user)
    password_step(client)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    client.post(OTP, {"code": wrong})
    response = client.post(OTP, {"code": totp_code(device)})  # throttled: even a right code waits
    assert "te veel verkeerde codes" in response.content.decode()


def test_code_step_needs_the_password_step_first(client):
    response = client.get(OTP)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_without_a_device_you_are_sent_to_set_up(client, make_user):
    make_user(username="anne")
    password_step(client)
    response = client.get(OTP)
    assert response.status_code == 302
    assert response.url == SETUP


def open_enrolment_link(client: Client, user: Any) -> None:
    """What the person does with the beheerder's e-mail: open the one-time link."""
    from kring.accounts.services import issue_enrolment_link

    url = issue_enrolment_link(actor=None, user=user)
    client.get(urlsplit(url).path)


def test_device_set_up_flow(client, make_user):
    user = make_user(username="anne")
    open_enrolment_link(client, user)
    password_step(client)
    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tweestapsverificatie instellen" in html
    assert f'src="{QR}"' in html
    # The secret is shown as text, in groups, for typing it in by hand.
    match = re.search(r'id="otp-secret">([A-Z2-7 ]+)<', html)
    assert match is not None
    secret = match.group(1)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8)) == device.bin_key

    qr = client.get(QR)
    assert qr.status_code == 200
    assert qr["Content-Type"] == "image/svg+xml"
    svg = qr.content.decode()
    assert "<svg" in svg
    assert "style=" not in svg  # CSP: no inline styles
    assert "no-cache" in qr["Cache-Control"]

    # A wrong first code does not confirm the device.
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    assert client.post(SETUP, {"code": wrong}).status_code == 200
    device.refresh_from_db()
    assert not device.confirmed

    # One failure throttles the device for a second; skip the wait.
    device.throttling_failure_timestamp = None
    device.throttling_failure_count = 0
    device.save()
    response = client.post(SETUP, {"code": totp_code(device)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:home")
    assert "Tweestapsverificatie is ingesteld." in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, actor=user).count() == 1

    # Once set up, the set-up page and the QR code are closed; the next login asks for a code.
    client.post("/account/uitloggen/")
    password_step(client)
    assert client.get(SETUP).url == OTP
    assert client.get(QR).status_code == 404
    response = client.post(OTP, {"code": totp_code(device, at=time.time() + 30)})
    assert response.url == reverse("web:home")


def test_set_up_reuses_the_unfinished_device(client, make_user):
    user = make_user(username="anne")
    open_enrolment_link(client, user)
    password_step(client)
    client.get(SETUP)
    client.get(SETUP)
    client.get(QR)
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_login_verified_helper_opens_pages(client, make_user):
    login_verified(client, make_user())
    assert client.get("/").status_code == 200


def test_verified_user_on_code_step_goes_on(client, make_user):
    login_verified(client, make_user())
    assert client.get(OTP).url == reverse("web:home")


def test_second_step_pages_are_closed_when_two_factor_is_off(client, make_user, settings):
    settings.KRING_REQUIRE_2FA = False
    client.force_login(make_user())
    assert client.get(OTP).url == reverse("web:home")
    assert client.get(QR).status_code == 404
