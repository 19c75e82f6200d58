"""Benchmark: the timeline's write gateway, per event, for a batch of 10 and of 150 events.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/timeline_bulk.py             # SQLite file in a temp dir
    PYTHONPATH=$PWD .venv/bin/python benchmarks/timeline_bulk.py --sizes 10 150 1000 --repeat 3

DJANGO_SETTINGS_MODULE=kring.settings.test on a fresh SQLite file (migrations applied, untimed).
Each measurement takes a new fictional child, enrolled since 2 September 2024, whose stored
assessment is fresh for today (so the gateway refreshes it, as it does for a child someone is
working on), and records N days of unauthorised absence (one `afwezig` event per school day) two
ways:

- `batch`: one call of `kring.children.timeline.record_events` with N events (the bulk path that
  attendance imports will use: one legal check, one INSERT of events and one of audit lines, one
  refresh of the stored assessment);
- `one by one`: N calls of `kring.children.services.record_event` (each a batch of one: a legal
  check of the whole timeline per event, as every write did before the gateway).

It prints the best of `--repeat` runs, per event. Tests never assert timings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def school_days(start: date, n: int) -> list[date]:
    days: list[date] = []
    day = start
    while len(days) < n:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 150])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-one-by-one", action="store_true", help="only the batch path")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="kring-bench-timeline-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "kring.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)

    from kring.children.readmodel import current_assessment
    from kring.children.services import create_child, record_event
    from kring.children.timeline import NewEvent, record_events

    today = timezone.localdate()

    def new_child(n: int) -> Any:
        child = create_child(
            actor=None,
            first_name="Bench",
            last_name=f"Kind {n}",
            birth_date=date(2016, 9, 30),
            vakantieregio="midden",
        )
        record_event(
            actor=None,
            child=child,
            type="inschrijving",
            date=date(2024, 9, 2),
            data={"school": "De Linde", "sector": "po"},
        )
        current_assessment(child, today=today)
        return child

    def events(n: int) -> list[NewEvent]:
        return [
            NewEvent(type="afwezig", date=d, data={"reden": "ongeoorloofd", "to": d})
            for d in school_days(date(2025, 1, 6), n)
        ]

    print(f"{'events':>7}  {'path':<11}  {'total':>9}  {'per event':>10}")
    counter = 0
    for n in args.sizes:
        batch = events(n)
        paths = ["batch"] if args.no_one_by_one else ["batch", "one by one"]
        for path in paths:
            best = float("inf")
            for _ in range(args.repeat):
                counter += 1
                child = new_child(counter)
                started = time.perf_counter()
                if path == "batch":
                    record_events(actor=None, child=child, events=batch)
                else:
                    for e in batch:
                        record_event(actor=None, child=child, type=e.type, date=e.date, data=e.data)
                best = min(best, time.perf_counter() - started)
            print(f"{n:>7}  {path:<11}  {best * 1000:>7.0f} ms  {best / n * 1000:>7.2f} ms")


if __name__ == "__main__":
    main()
