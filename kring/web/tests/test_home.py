"""The home page per role, the page shell (navigation, language, demo banner) and error pages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from kring.accounts.roles import FAMILY_ROLES, Role
from kring.accounts.testing import login_verified
from kring.agenda.selectors import AgendaItem
from kring.web.roles import ROLE_INTROS
from kring.web.testing import assert_csp_safe_html

PROFESSIONAL_ROLES = [role for role in Role if role not in FAMILY_ROLES]


def test_home_needs_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == reverse("accounts:login") + "?next=/"


@pytest.mark.parametrize("role", PROFESSIONAL_ROLES, ids=[r.value for r in PROFESSIONAL_ROLES])
def test_home_shows_name_role_and_organisation(client, make_user, role):
    user = make_user(role=role, first_name="Sam", last_name="Jansen")
    login_verified(client, user)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Welkom, Sam Jansen" in html
    assert str(role.label) in html
    assert user.organisation.name in html
    assert str(escape(ROLE_INTROS[role])) in html
    assert 'id="agenda"' in html
    assert "Er staat niets op je agenda." in html
    assert_csp_safe_html(html)


@pytest.mark.parametrize("role", sorted(FAMILY_ROLES), ids=[r.value for r in sorted(FAMILY_ROLES)])
def test_family_gets_their_own_home_page(client, make_user, role):
    login_verified(client, make_user(role=role, first_name="Fatima", last_name="El Amrani"))
    html = client.get("/").content.decode()
    assert "Welkom, Fatima El Amrani" in html
    # Only what exists: no "soon you can..." (before, the page promised the whole file "binnenkort")
    assert "Binnenkort" not in html and "Wat er nog komt" not in html
    assert 'href="/steunpunt/vraag-stellen/"' in html
    assert "Agenda" not in html  # no professional navigation or agenda
    # A parent is pointed to the circle around their child; a pupil's account is not linked yet.
    assert ('href="/casussen/gezin/"' in html) == (role == "ouder")


def test_every_role_has_an_intro():
    assert set(ROLE_INTROS) == set(PROFESSIONAL_ROLES)


def test_agenda_include_renders_items(rf, make_user):
    import datetime

    from django.template.loader import render_to_string

    items = [
        AgendaItem(
            when=datetime.date(2026, 3, 2), title="Overleg kring Noor", url="/kring/1/", label="Overleg"
        ),
        AgendaItem(when=datetime.date(2026, 3, 5), title="Zorgplicht verloopt", urgent=True, label="Termijn"),
    ]
    html = render_to_string("web/_agenda.html", {"agenda_items": items})
    assert "Er staat niets op je agenda." not in html
    assert '<a class="utrecht-link utrecht-link--html-a" href="/kring/1/">Overleg kring Noor</a>' in html
    assert "Let op" in html
    assert 'datetime="2026-03-05"' in html


def test_shell_has_landmarks_skip_link_navigation_and_post_forms(client, make_user):
    login_verified(client, make_user())
    html = client.get("/").content.decode()
    assert 'href="#main">Direct naar de inhoud</a>' in html
    assert '<main id="main"' in html
    assert '<nav class="utrecht-nav-bar kring-nav" aria-label="Hoofdmenu">' in html
    assert 'aria-current="page">Home</a>' in html
    assert 'href="/#agenda">Agenda</a>' in html
    assert 'method="post" action="/account/uitloggen/"' in html
    assert 'method="post" action="/i18n/setlang/"' in html
    assert 'class="voorbeeld-theme' in html
    assert "<footer" in html


def test_unverified_user_sees_no_navigation_on_the_code_step(client, make_user, settings):
    from kring.accounts.testing import make_totp_device
    from kring.core.testing import DEFAULT_PASSWORD

    settings.KRING_REQUIRE_2FA = True
    user = make_user(username="anne")
    make_totp_device(user)
    client.post("/account/inloggen/", {"username": "anne", "password": DEFAULT_PASSWORD})
    html = client.get("/account/tweede-stap/").content.decode()
    assert "Hoofdmenu" not in html
    assert "Uitloggen" in html


def test_demo_banner_when_demo_and_two_factor_off(client, settings):
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = False
    html = client.get("/account/inloggen/").content.decode()
    assert "Demo-omgeving:" in html
    assert "fictieve kinderen, tweestapsverificatie staat uit." in html


def test_demo_banner_when_demo_and_two_factor_on(client, settings):
    settings.KRING_DEMO = True
    settings.KRING_REQUIRE_2FA = True
    html = client.get("/account/inloggen/").content.decode()
    assert "Demo-omgeving:" in html
    assert "tweestapsverificatie staat uit" not in html


def test_no_demo_banner_outside_the_demo(client, settings):
    settings.KRING_DEMO = False
    assert "Demo-omgeving" not in client.get("/account/inloggen/").content.decode()


def test_language_switch_to_english(client, make_user):
    login_verified(client, make_user(first_name="Sam", last_name="Jansen"))
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert "Welcome, Sam Jansen" in html
    assert "Skip to content" in html
    assert "Log out" in html
    assert "There is nothing on your agenda." in html
    assert ">Nederlands</button>" in html  # and back again
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert "Welkom, Sam Jansen" in client.get("/").content.decode()


def test_login_page_in_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/account/inloggen/"})
    html = client.get("/account/inloggen/").content.decode()
    assert "Log in to Kring" in html
    assert "Username" in html


def test_404_page_in_kring_style(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet" in html
    assert "kring/kring.css" in html
    assert_csp_safe_html(html)


def test_403_page_in_kring_style(rf):
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    request = rf.get("/")
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "Je hebt geen toegang tot deze pagina" in response.content.decode()


def test_500_page_renders_without_a_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Er ging iets mis in Kring" in html
    assert "csrfmiddlewaretoken" not in html
    assert_csp_safe_html(html)


@pytest.mark.parametrize(
    ("role", "visible", "hidden"),
    [
        # professionals in a circle or with a statutory task find their cases
        ("intern_begeleider", ["Casussen"], ["Instellingen van de regio", "De kring rond je kind"]),
        ("leerplichtambtenaar", ["Casussen"], ["Instellingen van de regio"]),
        # the director of a samenwerkingsverband also sets the region's norms and ladder
        ("swv_directeur", ["Casussen", "Instellingen van de regio"], ["De kring rond je kind"]),
        # functioneel beheer configures, but sees no children
        ("functioneel_beheerder", ["Instellingen van de regio"], ["Casussen"]),
        # the inspectorate sees no individual children in v1
        ("inspecteur", [], ["Casussen", "Instellingen van de regio"]),
        # a parent finds the circle around their child
        ("ouder", ["De kring rond je kind"], ["Casussen", "Instellingen van de regio"]),
        ("leerling", [], ["Casussen", "De kring rond je kind"]),
    ],
)
def test_the_navigation_shows_what_the_role_is_for(client, make_user, role, visible, hidden):
    login_verified(client, make_user(role=role))
    nav = client.get("/").content.decode().split('aria-label="Hoofdmenu"', 1)[-1].split("</nav>", 1)[0]
    for label in visible:
        assert f">{label}</a>" in nav, label
    for label in hidden:
        assert f">{label}</a>" not in nav, label
