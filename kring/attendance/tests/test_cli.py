"""`kring import attendance FILE --school ...`: synchronous, a progress bar, non-zero with the problems."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from kring.attendance.models import AttendanceImport, AttendanceSignal, ImportStatus
from kring.cli import main
from kring.organisations.models import SchoolLocation

from .helpers_import import csv_text, month_rows, school_days

pytestmark = pytest.mark.django_db
NOVEMBER = school_days(date(2026, 11, 2), 20)


def test_the_cli_imports_a_file_with_a_progress_bar(import_world: Any, tmp_path: Path, capsys: Any) -> None:
    world = import_world
    path = tmp_path / "november.csv"
    path.write_text(csv_text(month_rows(NOVEMBER)))
    call_command("import_attendance", str(path), "--school", world.school.vestigingscode)
    out = capsys.readouterr()
    assert "100%" in out.err
    assert "60 regels, 3 leerlingen, 20 schooldagen" in out.out
    record = AttendanceImport.objects.get()
    assert record.status == ImportStatus.KLAAR and record.uploaded_by is None
    assert AttendanceSignal.objects.filter(source=record).exists()


def test_the_cli_fails_with_the_list_of_problems(import_world: Any, tmp_path: Path, capsys: Any) -> None:
    world = import_world
    rows = month_rows(NOVEMBER)
    rows[0] = (rows[0][0], "Sam", "", rows[0][3], -1, "ziek")
    path = tmp_path / "november.csv"
    path.write_text(csv_text(rows))
    with pytest.raises(CommandError, match="Er is niets ingelezen"):
        call_command(
            "import_attendance", str(path), "--school", str(world.school.pk), "--mapping", "kring-standaard"
        )
    assert (
        "november.csv, regel 2, kolom uren: Het aantal uren kan niet kleiner zijn dan 0."
        in capsys.readouterr().err
    )
    assert not AttendanceSignal.objects.exists()


def test_the_cli_names_an_unknown_school_or_mapping(import_world: Any, tmp_path: Path) -> None:
    world = import_world
    path = tmp_path / "x.csv"
    path.write_text("bsn;datum;uren;reden\n")
    with pytest.raises(CommandError, match="School 99ZZ99 niet gevonden"):
        call_command("import_attendance", str(path), "--school", "99ZZ99")
    assert SchoolLocation.objects.exists()
    with pytest.raises(
        CommandError, match=r"Kolomindeling 'Magister' niet gevonden\. Kies uit: Kring-standaard"
    ):
        call_command(
            "import_attendance", str(path), "--school", world.school.vestigingscode, "--mapping", "Magister"
        )


def test_kring_import_attendance_is_the_management_command(monkeypatch: Any) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", seen.append)
    main(["kring", "import", "attendance", "x.csv", "--school", "12AB00"])
    assert seen == [["kring", "import_attendance", "x.csv", "--school", "12AB00"]]
