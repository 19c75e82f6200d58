"""The background task and the bridge to the rules engine's calendar."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from kring.reference.calendar import school_calendar
from kring.reference.models import SchoolHoliday
from kring.reference.services import import_reference
from kring.reference.tasks import import_reference_task
from kring.rules.kalender import REGIONS, default_calendar

pytestmark = pytest.mark.django_db


def test_task_runs_the_import(small_dir: Path) -> None:
    result = import_reference_task.enqueue(str(small_dir))

    assert result.status == "SUCCESSFUL"
    assert result.return_value is not None
    assert result.return_value["schoolvakanties"] == {"created": 66, "updated": 0, "unchanged": 0}
    assert SchoolHoliday.objects.count() == 66


def test_database_calendar_answers_like_the_bundled_calendar(small_dir: Path) -> None:
    import_reference(directory=small_dir)  # the small data set holds the complete holiday file

    from_db, bundled = school_calendar(), default_calendar()

    assert from_db.coverage == bundled.coverage
    day = date(2024, 8, 1)
    while day <= date(2030, 9, 30):
        for regio in REGIONS:
            expected = (bundled.in_school_holiday(day, regio), bundled.is_school_day(day, regio))
            assert (from_db.in_school_holiday(day, regio), from_db.is_school_day(day, regio)) == expected, day
        day += timedelta(days=3)
    # Spot checks: zomervakantie noord 2025 runs 12 July to 24 August inclusive.
    assert from_db.in_school_holiday(date(2025, 8, 24), "noord")
    assert not from_db.in_school_holiday(date(2025, 8, 25), "noord")
    christmas = from_db.school_holiday(date(2025, 12, 24), "zuid")
    assert christmas is not None and christmas.name == "kerstvakantie 2025-2026"


def test_empty_table_gives_a_calendar_without_school_holidays() -> None:
    calendar = school_calendar()
    assert calendar.coverage is None
    assert calendar.is_school_day(date(2025, 8, 1), "midden")


def test_calendar_is_built_once_per_holiday_table_and_follows_a_change() -> None:
    """Every assessment asks for the calendar; it is the same object until the holidays change."""
    SchoolHoliday.objects.create(
        schooljaar="2025-2026", vakantie="herfstvakantie", regio="midden",
        start=date(2025, 10, 18), end=date(2025, 10, 26),
    )  # fmt: skip
    first = school_calendar()
    assert school_calendar() is first
    assert not first.is_school_day(date(2025, 10, 20), "midden")

    SchoolHoliday.objects.filter(vakantie="herfstvakantie").update(end=date(2025, 10, 19))
    changed = school_calendar()

    assert changed is not first
    assert changed.is_school_day(date(2025, 10, 20), "midden")  # the shortened holiday counts at once
    assert not first.is_school_day(date(2025, 10, 20), "midden")  # an old calendar never changes
