"""Talking to the provider: discovery, the token endpoint, and checking the ID token (PyJWT).

Kring contacts only the configured issuer's discovery document and the endpoints it names, with a
timeout. Nothing here logs a token, a claim or the subject; errors become `OidcLoginError` codes.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import logging
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

import jwt
from django.core.exceptions import ImproperlyConfigured

from .config import OidcConfig, _check_url
from .errors import OidcLoginError

logger = logging.getLogger(__name__)

DISCOVERY_PATH = "/.well-known/openid-configuration"
DISCOVERY_TTL = 3600  # seconds: a changed provider configuration is read again within the hour
LEEWAY = 60  # seconds of clock difference allowed for exp and iat
MAX_TOKEN_AGE = 600  # an ID token issued longer ago than this is not accepted
ALGORITHMS = ["RS256"]
# An ID token with an unknown kid makes Kring fetch the JWKS again (key rotation), at most once per
# this many seconds (a stream of made-up kids does not become a stream of requests to the provider).
JWKS_REFRESH_COOLDOWN = 30.0


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    end_session_endpoint: str
    client_auth: str  # client_secret_basic or client_secret_post


_lock = threading.Lock()
_discovered: dict[str, tuple[float, Provider]] = {}
_jwks_clients: dict[str, jwt.PyJWKClient] = {}


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Discovery and the token endpoint answer directly: a redirect (elsewhere, or to another scheme)
    is an error, not something to follow."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def _get_json(
    url: str, *, timeout: float, data: bytes | None = None, headers: dict[str, str] | None = None
) -> Any:
    _check_url(url)  # https, or http on loopback only: never file: or another scheme
    request = urllib.request.Request(  # noqa: S310  (scheme checked above)
        url, data=data, headers={"Accept": "application/json", **(headers or {})}
    )
    with _OPENER.open(request, timeout=timeout) as response:
        return json.loads(response.read(1_000_000))


def discover(config: OidcConfig) -> Provider:
    """The provider's endpoints from its discovery document (cached for an hour per issuer)."""
    now = time.monotonic()
    with _lock:
        cached = _discovered.get(config.issuer)
    if cached is not None and now - cached[0] < DISCOVERY_TTL:
        return cached[1]
    url = config.issuer.rstrip("/") + DISCOVERY_PATH
    try:
        document = _get_json(url, timeout=config.timeout)
    except (urllib.error.URLError, OSError, ValueError) as error:
        logger.warning("OIDC discovery failed: %s", type(error).__name__)
        raise OidcLoginError("unreachable") from None
    if not isinstance(document, dict) or str(document.get("issuer", "")).rstrip("/") != config.issuer.rstrip(
        "/"
    ):
        logger.warning("OIDC discovery: the document names another issuer")
        raise OidcLoginError("issuer")
    try:
        endpoints = {
            key: str(document[key]) for key in ("authorization_endpoint", "token_endpoint", "jwks_uri")
        }
    except KeyError:
        logger.warning("OIDC discovery: the document lacks an endpoint")
        raise OidcLoginError("provider_error") from None
    end_session = str(document.get("end_session_endpoint") or "")
    for endpoint in [*endpoints.values(), *([end_session] if end_session else [])]:
        try:
            _check_url(endpoint)
        except ImproperlyConfigured:
            logger.warning("OIDC discovery: an endpoint is not https")
            raise OidcLoginError("provider_error") from None
    methods = document.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    provider = Provider(
        issuer=str(document["issuer"]),
        end_session_endpoint=end_session,
        client_auth="client_secret_basic" if "client_secret_basic" in methods else "client_secret_post",
        **endpoints,
    )
    with _lock:
        _discovered[config.issuer] = (now, provider)
    return provider


# ---------------------------------------------------------------- PKCE, state and nonce


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def code_challenge(verifier: str) -> str:
    """PKCE S256 (RFC 7636): BASE64URL(SHA256(verifier)) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorization_url(
    config: OidcConfig, provider: Provider, *, redirect_uri: str, state: str, nonce: str, verifier: str
) -> str:
    params = {
        "response_type": "code",
        "client_id": config.client_id,
        "redirect_uri": redirect_uri,
        "scope": " ".join(config.scopes),
        "state": state,
        "nonce": nonce,
        "code_challenge": code_challenge(verifier),
        "code_challenge_method": "S256",
    }
    if config.request_acr:
        params["acr_values"] = config.min_acr_value
    separator = "&" if "?" in provider.authorization_endpoint else "?"
    return provider.authorization_endpoint + separator + urllib.parse.urlencode(params)


# ---------------------------------------------------------------- the token endpoint


def exchange_code(
    config: OidcConfig, provider: Provider, *, code: str, redirect_uri: str, verifier: str
) -> str:
    """Trade the authorization code for tokens; return the ID token (the access token is not kept)."""
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": verifier,
    }
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if provider.client_auth == "client_secret_basic":
        quote = urllib.parse.quote
        pair = f"{quote(config.client_id, safe='')}:{quote(config.client_secret, safe='')}"
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
    else:
        form |= {"client_id": config.client_id, "client_secret": config.client_secret}
    try:
        answer = _get_json(
            provider.token_endpoint,
            timeout=config.timeout,
            data=urllib.parse.urlencode(form).encode("ascii"),
            headers=headers,
        )
    except urllib.error.HTTPError as error:
        code_name = ""
        with contextlib.suppress(ValueError, AttributeError):
            code_name = str(json.loads(error.read(10_000)).get("error", ""))
        logger.warning("OIDC token endpoint answered %s (%s)", error.code, code_name[:40])
        raise OidcLoginError("code_rejected" if code_name == "invalid_grant" else "provider_error") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        logger.warning("OIDC token endpoint unreachable: %s", type(error).__name__)
        raise OidcLoginError("unreachable") from None
    id_token = answer.get("id_token") if isinstance(answer, dict) else None
    if not isinstance(id_token, str) or not id_token:
        raise OidcLoginError("token")
    return id_token


# ---------------------------------------------------------------- the ID token


def _signing_key(config: OidcConfig, provider: Provider, id_token: str) -> Any:
    with _lock:
        client = _jwks_clients.get(provider.jwks_uri)
        if client is None:
            client = jwt.PyJWKClient(
                provider.jwks_uri,
                cache_keys=True,
                lifespan=DISCOVERY_TTL,
                timeout=config.timeout,
                cooldown_duration=JWKS_REFRESH_COOLDOWN,
            )
            _jwks_clients[provider.jwks_uri] = client
    try:
        return client.get_signing_key_from_jwt(id_token).key
    except jwt.PyJWKClientConnectionError:
        logger.warning("OIDC JWKS unreachable")
        raise OidcLoginError("unreachable") from None
    except (jwt.PyJWKClientError, jwt.DecodeError):
        logger.warning("OIDC ID token: no matching key in the JWKS")
        raise OidcLoginError("signature") from None


def verify_id_token(config: OidcConfig, provider: Provider, id_token: str, *, nonce: str) -> dict[str, Any]:
    """The ID token's claims when its RS256 signature (against the provider's JWKS), iss, aud, exp,
    iat and nonce are right; `OidcLoginError` with the reason otherwise."""
    try:
        header = jwt.get_unverified_header(id_token)
    except jwt.DecodeError:
        raise OidcLoginError("token") from None
    if header.get("alg") not in ALGORITHMS:
        logger.warning("OIDC ID token: algorithm refused")
        raise OidcLoginError("signature")
    key = _signing_key(config, provider, id_token)
    try:
        claims: dict[str, Any] = jwt.decode(
            id_token,
            key,
            algorithms=ALGORITHMS,
            audience=config.client_id,
            issuer=provider.issuer,
            leeway=LEEWAY,
            options={"require": ["iss", "aud", "exp", "iat", "sub"]},
        )
    except jwt.ExpiredSignatureError:
        code = "expired"
    except jwt.InvalidAudienceError:
        code = "audience"
    except jwt.InvalidIssuerError:
        code = "issuer"
    except (jwt.ImmatureSignatureError, jwt.InvalidIssuedAtError):
        code = "issued_at"
    except (jwt.InvalidSignatureError, jwt.InvalidAlgorithmError):
        code = "signature"
    except jwt.InvalidTokenError:
        code = "token"
    else:
        code = ""
    if code:
        logger.warning("OIDC ID token refused: %s", code)
        raise OidcLoginError(code)
    if not isinstance(claims["iat"], int | float) or claims["iat"] < time.time() - MAX_TOKEN_AGE - LEEWAY:
        logger.warning("OIDC ID token refused: issued too long ago")
        raise OidcLoginError("issued_at")
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != config.client_id:
        logger.warning("OIDC ID token refused: several audiences and azp is not Kring")
        raise OidcLoginError("audience")
    token_nonce = claims.get("nonce")
    if not isinstance(token_nonce, str) or not hmac.compare_digest(token_nonce.encode(), nonce.encode()):
        logger.warning("OIDC ID token refused: nonce")
        raise OidcLoginError("nonce")
    return claims


def reset_caches() -> None:
    """Forget discovered providers and their keys (tests; a changed configuration)."""
    with _lock:
        _discovered.clear()
        _jwks_clients.clear()
