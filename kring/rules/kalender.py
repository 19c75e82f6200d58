"""Calendar arithmetic for the rules engine (pure, no I/O except the explicit loaders).

- public holidays per Algemene termijnenwet art. 3, for any year;
- working days, school days per vakantieregio, lesweken;
- statutory terms (ATW-01), calendar months, school years.

A `Calendar` holds the school holidays as plain data: a list of periods
`(regio, start, end, name)`, so the web app can build one from database rows.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path

REGIONS: tuple[str, ...] = ("noord", "midden", "zuid")
ALL_REGIONS = "heel Nederland"
ONE_DAY = timedelta(days=1)

MONTHS_NL: tuple[str, ...] = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


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


def next_working_day_on_or_after(d: date) -> date:
    """ATW art. 1 shift: `d` itself, or the next day that is no Saturday, Sunday or public holiday."""
    while not is_working_day(d):
        d += ONE_DAY
    return d


def statutory_term_end(start: date, weeks: int) -> date:
    """ATW-01: a term of N weeks from D ends on D + 7·N days, shifted past Sat/Sun/public holidays."""
    return next_working_day_on_or_after(start + timedelta(weeks=weeks))


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
    """Anniversary: 29 February falls on 28 February in other years."""
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


class Calendar:
    """Public holidays (computed) plus school holidays (given as plain data).

    `Calendar(holidays=[("midden", date(2025, 10, 18), date(2025, 10, 26), "herfstvakantie"), ...])`.
    Outside the periods given, only weekends and public holidays are no school days.
    """

    def __init__(self, holidays: Iterable[PeriodLike] = ()) -> None:
        self._periods: tuple[HolidayPeriod, ...] = tuple(
            sorted((_as_period(p) for p in holidays), key=lambda p: (p.start, p.end, p.regio, p.name))
        )
        self._days: dict[str, frozenset[date]] = {}
        for regio in REGIONS:
            days: set[date] = set()
            for p in self._periods:
                if p.applies_to(regio):
                    d = p.start
                    while d <= p.end:
                        days.add(d)
                        d += ONE_DAY
            self._days[regio] = frozenset(days)
        self._lesweek_cache: dict[tuple[str, date], bool] = {}

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

    # -- days
    @staticmethod
    def is_public_holiday(d: date) -> bool:
        return is_public_holiday(d)

    @staticmethod
    def is_working_day(d: date) -> bool:
        return is_working_day(d)

    def in_school_holiday(self, d: date, regio: str) -> bool:
        return d in self._days[normalise_regio(regio)]

    def school_holiday(self, d: date, regio: str) -> HolidayPeriod | None:
        r = normalise_regio(regio)
        for p in self._periods:
            if p.applies_to(r) and p.contains(d):
                return p
        return None

    def is_school_day(self, d: date, regio: str) -> bool:
        """A working day that is not inside a school holiday of `regio`."""
        return is_working_day(d) and d not in self._days[normalise_regio(regio)]

    def school_days(self, start: date, end: date, regio: str) -> Iterator[date]:
        """School days from `start` to `end`, both inclusive."""
        r = normalise_regio(regio)
        d = start
        while d <= end:
            if self.is_school_day(d, r):
                yield d
            d += ONE_DAY

    def next_school_day_on_or_after(self, d: date, regio: str) -> date:
        r = normalise_regio(regio)
        for _ in range(3660):
            if self.is_school_day(d, r):
                return d
            d += ONE_DAY
        raise ValueError(f"no school day within 10 years after {d}")  # pragma: no cover

    def holiday_days_between(self, start: date, end: date, regio: str) -> int:
        """Number of calendar days from `start` to `end` (inclusive) inside a school holiday of `regio`."""
        days = self._days[normalise_regio(regio)]
        return sum(1 for d in days if start <= d <= end)

    def days_excluding_holidays(self, start: date, end: date, regio: str) -> int:
        """Calendar days from `start` to `end` inclusive, minus the days inside school holidays."""
        if end < start:
            return 0
        return (end - start).days + 1 - self.holiday_days_between(start, end, regio)

    # -- weeks
    def is_lesweek(self, d: date, regio: str) -> bool:
        """Whether the ISO week (Monday–Sunday) containing `d` has at least one school day."""
        r = normalise_regio(regio)
        monday = iso_week_monday(d)
        key = (r, monday)
        cached = self._lesweek_cache.get(key)
        if cached is None:
            cached = any(self.is_school_day(monday + timedelta(days=i), r) for i in range(5))
            self._lesweek_cache[key] = cached
        return cached

    def previous_lesweken(self, d: date, regio: str, count: int) -> list[date]:
        """Mondays of the `count` lesweken before the week of `d`, newest first.

        Weeks without a school day are skipped."""
        result: list[date] = []
        monday = iso_week_monday(d)
        for _ in range(520):
            if len(result) >= count:
                break
            monday -= timedelta(weeks=1)
            if self.is_lesweek(monday, regio):
                result.append(monday)
        return result

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
