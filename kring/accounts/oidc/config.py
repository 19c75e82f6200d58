"""The provider Kring talks to, from the settings (which read KRING_OIDC_* from the environment)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# DigiD's levels of assurance, lowest first; KRING_OIDC_ACR_VALUES names what the provider sends for each.
LEVELS = ("basis", "midden", "substantieel", "hoog")
PROFESSIONAL_MODES = ("password", "either", "oidc")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True)
class OidcConfig:
    issuer: str
    client_id: str
    client_secret: str
    scopes: tuple[str, ...]
    subject_claim: str
    service_name: str
    provider_name: str
    acr_values: tuple[str, ...]
    min_level: str
    request_acr: bool
    professionals: str
    timeout: float

    @property
    def button_label_parts(self) -> tuple[str, str]:
        return self.service_name, self.provider_name or urlsplit(self.issuer).hostname or self.issuer

    def level_of(self, acr: object) -> str | None:
        """DigiD's level for an acr value from the ID token (a configured value, or the level's own
        name); None when the token has no acr or one Kring does not know."""
        if not isinstance(acr, str) or not acr:
            return None
        if acr in LEVELS:
            return acr
        if acr in self.acr_values:
            return LEVELS[self.acr_values.index(acr)]
        return None

    def level_suffices(self, level: str | None) -> bool:
        """Whether a login at this level counts as two steps (no code from Kring's own app)."""
        return level is not None and LEVELS.index(level) >= LEVELS.index(self.min_level)

    @property
    def min_acr_value(self) -> str:
        return self.acr_values[LEVELS.index(self.min_level)]


def is_enabled() -> bool:
    return bool(getattr(settings, "KRING_OIDC_ISSUER", ""))


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS):
        return
    raise ImproperlyConfigured(
        "KRING_OIDC_ISSUER must be an https:// URL (http:// only on 127.0.0.1 or localhost, for tests)."
    )


def get_config() -> OidcConfig:
    """The configuration; ImproperlyConfigured when OIDC is on but incomplete or unsafe."""
    issuer = settings.KRING_OIDC_ISSUER.strip()
    if not issuer:
        raise ImproperlyConfigured("OIDC is off: set KRING_OIDC_ISSUER.")
    _check_url(issuer)
    if not settings.KRING_OIDC_CLIENT_ID or not settings.KRING_OIDC_CLIENT_SECRET:
        raise ImproperlyConfigured("Set KRING_OIDC_CLIENT_ID and KRING_OIDC_CLIENT_SECRET.")
    scopes = tuple(settings.KRING_OIDC_SCOPES)
    if "openid" not in scopes:
        scopes = ("openid", *scopes)
    acr_values = tuple(settings.KRING_OIDC_ACR_VALUES)
    if len(acr_values) != len(LEVELS):
        raise ImproperlyConfigured(
            "KRING_OIDC_ACR_VALUES names four values: for basis, midden, substantieel and hoog."
        )
    if settings.KRING_OIDC_MIN_ACR not in LEVELS:
        raise ImproperlyConfigured("KRING_OIDC_MIN_ACR is one of basis, midden, substantieel, hoog.")
    if settings.KRING_OIDC_PROFESSIONALS not in PROFESSIONAL_MODES:
        raise ImproperlyConfigured("KRING_OIDC_PROFESSIONALS is one of password, either, oidc.")
    return OidcConfig(
        issuer=issuer,
        client_id=settings.KRING_OIDC_CLIENT_ID,
        client_secret=settings.KRING_OIDC_CLIENT_SECRET,
        scopes=scopes,
        subject_claim=settings.KRING_OIDC_SUBJECT_CLAIM or "sub",
        service_name=settings.KRING_OIDC_SERVICE_NAME or "DigiD",
        provider_name=settings.KRING_OIDC_PROVIDER_NAME,
        acr_values=acr_values,
        min_level=settings.KRING_OIDC_MIN_ACR,
        request_acr=bool(settings.KRING_OIDC_REQUEST_ACR),
        professionals=settings.KRING_OIDC_PROFESSIONALS,
        timeout=float(settings.KRING_OIDC_TIMEOUT),
    )
