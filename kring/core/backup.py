"""Back-up and restore of Kring's database: `kring backup FILE` and `kring restore FILE`.

- PostgreSQL: `pg_dump -Fc` and `pg_restore --clean --if-exists --no-owner --single-transaction`,
  the client tools from PATH, with the connection settings of Django's database (the password via
  PGPASSWORD). A client older than the server is refused: its dump could miss what the server has.
- SQLite (the embedded default): the sqlite3 backup API, page by page, on the live connection; so a
  back-up is consistent while Kring runs, and a restore replaces the whole database at once.

A restore first checks that FILE is a back-up of Kring for this kind of database (a SQLite file with
Django's migrations table, or a pg_dump archive with that table) and changes nothing when it is not.
The messages are for an administrator at the command line, in Dutch (B1).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
MIGRATIONS_TABLE = "django_migrations"
# A back-up holds every child's data: readable by its owner only.
PRIVATE = 0o600
# An app of Kring whose migrations every Kring database has applied (its logbook).
KRING_APP = "privacy"


class BackupError(Exception):
    """A back-up or restore that could not be done; the message says why, in Dutch."""


@dataclass(frozen=True)
class Summary:
    """What a back-up or restore did."""

    engine: str  # "PostgreSQL" or "SQLite"
    path: Path
    size: int  # bytes of FILE
    tables: int
    rows: int
    unapplied_migrations: int = 0

    def size_text(self) -> str:
        size = float(self.size)
        for unit in ("bytes", "kB", "MB", "GB"):
            if size < 1024 or unit == "GB":
                return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
            size /= 1024
        return f"{self.size} bytes"  # pragma: no cover


def _connection(using: str) -> BaseDatabaseWrapper:
    connection = connections[using]
    connection.ensure_connection()
    return connection


def _engine(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor == "postgresql":
        return "PostgreSQL"
    if connection.vendor == "sqlite":
        return "SQLite"
    raise BackupError(
        f"Back-up en herstel werken alleen met PostgreSQL en SQLite, niet met {connection.vendor}."
    )


def count_rows(connection: BaseDatabaseWrapper) -> tuple[int, int]:
    """The number of tables and the number of rows in them (all tables of the database)."""
    tables = connection.introspection.table_names()
    rows = 0
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows += cursor.fetchone()[0]
    return len(tables), rows


def _unapplied_migrations(connection: BaseDatabaseWrapper) -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _check_target(path: Path, *, force: bool) -> None:
    if path.is_dir():
        raise BackupError(f"{path} is een map. Geef de naam van een bestand op.")
    if path.exists() and not force:
        raise BackupError(
            f"Het bestand {path} bestaat al. Kies een andere naam, of gebruik --force om het te vervangen."
        )
    if not path.parent.is_dir():
        raise BackupError(f"De map {path.parent} bestaat niet. Maak die eerst, of kies een andere plek.")
    if not os.access(path.parent, os.W_OK):
        raise BackupError(f"Kring mag niet schrijven in de map {path.parent}. Kies een andere plek.")


def _partial(path: Path) -> Path:
    """Where a back-up is written before it gets its name: a failed back-up leaves no half file."""
    return path.with_name(f".{path.name}.deel")


def _read_head(path: Path) -> bytes:
    if not path.exists():
        raise BackupError(f"Het bestand {path} bestaat niet.")
    if path.is_dir():
        raise BackupError(f"{path} is een map, geen back-up.")
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise BackupError(f"Kring kan het bestand {path} niet lezen: {exc.strerror}.") from exc


def _kind_of(head: bytes) -> str:
    if head.startswith(SQLITE_MAGIC):
        return "SQLite"
    if head.startswith(PG_DUMP_MAGIC):
        return "PostgreSQL"
    return ""


def check_backup(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Refuse (BackupError) when FILE is not a back-up of Kring for this database. Changes nothing."""
    engine = _engine(_connection(using))
    kind = _kind_of(_read_head(path))
    if not kind:
        raise BackupError(f"{path} is geen back-up van Kring. Een back-up maak je met: kring backup BESTAND.")
    if kind != engine:
        raise BackupError(
            f"{path} is een back-up van een {kind}-database, maar deze Kring gebruikt {engine}. "
            f"Zet eerst een {kind}-database klaar (DATABASE_URL), of kies een andere back-up."
        )
    if engine == "SQLite":
        _check_sqlite_backup(path)
    else:
        _check_pg_backup(path)


# ---------------------------------------------------------------- SQLite


def _raw_sqlite(connection: BaseDatabaseWrapper) -> sqlite3.Connection:
    raw = connection.connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def _check_sqlite_backup(path: Path) -> None:
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as source:
            if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} is een beschadigd SQLite-bestand. Kies een andere back-up.")
            has_table = source.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
            ).fetchone()
            has_kring = (
                has_table
                and source.execute(
                    f"SELECT 1 FROM {MIGRATIONS_TABLE} WHERE app = ?",  # noqa: S608
                    [KRING_APP],
                ).fetchone()
            )
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            f"{path} is geen leesbaar SQLite-bestand ({exc}). Kies een andere back-up."
        ) from exc
    if not has_kring:
        raise BackupError(
            f"{path} is een SQLite-bestand, maar geen database van Kring. Er is niets veranderd."
        )


def _sqlite_backup(connection: BaseDatabaseWrapper, path: Path) -> None:
    raw = _raw_sqlite(connection)
    partial = _partial(path)
    partial.unlink(missing_ok=True)
    try:
        partial.touch(mode=PRIVATE)
        with closing(sqlite3.connect(partial)) as target:
            raw.backup(target)
            # One self-contained file, whatever the live database's journal mode (WAL).
            target.execute("PRAGMA journal_mode=DELETE")
        partial.chmod(PRIVATE)
        partial.replace(path)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"De back-up is mislukt: {exc}. Er is geen bestand gemaakt.") from exc


def _sqlite_restore(connection: BaseDatabaseWrapper, path: Path) -> None:
    raw = _raw_sqlite(connection)
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as source:
            source.backup(raw)
    except sqlite3.Error as exc:
        raise BackupError(f"Het herstel is mislukt: {exc}.") from exc


# ---------------------------------------------------------------- PostgreSQL


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"Het programma {name} is niet gevonden. Installeer de PostgreSQL-clientprogramma's "
            f"(op Debian: apt install postgresql-client) en probeer het opnieuw."
        )
    return found


def _major(version_text: str) -> int:
    """The major version in `pg_dump --version`'s answer: "pg_dump (PostgreSQL) 15.20 (Debian ...)"."""
    match = re.search(r"PostgreSQL\)\s*(\d+)", version_text) or re.search(r"(\d+)", version_text)
    if not match:
        raise BackupError(f"Kring kan de versie niet lezen uit: {version_text.strip()}")
    return int(match.group(1))


def _check_tool_version(connection: BaseDatabaseWrapper, tool: str) -> None:
    result = subprocess.run([tool, "--version"], capture_output=True, text=True, check=False)  # noqa: S603
    client = _major(result.stdout)
    server = int(getattr(connection, "pg_version", 0)) // 10000
    if server and client < server:
        name = Path(tool).name
        raise BackupError(
            f"{name} is versie {client}, de databaseserver is versie {server}. Een oudere {name} kan "
            f"deze database niet goed verwerken. Installeer de PostgreSQL-clientprogramma's van versie "
            f"{server} of nieuwer."
        )


def _pg_args(connection: BaseDatabaseWrapper) -> tuple[list[str], dict[str, str]]:
    settings: dict[str, Any] = connection.settings_dict
    args: list[str] = []
    if settings.get("HOST"):
        args += ["--host", str(settings["HOST"])]
    if settings.get("PORT"):
        args += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        args += ["--username", str(settings["USER"])]
    args += ["--dbname", str(settings["NAME"]), "--no-password"]
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str], failed: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    if result.returncode != 0:
        detail = result.stderr.strip() or result.stdout.strip()
        raise BackupError(f"{failed}\n{Path(command[0]).name} meldt: {detail}")
    return result


def _pg_list(path: Path) -> str:
    tool = _tool("pg_restore")
    return _run([tool, "--list", str(path)], dict(os.environ), f"{path} is geen leesbare back-up.").stdout


def _check_pg_backup(path: Path) -> None:
    listing = _pg_list(path)
    if not re.search(rf"\bTABLE\b.*\b{MIGRATIONS_TABLE}\b", listing):
        raise BackupError(f"{path} is een PostgreSQL-back-up, maar niet van Kring. Er is niets veranderd.")


def _pg_backup(connection: BaseDatabaseWrapper, path: Path) -> None:
    tool = _tool("pg_dump")
    _check_tool_version(connection, tool)
    args, env = _pg_args(connection)
    partial = _partial(path)
    partial.unlink(missing_ok=True)
    partial.touch(mode=PRIVATE)  # pg_dump writes into it and keeps the mode
    try:
        _run(
            [tool, "--format=custom", "--file", str(partial), *args],
            env,
            "De back-up is mislukt. Er is geen bestand gemaakt.",
        )
        partial.chmod(PRIVATE)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _pg_restore(connection: BaseDatabaseWrapper, path: Path) -> None:
    tool = _tool("pg_restore")
    _check_tool_version(connection, tool)
    args, env = _pg_args(connection)
    # Django's own connection holds no lock the restore waits for, and sees the new tables after.
    connection.close()
    _run(
        [tool, "--clean", "--if-exists", "--no-owner", "--single-transaction", *args, str(path)],
        env,
        "Het herstel is mislukt. De database is niet veranderd (alles of niets).",
    )


# ---------------------------------------------------------------- the two acts


def backup(path: Path, *, force: bool = False, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Write a back-up of the whole database to FILE (refused when FILE exists, unless `force`)."""
    connection = _connection(using)
    engine = _engine(connection)
    _check_target(path, force=force)
    if engine == "SQLite":
        _sqlite_backup(connection, path)
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as copy:
            names = [
                row[0]
                for row in copy.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            rows = sum(copy.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names)  # noqa: S608
        tables = len(names)
    else:
        _pg_backup(connection, path)
        tables, rows = count_rows(connection)
    return Summary(engine=engine, path=path, size=path.stat().st_size, tables=tables, rows=rows)


def restore(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Replace the database's contents with the back-up in FILE (checked first: see `check_backup`)."""
    check_backup(path, using=using)
    connection = _connection(using)
    if connection.in_atomic_block:
        raise BackupError("Herstellen kan niet midden in een transactie.")
    try:
        if connection.vendor == "sqlite":
            _sqlite_restore(connection, path)
        else:
            _pg_restore(connection, path)
    finally:
        connection.ensure_connection()
    tables, rows = count_rows(connection)
    return Summary(
        engine=_engine(connection),
        path=path,
        size=path.stat().st_size,
        tables=tables,
        rows=rows,
        unapplied_migrations=_unapplied_migrations(connection),
    )
