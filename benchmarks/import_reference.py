"""Benchmark: import the whole country's reference data into a fresh database, twice.

    .venv/bin/python benchmarks/import_reference.py                # SQLite file in a temp dir
    .venv/bin/python benchmarks/import_reference.py --postgres     # also PostgreSQL (a scratch database)
    .venv/bin/python benchmarks/import_reference.py --path DIR     # other data directory

Each database gets its own child process (so each has its own DATABASE_URL). Migrations are applied
first and are not timed; then the import runs twice: the first run creates everything, the second
must change nothing. Timings include reading and validating all files.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "kring_bench_reference"


def run_child(database_url: str, data: Path) -> None:
    """In a child process: migrate, then import twice and print the timings."""
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "kring.settings.test"}
    code = f"""
import time, django
django.setup()
from pathlib import Path
from django.core.management import call_command
call_command("migrate", verbosity=0)
from kring.reference.services import import_reference
for run in (1, 2):
    started = time.perf_counter()
    report = import_reference(directory=Path({str(data)!r}))
    seconds = time.perf_counter() - started
    print(f"  run {{run}}: {{seconds:6.2f}} s  created={{report.created}} updated={{report.updated}}")
"""
    # Our own code string and interpreter: no untrusted input.
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True)  # noqa: S603


def postgres_url() -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
        conn.execute(f"CREATE DATABASE {PG_BENCH_DB}")
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_BENCH_DB}"


def drop_postgres() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--postgres", action="store_true", help="also run against PostgreSQL on 127.0.0.1:5432"
    )
    parser.add_argument(
        "--path", type=Path, default=ROOT / "kring" / "reference" / "data", help="data directory"
    )
    args = parser.parse_args()
    print(f"Data: {args.path}  Python {sys.version.split()[0]}  CPUs: {os.cpu_count()}")
    with tempfile.TemporaryDirectory() as tmp:
        print("SQLite (file in a temp dir):")
        started = time.perf_counter()
        run_child(f"sqlite:///{tmp}/bench.sqlite3", args.path)
        print(f"  total incl. migrate: {time.perf_counter() - started:.1f} s")
    if args.postgres:
        print(f"PostgreSQL (database {PG_BENCH_DB}):")
        started = time.perf_counter()
        try:
            run_child(postgres_url(), args.path)
        finally:
            drop_postgres()
        print(f"  total incl. migrate: {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
