"""The demo accounts: one per role, in the demo region. All people are fictional."""

from __future__ import annotations

from dataclasses import dataclass

from kring.accounts.roles import Role

DEMO_PASSWORD = "kring-demo"  # (printed for the demo; production never loads the demo)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: Role
    organisation: str  # a key of DemoRegion.organisations, or "" for family accounts


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("ib", "Ilse", "Bakker (demo)", Role.INTERN_BEGELEIDER, "school"),
    DemoAccount("schoolleider", "Sander", "Leeuwen (demo)", Role.SCHOOLLEIDER, "school"),
    DemoAccount("consulent", "Carmen", "Soet (demo)", Role.SWV_CONSULENT, "swv"),
    DemoAccount("directeur", "Dirk", "Mandaat (demo)", Role.SWV_DIRECTEUR, "swv"),
    DemoAccount("leerplicht", "Lotfi", "Plicht (demo)", Role.LEERPLICHTAMBTENAAR, "gemeente"),
    DemoAccount("jeugdhulp", "Joke", "Hulp (demo)", Role.JEUGDHULPVERLENER, "jeugdhulp"),
    DemoAccount("steunpunt", "Sevda", "Steun (demo)", Role.STEUNPUNT_MEDEWERKER, "steunpunt"),
    DemoAccount("inspecteur", "Ingrid", "Toezicht (demo)", Role.INSPECTEUR, "inspectie"),
    DemoAccount("beheerder", "Bas", "Beheer (demo)", Role.FUNCTIONEEL_BEHEERDER, "swv"),
    DemoAccount("ouder", "Olga", "Voorbeeldig (demo)", Role.OUDER, ""),
)
