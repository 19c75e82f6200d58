"""The Django authentication backend for logging in through the provider.

`authenticate(request, external_login=...)` returns the account linked to (issuer, subject hash),
or None. It is called by `services.finish_login` only after the ID token was checked; it never
takes a username or password, so password logins never reach it (Django skips a backend whose
signature does not fit the credentials)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.http import HttpRequest

from kring.accounts.models import User

from .linking import ExternalLogin
from .models import ExternalIdentity

BACKEND_PATH = "kring.accounts.oidc.backend.OidcBackend"


class OidcBackend(BaseBackend):
    def authenticate(
        self, request: HttpRequest | None, *, external_login: ExternalLogin | None = None, **kwargs: Any
    ) -> User | None:
        if external_login is None or kwargs:
            return None
        identity = linked_identity(external_login)
        if identity is None or not identity.user.is_active:
            return None
        user: User = identity.user
        return user

    def get_user(self, user_id: int) -> User | None:
        """The session's account, while it is active and still linked: deleting the link in beheer
        ends the sessions that logged in through it at their next request."""
        return (
            User.objects.filter(pk=user_id, is_active=True, external_identities__confirmed=True)
            .distinct()
            .first()
        )


def linked_identity(login: ExternalLogin) -> ExternalIdentity | None:
    identity: ExternalIdentity | None = (
        ExternalIdentity.objects.filter(issuer=login.issuer, subject_hash=login.subject_hash, confirmed=True)
        .select_related("user")
        .first()
    )
    return identity
