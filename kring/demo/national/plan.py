"""What to generate: the professionals, the children and their cases, as plain Python records.

The plan is made in memory first (ids assigned here, so the tables can refer to each other), then
`tables` turns it into COPY lines. Every timeline is a list of contract events (SCENARIOS.md) that
the rules engine's parser accepts: an inschrijving at a real school location of the child's
samenwerkingsverband, and for a child with a case also absences, verzuimmeldingen, aanmeldingen at
other real schools with their decisions, the regievoerder, the ontwikkelperspectief, the route and
the evaluation rhythm, consistent with the case's phase (a case past `signaal` has a regievoerder,
past `plan` a perspective and a route, as the workflow requires).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from . import people
from .reference import SWV_SECTOR, Reference

VO_ENGINE_SECTORS = frozenset({"vo", "vso", "pro"})
OPEN_STATUSES = ("signaal", "verkenning", "plan", "uitvoering", "evaluatie")
OPEN_WEIGHTS = (20, 25, 20, 25, 10)
ORDER = ("signaal", "verkenning", "plan", "uitvoering", "evaluatie")


@dataclass(frozen=True)
class Counts:
    children: int
    cases: int
    closed_cases: int


@dataclass(slots=True)
class Person:
    id: int
    username: str
    first_name: str
    last_name: str
    role: str
    organisation_id: int | None

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(slots=True)
class ChildPlan:
    id: int
    first_name: str
    last_name: str
    birth_date: date
    postcode: str
    gemeente_id: int
    vakantieregio: str
    school_id: int
    sector: str  # the engine's sector of the enrolment (po, sbo, so, vso, vo, pro)
    enrolled_on: date
    swv_id: int | None  # the home SWV for the child's sector: its name is the norms' `regio`
    # (id, name, relation, user id or None) per legal representative
    representatives: list[tuple[int, str, str, int | None]]
    first_event_id: int = 0
    event_count: int = 1
    case_ids: list[int] = field(default_factory=list)

    def inschrijving(self, reference: Reference) -> dict[str, Any]:
        return {
            "date": self.enrolled_on.isoformat(),
            "type": "inschrijving",
            "school": reference.schools[self.school_id].name,
            "sector": self.sector,
            "_school_id": self.school_id,
        }


@dataclass(slots=True)
class Member:
    id: int
    kind: str
    joined_on: date
    user_id: int | None = None
    representative_id: int | None = None
    name: str = ""
    organisation_id: int | None = None
    role: str = ""
    contact_route: str = ""


@dataclass(slots=True)
class CasePlan:
    id: int
    child: ChildPlan
    status: str
    opened_on: date
    opened_by: int
    signal_kind: str
    signal_description: str
    closed_on: date | None = None
    closing_reason: str = ""
    escalated: bool = False
    members: list[Member] = field(default_factory=list)
    professionals: list[int] = field(default_factory=list)  # user ids of the circle's professionals
    parent_user: int | None = None
    # (from, to, reason, on, by) per phase change, oldest first
    status_changes: list[tuple[str, str, str, date, int]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)  # contract events (+ "_school_id")
    regie: tuple[Member, int, date] | None = None  # member, user, since
    # id, set on, goals, evaluation weeks, needs (dimension, description)
    perspective: tuple[int, date, str, int, list[tuple[str, str]]] | None = None
    route: tuple[str, date, str] | None = None  # kind, start, provider
    # (id, held_on, attendee member ids, notes, child voice, is_evaluation) per meeting
    meetings: list[tuple[int, date, list[int], str, str, bool]] = field(default_factory=list)
    # (text, owner member id, due, status, done_on, meeting id) per agreement
    agreements: list[tuple[str, int, date, str, date | None, int]] = field(default_factory=list)
    escalation: tuple[int, str, date, date] | None = None  # swv id, reason, started, due


@dataclass
class Plan:
    today: date
    assessed_on: date
    people: list[Person]
    children: list[ChildPlan]
    cases: list[CasePlan]
    school_staff: dict[int, list[int]]
    swv_staff: dict[int, list[int]]
    gemeente_staff: dict[int, list[int]]
    person_by_id: dict[int, Person]
    representative_count: int
    event_count: int


class Ids:
    """The next id per table, from the table's current highest id."""

    def __init__(self, start: dict[str, int]) -> None:
        self._next = {table: itertools.count(n + 1) for table, n in start.items()}

    def next(self, table: str) -> int:
        return next(self._next[table])


@functools.cache
def role_label(role: str) -> str:
    """The role's Dutch label, as `user.get_role_display()` writes it into the circle and the log."""
    from django.utils import translation

    from kring.accounts.roles import Role

    with translation.override("nl"):
        return str(Role(role).label)


def _date_between(rng: random.Random, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# ---------------------------------------------------------------- professionals


def plan_people(
    reference: Reference, ids: Ids, rng: random.Random
) -> tuple[list[Person], dict[int, list[int]], dict[int, list[int]], dict[int, list[int]]]:
    """Accounts per school (intern begeleider(s) and a schoolleider), per SWV (consulenten by the
    number of its schools, a directeur) and per gemeente (leerplichtambtenaren by inwoners)."""
    persons: list[Person] = []
    school_staff: dict[int, list[int]] = {}
    swv_staff: dict[int, list[int]] = {}
    gemeente_staff: dict[int, list[int]] = {}

    def person(prefix: str, role: str, organisation_id: int) -> int:
        pk = ids.next("accounts_user")
        persons.append(
            Person(
                id=pk,
                username=f"nl-{prefix}-{pk}",
                first_name=rng.choice(people.PARENT_FIRST_NAMES),
                last_name=rng.choice(people.LAST_NAMES),
                role=role,
                organisation_id=organisation_id,
            )
        )
        return pk

    for school in reference.schools.values():
        staff = [person("ib", "intern_begeleider", school.id)]
        if school.leerlingen > 600:
            staff.append(person("ib", "intern_begeleider", school.id))
        staff.append(person("schoolleider", "schoolleider", school.id))
        school_staff[school.id] = staff
    for swv_id in reference.swv_names:
        n_schools = sum(len(v) for v in reference.swv_schools.get(swv_id, {}).values())
        staff = [person("consulent", "swv_consulent", swv_id) for _ in range(max(2, n_schools // 12))]
        staff.append(person("directeur", "swv_directeur", swv_id))
        swv_staff[swv_id] = staff
    gemeenten_in_use = {a.gemeente_id for a in reference.areas}
    for gemeente_id in sorted(gemeenten_in_use):
        inwoners = reference.gemeente_inwoners.get(gemeente_id) or 0
        n = max(1, inwoners // 30_000)
        gemeente_staff[gemeente_id] = [person("lpa", "leerplichtambtenaar", gemeente_id) for _ in range(n)]
    return persons, school_staff, swv_staff, gemeente_staff


# ---------------------------------------------------------------- children


class SchoolChooser:
    """A school for a child of a home PC4 and an SWV sector: a school of the home SWV (weighted by
    its pupils), else one in the home gemeente, else any school of that sector."""

    def __init__(self, reference: Reference, rng: random.Random) -> None:
        self.reference = reference
        self.rng = rng
        self._cache: dict[tuple[Any, ...], tuple[list[int], list[int]]] = {}
        self._any = {
            group: [s.id for s in reference.schools.values() if SWV_SECTOR.get(s.sector) == group]
            for group in ("po", "vo")
        }

    def _pool(self, swv_id: int | None, gemeente_id: int, group: str) -> tuple[list[int], list[int]]:
        key = (swv_id, gemeente_id, group)
        if key not in self._cache:
            by_sector = self.reference.swv_schools.get(swv_id, {}) if swv_id else {}
            ids = [pk for sector, pks in by_sector.items() if SWV_SECTOR[sector] == group for pk in pks]
            if not ids:
                ids = list(self.reference.gemeente_schools.get(gemeente_id, {}).get(group, []))
            if not ids:
                ids = self._any[group]
            weights = [max(self.reference.schools[pk].leerlingen, 20) for pk in ids]
            self._cache[key] = (ids, list(itertools.accumulate(weights)))
        return self._cache[key]

    def choose(self, swv_id: int | None, gemeente_id: int, group: str) -> int:
        ids, cum = self._pool(swv_id, gemeente_id, group)
        return ids[bisect.bisect_right(cum, self.rng.random() * cum[-1])]

    def other(self, swv_id: int | None, gemeente_id: int, group: str, not_this: int) -> int:
        ids, _ = self._pool(swv_id, gemeente_id, group)
        for _ in range(4):
            pk = self.rng.choice(ids)
            if pk != not_this:
                return pk
        return not_this


def _engine_sector(school_sector: str, group: str) -> str:
    if school_sector == "so_vso":
        return "vso" if group == "vo" else "so"
    return school_sector


def plan_children(
    reference: Reference, counts: Counts, ids: Ids, rng: random.Random, *, assessed_on: date
) -> tuple[list[ChildPlan], SchoolChooser]:
    chooser = SchoolChooser(reference, rng)
    areas = reference.areas
    cum = list(itertools.accumulate(max(a.inwoners, 5) for a in areas))
    total = cum[-1]
    letters = people.POSTCODE_LETTERS
    children: list[ChildPlan] = []
    youngest = assessed_on - timedelta(days=4 * 365 + 5)
    span = 13 * 365 + 300  # 4 to almost 18 years old
    for _ in range(counts.children):
        area = areas[bisect.bisect_right(cum, rng.random() * total)]
        birth = youngest - timedelta(days=rng.randint(0, span))
        # PO from the 4th birthday; VO from the school year that starts after the 12th birthday.
        vo_start = date(birth.year + 12 + (1 if birth.month >= 10 else 0), 9, 1)
        group = "vo" if vo_start <= assessed_on else "po"
        swv_id = area.swv_vo if group == "vo" else area.swv_po
        school_id = chooser.choose(swv_id, area.gemeente_id, group)
        school = reference.schools[school_id]
        enrolled_on = vo_start if group == "vo" else _years_after(birth, 4) + timedelta(days=1)
        child_id = ids.next("children_child")
        last = rng.choice(people.LAST_NAMES)
        reps: list[tuple[int, str, str, int | None]] = []
        for k in range(1 if rng.random() < 0.4 else 2):
            relation = ("moeder", "vader")[k] if rng.random() < 0.97 else "voogd"
            reps.append(
                (
                    ids.next("children_legalrepresentative"),
                    f"{rng.choice(people.PARENT_FIRST_NAMES)} {last}",
                    relation,
                    None,
                )
            )
        children.append(
            ChildPlan(
                id=child_id,
                first_name=rng.choice(people.FIRST_NAMES),
                last_name=last,
                birth_date=birth,
                postcode=f"{area.pc4}{rng.choice(letters)}{rng.choice(letters)}",
                gemeente_id=area.gemeente_id,
                vakantieregio=reference.gemeente_vakantieregio.get(area.gemeente_id, school.vakantieregio),
                school_id=school_id,
                sector=_engine_sector(school.sector, group),
                enrolled_on=enrolled_on,
                swv_id=swv_id,
                representatives=reps,
            )
        )
    return children, chooser


# ---------------------------------------------------------------- cases


class CasePlanner:
    def __init__(
        self,
        reference: Reference,
        ids: Ids,
        rng: random.Random,
        chooser: SchoolChooser,
        staff: tuple[dict[int, list[int]], dict[int, list[int]], dict[int, list[int]]],
        person_by_id: dict[int, Person],
        new_parent: Any,
        *,
        today: date,
        assessed_on: date,
    ) -> None:
        self.reference = reference
        self.ids = ids
        self.rng = rng
        self.chooser = chooser
        self.school_staff, self.swv_staff, self.gemeente_staff = staff
        self.person_by_id = person_by_id
        self.new_parent = new_parent
        self.today = today
        self.last_day = assessed_on

    def _member(self, kind: str, joined_on: date, **values: Any) -> Member:
        return Member(id=self.ids.next("cases_circlemember"), kind=kind, joined_on=joined_on, **values)

    def _professional(self, user_id: int, kind: str, joined_on: date) -> Member:
        person = self.person_by_id[user_id]
        return self._member(
            kind,
            joined_on,
            user_id=user_id,
            organisation_id=person.organisation_id,
            role=role_label(person.role),
            contact_route=f"{person.username}@nationaal.kring.invalid",
        )

    def plan(self, child: ChildPlan, *, closed: bool) -> CasePlan:
        rng = self.rng
        last = self.last_day
        if closed:
            opened_on = _date_between(rng, self.today - timedelta(days=730), self.today - timedelta(days=90))
            status = rng.choices(OPEN_STATUSES, OPEN_WEIGHTS)[0]
        else:
            opened_on = _date_between(rng, self.today - timedelta(days=540), self.today - timedelta(days=3))
            status = rng.choices(OPEN_STATUSES, OPEN_WEIGHTS)[0]
        opened_on = max(opened_on, child.enrolled_on + timedelta(days=30))
        if opened_on > last - timedelta(days=2):
            opened_on = last - timedelta(days=2)
        signal_kind, signal_text = rng.choice(people.SIGNALS)
        ib = rng.choice(self.school_staff[child.school_id])
        lpa = rng.choice(self.gemeente_staff[child.gemeente_id])
        opener = lpa if signal_kind == "verzuim" else ib
        case = CasePlan(
            id=self.ids.next("cases_case"),
            child=child,
            status=status,
            opened_on=opened_on,
            opened_by=opener,
            signal_kind=signal_kind,
            signal_description=signal_text,
        )
        child.case_ids.append(case.id)
        # The circle: the parents, the child, the opener (as open_case does), then the others.
        if child.representatives and child.representatives[0][3] is None:
            first = child.representatives[0]
            child.representatives[0] = (first[0], first[1], first[2], self.new_parent(first))
        case.parent_user = child.representatives[0][3]
        for rep_id, _name, relation, _user in child.representatives:
            case.members.append(self._member("ouder", opened_on, representative_id=rep_id, role=relation))
        case.members.append(self._member("kind", opened_on, name=child.first_name, role="kind"))
        school_member = self._professional(ib, "school", opened_on)
        lpa_member = self._professional(lpa, "leerplicht", opened_on)
        case.members += [school_member, lpa_member] if opener == ib else [lpa_member, school_member]
        case.professionals = [ib, lpa]
        stage = ORDER.index(status)
        swv_member = None
        swv_id = child.swv_id if child.swv_id in self.swv_staff else None
        if stage >= 1 and swv_id is not None:
            consulent = rng.choice(self.swv_staff[swv_id][:-1] or self.swv_staff[swv_id])
            swv_member = self._professional(consulent, "swv", opened_on + timedelta(days=rng.randint(1, 10)))
            swv_member.joined_on = min(swv_member.joined_on, last)
            case.members.append(swv_member)
            case.professionals.append(consulent)
        # The timeline and the plan, phase by phase.
        events: list[dict[str, Any]] = [child.inschrijving(self.reference)]
        absence_from = max(child.enrolled_on + timedelta(days=14), opened_on - timedelta(days=120))
        day = absence_from
        end_of_story = last
        if closed:
            end_of_story = min(last, opened_on + timedelta(days=rng.randint(40, 300)))
            end_of_story = max(end_of_story, opened_on + timedelta(days=1))
        for _ in range(rng.randint(1, 5)):
            day += timedelta(days=rng.randint(5, 30))
            until = day + timedelta(days=rng.randint(0, 6))
            if until >= min(opened_on, end_of_story):
                break
            events.append(
                {
                    "date": day.isoformat(),
                    "type": "afwezig",
                    "reden": rng.choice(("ongeoorloofd", "ongeoorloofd", "ziek")),
                    "to": until.isoformat(),
                }
            )
            if rng.random() < 0.4:
                events.append({"date": (until + timedelta(days=1)).isoformat(), "type": "verzuimmelding"})
            day = until
        at_home = (not closed and signal_kind == "thuiszitten") or rng.random() < 0.08
        if at_home and not closed:
            since = _date_between(
                rng, opened_on - timedelta(days=30), min(opened_on + timedelta(days=20), last)
            )
            if since > day:
                events.append({"date": since.isoformat(), "type": "afwezig", "reden": "ongeoorloofd"})
                if rng.random() < 0.7 and since + timedelta(days=3) <= last:
                    events.append({"date": (since + timedelta(days=3)).isoformat(), "type": "verzuimmelding"})
        group = "vo" if child.sector in VO_ENGINE_SECTORS else "po"
        if signal_kind == "aanmelding_stokt" or rng.random() < 0.2:
            applied = _date_between(rng, opened_on, min(opened_on + timedelta(days=30), end_of_story))
            other = self.chooser.other(child.swv_id, child.gemeente_id, group, child.school_id)
            name = self.reference.schools[other].name
            events.append(
                {"date": applied.isoformat(), "type": "aanmelding", "school": name, "_school_id": other}
            )
            decided = applied + timedelta(days=rng.randint(20, 45))
            if (closed or rng.random() < 0.5) and decided <= end_of_story:
                events.append(
                    {
                        "date": decided.isoformat(),
                        "type": "aanmelding_besluit",
                        "school": name,
                        "outcome": rng.choice(("toegelaten", "afgewezen")),
                        "_school_id": other,
                    }
                )
        # Phases: each step a few weeks after the last, never after the end of the story.
        step_day = opened_on
        phases = ORDER[: stage + 1]
        for previous, current in itertools.pairwise(phases):
            step_day = min(step_day + timedelta(days=rng.randint(7, 40)), end_of_story)
            actor = case.professionals[-1]
            case.status_changes.append((previous, current, people.STATUS_REASONS[current], step_day, actor))
            if current == "verkenning":
                regie_member = swv_member or lpa_member
                regie_user = regie_member.user_id
                assert regie_user is not None
                case.regie = (regie_member, regie_user, step_day)
                events.append(
                    {
                        "date": step_day.isoformat(),
                        "type": "regievoerder_aangewezen",
                        "naam": self.person_by_id[regie_user].display_name,
                    }
                )
            if current == "uitvoering":
                needs = rng.sample(people.NEEDS, rng.randint(1, 3))
                weeks = rng.choice((4, 6, 8))
                case.perspective = (
                    self.ids.next("cases_perspective"),
                    step_day,
                    rng.choice(people.GOALS),
                    weeks,
                    needs,
                )
                kind = rng.choice(people.ROUTE_KINDS)
                case.route = (kind, step_day, rng.choice(people.ROUTE_PROVIDERS))
                events.append({"date": step_day.isoformat(), "type": "ontwikkelperspectief_vastgesteld"})
                events.append({"date": step_day.isoformat(), "type": "route_vastgesteld", "soort": kind})
                events.append(
                    {"date": step_day.isoformat(), "type": "evaluatiefrequentie_vastgesteld", "weken": weeks}
                )
        case.status = status
        # Meetings and agreements from verkenning on.
        if stage >= 1:
            attendees = [m.id for m in case.members if m.kind != "kind"]
            meeting_day = opened_on
            for index in range(rng.randint(1, 3)):
                meeting_day = min(meeting_day + timedelta(days=rng.randint(10, 35)), end_of_story)
                voice = rng.choice(people.CHILD_VOICES) if rng.random() < 0.6 else ""
                meeting_id = self.ids.next("cases_meeting")
                case.meetings.append(
                    (
                        meeting_id,
                        meeting_day,
                        attendees,
                        rng.choice(people.MEETING_NOTES),
                        voice,
                        stage >= 4 and index > 0,
                    )
                )
                for _ in range(rng.randint(1, 2)):
                    owner = rng.choice([m for m in case.members if m.kind not in ("kind",)])
                    due = meeting_day + timedelta(days=rng.randint(7, 42))
                    done = due <= last and rng.random() < 0.6
                    state = "done" if done else "open"
                    case.agreements.append(
                        (
                            rng.choice(people.AGREEMENTS),
                            owner.id,
                            due,
                            state,
                            min(due, last) if done else None,
                            meeting_id,
                        )
                    )
        if closed:
            case.closed_on = max(end_of_story, step_day, opened_on)
            case.closing_reason = rng.choice(people.CLOSING_REASONS)
            case.status_changes.append(
                (status, "afgesloten", case.closing_reason, case.closed_on, case.professionals[-1])
            )
            case.status = "afgesloten"
        elif stage >= 2 and swv_id is not None and rng.random() < 0.06:
            started = _date_between(rng, step_day, last)
            case.escalation = (
                swv_id,
                rng.choice(people.ESCALATION_REASONS),
                started,
                started + timedelta(days=14),
            )
            case.escalated = True
        case.events = sorted((e for e in events if e["date"] <= last.isoformat()), key=lambda e: e["date"])
        return case


def choose_case_children(rng: random.Random, n_children: int, counts: Counts) -> tuple[list[int], list[int]]:
    """Indexes of the children with an open case and of those with a closed one (no child both)."""
    wanted = counts.cases + counts.closed_cases
    if wanted > n_children:
        raise ValueError(f"{wanted} casussen vragen om minstens zoveel kinderen (er zijn er {n_children})")
    picked = rng.sample(range(n_children), wanted)
    return sorted(picked[: counts.cases]), sorted(picked[counts.cases :])
