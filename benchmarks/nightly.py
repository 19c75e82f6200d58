"""Benchmark: the nightly tick (`kring tick`) on a filled PostgreSQL database.

    .venv/bin/python benchmarks/nightly.py --build 20000              # a scratch database, built here
    .venv/bin/python benchmarks/nightly.py --database kring_nightly_copy --workers 2

`--build N` creates the scratch database `kring_bench_nightly` (dropped afterwards unless `--keep`)
and fills it with `region_scale.py`'s fictional region: N children, each with an open case and a
timeline of contract events, spread over two samenwerkingsverbanden (PC4 3511/3512 and 9711).
`--database NAME` uses an existing database as it is (for instance a copy of the national data set:
`createdb -T kring_national kring_nightly_copy`): the benchmark CHANGES it (events, a region's norms,
assessments), so never point it at a database you want to keep.

It runs the tick three times and prints, per job of settings.KRING_TICK_JOBS, the seconds, the
number of queries (of this process; with `--workers` the workers' queries are not counted) and the
job's report:

1. for "today", the first night: every assessment is stale (none stored yet; with `--database`
   the stored ones are removed first, unless `--keep-assessments`);
2. for the same day again: nothing to do;
3. for the next day, after recording an event on 1 % of the children (an absence yesterday, through
   the ORM, as an import would) and changing one region's norms (KR-3M months).

Run it under `flock /tmp/kring-bench.lock`, and note `uptime` before and after.
"""

from __future__ import annotations

import argparse
import inspect
import os
import random
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432"
SCRATCH = "kring_bench_nightly"


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def build(n: int, today: date) -> None:
    """region_scale's region with n children, half of them moved to the other SWV's PC4 9711."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from region_scale import build_region  # type: ignore[import-not-found]

    from kring.children.models import Child

    _world, children = build_region(n, today)
    moved = [c.pk for i, c in enumerate(children) if i % 2]
    Child.objects.filter(pk__in=moved).update(postcode="9711AA")


class Counter:
    """Counts the queries of this process (cheaper than keeping them, as CaptureQueriesContext does)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def tick(label: str, today: date, workers: int, skip: list[str] = ()) -> None:  # type: ignore[assignment]
    from django.db import connection

    from kring.core.tick import configured_jobs

    print(f"\n{label} ({today.isoformat()}, workers={workers})")
    print(f"  {'job':<48} {'seconds':>8} {'queries':>8}  report")
    total = 0.0
    for path, job in configured_jobs():
        if path.rsplit(".", 1)[-1] in skip:
            print(f"  {path:<48} (skipped)")
            continue
        kwargs: dict[str, Any] = {"today": today}
        if workers > 1 and "workers" in inspect.signature(job).parameters:
            kwargs["workers"] = workers
        counter = Counter()
        started = time.perf_counter()
        with connection.execute_wrapper(counter):
            report = job(**kwargs)
        seconds = time.perf_counter() - started
        total += seconds
        print(f"  {path:<48} {seconds:8.2f} {counter.count:8d}  {report}")
    print(f"  {'total':<48} {total:8.2f}")


def change(today: date, fraction: float) -> None:
    """An absence yesterday on `fraction` of the children with events, and another KR-3M term for
    the region with the most stored assessments."""
    from django.db.models import Count

    from kring.children.models import Child, ChildAssessment, TimelineEvent
    from kring.regions.models import RegionSettings

    rng = random.Random(14)  # noqa: S311 - fictional test data
    ids = list(Child.objects.filter(events__isnull=False).distinct().values_list("pk", flat=True))
    chosen = rng.sample(ids, max(1, int(len(ids) * fraction)))
    TimelineEvent.objects.bulk_create(
        [
            TimelineEvent(
                child_id=pk,
                date=today - timedelta(days=1),
                type="afwezig",
                data={"reden": "ziek", "to": str(today)},
            )
            for pk in chosen
        ],
        batch_size=2000,
    )
    busiest = (
        ChildAssessment.objects.exclude(swv=None)
        .values("swv")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("swv", "n")
        .first()
    )
    if busiest is not None:
        settings, _ = RegionSettings.objects.get_or_create(swv_id=busiest[0])
        settings.kr_3m_months = 4 if settings.kr_3m_months != 4 else 5
        settings.save()
        print(
            f"\nchanged: {len(chosen)} timelines (1 %), the norms of SWV {busiest[0]} ({busiest[1]} children)"
        )


def child_main(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from kring.cases.models import OPEN_STATUSES, Case
    from kring.children.models import Child, TimelineEvent

    call_command("migrate", verbosity=0)
    today = date.fromisoformat(args.date) if args.date else timezone.localdate()
    if args.build:
        started = time.perf_counter()
        build(args.build, today)
        print(f"built in {time.perf_counter() - started:.0f} s (not measured)")
    open_cases = Case.objects.filter(status__in=OPEN_STATUSES).count()
    print(
        f"{Child.objects.count()} children, {open_cases} open cases, "
        f"{TimelineEvent.objects.count()} events; Python {sys.version.split()[0]}, CPUs {os.cpu_count()}"
    )
    if args.from_night == 1 and not args.keep_assessments:
        from kring.children.models import ChildAssessment

        ChildAssessment.objects.all().delete()
    if args.from_night <= 1:
        tick("1. first night", today, args.workers, args.skip)
    tick("2. the same day again", today, args.workers, args.skip)
    tomorrow = today + timedelta(days=1)
    change(tomorrow, 0.01)
    tick("3. the next day, after 1 % new events and one region's norms", tomorrow, args.workers, args.skip)
    if args.sample_mail:
        sample_mail(tomorrow, args.sample_mail)


def sample_mail(today: date, n: int) -> None:
    """The mail job's work (the agenda of a professional, `notify_user`) for n random recipients."""
    from kring.agenda.notifications import notify_user, recipients

    users = list(recipients())
    chosen = random.Random(5).sample(users, min(n, len(users)))  # noqa: S311
    counter = Counter()
    from django.db import connection

    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        for user in chosen:
            notify_user(user, today=today)
    seconds = time.perf_counter() - started
    print(
        f"\nmail job, {len(chosen)} of {len(users)} recipients: {seconds:.1f} s, {counter.count} queries; "
        f"all recipients at this rate: {seconds / len(chosen) * len(users):.0f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--build", type=int, help=f"build N children with an open case in {SCRATCH}")
    source.add_argument("--database", help="an existing PostgreSQL database (it is changed!)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--date", help="the first night (YYYY-MM-DD); default today")
    parser.add_argument("--keep", action="store_true", help=f"keep {SCRATCH} afterwards")
    parser.add_argument(
        "--keep-assessments", action="store_true", help="do not remove the stored assessments before night 1"
    )
    parser.add_argument("--from-night", type=int, default=1, help="start with night 2 (the data as it is)")
    parser.add_argument("--skip", nargs="*", default=[], help="jobs to leave out (their last name)")
    parser.add_argument("--sample-mail", type=int, default=0, help="time the mail job for N recipients")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        child_main(args)
        return 0
    name = args.database or SCRATCH
    if args.build:
        _admin(f"DROP DATABASE IF EXISTS {SCRATCH}")
        _admin(f"CREATE DATABASE {SCRATCH}")
    env = {**os.environ, "DATABASE_URL": f"{PG}/{name}", "DJANGO_SETTINGS_MODULE": "kring.settings.test"}
    try:
        # Our own script and interpreter: no untrusted input.
        subprocess.run([sys.executable, __file__, "--child", *sys.argv[1:]], env=env, cwd=ROOT, check=True)  # noqa: S603
    finally:
        if args.build and not args.keep:
            _admin(f"DROP DATABASE IF EXISTS {SCRATCH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
