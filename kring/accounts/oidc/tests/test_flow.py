"""Logging in through OpenID Connect against the fake provider on 127.0.0.1 (real HTTP): the whole
flow, each check of the ID token, unknown and linked people, the level (acr), professionals, the
invitation hook, no BSN anywhere, and logging out at the provider."""

from __future__ import annotations

import base64
import json
import logging
import time
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from kring.accounts.models import User
from kring.accounts.oidc import config as oidc_config
from kring.accounts.oidc.models import ExternalIdentity
from kring.accounts.roles import Role
from kring.accounts.testing import login_verified, make_totp_device, totp_code
from kring.core.testing import DEFAULT_PASSWORD
from kring.privacy.models import AuditEvent

from .helpers import CALLBACK, START, come_back, leave_for_provider, link, log_in_through, provider_redirect

BSN = "111222333"  # passes the elfproef; fictional
LOGIN = "/account/inloggen/"


def codes() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("code", flat=True))


def refusal(reason: str) -> AuditEvent:
    return AuditEvent.objects.get(code="account.oidc_login_refused", data__reason=reason)


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def parent(make_user):
    return make_user(role=Role.OUDER, first_name="Fatima", last_name="El Amrani")


# ---------------------------------------------------------------- the login page


def test_the_login_page_offers_digid_only_when_it_is_configured(client, settings, idp):
    html = client.get(LOGIN).content.decode()
    assert "Inloggen met DigiD (via Testmakelaar)" in html
    assert f'href="{START}"' in html
    settings.KRING_OIDC_ISSUER = ""
    html = client.get(LOGIN).content.decode()
    assert "Inloggen met DigiD" not in html
    assert client.get(START).status_code == 404
    assert client.get(CALLBACK).status_code == 404


# ---------------------------------------------------------------- the whole flow


def test_a_linked_parent_logs_in_through_the_provider_and_needs_no_code(client, idp, parent):
    link(parent, idp)
    authorize = leave_for_provider(client, next="/casussen/")
    query = parse_qs(urlsplit(authorize).query)
    assert authorize.startswith(idp.issuer + "/authorize?")
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) == 43
    assert query["redirect_uri"] == ["http://testserver" + CALLBACK]
    assert query["state"][0] and query["nonce"][0] and query["state"] != query["nonce"]
    assert query["scope"] == ["openid"]

    response = come_back(client, provider_redirect(authorize))
    assert response.status_code == 302 and response.url == "/casussen/"
    assert int(client.session["_auth_user_id"]) == parent.pk
    home = client.get("/")  # verified: the two-factor middleware lets the parent through
    assert home.status_code == 200
    assert ("POST", "/token") in idp.log
    event = AuditEvent.objects.get(code="account.oidc_logged_in")
    assert event.actor == parent
    assert event.data == {"user_id": parent.pk, "level": "midden", "second_step": False}
    identity = ExternalIdentity.objects.get(user=parent)
    assert identity.last_used_at is not None


def test_an_unknown_person_gets_the_clear_page_and_no_account(client, idp):
    users_before = User.objects.count()
    response = log_in_through(client)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Je bent nog niet bekend in Kring" in html
    assert "Kring maakt niet zelf een account voor je aan." in html
    assert "uitnodiging" in html
    assert User.objects.count() == users_before
    assert not ExternalIdentity.objects.exists()
    assert not is_logged_in(client)
    assert codes() == ["account.oidc_unknown_person"]


# ---------------------------------------------------------------- what is refused


@pytest.mark.parametrize(
    ("misbehaviour", "reason", "sentence"),
    [
        ({"sign_with_other_key": True}, "signature", "de handtekening"),
        ({"claim_overrides": {"aud": "een-andere-dienst"}}, "audience", "niet voor Kring bedoeld"),
        ({"claim_overrides": {"exp": int(time.time()) - 3600}}, "expired", "is verlopen"),
        ({"claim_overrides": {"nonce": "een-andere-poging"}}, "nonce", "hoort niet bij deze inlogpoging"),
        ({"claim_overrides": {"iss": "https://nep.example"}}, "issuer", "niet van de ingestelde inlogdienst"),
        ({"claim_overrides": {"iat": int(time.time()) + 3600}}, "issued_at", "onjuiste tijd"),
        ({"claim_overrides": {"iat": int(time.time()) - 7200}}, "issued_at", "onjuiste tijd"),
        ({"claim_overrides": {"aud": ["kring-test", "ander"]}}, "audience", "niet voor Kring bedoeld"),
        ({"deny": True}, "cancelled", "afgebroken"),
    ],
)
def test_a_bad_answer_is_refused_with_a_clear_message_and_a_logbook_line(
    client, idp, parent, misbehaviour, reason, sentence
):
    link(parent, idp)
    for name, value in misbehaviour.items():
        setattr(idp, name, value)
    response = log_in_through(client)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Inloggen is niet gelukt" in html and sentence in html
    assert not is_logged_in(client)
    assert refusal(reason).actor is None
    assert "account.oidc_logged_in" not in codes()


def test_a_new_signing_key_is_fetched_from_the_jwks_when_the_provider_rotates(
    client, idp, parent, monkeypatch
):
    from kring.accounts.oidc import provider

    link(parent, idp)
    assert log_in_through(client).status_code == 302  # the JWKS is now cached
    client.logout()
    idp.rotate_key()
    assert log_in_through(client).status_code == 403  # within the cooldown: no new fetch yet
    assert refusal("signature")
    provider.reset_caches()
    monkeypatch.setattr(provider, "JWKS_REFRESH_COOLDOWN", 0.0)
    idp.rotate_key()
    assert log_in_through(client).status_code == 302  # first fetch, cached
    client.logout()
    idp.rotate_key()
    jwks_fetches = idp.log.count(("GET", "/jwks"))
    assert log_in_through(client).status_code == 302
    assert idp.log.count(("GET", "/jwks")) == jwks_fetches + 1


def test_a_replayed_callback_is_refused_because_its_state_was_used(client, idp, parent):
    link(parent, idp)
    location = provider_redirect(leave_for_provider(client))
    assert come_back(client, location).status_code == 302
    client.logout()
    again = come_back(client, location)
    assert again.status_code == 403
    assert "Begin opnieuw met inloggen" in again.content.decode()
    assert refusal("state")


def test_a_replayed_code_is_refused_by_the_provider(client, idp, parent):
    link(parent, idp)
    first = provider_redirect(leave_for_provider(client))
    code = parse_qs(urlsplit(first).query)["code"][0]
    assert come_back(client, first).status_code == 302
    client.logout()
    # a new attempt (new state) that comes back with the old code
    state = parse_qs(urlsplit(leave_for_provider(client)).query)["state"][0]
    response = client.get(CALLBACK, {"code": code, "state": state})
    assert response.status_code == 403
    assert "De inlogcode is al gebruikt of verlopen" in response.content.decode()
    assert refusal("code_rejected")
    assert not is_logged_in(client)


def test_a_state_this_browser_did_not_start_is_refused(client, idp, parent):
    link(parent, idp)
    location = provider_redirect(leave_for_provider(Client()))  # begun in another browser
    response = come_back(client, location)
    assert response.status_code == 403
    assert "niet in deze browser begonnen" in response.content.decode()
    assert refusal("state")
    response = client.get(CALLBACK, {"code": "x"})  # no state at all
    assert response.status_code == 403
    assert AuditEvent.objects.filter(code="account.oidc_login_refused", data__reason="state").count() == 2


def test_an_answer_naming_another_issuer_is_refused_before_the_code_is_used(client, idp, parent):
    link(parent, idp)
    location = provider_redirect(leave_for_provider(client))
    parts = urlsplit(location)
    response = client.get(parts.path, {**dict(parse_qsl(parts.query)), "iss": "https://nep.example"})
    assert response.status_code == 403
    assert refusal("issuer")
    assert ("POST", "/token") not in idp.log


def test_a_wrong_client_secret_is_refused_without_logging_in(client, settings, idp, parent):
    link(parent, idp)
    settings.KRING_OIDC_CLIENT_SECRET = "verkeerd"
    response = log_in_through(client)
    assert response.status_code == 403
    assert refusal("provider_error")
    assert not is_logged_in(client)


def test_an_unreachable_provider_gets_a_clear_page(client, settings, idp):
    settings.KRING_OIDC_ISSUER = "http://127.0.0.1:9"  # discard port: nothing listens
    settings.KRING_OIDC_TIMEOUT = 2
    response = client.get(START)
    assert response.status_code == 403
    assert "De inlogdienst is nu niet bereikbaar" in response.content.decode()
    assert refusal("unreachable")


def test_an_inactive_account_is_refused(client, idp, parent):
    link(parent, idp)
    parent.is_active = False
    parent.save()
    response = log_in_through(client)
    assert response.status_code == 403
    assert refusal("inactive")


# ---------------------------------------------------------------- the level of the login (acr)


def test_a_login_at_a_lower_level_asks_the_code_from_the_app(client, idp, parent):
    link(parent, idp)
    device = make_totp_device(parent)
    idp.acr = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"  # basis
    response = log_in_through(client, next="/casussen/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:otp"))
    assert client.get("/").status_code == 302  # not verified yet
    event = AuditEvent.objects.get(code="account.oidc_logged_in")
    assert event.data["level"] == "basis" and event.data["second_step"] is True
    response = client.post(response.url, {"code": totp_code(device)})
    assert response.status_code == 302 and response.url == "/casussen/"
    assert client.get("/").status_code == 200
    assert "account.logged_in" in codes()


def test_a_login_at_a_lower_level_without_an_app_is_refused(client, idp, parent):
    link(parent, idp)
    idp.acr = None  # the provider names no level at all
    response = log_in_through(client)
    assert response.status_code == 403
    assert "te laag niveau" in response.content.decode()
    assert refusal("level").actor == parent
    assert not is_logged_in(client)


def test_the_required_level_is_a_setting_and_a_level_may_be_named_by_its_word(client, settings, idp, parent):
    link(parent, idp)
    settings.KRING_OIDC_MIN_ACR = "substantieel"
    assert log_in_through(client).status_code == 403  # midden is no longer enough
    client.logout()
    idp.acr = "substantieel"
    assert log_in_through(client).status_code == 302
    assert client.get("/").status_code == 200


def test_the_required_level_can_be_asked_of_the_provider(client, settings, idp, parent):
    settings.KRING_OIDC_REQUEST_ACR = True
    query = parse_qs(urlsplit(leave_for_provider(client)).query)
    assert query["acr_values"] == ["urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"]


# ---------------------------------------------------------------- professionals


def test_professionals_log_in_with_a_password_unless_the_setting_allows_the_provider(
    client, settings, idp, make_user
):
    professional = make_user(role=Role.INTERN_BEGELEIDER)
    link(professional, idp)
    response = log_in_through(client)
    assert response.status_code == 403
    assert "Als professional log je in met je gebruikersnaam" in response.content.decode()
    assert refusal("professional_password").actor == professional
    settings.KRING_OIDC_PROFESSIONALS = "either"
    assert log_in_through(client).status_code == 302
    assert client.get("/").status_code == 200


def test_professionals_may_be_required_to_use_the_provider(client, settings, idp, make_user):
    settings.KRING_OIDC_PROFESSIONALS = "oidc"
    professional = make_user(role=Role.INTERN_BEGELEIDER, username="ib")
    response = client.post(LOGIN, {"username": "ib", "password": DEFAULT_PASSWORD})
    assert response.status_code == 200
    assert "Als professional log je in via de knop hierboven" in response.content.decode()
    assert not is_logged_in(client)
    link(professional, idp)
    assert log_in_through(client).status_code == 302
    assert client.get("/").status_code == 200


def test_with_the_provider_required_a_parent_keeps_the_password_login(client, settings, idp, make_user):
    settings.KRING_OIDC_PROFESSIONALS = "oidc"
    settings.KRING_REQUIRE_2FA = False
    make_user(role=Role.OUDER, username="ouder")
    response = client.post(LOGIN, {"username": "ouder", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302


# ---------------------------------------------------------------- linking: invitation hook, own account

INVITED_SESSION_KEY = "test_invited_user"


def invitation_hook(request, login):
    """What the invitation flow plugs in: the account of the invitation this session opened."""
    user_id = request.session.pop(INVITED_SESSION_KEY, None)
    assert login.subject_hash and "fake-person" not in repr(login)
    return User.objects.filter(pk=user_id).first() if user_id else None


def test_an_invitation_in_the_session_links_the_first_login(client, settings, idp, parent):
    settings.KRING_OIDC_LINK_HOOKS = [f"{__name__}.invitation_hook"]
    session = client.session
    session[INVITED_SESSION_KEY] = parent.pk
    session.save()
    response = log_in_through(client)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == parent.pk
    identity = ExternalIdentity.objects.get(user=parent)
    assert identity.linked_via == "uitnodiging" and identity.issuer == idp.issuer
    assert codes() == ["account.oidc_linked", "account.oidc_logged_in"]
    client.logout()
    assert log_in_through(client).status_code == 302  # the next time, the link alone suffices


def test_an_account_links_only_one_login_per_provider(client, settings, idp, parent):
    link(parent, idp, subject="someone-else")
    settings.KRING_OIDC_LINK_HOOKS = [f"{__name__}.invitation_hook"]
    session = client.session
    session[INVITED_SESSION_KEY] = parent.pk
    session.save()
    response = log_in_through(client)
    assert response.status_code == 403
    assert refusal("already_linked")
    assert ExternalIdentity.objects.filter(user=parent).count() == 1


def test_a_verified_person_links_their_own_account(client, idp, parent):
    login_verified(client, parent)
    response = log_in_through(client, koppelen="1")
    assert response.status_code == 302
    assert ExternalIdentity.objects.get(user=parent).linked_via == "account"
    client.logout()
    assert log_in_through(client).status_code == 302
    assert int(client.session["_auth_user_id"]) == parent.pk


def test_linking_needs_a_verified_login_first(client, idp):
    response = client.get(START, {"koppelen": "1"})
    assert response.status_code == 302 and response.url.startswith(LOGIN)


# ---------------------------------------------------------------- no BSN, no token


def _session_texts() -> str:
    return " ".join(Session.objects.values_list("session_data", flat=True))


def _decoded_sessions() -> str:
    return json.dumps([s.get_decoded() for s in Session.objects.all()])


def test_a_bsn_as_subject_is_never_stored_logged_or_written_to_the_logbook(client, idp, parent, caplog):
    caplog.set_level(logging.DEBUG)
    idp.subject = BSN
    response = log_in_through(client)  # unknown first
    assert "nog niet bekend" in response.content.decode()
    link(parent, idp, subject=BSN)
    idp.sign_with_other_key = True
    log_in_through(client)  # refused
    idp.sign_with_other_key = False
    assert log_in_through(client).status_code == 302  # and logged in
    client.post(reverse("accounts:logout"))
    texts = [caplog.text, _decoded_sessions(), _session_texts()]
    texts += [json.dumps(e.data) + e.message for e in AuditEvent.objects.all()]
    texts += [json.dumps(list(ExternalIdentity.objects.values()), default=str)]
    assert not any(BSN in text for text in texts)
    assert not any(base64.b64encode(BSN.encode()).decode() in text for text in texts)
    assert "eyJ" not in caplog.text + _decoded_sessions()  # no JWT either


# ---------------------------------------------------------------- logging out


def test_logging_out_also_logs_out_at_the_provider(client, idp, parent):
    link(parent, idp)
    log_in_through(client)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response.url.startswith(idp.issuer + "/logout?")
    query = parse_qs(urlsplit(response.url).query)
    assert query["client_id"] == ["kring-test"]
    assert query["post_logout_redirect_uri"] == ["http://testserver" + LOGIN]
    assert "id_token_hint" not in query  # Kring keeps no token
    assert provider_redirect(response.url) == "http://testserver" + LOGIN
    assert not is_logged_in(client)
    event = AuditEvent.objects.get(code="account.oidc_logged_out")
    assert event.data == {"user_id": parent.pk, "at_provider": True}


def test_without_an_end_session_endpoint_logging_out_stays_in_kring(client, idp, parent):
    idp.with_end_session = False
    link(parent, idp)
    log_in_through(client)
    response = client.post(reverse("accounts:logout"))
    assert response.url == reverse("accounts:login")
    assert AuditEvent.objects.get(code="account.oidc_logged_out").data["at_provider"] is False


def test_a_password_login_logs_out_in_kring_only(client, settings, idp, make_user):
    settings.KRING_REQUIRE_2FA = False
    make_user(username="anne")
    client.post(LOGIN, {"username": "anne", "password": DEFAULT_PASSWORD})
    response = client.post(reverse("accounts:logout"))
    assert response.url == reverse("accounts:login")
    assert not AuditEvent.objects.filter(code="account.oidc_logged_out").exists()


# ---------------------------------------------------------------- configuration


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("KRING_OIDC_ISSUER", "http://idp.example", "https"),
        ("KRING_OIDC_CLIENT_SECRET", "", "CLIENT_SECRET"),
        ("KRING_OIDC_MIN_ACR", "middel", "basis, midden"),
        ("KRING_OIDC_PROFESSIONALS", "soms", "password, either, oidc"),
        ("KRING_OIDC_ACR_VALUES", ["a", "b"], "four values"),
    ],
)
def test_an_unsafe_or_incomplete_configuration_is_refused(settings, idp, name, value, message):
    setattr(settings, name, value)
    with pytest.raises(ImproperlyConfigured, match=message):
        oidc_config.get_config()


def test_the_provider_origin_is_a_form_target_for_logging_out():
    from kring.settings.base import oidc_form_action

    assert oidc_form_action("", []) == []
    assert oidc_form_action("https://makelaar.example/oidc", ["https://uit.example"]) == [
        "https://makelaar.example",
        "https://uit.example",
    ]


def test_a_broken_configuration_leaves_the_password_login_working(client, settings, idp, make_user):
    settings.KRING_OIDC_CLIENT_SECRET = ""
    settings.KRING_REQUIRE_2FA = False
    make_user(username="anne")
    page = client.get(LOGIN)
    assert page.status_code == 200 and "Inloggen met DigiD" not in page.content.decode()
    assert client.post(LOGIN, {"username": "anne", "password": DEFAULT_PASSWORD}).status_code == 302


def test_kring_check_reports_a_bad_configuration(settings, idp):
    from kring.accounts.oidc.checks import oidc_configuration

    assert oidc_configuration() == []
    settings.KRING_OIDC_CLIENT_ID = ""
    (error,) = oidc_configuration()
    assert error.id == "kring_oidc.E001" and "CLIENT_ID" in error.msg
    settings.KRING_OIDC_ISSUER = ""
    assert oidc_configuration() == []


def test_deleting_the_link_ends_the_sessions_that_logged_in_through_it(client, idp, parent):
    identity = link(parent, idp)
    log_in_through(client)
    assert client.get("/").status_code == 200
    identity.delete()
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_a_discovery_document_that_redirects_is_not_followed(client, settings, idp, monkeypatch):
    # followed, the redirect would reach a real discovery document (and fail on its issuer instead)
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Redirect(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(302)
            self.send_header("Location", idp.issuer + "/.well-known/openid-configuration")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        settings.KRING_OIDC_ISSUER = f"http://127.0.0.1:{server.server_address[1]}"
        response = client.get(START)
        assert response.status_code == 403
        assert refusal("unreachable")
    finally:
        server.shutdown()
        server.server_close()


def test_oidc_status_reads_the_discovery_document_and_names_what_to_register(settings, idp):
    import io

    from django.core.management import CommandError, call_command

    out = io.StringIO()
    call_command("oidc_status", stdout=out)
    text = out.getvalue()
    assert f"token_endpoint:         {idp.issuer}/token (client_secret_basic)" in text
    assert "register redirect URI:  http://testserver/account/extern/terug/" in text
    assert idp.client_secret not in text
    settings.KRING_OIDC_ISSUER = "http://127.0.0.1:9"
    settings.KRING_OIDC_TIMEOUT = 2
    with pytest.raises(CommandError, match="unreachable"):
        call_command("oidc_status", stdout=io.StringIO())
