"""The services of the steunpunt worker: registering a contact (every refusal names its field), the
answer term (recomputed when the categories change), answering, closing, reopening, the version
check, and keeping the text for signals only without identifying details."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from kring.accounts.roles import Role
from kring.core.errors import Conflict, Refused
from kring.core.testing import make_user
from kring.desk.models import Channel, Question, QuestionStatus
from kring.desk.services import questions as services
from kring.privacy.models import AuditEvent
from kring.reference.models import SchoolHoliday

from .questions_world import DeskWorld, make_desk_world

pytestmark = pytest.mark.django_db

FRIDAY = date(2025, 10, 10)  # before the herfstvakantie (regio midden) of 18 up to 26 October 2025


@pytest.fixture
def world() -> DeskWorld:
    return make_desk_world()


@pytest.fixture
def herfst() -> SchoolHoliday:
    holiday, _ = SchoolHoliday.objects.update_or_create(
        schooljaar="2025-2026", vakantie="herfstvakantie", regio="midden",
        defaults={"start": date(2025, 10, 18), "end": date(2025, 10, 26)},
    )  # fmt: skip
    return holiday


def register(world: DeskWorld, **overrides: Any) -> Question:
    values: dict[str, Any] = {
        "actor": world.worker,
        "channel": Channel.TELEFOON,
        "asker": "ouder",
        "received_on": FRIDAY,
        "age_group": "12_16",
        "school_type": "vo",
        "swv": world.swv,
        "categories": [world.categories["ondersteuning-regulier"]],
        "question_text": "Mijn zoon krijgt geen extra hulp op school. Wat kan ik doen?",
        "contact_name": "Ilse de Wit",
        "contact_email": "ilse@example.org",
        "contact_phone": "06-12345678",
    }
    values.update(overrides)
    return services.register_question(**values)


def refusal(error: Refused) -> dict[str | None, list[str]]:
    return error.by_field()


# ---------------------------------------------------------------- registering


def test_a_worker_registers_a_phone_call_with_its_term_and_an_audit_line(world, herfst):
    question = register(
        world, categories=[world.categories["ondersteuning-regulier"], world.categories["opp"]]
    )
    assert question.reference.startswith("SP-")
    assert question.steunpunt == world.steunpunt
    assert question.status == QuestionStatus.OPEN
    # ten working days from Friday 10 October, the herfstvakantie (20-24 October) not counted
    assert question.answer_due == date(2025, 10, 31)
    event = AuditEvent.objects.get(code="desk.question_registered")
    assert event.data["category_count"] == 2 and event.purpose == "steunpunt"
    assert "Ilse" not in str(event.data) and "06-" not in event.message


def test_the_shortest_term_of_the_categories_counts(world, herfst):
    question = register(world, categories=[world.categories["opp"], world.categories["thuiszitten"]])
    assert question.answer_due == date(2025, 10, 15)  # thuiszitten: three working days


def test_a_steunpunt_open_in_the_holidays_counts_them(world, herfst):
    world.settings.closed_in_school_holidays = False
    world.settings.save()
    assert register(world).answer_due == date(2025, 10, 24)


def test_a_steunpunt_without_settings_counts_working_days_only(world, herfst):
    world.settings.delete()
    assert register(world, swv=None).answer_due == date(2025, 10, 24)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"categories": []}, "categories"),
        ({"question_text": "   "}, "question_text"),
        ({"received_on": date.today() + timedelta(days=3)}, "received_on"),
        ({"channel": "fax"}, "channel"),
        ({"asker": "buurman"}, "asker"),
        ({"age_group": "99"}, "age_group"),
        ({"school_type": "hbo"}, "school_type"),
        ({"contact_email": "geen-adres"}, "contact_email"),
        ({"contact_phone": "bel me"}, "contact_phone"),
    ],
)
def test_each_refusal_of_a_registration_names_its_field(world, overrides, field):
    with pytest.raises(Refused) as caught:
        register(world, **overrides)
    assert field in refusal(caught.value)
    assert not Question.objects.exists()


def test_a_samenwerkingsverband_the_steunpunt_does_not_serve_is_refused(world):
    with pytest.raises(Refused) as caught:
        register(world, swv=world.other_swv)
    assert "swv" in refusal(caught.value)


def test_an_inactive_category_is_refused(world):
    category = world.categories["opp"]
    category.active = False
    category.save()
    with pytest.raises(Refused) as caught:
        register(world, categories=[category])
    assert "categories" in refusal(caught.value)


def test_only_a_steunpunt_worker_registers(world):
    for role in (Role.SWV_CONSULENT, Role.INTERN_BEGELEIDER, Role.FUNCTIONEEL_BEHEERDER):
        with pytest.raises(PermissionDenied):
            register(world, actor=make_user(role=role))


def test_the_web_form_registers_without_an_account_for_its_steunpunt_only(world):
    question = register(world, actor=None, channel=Channel.WEBFORMULIER, steunpunt=world.steunpunt)
    assert question.steunpunt == world.steunpunt and question.created_by is None
    assert AuditEvent.objects.get(code="desk.question_registered").actor is None
    with pytest.raises(PermissionDenied):
        register(world, actor=None, channel=Channel.TELEFOON, steunpunt=world.steunpunt)
    with pytest.raises(Refused) as caught:
        register(world, actor=None, channel=Channel.WEBFORMULIER, steunpunt=None)
    assert "steunpunt" in refusal(caught.value)
    with pytest.raises(Refused):  # the other steunpunt does not serve this SWV
        register(world, actor=None, channel=Channel.WEBFORMULIER, steunpunt=world.other_steunpunt)


# ---------------------------------------------------------------- working on it


def test_answer_close_and_reopen(world):
    question = register(world)
    today = timezone.localdate()
    services.assign_to_me(actor=world.colleague, question=question)
    question = services.answer_question(
        actor=world.worker,
        question=question,
        answered_on=today,
        answer_summary="Uitgelegd wat de zorgplicht is.",
    )
    assert question.status == QuestionStatus.BEANTWOORD and question.assigned_to == world.colleague
    with pytest.raises(Refused):
        services.answer_question(actor=world.worker, question=question, answered_on=today, answer_summary="x")
    question = services.close_question(actor=world.worker, question=question, closed_on=today)
    assert question.status == QuestionStatus.GESLOTEN
    question = services.reopen(actor=world.worker, question=question)
    assert question.status == QuestionStatus.OPEN and question.answered_on is None
    codes = list(AuditEvent.objects.order_by("pk").values_list("code", flat=True))
    assert codes == [
        "desk.question_registered",
        "desk.question_assigned",
        "desk.question_answered",
        "desk.question_closed",
        "desk.question_reopened",
    ]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"answered_on": FRIDAY - timedelta(days=1), "answer_summary": "Uitgelegd."}, "answered_on"),
        ({"answered_on": date.today() + timedelta(days=2), "answer_summary": "Uitgelegd."}, "answered_on"),
        ({"answered_on": FRIDAY, "answer_summary": ""}, "answer_summary"),
    ],
)
def test_each_refusal_of_an_answer_names_its_field(world, kwargs, field):
    question = register(world)
    with pytest.raises(Refused) as caught:
        services.answer_question(actor=world.worker, question=question, **kwargs)
    assert field in refusal(caught.value)


def test_closing_before_the_answer_is_refused(world):
    question = register(world)
    question = services.answer_question(
        actor=world.worker,
        question=question,
        answered_on=FRIDAY + timedelta(days=3),
        answer_summary="Uitgelegd.",
    )
    with pytest.raises(Refused) as caught:
        services.close_question(actor=world.worker, question=question, closed_on=FRIDAY + timedelta(days=1))
    assert "closed_on" in refusal(caught.value)


def test_changing_the_categories_recomputes_the_due_date(world, herfst):
    question = register(world)
    assert question.answer_due == date(2025, 10, 31)
    question = services.change_categories(
        actor=world.worker, question=question, categories=[world.categories["thuiszitten"]]
    )
    assert question.answer_due == date(2025, 10, 15)
    assert Question.objects.get(pk=question.pk).answer_due == date(2025, 10, 15)
    assert list(question.categories.values_list("code", flat=True)) == ["thuiszitten"]
    with pytest.raises(Refused) as caught:
        services.change_categories(actor=world.worker, question=question, categories=[])
    assert "categories" in refusal(caught.value)


def test_two_people_saving_the_same_version_the_second_gets_a_conflict(world):
    question = register(world)
    seen = question.version
    services.assign_to_me(actor=world.colleague, question=question, expected_version=seen)
    with pytest.raises(Conflict):
        services.answer_question(
            actor=world.worker,
            question=question,
            answered_on=FRIDAY,
            answer_summary="x",
            expected_version=seen,
        )
    assert Question.objects.get(pk=question.pk).status == QuestionStatus.OPEN


def test_a_worker_of_another_steunpunt_cannot_touch_the_question(world):
    question = register(world)
    with pytest.raises(Http404):
        services.assign_to_me(actor=world.other_worker, question=question)
    with pytest.raises(PermissionDenied):
        services.close_question(actor=make_user(role=Role.SWV_DIRECTEUR), question=question, closed_on=FRIDAY)


# ---------------------------------------------------------------- anonymised text and quotes


def test_the_anonymised_text_is_refused_while_it_holds_a_phone_number(world):
    question = register(world)
    with pytest.raises(Refused) as caught:
        services.anonymise_question(
            actor=world.worker,
            question=question,
            anonymised_text="Het kind krijgt geen hulp. Bel 06-12345678.",
            checklist_confirmed=True,
        )
    messages = refusal(caught.value)["anonymised_text"]
    assert "06-12345678" in messages[0]
    question = services.anonymise_question(
        actor=world.worker,
        question=question,
        anonymised_text="Het kind krijgt geen extra hulp op school.",
        checklist_confirmed=True,
    )
    assert question.anonymised_on is not None and question.anonymised_by == world.worker
    event = AuditEvent.objects.get(code="desk.question_anonymised")
    assert "hulp" not in str(event.data) and "hulp" not in event.message


def test_the_contact_name_and_the_checklist_are_checked(world):
    question = register(world)
    with pytest.raises(Refused) as caught:
        services.anonymise_question(
            actor=world.worker,
            question=question,
            anonymised_text="Ilse vraagt om hulp.",
            checklist_confirmed=False,
        )
    fields = refusal(caught.value)
    assert "Ilse" in fields["anonymised_text"][0] and "checklist_confirmed" in fields
    with pytest.raises(Refused) as caught:
        services.anonymise_question(
            actor=world.worker,
            question=question,
            anonymised_text="De ouder vraagt hulp.",
            checklist_confirmed=False,
        )
    assert list(refusal(caught.value)) == ["checklist_confirmed"]


def test_only_an_anonymised_text_can_be_a_quote(world):
    question = register(world)
    with pytest.raises(Refused) as caught:
        services.select_quote(actor=world.worker, question=question, selected=True)
    assert "selected" in refusal(caught.value)
    services.anonymise_question(
        actor=world.worker,
        question=question,
        anonymised_text="De ouder vraagt hulp.",
        checklist_confirmed=True,
    )
    question = services.select_quote(actor=world.worker, question=question, selected=True)
    assert Question.objects.get(pk=question.pk).quote_selected
    question = services.select_quote(actor=world.worker, question=question, selected=False)
    assert not Question.objects.get(pk=question.pk).quote_selected
    assert AuditEvent.objects.filter(code="desk.quote_selected").count() == 2
