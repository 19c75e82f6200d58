"""What the institutions owe a child: who holds each duty of the catalog, and how many school days
the child went without education while enrolled at a school or registered (aangemeld) at one.

Pure: no clock, no I/O, no Django. Not part of the contract's output (SCENARIOS.md): the family's
view and the leerplichtambtenaar's panel show it beside the assessment, from the same scenario.

Counting school days without education (`school_days_without_education`). A school day `d` from
the first event of the timeline up to `as_of` counts when the child is leerplichtig or
kwalificatieplichtig on `d`, has no vrijstelling running on `d`, and

- is enrolled on `d` (an `inschrijving`, no `uitschrijving` yet) and is suspended on `d` (a
  `schorsing` of that school covers it): *geschorst*; or else
- is enrolled on `d` and absent on `d` for a whole school day (the engine's absence table: the
  `afwezig` with the highest index that covers `d`, with at least `WHOLE_DAY_HOURS` hours):
  *afwezig*, per reason (ongeoorloofd, ziek, geoorloofd); or
- is enrolled nowhere on `d` but aangemeld at a school: an `aanmelding` on or before `d`, and no
  `aanmelding_besluit` "afgewezen" of that school on or before `d` (a child admitted but not yet
  enrolled is still waiting): *aangemeld, niet geplaatst*.

An absence of fewer hours is a part of a day: counted apart (`partial_days`), not in the total,
because the child did get some education that day. Days on which the child was on no school and
aangemeld nowhere are the engine's absoluut verzuim (`Assessment.thuiszitter`), not counted here:
Kring does not know a child's history before its first event.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Final, Literal

from kring.rules.context import Context, build_context
from kring.rules.domains.leerplicht import leerplicht
from kring.rules.facts import Aanmelding, AanmeldingBesluit, Outcome, Reden, Scenario, Schorsing
from kring.rules.kalender import Calendar


class Holder(StrEnum):
    """Who owes a duty of the catalog."""

    SCHOOL = "school"
    SWV = "samenwerkingsverband"
    GEMEENTE = "gemeente"


# Who holds the duty of each rule with obligations or violations (the catalog, CATALOG.md).
# KR-3M is a regional agreement of the samenwerkingsverband and the gemeenten together (the
# Thuiszitterspact); the samenwerkingsverband keeps the dekkend aanbod, so it is listed there.
DUTY_HOLDER: Mapping[str, Holder] = MappingProxyType(
    {
        "LPW-21": Holder.SCHOOL,  # the school reports the verzuim to DUO
        "LPW-47": Holder.SCHOOL,  # the school deregisters only with a new school or vrijstelling
        "ZP-05": Holder.SCHOOL,  # the school decides on the aanmelding
        "ZP-06": Holder.SCHOOL,  # the school places the child temporarily
        "ZP-10": Holder.SCHOOL,  # the school informs the inspectie of a suspension
        "ZP-11": Holder.SCHOOL,  # the school removes a pupil only when another school will take it
        "OPP-04": Holder.SCHOOL,  # the school asks the parents' consent for the handelingsdeel
        "OPP-05": Holder.SCHOOL,  # the school draws up the OPP
        "OPP-06": Holder.SCHOOL,  # the school evaluates the OPP with the parents
        "OPP-07": Holder.SCHOOL,  # the school hears the pupil
        "KR-3M": Holder.SWV,  # the region: regievoerder, perspective, route and rhythm in 3 months
        # catalog v2
        "TLV-03": Holder.SWV,  # the samenwerkingsverband decides on two deskundigen's advice
        "TLV-04": Holder.SCHOOL,  # the school arranges the move back or on in the TLV's last year
        "AWB-413": Holder.SWV,  # the decision on a TLV request (on an extension request: `holder_of`)
        "OT-02": Holder.SCHOOL,  # the school asks the inspectorate's consent for less onderwijstijd
        "LPW-46": Holder.GEMEENTE,  # B&W decide on vervangende leerplicht
    }
)
# Catalog v2 rules that hold no institution of the table to a duty: TZ-06 (a definition), TLV-06
# (the family's term to object), PRV-04 and PRV-06 (retention periods, not obligations) and AVG-12
# (the answer term of whichever organisation received the request: a school, the samenwerkingsverband
# or the gemeente; the obligation names it as its subject).


def duty_holder(rule_id: str, params: Mapping[str, object] | None = None) -> Holder | None:
    """Who owes the duty of `rule_id`; None for a rule that holds no one to a duty (a definition).

    `params` (an obligation's `params`, as kept or stored): AWB-413 on a request to extend
    vervangende leerplicht is the gemeente's duty, on a TLV request the samenwerkingsverband's."""
    if rule_id == "AWB-413" and params is not None:
        values = params.get("values")
        if isinstance(values, Mapping) and values.get("aanvraag") == "verlenging":
            return Holder.GEMEENTE
    return DUTY_HOLDER.get(rule_id)


class DayKind(StrEnum):
    GESCHORST = "geschorst"
    ONGEOORLOOFD = "ongeoorloofd"
    ZIEK = "ziek"
    GEOORLOOFD = "geoorloofd"
    AANGEMELD = "aangemeld"


# The contract's default `hours_per_day` (an absence recorded without hours is a whole school day).
WHOLE_DAY_HOURS = Decimal(5)

_ABSENCE_KIND: Mapping[Reden, DayKind] = MappingProxyType(
    {Reden.ONGEOORLOOFD: DayKind.ONGEOORLOOFD, Reden.ZIEK: DayKind.ZIEK, Reden.GEOORLOOFD: DayKind.GEOORLOOFD}
)


@dataclass(frozen=True)
class DaysWithoutEducation:
    """The count of `school_days_without_education`: per kind of day, their total, the first and
    last counted day, and the school days with only part of the day absent (not in the total)."""

    by_kind: Mapping[DayKind, int] = field(default_factory=dict)
    first: date | None = None
    last: date | None = None
    partial_days: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    @property
    def enrolled(self) -> int:
        """Days without education while enrolled (suspended or absent)."""
        return self.total - self.by_kind.get(DayKind.AANGEMELD, 0)

    def to_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "by_kind": {kind.value: n for kind, n in self.by_kind.items()},
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "partial_days": self.partial_days,
        }


def _suspended(ctx: Context, d: date, school: str) -> bool:
    return any(s.school == school and s.date <= d <= s.to for s in ctx.of(Schorsing))


def _aangemeld(ctx: Context, d: date) -> bool:
    for a in ctx.of(Aanmelding):
        if a.date > d:
            continue
        refused = any(
            b.school == a.school and b.outcome == Outcome.AFGEWEZEN and a.date <= b.date <= d
            for b in ctx.of(AanmeldingBesluit)
        )
        if not refused:
            return True
    return False


PARTIAL: Final = "partial"


def day_kind(ctx: Context, d: date) -> DayKind | Literal["partial"] | None:
    """What school day `d` was for the child: a `DayKind` (without education), "partial" (absent
    for part of the day while enrolled) or None (education, or outside what is counted)."""
    if not ctx.plichtig_on(d) or ctx.vrijstelling_on(d):
        return None
    enrolment = ctx.enrolment_on(d)
    if enrolment is None:
        return DayKind.AANGEMELD if _aangemeld(ctx, d) else None
    if _suspended(ctx, d, enrolment.school):
        return DayKind.GESCHORST
    absence = ctx.absence.get(d)
    if absence is None:
        return None
    reden, hours = absence
    return _ABSENCE_KIND[reden] if hours >= WHOLE_DAY_HOURS else PARTIAL


def count_days(ctx: Context) -> DaysWithoutEducation:
    """`school_days_without_education` on a context the engine already built."""
    if not ctx.events:
        return DaysWithoutEducation()
    start = ctx.events[0].date
    counts: dict[DayKind, int] = {}
    first: date | None = None
    last: date | None = None
    partial = 0
    for d in ctx.calendar.school_day_list(start, ctx.as_of, ctx.regio):
        kind = day_kind(ctx, d)
        if kind is None:
            continue
        if kind == PARTIAL:
            partial += 1
            continue
        assert isinstance(kind, DayKind)
        counts[kind] = counts.get(kind, 0) + 1
        first = first or d
        last = d
    ordered = {k: counts[k] for k in DayKind if k in counts}
    return DaysWithoutEducation(
        by_kind=MappingProxyType(ordered), first=first, last=last, partial_days=partial
    )


def school_days_without_education(scenario: Scenario, *, calendar: Calendar) -> DaysWithoutEducation:
    """How many school days the child went without education while enrolled or aangemeld, up to
    the scenario's `as_of` (see the module's docstring for what counts). Pure."""
    ctx = build_context(scenario, calendar, None, leerplicht(scenario, calendar))
    return count_days(ctx)


__all__ = [
    "DUTY_HOLDER",
    "PARTIAL",
    "WHOLE_DAY_HOURS",
    "DayKind",
    "DaysWithoutEducation",
    "Holder",
    "count_days",
    "day_kind",
    "duty_holder",
    "school_days_without_education",
]
