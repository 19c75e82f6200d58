"""The steunpunt's questions on the agenda: a worker sees the questions assigned to them that are
due soon or late, the coordinator every late one of the steunpunt; an entry is about no child."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from kring.accounts.roles import Role
from kring.accounts.testing import login_verified
from kring.agenda.selectors import agenda_for_organisation, agenda_for_user
from kring.core import testing
from kring.desk.models import QuestionStatus
from kring.privacy.models import AuditEvent

from .helpers_public import make_steunpunt, question, worker

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 16)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@pytest.fixture
def desk() -> dict[str, Any]:
    steunpunt, settings = make_steunpunt()
    wim, anna = worker(steunpunt, first_name="Wim"), worker(steunpunt, first_name="Anna")
    return {
        "steunpunt": steunpunt,
        "coordinator": settings.coordinator,
        "wim": wim,
        "anna": anna,
        "wim_soon": question(steunpunt, received_on=ago(10), due=TODAY + timedelta(days=2), assigned_to=wim),
        "wim_late": question(steunpunt, received_on=ago(20), due=ago(3), assigned_to=wim),
        "wim_later": question(steunpunt, received_on=ago(1), due=TODAY + timedelta(days=20), assigned_to=wim),
        "anna_late": question(steunpunt, received_on=ago(20), due=ago(1), assigned_to=anna),
        "nobody_soon": question(steunpunt, received_on=ago(5), due=TODAY + timedelta(days=4)),
        "answered": question(
            steunpunt, received_on=ago(20), due=ago(2), assigned_to=wim, status=QuestionStatus.BEANTWOORD
        ),
    }


def refs(entries: list[Any]) -> list[str]:
    return [e.subject for e in entries]


def test_a_worker_sees_their_own_questions_due_soon_or_late(desk: dict[str, Any]) -> None:
    entries = agenda_for_user(desk["wim"], today=TODAY)
    assert refs(entries) == [desk["wim_late"].reference, desk["wim_soon"].reference]  # late first
    late = entries[0]
    assert late.child_id is None and late.child_name == ""
    assert late.days_overdue == 3 and late.urgent
    assert late.kind == "vraag"
    assert "Thuiszitten" in late.description
    assert "Petra" not in late.description + late.title  # never the asker


def test_the_coordinator_sees_every_late_question_and_those_nobody_has(desk: dict[str, Any]) -> None:
    entries = agenda_for_user(desk["coordinator"], today=TODAY)
    assert refs(entries) == [
        desk["wim_late"].reference,
        desk["anna_late"].reference,
        desk["nobody_soon"].reference,
    ]
    assert "Nog niemand behandelt deze vraag" in entries[2].description
    assert "Behandeld door" in entries[0].description


def test_the_steunpunt_agenda_holds_every_open_question_due_soon_or_late(desk: dict[str, Any]) -> None:
    entries = agenda_for_organisation(desk["steunpunt"], today=TODAY)
    assert set(refs(entries)) == {
        desk[k].reference for k in ("wim_soon", "wim_late", "anna_late", "nobody_soon")
    }


def test_others_see_no_questions(desk: dict[str, Any]) -> None:
    other_steunpunt, _ = make_steunpunt(name="Ander steunpunt")
    for user in (
        worker(other_steunpunt),
        testing.make_user(role=Role.SWV_CONSULENT),
        testing.make_user(role=Role.INTERN_BEGELEIDER, organisation=desk["steunpunt"]),
    ):
        assert not [e for e in agenda_for_user(user, today=TODAY) if e.kind == "vraag"]


def test_the_home_page_shows_the_question_without_a_child(client: Any) -> None:
    today = timezone.localdate()
    steunpunt, _ = make_steunpunt(coordinator=False)
    wim = worker(steunpunt)
    late = question(
        steunpunt, received_on=today - timedelta(days=20), due=today - timedelta(days=2), assigned_to=wim
    )
    login_verified(client, wim)
    page = client.get("/").content.decode()
    assert f"Vraag beantwoorden — {late.reference}" in page
    assert "2 dagen te laat" in page
    assert not AuditEvent.objects.filter(code="agenda.child_listed").exists()  # no child was shown
    organisation = client.get("/?agenda=organisatie").content.decode()
    assert late.reference in organisation
