"""The TLV's facts reach the rules engine through the timeline gateway (catalog v2), and the pages
show what it computes: the decision term (AWB-413), the validity (TLV-04) and the objection term
(TLV-06), on the request page, the child's placement page, the case page and the family's view."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.formats import date_format

from kring.accounts.testing import login_verified
from kring.cases import services as case_services
from kring.children.models import TimelineEvent
from kring.placement import services
from kring.placement.selectors import tlv_terms
from kring.placement.testing import (
    PlacementWorld,
    draw_up_opp,
    evaluate_opp,
    make_placement_world,
    two_advices,
)

pytestmark = pytest.mark.django_db


def _day(d: date) -> str:
    return date_format(d, "j F Y")


@pytest.fixture
def pw() -> PlacementWorld:
    pw = make_placement_world()
    draw_up_opp(pw, on=pw.today - timedelta(days=100))
    evaluate_opp(pw, on=pw.today - timedelta(days=20))
    return pw


def test_the_request_and_the_decision_are_on_the_timeline_and_the_engine_computes_the_terms(
    pw: PlacementWorld,
) -> None:
    received = pw.today - timedelta(days=14)
    tlv = services.request_tlv(
        actor=pw.world.user("ib"),
        child=pw.child,
        school=pw.world.school,
        soort="sbo",
        received_on=received,
        advices=two_advices(received - timedelta(days=1)),
        parents_view="Ja.",
        child_view="Ja.",
        target_school=pw.sbo,
        place_confirmed=True,
    )
    types = list(TimelineEvent.objects.filter(child=pw.child).values_list("type", flat=True))
    assert types.count("tlv_aanvraag") == 1 and types.count("deskundigenadvies") == 2
    terms = tlv_terms(tlv, today=pw.today)
    # AWB-413: 8 weeks after receipt (shifted off a weekend or holiday), open
    assert terms.decision_due is not None and terms.decision_due.status == "open"
    assert received + timedelta(weeks=8) <= terms.decision_due.day <= received + timedelta(weeks=8, days=4)
    page = _client(pw, "consulent").get(reverse("placement:tlv", args=[tlv.pk])).content.decode()
    assert "Besluit uiterlijk" in page and _day(terms.decision_due.day) in page

    decided = pw.today - timedelta(days=2)
    services.decide_tlv(
        actor=pw.world.user("consulent"),
        tlv_request=tlv,
        outcome="toegekend",
        decided_on=decided,
        motivation="Eensluidend.",
        advice_copy_to_parents=True,
        schooljaren=2,
        volgnummer="TLV-2026-0099",
    )
    tlv.refresh_from_db()
    terms = tlv_terms(tlv, today=pw.today)
    assert (
        terms.valid_until is not None and terms.valid_until.day.month == 7 and terms.valid_until.day.day == 31
    )
    assert terms.objection_until is not None and terms.objection_until.status == "open"
    assert decided + timedelta(days=42) <= terms.objection_until.day <= decided + timedelta(days=46)
    objection = f"Je kunt bezwaar maken tot {_day(terms.objection_until.day)}."
    family = _client(pw, "ouder").get(reverse("portal:child", args=[pw.child.pk])).content.decode()
    assert objection in family and _day(terms.valid_until.day) in family
    child_page = _client(pw, "consulent").get(reverse("placement:child", args=[pw.child.pk])).content.decode()
    assert objection in child_page
    case = case_services.open_case(
        actor=pw.world.user("lpa"),
        child=pw.child,
        signal_kind="verzuim",
        signal_description="x",
        opened_on=pw.today,
    )
    # the school that asked sees the terms on the case page too (its panel)
    case_page = _client(pw, "ib").get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert objection in case_page


def _client(pw: PlacementWorld, who: str) -> Client:
    client = Client()
    login_verified(client, pw.world.user(who))
    return client
