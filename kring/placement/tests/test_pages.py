"""Placement's pages as a school, the samenwerkingsverband and the family use them: the refusal
keeps what was typed and names what is missing; the case page and the family's view show the
waiting list with the school that stays responsible."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from kring.accounts.testing import login_verified
from kring.cases import services as case_services
from kring.placement import services
from kring.placement.models import TlvRequest
from kring.placement.testing import (
    PlacementWorld,
    draw_up_opp,
    evaluate_opp,
    make_placement_world,
    two_advices,
)
from kring.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def pw() -> PlacementWorld:
    return make_placement_world()


def _client(pw: PlacementWorld, who: str) -> Client:
    client = Client()
    login_verified(client, pw.world.user(who))
    return client


def _form(pw: PlacementWorld) -> dict[str, str]:
    day = (pw.today - timedelta(days=2)).isoformat()
    return {
        "school": str(pw.world.school.pk),
        "soort": "sbo",
        "received_on": pw.today.isoformat(),
        "reason": "Noor loopt vast in de grote groep.",
        "parents_view": "Wij willen De Brug.",
        "child_view": "Ik wil een kleine klas.",
        "advice_1_name": "Drs. Orthopedagoog",
        "advice_1_functie": "orthopedagoog",
        "advice_1_given_on": day,
        "advice_1_advice": "Sbo past.",
        "advice_2_name": "Maatschappelijk Werker",
        "advice_2_functie": "maatschappelijk_werker",
        "advice_2_given_on": day,
        "advice_2_advice": "Eens.",
        "target_school": str(pw.sbo.pk),
        "waiting_position": "2",
    }


def test_the_request_form_refuses_without_an_evaluated_opp_and_keeps_what_was_typed(
    pw: PlacementWorld,
) -> None:
    client = _client(pw, "ib")
    url = reverse("placement:tlv_new", args=[pw.child.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _form(pw))
    page = response.content.decode()
    assert response.status_code == 200
    assert "nog niet opgesteld, uitgevoerd en geëvalueerd" in page and "WPO artikel 40a" in page
    assert "Noor loopt vast in de grote groep." in page and "Drs. Orthopedagoog" in page
    assert not TlvRequest.objects.exists()
    draw_up_opp(pw, on=pw.today - timedelta(days=100))
    evaluate_opp(pw, on=pw.today - timedelta(days=5))
    response = client.post(url, _form(pw))
    tlv = TlvRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("placement:tlv", args=[tlv.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Wij willen De Brug." in page and "Drs. Orthopedagoog" in page
    assert AuditEvent.objects.filter(code="placement.tlv_viewed", child_id=pw.child.pk).exists()


def test_the_swv_decides_on_its_page_and_the_school_may_not(pw: PlacementWorld) -> None:
    draw_up_opp(pw, on=pw.today - timedelta(days=100))
    evaluate_opp(pw, on=pw.today - timedelta(days=5))
    tlv = services.request_tlv(
        actor=pw.world.user("ib"),
        child=pw.child,
        school=pw.world.school,
        soort="sbo",
        received_on=pw.today,
        advices=two_advices(pw.today),
        parents_view="Ja.",
        child_view="Ja.",
        target_school=pw.sbo,
        place_confirmed=True,
    )
    url = reverse("placement:tlv_decide", args=[tlv.pk])
    assert _client(pw, "ib").get(url).status_code == 403
    client = _client(pw, "consulent")
    response = client.post(
        url, {"outcome": "toegekend", "decided_on": pw.today.isoformat(), "motivation": "x"}
    )
    page = response.content.decode()
    assert (
        response.status_code == 200
        and "Vul in voor hoeveel schooljaren" in page
        and "kopie van de adviezen" in page
    )
    response = client.post(
        url,
        {
            "outcome": "toegekend",
            "decided_on": pw.today.isoformat(),
            "schooljaren": "2",
            "volgnummer": "TLV-2026-7",
            "motivation": "Eensluidend advies.",
            "advice_copy_to_parents": "on",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("placement:tlv", args=[tlv.pk])).content.decode()
    assert "TLV-2026-7" in page and "LBT" in page


def test_waiting_list_shows_on_the_case_page_and_in_the_familys_view(pw: PlacementWorld) -> None:
    consulent = _client(pw, "consulent")
    response = consulent.post(
        reverse("placement:waiting_add", args=[pw.child.pk]),
        {"school": str(pw.sbo.pk), "since": (pw.today - timedelta(days=20)).isoformat()},
    )
    assert response.status_code == 302
    responsible = f"blijft {pw.world.school.organisation.name} verantwoordelijk"
    lists = consulent.get(reverse("placement:waiting_lists")).content.decode()
    assert pw.child.last_name in lists and "20 dagen" in lists
    case = case_services.open_case(
        actor=pw.world.user("lpa"),
        child=pw.child,
        signal_kind="verzuim",
        signal_description="Thuis.",
        opened_on=pw.today,
    )
    page = _client(pw, "lpa").get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert responsible in page
    family = _client(pw, "ouder").get(reverse("portal:child", args=[pw.child.pk])).content.decode()
    assert responsible in family and "SBO De Brug" in family


def test_the_support_profile_page(pw: PlacementWorld) -> None:
    client = _client(pw, "ib")
    url = reverse("placement:support_profile")
    response = client.post(
        url, {"school": str(pw.world.school.pk), "level": "", "category": "", "description": ""}
    )
    assert "Beschrijf kort wat de school biedt." in response.content.decode()
    response = client.post(
        url,
        {
            "school": str(pw.world.school.pk),
            "level": "extra",
            "category": "gedrag",
            "description": "Time-out",
        },
    )
    assert response.status_code == 302
    region = _client(pw, "consulent").get(reverse("placement:region")).content.decode()
    assert pw.world.school.organisation.name in region
    assert _client(pw, "consulent").get(url).status_code == 403


def test_the_region_sets_its_checklist_on_its_settings_page(pw: PlacementWorld) -> None:
    client = _client(pw, "directeur")
    response = client.post(reverse("regions:settings"), {"part": "tlv", "tlv-require_opp": "on"})
    assert response.status_code == 302
    from kring.regions.norms import tlv_checklist

    checklist = tlv_checklist(pw.world.swv)
    assert checklist.require_opp and not checklist.require_parents_view
