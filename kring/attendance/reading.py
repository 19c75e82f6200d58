"""Read an attendance export with a `ColumnMapping` into the detection frame, or name every problem.

`read_attendance(data, mapping=..., filename=..., today=...)` returns a `Reading`: the Polars frame
the detection core takes (pupil, date, hours, reason), the name and birth date the file gives per
pupil (kept in memory only, for the signals of pupils who are not yet a child in Kring), and the
period. The BSN is replaced by its keyed hash (`kring.privacy.crypto.bsn_lookup_hash`, the same as
`Child.bsn_hash`) right after reading; it is never stored and never named in a message.

Any problem raises `ReadFailed` with up to `MAX_ERRORS` `RowError`s, each naming the file, the
line (the header is line 1), the column (as the file calls it) and the reason in B1 Dutch. Then
nothing is imported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import polars as pl
from django.utils.translation import gettext as _

from kring.privacy.crypto import bsn_lookup_hash, is_valid_bsn, normalize_bsn
from kring.rules.kalender import format_date_nl

from .models import ColumnMapping, Reason

__all__ = ["COLUMNS", "MAX_ERRORS", "REQUIRED", "ReadFailed", "Reading", "RowError", "read_attendance"]

MAX_ERRORS = 50

# Kring's columns, in the order of Kring's own format.
COLUMNS = ("pupil", "name", "birth_date", "date", "hours", "reason")
REQUIRED = ("pupil", "date", "hours", "reason")
# The words Kring itself understands, besides the mapping's own.
_OWN_WORDS = {r.value: r.value for r in Reason} | {"te laat": Reason.TE_LAAT.value}
_LABEL = {
    "pupil": "BSN",
    "name": "naam",
    "birth_date": "geboortedatum",
    "date": "datum",
    "hours": "uren",
    "reason": "reden",
}


@dataclass(frozen=True, slots=True)
class RowError:
    file: str
    line: int  # 0: about the whole file
    column: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "column": self.column, "message": self.message}

    def __str__(self) -> str:
        where = [self.file]
        if self.line:
            where.append(_("regel %(n)s") % {"n": self.line})
        if self.column:
            where.append(_("kolom %(k)s") % {"k": self.column})
        return f"{', '.join(where)}: {self.message}"


class ReadFailed(Exception):
    """The file cannot be imported; `errors` names each problem (at most MAX_ERRORS), `total` counts them."""

    def __init__(self, errors: Sequence[RowError], *, total: int | None = None) -> None:
        self.errors = list(errors)
        self.total = len(self.errors) if total is None else total
        super().__init__(
            _("Het bestand is niet ingelezen: %(n)s probleem/problemen gevonden.") % {"n": self.total}
        )


@dataclass(frozen=True)
class Reading:
    frame: pl.DataFrame  # pupil (hash), date, hours, reason: one row per pupil, day and reason
    people: Mapping[str, tuple[str, date | None]]  # pupil hash -> (name, birth date) from the file
    rows: int  # data rows in the file
    period_start: date
    period_end: date
    school_days: int = 0
    notes: list[str] = field(default_factory=list)


def _date_example(fmt: str) -> str:
    return date(2026, 11, 3).strftime(fmt)


class _Errors:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.items: list[RowError] = []

    def add(self, line: int, column: str, message: str) -> None:
        self.items.append(RowError(self.filename, line, column, message))

    def add_rows(self, lines: pl.Series, column: str, message: str) -> None:
        for line in lines.head(MAX_ERRORS).to_list():
            self.add(int(line), column, message)

    def fail(self) -> None:
        if self.items:
            ordered = sorted(self.items, key=lambda e: (e.line, e.column))
            raise ReadFailed(ordered[:MAX_ERRORS], total=len(ordered))


def _decode(data: bytes, encoding: str, errors: _Errors) -> str:
    try:
        text = data.decode(encoding)
    except LookupError:
        errors.add(0, "", _("De tekenset %(t)s van de kolomindeling bestaat niet.") % {"t": encoding})
        errors.fail()
        raise AssertionError from None  # unreachable: fail() raised
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        errors.add(
            line,
            "",
            _(
                "Kring kan dit bestand niet lezen als %(t)s: er staan tekens in die niet kloppen. "
                "Sla het bestand op als CSV UTF-8, of kies een kolomindeling met de tekenset van het bestand."
            )
            % {"t": encoding.upper()},
        )
        errors.fail()
        raise AssertionError from None
    return text.removeprefix("\ufeff")


def _headers(mapping: ColumnMapping) -> dict[str, str]:
    """Kring's column -> the file's header, from the mapping (Kring's own names by default)."""
    given = {k: str(v).strip() for k, v in (mapping.columns or {}).items() if str(v).strip()}
    return {key: given.get(key, "") for key in COLUMNS}


def read_attendance(
    data: bytes,
    *,
    mapping: ColumnMapping,
    filename: str,
    today: date,
    period: tuple[date, date] | None = None,
) -> Reading:
    """Read and check the whole file; raises ReadFailed (nothing imported) or returns the frame."""
    errors = _Errors(filename)
    text = _decode(data, mapping.encoding or "utf-8", errors)
    if not text.strip():
        errors.add(0, "", _("Het bestand is leeg."))
        errors.fail()
    try:
        raw = pl.read_csv(
            text.encode("utf-8"),
            separator=mapping.delimiter or ";",
            infer_schema=False,
            truncate_ragged_lines=False,
        )
    except (pl.exceptions.PolarsError, ValueError) as exc:
        errors.add(
            0,
            "",
            _(
                "Kring kan de regels van dit bestand niet uit elkaar halen. Klopt het scheidingsteken "
                "(%(s)s)? Heeft elke regel evenveel kolommen? (%(fout)s)"
            )
            % {"s": mapping.delimiter, "fout": str(exc).splitlines()[0][:120]},
        )
        errors.fail()
        raise AssertionError from None

    by_lower = {str(c).strip().lower(): c for c in raw.columns}
    headers = _headers(mapping)
    present: dict[str, str] = {}
    for key, header in headers.items():
        name = header or _LABEL[key]
        if name.lower() in by_lower:
            present[key] = by_lower[name.lower()]
        elif key in REQUIRED:
            errors.add(
                1,
                name,
                _(
                    "De kolom %(k)s ontbreekt in de eerste regel van het bestand. "
                    "Kolommen in het bestand: %(lijst)s."
                )
                % {"k": name, "lijst": ", ".join(raw.columns) or "-"},
            )
    errors.fail()

    n = raw.height
    if n == 0:
        errors.add(0, "", _("Het bestand heeft geen regels met gegevens, alleen de eerste regel."))
        errors.fail()
    col = {key: present[key] for key in present}
    frame = raw.select(
        [pl.col(col[k]).cast(pl.Utf8).fill_null("").str.strip_chars().alias(k) for k in col]
    ).with_columns(line=pl.int_range(2, n + 2, dtype=pl.Int64))

    frame = _normalised_pupils(frame)
    _check_pupils(frame, col["pupil"], errors)
    frame = _check_dates(frame, col, mapping, today, period, errors)
    frame = _check_hours(frame, col["hours"], errors)
    frame = _check_reasons(frame, col["reason"], mapping, errors)

    if not mapping.per_lesson:  # checked with the others, on the rows whose pupil and date are readable
        readable = frame.filter((pl.col("pupil") != "") & pl.col("date").is_not_null())
        dupes = readable.with_columns(first=pl.col("line").min().over("pupil", "date")).filter(
            pl.col("line") != pl.col("first")
        )
        for line, first in dupes.select("line", "first").head(MAX_ERRORS).iter_rows():
            errors.add(
                int(line),
                col["date"],
                _(
                    "Deze leerling staat met dezelfde datum ook al op regel %(eerste)s. Zet elke leerling "
                    "één keer per schooldag in het bestand, of kies een kolomindeling met een regel "
                    "per lesuur."
                )
                % {"eerste": first},
            )
    errors.fail()

    day_totals = frame.group_by("pupil", "date").agg(pl.col("hours").sum(), pl.col("line").min())
    for line in day_totals.filter(pl.col("hours") > 24).sort("line")["line"].head(MAX_ERRORS).to_list():
        errors.add(
            int(line), col["hours"], _("Samen zijn de uren van deze leerling op deze dag meer dan 24.")
        )
    errors.fail()

    # The BSN is replaced by its keyed hash here; nothing after this line sees it.
    unique = frame["pupil"].unique().to_list()
    hashes = {bsn: bsn_lookup_hash(bsn) for bsn in unique}
    frame = frame.with_columns(pl.col("pupil").replace_strict(hashes, return_dtype=pl.Utf8))

    people: dict[str, tuple[str, date | None]] = {}
    if "name" in frame.columns or "birth_date" in frame.columns:
        info_cols = [c for c in ("name", "birth_date") if c in frame.columns]
        for row in frame.select("pupil", *info_cols).unique("pupil", keep="first").iter_rows(named=True):
            people[row["pupil"]] = (row.get("name") or "", row.get("birth_date"))

    result = (
        frame.group_by("pupil", "date", "reason")
        .agg(pl.col("hours").sum())
        .select(
            pl.col("pupil"),
            pl.col("date"),
            pl.col("hours").cast(pl.Float64),
            pl.col("reason"),
        )
        .sort("pupil", "date", "reason")
    )
    start = period[0] if period else result["date"].min()
    end = period[1] if period else result["date"].max()
    assert isinstance(start, date) and isinstance(end, date)
    return Reading(
        frame=result,
        people=people,
        rows=n,
        period_start=start,
        period_end=end,
        school_days=result["date"].n_unique(),
    )


def _check_pupils(frame: pl.DataFrame, column: str, errors: _Errors) -> None:
    empty = frame.filter(pl.col("pupil") == "")["line"]
    errors.add_rows(empty, column, _("Het BSN ontbreekt. Vul op elke regel het BSN van de leerling in."))
    values = frame["pupil"].unique().to_list()
    invalid = {v for v in values if v and not is_valid_bsn(v)}
    if invalid:
        lines = frame.filter(pl.col("pupil").is_in(list(invalid)))["line"]
        errors.add_rows(
            lines,
            column,
            _("Dit is geen geldig BSN: een BSN heeft 9 cijfers en klopt met de elfproef."),
        )


def _normalised_pupils(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        pl.col("pupil").map_elements(normalize_bsn, return_dtype=pl.Utf8, skip_nulls=True)
    )


def _check_dates(
    frame: pl.DataFrame,
    col: Mapping[str, str],
    mapping: ColumnMapping,
    today: date,
    period: tuple[date, date] | None,
    errors: _Errors,
) -> pl.DataFrame:
    fmt = mapping.date_format or "%Y-%m-%d"
    example = _date_example(fmt)
    frame = frame.with_columns(parsed=pl.col("date").str.strptime(pl.Date, fmt, strict=False))
    errors.add_rows(frame.filter(pl.col("date") == "")["line"], col["date"], _("De datum ontbreekt."))
    errors.add_rows(
        frame.filter((pl.col("date") != "") & pl.col("parsed").is_null())["line"],
        col["date"],
        _("Deze datum klopt niet. Schrijf de datum zo: %(voorbeeld)s.") % {"voorbeeld": example},
    )
    errors.add_rows(
        frame.filter(pl.col("parsed") > today)["line"],
        col["date"],
        _("Deze datum ligt in de toekomst. Zet alleen dagen in het bestand die al voorbij zijn."),
    )
    if period is not None:
        errors.add_rows(
            frame.filter((pl.col("parsed") < period[0]) | (pl.col("parsed") > period[1]))["line"],
            col["date"],
            _("Deze datum valt buiten de periode van de import (%(van)s tot en met %(tot)s).")
            % {"van": format_date_nl(period[0]), "tot": format_date_nl(period[1])},
        )
    if "birth_date" in frame.columns:
        frame = frame.with_columns(birth_parsed=pl.col("birth_date").str.strptime(pl.Date, fmt, strict=False))
        errors.add_rows(
            frame.filter((pl.col("birth_date") != "") & pl.col("birth_parsed").is_null())["line"],
            col["birth_date"],
            _("Deze geboortedatum klopt niet. Schrijf de datum zo: %(voorbeeld)s.") % {"voorbeeld": example},
        )
        frame = frame.drop("birth_date").rename({"birth_parsed": "birth_date"})
    return frame.drop("date").rename({"parsed": "date"})


def _check_hours(frame: pl.DataFrame, column: str, errors: _Errors) -> pl.DataFrame:
    frame = frame.with_columns(
        parsed=pl.col("hours").str.replace(",", ".", literal=True).cast(pl.Float64, strict=False)
    )
    errors.add_rows(
        frame.filter(pl.col("hours") == "")["line"],
        column,
        _("Het aantal uren ontbreekt. Vul 0 in als de leerling er de hele dag was."),
    )
    errors.add_rows(
        frame.filter((pl.col("hours") != "") & pl.col("parsed").is_null())["line"],
        column,
        _("Dit is geen aantal uren. Schrijf een getal, bijvoorbeeld 2,5."),
    )
    errors.add_rows(
        frame.filter(pl.col("parsed") < 0)["line"], column, _("Het aantal uren kan niet kleiner zijn dan 0.")
    )
    errors.add_rows(
        frame.filter(pl.col("parsed") > 24)["line"], column, _("Meer dan 24 uur op één dag kan niet.")
    )
    return frame.drop("hours").rename({"parsed": "hours"})


def _check_reasons(frame: pl.DataFrame, column: str, mapping: ColumnMapping, errors: _Errors) -> pl.DataFrame:
    words = {str(k).strip().lower(): str(v) for k, v in _OWN_WORDS.items()}
    words |= {str(k).strip().lower(): str(v) for k, v in (mapping.reasons or {}).items()}
    known = [w for w, v in words.items() if v in Reason.values]
    frame = frame.with_columns(
        word=pl.col("reason").str.to_lowercase(),
    ).with_columns(
        mapped=pl.col("word").replace_strict({w: words[w] for w in known}, default=None, return_dtype=pl.Utf8)
    )
    absent = pl.col("hours") > 0
    errors.add_rows(
        frame.filter(absent & (pl.col("word") == ""))["line"],
        column,
        _("De reden ontbreekt. Bij uren afwezig hoort een reden: %(lijst)s.") % {"lijst": _reason_list()},
    )
    unknown = frame.filter(absent & (pl.col("word") != "") & pl.col("mapped").is_null())
    for line, word in unknown.select("line", "reason").head(MAX_ERRORS).iter_rows():
        errors.add(
            int(line),
            column,
            _("Deze reden kent Kring niet: “%(woord)s”. Gebruik een van deze: %(lijst)s.")
            % {"woord": word[:40], "lijst": _reason_list()},
        )
    # When the pupil was there the whole day, the reason does not matter.
    return frame.with_columns(reason=pl.when(absent).then(pl.col("mapped")).otherwise(pl.lit(""))).drop(
        "word", "mapped"
    )


def _reason_list() -> str:
    return ", ".join(r.value for r in Reason)
