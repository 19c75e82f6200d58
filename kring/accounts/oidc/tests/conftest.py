"""The fake identity provider, started once per test session on 127.0.0.1 at a free port, reset and
configured for each test that asks for `idp`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kring.accounts.oidc import provider
from kring.accounts.oidc.testing import FakeIdentityProvider, configure


@pytest.fixture(scope="session")
def idp_server() -> Iterator[FakeIdentityProvider]:
    with FakeIdentityProvider(client_id="kring-test", client_secret="s3cret/with:odd&chars") as server:
        yield server


@pytest.fixture
def idp(idp_server: FakeIdentityProvider, settings: Any, db: Any) -> Iterator[FakeIdentityProvider]:
    idp_server.subject = "fake-person-1"
    idp_server.acr = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"
    idp_server.extra_claims = {}
    idp_server.claim_overrides = {}
    idp_server.sign_with_other_key = False
    idp_server.deny = False
    idp_server.with_end_session = True
    idp_server.log.clear()
    idp_server.kid = "fake-idp-key-1"
    idp_server.logouts.clear()
    provider.reset_caches()
    configure(settings, idp_server)
    settings.KRING_BASE_URL = "http://testserver"
    settings.KRING_REQUIRE_2FA = True
    settings.KRING_OIDC_LINK_HOOKS = []
    yield idp_server
    provider.reset_caches()
