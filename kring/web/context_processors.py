from typing import Any

from django.conf import settings
from django.http import HttpRequest

from kring.accounts.services import session_verified

from .navigation import nav_for


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the page shell (base.html) needs on every page."""
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    # Until the second step is done, a professional sees no navigation, only "log out".
    verified = signed_in and session_verified(user)
    return {
        "kring_demo": getattr(settings, "KRING_DEMO", False),
        "kring_require_2fa": settings.KRING_REQUIRE_2FA,
        "kring_signed_in": signed_in,
        "kring_verified": verified,
        "kring_nav": nav_for(request) if verified else [],
    }
