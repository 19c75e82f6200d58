"""Pages and lists show a limited circle member no more than the API does (issue 9, blocker 2):
the signal text and phase changes with reasons, and the assessment's facts (thuiszitter category
and days, statutory terms) only with a scope that shows them (`kring.access.scopes.SECTIONS`)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kring.access import policy
from kring.access.scopes import SECTIONS, Section
from kring.accounts.testing import login_verified
from kring.agenda.selectors import agenda_for
from kring.cases import services
from kring.cases.models import CaseStatus, Visibility
from kring.children.readmodel import current_assessment
from kring.children.services import record_event

from .test_parity import SIGNAL, Setup, make_setup

pytestmark = pytest.mark.django_db

PHASE_REASON = "Het signaal is opgepakt door de leerplichtambtenaar."


@pytest.fixture
def setup(db: object) -> Setup:
    s = make_setup()
    today = timezone.localdate()
    # Absent without leave for five weeks: a thuiszitter (langdurig relatief verzuim).
    record_event(
        actor=None,
        child=s.world.child,
        type="afwezig",
        date=today - timedelta(days=35),
        data={"reden": "ongeoorloofd"},
    )
    services.transition_case(
        actor=s.people["lpa"],
        case=s.case,
        to_status=CaseStatus.VERKENNING,
        reason=PHASE_REASON,
        on=today,
        expected_version=s.case.version,
    )
    s.case.refresh_from_db()
    current_assessment(s.world.child, today=today)  # stored, as the nightly job would
    return s


def page(s: Setup, person: str, path: str) -> str:
    client = Client()
    login_verified(client, s.people[person])
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_the_table_is_the_one_place_and_is_ordered() -> None:
    assert SECTIONS[Visibility.ALLEEN_AFSPRAKEN] < SECTIONS[Visibility.KRING_EN_AFSPRAKEN]
    assert SECTIONS[Visibility.KRING_EN_AFSPRAKEN] < SECTIONS[Visibility.VOLLEDIG]
    assert Section.ASSESSMENT not in SECTIONS[Visibility.KRING_EN_AFSPRAKEN]


def test_the_case_page_hides_the_signal_and_the_phase_reasons_from_a_limited_member(setup: Setup) -> None:
    detail = reverse("cases:detail", args=[setup.case.pk])
    full = page(setup, "lpa", detail)
    assert SIGNAL in full and PHASE_REASON in full
    limited = page(setup, "jeugdhulp", detail)
    assert SIGNAL not in limited and PHASE_REASON not in limited
    circle = page(setup, "steunpunt", detail)  # "kring en afspraken" shows the signal and history
    assert SIGNAL in circle and PHASE_REASON in circle


def test_the_case_list_and_export_show_assessment_facts_only_with_the_whole_file(setup: Setup) -> None:
    listing = reverse("cases:list")
    cell = "Langdurig relatief verzuim<span"  # the category in the list's row, with its days
    full = page(setup, "lpa", listing)
    assert cell in full  # the sanity check: the fact is there to hide
    for person in ("jeugdhulp", "steunpunt"):
        assert cell not in page(setup, person, listing), person
        # Filtering on the category would tell it too: nothing matches for them.
        filtered = page(setup, person, listing + "?thuiszitter=langdurig_relatief_verzuim")
        assert setup.world.child.last_name not in filtered, person
        export = page(setup, person, reverse("cases:export"))
        assert "Langdurig relatief verzuim" not in export, person
    assert "Langdurig relatief verzuim" in page(setup, "lpa", reverse("cases:export"))


def test_the_api_lists_and_child_show_facts_and_parents_only_with_the_scope(setup: Setup) -> None:
    def api(person: str) -> APIClient:
        client = APIClient()
        client.force_authenticate(setup.people[person])
        return client

    full = api("lpa").get("/api/v1/cases/").json()["results"][0]
    assert full["assessment"]["thuiszitter_category"] == "langdurig_relatief_verzuim"
    for person in ("jeugdhulp", "steunpunt"):
        row = api(person).get("/api/v1/cases/").json()["results"][0]
        assert row["assessment"] is None, person
        assert api(person).get(f"/api/v1/cases/{setup.case.pk}/").json()["assessment"] is None, person
        filtered = api(person).get("/api/v1/cases/?thuiszitter=langdurig_relatief_verzuim").json()
        assert filtered["results"] == [], person
    child = f"/api/v1/children/{setup.world.child.pk}/"
    assert api("jeugdhulp").get(child).json()["representatives"] == []
    assert api("jeugdhulp").get("/api/v1/children/").json()["results"][0]["representatives"] == []
    assert [r["name"] for r in api("steunpunt").get(child).json()["representatives"]] == [
        setup.world.parent_rep.name
    ]


def test_the_agenda_shows_statutory_terms_only_to_those_who_see_the_assessment(setup: Setup) -> None:
    lpa_titles = [item.title for item in agenda_for(user=setup.people["lpa"])]
    terms = [t for t in lpa_titles if setup.world.child.first_name in t]
    assert terms  # the sanity check
    for person in ("jeugdhulp", "steunpunt"):
        user = setup.people[person]
        assert not policy.children_showing(user, Section.ASSESSMENT).exists()
        for item in agenda_for(user=user):
            assert item.label != "Termijn", (person, item)
