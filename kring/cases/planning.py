"""Services for the ontwikkelperspectief, the route and the evaluation rhythm (KR-3M elements 2–4).

What the child NEEDS (needs per dimension, `Route.needed_*`), what was OFFERED (`Route.kind`,
`offered_summary`, provider, hours) and where the child ENDED UP (`Route.outcome`) are kept apart,
so a region can compare demand with supply later.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from kring.access import policy
from kring.children.models import EventType
from kring.core.dates import refuse_past_acts
from kring.organisations.models import Organisation
from kring.privacy.text import refuse_bsn_in_text

from . import audit
from .guards import (
    CaseRefused,
    StaleVersion,
    bump_version,
    record_contract_event,
    require_date,
    require_edit,
    require_text,
)
from .models import Case, Dimension, Meeting, NeedDimension, Perspective, Route, RouteKind, RouteOutcome

if TYPE_CHECKING:
    from kring.accounts.models import User


def _perspective_of(case: Case) -> Perspective | None:
    return Perspective.objects.filter(case=case).first()


@transaction.atomic
def set_perspective(
    *,
    actor: User,
    case: Case,
    set_on: date,
    set_with_parents: bool,
    set_with_child: bool,
    goals: str,
    needs: Mapping[str, str],
    expected_version: int | None = None,
) -> Perspective:
    """Set (or change) the ontwikkelperspectief with the child's needs on several dimensions.

    `needs` maps a dimension (`Dimension`) to free text: several dimensions, never one label for the
    child. `expected_version` is None for the first perspective and the version the form showed
    for a change. Only a perspective set together with parents AND child counts for the
    three-month norm: then the contract event `ontwikkelperspectief_vastgesteld` is recorded.
    """
    refuse_bsn_in_text(goals=goals, needs=" ".join(str(v) for v in needs.values()))
    require_edit(actor, case, policy.Act.CHANGE_PLAN)
    require_date(set_on, field="set_on")
    refuse_past_acts(today=timezone.localdate(), birth_date=case.child.birth_date, set_on=set_on)
    text = require_text(
        goals, gettext("Schrijf de doelen op: waar werkt de kring samen naartoe?"), field="goals"
    )
    cleaned = {dim: (desc or "").strip() for dim, desc in needs.items() if (desc or "").strip()}
    unknown = [dim for dim in cleaned if dim not in Dimension.values]
    if unknown:
        raise CaseRefused(
            gettext("Kies voor elke behoefte een gebied uit de lijst."), field="needs", code="dimension"
        )
    if not cleaned:
        raise CaseRefused(
            gettext(
                "Beschrijf wat het kind nodig heeft, op minstens één gebied (bijvoorbeeld leren of welzijn)."
            ),
            field="needs",
            code="needs",
        )
    current = _perspective_of(case)
    values = {
        "set_on": set_on,
        "set_with_parents": set_with_parents,
        "set_with_child": set_with_child,
        "goals": text,
        "updated_by": actor,
    }
    if current is None:
        if expected_version is not None:
            raise StaleVersion(gettext("het ontwikkelperspectief"))
        perspective = Perspective.objects.create(case=case, **values)
        verb = "vastgesteld"
    else:
        if expected_version is None:
            raise StaleVersion(gettext("het ontwikkelperspectief"))
        bump_version(
            Perspective, current.pk, expected_version, what=gettext("het ontwikkelperspectief"), **values
        )
        perspective = Perspective.objects.get(pk=current.pk)
        verb = "gewijzigd"
    perspective.needs.exclude(dimension__in=cleaned.keys()).delete()
    for dim, desc in cleaned.items():
        NeedDimension.objects.update_or_create(
            perspective=perspective, dimension=dim, defaults={"description": desc}
        )
    joint = set_with_parents and set_with_child
    if joint:
        record_contract_event(
            actor=actor, case=case, type=EventType.ONTWIKKELPERSPECTIEF_VASTGESTELD, day=set_on, data={}
        )
    audit.perspective_set(
        actor=actor,
        case=case,
        perspective=perspective,
        created=verb == "vastgesteld",
        joint=joint,
        dimensions=cleaned,
    )
    return perspective


def _hours(value: object, message: str, *, field: str) -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise CaseRefused(message, field=field, code="hours") from None
    if not Decimal(0) <= hours <= Decimal(40):
        raise CaseRefused(message, field=field, code="hours")
    return hours


@transaction.atomic
def set_route(
    *,
    actor: User,
    case: Case,
    kind: str,
    start_on: date,
    provider: str,
    hours_per_week: Decimal | int | float,
    needed_kind: str,
    needed_summary: str = "",
    needed_hours_per_week: Decimal | int | float | None = None,
    offered_summary: str = "",
    provider_organisation: Organisation | None = None,
) -> Route:
    """Agree a concrete route. A running route ends the day before the new one starts.

    `needed_kind`/`needed_*`: what the child needs; `kind`/`offered_summary`/provider/hours: what is
    offered and agreed. Records the contract event `route_vastgesteld` with `soort` = `kind`.
    """
    refuse_bsn_in_text(needed_summary=needed_summary, offered_summary=offered_summary, provider=provider)
    require_edit(actor, case, policy.Act.CHANGE_PLAN)
    require_date(start_on, gettext("Vul de startdatum van de route in."), field="start_on")
    refuse_past_acts(today=timezone.localdate(), birth_date=case.child.birth_date, start_on=start_on)
    for field, value in (("kind", kind), ("needed_kind", needed_kind)):
        if value not in RouteKind.values:
            raise CaseRefused(gettext("Kies de soort route uit de lijst."), field=field, code="kind")
    name = require_text(provider, gettext("Vul in wie de route aanbiedt."), field="provider")
    hours = _hours(
        hours_per_week, gettext("Vul het aantal uren per week in (0 tot en met 40)."), field="hours_per_week"
    )
    needed_hours = (
        None
        if needed_hours_per_week is None
        else _hours(
            needed_hours_per_week,
            gettext("Vul het aantal uren dat nodig is in (0 tot en met 40)."),
            field="needed_hours_per_week",
        )
    )
    running = Route.objects.select_for_update().filter(case=case, end_on__isnull=True).first()
    if running is not None:
        if start_on <= running.start_on:
            raise CaseRefused(
                gettext("De nieuwe route moet later starten dan de route die nu loopt."),
                field="start_on",
                code="start",
            )
        running.end_on = start_on - timedelta(days=1)
        running.save(update_fields=["end_on"])
    route = Route.objects.create(
        case=case,
        kind=kind,
        needed_kind=needed_kind,
        needed_summary=(needed_summary or "").strip(),
        needed_hours_per_week=needed_hours,
        offered_summary=(offered_summary or "").strip(),
        provider=name,
        provider_organisation=provider_organisation,
        start_on=start_on,
        hours_per_week=hours,
        recorded_by=actor,
    )
    record_contract_event(
        actor=actor, case=case, type=EventType.ROUTE_VASTGESTELD, day=start_on, data={"soort": kind}
    )
    audit.route_started(actor=actor, case=case, route=route, place=name)
    return route


@transaction.atomic
def record_route_outcome(*, actor: User, route: Route, outcome: str, on: date, note: str = "") -> Route:
    """Record where the child ended up after this route (apart from what it needed and was offered)."""
    refuse_bsn_in_text(note=note)
    case = route.case
    require_edit(actor, case, policy.Act.CHANGE_PLAN)
    require_date(on, field="on")
    if outcome not in RouteOutcome.values or outcome == RouteOutcome.LOPEND:
        raise CaseRefused(gettext("Kies waar het kind terecht is gekomen."), field="outcome", code="outcome")
    if on < route.start_on:
        raise CaseRefused(gettext("De datum ligt voor de start van de route."), field="on")
    route.outcome = outcome
    route.outcome_on = on
    route.outcome_note = (note or "").strip()
    if route.end_on is None:
        route.end_on = on
    route.save(update_fields=["outcome", "outcome_on", "outcome_note", "end_on"])
    audit.route_outcome(actor=actor, case=case, route=route)
    return route


@transaction.atomic
def set_evaluation_rhythm(
    *, actor: User, case: Case, weeks: int, set_on: date, expected_version: int
) -> Perspective:
    """Agree a fixed evaluation rhythm with parents and child (every `weeks` weeks).

    Records the contract event `evaluatiefrequentie_vastgesteld` with `weken`.
    """
    require_edit(actor, case, policy.Act.CHANGE_PLAN)
    require_date(set_on, field="set_on")
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= 52:
        raise CaseRefused(
            gettext("Vul in om de hoeveel weken jullie evalueren (1 tot en met 52)."),
            field="weeks",
            code="weeks",
        )
    current = _perspective_of(case)
    if current is None:
        raise CaseRefused(
            gettext("Leg eerst het ontwikkelperspectief vast. Het evaluatieritme hoort daarbij."),
            code="no_perspective",
        )
    bump_version(
        Perspective,
        current.pk,
        expected_version,
        what=gettext("het ontwikkelperspectief"),
        evaluation_every_weeks=weeks,
        evaluation_set_on=set_on,
        updated_by=actor,
    )
    record_contract_event(
        actor=actor,
        case=case,
        type=EventType.EVALUATIEFREQUENTIE_VASTGESTELD,
        day=set_on,
        data={"weken": weeks},
    )
    audit.evaluation_rhythm_set(actor=actor, case=case, perspective=current, weeks=weeks)
    return Perspective.objects.get(pk=current.pk)


# ---------------------------------------------------------------- the next evaluation


@dataclass(frozen=True)
class NextEvaluation:
    """When the circle evaluates next: the last evaluation (or the day the rhythm was agreed) plus
    the rhythm's weeks. `late` when that day has passed."""

    due: date
    weeks: int
    last: date | None  # the last meeting recorded as the evaluation, if any since the rhythm
    late: bool


def next_evaluation_from(
    *, weeks: int | None, set_on: date | None, last: date | None, today: date
) -> NextEvaluation | None:
    """The rule on plain values (the case page, the list and the agenda all use it)."""
    if not weeks or set_on is None:
        return None
    since = last if last is not None and last >= set_on else set_on
    due = since + timedelta(weeks=weeks)
    return NextEvaluation(due=due, weeks=weeks, last=since if since != set_on else None, late=today > due)


def last_evaluation(case: Case, *, since: date | None) -> date | None:
    rows = Meeting.objects.filter(case=case, is_evaluation=True)
    if since is not None:
        rows = rows.filter(held_on__gte=since)
    return rows.order_by("-held_on").values_list("held_on", flat=True).first()


def next_evaluation(case: Case, *, today: date) -> NextEvaluation | None:
    """The next evaluation of an open case with an evaluation rhythm (None: no rhythm, or closed)."""
    if not case.is_open:
        return None
    perspective = _perspective_of(case)
    if perspective is None or not perspective.evaluation_every_weeks:
        return None
    return next_evaluation_from(
        weeks=perspective.evaluation_every_weeks,
        set_on=perspective.evaluation_set_on,
        last=last_evaluation(case, since=perspective.evaluation_set_on),
        today=today,
    )
