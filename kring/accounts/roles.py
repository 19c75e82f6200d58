"""The roles people have in Kring, and what kind of person holds them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.organisations.models import OrganisationKind


class Role(models.TextChoices):
    INTERN_BEGELEIDER = "intern_begeleider", _("Intern begeleider / zorgcoördinator")
    SCHOOLLEIDER = "schoolleider", _("Schoolleider")
    SWV_CONSULENT = "swv_consulent", _("Consulent samenwerkingsverband")
    SWV_DIRECTEUR = "swv_directeur", _("Directeur samenwerkingsverband")
    LEERPLICHTAMBTENAAR = "leerplichtambtenaar", _("Leerplichtambtenaar")
    JEUGDHULPVERLENER = "jeugdhulpverlener", _("Jeugdhulpverlener")
    STEUNPUNT_MEDEWERKER = "steunpunt_medewerker", _("Medewerker ouder- en jeugdsteunpunt")
    INSPECTEUR = "inspecteur", _("Inspecteur van het onderwijs")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functioneel beheerder")
    # Family accounts (portal, a later issue): parents and children co-own the file.
    OUDER = "ouder", _("Ouder of wettelijk vertegenwoordiger")
    LEERLING = "leerling", _("Leerling")


FAMILY_ROLES = frozenset({Role.OUDER, Role.LEERLING})

# Which kind of organisation each professional role belongs to. Functioneel beheer can sit anywhere.
ROLE_ORGANISATION_KINDS: dict[str, frozenset[str]] = {
    Role.INTERN_BEGELEIDER: frozenset({OrganisationKind.SCHOOL}),
    Role.SCHOOLLEIDER: frozenset({OrganisationKind.SCHOOL, OrganisationKind.BESTUUR}),
    Role.SWV_CONSULENT: frozenset({OrganisationKind.SWV}),
    Role.SWV_DIRECTEUR: frozenset({OrganisationKind.SWV}),
    Role.LEERPLICHTAMBTENAAR: frozenset({OrganisationKind.GEMEENTE}),
    Role.JEUGDHULPVERLENER: frozenset({OrganisationKind.JEUGDHULP, OrganisationKind.GEMEENTE}),
    Role.STEUNPUNT_MEDEWERKER: frozenset({OrganisationKind.STEUNPUNT}),
    Role.INSPECTEUR: frozenset({OrganisationKind.INSPECTIE}),
    Role.FUNCTIONEEL_BEHEERDER: frozenset(OrganisationKind.values),
}
