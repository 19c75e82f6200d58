"""The embedded default, SQLite in a file, serves parallel writes: they wait for each other instead of
failing with "database is locked" (WAL, a busy timeout and immediate transactions; settings/base.py).
Before: 9 of 16 parallel requests failed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

from .parallel import run_on_file_sqlite


def test_the_sqlite_default_has_wal_a_busy_timeout_and_immediate_transactions() -> None:
    options: dict[str, Any] = settings.SQLITE_OPTIONS
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5


def test_sixteen_parallel_writes_on_a_file_sqlite_database_all_succeed(tmp_path: Path) -> None:
    assert run_on_file_sqlite(tmp_path, "agreements", "16") == [201] * 16
