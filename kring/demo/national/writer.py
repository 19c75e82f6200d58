"""The COPY writer: rows as COPY text lines into PostgreSQL, in large batches, with a progress bar.

`value` formats one value in COPY's text format (NULL as \\N, booleans as t/f, dates ISO, text
escaped). Tables whose rows are many and simple (the audit log) build their lines themselves.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TextIO

from django.db import connection

BATCH_BYTES = 4 * 1024 * 1024
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def text(value: str) -> str:
    """A text value for COPY (escape only when needed: most generated texts have nothing to escape)."""
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.translate(_ESCAPES)
    return value


def value(v: Any) -> str:
    if v is None:
        return "\\N"
    if v is True:
        return "t"
    if v is False:
        return "f"
    if isinstance(v, str):
        return text(v)
    if isinstance(v, datetime | date):
        return v.isoformat()
    if isinstance(v, dict | list):
        return text(json.dumps(v, ensure_ascii=False, separators=(",", ":")))
    if isinstance(v, bytes):
        return "\\\\x" + v.hex()
    return str(v)


def line(*values: Any) -> str:
    return "\t".join(map(value, values))


class Progress:
    """`[#####.....]  42%  table  n/total` on stderr, redrawn at most a few times a second."""

    def __init__(self, label: str, total: int, stream: TextIO | None = None) -> None:
        self.label = label
        self.total = max(total, 1)
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.perf_counter()
        self._last = 0.0

    def update(self, done: int, *, force: bool = False) -> None:
        now = time.perf_counter()
        if not force and now - self._last < 0.25:
            return
        self._last = now
        width = 30
        filled = width * min(done, self.total) // self.total
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {100 * min(done, self.total) // self.total:3d}%"
            f"  {self.label:<34} {done:>11,}/{self.total:,}"
        )
        self.stream.flush()

    def finish(self, done: int) -> float:
        self.update(done, force=True)
        seconds = time.perf_counter() - self.started
        self.stream.write(f"  {seconds:6.1f} s\n")
        self.stream.flush()
        return seconds


@dataclass
class TableResult:
    table: str
    rows: int
    seconds: float


def copy_lines(
    table: str,
    columns: Sequence[str],
    lines: Iterable[str],
    *,
    total: int,
    label: str = "",
    stream: TextIO | None = None,
) -> TableResult:
    """COPY `lines` (text format, without the newline) into `table`; `total` is for the progress bar."""
    progress = Progress(label or table, total, stream)
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    done = 0
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        buffer: list[str] = []
        size = 0
        for item in lines:
            buffer.append(item)
            size += len(item) + 1
            done += 1
            if size >= BATCH_BYTES:
                buffer.append("")
                copy.write("\n".join(buffer))
                buffer.clear()
                size = 0
                progress.update(done)
        if buffer:
            buffer.append("")
            copy.write("\n".join(buffer))
    return TableResult(table, done, progress.finish(done))


def set_sequences(tables: Iterable[str]) -> None:
    """Each table's id sequence after its highest id (as if the rows had been inserted one by one)."""
    with connection.cursor() as cursor:
        for table in tables:
            # `table` is one of the model tables' own names.
            highest = f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1"  # noqa: S608
            cursor.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), {highest}, false)", [table])


def secondary_indexes(table: str) -> list[tuple[str, str]]:
    """The table's non-unique indexes that back no constraint: (name, CREATE INDEX statement)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.relname, pg_get_indexdef(x.indexrelid)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relname = %s AND NOT x.indisunique AND NOT x.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
            ORDER BY i.relname
            """,
            [table],
        )
        return list(cursor.fetchall())


def without_indexes(
    table: str, load: Callable[[], TableResult], *, stream: TextIO | None = None
) -> TableResult:
    """Drop the table's secondary indexes, load, and create them again (in the same transaction)."""
    indexes = secondary_indexes(table)
    with connection.cursor() as cursor:
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    result = load()
    started = time.perf_counter()
    out = stream if stream is not None else sys.stderr
    with connection.cursor() as cursor:
        for name, definition in indexes:
            out.write(f"\r  index {name} ...")
            out.flush()
            cursor.execute(definition)
    seconds = time.perf_counter() - started
    if indexes:
        out.write(f"\r  {len(indexes)} indexes of {table} rebuilt in {seconds:.1f} s{' ' * 30}\n")
    return TableResult(table, result.rows, result.seconds + seconds)


def can_skip_row_checks() -> bool:
    """Superusers may set `session_replication_role`; others get the per-row checks."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
        return bool(row and row[0])


def foreign_keys(tables: Iterable[str]) -> list[tuple[str, str, str, str]]:
    """(table, column, referenced table, referenced column) of every one-column foreign key of `tables`."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, af.attname
            FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
            WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.conrelid::regclass::text = ANY(%s)
            ORDER BY 1, 2
            """,
            [list(tables)],
        )
        return list(cursor.fetchall())


def dangling_references(tables: Iterable[str]) -> list[str]:
    """Every foreign key of `tables` checked at once (an anti-join per key, instead of a trigger per
    row during the load): 'table.column -> other' for each key with a row that points nowhere."""
    problems = []
    with connection.cursor() as cursor:
        for table, column, ref_table, ref_column in foreign_keys(tables):
            # Names from the catalogue, not from input.
            cursor.execute(
                f'SELECT EXISTS (SELECT 1 FROM {table} t WHERE t."{column}" IS NOT NULL AND NOT EXISTS '  # noqa: S608
                f'(SELECT 1 FROM {ref_table} r WHERE r."{ref_column}" = t."{column}"))'
            )
            row = cursor.fetchone()
            if row and row[0]:
                problems.append(f"{table}.{column} -> {ref_table}")
    return problems
