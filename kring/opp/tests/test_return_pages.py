"""The terugkeerplan's pages: the prompt after a phrase that ends support (a meeting note, a timeline
note, the handelingsverlegen record) with the link to the form, and never a change of status; the
form that cannot be saved without a step; the step that is done only with a next one; the case
panel; the family's read-only view; the agenda with late steps; the region's overview of who pays,
counts only."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kring.accounts.testing import login_verified
from kring.cases import services as case_services
from kring.cases.models import Case
from kring.cases.tests.helpers import open_case
from kring.children.services import record_event
from kring.opp import services
from kring.opp.models import ReturnPlan, StepStatus
from kring.opp.return_agenda import ReturnSteps
from kring.opp.return_selectors import prompt_for
from kring.opp.testing import draw_up, enrolled_world, open_plan, return_step
from kring.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db

PROMPT = "Dat sluit geen vraag af. Wie doet wat, en wanneer, om Noor weer naar school te laten gaan?"


@pytest.fixture
def world(db: Any) -> Any:
    return enrolled_world()


@pytest.fixture
def case(world: Any) -> Case:
    return open_case(world, on=timezone.localdate() - timedelta(days=20))


def _client(user: Any) -> Client:
    client = Client()
    login_verified(client, user)
    return client


def _meeting(world: Any, case: Case, notes: str) -> None:
    case_services.record_meeting(
        actor=world.user("lpa"),
        case=case,
        held_on=timezone.localdate(),
        parents_present=True,
        child_present=False,
        child_absent_reason="Ze wilde niet komen.",
        notes=notes,
    )


def test_a_meeting_note_saying_rust_is_voorliggend_asks_for_a_plan(world: Any, case: Case) -> None:
    _meeting(world, case, "Moeder vertelt dat het slecht gaat. Rust is voorliggend, volgens de GGZ.")
    status = Case.objects.get(pk=case.pk).status
    page = _client(world.user("lpa")).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Je schreef 'rust is voorliggend'." in page and PROMPT in page
    assert reverse("opp:return_plan_new", args=[world.child.pk]) + "?reden=rust_voorliggend" in page
    assert Case.objects.get(pk=case.pk).status == status  # the prompt never changes a status
    assert not ReturnPlan.objects.exists()


def test_no_prompt_without_a_phrase_or_with_an_open_plan(world: Any, case: Case) -> None:
    _meeting(world, case, "We spreken af dat ze twee ochtenden naar school gaat.")
    assert prompt_for(world.user("lpa"), world.child) is None
    _meeting(world, case, "Zorg gaat voor.")
    assert prompt_for(world.user("lpa"), world.child) is not None
    open_plan(world)
    assert prompt_for(world.user("lpa"), world.child) is None


def test_a_timeline_note_prompts_too(world: Any, case: Case) -> None:
    record_event(
        actor=world.user("lpa"),
        child=world.child,
        type="inschrijving",
        date=timezone.localdate() - timedelta(days=2),
        data={"sector": "sbo"},
        note="Eerst zorg, zegt de huisarts.",
        school=world.school,
    )
    prompt = prompt_for(world.user("lpa"), world.child)
    assert prompt is not None and prompt.words == "eerst zorg" and prompt.kind == "zorg_voorliggend"


def test_the_handelingsverlegen_record_prompts_too(world: Any) -> None:
    draw_up(world)
    services.declare_handelingsverlegen(
        actor=world.user("ib"),
        child=world.child,
        school=world.school,
        declared_on=timezone.localdate(),
        unmet_needs="Een kleine klas.",
        opp_explanation="Het OPP is net opgesteld.",
        parents_involved="Gesprek met de ouders.",
        child_involved="Ze zegt dat het te druk is.",
        school_development="Scholing voor het team.",
        swv_offered="Een ambulant begeleider.",
        next_step="Zorg is voorliggend, daarna kijken we verder.",
        next_step_who="Consulent van het SWV",
        next_step_by=timezone.localdate() + timedelta(days=5),
    )
    prompt = prompt_for(world.user("ib"), world.child)
    assert (
        prompt is not None and prompt.words == "zorg is voorliggend" and prompt.by_viewer and prompt.may_write
    )
    page = _client(world.user("ib")).get(reverse("opp:child", args=[world.child.pk])).content.decode()
    assert "Je schreef 'zorg is voorliggend'." in page
    # the family is not prompted: the prompt is for the professionals who write
    assert prompt_for(world.user("ouder"), world.child) is None


def test_the_form_cannot_be_saved_without_a_step_and_keeps_what_was_typed(world: Any) -> None:
    client = _client(world.user("ib"))
    url = reverse("opp:return_plan_new", args=[world.child.pk])
    assert 'id="id_reason_2" checked' in client.get(url + "?reden=rust_voorliggend").content.decode()
    response = client.post(
        url,
        {"reason": "zorg_voorliggend", "said_by": "De jeugdarts", "since": timezone.localdate().isoformat()},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Vul minstens één stap in" in page and "Leerplichtwet 1969 art. 2" in page
    assert "De jeugdarts" in page
    assert not ReturnPlan.objects.exists()
    due = timezone.localdate() + timedelta(days=10)
    response = client.post(
        url,
        {
            "reason": "zorg_voorliggend",
            "said_by": "De jeugdarts",
            "since": timezone.localdate().isoformat(),
            "steps[0].who": "Leerplichtambtenaar",
            "steps[0].what": "Gesprek met ouders en GGZ over een rooster",
            "steps[0].due": due.isoformat(),
            "steps[0].payer": "gemeente",
        },
    )
    assert response.status_code == 302
    plan = ReturnPlan.objects.get()
    assert plan.steps.get().payer == "gemeente"
    page = client.get(reverse("opp:return_plan", args=[world.child.pk])).content.decode()
    assert "Gesprek met ouders en GGZ over een rooster" in page and "De gemeente (Jeugdwet)" in page
    assert AuditEvent.objects.filter(code="opp.return_plan_viewed").exists()


def test_the_last_step_is_done_only_with_a_next_one(world: Any) -> None:
    plan = open_plan(world)
    step = plan.steps.get()
    client = _client(world.user("ib"))
    url = reverse("opp:return_step_done", args=[world.child.pk, step.pk])
    response = client.post(url, {"done_on": timezone.localdate().isoformat()})
    assert "Dit is de laatste open stap" in response.content.decode()
    response = client.post(
        url,
        {
            "done_on": timezone.localdate().isoformat(),
            "then.who": "School",
            "then.what": "Twee ochtenden in de klas",
            "then.due": (timezone.localdate() + timedelta(days=14)).isoformat(),
        },
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.status == StepStatus.DONE and plan.steps.filter(status=StepStatus.OPEN).count() == 1


def test_replacing_and_ending_through_the_pages(world: Any) -> None:
    plan = open_plan(world)
    client = _client(world.user("ib"))
    step = plan.steps.get()
    response = client.post(
        reverse("opp:return_step_replace", args=[world.child.pk, step.pk]),
        {
            "who": "Jeugdarts",
            "what": "Onderzoek",
            "due": (timezone.localdate() + timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("opp:return_plan_end", args=[world.child.pk]),
        {"back_on": timezone.localdate().isoformat(), "back_how": "Drie ochtenden op De Regenboog."},
    )
    assert response.status_code == 302
    page = client.get(reverse("opp:return_plan", args=[world.child.pk])).content.decode()
    assert "Er is geen open terugkeerplan." in page and "Drie ochtenden op De Regenboog." in page


def test_the_family_reads_the_plan_in_plain_words_and_cannot_write(world: Any) -> None:
    open_plan(world, steps=[return_step(days=-1, who="De gemeente", what="Een plek regelen.")])
    client = _client(world.user("ouder"))
    page = client.get(reverse("portal:child", args=[world.child.pk])).content.decode()
    assert "Terug naar school" in page and "De gemeente: Een plek regelen." in page
    assert "Dit is te laat." in page
    assert client.get(reverse("opp:return_plan_new", args=[world.child.pk])).status_code == 403
    assert (
        _client(world.user("other_ib")).get(reverse("opp:return_plan", args=[world.child.pk])).status_code
        == 404
    )


def test_the_case_panel_shows_the_plan(world: Any, case: Case) -> None:
    open_plan(world)
    page = _client(world.user("lpa")).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="terugkeerplan"' in page and "Overleg met ouders en de GGZ" in page


def test_the_steps_are_on_the_agenda_and_late_ones_show(world: Any) -> None:
    open_plan(world, steps=[return_step(days=-3), return_step(days=5, who="SWV"), return_step(days=60)])
    today = timezone.localdate()
    entries = ReturnSteps().for_user(world.user("consulent"), today=today)
    assert [(e.days_overdue, e.due) for e in entries] == [
        (3, today - timedelta(days=3)),
        (0, today + timedelta(days=5)),
    ]
    assert entries[0].url == reverse("opp:return_plan", args=[world.child.pk])
    assert ReturnSteps().for_user(world.user("ouder"), today=today)  # whoever sees the child
    assert not ReturnSteps().for_user(world.user("other_consulent"), today=today)
    # the home page's agenda lists it
    home = _client(world.user("consulent")).get("/").content.decode()
    assert "Stap naar school" in home


def test_the_region_sees_who_pays_in_counts_only(world: Any) -> None:
    draw_up(world)  # support actions: school and swv
    open_plan(world, steps=[return_step(days=-2, payer="gemeente"), return_step(payer="")])
    response = _client(world.user("directeur")).get(reverse("opp:payers"))
    page = response.content.decode()
    assert response.status_code == 200
    assert world.child.first_name not in page and world.child.last_name not in page
    rows = response.context["rows"]
    by = {r.payer: (r.support_actions, r.return_steps, r.return_steps_overdue) for r in rows}
    assert by["school"] == (1, 0, 0) and by["swv"] == (1, 0, 0)
    assert by["gemeente"] == (0, 1, 1) and by[""] == (0, 1, 0)
    assert _client(world.user("ouder")).get(reverse("opp:payers")).status_code == 403
    assert _client(world.user("ib")).get(reverse("opp:payers")).status_code == 403


def test_every_form_page_leaves_a_line_in_the_familys_logbook(world: Any) -> None:
    plan = open_plan(world)
    step = plan.steps.get()
    client = _client(world.user("ib"))
    urls = [
        reverse("opp:return_step_add", args=[world.child.pk]),
        reverse("opp:return_step_done", args=[world.child.pk, step.pk]),
        reverse("opp:return_step_replace", args=[world.child.pk, step.pk]),
        reverse("opp:return_plan_end", args=[world.child.pk]),
    ]
    for url in urls:
        before = AuditEvent.objects.filter(code="opp.return_plan_viewed", child_id=world.child.pk).count()
        assert client.get(url).status_code == 200, url
        after = AuditEvent.objects.filter(code="opp.return_plan_viewed", child_id=world.child.pk).count()
        assert after == before + 1, url
    before = AuditEvent.objects.filter(code="opp.return_plan_viewed").count()
    rs_url = reverse("opp:return_plan_new", args=[world.child.pk])
    assert client.get(rs_url).status_code == 200
    assert AuditEvent.objects.filter(code="opp.return_plan_viewed").count() == before + 1
