"""Functioneel beheer of the desk without code: the category tree and its answer terms, and each
steunpunt's settings, in /beheer/; every change in Kring's logbook; no questions in /beheer/."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client

from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.accounts.testing import login_verified
from kring.core.testing import make_organisation, make_user
from kring.demo.services import beheer_permissions
from kring.desk.models import DeskSettings, PolicySignal, Question, QuestionCategory, QuestionLink
from kring.organisations.models import OrganisationKind
from kring.privacy.models import AuditEvent

from .link_world import make_question
from .questions_world import ensure_categories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_tree() -> None:
    """The default tree (a transactional test earlier in the run may have flushed it)."""
    ensure_categories()


@pytest.fixture
def beheerder(client: Client) -> User:
    """As the demo makes one: staff, with the permissions of functioneel beheer."""
    user = make_user(role=Role.FUNCTIONEEL_BEHEERDER, last_name="Beheerder")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.set(beheer_permissions())
    user = User.objects.get(pk=user.pk)
    login_verified(client, user)
    return user


def category_data(category: QuestionCategory, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": category.name,
        "code": category.code,
        "parent": category.parent_id or "",
        "description": category.description,
        "answer_term_days": category.answer_term_days,
        "position": category.position,
        "active": "on" if category.active else "",
        "name_en": category.name_en,
        "description_en": category.description_en,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_beheer_changes_an_answer_term_and_the_change_is_in_the_logbook(
    beheerder: User, client: Client
) -> None:
    category = QuestionCategory.objects.get(code="thuiszitten")
    url = f"/beheer/desk/questioncategory/{category.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, category_data(category, answer_term_days=5))
    assert response.status_code == 302, response.content.decode()[:2000]
    category.refresh_from_db()
    assert category.answer_term_days == 5
    line = AuditEvent.objects.get(object_type="beheer:desk.questioncategory", actor=beheerder)
    assert line.purpose == "functioneel_beheer"
    assert "Thuiszitten" in line.message and "gewijzigd" in line.message


def test_a_term_outside_1_to_60_days_is_refused_in_plain_words(beheerder: User, client: Client) -> None:
    category = QuestionCategory.objects.get(code="opp")
    response = client.post(
        f"/beheer/desk/questioncategory/{category.pk}/change/", category_data(category, answer_term_days=90)
    )
    assert response.status_code == 200
    assert "hoogstens 60 werkdagen" in response.content.decode()


def test_a_category_cannot_fall_under_its_own_subcategory(beheerder: User, client: Client) -> None:
    root = QuestionCategory.objects.get(code="passend-onderwijs")
    child = QuestionCategory.objects.filter(parent=root).first()
    assert child is not None
    response = client.post(
        f"/beheer/desk/questioncategory/{root.pk}/change/", category_data(root, parent=child.pk)
    )
    assert response.status_code == 200
    assert "niet onder zichzelf" in response.content.decode()


def test_a_category_in_use_cannot_be_deleted_and_beheer_is_told_why(beheerder: User, client: Client) -> None:
    steunpunt = make_organisation(kind=OrganisationKind.STEUNPUNT)
    question = make_question(steunpunt)
    category = QuestionCategory.objects.get(code="thuiszitten")
    url = f"/beheer/desk/questioncategory/{category.pk}/delete/"
    page = client.get(url).content.decode()
    assert "in gebruik" in page and "niet actief" in page
    assert question.reference not in page  # the steunpunt's questions are not listed in beheer
    client.post(url, {"post": "yes"})
    assert QuestionCategory.objects.filter(pk=category.pk).exists()
    # An unused one can go.
    unused = QuestionCategory.objects.create(code="nieuw", name="Nieuw onderwerp")
    client.post(f"/beheer/desk/questioncategory/{unused.pk}/delete/", {"post": "yes"})
    assert not QuestionCategory.objects.filter(pk=unused.pk).exists()


def test_the_coordinator_is_a_worker_of_that_steunpunt(beheerder: User, client: Client) -> None:
    steunpunt = make_organisation(kind=OrganisationKind.STEUNPUNT)
    other = make_organisation(kind=OrganisationKind.STEUNPUNT)
    own = make_user(role=Role.STEUNPUNT_MEDEWERKER, organisation=steunpunt, last_name="Eigen")
    stranger = make_user(role=Role.STEUNPUNT_MEDEWERKER, organisation=other, last_name="Vreemd")
    settings = DeskSettings.objects.create(steunpunt=steunpunt)
    url = f"/beheer/desk/desksettings/{settings.pk}/change/"
    offered = client.get(url).context["adminform"].form.fields["coordinator"].queryset
    assert own in offered and stranger not in offered
    data = {
        "steunpunt": steunpunt.pk,
        "contact_retention_months": 6,
        "coordinator": stranger.pk,
        "public_form_enabled": "on",
        "closed_in_school_holidays": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "vakantieregio" in body.lower()
    response = client.post(url, {**data, "coordinator": own.pk, "vakantieregio": "midden"})
    assert response.status_code == 302
    settings.refresh_from_db()
    assert settings.coordinator == own and settings.contact_retention_months == 6
    assert settings.vakantieregio == "midden" and settings.version == 2
    assert AuditEvent.objects.filter(object_type="beheer:desk.desksettings").exists()


def test_beheer_sees_no_questions_links_or_signals(beheerder: User, client: Client) -> None:
    for model in (Question, QuestionLink, PolicySignal):
        assert model not in admin.site._registry
    for path in ("/beheer/desk/question/", "/beheer/desk/questionlink/", "/beheer/desk/policysignal/"):
        assert client.get(path).status_code == 404, path
    home = client.get("/beheer/").content.decode()
    assert "/beheer/desk/questioncategory/" in home and "/beheer/desk/desksettings/" in home
    assert not beheer_permissions().filter(content_type__model__in=["question", "questionlink"]).exists()
