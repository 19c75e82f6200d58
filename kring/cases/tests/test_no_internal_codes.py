"""No internal codes where a person reads (issue 8): the case page and the CSV export of a child who
has been a thuiszitter for years show words (in the chosen language), never `langdurig_relatief_verzuim`,
`overdue` or other snake_case codes."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kring.accounts.testing import login_verified
from kring.cases import services
from kring.cases.models import Case
from kring.cases.testing import World, make_world
from kring.children.services import record_event

pytestmark = pytest.mark.django_db

SNAKE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")


@pytest.fixture
def case() -> tuple[World, Case]:
    world = make_world()
    today = timezone.localdate()
    record_event(
        actor=None,
        child=world.child,
        type="inschrijving",
        date=today - timedelta(days=900),
        data={"sector": "po"},
        school=world.school,
    )
    record_event(
        actor=None,
        child=world.child,
        type="afwezig",
        date=today - timedelta(days=800),
        data={"reden": "ongeoorloofd"},
    )
    case = services.open_case(
        actor=world.user("lpa"),
        child=world.child,
        signal_kind="verzuim",
        signal_description="Het kind is al lang niet op school.",
        opened_on=today - timedelta(days=790),
    )
    return world, case


def lpa(world: World) -> Client:
    client = Client()
    login_verified(client, world.user("lpa"))
    return client


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)  # attributes (ids, classes, values) are not read by people
    return html


def test_the_csv_export_has_words_not_codes(case: tuple[World, Case]) -> None:
    world, _ = case
    text = lpa(world).get(reverse("cases:export")).content.decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert "Langdurig relatief verzuim" in row  # before: langdurig_relatief_verzuim
    assert "Termijn verstreken" in row  # the three-month norm; before: overdue
    assert not SNAKE.findall(text), SNAKE.findall(text)
    assert header.startswith("Casus;Voornaam;Achternaam")


def test_the_csv_export_speaks_english_when_chosen(case: tuple[World, Case]) -> None:
    world, _ = case
    client = lpa(world)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = client.get(reverse("cases:export")).content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Case;First name;Last name")
    assert "Long-term relative absence" in text or "Long-term" in text


def test_the_case_page_shows_no_codes(case: tuple[World, Case]) -> None:
    world, c = case
    text = visible_text(lpa(world).get(reverse("cases:detail", args=[c.pk])).content.decode())
    assert "Langdurig relatief verzuim" in text
    assert not SNAKE.findall(text), sorted(set(SNAKE.findall(text)))
