"""The circle (kring) of a case: add and remove members, appoint the regievoerder, hand over.

Thin views: parse the form, call the service, go back to the case page with a message. A refusal
of the service is shown next to the form, which keeps what was typed.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from kring.access import policy
from kring.cases import services
from kring.cases.forms_work import (
    MemberAddForm,
    MemberRemoveForm,
    RegieCorrectForm,
    RegieForm,
    case_for_work,
    current_user,
    form_page,
    work_view,
)
from kring.cases.models import CircleMember
from kring.cases.selectors import active_regievoerder

FRAGMENT = "kring"


@work_view
def member_add(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = case_for_work(user, case_id, policy.Act.MANAGE_CIRCLE)
    form = MemberAddForm(request.POST if request.method == "POST" else None, case=case, actor=user)
    return form_page(
        request,
        user=user,
        case=case,
        form=form,
        perform=lambda data: services.add_circle_member(
            actor=user,
            case=case,
            kind=data["kind"],
            joined_on=data["joined_on"],
            user=data["user"],
            representative=data["representative"],
            name=data["name"],
            organisation=data["organisation"],
            role=data["role"],
            contact_route=data["contact_route"],
            visibility=data["visibility"],
        ),
        done=lambda member: gettext("%(name)s is toegevoegd aan de kring.") % {"name": member.display_name},
        fragment=FRAGMENT,
        title=gettext("Iemand toevoegen aan de kring"),
        intro=gettext(
            "Kies een persoon met een account in Kring, of vul een naam en organisatie in. "
            "Leg vast hoe dit lid bereikbaar is en wat het mag zien."
        ),
        submit=gettext("Toevoegen aan de kring"),
    )


@work_view
def member_remove(request: HttpRequest, case_id: int, member_id: int) -> HttpResponse:
    """A confirmation step: the page asks for the reason and a second click."""
    user = current_user(request)
    case = case_for_work(user, case_id, policy.Act.MANAGE_CIRCLE)
    member = get_object_or_404(CircleMember, pk=member_id, case=case, active=True)
    form = MemberRemoveForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        user=user,
        case=case,
        form=form,
        perform=lambda data: services.remove_circle_member(
            actor=user, member=member, reason=data["reason"], left_on=data["left_on"]
        ),
        done=lambda _: gettext("%(name)s hoort niet meer bij de kring.") % {"name": member.display_name},
        fragment=FRAGMENT,
        title=gettext("%(name)s uit de kring halen?") % {"name": member.display_name},
        intro=gettext(
            "Weet je het zeker? Het lid ziet de casus daarna niet meer via de kring. "
            "In het logboek van het gezin staat dat jij dit lid uit de kring haalde, en wanneer. De reden "
            "bewaart Kring bij die regel; in het logboek van het gezin staat hij niet."
        ),
        submit=gettext("Ja, uit de kring halen"),
        danger=True,
        extra={"member": member},
    )


def _regie(request: HttpRequest, case_id: int, *, handover: bool) -> HttpResponse:
    user = current_user(request)
    case = case_for_work(user, case_id, policy.Act.MANAGE_CIRCLE)
    current = active_regievoerder(case)
    form = RegieForm(request.POST if request.method == "POST" else None, case=case, handover=handover)
    if handover:
        title = gettext("Regie overdragen")
        message = gettext("%(name)s heeft de regie overgenomen.")
        now = (
            gettext("Nu heeft %(name)s de regie.") % {"name": current.user.display_name}
            if current
            else gettext("Er is nog geen regievoerder.")
        )
        intro = (
            now + " " + gettext("De overdracht gebeurt in één keer: er is geen moment zonder regievoerder.")
        )
    else:
        title = gettext("Regievoerder aanwijzen")
        message = gettext("%(name)s is de regievoerder.")
        intro = gettext(
            "De regievoerder houdt de regie over de hele casus en is het aanspreekpunt voor het gezin. "
            "Kies iemand uit de kring."
        )
    return form_page(
        request,
        user=user,
        case=case,
        form=form,
        perform=lambda data: (
            services.hand_over_regievoerder(
                actor=user, case=case, member=data["member"], note=data["note"], on=data["on"]
            )
            if handover
            else services.appoint_regievoerder(
                actor=user, case=case, member=data["member"], note=data["note"], on=data["on"]
            )
        ),
        done=lambda assignment: message % {"name": assignment.member.display_name},
        fragment=FRAGMENT,
        title=title,
        intro=intro,
        submit=gettext("Regie overdragen") if handover else gettext("Regievoerder aanwijzen"),
    )


@work_view
def regie_appoint(request: HttpRequest, case_id: int) -> HttpResponse:
    return _regie(request, case_id, handover=False)


@work_view
def regie_handover(request: HttpRequest, case_id: int) -> HttpResponse:
    return _regie(request, case_id, handover=True)


@work_view
def regie_correct(request: HttpRequest, case_id: int) -> HttpResponse:
    """The wrong person was appointed: put the right one in their place (not a handover)."""
    user = current_user(request)
    case = case_for_work(user, case_id, policy.Act.MANAGE_CIRCLE)
    current = active_regievoerder(case)
    form = RegieCorrectForm(request.POST if request.method == "POST" else None, case=case)
    now = (
        gettext("Nu staat %(name)s als regievoerder aangewezen.") % {"name": current.user.display_name}
        if current
        else gettext("Er is nog geen regievoerder.")
    )
    return form_page(
        request,
        user=user,
        case=case,
        form=form,
        perform=lambda data: services.correct_regievoerder(
            actor=user, case=case, member=data["member"], reason=data["reason"]
        ),
        done=lambda assignment: (
            gettext("De aanwijzing is verbeterd: %(name)s is de regievoerder.")
            % {"name": assignment.member.display_name}
        ),
        fragment=FRAGMENT,
        title=gettext("Aanwijzing verbeteren"),
        intro=now
        + " "
        + gettext(
            "Is de verkeerde persoon aangewezen? Kies de juiste persoon. Die is regievoerder vanaf "
            "dezelfde datum. Dit is geen overdracht."
        ),
        submit=gettext("Aanwijzing verbeteren"),
    )
