"""Test data for the public form, the nightly jobs and the agenda: a steunpunt with its settings,
its workers, and questions written straight to the database (the jobs and the agenda read rows; how
a question is registered is the service's own tests). Fictional only."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.core import testing
from kring.desk.categories import DEFAULT_CATEGORIES, ROOT
from kring.desk.models import DeskSettings, Question, QuestionCategory, QuestionStatus
from kring.organisations.models import Organisation, OrganisationKind, Samenwerkingsverband


def category(code: str) -> QuestionCategory:
    """A category of the default tree (made again when a transactional test emptied the table)."""
    root, _ = QuestionCategory.objects.get_or_create(
        code=ROOT.code, defaults={"name": ROOT.name, "description": ROOT.description, "answer_term_days": 10}
    )
    if code == ROOT.code:
        return root
    item = next(c for c in DEFAULT_CATEGORIES if c.code == code)
    found, _ = QuestionCategory.objects.get_or_create(
        code=code,
        defaults={
            "parent": root,
            "name": item.name,
            "description": item.description,
            "answer_term_days": item.term_days,
            "position": 1 + [c.code for c in DEFAULT_CATEGORIES].index(code),
        },
    )
    return found


_swv_codes = itertools.count(9000)


def make_swv(name: str = "Samenwerkingsverband Test") -> Samenwerkingsverband:
    organisation = testing.make_organisation(kind=OrganisationKind.SWV, name=name)
    return Samenwerkingsverband.objects.create(
        organisation=organisation, code=f"PO{next(_swv_codes):04d}", sector="po"
    )


def make_steunpunt(
    *, name: str = "Steunpunt Test", swvs: int = 1, coordinator: bool = True, **settings: Any
) -> tuple[Organisation, DeskSettings]:
    steunpunt = testing.make_organisation(kind=OrganisationKind.STEUNPUNT, name=name)
    desk = DeskSettings.objects.create(steunpunt=steunpunt, **settings)
    desk.swvs.set([make_swv(f"{name} SWV {n}") for n in range(swvs)])
    if coordinator:
        desk.coordinator = worker(steunpunt, first_name="Coco")
        desk.save(update_fields=["coordinator"])
    return steunpunt, desk


def worker(steunpunt: Organisation, *, first_name: str = "Wim", email: bool = True) -> User:
    user = testing.make_user(role=Role.STEUNPUNT_MEDEWERKER, organisation=steunpunt, first_name=first_name)
    if email:
        user.email = f"{user.username}@example.invalid"
        user.save(update_fields=["email"])
    return user


def question(
    steunpunt: Organisation,
    *,
    received_on: date,
    due: date | None = None,
    status: str = QuestionStatus.OPEN,
    closed_on: date | None = None,
    assigned_to: User | None = None,
    categories: tuple[str, ...] = ("thuiszitten",),
    anonymised_text: str = "",
    **fields: Any,
) -> Question:
    answered_on = received_on if status != QuestionStatus.OPEN else None
    if status == QuestionStatus.GESLOTEN and closed_on is None:
        closed_on = received_on
    q = Question.objects.create(
        steunpunt=steunpunt,
        channel="telefoon",
        received_on=received_on,
        answer_due=due or received_on + timedelta(days=14),
        status=status,
        answered_on=answered_on,
        closed_on=closed_on,
        assigned_to=assigned_to,
        question_text=fields.pop("question_text", "Mijn zoon zit al weken thuis. Bel me op 06 12345678."),
        contact_name=fields.pop("contact_name", "Petra"),
        contact_email=fields.pop("contact_email", "petra@example.invalid"),
        contact_phone=fields.pop("contact_phone", "06 12345678"),
        anonymised_text=anonymised_text,
        anonymised_on=received_on if anonymised_text else None,
        **fields,
    )
    q.categories.set([category(code) for code in categories])
    return q
