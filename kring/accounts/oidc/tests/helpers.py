"""Walking the login through the fake provider with Django's test client and real HTTP."""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from kring.accounts.models import User
from kring.accounts.oidc import services
from kring.accounts.oidc.linking import ExternalLogin
from kring.accounts.oidc.models import ExternalIdentity, LinkedVia
from kring.accounts.oidc.testing import FakeIdentityProvider
from kring.privacy.crypto import subject_lookup_hash

START = "/account/extern/inloggen/"
CALLBACK = "/account/extern/terug/"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def provider_redirect(url: str) -> str:
    """GET `url` at the fake provider over HTTP; return where it sends the browser (Location)."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(url, timeout=10)
    except urllib.error.HTTPError as answer:
        if answer.code in (301, 302, 303, 307):
            return str(answer.headers["Location"])
        raise
    raise AssertionError(f"the provider did not redirect: {url}")


def leave_for_provider(client: Any, **params: str) -> str:
    response = client.get(START, params)
    assert response.status_code == 302, response.content
    return str(response.url)


def come_back(client: Any, location: str) -> Any:
    parts = urlsplit(location)
    assert parts.path == CALLBACK, location
    return client.get(parts.path, dict(parse_qsl(parts.query)))


def log_in_through(client: Any, **params: str) -> Any:
    """The whole round trip: Kring -> provider (authorize) -> Kring's callback."""
    return come_back(client, provider_redirect(leave_for_provider(client, **params)))


def link(user: User, idp: FakeIdentityProvider, subject: str | None = None) -> ExternalIdentity:
    login = ExternalLogin(
        issuer=idp.issuer, subject_hash=subject_lookup_hash(idp.issuer, subject or idp.subject), level=None
    )
    return services.link_identity(user=user, login=login, via=LinkedVia.BEHEER)
