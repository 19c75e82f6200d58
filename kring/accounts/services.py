"""Logging in: finishing a login, and the TOTP devices for two-factor authentication."""

from __future__ import annotations

import hashlib
import io
import secrets
from base64 import b32encode
from datetime import timedelta

import segno
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.accounts import audit

from .models import EnrolmentLink, User

SETUP_DEVICE_NAME = "Authenticator-app"
ENROLMENT_LINK_DAYS = 3
# The session remembers the link a person opened, until they confirmed their app with it.
ENROLMENT_SESSION_KEY = "kring_enrolment_link"


def two_factor_required() -> bool:
    return bool(settings.KRING_REQUIRE_2FA)


def second_factor_needed(user: object) -> bool:
    """Whether this account must pass the second step: every professional (when two-factor login is
    on); a family account (parent, pupil) only once they connected an app, which is their choice."""
    if not two_factor_required():
        return False
    if getattr(user, "is_professional", True) or getattr(user, "is_superuser", False):
        return True
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def session_verified(user: object) -> bool:
    """Whether a session of `user` has passed every login step Kring asks of that account."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not second_factor_needed(user):
        return True
    verified = getattr(user, "is_verified", None)  # set by django_otp's OTPMiddleware
    return bool(verified and verified())


def is_verified(*, request: HttpRequest) -> bool:
    """Whether this session has passed every login step Kring asks for."""
    return session_verified(request.user)


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
    """The first code from a new device was right: keep the device, drop other unfinished ones, and
    use up the enrolment link that allowed it."""
    link = enrolment_link_for(request=request, user=device.user)
    if link is not None:
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
        request.session.pop(ENROLMENT_SESSION_KEY, None)
        audit.enrolment_link_used(user=device.user)
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


# ---------------------------------------------------------------- enrolling a first device


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def issue_enrolment_link(*, actor: User | None, user: User) -> str:
    """Make a one-time link for `user` to connect an authenticator app, mail it to them and return it.
    Earlier unused links of this person stop working. The caller decides who may do this (the
    functioneel beheerder, through the policy)."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    EnrolmentLink.objects.filter(user=user, used_at__isnull=True).update(expires_at=now)
    EnrolmentLink.objects.create(
        user=user,
        token_hash=_hash(token),
        created_by=actor if actor is not None and actor.is_authenticated else None,
        expires_at=now + timedelta(days=ENROLMENT_LINK_DAYS),
    )
    url = settings.KRING_BASE_URL.rstrip("/") + reverse("accounts:otp_enrol", args=[token])
    audit.enrolment_link_issued(actor=actor, user=user)
    if user.email:
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            send_mail(
                subject=_("Stel tweestapsverificatie in voor Kring"),
                message=_(
                    "Hallo %(name)s,\n\nMet deze link koppel je een authenticator-app aan je account in "
                    "Kring. De link werkt één keer en is %(days)s dagen geldig:\n\n%(url)s\n\n"
                    "Heb je hier niet om gevraagd? Neem dan contact op met je functioneel beheerder."
                )
                % {"name": user.display_name, "days": ENROLMENT_LINK_DAYS, "url": url},
                from_email=None,
                recipient_list=[user.email],
            )
    return url


def open_enrolment_link(*, request: HttpRequest, token: str) -> bool:
    """Someone opened an enrolment link: remember it in their session when it is valid."""
    link = (
        EnrolmentLink.objects.filter(
            token_hash=_hash(token), used_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("user")
        .first()
    )
    if link is None or not link.user.is_active:
        return False
    request.session[ENROLMENT_SESSION_KEY] = link.pk
    return True


def enrolment_link_for(*, request: HttpRequest, user: User) -> EnrolmentLink | None:
    """The valid enrolment link this session opened for this person, if any."""
    link_id = request.session.get(ENROLMENT_SESSION_KEY)
    if link_id is None:
        return None
    return EnrolmentLink.objects.filter(
        pk=link_id, user=user, used_at__isnull=True, expires_at__gt=timezone.now()
    ).first()


def may_enrol(*, request: HttpRequest, user: User) -> bool:
    """Whether this session may connect a first authenticator app for this person: only with a
    valid enrolment link that the same session opened (the password alone is not enough)."""
    return enrolment_link_for(request=request, user=user) is not None


def start_voluntary_enrolment(*, request: HttpRequest, user: User) -> None:
    """A family member chose to add an authenticator app when making their account: the same
    one-time link as the beheerder's (`issue_enrolment_link`), opened in this session, not mailed."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        link = EnrolmentLink.objects.create(
            user=user, token_hash=_hash(token), created_by=user, expires_at=now + timedelta(hours=1)
        )
        audit.enrolment_link_issued(actor=user, user=user)
    request.session[ENROLMENT_SESSION_KEY] = link.pk
