"""Logging in with a password: messages, what stays filled in, the logbook, lockout, logout."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kring.accounts.roles import Role
from kring.core.testing import DEFAULT_PASSWORD
from kring.privacy.models import AuditAction, AuditEvent

LOGIN = "/account/inloggen/"


@pytest.fixture
def no_2fa(settings):
    settings.KRING_REQUIRE_2FA = False
    return settings


def test_login_page_renders_in_dutch(client, settings):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "Inloggen bij Kring" in html
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html


def test_login_page_says_when_two_factor_is_off(client, no_2fa):
    html = client.get(LOGIN).content.decode()
    assert "Tweestapsverificatie staat uit." in html


def test_login_page_says_a_code_follows_when_two_factor_is_on(client, settings):
    settings.KRING_REQUIRE_2FA = True
    html = client.get(LOGIN).content.decode()
    assert "Tweestapsverificatie staat uit." not in html
    assert "authenticator-app" in html


def test_successful_login_goes_home_and_writes_the_logbook(client, make_user, no_2fa):
    user = make_user(username="anne", first_name="Anne", last_name="de Vries")
    response = client.post(LOGIN, {"username": "anne", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("web:home")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN)
    assert event.actor == user
    assert event.message == "Anne de Vries is ingelogd."


def test_login_respects_a_safe_next_and_ignores_an_external_one(client, make_user, no_2fa):
    make_user(username="anne")
    response = client.post(LOGIN, {"username": "anne", "password": DEFAULT_PASSWORD, "next": "/?x=1"})
    assert response.url == "/?x=1"
    client.logout()
    response = client.post(
        LOGIN, {"username": "anne", "password": DEFAULT_PASSWORD, "next": "https://evil.example/"}
    )
    assert response.url == reverse("web:home")


def test_wrong_password_shows_a_clear_message_and_keeps_the_username(client, make_user, no_2fa):
    make_user(username="anne")
    response = client.post(LOGIN, {"username": "anne", "password": "verkeerd-wachtwoord"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "De gebruikersnaam of het wachtwoord klopt niet." in html
    assert 'value="anne"' in html
    assert "verkeerd-wachtwoord" not in html  # the password is never sent back
    assert not AuditEvent.objects.filter(action=AuditAction.LOGIN).exists()


def test_empty_fields_get_their_own_error(client, no_2fa):
    response = client.post(LOGIN, {"username": "anne", "password": ""})
    html = response.content.decode()
    assert "Vul je wachtwoord in." in html
    assert 'value="anne"' in html
    assert 'aria-invalid="true"' in html
    assert 'id="id_password_error"' in html
    assert 'aria-describedby="id_password_error"' in html


def test_five_failures_lock_the_login(client, make_user, no_2fa):
    make_user(username="anne")
    responses = [client.post(LOGIN, {"username": "anne", "password": f"fout-{i}"}) for i in range(5)]
    assert [r.status_code for r in responses[:4]] == [200] * 4
    locked = responses[4]
    assert locked.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in locked.templates]
    html = locked.content.decode()
    assert "Inloggen is tijdelijk geblokkeerd" in html
    assert "5 keer een verkeerd wachtwoord" in html
    assert "Probeer het over 30 minuten opnieuw" in html
    assert "functioneel beheerder" in html
    # Even the right password does not get in while locked.
    again = client.post(LOGIN, {"username": "anne", "password": DEFAULT_PASSWORD})
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_says_so(client, make_user, no_2fa):
    user = make_user()
    client.force_login(user)
    assert client.get("/account/uitloggen/").status_code == 405
    response = client.post("/account/uitloggen/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert "Je bent uitgelogd." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logged_in_user_visiting_login_goes_home(client, make_user, no_2fa):
    client.force_login(make_user())
    response = client.get(LOGIN)
    assert response.status_code == 302
    assert response.url == reverse("web:home")


def test_admin_lists_people_with_role_and_organisation(client, make_user, settings):
    from kring.accounts.testing import login_verified

    admin = make_user(role=Role.FUNCTIONEEL_BEHEERDER, username="beheer")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    make_user(username="anne", first_name="Anne", last_name="de Vries")
    login_verified(client, admin)
    response = client.get("/beheer/accounts/user/?q=anne")
    assert response.status_code == 200
    assert "de Vries" in response.content.decode()
    assert client.get(f"/beheer/accounts/user/{admin.pk}/change/").status_code == 200
