"""The login flow through the provider: start (to the provider) and finish (back from it), linking
an account, and logging out at the provider too.

The session holds, per login attempt in progress, its `state` (the key), `nonce`, PKCE verifier and
the page to go to afterwards; a callback whose state the session does not hold is refused, and
each state is used once. After a login the session holds only the issuer (for logging out there);
no token and no subject are kept anywhere.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import login as django_login
from django.db import IntegrityError, transaction
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django_otp import login as otp_login

from kring.accounts import services as account_services
from kring.accounts.models import User
from kring.privacy.crypto import subject_lookup_hash

from . import audit, linking, provider
from .backend import BACKEND_PATH, OidcBackend
from .config import OidcConfig, get_config, is_enabled
from .errors import REASONS, OidcLoginError
from .linking import ExternalLogin
from .models import ExternalIdentity, LinkedVia

logger = logging.getLogger(__name__)

FLOWS_SESSION_KEY = "kring_oidc_flows"
LOGIN_SESSION_KEY = "kring_oidc_login"
FLOW_MAX_AGE = 600  # seconds between leaving for the provider and coming back
MAX_FLOWS = 5  # attempts in progress per session (several tabs); the oldest is dropped
CANCEL_ERRORS = frozenset({"access_denied", "login_required", "consent_required", "interaction_required"})


def reason_text(code: str) -> str:
    return str(REASONS.get(code, REASONS["provider_error"]))


def redirect_uri() -> str:
    return settings.KRING_BASE_URL.rstrip("/") + reverse("oidc:callback")


def professionals_may_use_password() -> bool:
    """Whether a professional may log in with a password (and the app's code)."""
    # the setting itself, not get_config(): a broken OIDC configuration must not break the password login
    return not is_enabled() or settings.KRING_OIDC_PROFESSIONALS != "oidc"


def start_login(*, request: HttpRequest, next_url: str, link: bool = False) -> str:
    """Remember a new attempt in the session; return the provider's authorization URL.
    `link`: a logged-in, verified person links their own account to their login at the provider."""
    config = get_config()
    found = provider.discover(config)
    state, nonce, verifier = provider.new_secret(), provider.new_secret(), provider.new_secret()
    now = time.time()
    flows: dict[str, dict[str, Any]] = {
        key: flow
        for key, flow in request.session.get(FLOWS_SESSION_KEY, {}).items()
        if now - float(flow.get("at", 0)) < FLOW_MAX_AGE
    }
    while len(flows) >= MAX_FLOWS:
        flows.pop(min(flows, key=lambda key: float(flows[key]["at"])))
    flows[state] = {"nonce": nonce, "verifier": verifier, "next": next_url, "at": now, "link": link}
    request.session[FLOWS_SESSION_KEY] = flows
    return provider.authorization_url(
        config, found, redirect_uri=redirect_uri(), state=state, nonce=nonce, verifier=verifier
    )


@dataclass(frozen=True)
class Outcome:
    kind: Literal["logged_in", "second_step", "linked", "unknown", "refused"]
    next_url: str = ""
    reason: str = ""


def finish_login(*, request: HttpRequest, params: QueryDict) -> Outcome:
    """Back from the provider: check everything, then log in, link, or say why not. Every outcome
    writes one logbook line."""
    try:
        return _finish(request, params)
    except _Refused as refused:
        audit.login_refused(reason=refused.code, user=refused.user)
        return Outcome(kind="refused", reason=refused.code)
    except OidcLoginError as refused:
        audit.login_refused(reason=refused.code)
        return Outcome(kind="refused", reason=refused.code)


class _Refused(OidcLoginError):
    def __init__(self, code: str, user: User) -> None:
        super().__init__(code)
        self.user = user


def _take_flow(request: HttpRequest, state: str) -> dict[str, Any]:
    flows = dict(request.session.get(FLOWS_SESSION_KEY, {}))
    flow = flows.pop(state, None) if state else None
    request.session[FLOWS_SESSION_KEY] = flows  # used once, whatever follows
    if not isinstance(flow, dict) or time.time() - float(flow.get("at", 0)) >= FLOW_MAX_AGE:
        raise OidcLoginError("state")
    return flow


def _external_login(config: OidcConfig, issuer: str, claims: dict[str, Any]) -> ExternalLogin:
    subject = claims.get(config.subject_claim)
    if isinstance(subject, bool) or not isinstance(subject, str | int) or not str(subject).strip():
        raise OidcLoginError("token")
    email = claims.get("email") if claims.get("email_verified") is True else ""
    name = claims.get("name")
    return ExternalLogin(
        issuer=issuer,
        subject_hash=subject_lookup_hash(issuer, str(subject).strip()),
        level=config.level_of(claims.get("acr")),
        email=email if isinstance(email, str) else "",
        name=name[:150] if isinstance(name, str) else "",
    )


def _finish(request: HttpRequest, params: QueryDict) -> Outcome:
    flow = _take_flow(request, params.get("state", ""))
    error = params.get("error", "")
    if error:
        raise OidcLoginError("cancelled" if error in CANCEL_ERRORS else "provider_error")
    code = params.get("code", "")
    if not code:
        raise OidcLoginError("provider_error")
    config = get_config()
    found = provider.discover(config)
    returned_issuer = params.get("iss")  # RFC 9207: a provider that names itself must be ours (mix-up)
    if returned_issuer is not None and returned_issuer != found.issuer:
        raise OidcLoginError("issuer")
    id_token = provider.exchange_code(
        config, found, code=code, redirect_uri=redirect_uri(), verifier=str(flow["verifier"])
    )
    claims = provider.verify_id_token(config, found, id_token, nonce=str(flow["nonce"]))
    login = _external_login(config, found.issuer, claims)
    del id_token, claims  # nothing of the token is kept

    if flow.get("link"):
        return _link_own_account(request, login)
    user = OidcBackend().authenticate(request, external_login=login)
    if user is None:
        if ExternalIdentity.objects.filter(issuer=login.issuer, subject_hash=login.subject_hash).exists():
            raise OidcLoginError("inactive")
        with transaction.atomic():
            user = linking.invited_account(request, login)
            if user is None:
                audit.unknown_person(level=login.level)
                return Outcome(kind="unknown")
            link_identity(user=user, login=login, via=LinkedVia.INVITATION)
    return _log_in(request, config, user, login, next_url=str(flow.get("next", "")))


def _log_in(
    request: HttpRequest, config: OidcConfig, user: User, login: ExternalLogin, *, next_url: str
) -> Outcome:
    if user.is_professional and config.professionals == "password":
        raise _Refused("professional_password", user)
    sufficient = config.level_suffices(login.level)
    second_step = account_services.two_factor_required() and not sufficient
    if second_step and account_services.confirmed_device(user=user) is None:
        raise _Refused("level", user)
    identity = ExternalIdentity.objects.get(user=user, issuer=login.issuer, subject_hash=login.subject_hash)
    with transaction.atomic():
        django_login(request, user, backend=BACKEND_PATH)
        if sufficient:
            otp_login(request, identity)  # the provider's login counts as both steps
        identity.set_last_used_timestamp(commit=False)
        identity.save(update_fields=["last_used_at"])
        request.session[LOGIN_SESSION_KEY] = {"issuer": login.issuer}
        audit.logged_in(user=user, level=login.level, second_step=second_step)
    return Outcome(kind="second_step" if second_step else "logged_in", next_url=next_url)


def _link_own_account(request: HttpRequest, login: ExternalLogin) -> Outcome:
    """The person started at "link my account" while logged in with both steps: link it to them."""
    user = request.user
    if not isinstance(user, User) or not account_services.is_verified(request=request):
        raise OidcLoginError("state")
    linked_to = ExternalIdentity.objects.filter(issuer=login.issuer, subject_hash=login.subject_hash).first()
    if linked_to is not None:
        if linked_to.user_id == user.pk:
            return Outcome(kind="linked")
        raise _Refused("already_linked", user)  # that login belongs to another account
    with transaction.atomic():
        link_identity(user=user, login=login, via=LinkedVia.ACCOUNT)
    return Outcome(kind="linked")


def link_identity(*, user: User, login: ExternalLogin, via: str) -> ExternalIdentity:
    """Store that `user` logs in as `login`'s subject at its issuer, and write it to the logbook.
    Refused (`already_linked`) when the account has a link at this issuer already."""
    if ExternalIdentity.objects.filter(user=user, issuer=login.issuer).exists():
        raise _Refused("already_linked", user)
    try:
        with transaction.atomic():
            identity: ExternalIdentity = ExternalIdentity.objects.create(
                user=user,
                issuer=login.issuer,
                subject_hash=login.subject_hash,
                linked_via=via,
                name=get_config().service_name[:64] if is_enabled() else "OpenID Connect",
                confirmed=True,
            )
    except IntegrityError:
        raise _Refused("already_linked", user) from None
    audit.linked(user=user, identity_id=identity.pk, linked_via=via)
    return identity


# ---------------------------------------------------------------- logging out


def end_session_url(*, request: HttpRequest) -> str:
    """Before Kring logs this session out: where the browser goes next to log out at the provider as
    well (RP-initiated logout, when the provider names an end_session_endpoint), or ""."""
    state = request.session.get(LOGIN_SESSION_KEY)
    user = request.user
    if not state or not isinstance(user, User) or not is_enabled():
        return ""
    config = get_config()
    try:
        found = provider.discover(config)
    except OidcLoginError:
        found = None
    url = ""
    if found is not None and found.end_session_endpoint and found.issuer == state.get("issuer"):
        # No id_token_hint: Kring keeps no token (it may hold a BSN); client_id names Kring instead.
        query = urlencode(
            {
                "client_id": config.client_id,
                "post_logout_redirect_uri": settings.KRING_BASE_URL.rstrip("/") + reverse("accounts:login"),
            }
        )
        separator = "&" if "?" in found.end_session_endpoint else "?"
        url = found.end_session_endpoint + separator + query
    audit.logged_out(user=user, at_provider=bool(url))
    return url
