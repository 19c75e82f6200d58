"""Professionals must confirm a second factor before they see anything (when KRING_REQUIRE_2FA);
a family account only when they connected an authenticator app (`services.second_factor_needed`)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .services import session_verified

EXEMPT_PREFIXES = ("/account/", "/static/", "/i18n/", "/api/")


class RequireTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            settings.KRING_REQUIRE_2FA
            and user is not None
            and user.is_authenticated
            and not session_verified(user)
            and not request.path.startswith(EXEMPT_PREFIXES)
        ):
            url = reverse("accounts:otp")
            if request.method == "GET" and request.path != "/":
                url += "?" + urlencode({"next": request.get_full_path()})
            return redirect(url)
        return self.get_response(request)
