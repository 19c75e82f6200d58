"""The family's view of one child (/casussen/gezin/<child_id>/): the whole file in plain Dutch.

Who directs the work and how to reach them, the circle, what is agreed, the plan and its history,
the deadlines that protect the child, what the institutions owe, the timeline in sentences, and the
rights that apply with the region's ouder- en jeugdsteunpunt. Read-only. The access policy decides
which child (`policy.require_family_child`); every read is audited (the child's file, and each case
shown) with the purpose "inzage door het gezin".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kring.access import policy
from kring.cases import zienswijzen
from kring.cases.audit import case_viewed
from kring.cases.forms_work import current_user, today, work_view
from kring.cases.models import (
    OPEN_STATUSES,
    AgreementStatus,
    Case,
    Meeting,
    Perspective,
    Route,
    RouteOutcome,
)
from kring.cases.planning import next_evaluation
from kring.children.audit import child_viewed
from kring.children.duties import institution_duties
from kring.children.models import Child, TimelineEvent
from kring.children.readmodel import current_assessment
from kring.children.selectors import age_on, child_timeline
from kring.desk.selectors.links import family_links_by_case
from kring.privacy.models import AuditEvent
from kring.privacy.purposes import Purpose
from kring.privacy.rendering import render as render_audit

from .family_words import event_sentence, rights_for, term
from .retention import retention_lines
from .views import _family_case

PURPOSE_FAMILY = Purpose.FAMILY_ACCESS

# The logbook lines that tell the plan's history (the perspective is changed in place: its earlier
# texts are not kept, only when it was set or changed, by whom, and the routes one after another).
PLAN_CODES = (
    "plan.perspective_set",
    "plan.perspective_changed",
    "plan.evaluation_rhythm_set",
    "plan.route_started",
    "plan.route_outcome",
)
OUT_OF_SCHOOL = frozenset({"absoluut_verzuim", "langdurig_relatief_verzuim"})


@dataclass
class PlanStep:
    on: date
    sentence: str
    who: str


@dataclass
class TimelineLine:
    event: TimelineEvent
    sentence: str


def _plan_history(child: Child, case: Case) -> list[PlanStep]:
    rows = AuditEvent.objects.filter(child_id=child.pk, code__in=PLAN_CODES).order_by("created_at", "pk")
    steps = []
    for row in rows:
        if (row.data or {}).get("case_id") != case.pk:
            continue
        who = row.actor_name + (f", {row.actor_organisation}" if row.actor_organisation else "")
        steps.append(PlanStep(on=row.created_at.date(), sentence=render_audit(row), who=who))
    return steps


def _steunpunten(child: Child, *, day: date) -> list[Any]:
    """The ouder- en jeugdsteunpunten that serve the child's samenwerkingsverband."""
    from kring.desk.models import DeskSettings
    from kring.regions.norms import swv_for_child

    swv = swv_for_child(child, today=day)
    if swv is None:
        return []
    return list(
        DeskSettings.objects.filter(swvs=swv, steunpunt__active=True)
        .select_related("steunpunt")
        .order_by("steunpunt__name")
    )


def voice_context(user: Any, children: list[Child]) -> dict[str, Any]:
    """What the family's pages need to show the zienswijzen beside each part and the form under it."""
    voices: dict[str, list[Any]] = {}
    for child in children:
        voices.update(zienswijzen.of_child(child))
    if any(key.startswith(zienswijzen.BEFORE_KEY + ":") for key in voices):
        meetings = Meeting.objects.filter(case__child__in=[c.pk for c in children]).only(
            "pk", "case", "held_on"
        )
        zienswijzen.attach_before_meetings(voices, meetings)
    return {
        "voices": voices,
        "voice_child_ids": set(
            policy.voice_children(user).filter(pk__in=[c.pk for c in children]).values_list("pk", flat=True)
        ),
        # "Klopt er iets niet?" beside each part: who may ask for a correction (issue 11, item 4)
        "request_child_ids": {c.pk for c in children if policy.may_request_rights(user, c)},
        "is_child": False,  # a pupil's account is not linked to a child yet ("Wat wil jij zeggen?")
        "decision_event_types": zienswijzen.DECISION_EVENT_TYPES,
    }


@work_view
def child_file(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = policy.require_family_child(user, child_id)
    day = today()
    child_viewed(actor=user, child=child, purpose=PURPOSE_FAMILY)
    cases = list(policy.visible_cases(user).filter(child=child).order_by("-opened_on", "-pk"))
    cases.sort(key=lambda c: c.status not in OPEN_STATUSES)  # the open case first
    case = cases[0] if cases else None
    context: dict[str, Any] = {
        "child": child,
        "age": age_on(child.birth_date, day),
        "today": day,
        "open_status": AgreementStatus.OPEN,
        "case": case,
        "earlier_cases": cases[1:],
        "representatives": list(child.representatives.order_by("name", "pk")),
        "terms": {
            key: term(key)
            for key in (
                "regievoerder",
                "kring",
                "ontwikkelperspectief",
                "route",
                "samenwerkingsverband",
                "leerplichtambtenaar",
            )
        },
    }
    if case is not None:
        case_viewed(actor=user, case=case, purpose=PURPOSE_FAMILY)
        desk_links = family_links_by_case(user).get(case.pk, [])
        context["item"] = _family_case(case, desk_links)
        context["perspective"] = Perspective.objects.filter(case=case).prefetch_related("needs").first()
        routes = list(Route.objects.filter(case=case).order_by("-start_on", "-id"))
        context["routes"] = routes
        context["open_route"] = next((r for r in routes if r.outcome == RouteOutcome.LOPEND), None)
        context["next_evaluation"] = next_evaluation(case, today=day)
        context["plan_history"] = _plan_history(child, case)
    events = list(child_timeline(child))
    stored = current_assessment(child, today=day)
    duties = institution_duties(child, data=stored.data, events=events, as_of=day)
    context["duties"] = duties
    context["timeline"] = [TimelineLine(e, event_sentence(e)) for e in events]
    out_of_school = bool(duties.thuiszitter) or bool(duties.days.total)
    context["rights"] = [
        (right, [term(k) for k in right.terms])
        for right in rights_for((e.type for e in events), out_of_school=out_of_school)
    ]
    context["steunpunten"] = _steunpunten(child, day=day)
    context["retention"] = retention_lines(child, data=stored.data, cases=cases, today=day)
    context["download_children"] = list(policy.exportable_children(user).filter(pk=child.pk))
    context.update(voice_context(user, [child]))
    return render(request, "portal/child.html", context)
