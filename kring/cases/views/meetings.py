"""Overleg and afspraken: record a kernoverleg, add an agreement, mark it done or let it lapse."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext

from kring.access import policy
from kring.cases import services
from kring.cases.forms_work import (
    AgreementCancelForm,
    AgreementCompleteForm,
    AgreementForm,
    MeetingForm,
    case_for_work,
    current_user,
    form_page,
    today,
    work_view,
)

FRAGMENT = "overleg"


@work_view
def meeting_add(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = case_for_work(user, case_id, policy.Act.ADD_MEETING)
    form = MeetingForm(request.POST if request.method == "POST" else None, case=case)
    return form_page(
        request,
        user=user,
        case=case,
        form=form,
        perform=lambda data: services.record_meeting(
            actor=user,
            case=case,
            held_on=data["held_on"],
            parents_present=data["parents_present"],
            child_present=data["child_present"],
            attendees=data["attendees"],
            other_attendees=data["other_attendees"],
            parents_absent_reason=data["parents_absent_reason"],
            child_absent_reason=data["child_absent_reason"],
            child_voice=data["child_voice"],
            child_voice_in_own_words=data["child_voice_in_own_words"],
            notes=data["notes"],
            is_evaluation=data["is_evaluation"],
        ),
        done=lambda _: gettext("Het overleg is vastgelegd."),
        fragment=FRAGMENT,
        title=gettext("Kernoverleg vastleggen"),
        intro=gettext("Wie was er, waarom waren ouders of kind er niet bij, en wat zegt het kind zelf?"),
        submit=gettext("Overleg vastleggen"),
    )


@work_view
def agreement_add(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = case_for_work(user, case_id, policy.Act.ADD_AGREEMENT)
    form = AgreementForm(request.POST if request.method == "POST" else None, case=case)
    return form_page(
        request,
        user=user,
        case=case,
        form=form,
        perform=lambda data: services.add_agreement(
            actor=user,
            case=case,
            text=data["text"],
            owner=data["owner"],
            due_on=data["due_on"],
            meeting=data["meeting"],
            on=today(),
        ),
        done=lambda _: gettext("De afspraak is vastgelegd."),
        fragment=FRAGMENT,
        title=gettext("Afspraak maken"),
        intro=gettext("Een afspraak heeft één eigenaar uit de kring en een datum waarop het klaar is."),
        submit=gettext("Afspraak vastleggen"),
    )


@work_view
def agreement_complete(request: HttpRequest, case_id: int, agreement_id: int) -> HttpResponse:
    user = current_user(request)
    case = case_for_work(user, case_id, policy.Act.COMPLETE_AGREEMENT)
    agreement = policy.require_agreement(user, case, agreement_id, policy.Act.COMPLETE_AGREEMENT)
    form = AgreementCompleteForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        user=user,
        case=case,
        form=form,
        perform=lambda data: services.complete_agreement(
            actor=user, agreement=agreement, done_on=data["done_on"] or today()
        ),
        done=lambda _: gettext("De afspraak staat op gedaan."),
        fragment=FRAGMENT,
        title=gettext("Afspraak gedaan"),
        intro=gettext("Afspraak: %(text)s") % {"text": agreement.text},
        submit=gettext("Op gedaan zetten"),
    )


@work_view
def agreement_cancel(request: HttpRequest, case_id: int, agreement_id: int) -> HttpResponse:
    """A confirmation step: the page asks for the reason and a second click."""
    user = current_user(request)
    case = case_for_work(user, case_id, policy.Act.CANCEL_AGREEMENT)
    agreement = policy.require_agreement(user, case, agreement_id, policy.Act.CANCEL_AGREEMENT)
    form = AgreementCancelForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        user=user,
        case=case,
        form=form,
        perform=lambda data: services.cancel_agreement(
            actor=user, agreement=agreement, reason=data["reason"]
        ),
        done=lambda _: gettext("De afspraak is vervallen."),
        fragment=FRAGMENT,
        title=gettext("Afspraak laten vervallen?"),
        intro=gettext(
            "Afspraak: %(text)s (door %(owner)s). Weet je het zeker? "
            "De afspraak blijft zichtbaar, met de reden waarom hij vervalt."
        )
        % {"text": agreement.text, "owner": agreement.owner.display_name},
        submit=gettext("Ja, laten vervallen"),
        danger=True,
    )
