"""The OPP's pages: the school's form refuses what the law does not allow with its source and keeps
what was typed; the family sees the version and consents on its own page; the PDF downloads; the
next step after handelingsverlegen is on the agenda."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kring.accounts.testing import login_verified
from kring.opp import services
from kring.opp.models import OppConsent, OppVersion
from kring.opp.testing import draw_up, enrolled_world
from kring.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: Any) -> Any:
    return enrolled_world()


def _client(user: Any) -> Client:
    client = Client()
    login_verified(client, user)
    return client


def test_the_form_names_the_law_and_keeps_what_was_typed(world: Any) -> None:
    client = _client(world.user("ib"))
    response = client.post(
        reverse("opp:new", args=[world.child.pk]),
        {
            "school": world.school.pk,
            "vastgesteld_on": timezone.localdate().isoformat(),
            "needs": "Een vaste plek in de klas.",
            "uitstroomperspectief": "vmbo kader",
            "goals": "Rekenen op niveau.",
            "child_words": "Ik wil in een groepje.",
            "child_input": "niet_veranderd",
            "actions[0].what": "Rekenen in een groepje",
            "actions[0].who": "RT",
            "actions[0].how_often": "2 keer per week",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "WPO art. 40a" in page  # the onderbouwing is missing
    assert "Kies wie het betaalt" in page  # the action has no payer
    assert "Een vaste plek in de klas." in page and "Rekenen in een groepje" in page
    assert not OppVersion.objects.exists()


def test_the_school_draws_up_the_opp_and_sees_it(world: Any) -> None:
    client = _client(world.user("ib"))
    assert client.get(reverse("opp:new", args=[world.child.pk])).status_code == 200
    version = draw_up(world)
    page = client.get(reverse("opp:child", args=[world.child.pk])).content.decode()
    assert "Versie 1" in page and "Nog geen besluit" in page
    detail = client.get(reverse("opp:version", args=[world.child.pk, version.pk])).content.decode()
    assert "Ik wil graag in een klein groepje rekenen" in detail and "Het samenwerkingsverband" in detail
    assert AuditEvent.objects.filter(code="opp.viewed", actor=world.user("ib")).exists()


def test_the_parent_consents_on_the_familys_page(world: Any) -> None:
    version = draw_up(world)
    client = _client(world.user("ouder"))
    child_page = client.get(reverse("portal:child", args=[world.child.pk])).content.decode()
    assert "De school wacht op jullie besluit over het handelingsdeel." in child_page
    url = reverse("portal:opp", args=[world.child.pk, version.pk])
    page = client.get(url).content.decode()
    assert "Jouw besluit over het handelingsdeel" in page and "Remedial teacher" in page
    refused = client.post(url, {"decision": "bezwaar", "note": ""})
    assert "Schrijf op waarom je niet instemt" in refused.content.decode()
    response = client.post(url, {"decision": "instemming"})
    assert response.status_code == 302
    consent = OppConsent.objects.get(version=version)
    assert (consent.decision, consent.channel) == ("instemming", "kring")
    school_page = _client(world.user("ib")).get(reverse("opp:child", args=[world.child.pk])).content.decode()
    assert "Instemming met het handelingsdeel" in school_page


def test_a_version_downloads_as_a_pdf(world: Any) -> None:
    version = draw_up(world)
    response = _client(world.user("ouder")).get(reverse("opp:pdf", args=[world.child.pk, version.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(code="opp.pdf_exported").count() == 1


def test_the_next_step_after_handelingsverlegen_is_on_the_agenda(world: Any) -> None:
    from kring.opp.agenda import NextSteps

    draw_up(world)
    services.declare_handelingsverlegen(
        actor=world.user("ib"),
        child=world.child,
        school=world.school,
        declared_on=timezone.localdate(),
        unmet_needs="Een kleine klas.",
        opp_explanation="Het OPP is nog niet geëvalueerd: het is net opgesteld.",
        parents_involved="Gesprek met de ouders.",
        child_involved="Ze zegt dat het te druk is.",
        school_development="Scholing voor het team.",
        swv_offered="Een ambulant begeleider.",
        next_step="Overleg over een plek in het sbo",
        next_step_who="Consulent van het SWV",
        next_step_by=timezone.localdate() + timedelta(days=5),
    )
    entries = NextSteps().for_user(world.user("consulent"), today=timezone.localdate())
    assert [e.title for e in entries] == [
        "Volgende stap na 'handelingsverlegen': Overleg over een plek in het sbo (Consulent van het SWV)"
    ]
    page = _client(world.user("ouder")).get(reverse("opp:child", args=[world.child.pk])).content.decode()
    assert "Scholing voor het team." in page  # visible to the family


def test_handelingsverlegen_without_an_evaluated_opp_asks_why(world: Any) -> None:
    client = _client(world.user("ib"))
    response = client.post(
        reverse("opp:handelingsverlegen", args=[world.child.pk]),
        {"school": world.school.pk, "declared_on": timezone.localdate().isoformat(), "unmet_needs": "Rust."},
    )
    page = response.content.decode()
    assert "Het OPP is nog niet opgesteld en uitgevoerd en geëvalueerd" in page
    assert "een begin, geen einde" in page and "Rust." in page
