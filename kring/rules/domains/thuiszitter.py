"""TZ-01: is the child a thuiszitter (absoluut or langdurig relatief verzuim), or hidden ("verborgen")?"""

from __future__ import annotations

from datetime import date

from kring.rules.context import Context, rule_on
from kring.rules.facts import Artikel, Reden, Vrijstelling
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


def verborgen(ctx: Context) -> list[Verborgen]:
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
    return sorted(result, key=lambda v: (v.since, v.reason.value))
