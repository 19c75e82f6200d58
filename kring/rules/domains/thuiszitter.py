"""TZ-01: is the child a thuiszitter (absoluut or langdurig relatief verzuim), or hidden ("verborgen")?"""

from __future__ import annotations

from datetime import date

from kring.rules.context import Context, rule_on
from kring.rules.facts import Artikel, OnderwijstijdVerminderd, Reden, Vrijstelling
from kring.rules.kalender import ONE_DAY
from kring.rules.results import (
    Thuiszitter,
    ThuiszitterCategory,
    Verborgen,
    VerborgenReason,
    new_thuiszitter,
    new_verborgen,
)


def absence_run(ctx: Context, reden: Reden) -> date | None:
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


def thuiszitter(ctx: Context) -> Thuiszitter | None:
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
        return new_thuiszitter(ThuiszitterCategory.ABSOLUUT_VERZUIM, since, ctx.holiday_adjusted_days(since))
    run = absence_run(ctx, Reden.ONGEOORLOOFD)
    tz01 = rule_on("TZ-01", as_of)
    if run is None or tz01 is None:
        return None
    days = ctx.holiday_adjusted_days(run)
    if days > tz01.param("dagen"):
        return new_thuiszitter(ThuiszitterCategory.LANGDURIG_RELATIEF_VERZUIM, run, days)
    return None


def verborgen(ctx: Context, tz: Thuiszitter | None) -> list[Verborgen]:
    """The hidden cases; `tz`, the thuiszitter of the assessment (TZ-06 only lists a partial
    programme when there is none)."""
    result: list[Verborgen] = []
    running_5a = [v for v in ctx.of(Vrijstelling) if v.artikel == Artikel.A5A and v.running_on(ctx.as_of)]
    if running_5a:
        since = min(v.date for v in running_5a)
        result.append(new_verborgen(VerborgenReason.VRIJSTELLING_5A, since, ctx.holiday_adjusted_days(since)))
    if ctx.plichtig_on(ctx.as_of) and ctx.enrolment_on(ctx.as_of) is not None:
        run = absence_run(ctx, Reden.ZIEK)
        tz01 = rule_on("TZ-01", ctx.as_of)
        if run is not None and tz01 is not None:
            days = ctx.holiday_adjusted_days(run)
            if days > tz01.param("dagen"):
                result.append(new_verborgen(VerborgenReason.LANGDURIG_ZIEK, run, days))
    if tz is None:
        reduced_since = reduced_run(ctx)
        tz06 = rule_on("TZ-06", ctx.as_of)
        if reduced_since is not None and tz06 is not None:
            days = ctx.holiday_adjusted_days(reduced_since)
            if days > tz06.param("dagen"):
                result.append(new_verborgen(VerborgenReason.GEDEELTELIJK_PROGRAMMA, reduced_since, days))
    return sorted(result, key=lambda v: (v.since, v.reason.value))


def reduced_run(ctx: Context) -> date | None:
    """TZ-06: the first school day of the unbroken run of *reduced school days* up to as_of (None
    when as_of is not in one). A reduced school day: a school day on which the child is leerplichtig
    or kwalificatieplichtig and enrolled at the school of an `onderwijstijd_verminderd` that covers
    it (from its date to its `to`, or up to as_of)."""
    reductions = ctx.of(OnderwijstijdVerminderd)
    if not reductions:
        return None
    first = min(r.date for r in reductions)
    d = ctx.as_of
    since: date | None = None
    while d >= first:
        if ctx.is_school_day(d):
            reduced = ctx.plichtig_on(d) and any(
                r.covers(d) and ctx.enrolled_at(r.school, d) is not None for r in reductions
            )
            if not reduced:
                break
            since = d
        d -= ONE_DAY
    return since
