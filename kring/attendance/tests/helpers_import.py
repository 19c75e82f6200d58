"""Test helpers of the attendance import: a school with a region, CSV text, a stand-in detection."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import polars as pl
import pytest

from kring.attendance.detection import LPW20, Day, Finding

if TYPE_CHECKING:
    from kring.attendance.models import ColumnMapping

HEADER = "bsn;naam;geboortedatum;datum;uren;reden"
# Fictional BSNs passing the elfproef.
BSN_A = "111222333"
BSN_B = "123456782"
BSN_C = "100000009"


def school_days(start: date, count: int) -> list[date]:
    days: list[date] = []
    day = start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def csv_text(rows: Iterable[Sequence[Any]]) -> str:
    return "\n".join([HEADER, *(";".join(str(v) for v in row) for row in rows)]) + "\n"


def month_rows(
    days: Sequence[date], *, absent: Mapping[str, tuple[int, str]] | None = None
) -> list[tuple[Any, ...]]:
    """Three pupils over `days`: BSN_A absent `absent[BSN_A]` hours a day with that reason, others present."""
    absent = absent or {BSN_A: (5, "ongeoorloofd")}
    rows = []
    for bsn, name in ((BSN_A, "Sam Jansen"), (BSN_B, "Lot de Vries"), (BSN_C, "Mo Bakker")):
        hours, reason = absent.get(bsn, (0, ""))
        for day in days:
            rows.append((bsn, name, "2015-03-04", day.isoformat(), hours, reason if hours else ""))
    return rows


def stand_in_detect(frame: pl.DataFrame, **_: Any) -> list[Finding]:
    """A tiny stand-in for the detection core: LPW-20 when a pupil has 16 or more hours ongeoorloofd
    in the file (found on the day the total reaches 16), with those days."""
    findings = []
    for (pupil,), rows in (
        frame.filter(pl.col("reason") == "ongeoorloofd").sort("date").group_by(["pupil"], maintain_order=True)
    ):
        total = Decimal(0)
        days = []
        for row in rows.iter_rows(named=True):
            total += Decimal(str(row["hours"]))
            days.append(Day(date=row["date"], hours=Decimal(str(row["hours"])), reason="ongeoorloofd"))
            if total >= 16:
                findings.append(
                    Finding(pupil=pupil, kind=LPW20, rule="LPW-20", found_on=row["date"], days=tuple(days))
                )
                break
    return findings


@pytest.fixture
def import_world() -> Any:
    return make_import_world()


def make_import_world() -> Any:
    """make_world with its school in region midden and its child known by BSN_A."""
    from kring.cases.testing import make_world
    from kring.privacy.crypto import bsn_lookup_hash, encrypt_bsn

    ensure_presets()
    world = make_world()
    world.school.vakantieregio = "midden"
    world.school.save()
    child = world.child
    child.bsn_encrypted = encrypt_bsn(BSN_A)
    child.bsn_hash = bsn_lookup_hash(BSN_A)
    child.save()
    return world


def ensure_presets() -> None:
    """The preset mappings of migration 0002 (a transactional test's flush removes them)."""
    import importlib

    from kring.attendance.models import ColumnMapping

    presets = importlib.import_module("kring.attendance.migrations.0002_preset_mappings").PRESETS
    for preset in presets:
        ColumnMapping.objects.update_or_create(school=None, name=preset["name"], defaults=preset)


def preset(name: str) -> ColumnMapping:
    """A preset mapping by name (made again when a flush removed it)."""
    from kring.attendance.models import ColumnMapping

    ensure_presets()
    return ColumnMapping.objects.get(school=None, name=name)
