"""Calendar arithmetic for the rules engine (pure, no I/O except the explicit loaders).

- public holidays per Algemene termijnenwet art. 3, for any year;
- working days, school days per vakantieregio, lesweken;
- statutory terms (ATW-01), calendar months, school years.

A `Calendar` holds the school holidays as plain data: a list of periods
`(regio, start, end, name)`, so the web app can build one from database rows.
"""

from __future__ import annotations

import csv
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from itertools import accumulate, compress
from pathlib import Path

REGIONS: tuple[str, ...] = ("noord", "midden", "zuid")
ALL_REGIONS = "heel Nederland"
ONE_DAY = timedelta(days=1)

MONTHS_NL: tuple[str, ...] = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


@lru_cache(maxsize=16384)
def format_date_nl(d: date) -> str:
    """`13 oktober 2025`."""
    return f"{d.day} {MONTHS_NL[d.month - 1]} {d.year}"


# ---------------------------------------------------------------- public holidays


def easter_sunday(year: int) -> date:
    """Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def koningsdag(year: int) -> date:
    """27 April, or 26 April when the 27th is a Sunday."""
    d = date(year, 4, 27)
    return d - ONE_DAY if d.weekday() == 6 else d


@lru_cache(maxsize=512)
def public_holidays(year: int) -> tuple[tuple[date, str], ...]:
    """The algemeen erkende feestdagen of Algemene termijnenwet art. 3 in `year`, sorted."""
    easter = easter_sunday(year)
    days = [
        (date(year, 1, 1), "Nieuwjaarsdag"),
        (easter + timedelta(days=1), "Tweede Paasdag"),
        (koningsdag(year), "Koningsdag"),
        (date(year, 5, 5), "Bevrijdingsdag"),
        (easter + timedelta(days=39), "Hemelvaartsdag"),
        (easter + timedelta(days=50), "Tweede Pinksterdag"),
        (date(year, 12, 25), "Eerste Kerstdag"),
        (date(year, 12, 26), "Tweede Kerstdag"),
    ]
    return tuple(sorted(days))


@lru_cache(maxsize=512)
def _holiday_set(year: int) -> frozenset[date]:
    return frozenset(d for d, _ in public_holidays(year))


def is_public_holiday(d: date) -> bool:
    return d in _holiday_set(d.year)


def public_holiday_name(d: date) -> str | None:
    for day, name in public_holidays(d.year):
        if day == d:
            return name
    return None


def is_weekend(d: date) -> bool:
    return d.weekday() >= 5


def is_working_day(d: date) -> bool:
    """Monday to Friday, not a public holiday."""
    return not is_weekend(d) and not is_public_holiday(d)


def goede_vrijdag(year: int) -> date:
    """The Friday before Eerste Paasdag."""
    return easter_sunday(year) - timedelta(days=2)


def is_term_free_day(d: date) -> bool:
    """A day on which a shifted term cannot end (catalog v2): a Saturday, Sunday, public holiday, or
    Goede Vrijdag, which Algemene termijnenwet art. 3 lid 2 equates with the public holidays *for
    that law* only. Goede Vrijdag stays a working day and a school day everywhere else."""
    return is_weekend(d) or is_public_holiday(d) or d == goede_vrijdag(d.year)


def next_working_day_on_or_after(d: date) -> date:
    """ATW art. 1 shift: `d` itself, or the next day that is no Saturday, Sunday, public holiday or
    Goede Vrijdag (Atw art. 3 lid 2; catalog v2)."""
    while is_term_free_day(d):
        d += ONE_DAY
    return d


@lru_cache(maxsize=65536)  # pure; the same terms recur across timelines
def statutory_term_end(start: date, weeks: int) -> date:
    """ATW-01: a term of N weeks from D ends on D + 7·N days, shifted past Sat/Sun/public holidays
    and Goede Vrijdag."""
    return next_working_day_on_or_after(start + timedelta(weeks=weeks))


def statutory_days_term_end(start: date, days: int) -> date:
    """ATW-01 for a term given in days (TLV-06: 42 days): D + N days, shifted as above."""
    return next_working_day_on_or_after(start + timedelta(days=days))


def eu_month_term_end(start: date, months: int) -> date:
    """Month term of EU law (catalog v2, AVG-12; Verordening 1182/71 art. 3 lid 2 sub c, lid 4):
    D + N calendar months (`add_months`), then moved off a Saturday, Sunday, public holiday or
    Goede Vrijdag (the days the Algemene termijnenwet skips)."""
    return next_working_day_on_or_after(add_months(start, months))


def term_counted_back(end: date, weeks: int) -> date:
    """A term counted back (catalog v2, LPW-46): "at least N weeks before the period whose last day
    is E" ends on E − 7·N days. Never shifted (Algemene termijnenwet art. 1 lid 2)."""
    return end - timedelta(weeks=weeks)


@lru_cache(maxsize=65536)  # pure; the same terms recur across timelines
def add_working_days(d: date, n: int) -> date:
    """The n-th working day after `d` (n >= 1); `d` itself is not counted."""
    if n < 0:
        raise ValueError("n must be >= 0")
    while n > 0:
        d += ONE_DAY
        if is_working_day(d):
            n -= 1
    return d


def add_months(d: date, months: int) -> date:
    """Calendar months: keep the day number, clamped to the last day of the target month."""
    total = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(total, 12)
    return date(year, month0 + 1, min(d.day, _days_in_month(year, month0 + 1)))


def _days_in_month(year: int, month: int) -> int:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - ONE_DAY).day


def add_years(d: date, years: int) -> date:
    """Calendar years (and anniversaries): keep day and month; 29 February becomes 28 February in a
    year without one."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return date(d.year + years, 2, 28)


def school_year_start(d: date) -> date:
    """1 August of the school year (1 Aug – 31 Jul) that contains `d`."""
    return date(d.year if d.month >= 8 else d.year - 1, 8, 1)


def school_year_end(d: date) -> date:
    """31 July of the school year that contains `d`."""
    return date(school_year_start(d).year + 1, 7, 31)


def school_year_label(d: date) -> str:
    start = school_year_start(d).year
    return f"{start}-{start + 1}"


def iso_week_monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


# ---------------------------------------------------------------- school holidays


def normalise_regio(value: str) -> str:
    """`noord` / `midden` / `zuid` / `heel Nederland` (case and spacing tolerant)."""
    v = " ".join(value.strip().split()).lower()
    if v in REGIONS:
        return v
    if v in ("heel nederland", "heel_nederland", "nederland", "alle"):
        return ALL_REGIONS
    raise ValueError(f"unknown vakantieregio {value!r}: expected noord, midden, zuid or {ALL_REGIONS!r}")


@dataclass(frozen=True)
class HolidayPeriod:
    """One school holiday: `regio` is noord/midden/zuid or 'heel Nederland'; both dates inclusive."""

    regio: str
    start: date
    end: date
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "regio", normalise_regio(self.regio))
        if self.end < self.start:
            raise ValueError(f"holiday {self.name!r}: end {self.end} before start {self.start}")

    def applies_to(self, regio: str) -> bool:
        return self.regio == ALL_REGIONS or self.regio == regio

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end


PeriodLike = HolidayPeriod | tuple[str, date | str, date | str, str] | tuple[str, date | str, date | str]


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _as_period(item: PeriodLike) -> HolidayPeriod:
    if isinstance(item, HolidayPeriod):
        return item
    regio, start, end = item[0], item[1], item[2]
    name = item[3] if len(item) > 3 else ""
    return HolidayPeriod(regio, _as_date(start), _as_date(end), str(name))


# Years the precomputed day tables can cover: whole ISO weeks around them stay inside date.min/max.
TABLE_MIN_YEAR = 2
TABLE_MAX_YEAR = 9998
_LESWEEK_SEARCH_WEEKS = 520  # previous_lesweken looks back at most 10 years
_FIVE_FREE_DAYS = bytes(5)


@dataclass(frozen=True, slots=True)
class DayTable:
    """The precomputed days of one vakantieregio, for whole ISO weeks from `lo` (a Monday) to `hi`.

    Day `d` is at index `d.toordinal() - lo`; week `k` starts on the Monday `lo + 7·k`.
    Built once, never changed; a wider table replaces it when a date outside it is asked for.
    """

    regio: str
    first_year: int
    last_year: int
    lo: int  # ordinal of the first day (a Monday)
    hi: int  # ordinal one past the last day (a Monday)
    school: bytes  # 1 on a school day
    holiday: bytes  # 1 on a day inside a school holiday of the region (weekends too)
    holidays_before: tuple[int, ...]  # holidays_before[i]: holiday days in [lo, lo + i)
    school_dates: tuple[date, ...]  # every school day, ascending
    school_before: tuple[int, ...]  # school_before[i]: school days in [lo, lo + i), an index of school_dates
    lesweek: bytes  # 1 for a week with at least one school day
    lesweek_mondays: tuple[date, ...]  # the Mondays of those weeks, ascending

    def covers(self, first: int, last: int) -> bool:
        return self.lo <= first and last < self.hi

    def school_days_between(self, start: date, end: date) -> tuple[date, ...]:
        """The school days from `start` to `end`, both inclusive (none when end < start).

        Both must lie inside the table (`covers`). Two lookups by day number, no binary search."""
        before, lo = self.school_before, self.lo
        return self.school_dates[before[start.toordinal() - lo] : before[end.toordinal() + 1 - lo]]


def build_day_table(
    periods: Iterable[HolidayPeriod], regio: str, first_year: int, last_year: int
) -> DayTable:
    """Day table of `regio` for the years `first_year`..`last_year` (extended to whole weeks)."""
    if not TABLE_MIN_YEAR <= first_year <= last_year <= TABLE_MAX_YEAR:
        raise ValueError(f"calendar years {first_year}-{last_year} outside {TABLE_MIN_YEAR}-{TABLE_MAX_YEAR}")
    start, end = date(first_year, 1, 1), date(last_year, 12, 31)
    lo = start.toordinal() - start.weekday()
    hi = end.toordinal() + 7 - end.weekday()
    n = hi - lo
    school = bytearray(b"\x01\x01\x01\x01\x01\x00\x00" * (n // 7))  # Monday to Friday
    for year in range(first_year - 1, last_year + 2):
        for day, _ in public_holidays(year):
            i = day.toordinal() - lo
            if 0 <= i < n:
                school[i] = 0
    holiday = bytearray(n)
    for p in periods:
        if p.applies_to(regio):
            a = max(p.start.toordinal() - lo, 0)
            b = min(p.end.toordinal() + 1 - lo, n)
            if a < b:
                holiday[a:b] = b"\x01" * (b - a)
                school[a:b] = bytes(b - a)
    lesweek = bytes(school[i : i + 5] != _FIVE_FREE_DAYS for i in range(0, n, 7))
    return DayTable(
        regio=regio,
        first_year=first_year,
        last_year=last_year,
        lo=lo,
        hi=hi,
        school=bytes(school),
        holiday=bytes(holiday),
        holidays_before=tuple(accumulate(holiday, initial=0)),
        school_dates=tuple(date.fromordinal(lo + i) for i in compress(range(n), school)),
        school_before=tuple(accumulate(school, initial=0)),
        lesweek=lesweek,
        lesweek_mondays=tuple(date.fromordinal(lo + 7 * k) for k in compress(range(len(lesweek)), lesweek)),
    )


_REGIO_KEY: dict[str, str] = {r: r for r in REGIONS}


class Calendar:
    """Public holidays (computed) plus school holidays (given as plain data).

    `Calendar(holidays=[("midden", date(2025, 10, 18), date(2025, 10, 26), "herfstvakantie"), ...])`.
    Outside the periods given, only weekends and public holidays are no school days.

    Immutable: the periods are fixed at construction. Every day question is answered from a
    precomputed `DayTable` per region (school days, holiday days, lesweken as arrays), built the
    first time the region is asked for and widened (rebuilt, by whole years) when a date outside it
    is asked for. So build a calendar once and reuse it for every assessment; answers never depend
    on which questions were asked before (tested against a freshly built calendar).
    """

    def __init__(self, holidays: Iterable[PeriodLike] = ()) -> None:
        self._periods: tuple[HolidayPeriod, ...] = tuple(
            sorted((_as_period(p) for p in holidays), key=lambda p: (p.start, p.end, p.regio, p.name))
        )
        self._tables: dict[str, DayTable] = {}
        self._windows: dict[tuple[str, date, int], tuple[date, ...]] = {}

    def __repr__(self) -> str:
        return f"Calendar({len(self._periods)} school holiday periods)"

    @property
    def periods(self) -> tuple[HolidayPeriod, ...]:
        return self._periods

    @property
    def coverage(self) -> tuple[date, date] | None:
        """First start and last end date in the table (None when empty)."""
        if not self._periods:
            return None
        return min(p.start for p in self._periods), max(p.end for p in self._periods)

    # -- the precomputed tables
    def day_table(self, regio: str, first: date, last: date | None = None) -> DayTable:
        """The table of `regio` covering `first`..`last` (built or widened when needed)."""
        r = _REGIO_KEY.get(regio) or normalise_regio(regio)
        lo = first.toordinal()
        hi = lo if last is None else last.toordinal()
        table = self._tables.get(r)
        if table is not None and table.lo <= lo and hi < table.hi:
            return table
        return self._widen(r, first, last or first)

    def _widen(self, regio: str, first: date, last: date) -> DayTable:
        if regio not in REGIONS:
            raise KeyError(regio)
        old = self._tables.get(regio)
        years = [first.year - 1, last.year + 1]
        if old is not None:
            # grow by at least five years on the side that is extended, so widening stays rare
            if first.toordinal() < old.lo:
                years.append(old.first_year - 5)
            if last.toordinal() >= old.hi:
                years.append(old.last_year + 5)
            years += [old.first_year, old.last_year]
        elif self._periods:
            years += [self._periods[0].start.year, max(p.end for p in self._periods).year]
        if first.year < TABLE_MIN_YEAR or last.year > TABLE_MAX_YEAR:
            raise ValueError(f"date outside the calendar's years {TABLE_MIN_YEAR}-{TABLE_MAX_YEAR}")
        table = build_day_table(
            self._periods, regio, max(min(years), TABLE_MIN_YEAR), min(max(years), TABLE_MAX_YEAR)
        )
        self._tables[regio] = table  # one assignment: a reader holding the old table stays correct
        return table

    # -- days
    @staticmethod
    def is_public_holiday(d: date) -> bool:
        return is_public_holiday(d)

    @staticmethod
    def is_working_day(d: date) -> bool:
        return is_working_day(d)

    def in_school_holiday(self, d: date, regio: str) -> bool:
        t = self.day_table(regio, d)
        return t.holiday[d.toordinal() - t.lo] == 1

    def school_holiday(self, d: date, regio: str) -> HolidayPeriod | None:
        r = normalise_regio(regio)
        for p in self._periods:
            if p.applies_to(r) and p.contains(d):
                return p
        return None

    def is_school_day(self, d: date, regio: str) -> bool:
        """A working day that is not inside a school holiday of `regio`."""
        t = self.day_table(regio, d)
        return t.school[d.toordinal() - t.lo] == 1

    def school_days(self, start: date, end: date, regio: str) -> Iterator[date]:
        """School days from `start` to `end`, both inclusive."""
        if end < start:
            return iter(())
        return iter(self.day_table(regio, start, end).school_days_between(start, end))

    def school_day_list(self, start: date, end: date, regio: str) -> Sequence[date]:
        """School days from `start` to `end`, both inclusive, as a sequence."""
        if end < start:
            return ()
        return self.day_table(regio, start, end).school_days_between(start, end)

    def next_school_day_on_or_after(self, d: date, regio: str) -> date:
        limit = d + timedelta(days=3659)  # the search looks at most 10 years ahead
        for last in (d, limit):
            days = self.day_table(regio, d, last).school_dates
            i = bisect_left(days, d)
            if i < len(days):
                if days[i] > limit:
                    break
                return days[i]
        raise ValueError(f"no school day within 10 years after {d}")  # pragma: no cover

    def holiday_days_between(self, start: date, end: date, regio: str) -> int:
        """Number of calendar days from `start` to `end` (inclusive) inside a school holiday of `regio`."""
        if end < start:
            return 0
        t = self.day_table(regio, start, end)
        before = t.holidays_before
        return before[end.toordinal() + 1 - t.lo] - before[start.toordinal() - t.lo]

    def days_excluding_holidays(self, start: date, end: date, regio: str) -> int:
        """Calendar days from `start` to `end` inclusive, minus the days inside school holidays."""
        if end < start:
            return 0
        return (end - start).days + 1 - self.holiday_days_between(start, end, regio)

    # -- weeks
    def is_lesweek(self, d: date, regio: str) -> bool:
        """Whether the ISO week (Monday–Sunday) containing `d` has at least one school day."""
        t = self.day_table(regio, d)
        return t.lesweek[(d.toordinal() - t.lo) // 7] == 1

    def previous_lesweken(self, d: date, regio: str, count: int) -> list[date]:
        """Mondays of the `count` lesweken before the week of `d`, newest first.

        Weeks without a school day are skipped; the search looks back at most 520 weeks."""
        if count <= 0:
            return []
        monday = iso_week_monday(d)
        limit = monday - timedelta(weeks=_LESWEEK_SEARCH_WEEKS)
        t = self.day_table(regio, monday)
        mondays = t.lesweek_mondays
        i = bisect_left(mondays, monday)
        if i < count and t.lo > limit.toordinal():  # not enough weeks in the table: widen it once
            t = self.day_table(regio, limit, monday)
            mondays = t.lesweek_mondays
            i = bisect_left(mondays, monday)
        return list(mondays[max(i - count, bisect_left(mondays, limit)) : i][::-1])

    def lesweek_window(self, d: date, regio: str, count: int) -> tuple[date, ...]:
        """The Monday of the week of `d`, then the Mondays of the `count - 1` lesweken before it.

        What LPW-20 sums over; memoised per (regio, week, count), as the answer never changes."""
        monday = iso_week_monday(d)
        key = (regio, monday, count)
        window = self._windows.get(key)
        if window is None:
            window = (monday, *self.previous_lesweken(monday, regio, count - 1))
            self._windows[key] = window
        return window

    # -- delegates for convenience
    add_months = staticmethod(add_months)
    add_working_days = staticmethod(add_working_days)
    statutory_term_end = staticmethod(statutory_term_end)
    school_year_start = staticmethod(school_year_start)
    school_year_end = staticmethod(school_year_end)


# ---------------------------------------------------------------- loading


def parse_school_holidays(lines: Iterable[str]) -> list[HolidayPeriod]:
    """Read the CSV format of schoolvakanties_2024-2030.csv (schooljaar, vakantie, regio, startdatum,
    einddatum_inclusief)."""
    periods: list[HolidayPeriod] = []
    reader = csv.DictReader(lines)
    required = {"regio", "startdatum", "einddatum_inclusief"}
    if reader.fieldnames is None or not required <= set(reader.fieldnames):
        raise ValueError(f"holiday CSV needs the columns {', '.join(sorted(required))}")
    for n, row in enumerate(reader, start=2):
        try:
            name = " ".join(x for x in (row.get("vakantie") or "", row.get("schooljaar") or "") if x)
            periods.append(
                HolidayPeriod(
                    row["regio"],
                    date.fromisoformat(row["startdatum"].strip()),
                    date.fromisoformat(row["einddatum_inclusief"].strip()),
                    name,
                )
            )
        except (ValueError, AttributeError) as exc:
            raise ValueError(f"holiday CSV line {n}: {exc}") from exc
    return periods


def load_school_holidays(path: str | Path) -> list[HolidayPeriod]:
    with open(path, encoding="utf-8", newline="") as fh:
        return parse_school_holidays(fh)


def load_calendar(path: str | Path) -> Calendar:
    return Calendar(load_school_holidays(path))


@lru_cache(maxsize=1)
def default_calendar() -> Calendar:
    """The calendar of the bundled holiday table (school years 2024-2025 to 2029-2030)."""
    text = resources.files("kring.rules").joinpath("data/schoolvakanties.csv").read_text(encoding="utf-8")
    return Calendar(parse_school_holidays(text.splitlines()))
