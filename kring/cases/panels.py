"""Panels of the case page that belong to the work on a case (circle, meetings, plan, escalation).

Each panel is a provider in the panel registry (settings.KRING_CASE_PANELS, see
`kring/web/panels.py`): it takes the template context (for request.user) and the case.
What a panel shows follows `policy.case_view_scope(user, case)`:

| scope                | circle              | overleg en afspraken      | plan | escalaties |
| -------------------- | ------------------- | ------------------------- | ---- | ---------- |
| volledig             | all, with forms     | all, with forms           | all  | all        |
| kring_en_afspraken   | all, no forms       | all, with forms           | no   | all        |
| alleen_afspraken     | regievoerder only   | own agreements only       | no   | no         |

Forms are shown only to people who may change the case (`policy.can_edit_case`); the decision form
only to a mandate holder of the escalation's current level (`policy.holds_mandate`).
"""

from __future__ import annotations

from typing import Any

from kring.access import policy
from kring.accounts.models import User
from kring.cases import selectors
from kring.cases.forms_work import (
    AgreementForm,
    DecisionForm,
    EscalateForm,
    MeetingForm,
    MemberAddForm,
    PerspectiveForm,
    RegieForm,
    RhythmForm,
    RouteForm,
    RouteOutcomeForm,
    regie_candidates,
    scope_allows,
    today,
)
from kring.cases.models import (
    FAMILY_MEMBER_KINDS,
    Agreement,
    AgreementStatus,
    Case,
    CircleMember,
    Escalation,
    Meeting,
    Perspective,
    Route,
    RouteOutcome,
    Visibility,
)
from kring.cases.views.escalation import who_decides
from kring.web.panels import panel

_CSS_FLAG = "kring_work_css_linked"


def _base(context: Any, case: Case) -> dict[str, Any]:
    """What every panel needs: the user, their scope, whether they may change the case, and
    whether this panel links work.css (the first panel on the page does)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    is_user = isinstance(user, User)
    scope = policy.case_view_scope(user, case) if is_user else None  # type: ignore[arg-type]
    can_edit = bool(is_user and case.is_open and policy.can_edit_case(user, case))  # type: ignore[arg-type]
    link_css = not context.get(_CSS_FLAG)
    context[_CSS_FLAG] = True
    return {
        "case": case,
        "viewer": user if is_user else None,
        "scope": scope,
        "can_edit": can_edit,
        "link_css": link_css,
        "today": today(),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }


def _own(member: CircleMember, user: User | None) -> bool:
    if user is None:
        return False
    if member.user_id is not None:
        return member.user_id == user.pk
    return member.organisation_id is not None and member.organisation_id == user.organisation_id


@panel("cases/panels/circle.html")
def circle_panel(context: Any, case: Case) -> dict[str, Any]:
    data = _base(context, case)
    scope, viewer = data["scope"], data["viewer"]
    regie = selectors.active_regievoerder(case)
    data["regie"] = regie
    data["regie_contact"] = selectors.regievoerder_contact(case)
    data["sees_circle"] = scope_allows(scope, Visibility.KRING_EN_AFSPRAKEN)
    data["visible"] = scope is not None
    if data["sees_circle"]:
        members = list(selectors.circle_of(case))
        for member in members:
            member.is_regie = regie is not None and regie.member_id == member.pk  # type: ignore[attr-defined]
            member.removable = (  # type: ignore[attr-defined]
                member.kind not in FAMILY_MEMBER_KINDS and not member.is_regie  # type: ignore[attr-defined]
            )
        data["members"] = members
        data["former"] = list(selectors.circle_of(case, include_former=True).filter(active=False))
    manage = data["can_edit"] and scope_allows(scope, Visibility.VOLLEDIG)
    data["manage"] = manage
    if manage and viewer is not None:
        data["add_form"] = MemberAddForm(case=case, actor=viewer)
        data["regie_form"] = RegieForm(case=case, handover=regie is not None)
        data["has_candidates"] = regie_candidates(case).exists()
    return data


@panel("cases/panels/meetings.html")
def meetings_panel(context: Any, case: Case) -> dict[str, Any]:
    data = _base(context, case)
    scope, viewer = data["scope"], data["viewer"]
    data["visible"] = scope is not None
    data["sees_meetings"] = scope_allows(scope, Visibility.KRING_EN_AFSPRAKEN)
    agreements = list(
        Agreement.objects.filter(case=case)
        .select_related("owner__user", "owner__representative", "owner__organisation", "meeting")
        .order_by("status", "due_on", "id")
    )
    if not data["sees_meetings"]:
        agreements = [a for a in agreements if _own(a.owner, viewer)]
    data["agreements"] = agreements
    data["open_status"] = AgreementStatus.OPEN
    if data["sees_meetings"]:
        data["meetings"] = list(
            Meeting.objects.filter(case=case).prefetch_related("attendees").order_by("-held_on", "-id")
        )
    data["record"] = data["can_edit"] and data["sees_meetings"]
    data["act_on_agreements"] = data["can_edit"]
    if data["record"]:
        data["meeting_form"] = MeetingForm(case=case)
        data["agreement_form"] = AgreementForm(case=case)
    return data


@panel("cases/panels/plan.html")
def plan_panel(context: Any, case: Case) -> dict[str, Any]:
    data = _base(context, case)
    data["visible"] = data["scope"] is not None
    data["sees_plan"] = scope_allows(data["scope"], Visibility.VOLLEDIG)
    if not data["sees_plan"]:
        return data
    perspective = Perspective.objects.filter(case=case).prefetch_related("needs").first()
    routes = list(Route.objects.filter(case=case).order_by("-start_on", "-id"))
    data["perspective"] = perspective
    data["routes"] = routes
    data["open_route"] = next((r for r in routes if r.outcome == RouteOutcome.LOPEND), None)
    if data["can_edit"]:
        data["perspective_form"] = PerspectiveForm(perspective=perspective)
        data["route_form"] = RouteForm()
        if perspective is not None:
            data["rhythm_form"] = RhythmForm(perspective=perspective)
        if data["open_route"] is not None:
            data["outcome_form"] = RouteOutcomeForm()
    return data


@panel("cases/panels/escalations.html")
def escalations_panel(context: Any, case: Case) -> dict[str, Any]:
    data = _base(context, case)
    viewer = data["viewer"]
    data["visible"] = scope_allows(data["scope"], Visibility.KRING_EN_AFSPRAKEN)
    if not data["visible"]:
        return data
    rows = []
    escalations = (
        Escalation.objects.filter(case=case)
        .select_related("level", "swv", "raised_by")
        .prefetch_related("decisions__decided_by", "decisions__owner", "decisions__level")
        .order_by("resolved_on", "-started_on", "-id")
    )
    for escalation in escalations:
        level = escalation.level
        holder = bool(
            viewer is not None
            and escalation.resolved_on is None
            and level is not None
            and policy.holds_mandate(viewer, level)
        )
        rows.append(
            {
                "escalation": escalation,
                "who_decides": who_decides(level),
                "holder": holder,
                "overdue": bool(
                    escalation.resolved_on is None and escalation.due_on and escalation.due_on < data["today"]
                ),
                "form": (
                    DecisionForm(case=case, escalation_id=escalation.pk, swv=escalation.swv)
                    if holder
                    else None
                ),
            }
        )
    data["rows"] = rows
    data["escalate_form"] = EscalateForm() if data["can_edit"] else None
    return data
