"""Benchmark: the attendance signals of one school year, from Kring's CSV, beside a plain DuckDB aggregation.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/attendance/run.py
    PYTHONPATH=$PWD .venv/bin/python benchmarks/attendance/run.py --scales 10000,40000 --repeat 3
    PYTHONPATH=$PWD .venv/bin/python benchmarks/attendance/run.py --dir /tmp/att --keep   # reuse the CSVs

Per scale (number of pupils) it writes a synthetic school year (`generate.py`; untimed) and then, each
in a fresh child process so their peak memory does not mix, on the same file:

- `signals`: read the CSV with Polars (the columns bsn, datum, uren, reden), key every pupil by an
  HMAC-SHA256 of the BSN (the construction of `kring.privacy.crypto.bsn_lookup_hash`, with a fixed
  benchmark key), build the frame `detect` takes (pupil, date, hours, reason) and call
  `kring.attendance.detection.detect(...)` for the whole file (the region's calendar from
  `kring.rules.default_calendar()`, default `DetectionSettings`, `as_of` the year's last school day);
- `duckdb`: `SELECT bsn, SUM(uren) FROM read_csv(...) GROUP BY bsn` into a temporary table.

Reported: the seconds of each phase, end to end from the CSV, pupil-days per second (pupils x school
days / end to end), the peak resident memory of each child (`ru_maxrss`), the ratios to DuckDB and
the number of findings per kind. No Django, no database. Tests never run this.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # after PYTHONPATH, so PYTHONPATH=<another tree> measures that tree

BENCH_KEY = b"kring-attendance-benchmark-key-not-a-secret"
FULL_ROWS_UP_TO = 100_000  # --rows auto: one row per pupil per school day up to this many pupils

TARGETS = """\
targets (issue 12): 40,000 pupils < 10 s end to end from CSV; 1,000,000 pupils < 120 s within 8 GiB;
the signal computation within 3x the plain aggregation"""


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def measure_signals(path: Path, regio: str, year: int, profile: bool) -> dict[str, Any]:
    import hmac

    import polars as pl

    from kring.rules import default_calendar

    calendar = default_calendar()
    days = calendar.school_day_list(date(year, 8, 1), date(year + 1, 7, 31), regio)
    as_of = days[-1]
    try:
        from kring.attendance.detection import DetectionSettings, detect
    except ImportError as exc:
        print(f"no detect ({exc}): measuring reading and keying only", file=sys.stderr)
        detect = None
    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    raw = pl.read_csv(
        path,
        separator=";",
        columns=["bsn", "datum", "uren", "reden"],
        schema_overrides={"bsn": pl.Utf8, "datum": pl.Date, "uren": pl.Float64, "reden": pl.Utf8},
    )
    t1 = time.perf_counter()
    bsns = raw.get_column("bsn").unique()
    keys = [hmac.digest(BENCH_KEY, b.encode("ascii"), "sha256").hex() for b in bsns.to_list()]
    mapping = pl.DataFrame({"bsn": bsns, "pupil": keys})
    t2 = time.perf_counter()
    frame = raw.join(mapping, on="bsn").select(
        "pupil",
        date=pl.col("datum"),
        hours=pl.col("uren"),
        reason=pl.col("reden").fill_null(""),
    )
    del raw
    t3 = time.perf_counter()
    out.update(rows=frame.height, pupils=len(keys), read=t1 - t0, key=t2 - t1, frame=t3 - t2)
    out["peak_before_detect_mib"] = peak_mib()
    if detect is None:
        out.update(detect=None, findings=None, total=t3 - t0)
    else:
        kwargs: dict[str, Any] = {
            "calendar": calendar,
            "regio": regio,
            "settings": DetectionSettings(),
            "as_of": as_of,
        }
        if profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            findings = profiler.runcall(detect, frame, **kwargs)
            stats = pstats.Stats(profiler, stream=sys.stderr)
            stats.sort_stats("cumulative").print_stats(30)
            stats.sort_stats("tottime").print_stats(20)
        else:
            findings = detect(frame, **kwargs)
        t4 = time.perf_counter()
        out.update(
            detect=t4 - t3, total=t4 - t0, findings=dict(sorted(Counter(f.kind for f in findings).items()))
        )
        out["pupils_with_findings"] = len({f.pupil for f in findings})
    out["peak_mib"] = peak_mib()
    return out


def measure_duckdb(path: Path) -> dict[str, Any]:
    import duckdb

    con = duckdb.connect()
    columns = {
        "bsn": "VARCHAR",
        "naam": "VARCHAR",
        "geboortedatum": "DATE",
        "datum": "DATE",
        "uren": "DOUBLE",
        "reden": "VARCHAR",
    }
    t0 = time.perf_counter()
    con.execute(
        "CREATE TEMP TABLE agg AS SELECT bsn AS pupil, SUM(uren) AS hours "
        "FROM read_csv(?, delim = ';', header = true, columns = ?) GROUP BY bsn",
        [str(path), columns],
    )
    row = con.execute("SELECT count(*), sum(hours) FROM agg").fetchone()
    t1 = time.perf_counter()
    assert row is not None
    return {"seconds": t1 - t0, "pupils": row[0], "hours": row[1], "peak_mib": peak_mib()}


def child(args: list[str]) -> dict[str, Any]:
    """This script with `args` in a fresh process; its last line of output is a JSON object."""
    env = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", str(ROOT))}
    cmd = [sys.executable, str(Path(__file__).resolve()), *args]
    proc = subprocess.run(cmd, env=env, check=True, stdout=subprocess.PIPE, text=True)  # noqa: S603
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def generate(n: int, path: Path, rows: str, args: argparse.Namespace) -> None:
    cmd = [sys.executable, str(HERE / "generate.py"), str(n), str(path), "--rows", rows]
    cmd += ["--year", str(args.year), "--regio", args.regio, "--seed", str(args.seed)]
    env = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", str(ROOT))}
    subprocess.run(cmd, env=env, check=True)  # noqa: S603


def fmt_s(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--scales", default="10000,40000,100000,1000000", help="pupils, comma-separated")
    parser.add_argument(
        "--rows",
        choices=("auto", "full", "absence"),
        default="auto",
        help=f"auto: full up to {FULL_ROWS_UP_TO:,} pupils, above that only absence rows",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest counts")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--regio", default="midden", choices=("noord", "midden", "zuid"))
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--dir", type=Path, help="where the CSVs go (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the CSVs (and reuse those in --dir)")
    parser.add_argument("--profile", action="store_true", help="cProfile detect (to stderr)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--measure", nargs=2, metavar=("WHAT", "CSV"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure:
        what, csv = args.measure
        result = (
            measure_signals(Path(csv), args.regio, args.year, args.profile)
            if what == "signals"
            else measure_duckdb(Path(csv))
        )
        print(json.dumps(result))
        return

    folder = args.dir or Path(tempfile.mkdtemp(prefix="kring-bench-attendance-"))
    folder.mkdir(parents=True, exist_ok=True)
    from generate import school_days

    n_days = len(school_days(args.year, args.regio))
    print(
        f"school year {args.year}-{args.year + 1}, region {args.regio}: {n_days} school days; "
        f"CSVs in {folder}"
    )
    results = []
    try:
        for n in (int(s) for s in args.scales.split(",")):
            rows = args.rows if args.rows != "auto" else ("full" if n <= FULL_ROWS_UP_TO else "absence")
            path = folder / f"attendance-{args.year}-{args.regio}-{n}-{rows}-s{args.seed}.csv"
            if not (args.keep and path.exists()):
                generate(n, path, rows, args)
            mb = path.stat().st_size / 1e6
            signals: dict[str, Any] | None = None
            duck: dict[str, Any] | None = None
            for _ in range(args.repeat):  # interleaved, so a burst of other work hits both
                d = child(["--measure", "duckdb", str(path)])
                extra = ["--profile"] if args.profile else []
                s = child(
                    [
                        "--measure",
                        "signals",
                        str(path),
                        "--regio",
                        args.regio,
                        "--year",
                        str(args.year),
                        *extra,
                    ]
                )
                duck = d if duck is None or d["seconds"] < duck["seconds"] else duck
                signals = s if signals is None or s["total"] < signals["total"] else signals
            assert signals is not None and duck is not None
            if duck["pupils"] != signals["pupils"]:
                raise SystemExit(f"DuckDB saw {duck['pupils']} pupils, Polars {signals['pupils']}")
            r = {
                "pupils": n,
                "rows_kind": rows,
                "csv_mb": mb,
                "school_days": n_days,
                **signals,
                "duckdb": duck,
            }
            r["pupil_days_per_s"] = n * n_days / signals["total"]
            r["ratio_total"] = signals["total"] / duck["seconds"]
            r["ratio_detect"] = None if signals["detect"] is None else signals["detect"] / duck["seconds"]
            results.append(r)
            report(r)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print()
    table(results)
    print()
    print(TARGETS)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))


def report(r: dict[str, Any]) -> None:
    d = r["duckdb"]
    print(
        f"{r['pupils']:>9,} pupils, {r['rows']:,} rows ({r['rows_kind']}), {r['csv_mb']:,.0f} MB: "
        f"read {fmt_s(r['read'])} s, key {fmt_s(r['key'])} s, frame {fmt_s(r['frame'])} s, "
        f"detect {fmt_s(r['detect'])} s, total {fmt_s(r['total'])} s, peak {r['peak_mib']:,.0f} MiB "
        f"({r['peak_before_detect_mib']:,.0f} MiB before detect) | "
        f"DuckDB {d['seconds']:.2f} s, peak {d['peak_mib']:,.0f} MiB | findings {r['findings']}",
        flush=True,
    )


def table(results: list[dict[str, Any]]) -> None:
    head = (
        "| pupils | CSV rows | CSV | read + key + frame | detect | end to end | pupil-days/s | peak | "
        "DuckDB | DuckDB peak | end to end / DuckDB | detect / DuckDB | findings |"
    )
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for r in results:
        d = r["duckdb"]
        prep = r["read"] + r["key"] + r["frame"]
        ratio_detect = "n/a" if r["ratio_detect"] is None else f"{r['ratio_detect']:.1f}x"
        findings = (
            "n/a" if r["findings"] is None else ", ".join(f"{k} {v:,}" for k, v in r["findings"].items())
        )
        print(
            f"| {r['pupils']:,} | {r['rows']:,} ({r['rows_kind']}) | {r['csv_mb']:,.0f} MB | {prep:.2f} s "
            f"| {fmt_s(r['detect'])} s | {r['total']:.2f} s | {r['pupil_days_per_s'] / 1e6:.1f} M "
            f"| {r['peak_mib'] / 1024:.2f} GiB | {d['seconds']:.2f} s | {d['peak_mib'] / 1024:.2f} GiB "
            f"| {r['ratio_total']:.1f}x | {ratio_detect} | {findings} |"
        )


if __name__ == "__main__":
    main()
