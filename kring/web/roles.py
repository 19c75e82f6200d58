"""What each role reads on its home page: a short, plain-Dutch introduction (B1)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kring.accounts.roles import Role

ROLE_INTROS: dict[str, Promise] = {
    Role.INTERN_BEGELEIDER: _(
        "Je zorgt op school voor leerlingen die extra steun nodig hebben. In Kring werk je samen met "
        "ouders, het kind en andere professionals. Je ziet hier wat er voor jou klaarstaat."
    ),
    Role.SCHOOLLEIDER: _(
        "Je school heeft zorgplicht: ieder kind dat wordt aangemeld, krijgt op tijd een passende plek. "
        "In Kring zie je welke aanmeldingen lopen en welke termijnen bijna verlopen."
    ),
    Role.SWV_CONSULENT: _(
        "Je helpt scholen en ouders om een passende plek te vinden voor een kind. In Kring zie je de "
        "kringen waarin je regie voert of meedenkt, en de afspraken die eraan komen."
    ),
    Role.SWV_DIRECTEUR: _(
        "Je samenwerkingsverband zorgt voor een dekkend aanbod in de regio. In Kring zie je welke kinderen "
        "te lang zonder passend onderwijs zitten en welke zaken naar jou zijn opgeschaald."
    ),
    Role.LEERPLICHTAMBTENAAR: _(
        "Je let erop dat ieder kind naar school kan en gaat. In Kring zie je meldingen van verzuim, "
        "kinderen die thuiszitten en de termijnen die daarbij horen."
    ),
    Role.JEUGDHULPVERLENER: _(
        "Je helpt kinderen en gezinnen met jeugdhulp. In Kring zie je de kringen waarin je meedoet en de "
        "afspraken die voor jou klaarstaan."
    ),
    Role.STEUNPUNT_MEDEWERKER: _(
        "Je helpt ouders en jongeren die vastlopen met school. In Kring leg je hun vragen vast en zie je "
        "welke signalen aandacht nodig hebben."
    ),
    Role.INSPECTEUR: _(
        "Je houdt toezicht op het onderwijs. In Kring zie je overzichten van thuiszitters en passend "
        "onderwijs in de regio's."
    ),
    Role.FUNCTIONEEL_BEHEERDER: _(
        "Je beheert Kring voor je organisatie: accounts, rollen en instellingen. Je helpt collega's als "
        "inloggen niet lukt."
    ),
}


def intro_for(role: str) -> Promise | str:
    return ROLE_INTROS.get(role, "")
