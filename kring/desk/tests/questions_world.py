"""A small fictional world for the tests of the steunpunt worker's pages: two steunpunten, the
samenwerkingsverband the first one serves (closed in the school holidays, regio midden), a worker
of each, and the categories of the default tree (made again when a transactional test flushed them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.cases.testing import make_swv
from kring.core.testing import make_organisation, make_user
from kring.desk.categories import DEFAULT_CATEGORIES, ROOT
from kring.desk.models import DeskSettings, QuestionCategory
from kring.organisations.models import Organisation, OrganisationKind, Samenwerkingsverband


def ensure_categories() -> dict[str, QuestionCategory]:
    """The default tree by code (the data migration's rows, or the same again after a flush)."""
    root, _ = QuestionCategory.objects.get_or_create(
        code=ROOT.code,
        defaults={"name": ROOT.name, "description": ROOT.description, "answer_term_days": ROOT.term_days},
    )
    found = {root.code: root}
    for position, item in enumerate(DEFAULT_CATEGORIES, start=1):
        category, _ = QuestionCategory.objects.get_or_create(
            code=item.code,
            defaults={
                "parent": root,
                "name": item.name,
                "description": item.description,
                "answer_term_days": item.term_days,
                "position": position,
            },
        )
        found[category.code] = category
    return found


@dataclass
class DeskWorld:
    steunpunt: Organisation
    other_steunpunt: Organisation
    swv: Samenwerkingsverband
    other_swv: Samenwerkingsverband
    settings: DeskSettings
    worker: User
    colleague: User
    other_worker: User
    categories: dict[str, QuestionCategory]


def make_desk_world(*, closed_in_school_holidays: bool = True, username: str = "") -> DeskWorld:
    steunpunt = make_organisation(kind=OrganisationKind.STEUNPUNT, name="Steunpunt De Brug (fictief)")
    other = make_organisation(kind=OrganisationKind.STEUNPUNT, name="Steunpunt Elders (fictief)")
    swv, other_swv = make_swv(), make_swv()
    settings = DeskSettings.objects.create(
        steunpunt=steunpunt, vakantieregio="midden", closed_in_school_holidays=closed_in_school_holidays
    )
    settings.swvs.add(swv)
    DeskSettings.objects.create(steunpunt=other).swvs.add(other_swv)
    return DeskWorld(
        steunpunt=steunpunt,
        other_steunpunt=other,
        swv=swv,
        other_swv=other_swv,
        settings=settings,
        worker=make_user(
            role=Role.STEUNPUNT_MEDEWERKER,
            organisation=steunpunt,
            username=username,
            first_name="Sevda",
            last_name="Steun",
        ),
        colleague=make_user(role=Role.STEUNPUNT_MEDEWERKER, organisation=steunpunt, first_name="Cor"),
        other_worker=make_user(role=Role.STEUNPUNT_MEDEWERKER, organisation=other, first_name="Olga"),
        categories=ensure_categories(),
    )


def a_monday_before(day: date) -> date:
    """A Monday at least two weeks before `day`, so a received date lies in the past."""
    from datetime import timedelta

    start = day - timedelta(days=21)
    return start - timedelta(days=start.weekday())
