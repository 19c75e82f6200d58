"""The OPP's services: a version is drawn up with the child's words and a handelingsdeel that says who
pays; the parents consent per version (in Kring or on paper); an evaluation says what was done; and
the engine's OPP obligations follow from the timeline facts the services write."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kring.children.models import Gezag, LegalRepresentative, TimelineEvent
from kring.children.readmodel import current_assessment
from kring.core.errors import Refused
from kring.opp import services
from kring.opp.models import OppConsent, OppVersion
from kring.opp.testing import ACTIONS, draw_up, enrolled_world, version_values
from kring.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: Any) -> Any:
    return enrolled_world()


def _obligation(child: Any, rule: str) -> dict[str, Any]:
    data = current_assessment(child, today=timezone.localdate()).data
    found = [o for o in data["obligations"] if o["rule"] == rule]
    assert found, f"no {rule} in {[o['rule'] for o in data['obligations']]}"
    return dict(found[-1])


def test_the_school_draws_up_a_version_and_the_engine_sees_the_opp_in_time(world: Any) -> None:
    version = draw_up(world)
    assert version.number == 1 and version.actions.count() == 2
    assert [a.payer for a in version.actions.all()] == ["school", "swv"]
    event = TimelineEvent.objects.get(child=world.child, type="opp_vastgesteld")
    assert event.data["instemming_handelingsdeel"] is False
    assert _obligation(world.child, "OPP-05")["status"] == "met"
    # the parents have not consented yet: OPP-04 is open
    assert _obligation(world.child, "OPP-04")["status"] == "open"
    assert AuditEvent.objects.filter(code="opp.version_recorded", child_id=world.child.pk).count() == 1


def test_a_version_without_the_substantiation_the_law_asks_is_refused_on_its_fields(world: Any) -> None:
    with pytest.raises(Refused) as refused:
        draw_up(world, onderbouwing="  ", actions=[], child_words="", child_input="")
    messages = refused.value.message_dict
    assert "WPO art. 40a" in messages["onderbouwing"][0]
    assert "handelingsdeel is leeg" in messages["actions"][0]
    assert "hoorrecht" in messages["child_words"][0]
    assert not OppVersion.objects.exists()


def test_an_action_without_who_pays_is_refused_on_that_line(world: Any) -> None:
    action = services.ActionSpec(what="Extra leestijd", who="Leerkracht", how_often="dagelijks", payer="")
    with pytest.raises(Refused) as refused:
        draw_up(world, actions=[action])
    assert "Kies wie het betaalt" in refused.value.message_dict["actions[0].payer"][0]


def test_a_child_that_changed_the_plan_needs_how(world: Any) -> None:
    with pytest.raises(Refused) as refused:
        draw_up(world, child_effect="")
    assert "child_effect" in refused.value.message_dict
    # not heard: then why not
    version = draw_up(
        world, child_words="", child_input="", child_effect="", child_not_heard_reason="Te jong (4 jaar)."
    )
    assert version.child_heard is False


def test_a_change_makes_a_new_version_and_keeps_the_old_one(world: Any) -> None:
    first = draw_up(world)
    with pytest.raises(Refused) as refused:
        draw_up(world, vastgesteld_on=first.vastgesteld_on + timedelta(days=2))
    assert "change_reason" in refused.value.message_dict
    second = draw_up(
        world,
        vastgesteld_on=first.vastgesteld_on + timedelta(days=2),
        goals="Ze rekent op niveau M6 en leest op niveau E6.",
        change_reason="Doel voor lezen toegevoegd.",
    )
    assert second.number == 2 and second.opp_id == first.opp_id
    first.refresh_from_db()
    assert first.goals.startswith("Eind groep 7")


def test_only_the_school_of_the_child_draws_up_the_opp(world: Any) -> None:
    for person in ("consulent", "lpa", "ouder", "other_ib"):
        with pytest.raises(PermissionDenied):
            services.draw_up_version(
                actor=world.user(person), child=world.child, school=world.school, **version_values()
            )


def test_a_version_dated_in_the_future_is_refused(world: Any) -> None:
    with pytest.raises(Refused) as refused:
        draw_up(world, vastgesteld_on=timezone.localdate() + timedelta(days=1))
    assert "toekomst" in refused.value.message_dict["vastgesteld_on"][0]


def test_a_parent_with_gezag_consents_in_kring_and_opp04_is_met(world: Any) -> None:
    version = draw_up(world)
    consent = services.record_consent(actor=world.user("ouder"), version=version, decision="instemming")
    assert consent.channel == "kring" and consent.representative == world.parent_rep
    assert consent.given_on == timezone.localdate()
    assert TimelineEvent.objects.filter(child=world.child, type="opp_instemming").count() == 1
    assert _obligation(world.child, "OPP-04")["status"] == "met"


def test_an_objection_needs_a_reason_and_leaves_opp04_open(world: Any) -> None:
    version = draw_up(world)
    with pytest.raises(Refused) as refused:
        services.record_consent(actor=world.user("ouder"), version=version, decision="bezwaar")
    assert refused.value.field == "note"
    services.record_consent(
        actor=world.user("ouder"),
        version=version,
        decision="bezwaar",
        note="Twee keer per week is te weinig.",
    )
    assert not TimelineEvent.objects.filter(child=world.child, type="opp_instemming").exists()
    assert _obligation(world.child, "OPP-04")["status"] == "open"


def test_a_parent_without_gezag_does_not_consent(world: Any) -> None:
    version = draw_up(world)
    world.parent_rep.gezag = Gezag.GEEN_GEZAG
    world.parent_rep.save(update_fields=["gezag"])
    with pytest.raises(PermissionDenied):
        services.record_consent(actor=world.user("ouder"), version=version, decision="instemming")


def test_consent_on_paper_is_recorded_by_the_school_with_date_and_who(world: Any) -> None:
    version = draw_up(world)
    on = timezone.localdate() - timedelta(days=3)
    consent = services.record_consent(
        actor=world.user("ib"),
        version=version,
        decision="instemming",
        given_on=on,
        representative=world.parent_rep,
        on_paper=True,
    )
    assert (consent.channel, consent.given_on, consent.recorded_by) == ("papier", on, world.user("ib"))
    no_gezag = LegalRepresentative.objects.create(child=world.child, name="Piet", gezag=Gezag.GEEN_GEZAG)
    with pytest.raises(Refused) as refused:
        services.record_consent(
            actor=world.user("ib"),
            version=version,
            decision="instemming",
            given_on=on,
            representative=no_gezag,
            on_paper=True,
        )
    assert refused.value.field == "representative" and "BW 1:245" in str(refused.value.messages[0])
    with pytest.raises(Refused) as refused:
        services.record_consent(
            actor=world.user("ib"),
            version=version,
            decision="instemming",
            given_on=version.vastgesteld_on - timedelta(days=1),
            representative=world.parent_rep,
            on_paper=True,
        )
    assert refused.value.message_dict["given_on"]


def test_consent_is_per_version(world: Any) -> None:
    first = draw_up(world)
    services.record_consent(actor=world.user("ouder"), version=first, decision="instemming")
    second = draw_up(world, vastgesteld_on=timezone.localdate(), change_reason="Nieuw doel.")
    with pytest.raises(Refused, match="vervangen door versie 2"):
        services.record_consent(actor=world.user("ouder"), version=first, decision="instemming")
    assert OppConsent.objects.filter(version=second).count() == 0


def test_an_evaluation_says_what_was_done_and_meets_opp06(world: Any) -> None:
    version = draw_up(world)
    evaluation = services.record_evaluation(
        actor=world.user("ib"),
        version=version,
        held_on=timezone.localdate(),
        with_parents=True,
        with_child=True,
        carried_out="deels",
        done="Het rekengroepje liep, de ambulant begeleider kwam drie keer.",
        worked="Het groepje werkt; de begeleiding kwam te weinig.",
        child_words="Het groepje is fijn.",
    )
    event = TimelineEvent.objects.get(child=world.child, type="opp_evaluatie")
    assert event.data == {"met_ouders": True, "met_leerling": True}
    assert evaluation.version == version


def test_an_evaluation_without_the_pupil_needs_why_and_is_a_violation(world: Any) -> None:
    version = draw_up(world)
    values: dict[str, Any] = {
        "actor": world.user("ib"),
        "version": version,
        "held_on": timezone.localdate(),
        "with_parents": True,
        "with_child": False,
        "carried_out": "volledig",
        "done": "Alles.",
        "worked": "Alles.",
    }
    with pytest.raises(Refused) as refused:
        services.record_evaluation(**values)
    assert "hoorrecht" in refused.value.message_dict["child_absent_reason"][0]
    services.record_evaluation(**values, child_absent_reason="Ziek thuis.")
    data = current_assessment(world.child, today=timezone.localdate()).data
    assert "OPP-07" in [v["rule"] for v in data["violations"]]


def test_the_actions_are_kept_in_order(world: Any) -> None:
    version = draw_up(world, actions=[services.ActionSpec(), *ACTIONS])
    assert [a.who for a in version.actions.all()] == [a.who for a in ACTIONS]
