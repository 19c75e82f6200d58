"""API access: logged in, and — where two-factor is required — through a verified session or a token.

Tokens can only be created from a verified session (see views.TokenView), so a token carries the
second factor with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

if TYPE_CHECKING:
    from rest_framework.views import APIView


def session_is_verified(request: Request) -> bool:
    from kring.accounts.services import session_verified

    return session_verified(request.user)


class IsAuthenticatedAndVerified(BasePermission):
    message = "Log in met je wachtwoord en je tweede stap (tweestapsverificatie) om de API te gebruiken."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if isinstance(request.successful_authenticator, SessionAuthentication):
            return session_is_verified(request)
        return True
