"""The terugkeerplan's services and the database's invariants: a plan cannot exist without a step;
the last open step is done only with a new step or with the child back in education; one open plan
per child; who pays is one of the known payers; every write leaves its audit line."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from kring.core.errors import Refused
from kring.opp import return_services as rs
from kring.opp.models import ReturnPlan, ReturnStep, StepStatus
from kring.opp.testing import enrolled_world, open_plan, return_step
from kring.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: Any) -> Any:
    return enrolled_world()


def _fields(exc: pytest.ExceptionInfo[Refused]) -> set[str]:
    return set(exc.value.message_dict)


def test_the_school_records_that_education_stands_still_with_a_step(world: Any) -> None:
    plan = open_plan(world)
    assert plan.is_open and plan.reason == "rust_voorliggend"
    step = plan.steps.get()
    assert plan.next_step_id == step.pk and step.payer == "gemeente" and step.is_open
    assert AuditEvent.objects.filter(code="opp.return_plan_opened", child_id=world.child.pk).exists()


def test_a_plan_without_a_step_is_refused_naming_the_law(world: Any) -> None:
    with pytest.raises(Refused) as exc:
        open_plan(world, steps=[rs.StepSpec()])
    assert "steps" in _fields(exc)
    assert "Leerplichtwet 1969 art. 2" in exc.value.message_dict["steps"][0]
    assert not ReturnPlan.objects.exists()


@pytest.mark.parametrize(
    ("step", "field"),
    [
        (return_step(who=""), "steps[0].who"),  # who sets the step
        (return_step(what=""), "steps[0].what"),  # what happens
        (rs.StepSpec(who="School", what="Lesrooster"), "steps[0].due"),  # by when
        (return_step(payer="ouders"), "steps[0].payer"),  # the payers are a closed list
        (return_step(days=-30), "steps[0].due"),  # before the day education stood still
    ],
)
def test_a_step_needs_who_what_by_when_and_a_known_payer(world: Any, step: Any, field: str) -> None:
    with pytest.raises(Refused) as exc:
        open_plan(world, steps=[step])
    assert field in _fields(exc)


def test_a_step_may_have_no_payer_when_no_money_is_involved(world: Any) -> None:
    plan = open_plan(world, steps=[return_step(payer="")])
    assert plan.steps.get().payer == ""


def test_another_reason_needs_its_words_and_who_says_so(world: Any) -> None:
    with pytest.raises(Refused) as exc:
        open_plan(world, reason="anders", said_by="")
    assert {"reason_other", "said_by"} <= _fields(exc)


def test_one_open_plan_per_child(world: Any) -> None:
    open_plan(world)
    with pytest.raises(Refused, match="al een open terugkeerplan"):
        open_plan(world)


def test_who_may_write_and_who_may_not(world: Any) -> None:
    for key in ("ouder", "consulent", "other_ib", "jeugdhulp"):
        with pytest.raises((PermissionDenied, Refused)):
            open_plan(world, actor_key=key)
    assert not ReturnPlan.objects.exists()


def test_the_last_open_step_is_done_only_with_a_next_step(world: Any) -> None:
    plan = open_plan(world)
    step = plan.steps.get()
    with pytest.raises(Refused) as exc:
        rs.complete_step(actor=world.user("ib"), step=step, done_on=timezone.localdate())
    assert "then.what" in _fields(exc)
    step.refresh_from_db()
    assert step.is_open
    rs.complete_step(
        actor=world.user("ib"),
        step=step,
        done_on=timezone.localdate(),
        then=return_step(who="School", what="Rooster voor twee ochtenden", payer="school"),
    )
    plan.refresh_from_db()
    step.refresh_from_db()
    assert step.status == StepStatus.DONE
    new = plan.steps.get(status=StepStatus.OPEN)
    assert plan.next_step_id == new.pk and new.payer == "school"
    assert AuditEvent.objects.filter(code="opp.return_step_done").count() == 1


def test_a_step_done_while_another_is_open_hands_the_plan_to_that_one(world: Any) -> None:
    plan = open_plan(world, steps=[return_step(days=7), return_step(days=21, who="SWV", payer="swv")])
    first, second = plan.steps.order_by("due")
    assert plan.next_step_id == first.pk
    rs.complete_step(actor=world.user("ib"), step=first, done_on=timezone.localdate())
    plan.refresh_from_db()
    assert plan.next_step_id == second.pk


def test_a_replaced_step_stays_marked_and_the_plan_follows_the_new_one(world: Any) -> None:
    plan = open_plan(world)
    old = plan.steps.get()
    new = rs.replace_step(actor=world.user("ib"), step=old, by=return_step(days=30, who="Jeugdarts"))
    old.refresh_from_db()
    plan.refresh_from_db()
    assert old.status == StepStatus.REPLACED and old.replaced_by_id == new.pk
    assert plan.next_step_id == new.pk
    with pytest.raises(Refused, match="al gedaan of vervangen"):
        rs.complete_step(actor=world.user("ib"), step=old, done_on=timezone.localdate())


def test_a_plan_ends_only_with_the_child_back_in_education(world: Any) -> None:
    plan = open_plan(world)
    with pytest.raises(Refused) as exc:
        rs.end_plan(actor=world.user("ib"), plan=plan, back_on=None, back_how="")
    assert {"back_on", "back_how"} <= _fields(exc)
    ended = rs.end_plan(
        actor=world.user("ib"), plan=plan, back_on=timezone.localdate(), back_how="Twee ochtenden per week."
    )
    assert not ended.is_open
    open_plan(world)  # a new plan may follow an ended one
    assert AuditEvent.objects.filter(code="opp.return_plan_closed").count() == 1


# ---------------------------------------------------------------- the database's invariants


def test_the_database_refuses_an_open_plan_without_a_step(world: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ReturnPlan.objects.create(
            child=world.child, reason="zorg_voorliggend", said_by="Huisarts", since=timezone.localdate()
        )


def test_the_database_refuses_an_ended_plan_without_the_child_back(world: Any) -> None:
    plan = open_plan(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReturnPlan.objects.filter(pk=plan.pk).update(closed_on=timezone.localdate())


def test_the_database_refuses_a_second_open_plan(world: Any) -> None:
    plan = open_plan(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReturnPlan.objects.create(
            child=world.child,
            reason="zorg_voorliggend",
            said_by="Huisarts",
            since=timezone.localdate(),
            next_step=plan.next_step,
        )


@pytest.mark.parametrize(
    "change",
    [
        {"payer": "ouders"},  # an unknown payer
        {"who": ""},  # nobody
        {"status": "gedaan"},  # done without a day
        {"status": "vervangen"},  # replaced by nothing
        {"done_on": timezone.localdate()},  # open with a day done
    ],
)
def test_the_database_refuses_a_step_that_does_not_add_up(world: Any, change: dict[str, Any]) -> None:
    plan = open_plan(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReturnStep.objects.filter(plan=plan).update(**change)


def test_a_step_cannot_replace_itself(world: Any) -> None:
    step = open_plan(world).steps.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReturnStep.objects.filter(pk=step.pk).update(status="vervangen", replaced_by=step.pk)


def test_due_dates_are_kept_as_typed(world: Any) -> None:
    due = timezone.localdate() + timedelta(days=10)
    plan = open_plan(world, steps=[return_step(due=due)])
    assert plan.steps.get().due == due


def test_a_child_removed_after_its_retention_term_takes_its_plans_along(world: Any) -> None:
    plan = open_plan(world)
    rs.replace_step(actor=world.user("ib"), step=plan.steps.get(), by=return_step(days=30))
    with transaction.atomic():
        world.child.delete()
        connection.check_constraints()
    assert not ReturnPlan.objects.exists() and not ReturnStep.objects.exists()


def test_a_step_cannot_be_removed_on_its_own(world: Any) -> None:
    plan = open_plan(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReturnStep.objects.filter(pk=plan.next_step_id).delete()
        connection.check_constraints()  # the key is checked at commit; here, now
