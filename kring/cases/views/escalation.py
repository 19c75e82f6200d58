"""Escalation on a case: escalate by hand with a reason, and the mandate holder's decision."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from kring.access import policy
from kring.cases import services
from kring.cases.forms_work import (
    DecisionForm,
    EscalateForm,
    case_for_work,
    current_user,
    form_page,
    work_view,
)
from kring.cases.models import Escalation, EscalationLevel

FRAGMENT = "escalaties"


def who_decides(level: EscalationLevel | None) -> str:
    """The mandate holder(s) of a level, in words for people who are not the holder."""
    if level is None:
        return gettext("nog niemand: het samenwerkingsverband heeft nog geen escalatieladder ingesteld")
    names = [u.display_name for u in policy.mandate_holders(level)[:5]]
    if level.mandate_user_id is not None:
        return names[0] if names else gettext("de aangewezen persoon (account niet actief)")
    role = level.get_mandate_role_display().lower()
    return gettext("iedereen met de rol %(role)s") % {"role": role} + (
        f" ({', '.join(names)})" if names else ""
    )


@work_view
def escalate(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = case_for_work(user, case_id, policy.Act.ESCALATE)
    form = EscalateForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        user=user,
        case=case,
        form=form,
        perform=lambda data: services.escalate_case(
            actor=user, case=case, reason=data["reason"], on=data["on"]
        ),
        done=lambda _: gettext("De casus is geëscaleerd. Wie mandaat heeft, krijgt het op de agenda."),
        fragment=FRAGMENT,
        title=gettext("Escaleren"),
        intro=gettext(
            "Escaleer als de kring vastloopt en iemand met mandaat een besluit moet nemen. "
            "De casus gaat naar de eerste trede van de escalatieladder van het samenwerkingsverband."
        ),
        submit=gettext("Escaleren"),
    )


@work_view
def decision(request: HttpRequest, case_id: int, escalation_id: int) -> HttpResponse:
    """Only the mandate holder of the escalation's current level sees this form and may decide."""
    user = current_user(request)
    case = case_for_work(user, case_id, policy.Act.VIEW_CASE)
    escalation = get_object_or_404(
        Escalation.objects.select_related("level", "swv"), pk=escalation_id, case=case
    )
    if escalation.resolved_on is not None:
        raise PermissionDenied(gettext("Over deze escalatie is al besloten."))
    level = escalation.level
    if level is None or not policy.holds_mandate(user, level):
        raise PermissionDenied(
            gettext("Alleen wie mandaat heeft op deze trede kan hier besluiten. Dat is %(who)s.")
            % {"who": who_decides(level)}
        )
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        case=case,
        escalation_id=escalation.pk,
        swv=escalation.swv,
    )
    return form_page(
        request,
        user=user,
        case=case,
        form=form,
        perform=lambda data: services.record_escalation_decision(
            actor=user,
            escalation=escalation,
            decision=data["decision"],
            owner=data["owner"],
            due_on=data["due_on"],
            decided_on=data["decided_on"],
        ),
        done=lambda made: (
            gettext("Het besluit is vastgelegd. %(name)s voert het uit.") % {"name": made.owner.display_name}
        ),
        fragment=FRAGMENT,
        title=gettext("Besluit na escalatie"),
        intro=gettext(
            "Trede %(order)s (%(name)s). Reden van de escalatie: %(reason)s "
            "Het besluit wordt een afspraak van wie het uitvoert; het gezin ziet het besluit."
        )
        % {"order": level.order, "name": level.name, "reason": escalation.reason},
        submit=gettext("Besluit vastleggen"),
    )
