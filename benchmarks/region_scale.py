"""Benchmark: Kring at the scale of one region (a few thousand open cases).

    .venv/bin/python benchmarks/region_scale.py                 # SQLite file in a temp dir, 2,000 cases
    .venv/bin/python benchmarks/region_scale.py --postgres      # also PostgreSQL (a scratch database)
    .venv/bin/python benchmarks/region_scale.py --cases 500

Each database gets its own child process (so each has its own DATABASE_URL), with
DJANGO_SETTINGS_MODULE=kring.settings.test. Migrations are applied and the fictional region is built
first, untimed: one gemeente and one SWV (PO) over PC4 3511/3512 with an escalation ladder, the people
of `kring.cases.testing.make_world`, and N children living there, each with an open case and a
timeline of contract events (enrolment, absence spells, verzuimmeldingen, some aanmeldingen, for some
a regievoerder, ontwikkelperspectief, route and evaluation rhythm; some children at home for weeks).
Children, cases, circle members, regievoerder assignments and events are bulk-created; every
child's timeline is checked by the rules engine's parser (`parse_scenario`) first.

Then it measures, with the wall clock and `CaptureQueriesContext`:

- the nightly tick `run_tick(today=...)` (settings.KRING_TICK_JOBS: the per-child assessments,
  the case work that escalates, the mail), first run and second run on the same day;
- the leerplichtambtenaar's home-page agenda `agenda_for(user, scope="mijn")` and the organisation
  agenda (`scope="organisatie"`);
- the case list page (`/casussen/`, `?overdue=ja`, a search by name) through the test Client;
- the API case list `/api/v1/cases/`.

The pages, the agendas and the API are measured three times; the table shows the fastest run and
the query count of the last.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "kring_bench_region"
REPEAT = 3


# ---------------------------------------------------------------- the parent: one child per database


def run_child(database_url: str, cases: int) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "kring.settings.test"}
    # Our own script and interpreter: no untrusted input.
    subprocess.run(  # noqa: S603
        [sys.executable, str(Path(__file__).resolve()), "--child", "--cases", str(cases)],
        env=env,
        cwd=ROOT,
        check=True,
    )


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


# ---------------------------------------------------------------- the child: build, then measure


def timeline(rng: random.Random, today: date, *, school: str) -> list[dict[str, Any]]:
    """One child's contract events (date, type and the contract's fields), oldest first."""
    start = today - timedelta(days=rng.randint(120, 700))
    events: list[dict[str, Any]] = [
        {"date": start.isoformat(), "type": "inschrijving", "school": school, "sector": "po"}
    ]
    at_home = rng.random() < 0.15  # absent every school day since some weeks, still going on
    home_since = today - timedelta(days=rng.randint(20, 110))
    last = home_since - timedelta(days=3) if at_home else today - timedelta(days=1)
    day = start
    for _ in range(rng.randint(2, 10)):
        day += timedelta(days=rng.randint(10, 60))
        end = day + timedelta(days=rng.randint(0, 8))
        if end >= last:
            break
        events.append(
            {
                "date": day.isoformat(),
                "type": "afwezig",
                "reden": rng.choice(["ongeoorloofd", "ongeoorloofd", "ziek"]),
                "to": end.isoformat(),
            }
        )
        if rng.random() < 0.4 and end + timedelta(days=2) < last:
            events.append({"date": (end + timedelta(days=2)).isoformat(), "type": "verzuimmelding"})
        day = end
    if at_home:
        events.append({"date": home_since.isoformat(), "type": "afwezig", "reden": "ongeoorloofd"})
        if rng.random() < 0.7:
            events.append({"date": (home_since + timedelta(days=3)).isoformat(), "type": "verzuimmelding"})
    if rng.random() < 0.25:
        applied = today - timedelta(days=rng.randint(1, 80))
        events.append({"date": applied.isoformat(), "type": "aanmelding", "school": "Het Anker"})
        decided = applied + timedelta(days=rng.randint(20, 45))
        if rng.random() < 0.5 and decided <= today:
            events.append(
                {
                    "date": decided.isoformat(),
                    "type": "aanmelding_besluit",
                    "school": "Het Anker",
                    "outcome": rng.choice(["toegelaten", "afgewezen"]),
                }
            )
    if rng.random() < 0.25:
        since = today - timedelta(days=rng.randint(10, 100))
        events.append({"date": since.isoformat(), "type": "regievoerder_aangewezen", "naam": "REGIE"})
        if rng.random() < 0.7:
            events.append(
                {"date": (since + timedelta(days=7)).isoformat(), "type": "ontwikkelperspectief_vastgesteld"}
            )
        if rng.random() < 0.5:
            events.append(
                {
                    "date": (since + timedelta(days=14)).isoformat(),
                    "type": "route_vastgesteld",
                    "soort": "hybride",
                }
            )
            events.append(
                {
                    "date": (since + timedelta(days=14)).isoformat(),
                    "type": "evaluatiefrequentie_vastgesteld",
                    "weken": 6,
                }
            )
    events = [e for e in events if e["date"] <= today.isoformat()]
    return sorted(events, key=lambda e: e["date"])


def build_region(n: int, today: date) -> Any:
    """The fictional region: make_world's people and places, plus n children with an open case."""
    from kring.accounts.roles import Role
    from kring.cases.models import Case, CaseStatus, CircleMember, RegievoerderAssignment
    from kring.cases.services import member_kind_for
    from kring.cases.testing import make_world
    from kring.children.assessment import scenario_dict
    from kring.children.models import Child, TimelineEvent
    from kring.regions import services as region_services
    from kring.rules import parse_scenario

    world = make_world()
    lpa = world.user("lpa")
    region_services.configure_escalation_ladder(
        actor=world.user("beheerder"),
        swv=world.swv,
        levels=[
            region_services.LevelSpec(name="Directeur SWV", term_amount=5, mandate_role=Role.SWV_DIRECTEUR)
        ],
    )
    rng = random.Random(11)  # noqa: S311 - fictional test data, not security
    first_names = ["Noor", "Sem", "Lotte", "Daan", "Yara", "Milan", "Fenna", "Luca", "Mila", "Finn"]
    children = Child.objects.bulk_create(
        [
            Child(
                first_name=rng.choice(first_names),
                last_name=f"Regiokind{i:05d}",
                birth_date=today - timedelta(days=rng.randint(6 * 365, 12 * 365)),
                postcode=f"{rng.choice(['3511', '3512'])}{rng.choice('ABCDEFGH')}{rng.choice('KLMNPR')}",
                gemeente=world.gemeente,
                vakantieregio="midden",
            )
            for i in range(n)
        ]
    )
    statuses = [s for s in CaseStatus.values if s != CaseStatus.AFGESLOTEN]
    cases = Case.objects.bulk_create(
        [
            Case(
                child=child,
                status=rng.choice(statuses),
                signal_kind="verzuim",
                signal_description="Veel afwezig; de school maakt zich zorgen.",
                opened_on=today - timedelta(days=rng.randint(5, 200)),
                opened_by=lpa,
            )
            for child in children
        ]
    )
    members = CircleMember.objects.bulk_create(
        [
            CircleMember(
                case=case,
                kind=member_kind_for(lpa),
                user=lpa,
                organisation=lpa.organisation,
                role=lpa.get_role_display(),
                contact_route=lpa.email,
                joined_on=case.opened_on,
            )
            for case in cases
        ]
    )
    rows: list[TimelineEvent] = []
    assignments: list[RegievoerderAssignment] = []
    school_name = world.school.organisation.name
    for child, case, member in zip(children, cases, members, strict=True):
        events = timeline(rng, today, school=school_name)
        for event in events:
            if event["type"] == "regievoerder_aangewezen":
                event["naam"] = lpa.display_name
                started = date.fromisoformat(event["date"])
                assignments.append(
                    RegievoerderAssignment(
                        case=case,
                        member=member,
                        user=lpa,
                        started_on=started,
                        note="Kent het gezin.",
                        appointed_by=lpa,
                    )
                )
        # Contract-valid, or stop: the same parser record_event uses.
        parse_scenario(
            scenario_dict(
                as_of=today, vakantieregio=child.vakantieregio, birth_date=child.birth_date, events=events
            )
        )
        for event in events:
            fields = {k: v for k, v in event.items() if k not in ("date", "type")}
            rows.append(
                TimelineEvent(
                    child=child,
                    date=date.fromisoformat(event["date"]),
                    type=event["type"],
                    data=fields,
                    school=world.school if event["type"] == "inschrijving" else None,
                )
            )
    TimelineEvent.objects.bulk_create(rows, batch_size=2000)
    RegievoerderAssignment.objects.bulk_create(assignments)
    print(f"  built: {n} children with an open case, {len(rows)} events, {len(assignments)} regievoerders")
    return world, children


def measure(label: str, fn: Callable[[], Any], *, repeat: int = 1) -> tuple[str, float, int, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    best = float("inf")
    result: Any = None
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            result = fn()
            best = min(best, time.perf_counter() - started)
        queries = len(ctx.captured_queries)
    return label, best, queries, result


def child_main(n: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from kring.accounts.testing import login_verified
    from kring.agenda.selectors import agenda_for
    from kring.core.tick import run_tick

    call_command("migrate", verbosity=0)
    # CaptureQueriesContext reads connection.queries_log, which keeps 9,000 queries by default:
    # too few for the nightly run.
    connection.queries_log = deque(maxlen=None)
    today = timezone.localdate()
    started = time.perf_counter()
    world, children = build_region(n, today)
    print(f"  setup (not measured): {time.perf_counter() - started:.1f} s")
    lpa = world.user("lpa")
    client = Client()
    login_verified(client, lpa)

    def get(url: str) -> Callable[[], Any]:
        def fetch() -> Any:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return fetch

    name = children[n // 2].last_name
    results = [
        measure("nightly, first run", lambda: run_tick(today=today)),
        measure("nightly, second run", lambda: run_tick(today=today)),
        measure("agenda lpa (mijn)", lambda: agenda_for(user=lpa, scope="mijn"), repeat=REPEAT),
        measure("agenda organisatie", lambda: agenda_for(user=lpa, scope="organisatie"), repeat=REPEAT),
        measure("GET /casussen/", get("/casussen/"), repeat=REPEAT),
        measure("GET /casussen/?overdue=ja", get("/casussen/?overdue=ja"), repeat=REPEAT),
        measure(f"GET /casussen/?q={name}", get(f"/casussen/?q={name}"), repeat=REPEAT),
        measure("GET /api/v1/cases/", get("/api/v1/cases/"), repeat=REPEAT),
    ]
    print(f"  {'what':<38} {'seconds':>8} {'queries':>8}  result")
    for label, seconds, queries, result in results:
        if isinstance(result, list) and result and hasattr(result[0], "report"):
            detail = "; ".join(str(r.report) for r in result)
        elif isinstance(result, list):
            detail = f"{len(result)} items"
        else:
            detail = f"{len(result.content) // 1024} KiB"
        print(f"  {label:<38} {seconds:8.2f} {queries:8d}  {detail}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--postgres", action="store_true", help="also run against PostgreSQL on 127.0.0.1:5432"
    )
    parser.add_argument("--cases", type=int, default=2000, help="number of children with an open case")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        child_main(args.cases)
        return 0
    print(f"{args.cases} open cases  Python {sys.version.split()[0]}  CPUs: {os.cpu_count()}")
    with tempfile.TemporaryDirectory() as tmp:
        print("SQLite (file in a temp dir):")
        started = time.perf_counter()
        run_child(f"sqlite:///{tmp}/bench.sqlite3", args.cases)
        print(f"  total incl. migrate and setup: {time.perf_counter() - started:.1f} s")
    if args.postgres:
        print(f"PostgreSQL (database {PG_BENCH_DB}):")
        started = time.perf_counter()
        try:
            run_child(postgres_url(), args.cases)
        finally:
            drop_postgres()
        print(f"  total incl. migrate and setup: {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
