"""`kring import reference`: output, summary table, errors on stderr and exit status 1."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from kring.cli import main as kring_main
from kring.organisations.models import SchoolLocation

pytestmark = pytest.mark.django_db


def test_command_prints_progress_and_summary(small_dir: Path) -> None:
    out = StringIO()
    call_command("import_reference", "--path", str(small_dir), stdout=out)
    text = out.getvalue()
    assert f"Referentiegegevens importeren uit {small_dir}" in text
    assert "Scholen (DUO basisonderwijs): 40 regels gelezen" in text
    assert "Soort" in text and "Nieuw" in text and "Ongewijzigd" in text
    assert "Schoolvestigingen" in text
    assert "Let op: 3 postcodegebieden zonder samenwerkingsverband (Europoort: 3197, 3198, 3199)" in text
    assert "Referentiegegevens bijgewerkt" in text

    out = StringIO()
    call_command("import_reference", "--path", str(small_dir), stdout=out)
    assert "al actueel, niets gewijzigd" in out.getvalue()


def test_command_uses_setting_by_default(small_dir: Path) -> None:
    with override_settings(KRING_REFERENCE_DIR=small_dir):
        call_command("import_reference", stdout=StringIO())
    assert SchoolLocation.objects.exists()


def test_command_reports_every_error_and_fails(small_dir: Path) -> None:
    (small_dir / "schoolvakanties_2024-2030.csv").unlink()
    swv = small_dir / "swv_regio_indeling_pc4_2015.csv"
    swv.write_text(swv.read_text().replace("\n1011,", "\n10X1,", 1))
    err = StringIO()

    with pytest.raises(CommandError, match="er is niets opgeslagen"):
        call_command("import_reference", "--path", str(small_dir), stdout=StringIO(), stderr=err)

    lines = err.getvalue().splitlines()
    assert "schoolvakanties_2024-2030.csv: bestand ontbreekt" in lines
    assert "swv_regio_indeling_pc4_2015.csv, regel 2: postcode '10X1' is geen geldige PC4" in lines
    assert not SchoolLocation.objects.exists()


def test_kring_cli_exits_with_status_1_without_traceback(
    small_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (small_dir / "cbs_gemeenten_2022_centroiden.csv").write_bytes(
        b"gemeente,inwoners,lat,lon\nS\xfadwest,1,,\n"
    )

    with pytest.raises(SystemExit) as exit_info:
        kring_main(["kring", "import", "reference", "--path", str(small_dir)])

    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert "cbs_gemeenten_2022_centroiden.csv, regel 2: bestand is geen geldige UTF-8" in captured.err
    assert "CommandError: Import afgebroken: 1 fout(en)" in captured.err
    assert "Traceback" not in captured.err


def test_command_rejects_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("import_reference", "--path", str(tmp_path / "nergens"), stdout=StringIO())
