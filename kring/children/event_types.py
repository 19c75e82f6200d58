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
        return str(value)

    def form_choices(self) -> list[tuple[str, StrOrPromise]]:
        """The choices of a form's select: "— kies —" first."""
        return [_KIES, *self.choices]


SECTORS: tuple[tuple[str, StrOrPromise], ...] = (
    ("po", _("Basisonderwijs (po)")),
    ("sbo", _("Speciaal basisonderwijs (sbo)")),
    ("so", _("Speciaal onderwijs (so)")),
    ("vso", _("Voortgezet speciaal onderwijs (vso)")),
    ("vo", _("Voortgezet onderwijs (vo)")),
    ("pro", _("Praktijkonderwijs (pro)")),
)

_FIELD_LIST: tuple[ContractField, ...] = (
    ContractField("school", _("School"), gettext_noop("de school")),
    ContractField("sector", _("Soort onderwijs"), gettext_noop("de soort onderwijs"), SECTORS),
    ContractField("extra_ondersteuning", _("Extra ondersteuning"), gettext_noop("extra ondersteuning")),
    ContractField(
        "outcome",
        _("Besluit"),
        gettext_noop("de uitkomst"),
        (("toegelaten", _("Toegelaten")), ("afgewezen", _("Afgewezen"))),
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
    return [(str(FIELDS[n].label), FIELDS[n].words(data[n])) for n in names if n in data and n in FIELDS]


def violation_event_types() -> dict[str, str]:
    """Which event type each violation rule is about: {"LPW-47": "uitschrijving", ...}."""
    return {rule: row.code for row in EVENT_TYPES for rule in row.violation_rules}


def refused_rules() -> frozenset[str]:
    """The rules whose violations Kring refuses unless recorded as a violation with a reason."""
    return frozenset(rule for row in EVENT_TYPES for rule in row.refused_rules)
