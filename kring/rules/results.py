"""What the engine answers: the result types of `assess` (the contract's Output, SCENARIOS.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from kring.rules.construct import fast_constructor


class LeerplichtStatus(StrEnum):
    NOG_NIET_LEERPLICHTIG = "nog_niet_leerplichtig"
    LEERPLICHTIG = "leerplichtig"
    KWALIFICATIEPLICHTIG = "kwalificatieplichtig"
    NIET_LEERPLICHTIG = "niet_leerplichtig"


class ThuiszitterCategory(StrEnum):
    ABSOLUUT_VERZUIM = "absoluut_verzuim"
    LANGDURIG_RELATIEF_VERZUIM = "langdurig_relatief_verzuim"


class VerborgenReason(StrEnum):
    VRIJSTELLING_5A = "vrijstelling_5a"
    LANGDURIG_ZIEK = "langdurig_ziek"
    GEDEELTELIJK_PROGRAMMA = "gedeeltelijk_programma"  # catalog v2, TZ-06


_Date = date  # for fields declared after a field named `date` (which shadows the type in the class)


class TermijnStatus(StrEnum):
    """Catalog v2: a term of the family (`termijnen`) is open until its last day, then passed."""

    OPEN = "open"
    VERSTREKEN = "verstreken"


class BewaarSoort(StrEnum):
    """Catalog v2: what kind of data a retention period (`bewaartermijnen`) is about."""

    GEZONDHEIDSGEGEVENS = "gezondheidsgegevens"
    IN_UITSCHRIJVING = "in_uitschrijving"
    VERZUIM = "verzuim"
    DOSSIER = "dossier"
    VERWIJZING = "verwijzing"


# The `to_dict` methods read an enum member's value as `member._value_`: the same string as
# `member.value`, without the cost of the enum's `value` property (called for every result).


class ObligationStatus(StrEnum):
    OPEN = "open"
    MET = "met"
    MET_LATE = "met_late"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class Leerplicht:
    status: LeerplichtStatus
    start: date
    end: date
    kwalificatieplicht_end: date  # the 18th birthday: first day without kwalificatieplicht

    def status_on(self, d: date) -> LeerplichtStatus:
        if d < self.start:
            return LeerplichtStatus.NOG_NIET_LEERPLICHTIG
        if d <= self.end:
            return LeerplichtStatus.LEERPLICHTIG
        if d < self.kwalificatieplicht_end:
            return LeerplichtStatus.KWALIFICATIEPLICHTIG
        return LeerplichtStatus.NIET_LEERPLICHTIG

    def to_dict(self) -> dict[str, object]:
        return {"status": self.status._value_, "start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass(frozen=True, slots=True)
class Thuiszitter:
    category: ThuiszitterCategory
    since: date
    days: int

    def to_dict(self) -> dict[str, object]:
        return {"category": self.category._value_, "since": self.since.isoformat(), "days": self.days}


@dataclass(frozen=True, slots=True)
class Verborgen:
    reason: VerborgenReason
    since: date
    days: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {"reason": self.reason._value_, "since": self.since.isoformat()}


@dataclass(frozen=True, slots=True)
class Obligation:
    rule: str
    subject: str | None
    due: date | None
    status: ObligationStatus
    source: str
    explanation: str
    arose: date
    fulfilled_on: date | None = None
    missing: tuple[str, ...] | None = None  # KR-3M only
    # What the explanation was made of (`kring.rules.explain`): the template key and raw values, to
    # say it in another language. Not part of the contract output (`to_dict`), not compared.
    params: Mapping[str, object] | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, object]:
        d: dict[str, object] = {
            "rule": self.rule,
            "subject": self.subject,
            "due": self.due.isoformat() if self.due else None,
            "status": self.status._value_,
            "source": self.source,
            "explanation": self.explanation,
        }
        if self.missing is not None:
            d["missing"] = list(self.missing)
        return d


@dataclass(frozen=True, slots=True)
class Violation:
    rule: str
    subject: str | None
    date: date
    source: str
    explanation: str
    params: Mapping[str, object] | None = field(default=None, compare=False)  # as in Obligation

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "subject": self.subject,
            "date": self.date.isoformat(),
            "source": self.source,
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class Tlv:
    """Catalog v2 (TLV-04): a running toelaatbaarheidsverklaring."""

    soort: str
    swv: str
    volgnummer: str | None
    date: date
    end: _Date

    def to_dict(self) -> dict[str, object]:
        return {
            "soort": self.soort,
            "swv": self.swv,
            "volgnummer": self.volgnummer,
            "date": self.date.isoformat(),
            "end": self.end.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class Termijn:
    """Catalog v2: a term of the family ("you can ... until ..."), not an obligation (TLV-06, LPW-46)."""

    rule: str
    subject: str | None
    date: date
    until: _Date
    status: TermijnStatus
    source: str
    explanation: str
    params: Mapping[str, object] | None = field(default=None, compare=False)  # as in Obligation

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "subject": self.subject,
            "date": self.date.isoformat(),
            "until": self.until.isoformat(),
            "status": self.status._value_,
            "source": self.source,
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class Bewaartermijn:
    """Catalog v2: a retention period (PRV-04, PRV-06): `subject` keeps `soort` data until `until`."""

    rule: str
    subject: str | None
    soort: BewaarSoort
    date: date
    until: _Date
    source: str
    explanation: str
    params: Mapping[str, object] | None = field(default=None, compare=False)  # as in Obligation

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "subject": self.subject,
            "soort": self.soort._value_,
            "date": self.date.isoformat(),
            "until": self.until.isoformat(),
            "source": self.source,
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class Assessment:
    as_of: date
    leerplicht: Leerplicht
    thuiszitter: Thuiszitter | None
    verborgen: tuple[Verborgen, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    violations: tuple[Violation, ...] = ()
    # catalog v2: always in the output, possibly empty
    tlv: tuple[Tlv, ...] = ()
    termijnen: tuple[Termijn, ...] = ()
    bewaartermijnen: tuple[Bewaartermijn, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """Exactly the JSON shape of the contract (SCENARIOS.md, Output)."""
        return {
            "as_of": self.as_of.isoformat(),
            "leerplicht": self.leerplicht.to_dict(),
            "thuiszitter": self.thuiszitter.to_dict() if self.thuiszitter else None,
            "verborgen": [v.to_dict() for v in self.verborgen],
            "obligations": [o.to_dict() for o in self.obligations],
            "violations": [v.to_dict() for v in self.violations],
            "tlv": [t.to_dict() for t in self.tlv],
            "termijnen": [t.to_dict() for t in self.termijnen],
            "bewaartermijnen": [b.to_dict() for b in self.bewaartermijnen],
        }


# `Cls(...)` without the frozen __init__'s cost (kring.rules.construct): the same objects, built
# faster; the engine and its domains construct their results with these.
new_leerplicht = fast_constructor(Leerplicht)
new_thuiszitter = fast_constructor(Thuiszitter)
new_verborgen = fast_constructor(Verborgen)
new_obligation = fast_constructor(Obligation)
new_violation = fast_constructor(Violation)
new_assessment = fast_constructor(Assessment)
new_tlv = fast_constructor(Tlv)
new_termijn = fast_constructor(Termijn)
new_bewaartermijn = fast_constructor(Bewaartermijn)

__all__ = [
    "Assessment",
    "BewaarSoort",
    "Bewaartermijn",
    "Leerplicht",
    "LeerplichtStatus",
    "Obligation",
    "ObligationStatus",
    "Termijn",
    "TermijnStatus",
    "Thuiszitter",
    "ThuiszitterCategory",
    "Tlv",
    "Verborgen",
    "VerborgenReason",
    "Violation",
]
