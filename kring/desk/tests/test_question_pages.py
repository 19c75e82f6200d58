"""The steunpunt worker's pages: the queue, registering a contact (what was typed stays on a
refusal), a question's page with its term, answer and anonymised text (blocked while a phone number
is in it), who may see which page, and a queue whose queries do not grow with its rows."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.accounts.testing import login_verified
from kring.core.testing import make_user
from kring.desk.models import Channel, Question, QuestionStatus
from kring.desk.services import questions as services
from kring.privacy.models import AuditEvent

from .questions_world import DeskWorld, a_monday_before, make_desk_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> DeskWorld:
    return make_desk_world()


def client_for(user: User) -> Client:
    client = Client()
    login_verified(client, user)
    return client


def make_question(world: DeskWorld, *, received_on: date | None = None, **overrides: Any) -> Question:
    values: dict[str, Any] = {
        "actor": world.worker,
        "channel": Channel.TELEFOON,
        "received_on": received_on or a_monday_before(timezone.localdate()),
        "swv": world.swv,
        "categories": [world.categories["opp"]],
        "question_text": "Het OPP is nooit besproken. Bel me op 06-12345678.",
        "contact_name": "Ilse de Wit",
        "contact_phone": "06-12345678",
    }
    values.update(overrides)
    return services.register_question(**values)


def new_form(world: DeskWorld, **overrides: Any) -> dict[str, object]:
    data: dict[str, object] = {
        "vraag-channel": "telefoon",
        "vraag-received_on": timezone.localdate().isoformat(),
        "vraag-asker": "ouder",
        "vraag-question_text": "Mag de school mijn kind weigeren?",
        "vraag-categories": [world.categories["aanmelding-zorgplicht"].pk, world.categories["opp"].pk],
        "vraag-age_group": "4_12",
        "vraag-school_type": "po",
        "vraag-swv": world.swv.pk,
        "vraag-contact_name": "Ilse de Wit",
        "vraag-contact_email": "ilse@example.org",
        "vraag-contact_phone": "06-12345678",
    }
    data.update(overrides)
    return data


# ---------------------------------------------------------------- the queue and registering


def test_the_queue_shows_the_steunpunts_questions_with_the_late_ones_marked(world):
    late = make_question(world)  # received three weeks ago, ten working days: late now
    services.register_question(
        actor=world.other_worker, channel=Channel.EMAIL, received_on=timezone.localdate(), swv=None,
        categories=[world.categories["opp"]], question_text="Een vraag elders.",
    )  # fmt: skip
    response = client_for(world.worker).get(reverse("desk:home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert late.reference in page and "Een vraag elders" not in page
    assert "te laat" in page and "Nieuwe vraag" in page
    assert AuditEvent.objects.filter(code="desk.questions_listed").count() == 1


def test_the_queue_searches_by_reference_and_words_and_filters(world):
    first = make_question(world, question_text="Over leerlingenvervoer naar het speciaal onderwijs.")
    second = make_question(
        world, question_text="Over de wachtlijst.", categories=[world.categories["wachtlijst"]]
    )
    client = client_for(world.worker)
    by_reference = client.get(reverse("desk:home"), {"q": first.reference.lower().replace("sp-", "")})
    assert first.reference in by_reference.content.decode()
    assert second.reference not in by_reference.content.decode()
    by_words = client.get(reverse("desk:home"), {"q": "speciaal wachtlijst"}).content.decode()
    assert first.reference not in by_words and second.reference not in by_words  # every word must occur
    by_words = client.get(reverse("desk:home"), {"q": "speciaal leerlingenvervoer"}).content.decode()
    assert first.reference in by_words and second.reference not in by_words
    by_category = client.get(
        reverse("desk:home"), {"category": world.categories["wachtlijst"].pk}
    ).content.decode()
    assert second.reference in by_category and first.reference not in by_category
    services.assign_to_me(actor=world.worker, question=second)
    mine = client.get(reverse("desk:home"), {"mine": "on"}).content.decode()
    assert second.reference in mine and first.reference not in mine
    nothing = client.get(reverse("desk:home"), {"q": "bestaat-niet"}).content.decode()
    assert "Geen vragen gevonden" in nothing


def test_an_empty_queue_says_what_to_do(world):
    page = client_for(world.worker).get(reverse("desk:home")).content.decode()
    assert "Er staan geen vragen open" in page and reverse("desk:new_question") in page


def test_registering_a_contact_goes_to_the_question_with_its_term(world):
    response = client_for(world.worker).post(reverse("desk:new_question"), new_form(world), follow=True)
    question = Question.objects.get()
    assert response.redirect_chain[-1][0] == reverse("desk:question", args=[question.pk])
    page = response.content.decode()
    assert question.reference in page
    assert (
        "5 werkdagen voor de categorie Aanmelding en zorgplicht; de schoolvakanties tellen niet mee" in page
    )
    assert question.categories.count() == 2 and question.created_by == world.worker


def test_a_refused_registration_keeps_what_was_typed(world):
    response = client_for(world.worker).post(
        reverse("desk:new_question"), new_form(world, **{"vraag-categories": []})
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kies minstens één categorie" in page
    assert "Mag de school mijn kind weigeren?" in page
    assert 'value="ilse@example.org"' in page and 'value="06-12345678"' in page
    assert not Question.objects.exists()


def test_the_category_checkboxes_are_grouped_with_their_descriptions(world):
    page = client_for(world.worker).get(reverse("desk:new_question")).content.decode()
    assert "Passend onderwijs" in page
    assert world.categories["thuiszitten"].description in page
    assert f'value="{world.categories["passend-onderwijs"].pk}"' not in page  # a heading, not a choice


# ---------------------------------------------------------------- one question


def test_the_question_page_shows_everything_and_audits_the_reading(world):
    question = make_question(world)
    page = client_for(world.worker).get(reverse("desk:question", args=[question.pk])).content.decode()
    assert question.reference in page and "Ilse de Wit" in page and "Antwoord uiterlijk op" in page
    assert "namen weggehaald" in page and "contactgegevens weggehaald" in page
    assert "school of het kind herkent" in page
    assert "Dit is een telefoonnummer" in page  # the detector on the question's own text
    assert AuditEvent.objects.filter(code="desk.question_viewed", object_id=str(question.pk)).exists()
    assert "Een vraag aan het steunpunt is vastgelegd" in page or "is vastgelegd" in page  # history


def anonymise(client: Client, question: Question, text: str, *, checklist: bool = True) -> Any:
    data: dict[str, Any] = {
        "part": "anoniem",
        "anoniem-anonymised_text": text,
        "anoniem-expected_version": question.version,
    }
    if checklist:
        data.update(
            {
                "anoniem-removed_names": "on",
                "anoniem-removed_contact": "on",
                "anoniem-nothing_recognisable": "on",
            }
        )
    return client.post(reverse("desk:question", args=[question.pk]), data)


def test_anonymising_is_blocked_until_the_phone_number_is_removed(world):
    question = make_question(world)
    client = client_for(world.worker)
    blocked = anonymise(client, question, "Het OPP is nooit besproken. Bel 030 123 4567.")
    assert blocked.status_code == 200
    page = blocked.content.decode()
    assert "Er staan nog gegevens in de tekst" in page and "030 123 4567" in page
    assert Question.objects.get(pk=question.pk).anonymised_on is None
    saved = anonymise(client, question, "Het OPP is nooit besproken met de ouder.")
    assert saved.status_code == 302
    question.refresh_from_db()
    assert question.anonymised_text == "Het OPP is nooit besproken met de ouder."


def test_answering_and_closing_from_the_page(world):
    question = make_question(world)
    client = client_for(world.worker)
    url = reverse("desk:question", args=[question.pk])
    today = timezone.localdate().isoformat()
    refused = client.post(
        url,
        {"part": "antwoord", "antwoord-answered_on": today, "antwoord-expected_version": question.version},
    )
    assert "Schrijf kort op wat je hebt geantwoord" in refused.content.decode()
    client.post(url, {
        "part": "antwoord", "antwoord-answered_on": today, "antwoord-answer_summary": "Uitgelegd.",
        "antwoord-expected_version": question.version,
    })  # fmt: skip
    question.refresh_from_db()
    assert question.status == QuestionStatus.BEANTWOORD
    stale = client.post(url, {"part": "sluiten", "sluiten-closed_on": today, "sluiten-expected_version": 1})
    assert stale.status_code == 409 and "Iemand anders" in stale.content.decode()
    client.post(
        url, {"part": "sluiten", "sluiten-closed_on": today, "sluiten-expected_version": question.version}
    )
    question.refresh_from_db()
    assert question.status == QuestionStatus.GESLOTEN


# ---------------------------------------------------------------- who may see what


def test_a_worker_of_another_steunpunt_gets_404(world):
    question = make_question(world)
    client = client_for(world.other_worker)
    assert client.get(reverse("desk:question", args=[question.pk])).status_code == 404
    assert (
        client.post(reverse("desk:question", args=[question.pk]), {"part": "behandelen"}).status_code == 404
    )
    assert question.reference not in client.get(reverse("desk:home")).content.decode()


@pytest.mark.parametrize(
    "role",
    [Role.INTERN_BEGELEIDER, Role.SWV_CONSULENT, Role.SWV_DIRECTEUR, Role.LEERPLICHTAMBTENAAR,
     Role.JEUGDHULPVERLENER, Role.INSPECTEUR, Role.FUNCTIONEEL_BEHEERDER, Role.OUDER],
)  # fmt: skip
def test_other_roles_get_403_or_404_on_every_page(world, role):
    question = make_question(world)
    client = client_for(make_user(role=role))
    assert client.get(reverse("desk:home")).status_code == 403
    assert client.get(reverse("desk:new_question")).status_code == 403
    assert client.post(reverse("desk:new_question"), new_form(world)).status_code == 403
    assert client.get(reverse("desk:question", args=[question.pk])).status_code == 404
    assert Question.objects.count() == 1


def test_a_steunpunt_role_at_another_kind_of_organisation_is_no_desk_worker(world):
    school_user = make_user(role=Role.STEUNPUNT_MEDEWERKER, organisation=world.swv.organisation)
    assert client_for(school_user).get(reverse("desk:home")).status_code == 403


def test_anonymous_visitors_go_to_the_login(world):
    question = make_question(world)
    for url in (
        reverse("desk:home"),
        reverse("desk:new_question"),
        reverse("desk:question", args=[question.pk]),
    ):
        response = Client().get(url)
        assert response.status_code == 302 and "inloggen" in response["Location"]


def test_the_navigation_shows_the_steunpunt_to_its_workers_only(world):
    assert 'href="/steunpunt/"' in client_for(world.worker).get(reverse("web:home")).content.decode()
    other = client_for(make_user(role=Role.SWV_CONSULENT)).get(reverse("web:home")).content.decode()
    assert 'href="/steunpunt/"' not in other


# ---------------------------------------------------------------- queries


def test_the_queue_costs_the_same_number_of_queries_for_3_or_20_questions(world):
    client = client_for(world.worker)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("desk:home")).status_code == 200
        return len(queries)

    for _ in range(3):
        make_question(world, categories=[world.categories["opp"], world.categories["adhd"]])
    services.assign_to_me(actor=world.worker, question=Question.objects.earliest("pk"))
    few = count()
    for _ in range(17):
        q = make_question(world, categories=[world.categories["autisme"]])
        services.assign_to_me(actor=world.colleague, question=q)
    assert count() == few
