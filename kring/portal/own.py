"""The child's own page (12 to 15): their circle and their plan in words for children, and what they
may say before an overleg (hoorrecht). What it shows is the child-friendly scope of the access policy
(`policy.child_friendly_file`, `kring.access.scopes.CHILD_FRIENDLY`): the plan, the circle, the
meetings (and what they want to say before the next one: a zienswijze `voor_overleg`) and the
agreements; not the timeline, the engine's assessment or the escalations. From 16
the child sees the whole file on the family's pages. Every read is audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from kring.access import policy
from kring.cases import selectors, zienswijzen
from kring.cases.audit import case_viewed
from kring.cases.forms_work import current_user, today, work_view
from kring.cases.models import OPEN_STATUSES, AgreementStatus, Perspective, ZienswijzePart
from kring.cases.planning import next_evaluation
from kring.children.audit import child_viewed
from kring.privacy.purposes import Purpose

NOT_YOURS = _("Deze pagina is voor kinderen van 12 tot 16 jaar met een eigen account in Kring.")


@work_view
def own_file(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    child = policy.child_friendly_file(user)
    if child is None:
        raise PermissionDenied(str(NOT_YOURS))
    child_viewed(actor=user, child=child, purpose=Purpose.FAMILY_ACCESS)
    cases = list(policy.visible_cases(user).filter(child=child).order_by("-opened_on", "-pk"))
    cases.sort(key=lambda c: c.status not in OPEN_STATUSES)
    case = cases[0] if cases else None
    context: dict[str, Any] = {"child": child, "case": case, "today": today()}
    if case is not None:
        case_viewed(actor=user, case=case, purpose=Purpose.FAMILY_ACCESS)
        context["regievoerder"] = selectors.regievoerder_contact(case)
        if policy.can(user, policy.Act.VIEW_CIRCLE, case):
            context["circle"] = list(selectors.circle_of(case))
        if policy.can(user, policy.Act.VIEW_PLAN, case):
            context["perspective"] = Perspective.objects.filter(case=case).first()
            context["next_evaluation"] = next_evaluation(case, today=today())
        if policy.can(user, policy.Act.VIEW_AGREEMENTS, case):
            context["agreements"] = list(
                case.agreements.filter(status=AgreementStatus.OPEN)
                .select_related("owner__user", "owner__representative", "owner__organisation")
                .order_by("due_on", "pk")
            )
        if policy.can(user, policy.Act.VIEW_MEETINGS, case):
            context["meetings"] = list(case.meetings.order_by("-held_on", "-id")[:5])
            voices = zienswijzen.of_case(case)
            zienswijzen.attach_before_meetings(voices, case.meetings.only("pk", "case", "held_on"))
            context["voices"] = voices
            # hoorrecht: what the child wants to say before the next overleg (policy.CHILD_VOICE_PARTS)
            context["may_say"] = (
                case.is_open
                and policy.decide_view(user, child, part=str(ZienswijzePart.BEFORE_MEETING)) is None
            )
    return render(request, "portal/own.html", context)
