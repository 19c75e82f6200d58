"""The query plans of Kring's lists: the real SQL of each list page and API list, with its plan.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kring_national \\
        PYTHONPATH=$PWD .venv/bin/python benchmarks/plans.py            # summary + the main plans
    ... benchmarks/plans.py --all                                       # every query's plan
    ... benchmarks/plans.py --only "case list"                          # pages whose name has this

Each page is requested through Django's test Client as a real user of the database (the
leerplichtambtenaar, SWV consulent and intern begeleider with the most open cases, a parent with a
case), inside a transaction that is rolled back afterwards: the audit lines the lists write, the
session and the second-factor device of the login are not kept, so the database is left as it was
(run it against a copy when others measure on it). `CaptureQueriesContext` records the SQL Django
sent; each SELECT is run again under `EXPLAIN (ANALYZE, BUFFERS)`. The script prints per page the
number of queries, the sum of their execution times (PostgreSQL's, from the plans) and the slowest
query; then the plan of each page's slowest queries (`--top`, default 2), with a flag for each
sequential scan over a table of more than 10,000 rows.

PostgreSQL only (EXPLAIN ANALYZE). Settings: kring.settings.test (no mail, no HTTPS redirect); the
data is the database's.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIG_TABLE = 10_000
STATEMENT_TIMEOUT_MS = 120_000  # a query slower than this is reported, not waited for


@dataclass
class Page:
    name: str
    url: str
    user: Any
    api: bool = False


@dataclass
class Measured:
    page: Page
    status: int
    seconds: float
    queries: list[dict[str, Any]] = field(default_factory=list)  # sql, ms, plan


def pick_users() -> dict[str, Any]:
    """The users whose lists are the largest of their kind in this database."""
    from django.db.models import Count, Q

    from kring.accounts.models import User
    from kring.accounts.roles import Role
    from kring.cases.models import OPEN_STATUSES, Case
    from kring.children.models import EventType, TimelineEvent
    from kring.privacy.models import AuditEvent

    found: dict[str, Any] = {}
    open_cases = Case.objects.filter(status__in=OPEN_STATUSES)
    gemeente = (
        open_cases.values("child__gemeente_id").annotate(n=Count("id")).order_by("-n").first() or {}
    ).get("child__gemeente_id")
    found["lpa"] = User.objects.filter(
        role=Role.LEERPLICHTAMBTENAAR, organisation_id=gemeente, is_active=True
    ).first()
    consulent = (
        User.objects.filter(role=Role.SWV_CONSULENT, is_active=True)
        .annotate(n=Count("organisation__swv__pk"))
        .order_by("pk")
    )
    found["consulent"] = consulent.first()
    school = (
        TimelineEvent.objects.filter(type=EventType.INSCHRIJVING, school__isnull=False)
        .values("school__organisation_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
        or {}
    ).get("school__organisation_id")
    found["ib"] = (
        User.objects.filter(role=Role.INTERN_BEGELEIDER, organisation_id=school, is_active=True).first()
        or User.objects.filter(role=Role.INTERN_BEGELEIDER, is_active=True).first()
    )
    parent = (
        User.objects.filter(role=Role.OUDER, is_active=True)
        .filter(Q(represents__child__cases__isnull=False))
        .order_by("pk")
        .first()
    )
    found["ouder"] = parent
    if parent is not None:
        child = parent.represents.filter(child__cases__isnull=False).values_list("child_id", flat=True)
        busiest = (
            AuditEvent.objects.filter(child_id__in=list(child[:20]))
            .values("child_id")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        found["ouder_child"] = busiest["child_id"] if busiest else child.first()
    found["worker"] = User.objects.filter(role=Role.STEUNPUNT_MEDEWERKER, is_active=True).first()
    return found


def pages(users: dict[str, Any]) -> list[Page]:
    from kring.cases.models import OPEN_STATUSES, Case
    from kring.children.models import TimelineEvent

    lpa, consulent, ib = users["lpa"], users["consulent"], users["ib"]
    result: list[Page] = []
    if lpa is not None:
        school = (
            TimelineEvent.objects.filter(
                type="inschrijving", school__isnull=False, child__gemeente_id=lpa.organisation_id
            )
            .values_list("school_id", flat=True)
            .first()
        )
        regie = (
            Case.objects.filter(
                status__in=OPEN_STATUSES,
                child__gemeente_id=lpa.organisation_id,
                regievoerders__ended_on__isnull=True,
            )
            .values_list("regievoerders__user_id", flat=True)
            .first()
        )
        some_case = Case.objects.filter(
            child__gemeente_id=lpa.organisation_id, status__in=OPEN_STATUSES
        ).first()
        for name, query in [
            ("case list", ""),
            ("case list ?overdue=ja", "?overdue=ja"),
            ("case list ?overdue=nee", "?overdue=nee"),
            ("case list ?thuiszitter=absoluut_verzuim", "?thuiszitter=absoluut_verzuim"),
            ("case list ?thuiszitter=langdurig_relatief_verzuim", "?thuiszitter=langdurig_relatief_verzuim"),
            ("case list ?thuiszitter=verborgen", "?thuiszitter=verborgen"),
            ("case list ?escalated=ja", "?escalated=ja"),
            ("case list ?status=plan", "?status=plan"),
            ("case list ?status=alle", "?status=alle"),
            ("case list ?school=", f"?school={school}" if school else ""),
            ("case list ?gemeente=", f"?gemeente={lpa.organisation_id}"),
            ("case list ?regievoerder=", f"?regievoerder={regie}" if regie else ""),
            ("case list ?q=<name>", "?q=de"),
            ("case list ?page=5", "?page=5"),
        ]:
            result.append(Page(f"{name} (lpa)", f"/casussen/{query}", lpa))
        result += [
            Page("agenda, home page (lpa)", "/", lpa),
            Page("agenda, organisation (lpa)", "/?agenda=organisatie", lpa),
            Page("children list (lpa)", "/casussen/kinderen/", lpa),
            Page("API case list (lpa)", "/api/v1/cases/", lpa, api=True),
            Page("API case list ?overdue=true (lpa)", "/api/v1/cases/?overdue=true", lpa, api=True),
            Page("API child list (lpa)", "/api/v1/children/", lpa, api=True),
            Page("API agenda (lpa)", "/api/v1/agenda/", lpa, api=True),
        ]
        if some_case is not None:
            result += [
                Page("case page (lpa)", f"/casussen/{some_case.pk}/", lpa),
                Page(
                    "API meetings of a case (lpa)", f"/api/v1/cases/{some_case.pk}/meetings/", lpa, api=True
                ),
                Page(
                    "API events of a child (lpa)",
                    f"/api/v1/children/{some_case.child_id}/events/",
                    lpa,
                    api=True,
                ),
            ]
    if consulent is not None:
        result += [
            Page("case list (SWV consulent)", "/casussen/", consulent),
            Page("case list ?overdue=ja (SWV consulent)", "/casussen/?overdue=ja", consulent),
            Page("agenda, home page (SWV consulent)", "/", consulent),
        ]
    if ib is not None:
        result += [
            Page("case list (intern begeleider)", "/casussen/", ib),
            Page("agenda, home page (intern begeleider)", "/", ib),
            Page("attendance signals (intern begeleider)", "/aanwezigheid/signalen/", ib),
        ]
    if users.get("ouder") is not None:
        child = users["ouder_child"]
        result += [
            Page("family view (ouder)", "/casussen/gezin/", users["ouder"]),
            Page("family's access log (ouder)", f"/casussen/gezin/{child}/logboek/", users["ouder"]),
            Page("API access log (ouder)", f"/api/v1/children/{child}/access-log/", users["ouder"], api=True),
        ]
    if users.get("worker") is not None:
        result.append(Page("desk queue (steunpunt)", "/steunpunt/", users["worker"]))
    return result


PLAN_MS = re.compile(r"Execution Time: ([\d.]+) ms")


def explain(sql: str) -> tuple[float, str]:
    from django.db import DatabaseError, connection, transaction

    try:
        with transaction.atomic(), connection.cursor() as cursor:  # a savepoint: a timeout ends only it
            cursor.execute(f"SET LOCAL statement_timeout = {STATEMENT_TIMEOUT_MS}")
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
    except DatabaseError as exc:
        return float(STATEMENT_TIMEOUT_MS), f"(not finished: {exc})"
    match = PLAN_MS.search(plan)
    return (float(match.group(1)) if match else 0.0), plan


def big_seq_scans(plan: str, sizes: dict[str, int]) -> list[str]:
    found = []
    for table in re.findall(r"Seq Scan on (\w+)", plan):
        if sizes.get(table, 0) > BIG_TABLE:
            found.append(f"{table} ({sizes[table]:,} rows)")
    return sorted(set(found))


def measure(page: Page, fetch: Callable[[Page], int]) -> Measured:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    with transaction.atomic():
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            status = fetch(page)
            seconds = time.perf_counter() - started
        measured = Measured(page, status, seconds)
        for query in ctx.captured_queries:
            sql = query["sql"]
            if sql.startswith("DECLARE ") and " CURSOR FOR " in sql:  # an .iterator(): the SELECT inside
                sql = sql.split(" CURSOR FOR ", 1)[1]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            ms, plan = explain(sql)
            measured.queries.append({"sql": sql, "ms": ms, "plan": plan})
        transaction.set_rollback(True)
    measured.queries_total = len(ctx.captured_queries)  # type: ignore[attr-defined]
    return measured


def table_sizes() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples::bigint FROM pg_class WHERE relkind = 'r'")
        return {name: int(n) for name, n in cursor.fetchall()}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--all", action="store_true", help="print the plan of every query")
    parser.add_argument("--top", type=int, default=2, help="plans per page of its slowest queries")
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    parser.add_argument("--sql", action="store_true", help="print the SQL above each plan")
    parser.add_argument("--list", action="store_true", help="per page, every query's ms and its start")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kring.settings.test")
    if "postgres" not in os.environ.get("DATABASE_URL", ""):
        print("Set DATABASE_URL to a PostgreSQL database (EXPLAIN ANALYZE).", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client
    from rest_framework.test import APIClient

    from kring.accounts.testing import login_verified

    users = pick_users()
    sizes = table_sizes()
    print("Database:", os.environ["DATABASE_URL"].rsplit("/", 1)[-1])
    print(
        "Rows (estimates):",
        ", ".join(
            f"{t} {sizes.get(t, 0):,}"
            for t in (
                "children_child",
                "cases_case",
                "children_timelineevent",
                "children_childassessment",
                "cases_circlemember",
                "privacy_auditevent",
            )
        ),
    )
    print("Users:", ", ".join(f"{k}={getattr(v, 'username', v)}" for k, v in users.items()))

    def fetch(page: Page) -> int:
        if page.api:
            api = APIClient()
            api.force_authenticate(page.user)
            return int(api.get(page.url).status_code)
        client = Client()
        login_verified(client, page.user)
        return int(client.get(page.url).status_code)

    selected = [p for p in pages(users) if args.only in p.name]
    results = []
    print()
    print(f"{'page':<52} {'status':>6} {'queries':>7} {'SQL ms':>8} {'slowest':>8}  big seq scans")
    for page in selected:
        m = measure(page, fetch)
        results.append(m)
        total = sum(q["ms"] for q in m.queries)
        slowest = max((q["ms"] for q in m.queries), default=0.0)
        scans = sorted({s for q in m.queries for s in big_seq_scans(q["plan"], sizes)})
        print(
            f"{m.page.name:<52} {m.status:>6} {m.queries_total:>7} {total:8.1f} {slowest:8.1f}  "  # type: ignore[attr-defined]
            f"{', '.join(scans) or '-'}",
            flush=True,
        )
    if args.list:
        for m in results:
            print()
            print(f"==== {m.page.name}: every SELECT in order (ms, the SQL's first 160 characters)")
            for q in m.queries:
                print(f"{q['ms']:9.1f}  {' '.join(q['sql'].split())[:160]}")
        return 0
    for m in results:
        chosen = m.queries if args.all else sorted(m.queries, key=lambda q: -q["ms"])[: args.top]
        print()
        print(f"==== {m.page.name}: GET {m.page.url}")
        for q in chosen:
            print(f"---- {q['ms']:.2f} ms")
            if args.sql:
                print(q["sql"])
            print(q["plan"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
