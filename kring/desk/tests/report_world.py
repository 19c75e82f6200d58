"""A small world for the signals report's tests: a steunpunt serving two SWVs, its workers, the SWVs'
people, and questions made directly (the worker's question pages are another part of the desk).
Fictional data only."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date

from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.core.testing import make_organisation, make_user
from kring.desk.models import (
    AgeGroup,
    Channel,
    DeskSettings,
    PolicySignal,
    Question,
    QuestionCategory,
    QuestionStatus,
    SchoolType,
)
from kring.desk.tests.questions_world import ensure_categories
from kring.organisations.models import Organisation, OrganisationKind, Samenwerkingsverband, SwvSector

_codes = itertools.count(2701)


def make_swv(name: str) -> Samenwerkingsverband:
    organisation = make_organisation(kind=OrganisationKind.SWV, name=name)
    return Samenwerkingsverband.objects.create(
        organisation=organisation, code=f"PO{next(_codes)}", sector=SwvSector.PO
    )


@dataclass
class ReportWorld:
    steunpunt: Organisation
    swv: Samenwerkingsverband
    other_swv: Samenwerkingsverband
    worker: User
    director: User
    other_director: User
    consulent: User
    other_worker: User
    school_user: User
    categories: dict[str, QuestionCategory] = field(default_factory=dict)


def make_report_world(*, worker_username: str = "", director_username: str = "") -> ReportWorld:
    steunpunt = make_organisation(kind=OrganisationKind.STEUNPUNT, name="Steunpunt De Brug (fictief)")
    swv = make_swv("SWV Rivierenland (fictief)")
    other_swv = make_swv("SWV Heuvelrug (fictief)")
    settings = DeskSettings.objects.create(steunpunt=steunpunt)
    settings.swvs.set([swv, other_swv])
    other_steunpunt = make_organisation(kind=OrganisationKind.STEUNPUNT, name="Ander steunpunt (fictief)")
    DeskSettings.objects.create(steunpunt=other_steunpunt).swvs.set([swv])
    return ReportWorld(
        steunpunt=steunpunt,
        swv=swv,
        other_swv=other_swv,
        worker=make_user(
            role=Role.STEUNPUNT_MEDEWERKER,
            organisation=steunpunt,
            username=worker_username,
            first_name="Sevda",
            last_name="Steun",
        ),
        director=make_user(
            role=Role.SWV_DIRECTEUR,
            organisation=swv.organisation,
            username=director_username,
            first_name="Dirk",
            last_name="Mandaat",
        ),
        other_director=make_user(role=Role.SWV_DIRECTEUR, organisation=other_swv.organisation),
        consulent=make_user(role=Role.SWV_CONSULENT, organisation=swv.organisation),
        other_worker=make_user(role=Role.STEUNPUNT_MEDEWERKER, organisation=other_steunpunt),
        school_user=make_user(role=Role.INTERN_BEGELEIDER),
        categories=ensure_categories(),
    )


def ask(
    world: ReportWorld,
    *,
    on: date,
    categories: tuple[str, ...] = (),
    swv: Samenwerkingsverband | None = None,
    school_type: str = SchoolType.PO,
    age_group: str = AgeGroup.VIER_TOT_12,
    channel: str = Channel.TELEFOON,
    text: str = "Mijn zoon zit al weken thuis, bel me op 06-12345678.",
    quote: str = "",
    steunpunt: Organisation | None = None,
) -> Question:
    """One question received `on`, with the parent's own words in `text` (never in the report) and,
    with `quote`, the anonymised text selected as a quote."""
    question = Question.objects.create(
        steunpunt=steunpunt or world.steunpunt,
        swv=swv or world.swv,
        channel=channel,
        received_on=on,
        age_group=age_group,
        school_type=school_type,
        question_text=text,
        status=QuestionStatus.OPEN,
        answer_due=on,
        anonymised_text=quote,
        anonymised_on=on if quote else None,
        quote_selected=bool(quote),
    )
    question.categories.set([world.categories[code] for code in categories])
    return question


def many(world: ReportWorld, count: int, **kwargs: object) -> None:
    for _ in range(count):
        ask(world, **kwargs)  # type: ignore[arg-type]


def raise_signal_directly(world: ReportWorld, *, on: date, title: str = "Wachtlijsten so") -> PolicySignal:
    return PolicySignal.objects.create(
        steunpunt=world.steunpunt,
        swv=world.swv,
        title=title,
        body="Veel ouders wachten.",
        raised_on=on,
        raised_by=world.worker,
    )
