"""Test helpers for logging in with two-factor authentication (TOTP). Used by every app's tests.

from kring.accounts.testing import login_verified
login_verified(client, user)       # logged in and past the second step, without forms

device = make_totp_device(user)
client.post(reverse("accounts:otp"), {"code": totp_code(device)})
"""

from __future__ import annotations

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User


def make_totp_device(user: User, *, confirmed: bool = True) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Test-app", confirmed=confirmed)


def totp_code(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code the authenticator app would show at `at` (default: now). A device accepts each
    time step once; for a second code in the same test, pass at=time.time() + 30."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


def login_verified(client: Client, user: User) -> TOTPDevice:
    """Log `user` in on the test client and mark the session as past the second step."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or make_totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
