"""Test helpers for cases and access: one fictional region with a child and people in every role."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from typing import Any

from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.children.models import Child, LegalRepresentative
from kring.core.testing import make_organisation, make_user
from kring.organisations.models import (
    Gemeente,
    Organisation,
    OrganisationKind,
    Samenwerkingsverband,
    SchoolLocation,
)

_n = itertools.count(1)


def make_gemeente(name: str = "") -> Gemeente:
    n = next(_n)
    org = make_organisation(kind=OrganisationKind.GEMEENTE, name=name or f"Testgemeente {n}")
    return Gemeente.objects.create(organisation=org, name=org.name)


def make_swv(*, sector: str = "po") -> Samenwerkingsverband:
    n = next(_n)
    code = f"{sector.upper()}{n % 10000:04d}"  # the SWV code has four digits
    org = make_organisation(kind=OrganisationKind.SWV, name=f"SWV Test {n}", code=code)
    return Samenwerkingsverband.objects.create(organisation=org, code=code, sector=sector)


def make_school(
    *, postcode: str, name: str = "", sector: str = "po", board: Organisation | None = None
) -> SchoolLocation:
    n = next(_n)
    brin = f"{n % 100:02d}ZZ"
    org = make_organisation(
        kind=OrganisationKind.SCHOOL, name=name or f"Basisschool Test {n}", code=f"{brin}00"
    )
    return SchoolLocation.objects.create(
        organisation=org, brin=brin, vestigingscode=f"{brin}00", sector=sector, postcode=postcode, board=board
    )


def make_postcode_area(
    pc4: str,
    *,
    gemeente: Gemeente | None,
    swv_po: Samenwerkingsverband | None = None,
    swv_vo: Samenwerkingsverband | None = None,
) -> Any:
    from kring.reference.models import PostcodeArea

    return PostcodeArea.objects.create(pc4=pc4, gemeente=gemeente, swv_po=swv_po, swv_vo=swv_vo)


def make_child(
    *,
    postcode: str = "3511AB",
    gemeente: Gemeente | None = None,
    birth_date: date = date(2015, 5, 2),
    first_name: str = "Noor",
) -> Child:
    return Child.objects.create(
        first_name=first_name,
        last_name=f"Testkind{next(_n)}",
        birth_date=birth_date,
        postcode=postcode,
        gemeente=gemeente,
        vakantieregio="midden",
    )


@dataclass
class World:
    """One region: gemeente + SWV (PO) over PC4 3511, a school in it, a child living there, and
    a user in every role; plus a second gemeente/SWV/school elsewhere for the denied cases."""

    gemeente: Gemeente
    swv: Samenwerkingsverband
    school: SchoolLocation
    other_gemeente: Gemeente
    other_swv: Samenwerkingsverband
    other_school: SchoolLocation
    child: Child
    parent_rep: LegalRepresentative
    users: dict[str, User]

    def user(self, key: str) -> User:
        return self.users[key]


def make_world() -> World:
    gemeente = make_gemeente()
    other_gemeente = make_gemeente()
    swv = make_swv()
    other_swv = make_swv()
    make_postcode_area("3511", gemeente=gemeente, swv_po=swv)
    make_postcode_area("3512", gemeente=gemeente, swv_po=swv)
    make_postcode_area("9711", gemeente=other_gemeente, swv_po=other_swv)
    school = make_school(postcode="3512CD", name="Basisschool De Regenboog")
    other_school = make_school(postcode="9711AA", name="Basisschool Het Noorden")
    child = make_child(gemeente=gemeente)
    parent_user = make_user(role=Role.OUDER, first_name="Sanne", last_name="Ouder")
    parent_rep = LegalRepresentative.objects.create(
        child=child, name="Sanne Ouder", relation="moeder", user=parent_user
    )
    users = {
        "ib": make_user(role=Role.INTERN_BEGELEIDER, organisation=school.organisation, last_name="IB"),
        "schoolleider": make_user(
            role=Role.SCHOOLLEIDER, organisation=school.organisation, last_name="Leider"
        ),
        "other_ib": make_user(
            role=Role.INTERN_BEGELEIDER, organisation=other_school.organisation, last_name="IB2"
        ),
        "consulent": make_user(role=Role.SWV_CONSULENT, organisation=swv.organisation, last_name="Consulent"),
        "directeur": make_user(role=Role.SWV_DIRECTEUR, organisation=swv.organisation, last_name="Directeur"),
        "other_consulent": make_user(
            role=Role.SWV_CONSULENT, organisation=other_swv.organisation, last_name="C2"
        ),
        "lpa": make_user(role=Role.LEERPLICHTAMBTENAAR, organisation=gemeente.organisation, last_name="Lpa"),
        "other_lpa": make_user(
            role=Role.LEERPLICHTAMBTENAAR, organisation=other_gemeente.organisation, last_name="Lpa2"
        ),
        "jeugdhulp": make_user(role=Role.JEUGDHULPVERLENER, last_name="Jeugdhulp"),
        "steunpunt": make_user(role=Role.STEUNPUNT_MEDEWERKER, last_name="Steunpunt"),
        "beheerder": make_user(
            role=Role.FUNCTIONEEL_BEHEERDER, organisation=swv.organisation, last_name="Beheerder"
        ),
        "inspecteur": make_user(role=Role.INSPECTEUR, last_name="Inspecteur"),
        "ouder": parent_user,
        "other_ouder": make_user(role=Role.OUDER, last_name="Andere ouder"),
        "leerling": make_user(role=Role.LEERLING, last_name="Leerling"),
    }
    for user in users.values():
        if not user.email:
            user.email = f"{user.username}@example.org"
            user.save(update_fields=["email"])
    return World(
        gemeente=gemeente,
        swv=swv,
        school=school,
        other_gemeente=other_gemeente,
        other_swv=other_swv,
        other_school=other_school,
        child=child,
        parent_rep=parent_rep,
        users=users,
    )
