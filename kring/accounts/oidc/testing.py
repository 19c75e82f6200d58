"""A small OpenID Connect provider for tests: discovery, JWKS (an RSA key made per run), authorize
(approves the configured person at once and redirects back with a code), token (checks the code,
the PKCE verifier and the client secret, returns a signed ID token) and end_session.

It runs on 127.0.0.1 at a free port in a thread (stdlib http.server)::

    with FakeIdentityProvider(client_id="kring", client_secret="geheim") as idp:
        idp.subject = "999990019"; idp.acr = "midden"
        ...  # settings.KRING_OIDC_ISSUER = idp.issuer

Knobs to misbehave: `claim_overrides` (e.g. {"aud": "other"}, {"exp": 1}), `sign_with_other_key`,
`deny` (the person cancels). `log` lists each request's method and path, `codes` what was issued.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

KID = "fake-idp-key-1"


class FakeIdentityProvider:
    def __init__(
        self,
        *,
        client_id: str = "kring-test",
        client_secret: str = "kring-test-secret",  # noqa: S107  (a test provider's own secret)
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.subject = "fake-person-1"
        self.acr: str | None = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"
        self.extra_claims: dict[str, Any] = {}
        self.claim_overrides: dict[str, Any] = {}
        self.sign_with_other_key = False
        self.deny = False
        self.with_end_session = True
        self.log: list[tuple[str, str]] = []
        self.codes: dict[str, dict[str, Any]] = {}
        self.logouts: list[dict[str, str]] = []
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = KID
        self._other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.issuer = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-idp", daemon=True)

    # ------------------------------------------------------------ running

    def start(self) -> FakeIdentityProvider:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeIdentityProvider:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------ the documents

    def discovery(self) -> dict[str, Any]:
        document = {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        }
        if self.with_end_session:
            document["end_session_endpoint"] = f"{self.issuer}/logout"
        return document

    def jwks(self) -> dict[str, Any]:
        jwk = RSAAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def rotate_key(self) -> None:
        """Sign with a new key under a new kid from now on; the JWKS publishes only the new one."""
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = f"{KID}-{secrets.token_hex(4)}"

    def id_token(self, *, nonce: str, subject: str, acr: str | None) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "sub": subject,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "auth_time": now,
            "nonce": nonce,
            **self.extra_claims,
        }
        if acr is not None:
            claims["acr"] = acr
        claims.update(self.claim_overrides)
        key = self._other_key if self.sign_with_other_key else self._key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})

    # ------------------------------------------------------------ the endpoints

    def _authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        redirect_uri = query.get("redirect_uri", "")
        if query.get("client_id") != self.client_id or not redirect_uri:
            return 400, {}, b"unknown client or no redirect_uri"
        back: dict[str, str] = {"state": query.get("state", "")}
        problems = [
            query.get("response_type") != "code",
            "openid" not in query.get("scope", "").split(),
            query.get("code_challenge_method") != "S256" or not query.get("code_challenge"),
            not query.get("nonce"),
        ]
        if any(problems):
            back["error"] = "invalid_request"
        elif self.deny:
            back["error"] = "access_denied"
        else:
            code = secrets.token_urlsafe(16)
            self.codes[code] = {
                "redirect_uri": redirect_uri,
                "nonce": query["nonce"],
                "challenge": query["code_challenge"],
                "subject": self.subject,
                "acr": self.acr,
                "acr_values": query.get("acr_values", ""),
                "used": False,
            }
            back["code"] = code
        separator = "&" if "?" in redirect_uri else "?"
        return 302, {"Location": redirect_uri + separator + urllib.parse.urlencode(back)}, b""

    def _client_ok(self, headers: Any, form: dict[str, str]) -> bool:
        auth = headers.get("Authorization", "")
        if auth.startswith("Basic "):
            pair = base64.b64decode(auth[6:]).decode("utf-8")
            client_id, _, secret = pair.partition(":")
            client_id, secret = urllib.parse.unquote(client_id), urllib.parse.unquote(secret)
        else:
            client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        return client_id == self.client_id and secrets.compare_digest(secret, self.client_secret)

    def _token(self, headers: Any, form: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        def error(status: int, code: str) -> tuple[int, dict[str, str], bytes]:
            return status, {"Content-Type": "application/json"}, json.dumps({"error": code}).encode()

        if not self._client_ok(headers, form):
            return error(401, "invalid_client")
        if form.get("grant_type") != "authorization_code":
            return error(400, "unsupported_grant_type")
        issued = self.codes.get(form.get("code", ""))
        if issued is None or issued["used"] or issued["redirect_uri"] != form.get("redirect_uri"):
            return error(400, "invalid_grant")
        issued["used"] = True  # a code works once
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if not verifier or challenge != issued["challenge"]:
            return error(400, "invalid_grant")
        body = {
            "access_token": secrets.token_urlsafe(16),
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": self.id_token(nonce=issued["nonce"], subject=issued["subject"], acr=issued["acr"]),
        }
        return (
            200,
            {"Content-Type": "application/json", "Cache-Control": "no-store"},
            json.dumps(body).encode(),
        )

    def _logout(self, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        self.logouts.append(query)
        target = query.get("post_logout_redirect_uri", "")
        if target and query.get("client_id") == self.client_id:
            return 302, {"Location": target}, b""
        return 200, {"Content-Type": "text/plain"}, b"logged out"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def _send(self, answer: tuple[int, dict[str, str], bytes]) -> None:
                status, headers, body = answer
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _json(self, document: dict[str, Any]) -> None:
                self._send((200, {"Content-Type": "application/json"}, json.dumps(document).encode()))

            def do_GET(self) -> None:
                path, _, query_string = self.path.partition("?")
                idp.log.append(("GET", path))
                query = dict(urllib.parse.parse_qsl(query_string))
                if path == "/.well-known/openid-configuration":
                    self._json(idp.discovery())
                elif path == "/jwks":
                    self._json(idp.jwks())
                elif path == "/authorize":
                    self._send(idp._authorize(query))
                elif path == "/logout" and idp.with_end_session:
                    self._send(idp._logout(query))
                else:
                    self._send((404, {}, b"not found"))

            def do_POST(self) -> None:
                path = self.path.partition("?")[0]
                idp.log.append(("POST", path))
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8")))
                if path == "/token":
                    self._send(idp._token(self.headers, form))
                else:
                    self._send((404, {}, b"not found"))

        return Handler


def configure(settings: Any, idp: FakeIdentityProvider, **overrides: Any) -> None:
    """Point Kring's settings (pytest-django's `settings` fixture) at the fake provider."""
    values: dict[str, Any] = {
        "KRING_OIDC_ISSUER": idp.issuer,
        "KRING_OIDC_CLIENT_ID": idp.client_id,
        "KRING_OIDC_CLIENT_SECRET": idp.client_secret,
        "KRING_OIDC_SCOPES": ["openid"],
        "KRING_OIDC_SUBJECT_CLAIM": "sub",
        "KRING_OIDC_SERVICE_NAME": "DigiD",
        "KRING_OIDC_PROVIDER_NAME": "Testmakelaar",
        "KRING_OIDC_MIN_ACR": "midden",
        "KRING_OIDC_PROFESSIONALS": "password",
        "KRING_OIDC_REQUEST_ACR": False,
        **overrides,
    }
    for name, value in values.items():
        setattr(settings, name, value)
