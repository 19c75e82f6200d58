"""The family's view of the work on their child's case (parents): who directs it and how to reach
them, the circle, the agreements, the escalations and decisions, and the meetings with the child's
voice. Read-only and in plain Dutch (B1). Which cases: the access policy decides, as everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from kring.access import policy
from kring.attendance.audit import signals_listed
from kring.attendance.selectors.signals import day_rows, total_hours
from kring.cases import selectors
from kring.cases.audit import case_viewed
from kring.cases.forms_work import current_user, today, work_view
from kring.cases.models import (
    OPEN_STATUSES,
    Agreement,
    AgreementStatus,
    Case,
    CircleMember,
    Escalation,
    EscalationDecision,
    Meeting,
)
from kring.cases.views.escalation import who_decides
from kring.desk.models import QuestionLink
from kring.desk.selectors.links import family_links_by_case
from kring.privacy.purposes import Purpose

PURPOSE_FAMILY = Purpose.FAMILY_ACCESS

NOT_FAMILY = _(
    "Deze pagina is voor ouders en verzorgers. Zij zien hier de casus van hun eigen kind. "
    "Professionals werken in de casus zelf."
)


@dataclass
class FamilyEscalation:
    escalation: Escalation
    who_decides: str


@dataclass
class FamilyCase:
    case: Case
    regievoerder: selectors.RegievoerderContact | None
    circle: list[CircleMember]
    agreements: list[Agreement]
    escalations: list[FamilyEscalation]
    meetings: list[Meeting]
    desk_links: list[QuestionLink]


def _family_case(case: Case, desk_links: list[QuestionLink], *, user: Any = None) -> FamilyCase:
    escalations = (
        case.escalations.select_related("level")
        .prefetch_related(
            Prefetch("decisions", queryset=EscalationDecision.objects.select_related("decided_by", "owner"))
        )
        .order_by("resolved_on", "-started_on")
    )
    return FamilyCase(
        case=case,
        regievoerder=selectors.regievoerder_contact(case),
        circle=list(selectors.circle_of(case)),
        agreements=list(
            case.agreements.select_related("owner__user", "owner__representative", "owner__organisation")
        ),
        # A child of 12 to 15 sees the child-friendly part of their own file (policy, scopes).
        escalations=[FamilyEscalation(e, "" if e.resolved_on else who_decides(e.level)) for e in escalations]
        if user is None or policy.can(user, policy.Act.VIEW_ESCALATIONS, case)
        else [],
        meetings=list(case.meetings.prefetch_related("attendees").order_by("-held_on", "-id")),
        desk_links=desk_links,
    )


@work_view
def family(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not policy.uses_family_pages(user):
        raise PermissionDenied(NOT_FAMILY)
    if policy.child_friendly_file(user) is not None:
        return redirect("portal:own")  # a child of 12 to 15: their own page, in words for children
    cases = list(policy.visible_cases(user).select_related("child").order_by("-opened_on", "-pk"))
    cases.sort(key=lambda c: c.status not in OPEN_STATUSES)  # open cases first
    for case in cases:
        case_viewed(actor=user, case=case, purpose=PURPOSE_FAMILY)
        # gezag: who may act for the child (consent, a zienswijze on its behalf)
        acts = policy.may_act_for_child(user, case.child)
        own = case.child.account_id == user.pk  # the child's own account: no sentence until 16
        case.acts_for_child = True if acts else (None if own else False)  # type: ignore[attr-defined]
        case.whole_view = policy.shows_whole_family_view(user, case.child)  # type: ignore[attr-defined]
    desk_links = family_links_by_case(user)  # consented and not revoked (policy.family_desk_links)
    signals = list(
        policy.family_attendance_signals(user)
        .select_related("child", "school__organisation", "melding")
        .order_by("-found_on", "-pk")
    )
    signals_listed(actor=user, signals=signals, purpose=PURPOSE_FAMILY)
    context: dict[str, Any] = {
        "family_cases": [_family_case(c, desk_links.get(c.pk, []), user=user) for c in cases],
        "attendance_signals": [
            {"signal": s, "days": day_rows(s.days), "total_hours": total_hours(s.days)} for s in signals
        ],
        "today": today(),
        "open_status": AgreementStatus.OPEN,
        # The download buttons of the whole file (kring/portal/export), per child.
        "download_children": list(policy.exportable_children(user).order_by("first_name", "pk")),
    }
    from .child_file import voice_context  # child_file imports this module

    context.update(voice_context(user, list({c.child_id: c.child for c in cases}.values())))
    return render(request, "portal/family.html", context)
