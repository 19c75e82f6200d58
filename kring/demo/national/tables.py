"""The rows of each table, as COPY text lines, from the plan.

Each table lists the columns it fills; `columns_for` adds the model's other columns with their
default (so a field added later with a default needs no change here) and refuses a required column
without one, naming it.
"""

from __future__ import annotations

import bisect
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.apps import apps
from django.db import models

from kring.rules.kalender import format_date_nl

from . import people
from .plan import CasePlan, ChildPlan, Plan, role_label
from .reference import Reference
from .writer import line, text, value


@dataclass(frozen=True)
class Table:
    name: str  # app_label.Model
    columns: tuple[str, ...]

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.name)

    @property
    def db_table(self) -> str:
        return self.model._meta.db_table


class MissingColumn(Exception):
    pass


def columns_for(table: Table) -> tuple[list[str], str]:
    """All columns to COPY and the text to append to each line for the ones `table` leaves out."""
    filled = list(table.columns)
    extra: list[str] = []
    for f in table.model._meta.concrete_fields:
        if f.column in filled:
            continue
        if f.has_default():
            default = f.get_default()
        elif f.null:
            default = None
        elif isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
            default = datetime.now(tz=UTC)
        else:
            raise MissingColumn(
                f"{table.db_table}.{f.column} has no default: the national generator must fill it"
            )
        filled.append(f.column)
        extra.append(value(default))
    return filled, "".join("\t" + e for e in extra)


USER = Table(
    "accounts.User",
    (
        "id",
        "password",
        "last_login",
        "is_superuser",
        "username",
        "first_name",
        "last_name",
        "email",
        "is_staff",
        "is_active",
        "date_joined",
        "role",
        "phone",
        "preferred_language",
        "organisation_id",
    ),
)
CHILD = Table(
    "children.Child",
    (
        "id",
        "first_name",
        "last_name",
        "birth_date",
        "bsn_encrypted",
        "bsn_hash",
        "postcode",
        "vakantieregio",
        "created_at",
        "updated_at",
        "version",
        "gemeente_id",
    ),
)
REPRESENTATIVE = Table(
    "children.LegalRepresentative", ("id", "name", "relation", "email", "phone", "child_id", "user_id")
)
EVENT = Table(
    "children.TimelineEvent",
    (
        "id",
        "date",
        "type",
        "data",
        "note",
        "recorded_as_violation",
        "violation_reason",
        "created_at",
        "child_id",
        "recorded_by_id",
        "school_id",
    ),
)
ASSESSMENT = Table(
    "children.ChildAssessment",
    (
        "id",
        "computed_on",
        "source_fingerprint",
        "data",
        "thuiszitter_category",
        "is_verborgen",
        "overdue_count",
        "open_count",
        "next_due",
        "kr_3m_status",
        "updated_at",
        "child_id",
        "fresh_until",
        "swv_id",
        "norms_key",
        "calendar_key",
    ),
)
CASE = Table(
    "cases.Case",
    (
        "id",
        "status",
        "escalated",
        "signal_kind",
        "signal_description",
        "opened_on",
        "closed_on",
        "closing_reason",
        "version",
        "created_at",
        "updated_at",
        "child_id",
        "opened_by_id",
    ),
)
STATUS_CHANGE = Table(
    "cases.StatusChange",
    ("id", "from_status", "to_status", "reason", "changed_on", "created_at", "case_id", "changed_by_id"),
)
MEMBER = Table(
    "cases.CircleMember",
    (
        "id",
        "kind",
        "name",
        "role",
        "contact_route",
        "visibility",
        "active",
        "joined_on",
        "left_on",
        "left_reason",
        "created_at",
        "case_id",
        "organisation_id",
        "representative_id",
        "user_id",
    ),
)
REGIE = Table(
    "cases.RegievoerderAssignment",
    (
        "id",
        "started_on",
        "ended_on",
        "note",
        "created_at",
        "appointed_by_id",
        "case_id",
        "member_id",
        "user_id",
    ),
)
MEETING = Table(
    "cases.Meeting",
    (
        "id",
        "held_on",
        "other_attendees",
        "parents_present",
        "parents_absent_reason",
        "child_present",
        "child_absent_reason",
        "child_voice",
        "child_voice_in_own_words",
        "notes",
        "created_at",
        "case_id",
        "recorded_by_id",
        "is_evaluation",
    ),
)
ATTENDEE = Table("cases.Meeting_attendees", ("id", "meeting_id", "circlemember_id"))
AGREEMENT = Table(
    "cases.Agreement",
    (
        "id",
        "text",
        "due_on",
        "status",
        "done_on",
        "status_note",
        "created_at",
        "created_by_id",
        "case_id",
        "owner_id",
        "meeting_id",
    ),
)
PERSPECTIVE = Table(
    "cases.Perspective",
    (
        "id",
        "set_on",
        "set_with_parents",
        "set_with_child",
        "goals",
        "evaluation_every_weeks",
        "evaluation_set_on",
        "version",
        "updated_at",
        "case_id",
        "updated_by_id",
    ),
)
NEED = Table("cases.NeedDimension", ("id", "dimension", "description", "perspective_id"))
ROUTE = Table(
    "cases.Route",
    (
        "id",
        "needed_kind",
        "needed_hours_per_week",
        "needed_summary",
        "kind",
        "offered_summary",
        "provider",
        "start_on",
        "hours_per_week",
        "end_on",
        "outcome",
        "outcome_on",
        "outcome_note",
        "created_at",
        "case_id",
        "provider_organisation_id",
        "recorded_by_id",
    ),
)
ESCALATION = Table(
    "cases.Escalation",
    (
        "id",
        "trigger",
        "rule_id",
        "trigger_key",
        "reason",
        "started_on",
        "level_started_on",
        "due_on",
        "resolved_on",
        "created_at",
        "case_id",
        "raised_by_id",
        "swv_id",
        "level_id",
    ),
)
AUDIT = Table(
    "privacy.AuditEvent",
    (
        "id",
        "created_at",
        "actor_name",
        "actor_role",
        "actor_organisation",
        "action",
        "object_type",
        "object_id",
        "child_id",
        "purpose",
        "message",
        "actor_id",
        "code",
        "data",
        "purpose_note",
    ),
)

ALL_TABLES = (
    USER,
    CHILD,
    REPRESENTATIVE,
    EVENT,
    CASE,
    STATUS_CHANGE,
    MEMBER,
    REGIE,
    MEETING,
    ATTENDEE,
    AGREEMENT,
    PERSPECTIVE,
    NEED,
    ROUTE,
    ESCALATION,
    ASSESSMENT,
    AUDIT,
)


def at(day: date, hour: int = 10) -> str:
    return f"{day.isoformat()} {hour:02d}:00:00+00"


def _json(data: dict[str, Any]) -> str:
    return text(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


# ---------------------------------------------------------------- people and children


def user_lines(plan: Plan, password: str, now: str) -> Iterator[str]:
    for p in plan.people:
        email = f"{p.username}@nationaal.kring.invalid"
        yield line(
            p.id,
            password,
            None,
            False,
            p.username,
            p.first_name,
            p.last_name,
            email,
            False,
            True,
            now,
            p.role,
            "",
            "nl",
            p.organisation_id,
        )


def child_lines(
    plan: Plan, seal: Callable[[str], tuple[bytes, str]] | None, bsns: Iterator[str], now: str
) -> Iterator[str]:
    for c in plan.children:
        token, lookup = seal(next(bsns)) if seal is not None else (None, None)
        yield line(
            c.id,
            c.first_name,
            c.last_name,
            c.birth_date,
            token,
            lookup,
            c.postcode,
            c.vakantieregio,
            now,
            now,
            1,
            c.gemeente_id,
        )


def representative_lines(plan: Plan) -> Iterator[str]:
    for c in plan.children:
        for rep_id, name, relation, user_id in c.representatives:
            yield line(rep_id, name, relation, "", "", c.id, user_id)


def child_events(child: ChildPlan, cases: dict[int, CasePlan], reference: Reference) -> list[dict[str, Any]]:
    """The child's contract events in timeline order (with `_school_id` for the school column)."""
    if child.case_ids:
        return cases[child.case_ids[-1]].events
    return [child.inschrijving(reference)]


def event_lines(plan: Plan, reference: Reference, now: str) -> Iterator[str]:
    cases = {c.id: c for c in plan.cases}
    for c in plan.children:
        recorded_by = cases[c.case_ids[-1]].opened_by if c.case_ids else None
        pk = c.first_event_id
        for e in child_events(c, cases, reference):
            fields = {k: v for k, v in e.items() if k not in ("date", "type", "_school_id")}
            yield (
                f"{pk}\t{e['date']}\t{e['type']}\t{_json(fields)}\t\tf\t\t{now}\t{c.id}\t"
                f"{value(recorded_by)}\t{value(e.get('_school_id'))}"
            )
            pk += 1


# ---------------------------------------------------------------- cases


def case_lines(plan: Plan) -> Iterator[str]:
    for k in plan.cases:
        yield line(
            k.id,
            k.status,
            k.escalated,
            k.signal_kind,
            k.signal_description,
            k.opened_on,
            k.closed_on,
            k.closing_reason,
            1 + len(k.status_changes),
            at(k.opened_on),
            at(k.closed_on or k.opened_on),
            k.child.id,
            k.opened_by,
        )


def status_change_lines(plan: Plan, ids: Iterator[int]) -> Iterator[str]:
    for k in plan.cases:
        for from_status, to_status, reason, on, by in k.status_changes:
            yield line(next(ids), from_status, to_status, reason, on, at(on), k.id, by)


def member_lines(plan: Plan) -> Iterator[str]:
    for k in plan.cases:
        created = at(k.opened_on)
        for m in k.members:
            yield line(
                m.id,
                m.kind,
                m.name,
                m.role,
                m.contact_route,
                "volledig",
                True,
                m.joined_on,
                None,
                "",
                created,
                k.id,
                m.organisation_id,
                m.representative_id,
                m.user_id,
            )


def regie_lines(plan: Plan, ids: Iterator[int]) -> Iterator[str]:
    for k in plan.cases:
        if k.regie is None:
            continue
        member, user_id, since = k.regie
        yield line(
            next(ids),
            since,
            k.closed_on,
            "Kent het gezin en de school.",
            at(since),
            k.professionals[-1],
            k.id,
            member.id,
            user_id,
        )


def meeting_lines(plan: Plan) -> Iterator[str]:
    for k in plan.cases:
        for meeting_id, held_on, _attendees, notes, voice, evaluation in k.meetings:
            child_present = bool(voice)
            yield line(
                meeting_id,
                held_on,
                "",
                True,
                "",
                child_present,
                "" if child_present else "Het kind wilde er liever niet bij zijn.",
                voice,
                bool(voice),
                notes,
                at(held_on, 15),
                k.id,
                k.professionals[-1],
                evaluation,
            )


def attendee_lines(plan: Plan, ids: Iterator[int]) -> Iterator[str]:
    for k in plan.cases:
        for meeting_id, _held_on, attendees, *_rest in k.meetings:
            for member_id in attendees:
                yield f"{next(ids)}\t{meeting_id}\t{member_id}"


def agreement_lines(plan: Plan, ids: Iterator[int]) -> Iterator[str]:
    for k in plan.cases:
        for text_, owner, due, state, done_on, meeting_id in k.agreements:
            created = k.meetings[0][1] if k.meetings else k.opened_on
            yield line(
                next(ids),
                text_,
                due,
                state,
                done_on,
                "",
                at(created, 16),
                k.professionals[-1],
                k.id,
                owner,
                meeting_id,
            )


def perspective_lines(plan: Plan) -> Iterator[str]:
    for k in plan.cases:
        if k.perspective is None:
            continue
        pk, on, goals, weeks, _needs = k.perspective
        yield line(pk, on, True, True, goals, weeks, on, 1, at(on), k.id, k.professionals[-1])


def need_lines(plan: Plan, ids: Iterator[int]) -> Iterator[str]:
    for k in plan.cases:
        if k.perspective is None:
            continue
        for dimension, description in k.perspective[4]:
            yield line(next(ids), dimension, description, k.perspective[0])


def route_lines(plan: Plan, ids: Iterator[int]) -> Iterator[str]:
    for k in plan.cases:
        if k.route is None:
            continue
        kind, start, provider = k.route
        closed = k.closed_on is not None
        yield line(
            next(ids),
            kind,
            "12.0",
            "Een vaste plek en begeleiding, een paar dagdelen per week.",
            kind,
            "Begeleiding op school met een vaste begeleider.",
            provider,
            start,
            "12.0",
            k.closed_on,
            "eigen_school" if closed else "lopend",
            k.closed_on,
            "",
            at(start),
            k.id,
            None,
            k.professionals[-1],
        )


def escalation_lines(plan: Plan, ids: Iterator[int]) -> Iterator[str]:
    for k in plan.cases:
        if k.escalation is None:
            continue
        swv_id, reason, started, due = k.escalation
        yield line(
            next(ids),
            "handmatig",
            "",
            "",
            reason,
            started,
            started,
            due,
            None,
            at(started),
            k.id,
            k.professionals[-1],
            swv_id,
            None,
        )


# ---------------------------------------------------------------- the audit log

# (code, purpose, weight, by the family): views of the case page dominate, as in use. The action
# and the kind of data come from the code's declaration (`kring.privacy.audit.REGISTRY`).
AUDIT_KINDS = (
    ("case.viewed", "casusregie", 50, False),
    ("case.listed", "casusregie", 14, False),
    ("child.viewed", "leerplicht", 8, False),
    ("timeline.event_recorded", "leerplicht", 8, False),
    ("case.status_changed", "casusregie", 4, False),
    ("case.viewed", "family_access", 8, True),
    ("account.logged_in", "login", 8, False),
)
STATUS_LABELS = {
    "signaal": "Signaal",
    "verkenning": "Verkenning",
    "plan": "Plan",
    "uitvoering": "Uitvoering",
    "evaluatie": "Evaluatie",
    "afgesloten": "Afgesloten",
}
EVENT_LABELS: dict[str, str] = {}


def _event_label(event_type: str) -> str:
    if event_type not in EVENT_LABELS:
        from django.utils import translation

        from kring.children.models import EventType

        with translation.override("nl"):
            EVENT_LABELS[event_type] = str(EventType(event_type).label)
    return EVENT_LABELS[event_type]


@dataclass
class AuditContext:
    """What every chunk of the audit log reads (built once; the workers inherit it by fork)."""

    n: int
    first_id: int
    seed: int
    step: float
    days: list[str]
    cases: list[CasePlan]  # by the day they were opened
    opened: list[int]  # the day index each case was opened, in the same order
    person_by_id: dict[int, Any]
    actor_columns: dict[int, tuple[str, str, str]]
    kinds: list[tuple[str, str, str, str, bool]]
    weights: list[int]


AUDIT_CHUNK = 250_000


def audit_context(plan: Plan, reference: Reference, n: int, first_id: int, seed: int) -> AuditContext:
    from kring.privacy.audit import REGISTRY

    start = plan.today - timedelta(days=730)
    cases = sorted(plan.cases, key=lambda k: k.opened_on)
    return AuditContext(
        n=n,
        first_id=first_id,
        seed=seed,
        step=730 * 86400 / max(n, 1),
        days=[(start + timedelta(days=d)).isoformat() for d in range(731)],
        cases=cases,
        opened=[(k.opened_on - start).days for k in cases],
        person_by_id=plan.person_by_id,
        actor_columns={
            p.id: (
                text(p.display_name),
                text(role_label(p.role)),
                text(reference_name(reference, p.organisation_id)),
            )
            for p in plan.people
        },
        kinds=[
            (code, str(REGISTRY[code].action), REGISTRY[code].object_type, purpose, family)
            for code, purpose, _weight, family in AUDIT_KINDS
        ],
        weights=[k[2] for k in AUDIT_KINDS],
    )


def audit_chunks(context: AuditContext) -> list[tuple[int, int]]:
    return [(start, min(start + AUDIT_CHUNK, context.n)) for start in range(0, context.n, AUDIT_CHUNK)]


def audit_lines(plan: Plan, reference: Reference, n: int, *, first_id: int, seed: int) -> Iterator[str]:
    """`n` logbook lines, oldest first, spread evenly over the last two years (one line about every
    six seconds at the national figures): circle members viewing and changing their cases, parents
    reading their child's case, logins. Made in chunks, each with its own random sequence, so a
    chunk's lines do not depend on the chunks before it."""
    if not plan.cases or n <= 0:
        return
    context = audit_context(plan, reference, n, first_id, seed)
    for start, end in audit_chunks(context):
        yield from audit_chunk(context, start, end)


def audit_chunk(context: AuditContext, first: int, end: int) -> list[str]:
    """Lines `first` to `end` of the log: the same lines whichever process makes them (each chunk
    has its own random sequence, seeded by the chunk's start)."""
    rng = random.Random(context.seed * 1_000_003 + first)  # noqa: S311 - fictional data
    chosen = rng.choices(context.kinds, context.weights, k=end - first)
    step, days, cases, opened = context.step, context.days, context.cases, context.opened
    actor_columns, persons, first_id = context.actor_columns, context.person_by_id, context.first_id
    out: list[str] = []
    for i in range(first, end):
        code, action, object_type, purpose, family = chosen[i - first]
        seconds = i * step + rng.random() * step
        day_index = int(seconds // 86400)
        rest = seconds - day_index * 86400
        created = (
            f"{days[day_index]} {int(rest // 3600):02d}:{int(rest % 3600 // 60):02d}:{rest % 60:09.6f}+00"
        )
        eligible = bisect.bisect_right(opened, day_index)
        case = cases[rng.randrange(eligible)] if eligible else cases[0]
        child = case.child
        name = f"{child.first_name} {child.last_name}"
        if family and case.parent_user is not None:
            actor = case.parent_user
        elif family:
            purpose, actor = "casusregie", rng.choice(case.professionals)
        else:
            actor = rng.choice(case.professionals)
        actor_name, actor_role, actor_org = actor_columns[actor]
        if code == "case.viewed":
            object_id, child_id = case.id, child.id
            data = f'{{"case_id":{case.id}}}'
            message = f"De casus van {name} is bekeken."
        elif code == "case.listed":
            object_id, child_id = case.id, child.id
            data = f'{{"case_id":{case.id}}}'
            message = f"{name} stond in een lijst met casussen."
        elif code == "child.viewed":
            object_id, child_id = child.id, child.id
            data = f'{{"child_id":{child.id}}}'
            message = f"Het dossier van {name} is bekeken."
        elif code == "timeline.event_recorded":
            events = case.events
            index = rng.randrange(len(events))
            event = events[index]
            object_id, child_id = child.first_event_id + index, child.id
            data = (
                f'{{"event_id":{object_id},"event_type":"{event["type"]}","date":"{event["date"]}",'
                f'"recorded_as_violation":false}}'
            )
            message = (
                f"Op de tijdlijn van {name} is vastgelegd: {_event_label(event['type'])} op "
                f"{format_date_nl(date.fromisoformat(event['date']))}."
            )
        elif code == "case.status_changed" and case.status_changes:
            change = case.status_changes[rng.randrange(len(case.status_changes))]
            object_id, child_id = case.id, child.id
            data = f'{{"case_id":{case.id},"from_status":"{change[0]}","to_status":"{change[1]}"}}'
            message = (
                f"De casus van {name} ging van {STATUS_LABELS[change[0]]} naar {STATUS_LABELS[change[1]]}. "
                f"Reden: {change[2]}"
            )
        elif code == "case.status_changed":
            code, action, object_type = context.kinds[0][:3]  # case.viewed
            object_id, child_id = case.id, child.id
            data = f'{{"case_id":{case.id}}}'
            message = f"De casus van {name} is bekeken."
        else:  # account.logged_in
            object_id, child_id = actor, None
            data = f'{{"user_id":{actor}}}'
            message = f"{persons[actor].display_name} is ingelogd."
        out.append(
            f"{first_id + i}\t{created}\t{actor_name}\t{actor_role}\t{actor_org}\t{action}\t{object_type}\t"
            f"{object_id}\t{value(child_id)}\t{purpose}\t{text(message)}\t{actor}\t{code}\t{data}\t"
        )
    return out


def reference_name(reference: Reference, organisation_id: int | None) -> str:
    if organisation_id is None:
        return ""
    if organisation_id in reference.schools:
        return reference.schools[organisation_id].name
    if organisation_id in reference.swv_names:
        return reference.swv_names[organisation_id]
    return reference.gemeente_names.get(organisation_id, "")


_ = people  # the texts' module, imported for the tests' plain-text check
