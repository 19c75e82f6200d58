"""Panels of the case page that belong to the work on a case (circle, meetings, plan, escalation).

Each panel is a provider in the panel registry (settings.KRING_CASE_PANELS, see
`kring/web/panels.py`): it takes the template context (for request.user) and the case.
What a panel shows and which forms it offers is decided by the access policy alone
(`policy.can(user, act, case)`; what each circle scope shows: `kring.access.scopes.SECTIONS`).
The decision form is shown only to a mandate holder of the escalation's current level
(`policy.holds_mandate`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kring.access import policy
from kring.accounts.models import User
from kring.cases import planning, selectors, zienswijzen
from kring.cases.forms_work import (
    AgreementForm,
    DecisionForm,
    EscalateForm,
    MeetingForm,
    MemberAddForm,
    PerspectiveForm,
    RegieCorrectForm,
    RegieForm,
    RhythmForm,
    RouteForm,
    RouteOutcomeForm,
    regie_candidates,
    today,
)
from kring.cases.models import (
    FAMILY_MEMBER_KINDS,
    AgreementStatus,
    Case,
    CircleMember,
    Escalation,
    Meeting,
    Perspective,
    Route,
    RouteOutcome,
)
from kring.cases.views.escalation import who_decides
from kring.web.panels import panel

_CSS_FLAG = "kring_work_css_linked"


def _base(context: Any, case: Case) -> dict[str, Any]:
    """What every panel needs: the user, what they may see and do (`allowed(act)`), and whether
    this panel links work.css (the first panel on the page does)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    viewer = user if isinstance(user, User) else None

    def allowed(act: policy.Act) -> bool:
        return viewer is not None and policy.can(viewer, act, case)

    link_css = not context.get(_CSS_FLAG)
    context[_CSS_FLAG] = True
    return {
        "case": case,
        "viewer": viewer,
        "allowed": allowed,
        "visible": allowed(policy.Act.VIEW_CASE),
        "link_css": link_css,
        "today": today(),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }


@panel("cases/panels/circle.html", anchor="kring", title=pgettext_lazy("de kring rond een kind", "Kring"))
def circle_panel(context: Any, case: Case) -> dict[str, Any]:
    data = _base(context, case)
    allowed, viewer = data.pop("allowed"), data["viewer"]
    regie = selectors.active_regievoerder(case)
    data["regie"] = regie
    data["regie_contact"] = selectors.regievoerder_contact(case)
    # The note of the appointment or the handover: for whoever sees the circle, and always for the
    # regievoerder (the new regievoerder reads what they must know first).
    data["regie_is_viewer"] = regie is not None and viewer is not None and regie.user_id == viewer.pk
    data["regie_previous"] = selectors.handed_over_by(regie) if regie is not None else None
    data["sees_circle"] = allowed(policy.Act.VIEW_CIRCLE)
    if data["sees_circle"]:
        members = list(selectors.circle_of(case))
        for member in members:
            member.is_regie = regie is not None and regie.member_id == member.pk  # type: ignore[attr-defined]
            member.removable = (  # type: ignore[attr-defined]
                member.kind not in FAMILY_MEMBER_KINDS and not member.is_regie  # type: ignore[attr-defined]
            )
        data["members"] = members
        data["former"] = list(selectors.circle_of(case, include_former=True).filter(active=False))
    data["invite_url"] = (
        reverse("children:family", args=[case.child_id])
        if viewer is not None and policy.may_invite_family(viewer, case.child)
        else ""
    )
    manage = allowed(policy.Act.MANAGE_CIRCLE)
    data["manage"] = manage
    if manage and viewer is not None:
        data["add_form"] = MemberAddForm(case=case, actor=viewer)
        data["regie_form"] = RegieForm(case=case, handover=regie is not None)
        data["correct_form"] = RegieCorrectForm(case=case) if regie is not None else None
        data["has_candidates"] = regie_candidates(case).exists()
    return data


@panel("cases/panels/meetings.html", anchor="overleg", title=_("Overleg en afspraken"))
def meetings_panel(context: Any, case: Case) -> dict[str, Any]:
    data = _base(context, case)
    allowed, viewer = data.pop("allowed"), data["viewer"]
    data["sees_meetings"] = allowed(policy.Act.VIEW_MEETINGS)
    agreements = (
        list(
            policy.visible_agreements(viewer, case)
            .select_related("owner__user", "owner__representative", "owner__organisation", "meeting")
            .order_by("status", "due_on", "id")
        )
        if viewer is not None
        else []
    )
    actable = (
        policy.agreements_allowing(viewer, policy.Act.COMPLETE_AGREEMENT, case, agreements)
        if viewer is not None
        else set()
    )
    for agreement in agreements:
        agreement.can_act = agreement.pk in actable  # type: ignore[attr-defined]
    data["agreements"] = agreements
    data["open_status"] = AgreementStatus.OPEN
    if data["sees_meetings"]:
        data["meetings"] = list(
            Meeting.objects.filter(case=case)
            .prefetch_related(
                Prefetch(
                    "attendees",
                    queryset=CircleMember.objects.select_related("user", "representative", "organisation"),
                )
            )
            .order_by("-held_on", "-id")
        )
        data["voices"] = zienswijzen.of_case(case)
        zienswijzen.attach_before_meetings(data["voices"], data["meetings"])
    data["record"] = allowed(policy.Act.ADD_MEETING)
    if data["record"]:
        data["meeting_form"] = MeetingForm(case=case)
        data["agreement_form"] = AgreementForm(case=case)
    return data


@panel("cases/panels/plan.html", anchor="plan", title=pgettext_lazy("plan van een kind", "Plan"))
def plan_panel(context: Any, case: Case) -> dict[str, Any]:
    data = _base(context, case)
    allowed = data.pop("allowed")
    data["sees_plan"] = allowed(policy.Act.VIEW_PLAN)
    if not data["sees_plan"]:
        viewer = data["viewer"]
        refusal = policy.decide(viewer, policy.Act.VIEW_PLAN, case) if viewer is not None else None
        data["plan_refusal"] = policy.REFUSAL_MESSAGES[refusal] if refusal == policy.Refusal.CONSENT else ""
        return data
    perspective = Perspective.objects.filter(case=case).prefetch_related("needs").first()
    routes = list(Route.objects.filter(case=case).order_by("-start_on", "-id"))
    data["perspective"] = perspective
    data["routes"] = routes
    data["open_route"] = next((r for r in routes if r.outcome == RouteOutcome.LOPEND), None)
    data["next_evaluation"] = planning.next_evaluation(case, today=data["today"])
    data["voices"] = zienswijzen.of_case(case)
    data["can_edit"] = allowed(policy.Act.CHANGE_PLAN)
    if data["can_edit"]:
        data["perspective_form"] = PerspectiveForm(perspective=perspective)
        data["route_form"] = RouteForm()
        if perspective is not None:
            data["rhythm_form"] = RhythmForm(perspective=perspective)
        if data["open_route"] is not None:
            data["outcome_form"] = RouteOutcomeForm()
    return data


@panel("cases/panels/escalations.html", anchor="escalaties", title=_("Escalaties"))
def escalations_panel(context: Any, case: Case) -> dict[str, Any]:
    data = _base(context, case)
    allowed, viewer = data.pop("allowed"), data["viewer"]
    data["visible"] = allowed(policy.Act.VIEW_ESCALATIONS)
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
    data["voices"] = zienswijzen.of_case(case) if rows else {}
    data["escalate_form"] = EscalateForm() if allowed(policy.Act.ESCALATE) else None
    return data
