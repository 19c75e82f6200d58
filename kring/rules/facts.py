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


EVENT_TYPES: tuple[type[Event], ...] = (
    Aanmelding, AanmeldingVerlenging, AanmeldingBesluit, Inschrijving, Uitschrijving, Afwezig,
    Verzuimmelding, Schorsing, SchorsingGemeldInspectie, Verwijdering, AndereSchoolBereid, Vrijstelling,
    OppVastgesteld, OppInstemming, OppEvaluatie, RegievoerderAangewezen, OntwikkelperspectiefVastgesteld,
    RouteVastgesteld, EvaluatiefrequentieVastgesteld,
)  # fmt: skip
EVENT_CLASS: Mapping[str, type[Event]] = {cls.TYPE: cls for cls in EVENT_TYPES}


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
        object.__setattr__(self, "vakantieregio", Regio(self.vakantieregio))
        object.__setattr__(self, "events", tuple(sorted(self.events, key=_by_date_then_index)))

    @property
    def known_events(self) -> tuple[Event, ...]:
        """The events on or before `as_of` (events after `as_of` are ignored)."""
        return tuple(e for e in self.events if e.date <= self.as_of)


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


def _parse_date(value: object, where: str, name: str) -> date:
    if isinstance(value, str):
        parsed = _plausible_date(value)
        if parsed is not None:
            return parsed
    if not isinstance(value, str) or not _DATE_RE.match(value):
        raise ScenarioError(f"{where}field '{name}' must be a date YYYY-MM-DD, got {_show(value)}")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise ScenarioError(f"{where}field '{name}' is not a valid date, got {_show(value)}") from None
    if not MIN_DATE <= parsed <= MAX_DATE:
        raise ScenarioError(
            f"{where}field '{name}' must be between {MIN_DATE.isoformat()} and {MAX_DATE.isoformat()}, "
            f"got {_show(value)}"
        )
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


class _Fields:
    """Typed access to one event's fields; the fields of its event class are known, the rest unknown."""

    __slots__ = ("data", "date", "etype", "index")

    def __init__(self, data: Mapping[str, object], etype: str, index: int) -> None:
        self.data = data
        self.etype = etype
        self.index = index
        if "date" not in data:
            raise ScenarioError(f"{self.where}missing field 'date'")
        self.date = self._date("date")

    @property
    def where(self) -> str:
        """The start of every message about this event: `events[3] (afwezig): `."""
        return f"events[{self.index}] ({self.etype}): "

    def _date(self, name: str) -> date:
        value = self.data[name]
        parsed = _plausible_date(value) if isinstance(value, str) else None
        return parsed if parsed is not None else _parse_date(value, self.where, name)

    def _get(self, name: str) -> object:
        if name not in self.data:
            raise ScenarioError(f"{self.where}missing field '{name}'")
        return self.data[name]

    def text(self, name: str) -> str:
        value = self._get(name)
        if not isinstance(value, str) or not value.strip():
            raise ScenarioError(f"{self.where}field '{name}' must be a non-empty string, got {_show(value)}")
        return value.strip()

    def choice(self, name: str, enum: type[E]) -> E:
        value = self._get(name)
        member = enum._value2member_map_.get(value) if isinstance(value, str) else None
        if member is None:
            allowed = ", ".join(m.value for m in enum)
            raise ScenarioError(f"{self.where}field '{name}' must be one of {allowed}, got {_show(value)}")
        return member  # type: ignore[return-value]

    def boolean(self, name: str, default: bool | None = None) -> bool:
        if default is not None and name not in self.data:
            return default
        value = self._get(name)
        if not isinstance(value, bool):
            raise ScenarioError(f"{self.where}field '{name}' must be true or false, got {_show(value)}")
        return value

    def to(self, required: bool) -> date | None:
        if "to" not in self.data or (not required and self.data["to"] is None):
            if required:
                raise ScenarioError(f"{self.where}missing field 'to'")
            return None
        to = self._date("to")
        if to < self.date:
            raise ScenarioError(
                f"{self.where}field 'to' ({to.isoformat()}) is before field 'date' ({self.date.isoformat()})"
            )
        return to

    def hours(self, name: str, default: Decimal) -> Decimal:
        if name not in self.data:
            return default
        value = self.data[name]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ScenarioError(f"{self.where}field '{name}' must be a number of hours, got {_show(value)}")
        if not 0 <= value <= 24:
            raise ScenarioError(f"{self.where}field '{name}' must be between 0 and 24, got {_show(value)}")
        return Decimal(str(value))

    def whole(self, name: str) -> int:
        value = self._get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ScenarioError(
                f"{self.where}field '{name}' must be a whole number of at least 1, got {_show(value)}"
            )
        return value

    def check_unknown(self) -> None:
        known = _KNOWN_FIELDS[self.etype]
        if self.data.keys() <= known:
            return
        unknown = sorted(set(self.data) - known)
        if unknown:
            raise ScenarioError(f"{self.where}unknown field '{unknown[0]}'")


_Builder = Callable[[_Fields], Event]

_BUILDERS: Mapping[str, _Builder] = {
    "aanmelding": lambda f: Aanmelding(index=f.index, date=f.date, school=f.text("school")),
    "aanmelding_verlenging": lambda f: AanmeldingVerlenging(
        index=f.index, date=f.date, school=f.text("school")
    ),
    "aanmelding_besluit": lambda f: AanmeldingBesluit(
        index=f.index, date=f.date, school=f.text("school"), outcome=f.choice("outcome", Outcome)
    ),
    "inschrijving": lambda f: Inschrijving(
        index=f.index,
        date=f.date,
        school=f.text("school"),
        sector=f.choice("sector", Sector),
        extra_ondersteuning=f.boolean("extra_ondersteuning", default=False),
    ),
    "uitschrijving": lambda f: Uitschrijving(
        index=f.index, date=f.date, school=f.text("school"), grond=f.choice("grond", Grond)
    ),
    "afwezig": lambda f: Afwezig(
        index=f.index,
        date=f.date,
        reden=f.choice("reden", Reden),
        to=f.to(required=False),
        hours_per_day=f.hours("hours_per_day", Decimal(5)),
    ),
    "verzuimmelding": lambda f: Verzuimmelding(index=f.index, date=f.date),
    "schorsing": lambda f: Schorsing(
        index=f.index, date=f.date, school=f.text("school"), to=_req(f.to(True))
    ),
    "schorsing_gemeld_inspectie": lambda f: SchorsingGemeldInspectie(
        index=f.index, date=f.date, school=f.text("school")
    ),
    "verwijdering": lambda f: Verwijdering(index=f.index, date=f.date, school=f.text("school")),
    "andere_school_bereid": lambda f: AndereSchoolBereid(index=f.index, date=f.date, school=f.text("school")),
    "vrijstelling": lambda f: Vrijstelling(
        index=f.index, date=f.date, artikel=f.choice("artikel", Artikel), to=f.to(required=False)
    ),
    "opp_vastgesteld": lambda f: OppVastgesteld(
        index=f.index, date=f.date, instemming_handelingsdeel=f.boolean("instemming_handelingsdeel")
    ),
    "opp_instemming": lambda f: OppInstemming(index=f.index, date=f.date),
    "opp_evaluatie": lambda f: OppEvaluatie(
        index=f.index, date=f.date, met_ouders=f.boolean("met_ouders"), met_leerling=f.boolean("met_leerling")
    ),
    "regievoerder_aangewezen": lambda f: RegievoerderAangewezen(
        index=f.index, date=f.date, naam=f.text("naam")
    ),
    "ontwikkelperspectief_vastgesteld": lambda f: OntwikkelperspectiefVastgesteld(index=f.index, date=f.date),
    "route_vastgesteld": lambda f: RouteVastgesteld(index=f.index, date=f.date, soort=f.text("soort")),
    "evaluatiefrequentie_vastgesteld": lambda f: EvaluatiefrequentieVastgesteld(
        index=f.index, date=f.date, weken=f.whole("weken")
    ),
}
assert set(_BUILDERS) == set(EVENT_CLASS), "every event type needs a parser"

# The fields an event of each type may have: `type`, `date` and its class's fields (the builders
# above read exactly these; any other field is unknown).
_KNOWN_FIELDS: Mapping[str, frozenset[str]] = {
    etype: frozenset({"type", "date", *(f.name for f in fields(cls) if f.name != "index")})
    for etype, cls in EVENT_CLASS.items()
}


def _req(value: date | None) -> date:
    assert value is not None
    return value


def parse_event(data: object, index: int) -> Event:
    """Parse one element of `events`; `index` is its position (used in messages and ordering)."""
    if not isinstance(data, dict):
        raise ScenarioError(f"events[{index}]: must be an object, got {_show(data)}")
    if "type" not in data:
        raise ScenarioError(f"events[{index}]: missing field 'type'")
    etype = data["type"]
    if not isinstance(etype, str) or etype not in _BUILDERS:
        raise ScenarioError(
            f"events[{index}] ({etype if isinstance(etype, str) else _show(etype)}): unknown event type; "
            f"field 'type' must be one of {', '.join(_BUILDERS)}, got {_show(etype)}"
        )
    fields = _Fields(data, etype, index)
    event = _BUILDERS[etype](fields)
    fields.check_unknown()
    return event


_TOP_FIELDS = ("as_of", "vakantieregio", "child", "events")
_REGIO_VALUES = frozenset(r.value for r in Regio)


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
    if not isinstance(regio, str) or regio not in _REGIO_VALUES:
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
    return Scenario(as_of=as_of, vakantieregio=Regio(regio), birth_date=birth, events=tuple(events))
