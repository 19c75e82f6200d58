"""The desk's nightly jobs: a late question escalates once inside the steunpunt (the coordinator is
mailed), and the contact details of questions closed long enough ago are removed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail

from kring.core.tick import run_tick
from kring.desk import jobs
from kring.desk.models import Question, QuestionStatus
from kring.privacy.models import AuditEvent

from .helpers_public import make_steunpunt, question, worker

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 16)  # a Monday


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


# ---------------------------------------------------------------- escalation


def test_a_late_question_escalates_once_and_the_coordinator_is_mailed() -> None:
    steunpunt, desk = make_steunpunt()
    colleague = worker(steunpunt)
    late = question(steunpunt, received_on=ago(20), due=ago(1), assigned_to=colleague)
    due_today = question(steunpunt, received_on=ago(10), due=TODAY)
    answered = question(steunpunt, received_on=ago(20), due=ago(1), status=QuestionStatus.BEANTWOORD)

    report = jobs.escalate_overdue(today=TODAY)

    assert report.escalated == 1
    late.refresh_from_db()
    assert late.escalated_on == TODAY
    assert Question.objects.get(pk=due_today.pk).escalated_on is None  # due today: not late yet
    assert Question.objects.get(pk=answered.pk).escalated_on is None
    (message,) = mail.outbox
    assert desk.coordinator is not None
    assert message.to == [desk.coordinator.email]
    assert late.reference in message.body
    assert "Petra" not in message.body and "thuis" not in message.body  # no asker, no question
    event = AuditEvent.objects.get(code="desk.question_escalated")
    assert event.object_id == str(late.pk)
    assert event.child_id is None

    # The next night (and a replay of the same night) does not escalate it again.
    assert jobs.escalate_overdue(today=TODAY).escalated == 0
    assert jobs.escalate_overdue(today=TODAY + timedelta(days=1)).escalated == 1  # due_today, now late
    assert len(mail.outbox) == 2
    assert AuditEvent.objects.filter(code="desk.question_escalated", object_id=str(late.pk)).count() == 1


def test_without_a_coordinator_every_active_worker_is_mailed() -> None:
    steunpunt, _ = make_steunpunt(coordinator=False)
    first, second = worker(steunpunt), worker(steunpunt)
    gone = worker(steunpunt)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    make_steunpunt(name="Ander steunpunt")  # its workers are not mailed
    question(steunpunt, received_on=ago(20), due=ago(3))

    jobs.escalate_overdue(today=TODAY)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])


def test_the_nightly_tick_runs_both_desk_jobs() -> None:
    steunpunt, _ = make_steunpunt()
    question(steunpunt, received_on=ago(20), due=ago(1))
    names = [result.name for result in run_tick(today=TODAY)]
    assert "kring.desk.jobs.escalate_overdue" in names
    assert "kring.desk.jobs.remove_expired_contacts" in names
    assert names.index("kring.desk.jobs.escalate_overdue") < names.index(
        "kring.agenda.jobs.send_notifications"
    )


# ---------------------------------------------------------------- retention


def closed(steunpunt: Any, *, days_ago: int, **fields: Any) -> Question:
    return question(
        steunpunt,
        received_on=ago(days_ago + 10),
        status=QuestionStatus.GESLOTEN,
        closed_on=ago(days_ago),
        **fields,
    )


def test_contact_details_of_questions_closed_longer_than_the_retention_are_removed() -> None:
    steunpunt, _ = make_steunpunt()  # the default: 3 months
    expired = closed(steunpunt, days_ago=100, anonymised_text="Mijn kind zit al weken thuis.")
    recent = closed(steunpunt, days_ago=80)
    still_open = question(steunpunt, received_on=ago(200), due=ago(180))
    answered = question(steunpunt, received_on=ago(200), due=ago(180), status=QuestionStatus.BEANTWOORD)

    report = jobs.remove_expired_contacts(today=TODAY)

    assert report.removed == 1
    expired.refresh_from_db()
    assert (expired.question_text, expired.contact_name, expired.contact_email, expired.contact_phone) == (
        "",
        "",
        "",
        "",
    )
    assert expired.contact_removed_on == TODAY
    assert expired.anonymised_text == "Mijn kind zit al weken thuis."  # kept for the signals report
    assert [c.code for c in expired.categories.all()] == ["thuiszitten"]
    for kept in (recent, still_open, answered):
        kept.refresh_from_db()
        assert kept.contact_email == "petra@example.invalid"
        assert kept.contact_removed_on is None
    event = AuditEvent.objects.get(code="desk.contacts_removed")
    assert event.data["questions"] == 1
    assert event.data["months"] == 3
    assert "Petra" not in event.message and "thuis" not in event.message

    # Idempotent: the next run finds nothing and writes no line.
    assert jobs.remove_expired_contacts(today=TODAY).removed == 0
    assert AuditEvent.objects.filter(code="desk.contacts_removed").count() == 1


def test_each_steunpunt_keeps_contact_details_as_long_as_it_set() -> None:
    short, _ = make_steunpunt(name="Kort", contact_retention_months=1)
    long, _ = make_steunpunt(name="Lang", contact_retention_months=6)
    short_one = closed(short, days_ago=40)
    long_one = closed(long, days_ago=100)
    jobs.remove_expired_contacts(today=TODAY)
    assert Question.objects.get(pk=short_one.pk).contact_removed_on == TODAY
    assert Question.objects.get(pk=long_one.pk).contact_removed_on is None
    assert AuditEvent.objects.filter(code="desk.contacts_removed").count() == 1


def test_removal_goes_in_batches_each_with_its_own_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs, "BATCH", 2)
    steunpunt, _ = make_steunpunt()
    for _ in range(5):
        closed(steunpunt, days_ago=120)
    assert jobs.remove_expired_contacts(today=TODAY).removed == 5
    assert not Question.objects.filter(contact_removed_on__isnull=True).exists()
    counts = sorted(e.data["questions"] for e in AuditEvent.objects.filter(code="desk.contacts_removed"))
    assert counts == [1, 2, 2]
