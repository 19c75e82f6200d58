"""Benchmark: how fast the rules engine assesses timelines (what the nightly tick does per child).

    .venv/bin/python benchmarks/rules_assess.py                       # 2,000 timelines of about 27 events
    .venv/bin/python benchmarks/rules_assess.py --n 500
    .venv/bin/python benchmarks/rules_assess.py --baseline c6774b7    # also time that commit's engine

Builds fictional timelines (enrolment, absence spells with a report, an aanmelding with a decision,
a suspension, OPP events and the three-month norm's elements), then parses, assesses and serialises
each once (`assess(parse_scenario(data), calendar=...).to_dict()`). Two ways of getting the calendar:

- `reused`: one calendar for all timelines (`default_calendar()`), as the nightly job and the web app
  do now (`kring.reference.calendar.school_calendar()` is memoised per holiday table);
- `fresh`: a new `Calendar` of the same holidays for every timeline, as the web app did before.

With `--baseline REV` the same loops also run on the engine of git revision REV (exported with
`git archive` into a temporary folder and run in a child process), interleaved with the current
code so both see the same machine load, and the script checks that both give exactly the same
answers (a SHA-256 over every assessment's JSON). Prints timelines per second; best of `--repeat`.
No database, no Django.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

AS_OF = date(2026, 11, 20)


def timeline(rng: random.Random) -> dict[str, Any]:
    start = date(2024, 9, 2) + timedelta(days=rng.randint(0, 300))
    events: list[dict[str, Any]] = [
        {"date": start.isoformat(), "type": "inschrijving", "school": "De Brug", "sector": "sbo"}
    ]
    day = start
    for _ in range(12):
        day += timedelta(days=rng.randint(5, 40))
        if day >= AS_OF:
            break
        end = day + timedelta(days=rng.randint(0, 10))
        events.append(
            {
                "date": day.isoformat(),
                "type": "afwezig",
                "reden": rng.choice(["ongeoorloofd", "ziek"]),
                "to": end.isoformat(),
            }
        )
        if rng.random() < 0.5:
            events.append({"date": (end + timedelta(days=2)).isoformat(), "type": "verzuimmelding"})
    events += [
        {
            "date": (start + timedelta(days=20)).isoformat(),
            "type": "opp_vastgesteld",
            "instemming_handelingsdeel": False,
        },
        {"date": (start + timedelta(days=60)).isoformat(), "type": "opp_instemming"},
        {
            "date": (start + timedelta(days=200)).isoformat(),
            "type": "opp_evaluatie",
            "met_ouders": True,
            "met_leerling": True,
        },
        {"date": (start + timedelta(days=90)).isoformat(), "type": "aanmelding", "school": "Het Anker"},
        {
            "date": (start + timedelta(days=120)).isoformat(),
            "type": "aanmelding_besluit",
            "school": "Het Anker",
            "outcome": "afgewezen",
        },
        {
            "date": (start + timedelta(days=150)).isoformat(),
            "type": "schorsing",
            "school": "De Brug",
            "to": (start + timedelta(days=152)).isoformat(),
        },
        {
            "date": (start + timedelta(days=160)).isoformat(),
            "type": "regievoerder_aangewezen",
            "naam": "R. Voorbeeld",
        },
        {"date": (start + timedelta(days=170)).isoformat(), "type": "route_vastgesteld", "soort": "hybride"},
    ]
    events = [e for e in events if e["date"] <= AS_OF.isoformat()]
    return {
        "as_of": AS_OF.isoformat(),
        "vakantieregio": rng.choice(["noord", "midden", "zuid"]),
        "child": {"birth_date": "2014-03-01"},
        "events": events,
    }


def run(scenarios: list[dict[str, Any]], mode: str) -> dict[str, Any]:
    """Time parse + assess + to_dict over all scenarios with the `kring.rules` on sys.path."""
    from kring.rules import Calendar, assess, default_calendar, parse_scenario

    calendar = default_calendar()
    periods = calendar.periods
    results = []
    started = time.perf_counter()
    for data in scenarios:
        cal = calendar if mode == "reused" else Calendar(periods)
        results.append(assess(parse_scenario(data), calendar=cal).to_dict())
    seconds = time.perf_counter() - started
    digest = hashlib.sha256(json.dumps(results, sort_keys=True).encode())
    obligations = sum(len(r["obligations"]) for r in results)  # type: ignore[arg-type,misc]
    return {"seconds": seconds, "digest": digest.hexdigest(), "obligations": obligations}


def export_revision(rev: str, into: Path) -> Path:
    """The `kring` package of git revision `rev`, unpacked under `into`."""
    git = ["git", "-C", str(REPO), "archive", "--format=tar", rev, "kring"]
    archive = subprocess.run(git, check=True, capture_output=True).stdout  # noqa: S603
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def run_elsewhere(root: Path, args: argparse.Namespace, mode: str) -> dict[str, Any]:
    """`run` in a child process that imports `kring` from `root`."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    cmd = [sys.executable, __file__, "--worker", mode, "--n", str(args.n), "--seed", str(args.seed)]
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout  # noqa: S603
    result: dict[str, Any] = json.loads(out)
    return result


def scenarios_for(args: argparse.Namespace) -> list[dict[str, Any]]:
    rng = random.Random(args.seed)  # noqa: S311 - fictional test data, not security
    return [timeline(rng) for _ in range(args.n)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs per variant; the best one counts")
    parser.add_argument("--baseline", metavar="REV", help="also time the engine of this git revision")
    parser.add_argument("--modes", default="reused,fresh", help="comma-separated: reused, fresh")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(run(scenarios_for(args), args.worker)))
        return
    scenarios = scenarios_for(args)
    events = sum(len(s["events"]) for s in scenarios)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    print(
        f"{args.n} timelines, {events} events; best of {args.repeat}; load average {os.getloadavg()[0]:.2f}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        variants: list[tuple[str, Path | None]] = [("current", None)]
        if args.baseline:
            variants.insert(0, (args.baseline, export_revision(args.baseline, Path(tmp))))
        best: dict[tuple[str, str], dict[str, Any]] = {}
        for _ in range(args.repeat):
            for mode in modes:
                for name, root in variants:  # interleaved: every variant sees the same load
                    r = run_elsewhere(root, args, mode) if root else run(scenarios, mode)
                    key = (name, mode)
                    if key not in best or r["seconds"] < best[key]["seconds"]:
                        best[key] = r
    for (name, mode), r in best.items():
        rate = args.n / r["seconds"]
        print(
            f"{name:>10} {mode:>7} calendar: {r['seconds']:6.2f} s, {rate:7.0f} timelines per second "
            f"({1000 * r['seconds'] / args.n:.3f} ms each), {r['obligations']} obligations"
        )
    if args.baseline:
        for mode in modes:
            old, new = best[(args.baseline, mode)], best[("current", mode)]
            same = "identical answers" if old["digest"] == new["digest"] else "ANSWERS DIFFER"
            print(f"{mode}: current is {old['seconds'] / new['seconds']:.1f}x {args.baseline} ({same})")
        if "fresh" in modes and "reused" in modes:
            ratio = best[(args.baseline, "fresh")]["seconds"] / best[("current", "reused")]["seconds"]
            print(f"current reused vs {args.baseline} fresh (the web app's old path): {ratio:.1f}x")
        if any(best[(args.baseline, m)]["digest"] != best[("current", m)]["digest"] for m in modes):
            sys.exit(1)


if __name__ == "__main__":
    main()
