"""Reading an export: every problem names file, line, column and reason, and nothing comes through."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kring.attendance.models import ColumnMapping
from kring.attendance.reading import ReadFailed, read_attendance
from kring.privacy.crypto import bsn_lookup_hash

from .helpers_import import BSN_A, BSN_B, HEADER, csv_text, preset

TODAY = date(2026, 12, 3)
pytestmark = pytest.mark.django_db


@pytest.fixture
def standard() -> ColumnMapping:
    return preset("Kring-standaard")


def errors_of(text: str | bytes, mapping: ColumnMapping, **kwargs: Any) -> list[str]:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(ReadFailed) as failed:
        read_attendance(data, mapping=mapping, filename="nov.csv", today=TODAY, **kwargs)
    return [str(e) for e in failed.value.errors]


def test_a_good_file_becomes_the_frame_with_hashed_pupils(standard):
    text = csv_text(
        [(BSN_A, "Sam", "2015-03-04", "2026-11-02", "2,5", "Ziek"), (BSN_A, "Sam", "", "2026-11-03", 0, "")]
    )
    reading = read_attendance(text.encode(), mapping=standard, filename="nov.csv", today=TODAY)
    assert reading.frame.columns == ["pupil", "date", "hours", "reason"]
    assert reading.frame["pupil"].unique().to_list() == [bsn_lookup_hash(BSN_A)]
    assert BSN_A not in str(reading.frame.to_dicts())
    assert reading.frame["hours"].to_list() == [2.5, 0.0]
    assert reading.frame["reason"].to_list() == ["ziek", ""]
    assert (reading.period_start, reading.period_end, reading.rows) == (
        date(2026, 11, 2),
        date(2026, 11, 3),
        2,
    )
    assert reading.people[bsn_lookup_hash(BSN_A)] == ("Sam", date(2015, 3, 4))


def test_a_bad_date_names_line_and_column(standard):
    text = csv_text(
        [(BSN_A, "Sam", "", "2026-11-02", 1, "ziek"), (BSN_A, "Sam", "", "03-11-2026", 1, "ziek")]
    )
    assert errors_of(text, standard) == [
        "nov.csv, regel 3, kolom datum: Deze datum klopt niet. Schrijf de datum zo: 2026-11-03."
    ]


def test_dates_in_the_future_or_outside_the_period(standard):
    text = csv_text(
        [(BSN_A, "Sam", "", "2026-10-30", 1, "ziek"), (BSN_A, "Sam", "", "2026-12-07", 1, "ziek")]
    )
    errors = errors_of(text, standard, period=(date(2026, 11, 1), date(2026, 11, 30)))
    assert errors[0].startswith("nov.csv, regel 2, kolom datum: Deze datum valt buiten de periode")
    assert any(e.startswith("nov.csv, regel 3, kolom datum: Deze datum ligt in de toekomst") for e in errors)


def test_negative_or_too_many_hours(standard):
    text = csv_text(
        [(BSN_A, "Sam", "", "2026-11-02", -2, "ziek"), (BSN_B, "Lot", "", "2026-11-02", 25, "ziek")]
    )
    assert errors_of(text, standard) == [
        "nov.csv, regel 2, kolom uren: Het aantal uren kan niet kleiner zijn dan 0.",
        "nov.csv, regel 3, kolom uren: Meer dan 24 uur op één dag kan niet.",
    ]


def test_unknown_reason_word(standard):
    errors = errors_of(csv_text([(BSN_A, "Sam", "", "2026-11-02", 2, "spijbelen")]), standard)
    assert errors[0].startswith("nov.csv, regel 2, kolom reden: Deze reden kent Kring niet: “spijbelen”.")


def test_empty_or_invalid_bsn_is_an_error_without_repeating_the_number(standard):
    text = csv_text([("", "Sam", "", "2026-11-02", 0, ""), ("111222334", "Lot", "", "2026-11-02", 0, "")])
    errors = errors_of(text, standard)
    assert errors == [
        "nov.csv, regel 2, kolom bsn: Het BSN ontbreekt. Vul op elke regel het BSN van de leerling in.",
        "nov.csv, regel 3, kolom bsn: Dit is geen geldig BSN: een BSN heeft 9 cijfers en klopt met de "
        "elfproef.",
    ]
    assert not any("111222334" in e for e in errors)


def test_a_pupil_twice_on_one_day(standard):
    text = csv_text(
        [(BSN_A, "Sam", "", "2026-11-02", 1, "ziek"), (BSN_A, "Sam", "", "2026-11-02", 2, "ziek")]
    )
    (error,) = errors_of(text, standard)
    assert error.startswith(
        "nov.csv, regel 3, kolom datum: Deze leerling staat met dezelfde datum ook al op regel 2."
    )


def test_per_lesson_rows_of_a_day_are_summed():
    mapping = preset("Kring-standaard, een regel per lesuur")
    text = csv_text(
        [(BSN_A, "Sam", "", "2026-11-02", 1, "ziek"), (BSN_A, "Sam", "", "2026-11-02", 1, "ziek")]
    )
    reading = read_attendance(text.encode(), mapping=mapping, filename="nov.csv", today=TODAY)
    assert reading.frame["hours"].to_list() == [2.0]


def test_the_wrong_encoding_is_named(standard):
    data = (HEADER + "\n" + f"{BSN_A};Zoë;;2026-11-02;1;ziek\n").encode("cp1252")
    (error,) = errors_of(data, standard)
    assert error.startswith("nov.csv, regel 2: Kring kan dit bestand niet lezen als UTF-8")


def test_the_excel_mapping_reads_windows_text_and_dutch_dates():
    mapping = preset("Kring-standaard uit Excel (dd-mm-jjjj, Windows-tekens)")
    data = (HEADER + "\n" + f"{BSN_A};Zoë;04-03-2015;02-11-2026;1;Z\n").encode("cp1252")
    reading = read_attendance(data, mapping=mapping, filename="nov.csv", today=TODAY)
    assert reading.frame["reason"].to_list() == ["ziek"]
    assert reading.people[bsn_lookup_hash(BSN_A)][0] == "Zoë"


def test_a_missing_column_is_named(standard):
    (error,) = errors_of("bsn;datum;uren\n111222333;2026-11-02;1\n", standard)
    assert error == (
        "nov.csv, regel 1, kolom reden: De kolom reden ontbreekt in de eerste regel van het bestand. "
        "Kolommen in het bestand: bsn, datum, uren."
    )


def test_at_most_fifty_problems_are_listed(standard):
    text = csv_text([(BSN_A, "Sam", "", f"x{i}", 1, "ziek") for i in range(80)])
    with pytest.raises(ReadFailed) as failed:
        read_attendance(text.encode(), mapping=standard, filename="nov.csv", today=TODAY)
    assert len(failed.value.errors) == 50 and failed.value.total >= 50


def test_duplicates_are_named_beside_other_problems(standard: ColumnMapping) -> None:
    text = csv_text(
        [
            (BSN_A, "Sam", "", "2026-11-02", 1, "ziek"),
            (BSN_A, "Sam", "", "2026-11-02", 2, "ziek"),
            (BSN_B, "Lot", "", "2026-11-02", -1, "ziek"),
        ]
    )
    errors = errors_of(text, standard)
    assert [e.split(":")[0] for e in errors] == [
        "nov.csv, regel 3, kolom datum",
        "nov.csv, regel 4, kolom uren",
    ]
