"""The TLV request and decision, the waiting list and the support profile through their services:
what the school, the samenwerkingsverband and the family would notice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from kring.core.errors import Refused
from kring.placement import services
from kring.placement.models import TlvRequest, WaitingListEntry
from kring.placement.testing import (
    PlacementWorld,
    draw_up_opp,
    evaluate_opp,
    make_placement_world,
    two_advices,
)
from kring.privacy.models import AuditEvent
from kring.regions.services import configure_tlv_checklist

pytestmark = pytest.mark.django_db


@pytest.fixture
def pw() -> PlacementWorld:
    return make_placement_world()


def _request(pw: PlacementWorld, **changes: Any) -> TlvRequest:
    values: dict[str, Any] = {
        "actor": pw.world.user("ib"),
        "child": pw.child,
        "school": pw.world.school,
        "soort": "sbo",
        "received_on": pw.today,
        "advices": two_advices(pw.today - timedelta(days=3)),
        "parents_view": "Wij willen dat Noor naar De Brug gaat.",
        "child_view": "Ik wil een kleinere klas.",
        "target_school": pw.sbo,
        "waiting_position": 3,
    }
    values.update(changes)
    return services.request_tlv(**values)


def _refusal(pw: PlacementWorld, **changes: Any) -> dict[str | None, list[str]]:
    with pytest.raises(Refused) as caught:
        _request(pw, **changes)
    return caught.value.by_field()


def test_a_request_without_an_evaluated_opp_is_refused_and_names_what_is_missing(pw: PlacementWorld) -> None:
    errors = _refusal(pw)
    (message,) = errors[None] if None in errors else errors["opp"]
    assert "nog niet opgesteld, uitgevoerd en geëvalueerd" in message
    assert "WPO artikel 40a" in message and pw.world.swv.organisation.name in message
    draw_up_opp(pw, on=pw.today - timedelta(days=200))
    errors = _refusal(pw)
    assert "nog niet uitgevoerd en geëvalueerd" in " ".join(errors.get("opp", []) + errors.get(None, []))
    assert not TlvRequest.objects.exists()


def test_each_missing_item_lands_on_its_own_field_with_its_source(pw: PlacementWorld) -> None:
    errors = _refusal(
        pw,
        parents_view="",
        child_view=" ",
        target_school=None,
        waiting_position=None,
        advices=two_advices(pw.today)[:1],
    )
    assert "zienswijze van de ouders ontbreekt" in errors["parents_view"][0]
    assert "mening van het kind ontbreekt" in errors["child_view"][0]
    assert "TLV-03" in errors["advices"][0] and "twee deskundigen" in errors["advices"][0]
    assert "Noem de school" in errors["target_school"][0]


def test_two_advices_need_an_orthopedagoog_or_psycholoog(pw: PlacementWorld) -> None:
    advices = [
        services.AdviceInput(name="A", functie="arts", given_on=pw.today, advice="x"),
        services.AdviceInput(name="B", functie="pedagoog", given_on=pw.today, advice="y"),
    ]
    errors = _refusal(pw, advices=advices)
    assert "orthopedagoog of psycholoog" in errors["advices"][0]
    same_person = [
        services.AdviceInput(name="A", functie="psycholoog", given_on=pw.today, advice="x"),
        services.AdviceInput(name="A", functie="arts", given_on=pw.today, advice="y"),
    ]
    assert "twee deskundigen" in _refusal(pw, advices=same_person)["advices"][0]


def test_a_named_school_needs_a_confirmed_place_or_a_waiting_list_position(pw: PlacementWorld) -> None:
    errors = _refusal(pw, waiting_position=None, place_confirmed=False)
    assert "plek heeft bevestigd" in errors["place_confirmed"][0]
    errors = _refusal(pw, target_school=pw.world.other_school)
    assert "geen school voor sbo" in errors["target_school"][0]


def test_the_region_switches_items_off_but_never_the_two_deskundigen(pw: PlacementWorld) -> None:
    configure_tlv_checklist(
        actor=pw.world.user("directeur"),
        swv=pw.world.swv,
        require_opp=False,
        require_parents_view=False,
        require_child_view=False,
        require_place=False,
        uses_category=False,
    )
    errors = _refusal(pw, parents_view="", child_view="", target_school=None, advices=[])
    assert set(errors) == {"advices"}
    request = _request(pw, parents_view="", child_view="", target_school=None, waiting_position=None)
    assert request.swv == pw.world.swv


def test_only_the_director_or_beheerder_sets_the_checklist(pw: PlacementWorld) -> None:
    with pytest.raises(PermissionDenied):
        configure_tlv_checklist(
            actor=pw.world.user("consulent"),
            swv=pw.world.swv,
            require_opp=False,
            require_parents_view=True,
            require_child_view=True,
            require_place=True,
            uses_category=False,
        )


def test_the_request_is_accepted_once_the_opp_is_evaluated_and_then_decided(pw: PlacementWorld) -> None:
    draw_up_opp(pw, on=pw.today - timedelta(days=200))
    evaluate_opp(pw, on=pw.today - timedelta(days=10))
    request = _request(pw)
    assert request.swv == pw.world.swv and request.opp_evaluated_on == pw.today - timedelta(days=10)
    assert request.advices.count() == 2
    assert AuditEvent.objects.filter(code="placement.tlv_requested", child_id=pw.child.pk).count() == 1
    with pytest.raises(Refused):  # one open request per child and SWV
        _request(pw)
    with pytest.raises(PermissionDenied):  # the school does not decide
        services.decide_tlv(
            actor=pw.world.user("ib"),
            tlv_request=request,
            outcome="toegekend",
            decided_on=pw.today,
            motivation="x",
            advice_copy_to_parents=True,
            schooljaren=2,
            volgnummer="TLV-1",
        )
    with pytest.raises(Refused) as caught:
        services.decide_tlv(
            actor=pw.world.user("consulent"),
            tlv_request=request,
            outcome="toegekend",
            decided_on=pw.today,
            motivation="",
            advice_copy_to_parents=False,
        )
    errors = caught.value.by_field()
    assert {"schooljaren", "volgnummer", "motivation", "advice_copy_to_parents"} <= set(errors)
    decision = services.decide_tlv(
        actor=pw.world.user("consulent"),
        tlv_request=request,
        outcome="toegekend",
        decided_on=pw.today,
        motivation="De adviezen zijn eensluidend.",
        advice_copy_to_parents=True,
        schooljaren=2,
        volgnummer="TLV-2026-0001",
    )
    assert decision.outcome == "toegekend" and "LBT" in decision.objection_route
    with pytest.raises(Refused):
        services.decide_tlv(
            actor=pw.world.user("consulent"),
            tlv_request=request,
            outcome="afgewezen",
            decided_on=pw.today,
            motivation="x",
            advice_copy_to_parents=True,
        )


def test_a_rejection_has_no_period_and_no_number(pw: PlacementWorld) -> None:
    draw_up_opp(pw, on=pw.today - timedelta(days=200))
    evaluate_opp(pw, on=pw.today - timedelta(days=10))
    request = _request(pw)
    with pytest.raises(Refused) as caught:
        services.decide_tlv(
            actor=pw.world.user("directeur"),
            tlv_request=request,
            outcome="afgewezen",
            decided_on=pw.today,
            motivation="x",
            advice_copy_to_parents=True,
            schooljaren=1,
            volgnummer="TLV-9",
        )
    assert {"schooljaren", "volgnummer"} <= set(caught.value.by_field())


def test_only_the_childs_school_asks(pw: PlacementWorld) -> None:
    with pytest.raises(PermissionDenied):
        _request(pw, actor=pw.world.user("other_ib"))
    with pytest.raises(PermissionDenied):
        _request(pw, actor=pw.world.user("consulent"))


def test_waiting_list_keeps_the_current_school_responsible(pw: PlacementWorld) -> None:
    consulent = pw.world.user("consulent")
    entry = services.add_to_waiting_list(
        actor=consulent, child=pw.child, school=pw.sbo, since=pw.today - timedelta(days=30), start_on=pw.today
    )
    assert entry.responsible_school == pw.world.school
    with pytest.raises(Refused):
        services.add_to_waiting_list(actor=consulent, child=pw.child, school=pw.sbo, since=pw.today)
    with pytest.raises(PermissionDenied):  # a regular school keeps no waiting list
        services.add_to_waiting_list(
            actor=pw.world.user("ib"), child=pw.child, school=pw.world.school, since=pw.today
        )
    with pytest.raises(Refused) as caught:
        services.end_waiting(actor=consulent, entry=entry, ended_on=None, reason="")
    assert {"ended_on", "reason"} <= set(caught.value.by_field())
    services.end_waiting(actor=consulent, entry=entry, ended_on=pw.today, reason="Geplaatst")
    assert WaitingListEntry.objects.get(pk=entry.pk).ended_on == pw.today


def test_waiting_times_for_the_monitor(pw: PlacementWorld) -> None:
    from kring.placement.selectors import waiting_times

    services.add_to_waiting_list(
        actor=pw.world.user("consulent"), child=pw.child, school=pw.sbo, since=pw.today - timedelta(days=45)
    )
    (row,) = waiting_times(today=pw.today)
    assert (row.child_id, row.school_id, row.days, row.ended_on) == (pw.child.pk, pw.sbo.pk, 45, None)


def test_the_school_keeps_its_support_profile_and_the_region_reads_it(pw: PlacementWorld) -> None:
    from kring.placement.selectors import region_overview

    offer = services.add_support_offer(
        actor=pw.world.user("ib"),
        school=pw.world.school,
        level="extra",
        category="gedrag",
        description="Time-out plek",
    )
    with pytest.raises(PermissionDenied):
        services.add_support_offer(
            actor=pw.world.user("consulent"),
            school=pw.world.school,
            level="basis",
            category="leren",
            description="x",
        )
    with pytest.raises(Refused) as caught:
        services.add_support_offer(
            actor=pw.world.user("ib"), school=pw.world.school, level="", category="", description=""
        )
    assert {"level", "category", "description"} <= set(caught.value.by_field())
    rows = {row.category: row for row in region_overview(pw.world.user("consulent"))}
    assert rows["gedrag"].extra == [pw.world.school.organisation.name]
    assert region_overview(pw.world.user("other_consulent"))[0].extra == []
    services.remove_support_offer(actor=pw.world.user("ib"), offer=offer)
    assert rows["gedrag"].basis == []
