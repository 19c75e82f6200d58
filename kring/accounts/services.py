"""Logging in: finishing a login, and the TOTP devices for two-factor authentication."""

from __future__ import annotations

import io
from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.privacy import audit

from .models import User

SETUP_DEVICE_NAME = "Authenticator-app"


def two_factor_required() -> bool:
    return bool(settings.KRING_REQUIRE_2FA)


def is_verified(*, request: HttpRequest) -> bool:
    """Whether this session has passed every login step Kring asks for."""
    user = request.user
    if not user.is_authenticated:
        return False
    if not two_factor_required():
        return True
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def record_login(*, user: User) -> None:
    """The person has passed every login step: write it to the logbook."""
    with transaction.atomic():
        audit.login_succeeded(user=user)


def confirmed_device(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def setup_device(*, user: User) -> TOTPDevice:
    """The not-yet-confirmed device this person is setting up (made on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=SETUP_DEVICE_NAME, confirmed=False)
    return device


def complete_second_step(*, request: HttpRequest, device: TOTPDevice) -> None:
    """The code was right: mark this session as verified and log the login."""
    with transaction.atomic():
        otp_login(request, device)
        audit.login_succeeded(user=device.user)


@transaction.atomic
def confirm_device(*, request: HttpRequest, device: TOTPDevice) -> None:
    """The first code from a new device was right: keep the device, drop other unfinished ones."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).exclude(pk=device.pk).delete()
    complete_second_step(request=request, device=device)


def secret_for_display(device: TOTPDevice) -> str:
    """The device key in base32, in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> bytes:
    """The otpauth:// URL of the device as an SVG QR code (no inline styles: CSP-safe)."""
    qr = segno.make(device.config_url, error="m")
    out = io.BytesIO()
    qr.save(out, kind="svg", scale=6, border=2, dark="#000", light="#fff", xmldecl=True, title="QR-code")
    return out.getvalue()
