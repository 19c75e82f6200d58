"""`assess(scenario, *, calendar, norms=None) -> Assessment`: the whole rules engine.

Pure: no clock, no I/O. `as_of` lives in the scenario, the calendar is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from kring.rules.catalog import NormSettings, Rule, rule_for
from kring.rules.facts import (
    Aanmelding,
    AanmeldingBesluit,
    AanmeldingVerlenging,
    Afwezig,
    AndereSchoolBereid,
    Artikel,
    EvaluatiefrequentieVastgesteld,
    Event,
    Grond,
    Inschrijving,
    OntwikkelperspectiefVastgesteld,
    OppEvaluatie,
    OppInstemming,
    OppVastgesteld,
    Reden,
    RegievoerderAangewezen,
    RouteVastgesteld,
    Scenario,
    Schorsing,
    SchorsingGemeldInspectie,
    Sector,
    Uitschrijving,
    Verwijdering,
    Verzuimmelding,
    Vrijstelling,
)
from kring.rules.kalender import (
    ONE_DAY,
    Calendar,
    add_months,
    add_working_days,
    add_years,
    format_date_nl,
    iso_week_monday,
    school_year_end,
    school_year_label,
    school_year_start,
    statutory_term_end,
)

_E = TypeVar("_E", bound=Event)

# ---------------------------------------------------------------- result types


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


class ObligationStatus(StrEnum):
    OPEN = "open"
    MET = "met"
    MET_LATE = "met_late"
    OVERDUE = "overdue"


KR3M_ELEMENTS: tuple[str, ...] = ("regievoerder", "ontwikkelperspectief", "route", "evaluatiefrequentie")


@dataclass(frozen=True)
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
        return {"status": self.status.value, "start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass(frozen=True)
class Thuiszitter:
    category: ThuiszitterCategory
    since: date
    days: int

    def to_dict(self) -> dict[str, object]:
        return {"category": self.category.value, "since": self.since.isoformat(), "days": self.days}


@dataclass(frozen=True)
class Verborgen:
    reason: VerborgenReason
    since: date
    days: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {"reason": self.reason.value, "since": self.since.isoformat()}


@dataclass(frozen=True)
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

    def to_dict(self) -> dict[str, object]:
        d: dict[str, object] = {
            "rule": self.rule,
            "subject": self.subject,
            "due": self.due.isoformat() if self.due else None,
            "status": self.status.value,
            "source": self.source,
            "explanation": self.explanation,
        }
        if self.missing is not None:
            d["missing"] = list(self.missing)
        return d


@dataclass(frozen=True)
class Violation:
    rule: str
    subject: str | None
    date: date
    source: str
    explanation: str

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "subject": self.subject,
            "date": self.date.isoformat(),
            "source": self.source,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class Assessment:
    as_of: date
    leerplicht: Leerplicht
    thuiszitter: Thuiszitter | None
    verborgen: tuple[Verborgen, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    violations: tuple[Violation, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """Exactly the JSON shape of the contract (SCENARIOS.md, Output)."""
        return {
            "as_of": self.as_of.isoformat(),
            "leerplicht": self.leerplicht.to_dict(),
            "thuiszitter": self.thuiszitter.to_dict() if self.thuiszitter else None,
            "verborgen": [v.to_dict() for v in self.verborgen],
            "obligations": [o.to_dict() for o in self.obligations],
            "violations": [v.to_dict() for v in self.violations],
        }


# ---------------------------------------------------------------- helpers


def _nl(d: date) -> str:
    return format_date_nl(d)


def _status(due: date | None, done: date | None, as_of: date) -> ObligationStatus:
    if done is not None:
        return ObligationStatus.MET if due is None or done <= due else ObligationStatus.MET_LATE
    if due is not None and as_of > due:
        return ObligationStatus.OVERDUE
    return ObligationStatus.OPEN


def _explain(rule: Rule, status: ObligationStatus, **values: object) -> str:
    texts = [rule.text("base", **values)]
    if status.value in rule.templates:
        texts.append(rule.text(status.value, **values))
    return " ".join(texts)


def _join_nl(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def leerplicht_start(birth_date: date, calendar: Calendar, regio: str) -> date:
    """LPW-03: the first school day on or after the 1st of the month after the 5th birthday."""
    b5 = add_years(birth_date, 5)
    first = date(b5.year + (b5.month == 12), b5.month % 12 + 1, 1)
    return calendar.next_school_day_on_or_after(first, regio)


def leerplicht_end(birth_date: date) -> date:
    """LPW-04 clause b: 31 July of the school year in which the child turns 16."""
    return school_year_end(add_years(birth_date, 16))


@dataclass
class _Enrolment:
    school: str
    start: date
    inschrijving: Inschrijving
    end: date | None = None  # first day no longer enrolled

    def contains(self, d: date) -> bool:
        return self.start <= d and (self.end is None or d < self.end)


@dataclass
class _Ctx:
    scenario: Scenario
    calendar: Calendar
    norms: NormSettings
    events: tuple[Event, ...]
    leerplicht: Leerplicht
    enrolments: list[_Enrolment] = field(default_factory=list)
    absence: dict[date, tuple[Reden, Decimal]] = field(default_factory=dict)

    @property
    def as_of(self) -> date:
        return self.scenario.as_of

    @property
    def regio(self) -> str:
        return self.scenario.vakantieregio.value

    def of(self, cls: type[_E]) -> list[_E]:
        return [e for e in self.events if isinstance(e, cls)]

    def is_school_day(self, d: date) -> bool:
        return self.calendar.is_school_day(d, self.regio)

    def status_on(self, d: date) -> LeerplichtStatus:
        return self.leerplicht.status_on(d)

    def plichtig_on(self, d: date) -> bool:
        return self.status_on(d) in (LeerplichtStatus.LEERPLICHTIG, LeerplichtStatus.KWALIFICATIEPLICHTIG)

    def enrolment_on(self, d: date, *, exclude: str | None = None) -> _Enrolment | None:
        """The enrolment running on `d` (the most recent one when several run)."""
        found: _Enrolment | None = None
        for en in self.enrolments:
            if en.contains(d) and en.school != exclude:
                found = en
        return found

    def school_on(self, d: date) -> str | None:
        en = self.enrolment_on(d)
        return en.school if en else None

    def vrijstelling_on(self, d: date) -> bool:
        return any(v.running_on(d) for v in self.of(Vrijstelling))

    def holiday_adjusted_days(self, since: date) -> int:
        return self.calendar.days_excluding_holidays(since, self.as_of, self.regio)


def _build_enrolments(events: Iterable[Event]) -> list[_Enrolment]:
    enrolments: list[_Enrolment] = []
    open_by_school: dict[str, _Enrolment] = {}
    for e in events:
        if isinstance(e, Inschrijving) and e.school not in open_by_school:
            en = _Enrolment(school=e.school, start=e.date, inschrijving=e)
            enrolments.append(en)
            open_by_school[e.school] = en
        elif isinstance(e, Uitschrijving) and e.school in open_by_school:
            open_by_school.pop(e.school).end = e.date
    return enrolments


def _build_absence(ctx: _Ctx) -> dict[date, tuple[Reden, Decimal]]:
    """Per school day up to as_of: the reden and hours of the covering `afwezig` with the highest index."""
    result: dict[date, tuple[Reden, Decimal]] = {}
    for a in sorted(ctx.of(Afwezig), key=lambda e: e.index):
        end = min(a.to, ctx.as_of) if a.to else ctx.as_of
        for d in ctx.calendar.school_days(a.date, end, ctx.regio):
            result[d] = (a.reden, a.hours_per_day)
    return result


# ---------------------------------------------------------------- leerplicht, thuiszitter, verborgen


def _leerplicht(scenario: Scenario, calendar: Calendar) -> Leerplicht:
    start = leerplicht_start(scenario.birth_date, calendar, scenario.vakantieregio.value)
    end = leerplicht_end(scenario.birth_date)
    b18 = add_years(scenario.birth_date, 18)
    status = Leerplicht(LeerplichtStatus.LEERPLICHTIG, start, end, b18).status_on(scenario.as_of)
    return Leerplicht(status=status, start=start, end=end, kwalificatieplicht_end=b18)


def _absence_run(ctx: _Ctx, reden: Reden) -> date | None:
    """First school day of the unbroken run of `reden` absence up to as_of (None when as_of is not in one)."""
    if not ctx.absence:
        return None
    first_known = min(ctx.absence)
    d = ctx.as_of
    since: date | None = None
    while d >= first_known:
        if ctx.is_school_day(d):
            entry = ctx.absence.get(d)
            if entry is None or entry[0] != reden:
                break
            since = d
        d -= ONE_DAY
    return since


def _thuiszitter(ctx: _Ctx) -> Thuiszitter | None:
    as_of = ctx.as_of
    if not ctx.plichtig_on(as_of) or ctx.vrijstelling_on(as_of):
        return None
    if ctx.enrolment_on(as_of) is None:
        # absoluut verzuim: first day of the unbroken stretch (plichtig, not enrolled, no vrijstelling)
        since = ctx.leerplicht.start
        for en in ctx.enrolments:
            if en.end is not None and en.end <= as_of:
                since = max(since, en.end)
        for v in ctx.of(Vrijstelling):
            if v.to is not None and v.to < as_of:
                since = max(since, v.to + ONE_DAY)
        return Thuiszitter(ThuiszitterCategory.ABSOLUUT_VERZUIM, since, ctx.holiday_adjusted_days(since))
    run = _absence_run(ctx, Reden.ONGEOORLOOFD)
    tz01 = rule_for("TZ-01", as_of)
    if run is None or tz01 is None:
        return None
    days = ctx.holiday_adjusted_days(run)
    if days > tz01.param("dagen"):
        return Thuiszitter(ThuiszitterCategory.LANGDURIG_RELATIEF_VERZUIM, run, days)
    return None


def _verborgen(ctx: _Ctx) -> list[Verborgen]:
    result: list[Verborgen] = []
    running_5a = [v for v in ctx.of(Vrijstelling) if v.artikel == Artikel.A5A and v.running_on(ctx.as_of)]
    if running_5a:
        since = min(v.date for v in running_5a)
        result.append(Verborgen(VerborgenReason.VRIJSTELLING_5A, since, ctx.holiday_adjusted_days(since)))
    if ctx.plichtig_on(ctx.as_of) and ctx.enrolment_on(ctx.as_of) is not None:
        run = _absence_run(ctx, Reden.ZIEK)
        tz01 = rule_for("TZ-01", ctx.as_of)
        if run is not None and tz01 is not None:
            days = ctx.holiday_adjusted_days(run)
            if days > tz01.param("dagen"):
                result.append(Verborgen(VerborgenReason.LANGDURIG_ZIEK, run, days))
    return sorted(result, key=lambda v: (v.since, v.reason.value))


# ---------------------------------------------------------------- LPW-20 / LPW-21


def _verzuim(ctx: _Ctx) -> list[Obligation]:
    meldingen = ctx.of(Verzuimmelding)
    if not ctx.absence and not meldingen:
        return []
    regio = ctx.regio
    cal = ctx.calendar

    def ongeoorloofd(d: date) -> bool:
        entry = ctx.absence.get(d)
        return entry is not None and entry[0] == Reden.ONGEOORLOOFD

    # When does each melding close? On the first school day (possibly its own date) without
    # ongeoorloofd absence; None = still open at as_of.
    intervals: list[tuple[date, date | None]] = []
    for m in meldingen:
        close = next((d for d in cal.school_days(m.date, ctx.as_of, regio) if not ongeoorloofd(d)), None)
        intervals.append((m.date, close))
    close_days = {c for _, c in intervals if c is not None}

    def melding_open(d: date) -> bool:
        return any(start <= d and (close is None or d < close) for start, close in intervals)

    starts = [*ctx.absence, *(m.date for m in meldingen)]
    thresholds: list[tuple[date, str, Rule]] = []  # (day, school, LPW-21 version)
    week_hours: dict[date, Decimal] = {}
    for d in cal.school_days(min(starts), ctx.as_of, regio):
        if d in close_days:
            week_hours.clear()  # the count starts afresh on the day a melding closes
        school = ctx.school_on(d)
        entry = ctx.absence.get(d)
        lpw20 = rule_for("LPW-20", d)
        if lpw20 is None:
            continue
        if entry is not None and entry[0] == Reden.ONGEOORLOOFD and school is not None and entry[1] > 0:
            monday = iso_week_monday(d)
            week_hours[monday] = week_hours.get(monday, Decimal(0)) + entry[1]
        if not week_hours:
            continue
        window = [iso_week_monday(d), *cal.previous_lesweken(d, regio, lpw20.param("lesweken") - 1)]
        total = sum((week_hours.get(w, Decimal(0)) for w in window), Decimal(0))
        if total >= lpw20.param("uren"):
            lpw21 = rule_for("LPW-21", d)
            if not melding_open(d) and school is not None and lpw21 is not None:
                thresholds.append((d, school, lpw21))
            week_hours.clear()  # a new count starts on the next school day

    obligations: list[Obligation] = []
    for n, (t, school, rule) in enumerate(thresholds):
        due = add_working_days(t, rule.param("werkdagen"))
        done = next((m.date for m in meldingen if m.date >= t), None)
        status = _status(due, done, ctx.as_of)
        text = _explain(
            rule,
            status,
            threshold=_nl(t),
            school=school,
            due=_nl(due),
            done=_nl(done) if done else "",
            opnieuw="opnieuw " if n else "",
        )
        obligations.append(
            Obligation(rule.id, school, due, status, rule.source, text, arose=t, fulfilled_on=done)
        )
    return obligations


# ---------------------------------------------------------------- zorgplicht


def _zorgplicht(ctx: _Ctx) -> tuple[list[Obligation], list[Violation]]:
    obligations: list[Obligation] = []
    violations: list[Violation] = []
    as_of = ctx.as_of
    aanmeldingen = ctx.of(Aanmelding)
    for a in aanmeldingen:
        # events for this school belong to this aanmelding until the next aanmelding at the same school
        nxt = next(
            (
                b.date
                for b in aanmeldingen
                if b.school == a.school and b.index != a.index and (b.date, b.index) > (a.date, a.index)
            ),
            None,
        )

        def mine(e: Event, a: Aanmelding = a, nxt: date | None = nxt) -> bool:
            return e.date >= a.date and (nxt is None or e.date < nxt)

        zp05 = rule_for("ZP-05", a.date)
        if zp05 is not None:
            due6 = statutory_term_end(a.date, zp05.param("weken"))
            extended = any(
                v.school == a.school and mine(v) and v.date <= due6 for v in ctx.of(AanmeldingVerlenging)
            )
            weeks = zp05.param("weken") + (zp05.param("verlenging_weken") if extended else 0)
            due = statutory_term_end(a.date, weeks)
            besluit = next((b for b in ctx.of(AanmeldingBesluit) if b.school == a.school and mine(b)), None)
            done = besluit.date if besluit else None
            status = _status(due, done, as_of)
            termijn = f"{weeks} weken" + (" (6 weken plus 4 weken verlenging)" if extended else "")
            text = _explain(
                zp05,
                status,
                school=a.school,
                termijn=termijn,
                aanmelding=_nl(a.date),
                due=_nl(due),
                done=_nl(done) if done else "",
            )
            obligations.append(Obligation(zp05.id, a.school, due, status, zp05.source, text, a.date, done))

        zp06 = rule_for("ZP-06", a.date)
        if zp06 is not None:
            t = statutory_term_end(a.date, zp06.param("weken"))
            decided = any(b.school == a.school and mine(b) and b.date <= t for b in ctx.of(AanmeldingBesluit))
            elsewhere = ctx.enrolment_on(t, exclude=a.school) is not None
            if t <= as_of and not decided and not elsewhere:
                due = t + ONE_DAY
                ins = next(
                    (i for i in ctx.of(Inschrijving) if i.school == a.school and i.date >= a.date), None
                )
                done = ins.date if ins else None
                status = _status(due, done, as_of)
                text = _explain(
                    zp06,
                    status,
                    school=a.school,
                    aanmelding=_nl(a.date),
                    t=_nl(t),
                    due=_nl(due),
                    done=_nl(done) if done else "",
                )
                obligations.append(Obligation(zp06.id, a.school, due, status, zp06.source, text, t, done))

    for s in ctx.of(Schorsing):
        zp10 = rule_for("ZP-10", s.date)
        if zp10 is None:
            continue
        values: dict[str, object] = {
            "school": s.school,
            "start": _nl(s.date),
            "end": _nl(s.to),
            "days": s.days,
        }
        if s.days > zp10.param("max_dagen"):
            violations.append(
                Violation(zp10.id, s.school, s.date, zp10.source, zp10.text("violation", **values))
            )
        if s.days >= zp10.param("melden_vanaf_dagen"):
            gemeld = next(
                (g for g in ctx.of(SchorsingGemeldInspectie) if g.school == s.school and g.date >= s.date),
                None,
            )
            done = gemeld.date if gemeld else None
            status = _status(None, done, as_of)
            text = _explain(zp10, status, done=_nl(done) if done else "", **values)
            obligations.append(Obligation(zp10.id, s.school, None, status, zp10.source, text, s.date, done))

    for v in ctx.of(Verwijdering):
        zp11 = rule_for("ZP-11", v.date)
        if zp11 is None or ctx.status_on(v.date) != LeerplichtStatus.LEERPLICHTIG:
            continue
        if not any(b.date <= v.date for b in ctx.of(AndereSchoolBereid)):
            text = zp11.text("violation", school=v.school, date=_nl(v.date))
            violations.append(Violation(zp11.id, v.school, v.date, zp11.source, text))

    for u in ctx.of(Uitschrijving):
        lpw47 = rule_for("LPW-47", u.date)
        if lpw47 is None or not ctx.plichtig_on(u.date) or u.grond == Grond.VRIJSTELLING:
            continue
        if u.grond == Grond.OVERIG or ctx.enrolment_on(u.date, exclude=u.school) is None:
            text = lpw47.text(u.grond.value, school=u.school, date=_nl(u.date))
            violations.append(Violation(lpw47.id, u.school, u.date, lpw47.source, text))
    return obligations, violations


# ---------------------------------------------------------------- OPP


_OPP_SECTORS = (Sector.SBO, Sector.SO, Sector.VSO)


def _opp(ctx: _Ctx) -> tuple[list[Obligation], list[Violation]]:
    obligations: list[Obligation] = []
    violations: list[Violation] = []
    as_of = ctx.as_of
    vastgesteld = ctx.of(OppVastgesteld)

    def enrolment_of(e: Event) -> _Enrolment | None:
        return ctx.enrolment_on(e.date)

    # OPP-05: an OPP within 6 weeks after enrolment in sbo/so/vso or with extra_ondersteuning
    for en in ctx.enrolments:
        ins = en.inschrijving
        opp05 = rule_for("OPP-05", ins.date)
        if opp05 is None or not (ins.sector in _OPP_SECTORS or ins.extra_ondersteuning):
            continue
        due = statutory_term_end(ins.date, opp05.param("weken"))
        opp = next((o for o in vastgesteld if enrolment_of(o) is en), None)
        done = opp.date if opp else None
        status = _status(due, done, as_of)
        text = _explain(
            opp05, status, school=en.school, start=_nl(ins.date), due=_nl(due), done=_nl(done) if done else ""
        )
        obligations.append(Obligation(opp05.id, en.school, due, status, opp05.source, text, ins.date, done))

    # OPP-04: consent to the handelingsdeel
    for o in vastgesteld:
        opp04 = rule_for("OPP-04", o.date)
        if opp04 is None or o.instemming_handelingsdeel:
            continue
        school = ctx.school_on(o.date)
        consent = next((c for c in ctx.of(OppInstemming) if c.date >= o.date), None)
        done = consent.date if consent else None
        status = _status(None, done, as_of)
        text = _explain(
            opp04, status, opp=_nl(o.date), school=school or "geen school", done=_nl(done) if done else ""
        )
        obligations.append(Obligation(opp04.id, school, None, status, opp04.source, text, o.date, done))

    # OPP-06: yearly evaluation with the parents, from the school year after the first OPP
    evaluaties = ctx.of(OppEvaluatie)
    for en in ctx.enrolments:
        first = next((o for o in vastgesteld if enrolment_of(o) is en), None)
        if first is None:
            continue
        year_start = date(school_year_start(first.date).year + 1, 8, 1)
        while year_start <= as_of and en.contains(year_start):
            opp06 = rule_for("OPP-06", year_start)
            year_end = school_year_end(year_start)
            if opp06 is not None:
                ev = next((e for e in evaluaties if e.met_ouders and year_start <= e.date <= year_end), None)
                done = ev.date if ev else None
                status = _status(year_end, done, as_of)
                text = _explain(
                    opp06,
                    status,
                    schooljaar=school_year_label(year_start),
                    school=en.school,
                    due=_nl(year_end),
                    done=_nl(done) if done else "",
                )
                obligations.append(
                    Obligation(opp06.id, en.school, year_end, status, opp06.source, text, year_start, done)
                )
            year_start = date(year_start.year + 1, 8, 1)

    # OPP-07: hoorrecht
    for ev in evaluaties:
        opp07 = rule_for("OPP-07", ev.date)
        if opp07 is None or ev.met_leerling:
            continue
        school = ctx.school_on(ev.date)
        text = opp07.text("violation", date=_nl(ev.date), school=school or "geen school")
        violations.append(Violation(opp07.id, school, ev.date, opp07.source, text))
    return obligations, violations


# ---------------------------------------------------------------- KR-3M (regional norm)

_ELEMENT_EVENTS: tuple[tuple[str, type[Event]], ...] = (
    ("regievoerder", RegievoerderAangewezen),
    ("ontwikkelperspectief", OntwikkelperspectiefVastgesteld),
    ("route", RouteVastgesteld),
    ("evaluatiefrequentie", EvaluatiefrequentieVastgesteld),
)


def _kr3m(ctx: _Ctx, thuiszitter: Thuiszitter | None, verborgen: Sequence[Verborgen]) -> list[Obligation]:
    config = ctx.norms.kr_3m
    rule = rule_for("KR-3M", ctx.as_of)
    if not config.enabled or rule is None:
        return []
    if thuiszitter is not None:
        since = thuiszitter.since
    elif verborgen:
        since = min(v.since for v in verborgen)
    else:
        return []
    due = add_months(since, config.months)
    first: dict[str, date] = {}
    for name, cls in _ELEMENT_EVENTS:
        dates = [e.date for e in ctx.events if isinstance(e, cls)]
        if dates:
            first[name] = min(dates)
    missing = tuple(name for name in KR3M_ELEMENTS if name not in first)
    if not missing:
        status = ObligationStatus.MET if all(d <= due for d in first.values()) else ObligationStatus.MET_LATE
    elif ctx.as_of > due:
        status = ObligationStatus.OVERDUE
    else:
        status = ObligationStatus.OPEN
    text = _explain(
        rule, status, maanden=config.months, since=_nl(since), due=_nl(due), missing=_join_nl(missing)
    )
    if ctx.norms.regio:
        text = text.replace(
            "Regionale afspraak (geen wet)", f"Regionale afspraak van {ctx.norms.regio} (geen wet)"
        )
    done = max(first.values()) if not missing else None
    return [Obligation(rule.id, None, due, status, rule.source, text, since, done, missing)]


# ---------------------------------------------------------------- assess


def assess(scenario: Scenario, *, calendar: Calendar, norms: NormSettings | None = None) -> Assessment:
    """Assess one scenario on its `as_of` date. Pure function of its arguments."""
    events = scenario.known_events
    ctx = _Ctx(
        scenario=scenario,
        calendar=calendar,
        norms=norms or NormSettings(),
        events=events,
        leerplicht=_leerplicht(scenario, calendar),
    )
    ctx.enrolments = _build_enrolments(events)
    ctx.absence = _build_absence(ctx)

    thuiszitter = _thuiszitter(ctx)
    verborgen = _verborgen(ctx)
    obligations = _verzuim(ctx)
    zp_obl, zp_vio = _zorgplicht(ctx)
    opp_obl, opp_vio = _opp(ctx)
    obligations += zp_obl + opp_obl + _kr3m(ctx, thuiszitter, verborgen)
    violations = zp_vio + opp_vio
    obligations.sort(key=lambda o: (o.arose, o.rule, o.subject or "", o.due or date.min))
    violations.sort(key=lambda v: (v.date, v.rule, v.subject or ""))
    return Assessment(
        as_of=scenario.as_of,
        leerplicht=ctx.leerplicht,
        thuiszitter=thuiszitter,
        verborgen=tuple(verborgen),
        obligations=tuple(obligations),
        violations=tuple(violations),
    )


__all__ = [
    "Assessment",
    "Leerplicht",
    "LeerplichtStatus",
    "Obligation",
    "ObligationStatus",
    "Thuiszitter",
    "ThuiszitterCategory",
    "Verborgen",
    "VerborgenReason",
    "Violation",
    "assess",
    "leerplicht_end",
    "leerplicht_start",
]
