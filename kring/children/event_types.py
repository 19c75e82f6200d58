"""The one table of timeline event types: everything Kring knows about each kind of event.

A row (`EventTypeSpec`) says, for one event type of the rules contract (SCENARIOS.md): its Dutch
label, the contract fields it sends to the engine, the fields of its form, the help text under the
form, what the timeline shows of it, whether it is a *past act* (something that has happened, so
it cannot be dated in the future) and which violations of the engine are about it. The model's
choices (`models.EventType`), the form (`forms.EventForm`), the services' checks and messages, the
case page's timeline and the legal check all read this table; a test checks every `EventType` has
a row and every row's contract fields are known to the engine's parser.

The contract's fields themselves (their label on screen, their name in a sentence, their choices)
are in the second table, `FIELDS`.

No models are imported here: `models.py` takes its labels from this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = [
    "EVENT_TYPES",
    "FIELDS",
    "ContractField",
    "EventTypeSpec",
    "field_phrase",
    "label_of",
    "shown_fields",
    "spec",
]


# ---------------------------------------------------------------- the contract's fields

_KIES = ("", _("— kies —"))


@dataclass(frozen=True)
class ContractField:
    """One field of the contract (besides `date` and `type`)."""

    name: str
    label: StrOrPromise  # its label on the timeline: "Soort onderwijs"
    phrase: str  # how a message names it in a sentence (gettext_noop): "de soort onderwijs"
    choices: tuple[tuple[str, StrOrPromise], ...] = ()  # (value, words), without the "— kies —"

    def words(self, value: Any) -> str:
        """The value as the timeline shows it, in the active language."""
        if isinstance(value, bool):
            return gettext("ja") if value else gettext("nee")
        if self.choices:
            return str(dict(self.choices).get(str(value), str(value)))
        if self.name == "to":
            try:
                return date_format(date.fromisoformat(str(value)), "j F Y")
            except ValueError:
                return str(value)
        if self.name == "hours_per_day":
            return gettext("%(hours)s uur") % {"hours": value}
        if self.name == "weken":
            return gettext("om de %(weeks)s weken") % {"weeks": value}
        if self.name == "uren_per_week":
            return gettext("%(hours)s uur per week") % {"hours": value}
        return str(value)

    def form_choices(
        self, choices: tuple[tuple[str, StrOrPromise], ...] | None = None
    ) -> list[tuple[str, StrOrPromise]]:
        """The choices of a form's select (the field's own, or a row's `choices`): "— kies —" first."""
        return [_KIES, *(self.choices if choices is None else choices)]


SECTORS: tuple[tuple[str, StrOrPromise], ...] = (
    ("po", _("Basisonderwijs (po)")),
    ("sbo", _("Speciaal basisonderwijs (sbo)")),
    ("so", _("Speciaal onderwijs (so)")),
    ("vso", _("Voortgezet speciaal onderwijs (vso)")),
    ("vo", _("Voortgezet onderwijs (vo)")),
    ("pro", _("Praktijkonderwijs (pro)")),
)

TLV_SOORTEN: tuple[tuple[str, StrOrPromise], ...] = (
    ("sbo", _("Speciaal basisonderwijs (sbo)")),
    ("so", _("Speciaal onderwijs (so)")),
    ("vso", _("Voortgezet speciaal onderwijs (vso)")),
)

FUNCTIES: tuple[tuple[str, StrOrPromise], ...] = (
    ("orthopedagoog", _("Orthopedagoog")),
    ("psycholoog", _("Psycholoog")),
    ("kinder_jeugdpsycholoog", _("Kinder- of jeugdpsycholoog")),
    ("pedagoog", _("Pedagoog")),
    ("kinderpsychiater", _("Kinderpsychiater")),
    ("maatschappelijk_werker", _("Maatschappelijk werker")),
    ("arts", _("Arts")),
)

_FIELD_LIST: tuple[ContractField, ...] = (
    ContractField("school", _("School"), gettext_noop("de school")),
    ContractField("sector", _("Soort onderwijs"), gettext_noop("de soort onderwijs"), SECTORS),
    ContractField("extra_ondersteuning", _("Extra ondersteuning"), gettext_noop("extra ondersteuning")),
    ContractField(
        "outcome",
        _("Besluit"),
        gettext_noop("de uitkomst"),
        # every outcome of the contract; a row names the ones of its type (`EventTypeSpec.choices`)
        (
            ("toegelaten", _("Toegelaten")),
            ("toegekend", _("Toegekend")),
            ("toegestaan", _("Toegestaan")),
            ("afgewezen", _("Afgewezen")),
        ),
    ),
    ContractField(
        "grond",
        _("Reden van uitschrijving"),
        gettext_noop("de reden van uitschrijving"),
        (
            ("inschrijving_elders", _("Ingeschreven op een andere school")),
            ("vrijstelling", _("Vrijstelling van de leerplicht")),
            ("overig", _("Anders")),
        ),
    ),
    ContractField(
        "reden",
        _("Reden"),
        gettext_noop("de reden van afwezigheid"),
        (
            ("ongeoorloofd", _("Ongeoorloofd (spijbelen, thuisgehouden zonder toestemming)")),
            ("ziek", _("Ziek")),
            ("geoorloofd", _("Geoorloofd (met toestemming)")),
        ),
    ),
    ContractField("to", _("Tot en met"), gettext_noop("de einddatum")),
    ContractField("hours_per_day", _("Uren per dag"), gettext_noop("het aantal uren per dag")),
    ContractField(
        "artikel",
        _("Artikel"),
        gettext_noop("het artikel van de vrijstelling"),
        (
            ("5a", _("5a: lichamelijk of psychisch niet geschikt")),
            ("5b", _("5b: bezwaar tegen de richting van alle scholen in de buurt")),
            ("5c", _("5c: ingeschreven op een school in het buitenland")),
            ("15", _("15: vervangende leerplicht")),
        ),
    ),
    ContractField(
        "instemming_handelingsdeel",
        _("Ouders stemmen in met het handelingsdeel"),
        gettext_noop("instemming met het handelingsdeel"),
    ),
    ContractField("met_ouders", _("Met de ouders"), gettext_noop("met ouders")),
    ContractField("met_leerling", _("Leerling gehoord"), gettext_noop("met de leerling")),
    ContractField("naam", _("Regievoerder"), gettext_noop("de naam")),
    ContractField("soort", _("Soort route"), gettext_noop("de soort route")),
    ContractField("weken", _("Evalueren"), gettext_noop("het aantal weken")),
    # catalog v2
    ContractField("swv", _("Samenwerkingsverband"), gettext_noop("het samenwerkingsverband")),
    ContractField("deskundige", _("Deskundige"), gettext_noop("de naam van de deskundige")),
    ContractField("functie", _("Functie"), gettext_noop("de functie van de deskundige"), FUNCTIES),
    ContractField("schooljaren", _("Schooljaren"), gettext_noop("het aantal schooljaren")),
    ContractField("volgnummer", _("Volgnummer"), gettext_noop("het volgnummer")),
    ContractField("uren_per_week", _("Uren per week"), gettext_noop("het aantal uren per week")),
    ContractField("gemeente", _("Gemeente"), gettext_noop("de gemeente")),
    ContractField("verlenging", _("Verlenging"), gettext_noop("verlenging")),
    ContractField("organisatie", _("Organisatie"), gettext_noop("de organisatie")),
    ContractField(
        "verzoeker",
        _("Gevraagd door"),
        gettext_noop("wie het vraagt"),
        (("ouder", _("Ouder")), ("leerling", _("Leerling"))),
    ),
    ContractField(
        "verzoek",
        _("Verzoek"),
        gettext_noop("het soort verzoek"),
        (("inzage", _("Inzage")), ("rectificatie", _("Correctie (rectificatie)"))),
    ),
)

FIELDS: Mapping[str, ContractField] = {f.name: f for f in _FIELD_LIST}

_PHRASES: Mapping[str, str] = {
    "date": gettext_noop("de datum"),
    "type": gettext_noop("de soort gebeurtenis"),
    **{f.name: f.phrase for f in _FIELD_LIST},
}


def field_phrase(name: str) -> str | None:
    """How a message names the contract field `name` in a sentence (translated), or None."""
    phrase = _PHRASES.get(name)
    return gettext(phrase) if phrase is not None else None


# ---------------------------------------------------------------- the event types


@dataclass(frozen=True)
class EventTypeSpec:
    """One row of the table: one event type of the rules contract."""

    code: str  # the contract's `type`, and the value stored in TimelineEvent.type
    label: StrOrPromise
    # The contract fields this type sends to the engine besides date and type (SCENARIOS.md),
    # in the contract's order; the timeline shows them in this order.
    contract_fields: tuple[str, ...]
    # The fields of its form besides date and note. `school` stands for the pair school_location
    # (register) + school (the name, typed when it is not in the register).
    form_fields: tuple[str, ...]
    help: StrOrPromise  # one sentence under the form: what the event means
    # Something that has happened (a decision taken, an act done): it cannot be dated in the future.
    past_act: bool
    # The engine's violation rules about an event of this type (to link a violation to its event)
    # and those of them that Kring refuses unless recorded as a violation with a reason (issue 5).
    violation_rules: tuple[str, ...] = ()
    refused_rules: tuple[str, ...] = ()
    # Per form field: required although the field is optional for other types, another label,
    # another help text.
    required_form_fields: frozenset[str] = frozenset()
    form_labels: Mapping[str, StrOrPromise] = field(default_factory=dict)
    form_help: Mapping[str, StrOrPromise] = field(default_factory=dict)
    # Per field: the values of this type when they differ from the field's (e.g. `outcome` of a
    # TLV decision: toegekend / afgewezen; `soort` of a TLV: sbo / so / vso instead of free text),
    # and the field's label on the timeline when it differs.
    choices: Mapping[str, tuple[tuple[str, StrOrPromise], ...]] = field(default_factory=dict)
    shown_labels: Mapping[str, StrOrPromise] = field(default_factory=dict)
    # The field that names who a violation about this type is about (the engine's `subject`).
    subject_field: str = "school"

    @property
    def contract_type(self) -> str:
        return self.code

    @property
    def has_school(self) -> bool:
        return "school" in self.contract_fields


EVENT_TYPES: tuple[EventTypeSpec, ...] = (
    EventTypeSpec(
        code="aanmelding",
        label=_("Aanmelding ontvangen"),
        contract_fields=("school",),
        form_fields=("school",),
        help=_("De school heeft een schriftelijke aanmelding ontvangen. Hiermee begint de zorgplicht."),
        past_act=True,
    ),
    EventTypeSpec(
        code="aanmelding_verlenging",
        label=_("Beslistermijn aanmelding verlengd"),
        contract_fields=("school",),
        form_fields=("school",),
        help=_("De school heeft de ouders laten weten dat zij de extra 4 weken nodig heeft (één keer)."),
        past_act=True,
    ),
    EventTypeSpec(
        code="aanmelding_besluit",
        label=_("Besluit op aanmelding"),
        contract_fields=("school", "outcome"),
        form_fields=("school", "outcome"),
        help=_("De school heeft besloten over de aanmelding."),
        past_act=True,
    ),
    EventTypeSpec(
        code="inschrijving",
        label=_("Inschrijving"),
        contract_fields=("school", "sector", "extra_ondersteuning"),
        form_fields=("school", "sector", "extra_ondersteuning"),
        help=_("Het kind staat vanaf deze datum ingeschreven op de school."),
        past_act=True,
    ),
    EventTypeSpec(
        code="uitschrijving",
        label=_("Uitschrijving"),
        contract_fields=("school", "grond"),
        form_fields=("school", "grond"),
        help=_("Het kind is vanaf deze datum uitgeschreven."),
        past_act=False,  # a deregistration may be decided ahead of its date
        violation_rules=("LPW-47",),
        refused_rules=("LPW-47",),
    ),
    EventTypeSpec(
        code="afwezig",
        label=_("Afwezig"),
        contract_fields=("reden", "to", "hours_per_day"),
        form_fields=("reden", "to", "hours_per_day"),
        help=_(
            "Het kind is afwezig op elke schooldag vanaf deze datum (tot en met de einddatum, of nog steeds)."
        ),
        past_act=True,
        form_help={"to": _("Leeg laten als het kind nog steeds afwezig is.")},
    ),
    EventTypeSpec(
        code="verzuimmelding",
        label=_("Verzuimmelding bij DUO"),
        contract_fields=(),
        form_fields=(),
        help=_("De school heeft het ongeoorloofd verzuim gemeld bij DUO."),
        past_act=True,
    ),
    EventTypeSpec(
        code="schorsing",
        label=_("Schorsing"),
        contract_fields=("school", "to"),
        form_fields=("school", "to"),
        help=_("Het kind is geschorst van deze datum tot en met de einddatum."),
        past_act=False,  # a suspension is decided before it starts
        violation_rules=("ZP-10",),
        required_form_fields=frozenset({"to"}),
        form_labels={"to": _("Geschorst tot en met")},
    ),
    EventTypeSpec(
        code="schorsing_gemeld_inspectie",
        label=_("Schorsing gemeld aan inspectie"),
        contract_fields=("school",),
        form_fields=("school",),
        help=_("De inspectie is schriftelijk over de schorsing geïnformeerd."),
        past_act=True,
    ),
    EventTypeSpec(
        code="verwijdering",
        label=_("Verwijdering"),
        contract_fields=("school",),
        form_fields=("school",),
        help=_("Het besluit van de school om het kind te verwijderen gaat in op deze datum."),
        past_act=False,  # the decision takes effect on a date that may be ahead
        violation_rules=("ZP-11",),
        refused_rules=("ZP-11",),
    ),
    EventTypeSpec(
        code="andere_school_bereid",
        label=_("Andere school bereid tot toelating"),
        contract_fields=("school",),
        form_fields=("school",),
        help=_("Een andere school heeft verklaard het kind te willen toelaten."),
        past_act=True,
    ),
    EventTypeSpec(
        code="vrijstelling",
        label=_("Vrijstelling"),
        contract_fields=("artikel", "to"),
        form_fields=("artikel", "to"),
        help=_("Het kind heeft vanaf deze datum een vrijstelling van de leerplicht."),
        past_act=False,  # an exemption may start later
        form_help={"to": _("Leeg laten als de vrijstelling geen einddatum heeft.")},
    ),
    EventTypeSpec(
        code="opp_vastgesteld",
        label=_("OPP vastgesteld"),
        contract_fields=("instemming_handelingsdeel",),
        form_fields=("instemming_handelingsdeel",),
        help=_("Het ontwikkelingsperspectiefplan (OPP) is opgesteld."),
        past_act=True,
    ),
    EventTypeSpec(
        code="opp_instemming",
        label=_("Instemming ouders met handelingsdeel"),
        contract_fields=(),
        form_fields=(),
        help=_("De ouders hebben later ingestemd met het handelingsdeel van het OPP."),
        past_act=True,
    ),
    EventTypeSpec(
        code="opp_evaluatie",
        label=_("OPP geëvalueerd"),
        contract_fields=("met_ouders", "met_leerling"),
        form_fields=("met_ouders", "met_leerling"),
        help=_("Het OPP is geëvalueerd."),
        past_act=True,
        violation_rules=("OPP-07",),
    ),
    EventTypeSpec(
        code="regievoerder_aangewezen",
        label=_("Regievoerder aangewezen"),
        contract_fields=("naam",),
        form_fields=("naam",),
        help=_("Eén persoon voert vanaf nu de regie."),
        past_act=True,
    ),
    EventTypeSpec(
        code="ontwikkelperspectief_vastgesteld",
        label=_("Ontwikkelperspectief vastgesteld"),
        contract_fields=(),
        form_fields=(),
        help=_("Het ontwikkelperspectief is samen met ouders en kind vastgesteld."),
        past_act=True,
    ),
    EventTypeSpec(
        code="route_vastgesteld",
        label=_("Route vastgesteld"),
        contract_fields=("soort",),
        form_fields=("soort",),
        help=_("Er is een concrete onderwijs- of ontwikkelroute afgesproken."),
        past_act=True,
    ),
    EventTypeSpec(
        code="evaluatiefrequentie_vastgesteld",
        label=_("Evaluatieritme vastgesteld"),
        contract_fields=("weken",),
        form_fields=("weken",),
        help=_("Er is een vast ritme afgesproken om met ouders en kind te evalueren."),
        past_act=True,
    ),
    # ---- catalog v2
    EventTypeSpec(
        code="tlv_aanvraag",
        label=_("TLV aangevraagd"),
        contract_fields=("swv", "school", "soort"),
        form_fields=("swv", "school", "soort"),
        help=_(
            "Het samenwerkingsverband heeft een aanvraag voor een toelaatbaarheidsverklaring (TLV) ontvangen "
            "van de school waar het kind staat ingeschreven of is aangemeld."
        ),
        past_act=True,
        choices={"soort": TLV_SOORTEN},
        form_labels={"soort": _("TLV voor")},
        shown_labels={"soort": _("TLV voor")},
    ),
    EventTypeSpec(
        code="deskundigenadvies",
        label=_("Advies van een deskundige"),
        contract_fields=("swv", "deskundige", "functie"),
        form_fields=("swv", "deskundige", "functie"),
        help=_(
            "Een deskundige heeft het samenwerkingsverband schriftelijk geadviseerd of het kind toelaatbaar "
            "is tot het speciaal (basis)onderwijs."
        ),
        past_act=True,
    ),
    EventTypeSpec(
        code="tlv_besluit",
        label=_("Besluit over de TLV"),
        contract_fields=("swv", "outcome", "soort", "schooljaren", "volgnummer"),
        form_fields=("swv", "outcome", "soort", "schooljaren", "volgnummer"),
        help=_(
            "Het samenwerkingsverband heeft besloten over de toelaatbaarheid en het besluit op deze datum "
            "naar de ouders gestuurd."
        ),
        past_act=True,
        violation_rules=("TLV-03",),
        subject_field="swv",
        choices={
            "outcome": (("toegekend", _("Toegekend")), ("afgewezen", _("Afgewezen"))),
            "soort": TLV_SOORTEN,
        },
        form_labels={"soort": _("TLV voor")},
        shown_labels={"soort": _("TLV voor")},
        form_help={
            "schooljaren": _("Alleen bij een toegekende TLV: voor hoeveel schooljaren (1 of meer)."),
            "volgnummer": _("Alleen bij een toegekende TLV. Leeg laten als er geen volgnummer is."),
        },
    ),
    EventTypeSpec(
        code="onderwijstijd_verminderd",
        label=_("Minder onderwijstijd"),
        contract_fields=("school", "uren_per_week", "to"),
        form_fields=("school", "uren_per_week", "to"),
        help=_(
            "Vanaf deze datum volgt het kind op de school minder uren onderwijs dan de wet voorschrijft "
            "(een aangepast programma)."
        ),
        past_act=False,  # an adjusted programme may be agreed before it starts
        form_help={"to": _("Leeg laten als het aangepaste programma nog loopt.")},
    ),
    EventTypeSpec(
        code="instemming_inspectie_onderwijstijd",
        label=_("Inspectie stemt in met minder onderwijstijd"),
        contract_fields=("school", "to"),
        form_fields=("school", "to"),
        help=_(
            "De inspectie heeft ingestemd dat de school voor dit kind afwijkt van de wettelijke "
            "onderwijstijd."
        ),
        past_act=True,
        form_help={"to": _("Leeg laten als de instemming geen einddatum heeft.")},
    ),
    EventTypeSpec(
        code="vervangende_leerplicht_aanvraag",
        label=_("Vervangende leerplicht aangevraagd"),
        contract_fields=("gemeente", "verlenging"),
        form_fields=("gemeente", "verlenging"),
        help=_(
            "Het college van B&W heeft een aanvraag voor vervangende leerplicht ontvangen, of voor "
            "verlenging ervan met het volgende schooljaar."
        ),
        past_act=True,
        form_labels={"verlenging": _("Het is een verlenging naar het volgende schooljaar")},
    ),
    EventTypeSpec(
        code="vervangende_leerplicht_besluit",
        label=_("Besluit over vervangende leerplicht"),
        contract_fields=("gemeente", "outcome", "to"),
        form_fields=("gemeente", "outcome", "to"),
        help=_("Het college van B&W heeft besloten over de aanvraag voor vervangende leerplicht."),
        past_act=True,
        choices={"outcome": (("toegestaan", _("Toegestaan")), ("afgewezen", _("Afgewezen")))},
        form_labels={"to": _("Toegestaan tot en met")},
        shown_labels={"to": _("Toegestaan tot en met")},
        form_help={"to": _("Alleen bij toegestaan: de laatste dag van de toegestane periode.")},
    ),
    EventTypeSpec(
        code="verzoek_inzage",
        label=_("Verzoek om inzage"),
        contract_fields=("organisatie", "verzoeker"),
        form_fields=("organisatie", "verzoeker"),
        help=_("De organisatie heeft een verzoek ontvangen om de persoonsgegevens van het kind in te zien."),
        past_act=True,
    ),
    EventTypeSpec(
        code="verzoek_rectificatie",
        label=_("Verzoek om correctie"),
        contract_fields=("organisatie", "verzoeker"),
        form_fields=("organisatie", "verzoeker"),
        help=_(
            "De organisatie heeft een verzoek ontvangen om persoonsgegevens van het kind te verbeteren "
            "(rectificatie)."
        ),
        past_act=True,
    ),
    EventTypeSpec(
        code="verzoek_verlengd",
        label=_("Antwoordtermijn van een verzoek verlengd"),
        contract_fields=("organisatie", "verzoek"),
        form_fields=("organisatie", "verzoek"),
        help=_(
            "De organisatie heeft laten weten dat zij 2 maanden langer neemt om het verzoek te beantwoorden."
        ),
        past_act=True,
    ),
    EventTypeSpec(
        code="verzoek_beantwoord",
        label=_("Verzoek beantwoord"),
        contract_fields=("organisatie", "verzoek"),
        form_fields=("organisatie", "verzoek"),
        help=_("De organisatie heeft laten weten wat zij met het verzoek heeft gedaan."),
        past_act=True,
    ),
)

_BY_CODE: Mapping[str, EventTypeSpec] = {row.code: row for row in EVENT_TYPES}


def spec(code: str) -> EventTypeSpec:
    """The row of event type `code` (KeyError for an unknown type)."""
    return _BY_CODE[code]


def label_of(code: str) -> StrOrPromise:
    """The Dutch label of event type `code` (lazy: translated where it is shown)."""
    return _BY_CODE[code].label


def shown_fields(code: str, data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What the timeline shows of an event: its contract fields as (label, value in words), in the
    table's order; fields the event does not have are left out."""
    row = _BY_CODE.get(code)
    names = row.contract_fields if row is not None else tuple(n for n in data if n in FIELDS)
    if row is None:
        return [(str(FIELDS[n].label), FIELDS[n].words(data[n])) for n in names if n in data and n in FIELDS]
    shown = []
    for n in names:
        if n not in data or n not in FIELDS:
            continue
        label = row.shown_labels.get(n, FIELDS[n].label)
        own = row.choices.get(n)
        words = str(dict(own).get(str(data[n]), data[n])) if own else FIELDS[n].words(data[n])
        shown.append((str(label), words))
    return shown


def violation_event_types() -> dict[str, str]:
    """Which event type each violation rule is about: {"LPW-47": "uitschrijving", ...}."""
    return {rule: row.code for row in EVENT_TYPES for rule in row.violation_rules}


def refused_rules() -> frozenset[str]:
    """The rules whose violations Kring refuses unless recorded as a violation with a reason."""
    return frozenset(rule for row in EVENT_TYPES for rule in row.refused_rules)
