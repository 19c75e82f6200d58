"""A small world for the tests of consented links: the region of `kring.cases.testing`, a steunpunt
that serves its samenwerkingsverband, one question, and the child's case with the steunpunt in its
circle. The question is registered through the desk's own service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from kring.accounts.models import User
from kring.cases import services as case_services
from kring.cases.models import Case, CircleMember, MemberKind, SignalKind, Visibility
from kring.cases.testing import World, make_world
from kring.desk.models import Channel, DeskSettings, Question
from kring.desk.services.questions import register_question
from kring.desk.tests.questions_world import ensure_categories
from kring.organisations.models import Organisation


@dataclass
class LinkWorld:
    world: World
    steunpunt: Organisation
    worker: User
    question: Question
    case: Case

    def user(self, key: str) -> User:
        return self.world.user(key)


def make_question(
    steunpunt: Organisation, *, worker: User | None = None, received_on: date | None = None
) -> Question:
    """A phoned-in question; through the desk's own service when a worker of `steunpunt` is given."""
    received = received_on or timezone.localdate() - timedelta(days=7)
    tree = ensure_categories()  # a transactional test earlier in the run may have flushed it
    categories = [tree["thuiszitten"], tree["opp"]]
    text = "Mijn zoon zit al weken thuis. Bel me op 06-12345678."
    if worker is not None:
        return register_question(
            actor=worker,
            channel=Channel.TELEFOON,
            received_on=received,
            swv=None,
            categories=categories,
            question_text=text,
            contact_name="Sanne Ouder",
            contact_phone="06-12345678",
        )
    question = Question.objects.create(
        steunpunt=steunpunt,
        channel=Channel.TELEFOON,
        received_on=received,
        answer_due=received + timedelta(days=14),
        question_text=text,
        contact_name="Sanne Ouder",
        contact_phone="06-12345678",
    )
    question.categories.set(categories)
    return question


def make_link_world() -> LinkWorld:
    world = make_world()
    worker = world.user("steunpunt")
    steunpunt = worker.organisation
    assert steunpunt is not None
    steunpunt.phone = "030 123 45 67"
    steunpunt.email = "info@steunpunt.example.org"
    steunpunt.save(update_fields=["phone", "email"])
    settings = DeskSettings.objects.create(steunpunt=steunpunt)
    settings.swvs.set([world.swv])
    question = make_question(steunpunt, worker=worker)
    case = case_services.open_case(
        actor=world.user("lpa"),
        child=world.child,
        signal_kind=SignalKind.VERZUIM,
        signal_description="Noor komt al twee weken niet naar school.",
        opened_on=timezone.localdate() - timedelta(days=10),
    )
    CircleMember.objects.create(
        case=case,
        kind=MemberKind.STEUNPUNT,
        organisation=steunpunt,
        name=steunpunt.name,
        visibility=Visibility.KRING_EN_AFSPRAKEN,
        joined_on=timezone.localdate() - timedelta(days=5),
    )
    return LinkWorld(world=world, steunpunt=steunpunt, worker=worker, question=question, case=case)


def consent(**overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "consent_on": timezone.localdate(),
        "consent_by": "moeder, Sanne Ouder",
        "consent_how": "telefonisch",
        "consent_scope": "De ouder vindt het goed dat de vraag aan de casus wordt gekoppeld.",
    }
    values.update(overrides)
    return values
