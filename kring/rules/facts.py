"""Facts: typed events, the `Scenario`, and `parse_scenario` (JSON-like dict -> Scenario)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from operator import attrgetter
from typing import ClassVar, TypeVar

from kring.rules.construct import fast_constructor


class ScenarioError(ValueError):
    """The input is not a valid scenario; the message names the event (index, type) and the field."""


class Regio(StrEnum):
    NOORD = "noord"
    MIDDEN = "midden"
    ZUID = "zuid"


class Outcome(StrEnum):
    TOEGELATEN = "toegelaten"
    AFGEWEZEN = "afgewezen"


class Sector(StrEnum):
    PO = "po"
    SBO = "sbo"
    SO = "so"
    VSO = "vso"
    VO = "vo"
    PRO = "pro"


class Grond(StrEnum):
    INSCHRIJVING_ELDERS = "inschrijving_elders"
    VRIJSTELLING = "vrijstelling"
    OVERIG = "overig"


class Reden(StrEnum):
    ONGEOORLOOFD = "ongeoorloofd"
    ZIEK = "ziek"
    GEOORLOOFD = "geoorloofd"


class Artikel(StrEnum):
    A5A = "5a"
    A5B = "5b"
    A5C = "5c"
    A15 = "15"


# ---- catalog v2


class TlvSoort(StrEnum):
    SBO = "sbo"
    SO = "so"
    VSO = "vso"


class TlvOutcome(StrEnum):
    TOEGEKEND = "toegekend"
    AFGEWEZEN = "afgewezen"


class Functie(StrEnum):
    ORTHOPEDAGOOG = "orthopedagoog"
    PSYCHOLOOG = "psycholoog"
    KINDER_JEUGDPSYCHOLOOG = "kinder_jeugdpsycholoog"
    PEDAGOOG = "pedagoog"
    KINDERPSYCHIATER = "kinderpsychiater"
    MAATSCHAPPELIJK_WERKER = "maatschappelijk_werker"
    ARTS = "arts"


class VlpOutcome(StrEnum):
    TOEGESTAAN = "toegestaan"
    AFGEWEZEN = "afgewezen"


class Verzoeker(StrEnum):
    OUDER = "ouder"
    LEERLING = "leerling"


class VerzoekSoort(StrEnum):
    INZAGE = "inzage"
    RECTIFICATIE = "rectificatie"


# ---------------------------------------------------------------- events


@dataclass(frozen=True, kw_only=True, slots=True)
class Event:
    """Base of all events. `index` is the position in the input's `events` list."""

    TYPE: ClassVar[str] = ""
    index: int
    date: date

    @property
    def type(self) -> str:
        return self.TYPE


@dataclass(frozen=True, kw_only=True, slots=True)
class Aanmelding(Event):
    TYPE: ClassVar[str] = "aanmelding"
    school: str


@dataclass(frozen=True, kw_only=True, slots=True)
class AanmeldingVerlenging(Event):
    TYPE: ClassVar[str] = "aanmelding_verlenging"
    school: str


@dataclass(frozen=True, kw_only=True, slots=True)
class AanmeldingBesluit(Event):
    TYPE: ClassVar[str] = "aanmelding_besluit"
    school: str
    outcome: Outcome


@dataclass(frozen=True, kw_only=True, slots=True)
class Inschrijving(Event):
    TYPE: ClassVar[str] = "inschrijving"
    school: str
    sector: Sector
    extra_ondersteuning: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class Uitschrijving(Event):
    TYPE: ClassVar[str] = "uitschrijving"
    school: str
    grond: Grond


@dataclass(frozen=True, kw_only=True, slots=True)
class Afwezig(Event):
    TYPE: ClassVar[str] = "afwezig"
    reden: Reden
    to: date | None = None
    hours_per_day: Decimal = Decimal(5)


@dataclass(frozen=True, kw_only=True, slots=True)
class Verzuimmelding(Event):
    TYPE: ClassVar[str] = "verzuimmelding"


@dataclass(frozen=True, kw_only=True, slots=True)
class Schorsing(Event):
    TYPE: ClassVar[str] = "schorsing"
    school: str
    to: date

    @property
    def days(self) -> int:
        return (self.to - self.date).days + 1


@dataclass(frozen=True, kw_only=True, slots=True)
class SchorsingGemeldInspectie(Event):
    TYPE: ClassVar[str] = "schorsing_gemeld_inspectie"
    school: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Verwijdering(Event):
    TYPE: ClassVar[str] = "verwijdering"
    school: str


@dataclass(frozen=True, kw_only=True, slots=True)
class AndereSchoolBereid(Event):
    TYPE: ClassVar[str] = "andere_school_bereid"
    school: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Vrijstelling(Event):
    TYPE: ClassVar[str] = "vrijstelling"
    artikel: Artikel
    to: date | None = None

    def running_on(self, d: date) -> bool:
        return self.date <= d and (self.to is None or d <= self.to)


@dataclass(frozen=True, kw_only=True, slots=True)
class OppVastgesteld(Event):
    TYPE: ClassVar[str] = "opp_vastgesteld"
    instemming_handelingsdeel: bool


@dataclass(frozen=True, kw_only=True, slots=True)
class OppInstemming(Event):
    TYPE: ClassVar[str] = "opp_instemming"


@dataclass(frozen=True, kw_only=True, slots=True)
class OppEvaluatie(Event):
    TYPE: ClassVar[str] = "opp_evaluatie"
    met_ouders: bool
    met_leerling: bool


@dataclass(frozen=True, kw_only=True, slots=True)
class RegievoerderAangewezen(Event):
    TYPE: ClassVar[str] = "regievoerder_aangewezen"
    naam: str


@dataclass(frozen=True, kw_only=True, slots=True)
class OntwikkelperspectiefVastgesteld(Event):
    TYPE: ClassVar[str] = "ontwikkelperspectief_vastgesteld"


@dataclass(frozen=True, kw_only=True, slots=True)
class RouteVastgesteld(Event):
    TYPE: ClassVar[str] = "route_vastgesteld"
    soort: str


@dataclass(frozen=True, kw_only=True, slots=True)
class EvaluatiefrequentieVastgesteld(Event):
    TYPE: ClassVar[str] = "evaluatiefrequentie_vastgesteld"
    weken: int


# ---- catalog v2: TLV, onderwijstijd, vervangende leerplicht, AVG requests


@dataclass(frozen=True, kw_only=True, slots=True)
class TlvAanvraag(Event):
    TYPE: ClassVar[str] = "tlv_aanvraag"
    swv: str
    school: str
    soort: TlvSoort


@dataclass(frozen=True, kw_only=True, slots=True)
class Deskundigenadvies(Event):
    TYPE: ClassVar[str] = "deskundigenadvies"
    swv: str
    deskundige: str
    functie: Functie


@dataclass(frozen=True, kw_only=True, slots=True)
class TlvBesluit(Event):
    TYPE: ClassVar[str] = "tlv_besluit"
    swv: str
    outcome: TlvOutcome
    soort: TlvSoort
    schooljaren: int | None = None  # with `toegekend` only (then required)
    volgnummer: str | None = None  # with `toegekend` only


@dataclass(frozen=True, kw_only=True, slots=True)
class OnderwijstijdVerminderd(Event):
    TYPE: ClassVar[str] = "onderwijstijd_verminderd"
    school: str
    uren_per_week: Decimal
    to: date | None = None

    def covers(self, d: date) -> bool:
        return self.date <= d and (self.to is None or d <= self.to)


@dataclass(frozen=True, kw_only=True, slots=True)
class InstemmingInspectieOnderwijstijd(Event):
    TYPE: ClassVar[str] = "instemming_inspectie_onderwijstijd"
    school: str
    to: date | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class VervangendeLeerplichtAanvraag(Event):
    TYPE: ClassVar[str] = "vervangende_leerplicht_aanvraag"
    gemeente: str
    verlenging: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class VervangendeLeerplichtBesluit(Event):
    TYPE: ClassVar[str] = "vervangende_leerplicht_besluit"
    gemeente: str
    outcome: VlpOutcome
    to: date | None = None  # with `toegestaan` only (then required)


@dataclass(frozen=True, kw_only=True, slots=True)
class VerzoekInzage(Event):
    TYPE: ClassVar[str] = "verzoek_inzage"
    organisatie: str
    verzoeker: Verzoeker = Verzoeker.OUDER


@dataclass(frozen=True, kw_only=True, slots=True)
class VerzoekRectificatie(Event):
    TYPE: ClassVar[str] = "verzoek_rectificatie"
    organisatie: str
    verzoeker: Verzoeker = Verzoeker.OUDER


@dataclass(frozen=True, kw_only=True, slots=True)
class VerzoekVerlengd(Event):
    TYPE: ClassVar[str] = "verzoek_verlengd"
    organisatie: str
    verzoek: VerzoekSoort


@dataclass(frozen=True, kw_only=True, slots=True)
class VerzoekBeantwoord(Event):
    TYPE: ClassVar[str] = "verzoek_beantwoord"
    organisatie: str
    verzoek: VerzoekSoort


EVENT_TYPES: tuple[type[Event], ...] = (
    Aanmelding, AanmeldingVerlenging, AanmeldingBesluit, Inschrijving, Uitschrijving, Afwezig,
    Verzuimmelding, Schorsing, SchorsingGemeldInspectie, Verwijdering, AndereSchoolBereid, Vrijstelling,
    OppVastgesteld, OppInstemming, OppEvaluatie, RegievoerderAangewezen, OntwikkelperspectiefVastgesteld,
    RouteVastgesteld, EvaluatiefrequentieVastgesteld,
    # catalog v2
    TlvAanvraag, Deskundigenadvies, TlvBesluit, OnderwijstijdVerminderd, InstemmingInspectieOnderwijstijd,
    VervangendeLeerplichtAanvraag, VervangendeLeerplichtBesluit, VerzoekInzage, VerzoekRectificatie,
    VerzoekVerlengd, VerzoekBeantwoord,
)  # fmt: skip
EVENT_CLASS: Mapping[str, type[Event]] = {cls.TYPE: cls for cls in EVENT_TYPES}

# `_NEW[cls](...)` is `cls(...)` without the frozen __init__'s cost (kring.rules.construct): the parser
# builds every event with it.
_NEW: Mapping[type[Event], Callable[..., Event]] = {cls: fast_constructor(cls) for cls in EVENT_TYPES}


def event_sort_key(e: Event) -> tuple[date, int]:
    """The contract's order: by date, then by index in `events`."""
    return (e.date, e.index)


_by_date_then_index = attrgetter("date", "index")  # `event_sort_key` in C, for sorting


@dataclass(frozen=True)
class Scenario:
    """What is known about one child up to `as_of`. `events` are kept sorted by (date, index)."""

    as_of: date
    vakantieregio: Regio
    birth_date: date
    events: tuple[Event, ...] = field(default=())

    def __post_init__(self) -> None:
        if not isinstance(self.vakantieregio, Regio):  # a plain string from a caller
            object.__setattr__(self, "vakantieregio", Regio(self.vakantieregio))
        object.__setattr__(self, "events", tuple(sorted(self.events, key=_by_date_then_index)))

    @property
    def known_events(self) -> tuple[Event, ...]:
        """The events on or before `as_of` (events after `as_of` are ignored)."""
        events, as_of = self.events, self.as_of
        if not events or events[-1].date <= as_of:  # sorted by date: the usual case, all of them
            return events
        return tuple(e for e in events if e.date <= as_of)


# ---------------------------------------------------------------- parser

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MIN_DATE = date(1900, 1, 1)  # plausible dates only: keeps all date arithmetic far from date.min/max
MAX_DATE = date(2199, 12, 31)
E = TypeVar("E", bound=StrEnum)


@lru_cache(maxsize=8192)
def _plausible_date(value: str) -> date | None:
    """`value` as a date when it is a valid YYYY-MM-DD between MIN_DATE and MAX_DATE, else None."""
    if not _DATE_RE.match(value):
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return None
    return parsed if MIN_DATE <= parsed <= MAX_DATE else None


def _date_error(value: object, name: str) -> str:
    """Why `value` (known not to be a plausible date, `_plausible_date`) is wrong for field `name`."""
    if not isinstance(value, str) or not _DATE_RE.match(value):
        return f"field '{name}' must be a date YYYY-MM-DD, got {_show(value)}"
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"field '{name}' is not a valid date, got {_show(value)}"
    return (
        f"field '{name}' must be between {MIN_DATE.isoformat()} and {MAX_DATE.isoformat()}, "
        f"got {_show(value)}"
    )


def _parse_date(value: object, where: str, name: str) -> date:
    parsed = _plausible_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise ScenarioError(where + _date_error(value, name))
    return parsed


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


# ---- the fields of one event: each reader returns the typed value or raises `_FieldError`, whose
# message `parse_event` prefixes with the event (`events[3] (afwezig): missing field 'reden'`).

Data = Mapping[str, object]


class _FieldError(ScenarioError):
    """A problem with one field of an event; the message does not name the event yet."""


def _missing(name: str) -> _FieldError:
    return _FieldError(f"missing field '{name}'")


def _date(data: Data, name: str) -> date:
    value = data[name]
    parsed = _plausible_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise _FieldError(_date_error(value, name))
    return parsed


def _text(data: Data, name: str) -> str:
    if name not in data:
        raise _missing(name)
    value = data[name]
    if isinstance(value, str) and (text := value.strip()):
        return text
    raise _FieldError(f"field '{name}' must be a non-empty string, got {_show(value)}")


def _choice(data: Data, name: str, enum: type[E]) -> E:
    if name not in data:
        raise _missing(name)
    value = data[name]
    member = enum._value2member_map_.get(value) if isinstance(value, str) else None
    if member is None:
        allowed = ", ".join(m.value for m in enum)
        raise _FieldError(f"field '{name}' must be one of {allowed}, got {_show(value)}")
    return member  # type: ignore[return-value]


def _boolean(data: Data, name: str, default: bool | None = None) -> bool:
    if name not in data:
        if default is not None:
            return default
        raise _missing(name)
    value = data[name]
    if not isinstance(value, bool):
        raise _FieldError(f"field '{name}' must be true or false, got {_show(value)}")
    return value


def _to(data: Data, start: date, *, required: bool) -> date | None:
    """The optional end date `to` (on or after `start`, the event's `date`); null is no end date."""
    if "to" not in data or (not required and data["to"] is None):
        if required:
            raise _missing("to")
        return None
    to = _date(data, "to")
    if to < start:
        raise _FieldError(f"field 'to' ({to.isoformat()}) is before field 'date' ({start.isoformat()})")
    return to


def _hours(data: Data, name: str, default: Decimal) -> Decimal:
    if name not in data:
        return default
    value = data[name]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _FieldError(f"field '{name}' must be a number of hours, got {_show(value)}")
    if not 0 <= value <= 24:
        raise _FieldError(f"field '{name}' must be between 0 and 24, got {_show(value)}")
    return Decimal(str(value))


def _whole(data: Data, name: str) -> int:
    if name not in data:
        raise _missing(name)
    value = data[name]
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _FieldError(f"field '{name}' must be a whole number of at least 1, got {_show(value)}")
    return value


def _amount(data: Data, name: str) -> Decimal:
    """A required number >= 0 (catalog v2: `uren_per_week`)."""
    if name not in data:
        raise _missing(name)
    value = data[name]
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value or value < 0:
        raise _FieldError(f"field '{name}' must be a number of at least 0, got {_show(value)}")
    if value == float("inf"):
        raise _FieldError(f"field '{name}' must be a finite number, got {_show(value)}")
    return Decimal(str(value))


def _optional_text(data: Data, name: str) -> str | None:
    if name not in data or data[name] is None:
        return None
    return _text(data, name)


def _not_with(data: Data, names: tuple[str, ...], outcome: StrEnum) -> None:
    """Catalog v2: fields the contract does not allow with this `outcome`."""
    for name in names:
        if name in data:
            raise _FieldError(f"field '{name}' is not allowed with outcome '{outcome._value_}'")


def _verzoeker(d: Data) -> Verzoeker:
    if "verzoeker" not in d:
        return Verzoeker.OUDER
    return _choice(d, "verzoeker", Verzoeker)


def _tlv_besluit(d: Data, i: int, day: date) -> Event:
    swv = _text(d, "swv")
    outcome = _choice(d, "outcome", TlvOutcome)
    soort = _choice(d, "soort", TlvSoort)
    if outcome is TlvOutcome.TOEGEKEND:
        schooljaren: int | None = _whole(d, "schooljaren")
        volgnummer = _optional_text(d, "volgnummer")
    else:
        _not_with(d, ("schooljaren", "volgnummer"), outcome)
        schooljaren, volgnummer = None, None
    return _NEW[TlvBesluit](
        index=i,
        date=day,
        swv=swv,
        outcome=outcome,
        soort=soort,
        schooljaren=schooljaren,
        volgnummer=volgnummer,
    )


def _vlp_besluit(d: Data, i: int, day: date) -> Event:
    gemeente = _text(d, "gemeente")
    outcome = _choice(d, "outcome", VlpOutcome)
    if outcome is VlpOutcome.TOEGESTAAN:
        to = _to(d, day, required=True)
    else:
        _not_with(d, ("to",), outcome)
        to = None
    return _NEW[VervangendeLeerplichtBesluit](index=i, date=day, gemeente=gemeente, outcome=outcome, to=to)


# One builder per event type: (the event's fields, its index, its date) -> the event. The fields are
# read in the order written, so the first wrong one is the one reported.
_Builder = Callable[[Data, int, date], Event]
_FIVE_HOURS = Decimal(5)

_BUILDERS: Mapping[str, _Builder] = {
    "aanmelding": lambda d, i, day: _NEW[Aanmelding](index=i, date=day, school=_text(d, "school")),
    "aanmelding_verlenging": lambda d, i, day: _NEW[AanmeldingVerlenging](
        index=i, date=day, school=_text(d, "school")
    ),
    "aanmelding_besluit": lambda d, i, day: _NEW[AanmeldingBesluit](
        index=i, date=day, school=_text(d, "school"), outcome=_choice(d, "outcome", Outcome)
    ),
    "inschrijving": lambda d, i, day: _NEW[Inschrijving](
        index=i,
        date=day,
        school=_text(d, "school"),
        sector=_choice(d, "sector", Sector),
        extra_ondersteuning=_boolean(d, "extra_ondersteuning", default=False),
    ),
    "uitschrijving": lambda d, i, day: _NEW[Uitschrijving](
        index=i, date=day, school=_text(d, "school"), grond=_choice(d, "grond", Grond)
    ),
    "afwezig": lambda d, i, day: _NEW[Afwezig](
        index=i,
        date=day,
        reden=_choice(d, "reden", Reden),
        to=_to(d, day, required=False),
        hours_per_day=_hours(d, "hours_per_day", _FIVE_HOURS),
    ),
    "verzuimmelding": lambda d, i, day: _NEW[Verzuimmelding](index=i, date=day),
    "schorsing": lambda d, i, day: _NEW[Schorsing](
        index=i, date=day, school=_text(d, "school"), to=_to(d, day, required=True)
    ),
    "schorsing_gemeld_inspectie": lambda d, i, day: _NEW[SchorsingGemeldInspectie](
        index=i, date=day, school=_text(d, "school")
    ),
    "verwijdering": lambda d, i, day: _NEW[Verwijdering](index=i, date=day, school=_text(d, "school")),
    "andere_school_bereid": lambda d, i, day: _NEW[AndereSchoolBereid](
        index=i, date=day, school=_text(d, "school")
    ),
    "vrijstelling": lambda d, i, day: _NEW[Vrijstelling](
        index=i, date=day, artikel=_choice(d, "artikel", Artikel), to=_to(d, day, required=False)
    ),
    "opp_vastgesteld": lambda d, i, day: _NEW[OppVastgesteld](
        index=i, date=day, instemming_handelingsdeel=_boolean(d, "instemming_handelingsdeel")
    ),
    "opp_instemming": lambda d, i, day: _NEW[OppInstemming](index=i, date=day),
    "opp_evaluatie": lambda d, i, day: _NEW[OppEvaluatie](
        index=i, date=day, met_ouders=_boolean(d, "met_ouders"), met_leerling=_boolean(d, "met_leerling")
    ),
    "regievoerder_aangewezen": lambda d, i, day: _NEW[RegievoerderAangewezen](
        index=i, date=day, naam=_text(d, "naam")
    ),
    "ontwikkelperspectief_vastgesteld": lambda d, i, day: _NEW[OntwikkelperspectiefVastgesteld](
        index=i, date=day
    ),
    "route_vastgesteld": lambda d, i, day: _NEW[RouteVastgesteld](index=i, date=day, soort=_text(d, "soort")),
    "evaluatiefrequentie_vastgesteld": lambda d, i, day: _NEW[EvaluatiefrequentieVastgesteld](
        index=i, date=day, weken=_whole(d, "weken")
    ),
    # catalog v2
    "tlv_aanvraag": lambda d, i, day: _NEW[TlvAanvraag](
        index=i, date=day, swv=_text(d, "swv"), school=_text(d, "school"), soort=_choice(d, "soort", TlvSoort)
    ),
    "deskundigenadvies": lambda d, i, day: _NEW[Deskundigenadvies](
        index=i,
        date=day,
        swv=_text(d, "swv"),
        deskundige=_text(d, "deskundige"),
        functie=_choice(d, "functie", Functie),
    ),
    "tlv_besluit": _tlv_besluit,
    "onderwijstijd_verminderd": lambda d, i, day: _NEW[OnderwijstijdVerminderd](
        index=i,
        date=day,
        school=_text(d, "school"),
        uren_per_week=_amount(d, "uren_per_week"),
        to=_to(d, day, required=False),
    ),
    "instemming_inspectie_onderwijstijd": lambda d, i, day: _NEW[InstemmingInspectieOnderwijstijd](
        index=i, date=day, school=_text(d, "school"), to=_to(d, day, required=False)
    ),
    "vervangende_leerplicht_aanvraag": lambda d, i, day: _NEW[VervangendeLeerplichtAanvraag](
        index=i, date=day, gemeente=_text(d, "gemeente"), verlenging=_boolean(d, "verlenging", default=False)
    ),
    "vervangende_leerplicht_besluit": _vlp_besluit,
    "verzoek_inzage": lambda d, i, day: _NEW[VerzoekInzage](
        index=i, date=day, organisatie=_text(d, "organisatie"), verzoeker=_verzoeker(d)
    ),
    "verzoek_rectificatie": lambda d, i, day: _NEW[VerzoekRectificatie](
        index=i, date=day, organisatie=_text(d, "organisatie"), verzoeker=_verzoeker(d)
    ),
    "verzoek_verlengd": lambda d, i, day: _NEW[VerzoekVerlengd](
        index=i, date=day, organisatie=_text(d, "organisatie"), verzoek=_choice(d, "verzoek", VerzoekSoort)
    ),
    "verzoek_beantwoord": lambda d, i, day: _NEW[VerzoekBeantwoord](
        index=i, date=day, organisatie=_text(d, "organisatie"), verzoek=_choice(d, "verzoek", VerzoekSoort)
    ),
}
assert set(_BUILDERS) == set(EVENT_CLASS), "every event type needs a parser"

# The fields an event of each type may have: `type`, `date` and its class's fields (the builders
# above read exactly these; any other field is unknown).
_KNOWN_FIELDS: Mapping[str, frozenset[str]] = {
    etype: frozenset({"type", "date", *(f.name for f in fields(cls) if f.name != "index")})
    for etype, cls in EVENT_CLASS.items()
}


def parse_event(data: object, index: int) -> Event:
    """Parse one element of `events`; `index` is its position (used in messages and ordering)."""
    if not isinstance(data, dict):
        raise ScenarioError(f"events[{index}]: must be an object, got {_show(data)}")
    if "type" not in data:
        raise ScenarioError(f"events[{index}]: missing field 'type'")
    etype = data["type"]
    build = _BUILDERS.get(etype) if isinstance(etype, str) else None
    if build is None:
        raise ScenarioError(
            f"events[{index}] ({etype if isinstance(etype, str) else _show(etype)}): unknown event type; "
            f"field 'type' must be one of {', '.join(_BUILDERS)}, got {_show(etype)}"
        )
    try:
        if "date" not in data:
            raise _missing("date")
        value = data["date"]  # as `_date(data, "date")`, without the call (once per event)
        day = _plausible_date(value) if isinstance(value, str) else None
        if day is None:
            raise _FieldError(_date_error(value, "date"))
        event = build(data, index, day)
        known = _KNOWN_FIELDS[etype]
        if not data.keys() <= known:  # checked after the known fields, as before
            raise _FieldError(f"unknown field '{min(set(data) - known)}'")
    except _FieldError as exc:
        raise ScenarioError(f"events[{index}] ({etype}): {exc}") from None
    return event


_TOP_FIELDS = ("as_of", "vakantieregio", "child", "events")
_REGIO_BY_VALUE: Mapping[str, Regio] = {r.value: r for r in Regio}


def parse_scenario(data: object) -> Scenario:
    """Validate a scenario as read from JSON; raise `ScenarioError` with a precise message."""
    if not isinstance(data, dict):
        raise ScenarioError(f"scenario must be a JSON object, got {_show(data)}")
    for key in data:
        if key not in _TOP_FIELDS:
            raise ScenarioError(f"unknown field '{key}' (expected {', '.join(_TOP_FIELDS)})")
    if "as_of" not in data:
        raise ScenarioError("missing field 'as_of'")
    as_of = _parse_date(data["as_of"], "", "as_of")
    if "vakantieregio" not in data:
        raise ScenarioError("missing field 'vakantieregio'")
    regio = data["vakantieregio"]
    if not isinstance(regio, str) or regio not in _REGIO_BY_VALUE:
        raise ScenarioError(f"field 'vakantieregio' must be one of noord, midden, zuid, got {_show(regio)}")
    child = data.get("child")
    if child is None:
        raise ScenarioError("missing field 'child.birth_date'")
    if not isinstance(child, dict):
        raise ScenarioError(f"field 'child' must be an object, got {_show(child)}")
    for key in child:
        if key != "birth_date":
            raise ScenarioError(f"unknown field 'child.{key}'")
    if "birth_date" not in child:
        raise ScenarioError("missing field 'child.birth_date'")
    birth = _parse_date(child["birth_date"], "", "child.birth_date")
    raw_events = data.get("events", [])
    if not isinstance(raw_events, list):
        raise ScenarioError(f"field 'events' must be a list, got {_show(raw_events)}")
    events = [parse_event(item, i) for i, item in enumerate(raw_events)]
    return Scenario(as_of=as_of, vakantieregio=_REGIO_BY_VALUE[regio], birth_date=birth, events=tuple(events))
