"""The orchestration of `kring demo --scale national`: refusals, `--reset`, the plan, the tables."""

from __future__ import annotations

import itertools
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TextIO

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from . import tables
from .people import bsn_sequence
from .plan import CasePlanner, Counts, Ids, Person, Plan, choose_case_children, plan_children, plan_people
from .reference import Reference, load_reference
from .writer import (
    TableResult,
    can_skip_row_checks,
    copy_lines,
    dangling_references,
    set_sequences,
    without_indexes,
)

NATIONAL = {"children": 1_000_000, "cases": 150_000, "closed_cases": 50_000, "audit_events": 10_000_000}
# The generated accounts' usernames start with this; `--reset` removes exactly those accounts.
USERNAME_PREFIX = "nl-"


class NationalRefused(Exception):
    """The national data set is not generated here (not PostgreSQL, or the database holds children)."""


@dataclass(frozen=True)
class NationalOptions:
    children: int = NATIONAL["children"]
    cases: int = NATIONAL["cases"]
    closed_cases: int = NATIONAL["closed_cases"]
    audit_events: int = NATIONAL["audit_events"]
    seed: int = 14
    reset: bool = False
    processes: int = 2  # for the assessments
    bsn: bool = True
    today: date | None = None


@dataclass
class NationalReport:
    results: list[TableResult] = field(default_factory=list)
    plan_seconds: float = 0.0
    check_seconds: float = 0.0
    total_seconds: float = 0.0
    database_bytes: int = 0
    emptied: list[str] = field(default_factory=list)
    accounts: int = 0


def _say(stream: TextIO, message: str) -> None:
    stream.write(message + "\n")
    stream.flush()


def referencing_tables(roots: list[str]) -> list[str]:
    """`roots` and every table that refers to one of them, directly or through another (what
    TRUNCATE ... CASCADE empties)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH RECURSIVE refs(name) AS (
                SELECT unnest(%s::text[])
                UNION
                SELECT c.conrelid::regclass::text
                FROM pg_constraint c JOIN refs r ON c.confrelid = r.name::regclass
                WHERE c.contype = 'f'
            )
            SELECT name FROM refs ORDER BY name
            """,
            [roots],
        )
        return [row[0] for row in cursor.fetchall()]


def check(options: NationalOptions) -> None:
    from kring.children.models import Child

    if connection.vendor != "postgresql":
        raise NationalRefused(
            "De landelijke dataset kan alleen in PostgreSQL (alleen PostgreSQL): zet DATABASE_URL op een "
            "PostgreSQL-database."
        )
    if Child.objects.exists() and not options.reset:
        raise NationalRefused(
            "De database bevat al kinderen. Gebruik --reset om eerst de kinderen, casussen, het logboek "
            "en de "
            f"gegenereerde accounts ({USERNAME_PREFIX}...) te verwijderen, of kies een lege database."
        )
    if options.cases + options.closed_cases > options.children:
        raise NationalRefused("Er zijn meer casussen gevraagd dan kinderen.")
    if options.cases + options.closed_cases == 0 and options.audit_events:
        raise NationalRefused("Logboekregels horen bij casussen: vraag ook casussen.")


def reset(stream: TextIO) -> list[str]:
    """Empty the generated tables (and those that refer to them), and remove the generated accounts."""
    roots = [t.db_table for t in tables.ALL_TABLES if t is not tables.USER]
    emptied = referencing_tables(roots)
    _say(stream, "--reset: deze tabellen worden geleegd: " + ", ".join(emptied))
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(emptied)} RESTART IDENTITY CASCADE")
        cursor.execute(
            f"DELETE FROM {tables.USER.db_table} WHERE username LIKE %s",  # noqa: S608 - a model's table
            [USERNAME_PREFIX + "%"],
        )
        _say(stream, f"--reset: {cursor.rowcount} gegenereerde accounts verwijderd")
    return emptied


def _max_ids() -> dict[str, int]:
    result = {}
    with connection.cursor() as cursor:
        for table in tables.ALL_TABLES:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table.db_table}")  # noqa: S608 - model tables
            result[table.db_table] = cursor.fetchone()[0]
    return result


def make_plan(options: NationalOptions, reference: Reference, ids: Ids, today: date) -> Plan:
    rng = random.Random(options.seed)  # noqa: S311 - fictional data, not security
    assessed_on = today - timedelta(days=1)
    persons, school_staff, swv_staff, gemeente_staff = plan_people(reference, ids, rng)
    person_by_id = {p.id: p for p in persons}
    counts = Counts(options.children, options.cases, options.closed_cases)
    children, chooser = plan_children(reference, counts, ids, rng, assessed_on=assessed_on)
    open_idx, closed_idx = choose_case_children(rng, len(children), counts)

    def new_parent(rep: tuple[int, str, str, int | None]) -> int:
        first, _, last = rep[1].partition(" ")
        pk = ids.next("accounts_user")
        person = Person(pk, f"{USERNAME_PREFIX}ouder-{rep[0]}", first, last, "ouder", None)
        persons.append(person)
        person_by_id[pk] = person
        return pk

    planner = CasePlanner(
        reference,
        ids,
        rng,
        chooser,
        (school_staff, swv_staff, gemeente_staff),
        person_by_id,
        new_parent,
        today=today,
        assessed_on=assessed_on,
    )
    marked = [(i, False) for i in open_idx] + [(i, True) for i in closed_idx]
    marked.sort()
    cases = [planner.plan(children[i], closed=closed) for i, closed in marked]
    by_id = {k.id: k for k in cases}
    n_events = 0
    for child in children:
        child.first_event_id = ids.next("children_timelineevent")
        child.event_count = len(by_id[child.case_ids[-1]].events) if child.case_ids else 1
        for _ in range(child.event_count - 1):
            ids.next("children_timelineevent")
        n_events += child.event_count
    return Plan(
        today=today,
        assessed_on=assessed_on,
        people=persons,
        children=children,
        cases=cases,
        school_staff=school_staff,
        swv_staff=swv_staff,
        gemeente_staff=gemeente_staff,
        person_by_id=person_by_id,
        representative_count=sum(len(c.representatives) for c in children),
        event_count=n_events,
    )


def _counter(start: int) -> Iterator[int]:
    return itertools.count(start + 1)


def generate_national(options: NationalOptions, *, stream: TextIO | None = None) -> NationalReport:
    """Fill the database with the national data set (see the package's docstring)."""
    from kring.demo.accounts import DEMO_PASSWORD
    from kring.organisations.models import SchoolLocation
    from kring.reference.services import import_reference

    out = stream if stream is not None else sys.stderr
    started = time.perf_counter()
    check(options)
    report = NationalReport()
    if not SchoolLocation.objects.exists():
        _say(out, f"Referentiegegevens laden uit {settings.KRING_REFERENCE_DIR} ...")
        imported = import_reference(directory=settings.KRING_REFERENCE_DIR, progress=lambda m: _say(out, m))
        _say(out, imported.summary())
    today = options.today or timezone.localdate()
    now = datetime.now(tz=UTC).strftime("%Y-%m-%d %H:%M:%S+00")
    with transaction.atomic():
        skip_row_checks = can_skip_row_checks()
        with connection.cursor() as cursor:
            # Checks still pending from earlier in the transaction (the reference import) run now:
            # CREATE INDEX refuses a table with pending trigger events.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            if skip_row_checks:
                # No foreign-key trigger per row while copying (millions of index look-ups and row
                # locks); every key is checked at once after the load (`dangling_references`).
                cursor.execute("SET LOCAL session_replication_role = replica")
        if options.reset:
            report.emptied = reset(out)
        plan_started = time.perf_counter()
        reference = load_reference()
        base = _max_ids()
        plan = make_plan(options, reference, Ids(base), today)
        report.plan_seconds = time.perf_counter() - plan_started
        report.accounts = len(plan.people)
        _say(
            out,
            f"Plan ({report.plan_seconds:.1f} s): {len(plan.people):,} accounts, "
            f"{len(plan.children):,} kinderen, "
            f"{len(plan.cases):,} casussen, {plan.event_count:,} tijdlijngebeurtenissen; beoordeeld op "
            f"{plan.assessed_on}",
        )
        report.results = _write(plan, reference, options, base, now, out, DEMO_PASSWORD)
        set_sequences(t.db_table for t in tables.ALL_TABLES)
        if skip_row_checks:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = DEFAULT")
            checked = time.perf_counter()
            problems = dangling_references(t.db_table for t in tables.ALL_TABLES)
            if problems:  # a defect of the generator: nothing is stored
                raise RuntimeError("references to missing rows: " + ", ".join(problems))
            report.check_seconds = time.perf_counter() - checked
            _say(out, f"Verwijzingen tussen de tabellen gecontroleerd ({report.check_seconds:.1f} s)")
        with connection.cursor() as cursor:
            for t in tables.ALL_TABLES:
                cursor.execute(f"ANALYZE {t.db_table}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        report.database_bytes = cursor.fetchone()[0]
    report.total_seconds = time.perf_counter() - started
    return report


def _write(
    plan: Plan,
    reference: Reference,
    options: NationalOptions,
    base: dict[str, int],
    now: str,
    out: TextIO,
    password: str,
) -> list[TableResult]:
    from kring.privacy.crypto import bsn_sealer

    from .assessments import assessment_lines

    results: list[TableResult] = []
    cases = plan.cases
    n_members = sum(len(k.members) for k in cases)

    def copy(table: tables.Table, lines: Iterator[str], total: int) -> TableResult:
        columns, suffix = tables.columns_for(table)
        if suffix:
            lines = (item + suffix for item in lines)

        def load() -> TableResult:
            return copy_lines(table.db_table, columns, lines, total=total, label=table.db_table, stream=out)

        # Building an index once after the load is cheaper than keeping it up to date per row.
        result = without_indexes(table.db_table, load, stream=out) if total >= 10_000 else load()
        results.append(result)
        return result

    copy(tables.USER, tables.user_lines(plan, make_password(password), now), len(plan.people))
    copy(
        tables.CHILD,
        tables.child_lines(plan, bsn_sealer() if options.bsn else None, bsn_sequence(), now),
        len(plan.children),
    )
    copy(tables.REPRESENTATIVE, tables.representative_lines(plan), plan.representative_count)
    copy(tables.EVENT, tables.event_lines(plan, reference, now), plan.event_count)
    copy(tables.CASE, tables.case_lines(plan), len(cases))
    copy(
        tables.STATUS_CHANGE,
        tables.status_change_lines(plan, _counter(base["cases_statuschange"])),
        sum(len(k.status_changes) for k in cases),
    )
    copy(tables.MEMBER, tables.member_lines(plan), n_members)
    copy(
        tables.REGIE,
        tables.regie_lines(plan, _counter(base["cases_regievoerderassignment"])),
        sum(1 for k in cases if k.regie),
    )
    copy(tables.MEETING, tables.meeting_lines(plan), sum(len(k.meetings) for k in cases))
    copy(
        tables.ATTENDEE,
        tables.attendee_lines(plan, _counter(base["cases_meeting_attendees"])),
        sum(len(m[2]) for k in cases for m in k.meetings),
    )
    copy(
        tables.AGREEMENT,
        tables.agreement_lines(plan, _counter(base["cases_agreement"])),
        sum(len(k.agreements) for k in cases),
    )
    copy(tables.PERSPECTIVE, tables.perspective_lines(plan), sum(1 for k in cases if k.perspective))
    copy(
        tables.NEED,
        tables.need_lines(plan, _counter(base["cases_needdimension"])),
        sum(len(k.perspective[4]) for k in cases if k.perspective),
    )
    copy(
        tables.ROUTE,
        tables.route_lines(plan, _counter(base["cases_route"])),
        sum(1 for k in cases if k.route),
    )
    copy(
        tables.ESCALATION,
        tables.escalation_lines(plan, _counter(base["cases_escalation"])),
        sum(1 for k in cases if k.escalation),
    )
    copy(
        tables.ASSESSMENT,
        assessment_lines(
            plan,
            reference,
            first_id=base["children_childassessment"] + 1,
            now=now,
            processes=options.processes,
        ),
        len(plan.children),
    )
    if options.audit_events:
        copy(
            tables.AUDIT,
            # In this process: making the lines in the workers as well did not pay on this machine
            # (benchmarks/README.md).
            tables.audit_lines(
                plan,
                reference,
                options.audit_events,
                first_id=base["privacy_auditevent"] + 1,
                seed=options.seed,
            ),
            options.audit_events,
        )
    return results
