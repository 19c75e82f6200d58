"""The closed list of purposes for which Kring processes a child's data.

Every audit event names one of these purposes. The list is short on purpose: a family reading the
access log should recognise each purpose, and a privacy officer can check each against the legal
ground in the processing register. A new purpose needs an ADR, a migration (the database refuses a
purpose outside this list) and an entry in `docs/glossary.md`.
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    CASUSREGIE = "casusregie", _("Regie op de casus")
    LEERPLICHT = "leerplicht", _("Leerplicht en verzuim")
    ZORGPLICHT = "zorgplicht", _("Zorgplicht: een passende plek")
    ESCALATIE = "escalatie", _("Escalatie")
    FAMILY_ACCESS = "family_access", _("Inzage door het gezin")
    STEUNPUNT = "steunpunt", _("Steun aan ouders en jongeren door het steunpunt")
    FUNCTIONEEL_BEHEER = "functioneel_beheer", _("Functioneel beheer")
    NIGHTLY_JOB = "nightly_job", _("Dagelijkse controle door Kring")
    LOGIN = "login", _("Inloggen")
    BREAK_GLASS = "break_glass", _("Toegang in een noodgeval")
    RIGHTS_REQUEST = "avg_verzoek", _("Een verzoek van het gezin om inzage of correctie")
    CONSENT = "consent", _("Met toestemming van het gezin")
    ONBEKEND = "onbekend", _("Onbekend (oude logregel)")


DESCRIPTIONS: dict[Purpose, Promise] = {
    Purpose.CASUSREGIE: _(
        "Mensen in de kring rond het kind werken samen aan een plan: wie doet wat, wanneer praten we "
        "weer, wie heeft de regie."
    ),
    Purpose.LEERPLICHT: _(
        "Bijhouden of het kind naar school gaat: inschrijving, verzuim en de termijnen uit de Leerplichtwet."
    ),
    Purpose.ZORGPLICHT: _(
        "Een school zoeken die past bij wat het kind nodig heeft, binnen de termijnen van de zorgplicht."
    ),
    Purpose.ESCALATIE: _(
        "Een termijn of afspraak is gemist. De casus gaat naar iemand die mag besluiten, zodat het kind "
        "niet blijft wachten."
    ),
    Purpose.FAMILY_ACCESS: _("Het gezin bekijkt zelf de gegevens over hun kind."),
    Purpose.STEUNPUNT: _(
        "Het ouder- en jeugdsteunpunt beantwoordt een vraag van een ouder of jongere. Alleen het steunpunt "
        "ziet die vraag, tenzij de vrager toestemming geeft om hem te delen."
    ),
    Purpose.FUNCTIONEEL_BEHEER: _(
        "Kring instellen voor de regio: scholen, gemeenten, normen en accounts. Zonder gegevens over een "
        "kind."
    ),
    Purpose.NIGHTLY_JOB: _("Kring controleert elke nacht zelf de termijnen en stuurt zo nodig een seintje."),
    Purpose.LOGIN: _("Controleren wie inlogt, zodat niemand anders je account gebruikt."),
    Purpose.BREAK_GLASS: _(
        "Iemand buiten de kring moest het dossier snel zien, bijvoorbeeld omdat het kind niet veilig is. "
        "Die persoon gaf een reden op en kon het dossier korte tijd lezen, niet veranderen."
    ),
    Purpose.RIGHTS_REQUEST: _(
        "Het gezin vroeg een organisatie om de gegevens te laten zien of om iets te verbeteren. De "
        "organisatie moet binnen een maand antwoorden (AVG artikel 12, 15 en 16)."
    ),
    Purpose.CONSENT: _(
        "Het gezin gaf toestemming om een deel van het dossier te delen, met een vaste ontvanger, voor een "
        "doel en een periode. Het gezin kan die toestemming altijd intrekken."
    ),
    Purpose.ONBEKEND: _(
        "Deze logregel is geschreven voordat Kring een vaste lijst met doelen had. Het oude doel staat erbij."
    ),
}


def describe(purpose: str) -> str:
    """The B1 description of a purpose in the active language."""
    return str(DESCRIPTIONS[Purpose(purpose)])


# The free-text purposes written before the closed list existed (see the ADR on audit events and
# purposes), mapped to the list.
# The migration uses this table; a text that is not in it becomes `onbekend`.
LEGACY_PURPOSES: dict[str, str] = {
    "inloggen": Purpose.LOGIN,
    "referentiegegevens bijwerken": Purpose.FUNCTIONEEL_BEHEER,
    "regio instellen": Purpose.FUNCTIONEEL_BEHEER,
    "functioneel beheer": Purpose.FUNCTIONEEL_BEHEER,
    "functioneel beheer van accounts": Purpose.FUNCTIONEEL_BEHEER,
    "kind registreren": Purpose.LEERPLICHT,
    "kind registreren (geweigerd)": Purpose.LEERPLICHT,
    "gegevens kind bijwerken": Purpose.LEERPLICHT,
    "wettelijk vertegenwoordiger vastleggen": Purpose.LEERPLICHT,
    "tijdlijn bijhouden": Purpose.LEERPLICHT,
    "tijdlijn corrigeren": Purpose.LEERPLICHT,
    "beoordeling controleren": Purpose.LEERPLICHT,
    "beoordeling controleren (API)": Purpose.LEERPLICHT,
    "beoordeling bekijken (API)": Purpose.LEERPLICHT,
    "tijdlijn bekijken (API)": Purpose.LEERPLICHT,
    "gegevens kind bekijken (API)": Purpose.LEERPLICHT,
    "kinderen zoeken (API)": Purpose.LEERPLICHT,
    "kind zoeken op BSN": Purpose.LEERPLICHT,
    "regie op de casus": Purpose.CASUSREGIE,
    "regie op de casus (API)": Purpose.CASUSREGIE,
    "casus openen": Purpose.CASUSREGIE,
    "overzicht van casussen": Purpose.CASUSREGIE,
    "export van casussen": Purpose.CASUSREGIE,
    "casussen bekijken (API)": Purpose.CASUSREGIE,
    "escalatie bij een gemiste termijn of norm": Purpose.ESCALATIE,
    "dagelijkse controle van termijnen": Purpose.NIGHTLY_JOB,
    "inzage door het gezin": Purpose.FAMILY_ACCESS,
}


def from_legacy(text: str) -> str:
    """The closed-list purpose for a free-text purpose of an old logbook line."""
    text = (text or "").strip()
    if text in Purpose.values:
        return text
    return str(LEGACY_PURPOSES.get(text, Purpose.ONBEKEND))
