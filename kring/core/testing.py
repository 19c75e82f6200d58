"""Helpers for tests: make organisations and people with one call. Fictional data only."""

from __future__ import annotations

import itertools

from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.organisations.models import Organisation, OrganisationKind

_counter = itertools.count(1)

DEFAULT_PASSWORD = "kring-test-wachtwoord-1"


def make_organisation(*, kind: str = OrganisationKind.SCHOOL, name: str = "", code: str = "") -> Organisation:
    n = next(_counter)
    return Organisation.objects.create(kind=kind, name=name or f"Test {kind} {n}", code=code or f"T{n:05d}")


ROLE_DEFAULT_KIND = {
    Role.INTERN_BEGELEIDER: OrganisationKind.SCHOOL,
    Role.SCHOOLLEIDER: OrganisationKind.SCHOOL,
    Role.SWV_CONSULENT: OrganisationKind.SWV,
    Role.SWV_DIRECTEUR: OrganisationKind.SWV,
    Role.LEERPLICHTAMBTENAAR: OrganisationKind.GEMEENTE,
    Role.JEUGDHULPVERLENER: OrganisationKind.JEUGDHULP,
    Role.STEUNPUNT_MEDEWERKER: OrganisationKind.STEUNPUNT,
    Role.INSPECTEUR: OrganisationKind.INSPECTIE,
    Role.FUNCTIONEEL_BEHEERDER: OrganisationKind.SWV,
}


def make_user(
    *,
    role: str = Role.INTERN_BEGELEIDER,
    organisation: Organisation | None = None,
    username: str = "",
    password: str = DEFAULT_PASSWORD,
    first_name: str = "Test",
    last_name: str = "",
) -> User:
    n = next(_counter)
    if organisation is None and role not in (Role.OUDER, Role.LEERLING):
        organisation = make_organisation(kind=ROLE_DEFAULT_KIND[Role(role)])
    return User.objects.create_user(
        username=username or f"user{n}",
        password=password,
        role=role,
        organisation=organisation,
        first_name=first_name,
        last_name=last_name or f"Gebruiker {n}",
    )
