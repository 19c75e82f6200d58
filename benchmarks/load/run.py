"""Kring's load test in one command: a copy of a database, `kring serve --production` on 127.0.0.1,
locust at 1, 16 and 50 users, and the plain SQL of the case list's rows in the same run.

    flock /tmp/kring-bench.lock env PYTHONPATH=$PWD .venv/bin/python benchmarks/load/run.py  # 2 min a level
    ... benchmarks/load/run.py --source kring_national --duration 30s --users 1 16
    ... benchmarks/load/run.py --reuse              # the copy of a previous run

Steps:

1. `createdb -T SOURCE kring_load` (the writes of the test go into the copy; SOURCE must have no
   other connections while it is copied), then ANALYZE. `--reuse` keeps an existing copy.
2. `kring migrate` in the copy (it may be older than the code), then benchmarks/load/prepare.py
   in the copy (production settings): fictional colleagues of the busiest gemeente's
   leerplichtambtenaar with logged-in sessions, the cases to open and write on, a parent.
3. `kring collectstatic`, then `kring serve --production 127.0.0.1:PORT` (gunicorn + the worker),
   with the production settings, SECURE_SSL_REDIRECT=false (plain HTTP on 127.0.0.1) and its
   access log in OUT/gunicorn.log.
4. Per level: `locust --headless -u N -r N --run-time DURATION --csv OUT/users_N`, after a warm-up
   of 10 s at that level that is not counted (`--reset-stats` is not used: the warm-up is a run of
   its own).
5. The plain SQL of the case list's first page (the rows the page shows, captured from the real
   view), run with psycopg directly RUNS times (median) before, between and after the levels.
6. OUT/summary.md: per level and per kind of page: requests, failures, median, p95, p99, requests
   per second; the SQL medians; `uptime` before and after. The load generator runs on the same
   machine as gunicorn and PostgreSQL and takes CPU from them.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


def sh(cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=True, text=True, **kwargs)  # noqa: S603 - our own commands


def locust(cmd: list[str], *, env: dict[str, str]) -> None:
    """One locust run; exit status 1 (some requests failed) is a result, anything else an error."""
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode not in (0, 1):
        raise subprocess.CalledProcessError(done.returncode, cmd, done.stdout, done.stderr)


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()  # noqa: S607


def copy_database(source: str, target: str, reuse: bool) -> None:
    import psycopg

    with psycopg.connect(ADMIN, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [target]).fetchone()
        if exists and reuse:
            print(f"reusing database {target}")
            return
        if exists:
            conn.execute(f'DROP DATABASE "{target}"')
        print(f"copying {source} to {target} ...", flush=True)
        started = time.perf_counter()
        conn.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
        print(f"  copied in {time.perf_counter() - started:.0f} s")
    with psycopg.connect(ADMIN.rsplit("/", 1)[0] + f"/{target}", autocommit=True) as conn:
        conn.execute("ANALYZE")


def plain_sql(url: str, statements: list[str], runs: int) -> list[float]:
    """Median milliseconds of each statement over `runs` runs, on one connection (as a worker has)."""
    import psycopg

    medians = []
    with psycopg.connect(url, autocommit=True) as conn:
        for sql in statements:
            timings = []
            for _ in range(runs):
                started = time.perf_counter()
                conn.execute(sql).fetchall()
                timings.append((time.perf_counter() - started) * 1000)
            medians.append(statistics.median(timings))
    return medians


def wait_for(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - 127.0.0.1
                if response.status < 500:
                    return
        except Exception:
            time.sleep(1)
    raise SystemExit(f"the server did not answer on {url}")


def read_stats(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--source", default="kring_national", help="the database to copy")
    parser.add_argument("--database", default="kring_load", help="the copy the test runs against")
    parser.add_argument("--reuse", action="store_true", help="use an existing copy as it is")
    parser.add_argument("--users", type=int, nargs="+", default=[1, 16, 50])
    parser.add_argument("--duration", default="2m", help="per level, locust's --run-time (30s, 2m)")
    parser.add_argument("--warmup", default="10s", help="an uncounted run before each level")
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: kring serve's)")
    parser.add_argument("--threads", type=int, help="threads per worker (default: kring serve's)")
    parser.add_argument("--sql-runs", type=int, default=50)
    parser.add_argument("--out", default=str(ROOT / "var" / "load"), help="CSV files and the summary")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    python = sys.executable
    url = ADMIN.rsplit("/", 1)[0] + f"/{args.database}"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "kring.settings.production",
        "DATABASE_URL": url,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(40),
        "KRING_FIELD_KEY": os.environ.get("KRING_FIELD_KEY") or "kring-load-test-field-key",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "KRING_STATIC_ROOT": str(out / "static"),
    }
    before = uptime()
    print(before)
    copy_database(args.source, args.database, args.reuse)
    # the copy may be older than the code under test: its schema first
    sh([python, "-m", "kring.cli", "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT)
    sh([python, "-m", "kring.cli", "collectstatic", "--noinput", "-v", "0"], env=env, cwd=ROOT)
    data_file = out / "data.json"
    sh([python, str(HERE / "prepare.py"), str(data_file), "50"], env=env, cwd=ROOT)
    data = json.loads(data_file.read_text())
    statements = data["case_list_sql"]
    serve = [python, "-m", "kring.cli", "serve", "--production", f"127.0.0.1:{args.port}"]
    if args.workers:
        serve += ["--workers", str(args.workers)]
    if args.threads:
        serve += ["--threads", str(args.threads)]
    log = (out / "gunicorn.log").open("w")
    server = subprocess.Popen(serve, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    host = f"http://127.0.0.1:{args.port}"
    sql_rounds: list[list[float]] = []
    try:
        wait_for(f"{host}/account/inloggen/")
        print("gunicorn is up:", " ".join(serve[2:]))
        sql_rounds.append(plain_sql(url, statements, args.sql_runs))
        locust_env = {**os.environ, "KRING_LOAD_DATA": str(data_file)}
        for users in args.users:
            base = [
                python, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless",
                "-u", str(users), "-r", str(users), "--host", host, "--only-summary",
            ]  # fmt: skip
            # locust exits 1 when a request failed; the failures are part of the measurement (CSV)
            locust([*base, "--run-time", args.warmup], env=locust_env)
            print(f"{users} users for {args.duration} ...", flush=True)
            locust([*base, "--run-time", args.duration, "--csv", str(out / f"users_{users}")], env=locust_env)
            sql_rounds.append(plain_sql(url, statements, args.sql_runs))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    after = uptime()
    lines = summary(args, data, sql_rounds, before, after, out)
    (out / "summary.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


def summary(
    args: argparse.Namespace,
    data: dict[str, Any],
    sql_rounds: list[list[float]],
    before: str,
    after: str,
    out: Path,
) -> list[str]:
    sql_rows = statistics.median(r[0] for r in sql_rounds)
    sql_count = statistics.median(r[1] for r in sql_rounds) if all(len(r) > 1 for r in sql_rounds) else None
    lines = [
        f"Database {args.database} (a copy of {args.source}); the leerplichtambtenaar's gemeente has "
        f"{data['open_cases_of_gemeente']:,} open cases. {args.duration} per level after a "
        f"{args.warmup} warm-up.",
        f"uptime before: {before}",
        f"uptime after:  {after}",
        "",
        "| users | page | requests | failures | median ms | p95 ms | p99 ms | req/s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for users in args.users:
        for row in read_stats(out / f"users_{users}_stats.csv"):
            lines.append(
                f"| {users} | {row['Name']} | {row['Request Count']} | {row['Failure Count']} | "
                f"{row['50%']} | {row['95%']} | {row['99%']} | {float(row['Requests/s']):.1f} |"
            )
    lines += [
        "",
        f"Plain SQL of the case list's rows (psycopg, median of {args.sql_runs} runs, per round "
        f"before/between/after the levels): {', '.join(f'{r[0]:.1f}' for r in sql_rounds)} ms; "
        f"median {sql_rows:.1f} ms.",
    ]
    if sql_count is not None:
        lines.append(
            f"Its count (the paginator's COUNT(*)): {', '.join(f'{r[1]:.1f}' for r in sql_rounds)} ms; "
            f"median {sql_count:.1f} ms."
        )
    return lines


if __name__ == "__main__":
    sys.exit(main())
