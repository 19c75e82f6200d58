"""What every legal domain reads: the `Context` of one assessment, built once by `engine.assess`.

The context holds the scenario's facts in the shapes the domains need (events per type, the
enrolments, the absence per school day, the leerplicht dates) plus small helpers for the status
and the explanation of an obligation. Pure: no clock, no I/O, no Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import NamedTuple, TypeVar

from kring.rules import catalog
from kring.rules.catalog import NormSettings, Rule
from kring.rules.facts import Afwezig, Event, Inschrijving, Reden, Scenario, Uitschrijving, Vrijstelling
from kring.rules.kalender import ONE_DAY, Calendar, format_date_nl
from kring.rules.results import (
    Bewaartermijn,
    Leerplicht,
    LeerplichtStatus,
    Obligation,
    ObligationStatus,
    Termijn,
    TermijnStatus,
    Tlv,
    Violation,
)

_E = TypeVar("_E", bound=Event)


class Findings(NamedTuple):
    """What one legal domain found: obligations (a duty with a term) and violations; catalog v2
    adds the family's terms, retention periods and running TLVs (empty for most domains)."""

    obligations: list[Obligation]
    violations: list[Violation]
    termijnen: Sequence[Termijn] = ()
    bewaartermijnen: Sequence[Bewaartermijn] = ()
    tlv: Sequence[Tlv] = ()


_versions: dict[str, tuple[Rule, ...]] = {}
_version_on: dict[tuple[str, date], Rule | None] = {}
_changes: dict[str, tuple[date, ...]] = {}
_versions_of: tuple[Rule, ...] = ()


def rule_versions(rule_id: str) -> tuple[Rule, ...]:
    """The versions of `rule_id`, oldest first (raises KeyError for an unknown rule).

    Memoised for the catalog's current `RULES` (the cache is dropped when `RULES` is replaced)."""
    global _versions_of
    if _versions_of is not catalog.RULES:
        _versions.clear()
        _version_on.clear()
        _changes.clear()
        _versions_of = catalog.RULES
    versions = _versions.get(rule_id)
    if versions is None:
        versions = tuple(sorted(catalog.rule_versions(rule_id), key=lambda r: r.valid_from or date.min))
        if not versions:
            raise KeyError(rule_id)
        _versions[rule_id] = versions
    return versions


def rule_on(rule_id: str, on: date) -> Rule | None:
    """`catalog.rule_for(rule_id, on)` without its per-call sorting: the version valid on `on`.

    Memoised per (rule, day) alongside `rule_versions` (dropped when `catalog.RULES` is replaced)."""
    key = (rule_id, on)
    if _versions_of is catalog.RULES and key in _version_on:
        return _version_on[key]
    found: Rule | None = None
    for rule in reversed(rule_versions(rule_id)):  # also drops a stale memo
        if rule.applies_on(on):
            found = rule
            break
    if len(_version_on) >= _VERSION_ON_MAX:
        _version_on.clear()
    _version_on[key] = found
    return found


_VERSION_ON_MAX = 65536  # (rule, day) pairs remembered; the days recur across timelines


def version_changes(rule_id: str) -> tuple[date, ...]:
    """The days on which the version of `rule_id` in force changes (a version starts or has ended).

    Memoised alongside `rule_versions` (dropped when `catalog.RULES` is replaced)."""
    versions = rule_versions(rule_id)  # also drops a stale memo
    changes = _changes.get(rule_id)
    if changes is None:
        days: set[date] = set()
        for rule in versions:
            if rule.valid_from is not None:
                days.add(rule.valid_from)
            if rule.valid_to is not None and rule.valid_to < date.max:
                days.add(rule.valid_to + ONE_DAY)
        changes = _changes[rule_id] = tuple(sorted(days))
    return changes


nl = format_date_nl  # `13 oktober 2025` (memoised)


def status_of(due: date | None, done: date | None, as_of: date) -> ObligationStatus:
    if done is not None:
        return ObligationStatus.MET if due is None or done <= due else ObligationStatus.MET_LATE
    if due is not None and as_of > due:
        return ObligationStatus.OVERDUE
    return ObligationStatus.OPEN


def explain(rule: Rule, status: ObligationStatus, **values: object) -> str:
    """The rule's `base` sentence, followed by the sentence for `status` when the rule has one."""
    entry = _templates.get(id(rule))
    template = entry[1].get(status) if entry is not None and entry[0] is rule else None
    if template is None:  # not yet memoised (the lookup above is `explanation_template`, inline)
        template = explanation_template(rule, status)
    return template.format_map(values)


_templates: dict[int, tuple[Rule, dict[str, str]]] = {}  # id(rule) -> (rule, status -> template)


def explanation_template(rule: Rule, status: ObligationStatus) -> str:
    """`base`, a space and the template of `status` (just `base` when the rule has none), as one
    template; memoised per rule object (the memo holds the rule, so its id is not reused)."""
    entry = _templates.get(id(rule))
    if entry is None or entry[0] is not rule:
        entry = _templates[id(rule)] = (rule, {})
    by_status = entry[1]
    template = by_status.get(status)
    if template is None:
        templates = rule.templates
        template = templates["base"]
        if status in templates:  # a StrEnum: its value is the key
            template += " " + templates[status]
        by_status[status] = template
    return template


def explain_termijn(rule: Rule, status: TermijnStatus, **values: object) -> str:
    """Catalog v2: the sentence of a family's term (`termijnen`): the rule's `termijn` template and
    the one of its status (`termijn_open`, `termijn_verstreken`)."""
    templates = rule.templates
    return (templates["termijn"] + " " + templates["termijn_" + status._value_]).format_map(values)


def join_nl(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


@dataclass
class Enrolment:
    school: str
    start: date
    inschrijving: Inschrijving
    end: date | None = None  # first day no longer enrolled

    def contains(self, d: date) -> bool:
        return self.start <= d and (self.end is None or d < self.end)


@dataclass
class Context:
    scenario: Scenario
    calendar: Calendar
    norms: NormSettings
    events: tuple[Event, ...]
    leerplicht: Leerplicht
    as_of: date
    regio: str
    by_type: dict[type[Event], list[Event]] = field(default_factory=dict)
    enrolments: list[Enrolment] = field(default_factory=list)
    absence: dict[date, tuple[Reden, Decimal]] = field(default_factory=dict)

    def of(self, cls: type[_E]) -> list[_E]:
        """The events of one type, in timeline order (do not change the list)."""
        return self.by_type.get(cls, [])  # type: ignore[return-value]

    def is_school_day(self, d: date) -> bool:
        return self.calendar.is_school_day(d, self.regio)

    def status_on(self, d: date) -> LeerplichtStatus:
        return self.leerplicht.status_on(d)

    def plichtig_on(self, d: date) -> bool:
        return self.status_on(d) in (LeerplichtStatus.LEERPLICHTIG, LeerplichtStatus.KWALIFICATIEPLICHTIG)

    def enrolment_on(self, d: date, *, exclude: str | None = None) -> Enrolment | None:
        """The enrolment running on `d` (the most recent one when several run)."""
        found: Enrolment | None = None
        for en in self.enrolments:
            if en.contains(d) and en.school != exclude:
                found = en
        return found

    def enrolled_at(self, school: str, d: date) -> Enrolment | None:
        """The enrolment at `school` running on `d` (SCENARIOS.md v2, "enrolled at school S on day
        X"), or None."""
        for en in self.enrolments:
            if en.school == school and en.contains(d):
                return en
        return None

    def school_on(self, d: date) -> str | None:
        if len(self.enrolments) == 1:  # the usual case, asked for every day LPW-20 visits
            only = self.enrolments[0]
            return only.school if only.start <= d and (only.end is None or d < only.end) else None
        en = self.enrolment_on(d)
        return en.school if en else None

    def vrijstelling_on(self, d: date) -> bool:
        return any(v.running_on(d) for v in self.of(Vrijstelling))

    def holiday_adjusted_days(self, since: date) -> int:
        return self.calendar.days_excluding_holidays(since, self.as_of, self.regio)


def build_enrolments(events: Iterable[Event]) -> list[Enrolment]:
    """The enrolments of `events` (in timeline order: only inschrijving and uitschrijving matter)."""
    enrolments: list[Enrolment] = []
    open_by_school: dict[str, Enrolment] = {}
    for e in events:
        if isinstance(e, Inschrijving) and e.school not in open_by_school:
            en = Enrolment(school=e.school, start=e.date, inschrijving=e)
            enrolments.append(en)
            open_by_school[e.school] = en
        elif isinstance(e, Uitschrijving) and e.school in open_by_school:
            open_by_school.pop(e.school).end = e.date
    return enrolments


_by_index = attrgetter("index")


def build_absence(ctx: Context) -> dict[date, tuple[Reden, Decimal]]:
    """Per school day up to as_of: the reden and hours of the covering `afwezig` with the highest index."""
    result: dict[date, tuple[Reden, Decimal]] = {}
    spells = ctx.of(Afwezig)
    if not spells:
        return result
    as_of = ctx.as_of
    # every spell starts on or after the first one's date and ends by as_of: one table covers them all
    table = ctx.calendar.day_table(ctx.regio, spells[0].date, as_of)
    for a in sorted(spells, key=_by_index):
        end = a.to if a.to is not None and a.to < as_of else as_of
        value = (a.reden, a.hours_per_day)
        for d in table.school_days_between(a.date, end):  # a few days: cheaper than dict.fromkeys
            result[d] = value
    return result


DEFAULT_NORMS = NormSettings()  # immutable, so one object serves every assessment without norms


def build_context(
    scenario: Scenario, calendar: Calendar, norms: NormSettings | None, leerplicht: Leerplicht
) -> Context:
    events = scenario.known_events
    by_type: dict[type[Event], list[Event]] = {}
    for e in events:
        by_type.setdefault(type(e), []).append(e)
    ctx = Context(
        scenario=scenario,
        calendar=calendar,
        norms=norms or DEFAULT_NORMS,
        events=events,
        leerplicht=leerplicht,
        as_of=scenario.as_of,
        regio=scenario.vakantieregio._value_,  # `.value`, without the enum property
        by_type=by_type,
    )
    if Uitschrijving in by_type:
        ctx.enrolments = build_enrolments(events)
    else:  # the same answer, from the inschrijvingen alone
        ctx.enrolments = build_enrolments(by_type.get(Inschrijving, ()))
    ctx.absence = build_absence(ctx)
    return ctx
