"""Bad input: every problem is reported with file, line and reason, and nothing is written.

Each case starts from a database that already holds an earlier import, mutates a copy of the
small data set, and checks that the tables are exactly as they were (row counts and checksums).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kring.reference.services import ReferenceImportFailed, import_reference

from .conftest import database_state

pytestmark = pytest.mark.django_db

SWV = "swv_regio_indeling_pc4_2015.csv"
HOLIDAYS = "schoolvakanties_2024-2030.csv"
DUO = "duo_po_schoolvestigingen_basisonderwijs.csv"
PUPILS = "duo_leerlingen_per_po_so_vestiging_1996_2025.csv"
GEO = "scholen_nl_geocoded_2024-11.geojson"
GEMEENTEN = "cbs_gemeenten_2022_centroiden.csv"
PC4 = "cbs_pc4_gebieden_centroiden.csv"


def _edit_line(directory: Path, name: str, line: int, edit: Callable[[str], str]) -> None:
    path = directory / name
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = edit(lines[line - 1])
    path.write_text("\n".join(lines), encoding="utf-8")


def bad_pc4(d: Path) -> None:
    _edit_line(d, SWV, 17, lambda line: "12A4" + line[4:])


def bad_date(d: Path) -> None:
    _edit_line(d, HOLIDAYS, 5, lambda line: line.replace(",2024-12-21,", ",2024-13-45,"))


def end_before_start(d: Path) -> None:
    _edit_line(d, HOLIDAYS, 2, lambda line: line.replace("2024-11-03", "2024-10-01"))


def missing_column(d: Path) -> None:
    _edit_line(d, DUO, 1, lambda line: line.replace(";POSTCODE;", ";PC;"))


def truncated_geojson(d: Path) -> None:
    path = d / GEO
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")


def invalid_feature(d: Path) -> None:
    path = d / GEO
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][2]["geometry"] = None
    path.write_text(json.dumps(data), encoding="utf-8")


def not_utf8(d: Path) -> None:
    path = d / GEMEENTEN
    latin1 = "Súdwest-Fryslân,1,1,1,1,53.0,5.5\n".encode("latin-1")
    path.write_bytes(path.read_bytes() + latin1)


def missing_file(d: Path) -> None:
    (d / HOLIDAYS).unlink()


def bad_pupil_count(d: Path) -> None:
    _edit_line(d, PUPILS, 3, lambda line: line.rsplit(";", 1)[0] + ";veel")


def bad_coordinate(d: Path) -> None:
    _edit_line(d, PC4, 4, lambda line: ",".join([*line.split(",")[:-2], "12.5", "4.9"]))


def wrong_column_count(d: Path) -> None:
    _edit_line(d, SWV, 9, lambda line: line + ",extra")


CASES = [
    (bad_pc4, f"{SWV}, regel 17: postcode '12A4' is geen geldige PC4"),
    (bad_date, f"{HOLIDAYS}, regel 5: startdatum '2024-13-45' is geen geldige datum (JJJJ-MM-DD)"),
    (end_before_start, f"{HOLIDAYS}, regel 2: einddatum 2024-10-01 ligt voor startdatum 2024-10-26"),
    (missing_column, f"{DUO}, regel 1: kolom 'POSTCODE' ontbreekt"),
    (truncated_geojson, f"{GEO}, regel "),
    (invalid_feature, f"{GEO}, feature 3: geometrie is geen Point"),
    (not_utf8, f"{GEMEENTEN}, regel 43: bestand is geen geldige UTF-8 (byte 0xfa)"),
    (missing_file, f"{HOLIDAYS}: bestand ontbreekt"),
    (bad_pupil_count, f"{PUPILS}, regel 3: LEERLINGEN_2025 'veel' is geen aantal (getal of <5)"),
    (bad_coordinate, f"{PC4}, regel 4: coördinaat (12.5, 4.9) ligt niet in Nederland"),
    (wrong_column_count, f"{SWV}, regel 9: verwacht 4 kolommen, gevonden 5"),
]


@pytest.mark.parametrize(("mutate", "expected"), CASES, ids=[c[0].__name__ for c in CASES])
def test_bad_input_is_reported_and_writes_nothing(
    small_dir: Path, mutate: Callable[[Path], None], expected: str
) -> None:
    import_reference(directory=small_dir)  # an earlier, good import
    before = database_state()
    mutate(small_dir)

    with pytest.raises(ReferenceImportFailed) as failed:
        import_reference(directory=small_dir)

    messages = [str(e) for e in failed.value.errors]
    assert any(m.startswith(expected) for m in messages), messages
    assert database_state() == before


def test_truncated_geojson_names_the_problem(small_dir: Path) -> None:
    truncated_geojson(small_dir)
    with pytest.raises(ReferenceImportFailed) as failed:
        import_reference(directory=small_dir)
    [error] = failed.value.errors
    assert error.file == GEO
    assert error.line is not None and error.line > 1
    assert "ongeldige JSON" in error.reason


def test_every_problem_in_every_file_is_collected(small_dir: Path) -> None:
    bad_pc4(small_dir)
    bad_date(small_dir)
    missing_file(small_dir)  # the holiday file: its bad date is gone with it
    invalid_feature(small_dir)
    wrong_column_count(small_dir)

    with pytest.raises(ReferenceImportFailed) as failed:
        import_reference(directory=small_dir)

    found = {(e.file, e.line) for e in failed.value.errors}
    assert found == {(SWV, 17), (SWV, 9), (HOLIDAYS, None), (GEO, 3)}
    assert "4 fout(en)" in str(failed.value)


def test_known_peculiarities_are_not_errors(small_dir: Path) -> None:
    # '<5' pupils, a feature without leerlingen, a PC4 without gemeente, a 2015 gemeente name.
    _edit_line(small_dir, PUPILS, 2, lambda line: line.rsplit(";", 1)[0] + ";<5")
    path = small_dir / GEO
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][0]["properties"]["leerlingen"] = None
    path.write_text(json.dumps(data), encoding="utf-8")
    with (small_dir / PC4).open("a", encoding="utf-8") as fh:
        fh.write("1099,,,,,,,,,,,,,\n")
    with (small_dir / SWV).open("a", encoding="utf-8") as fh:
        fh.write("1399,Muiden,PO2707,VO2708\n")

    report = import_reference(directory=small_dir)

    assert report.created > 0
    from kring.organisations.models import Gemeente
    from kring.reference.models import PostcodeArea

    muiden = Gemeente.objects.select_related("organisation").get(name="Muiden")
    assert muiden.organisation.active is False  # a 2015 name: kept, marked not current
    assert PostcodeArea.objects.get(pc4="1399").gemeente == muiden
    assert PostcodeArea.objects.get(pc4="1099").gemeente is None
    assert any("'<5'" in note for note in report.notes)
