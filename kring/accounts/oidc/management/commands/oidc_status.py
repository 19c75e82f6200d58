"""`kring oidc_status`: read the broker's discovery document and say what Kring will use, and what
to register at the broker. Contacts only the configured issuer; prints no secret."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from kring.accounts.oidc import provider, services
from kring.accounts.oidc.config import get_config, is_enabled
from kring.accounts.oidc.errors import OidcLoginError


class Command(BaseCommand):
    help = "Check the OpenID Connect configuration against the broker's discovery document."

    def handle(self, *args: Any, **options: Any) -> None:
        if not is_enabled():
            raise CommandError("OIDC is off: KRING_OIDC_ISSUER is not set.")
        try:
            config = get_config()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        provider.reset_caches()
        try:
            found = provider.discover(config)
        except OidcLoginError as refused:
            raise CommandError(f"Discovery failed ({refused.code}): {refused.message}") from None
        lines = [
            f"issuer:                 {found.issuer}",
            f"authorization_endpoint: {found.authorization_endpoint}",
            f"token_endpoint:         {found.token_endpoint} ({found.client_auth})",
            f"jwks_uri:               {found.jwks_uri}",
            f"end_session_endpoint:   {found.end_session_endpoint or '- (logging out stays in Kring)'}",
            f"register redirect URI:  {services.redirect_uri()}",
            f"register logout URI:    {settings.KRING_BASE_URL.rstrip('/')}{reverse('accounts:login')}",
            f"scopes:                 {' '.join(config.scopes)}",
            f"two-factor from level:  {config.min_level} (acr {config.min_acr_value})",
            f"professionals:          {config.professionals}",
        ]
        self.stdout.write("\n".join(lines))
