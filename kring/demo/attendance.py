"""The demo school's attendance: six school weeks of fictional pupils, read in by the import itself.

The Koningin Beatrixschool (the demo's intern begeleider's school) reads in one file in Kring's own
format (`bsn;naam;geboortedatum;datum;uren;reden`), made here from the school days of the school's
holiday region before the demo's `today`. Most pupils are nearly always there; a few show what the
signals are for:

- Finn Dekker: ongeoorloofd absent on mornings, more and more: 16 hours in 4 lesweken (LPW-20);
- Zoë Vermeulen: ongeoorloofd absent every day for weeks (langdurig relatief verzuim, TZ-01);
- Ravi Jansen: often reported ill for a day or two (vaak ziek);
- Mila de Wit: ill for two weeks on end (langdurig ziek).

None of them is a child in Kring yet: the school sees whom each signal is about by name and birth
date, and opens a case only by its own act. BSNs are fictional (they pass the elfproef, which
`reading` checks). Written through `kring.attendance.services.imports`, so the demo shows what a
real import leaves: a summary, signals and only the absence days that explain them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kring.attendance.models import AttendanceImport, ColumnMapping
from kring.attendance.services import imports
from kring.children.assessment import calendar_for_assessment

if TYPE_CHECKING:
    from kring.organisations.models import SchoolLocation

    from .services import DemoRegion

WEEKS = 6  # school weeks in the file
DAY_HOURS = 5


@dataclass(frozen=True)
class DemoPupil:
    name: str
    born_years_ago: int


PLAIN = (
    "Adam Visser",
    "Bo Smit",
    "Daan Meijer",
    "Eva de Graaf",
    "Fenna Bos",
    "Hugo Mulder",
    "Isa de Vries",
    "Jesse Peters",
    "Julia Hendriks",
    "Lars van Dijk",
    "Liv Kok",
    "Luuk Dijkstra",
    "Maud Brouwer",
    "Noah van Leeuwen",
    "Olivia Schouten",
    "Sam de Bruijn",
    "Tess Koster",
    "Tim Huisman",
    "Vera Postma",
    "Yara Prins",
)


def _bsn(n: int) -> str:
    """The n-th fictional BSN that passes the elfproef (9 digits, 9..2 and -1 weights)."""
    base = 900_000_000 + n * 97
    while True:
        digits = [int(c) for c in f"{base:09d}"]
        total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
        if total % 11 == 0:
            return f"{base:09d}"
        base += 1


def _school_days(school: SchoolLocation, today: date) -> list[date]:
    """The school days of the last WEEKS lesweken before today (today itself not included)."""
    regio = school.vakantieregio or "midden"
    start = today - timedelta(weeks=WEEKS + 3)
    days = list(calendar_for_assessment().school_days(start, today - timedelta(days=1), regio))
    weeks = sorted({d - timedelta(days=d.weekday()) for d in days})[-WEEKS:]
    return [d for d in days if d - timedelta(days=d.weekday()) in weeks]


def _rows(days: list[date]) -> list[tuple[str, str, int, str]]:
    """(pupil, date, hours, reason) for every pupil and school day; hours 0 = present."""
    rows: list[tuple[str, str, int, str]] = []
    last_weeks = sorted({d - timedelta(days=d.weekday()) for d in days})
    week_of = {d: last_weeks.index(d - timedelta(days=d.weekday())) for d in days}
    for i, day in enumerate(days):
        week = week_of[day]
        for n, name in enumerate(PLAIN):
            # now and then a day off ill, never enough for a signal
            ill = (n * 7 + i) % 41 == 0
            rows.append((name, day.isoformat(), DAY_HOURS if ill else 0, "ziek" if ill else ""))
        # Finn: from the third week on, three mornings a week 2 hours ongeoorloofd, then whole days
        finn = week >= 2 and day.weekday() in (0, 2, 4)
        rows.append(("Finn Dekker", day.isoformat(), (2 if week < 4 else 4) if finn else 0, "ongeoorloofd"))
        # Zoë: ongeoorloofd absent every school day of the file
        rows.append(("Zoë Vermeulen", day.isoformat(), DAY_HOURS, "ongeoorloofd"))
        # Ravi: ill on the Monday of every week
        ravi = day.weekday() == 0
        rows.append(("Ravi Jansen", day.isoformat(), DAY_HOURS if ravi else 0, "ziek" if ravi else ""))
        # Mila: ill for the whole of weeks 2 and 3
        mila = week in (1, 2)
        rows.append(("Mila de Wit", day.isoformat(), DAY_HOURS if mila else 0, "ziek" if mila else ""))
    return [(name, d, h, r if h else "") for name, d, h, r in rows]


def attendance_file(school: SchoolLocation, today: date) -> tuple[bytes, date, date]:
    """The demo file in Kring's format, with its first and last day."""
    days = _school_days(school, today)
    names = sorted({name for name, *_ in _rows(days)})
    bsn = {name: _bsn(i) for i, name in enumerate(names)}
    born = {name: date(today.year - 9 - i % 3, 1 + i % 12, 1 + i % 27) for i, name in enumerate(names)}
    lines = ["bsn;naam;geboortedatum;datum;uren;reden"]
    for name, day, hours, reason in _rows(days):
        lines.append(f"{bsn[name]};{name};{born[name].isoformat()};{day};{hours};{reason}")
    return ("\n".join(lines) + "\n").encode(), days[0], days[-1]


def load_attendance(region: DemoRegion, school: SchoolLocation) -> AttendanceImport:
    """Read the demo file in as the school's intern begeleider would (synchronously)."""
    data, first, last = attendance_file(school, region.today)
    actor = region.users["ib"]
    record = imports.create_import(
        actor=actor,
        school=school,
        mapping=ColumnMapping.objects.get(school__isnull=True, name="Kring-standaard"),
        filename="aanwezigheid-demo.csv",
        data=data,
        period=(first, last),
    )
    return imports.run_import(record, data=data, actor=actor, today=region.today)
