"""`opp_progress(child)`: the summary the TLV checklist reads (drawn up, carried out, evaluated, the
last evaluation, the parents' consent to the current version, the child heard)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from kring.opp import services
from kring.opp.selectors import OppProgress, opp_progress
from kring.opp.testing import draw_up, enrolled_world

pytestmark = pytest.mark.django_db


def _evaluate(world: Any, version: Any, *, carried_out: str, days_ago: int = 0) -> None:
    services.record_evaluation(
        actor=world.user("ib"),
        version=version,
        held_on=timezone.localdate() - timedelta(days=days_ago),
        with_parents=True,
        with_child=True,
        carried_out=carried_out,
        done="Wat er gedaan is.",
        worked="Wat werkte.",
        child_words="Goed zo.",
    )


def test_a_child_without_an_opp_has_nothing() -> None:
    world = enrolled_world()
    assert opp_progress(world.child) == OppProgress(
        drawn_up=False,
        carried_out=False,
        evaluated=False,
        last_evaluated_on=None,
        parents_consented=False,
        child_heard=False,
    )


def test_the_progress_follows_the_plan_step_by_step() -> None:
    world = enrolled_world()
    version = draw_up(world, vastgesteld_on=timezone.localdate() - timedelta(days=20))
    step = opp_progress(world.child)
    assert (step.drawn_up, step.evaluated, step.parents_consented, step.child_heard) == (
        True,
        False,
        False,
        True,
    )
    services.record_consent(actor=world.user("ouder"), version=version, decision="instemming")
    assert opp_progress(world.child).parents_consented is True
    # an evaluation that found nothing was carried out: evaluated, not carried out
    _evaluate(world, version, carried_out="niet", days_ago=5)
    step = opp_progress(world.child)
    assert (step.evaluated, step.carried_out) == (True, False)
    _evaluate(world, version, carried_out="deels", days_ago=1)
    step = opp_progress(world.child)
    assert step.carried_out is True
    assert step.last_evaluated_on == timezone.localdate() - timedelta(days=1)


def test_a_new_version_needs_its_own_consent_and_the_childs_words() -> None:
    world = enrolled_world()
    first = draw_up(world, vastgesteld_on=timezone.localdate() - timedelta(days=20))
    services.record_consent(actor=world.user("ouder"), version=first, decision="instemming")
    draw_up(
        world,
        vastgesteld_on=timezone.localdate() - timedelta(days=2),
        change_reason="Ander rekendoel.",
        child_words="",
        child_input="",
        child_effect="",
        child_not_heard_reason="Ze wilde er deze keer niet over praten.",
    )
    step = opp_progress(world.child)
    assert step.parents_consented is False
    assert step.child_heard is False


def test_the_latest_decision_of_the_parents_counts() -> None:
    world = enrolled_world()
    version = draw_up(world)
    services.record_consent(actor=world.user("ouder"), version=version, decision="instemming")
    services.record_consent(actor=world.user("ouder"), version=version, decision="bezwaar", note="Toch niet.")
    assert opp_progress(world.child).parents_consented is False


def test_an_opp_recorded_only_on_the_timeline_counts_too() -> None:
    """A paper OPP, entered with the timeline's own form: the TLV checklist must not say it is missing."""
    from kring.children.services import record_event

    world = enrolled_world()
    today = timezone.localdate()
    record_event(
        actor=None,
        child=world.child,
        type="opp_vastgesteld",
        date=today - timedelta(days=20),
        data={"instemming_handelingsdeel": True},
    )
    step = opp_progress(world.child)
    assert (step.drawn_up, step.parents_consented, step.evaluated) == (True, True, False)
    record_event(
        actor=None,
        child=world.child,
        type="opp_evaluatie",
        date=today - timedelta(days=2),
        data={"met_ouders": True, "met_leerling": True},
    )
    step = opp_progress(world.child)
    assert (step.evaluated, step.carried_out, step.child_heard) == (True, True, True)
    assert step.last_evaluated_on == today - timedelta(days=2)
    # a version drawn up in Kring later is the current one: its own consent counts
    draw_up(world, vastgesteld_on=today - timedelta(days=1))
    assert opp_progress(world.child).parents_consented is False
