"""Overleg and afspraken: record a kernoverleg, add an agreement, mark it done or let it lapse."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from kring.access import policy
from kring.accounts.models import User
from kring.cases import services
from kring.cases.forms_work import (
    SCOPE_TOO_NARROW,
    AgreementCancelForm,
    AgreementCompleteForm,
    AgreementForm,
    MeetingForm,
    audit_form_view,
    case_for_work,
    current_user,
    finish,
    run_service,
    today,
    work_page,
    work_view,
)
from kring.cases.models import Agreement, Case, Visibility

FRAGMENT = "overleg"


@work_view
def meeting_add(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = case_for_work(user, case_id, needs=Visibility.KRING_EN_AFSPRAKEN)
    form = MeetingForm(request.POST if request.method == "POST" else None, case=case)
    denied = False
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        ok, denied = run_service(
            form,
            lambda: services.record_meeting(
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
            ),
        )
        if ok:
            return finish(request, case, gettext("Het overleg is vastgelegd."), FRAGMENT)
    audit_form_view(request, user, case)
    return work_page(
        request,
        case=case,
        form=form,
        title=gettext("Kernoverleg vastleggen"),
        intro=gettext("Wie was er, waarom waren ouders of kind er niet bij, en wat zegt het kind zelf?"),
        submit=gettext("Overleg vastleggen"),
        fragment=FRAGMENT,
        denied=denied,
    )


@work_view
def agreement_add(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = case_for_work(user, case_id, needs=Visibility.KRING_EN_AFSPRAKEN)
    form = AgreementForm(request.POST if request.method == "POST" else None, case=case)
    denied = False
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        ok, denied = run_service(
            form,
            lambda: services.add_agreement(
                actor=user,
                case=case,
                text=data["text"],
                owner=data["owner"],
                due_on=data["due_on"],
                meeting=data["meeting"],
                on=today(),
            ),
        )
        if ok:
            return finish(request, case, gettext("De afspraak is vastgelegd."), FRAGMENT)
    audit_form_view(request, user, case)
    return work_page(
        request,
        case=case,
        form=form,
        title=gettext("Afspraak maken"),
        intro=gettext("Een afspraak heeft één eigenaar uit de kring en een datum waarop het klaar is."),
        submit=gettext("Afspraak vastleggen"),
        fragment=FRAGMENT,
        denied=denied,
    )


def _agreement_for(user: User, case: Case, agreement_id: int) -> Agreement:
    """The agreement of this case. Members who see only their own agreements may act only on those."""
    agreement = get_object_or_404(Agreement.objects.select_related("owner"), pk=agreement_id, case=case)
    if policy.case_view_scope(user, case) == Visibility.ALLEEN_AFSPRAKEN:
        owner = agreement.owner
        own = owner.user_id == user.pk or (
            owner.user_id is None
            and owner.organisation_id is not None
            and owner.organisation_id == user.organisation_id
        )
        if not own:
            raise PermissionDenied(SCOPE_TOO_NARROW)
    return agreement


@work_view
def agreement_complete(request: HttpRequest, case_id: int, agreement_id: int) -> HttpResponse:
    user = current_user(request)
    case = case_for_work(user, case_id, needs=Visibility.ALLEEN_AFSPRAKEN)
    agreement = _agreement_for(user, case, agreement_id)
    form = AgreementCompleteForm(request.POST if request.method == "POST" else None)
    denied = False
    if form.is_bound and form.is_valid():
        done_on = form.cleaned_data["done_on"] or today()
        ok, denied = run_service(
            form, lambda: services.complete_agreement(actor=user, agreement=agreement, done_on=done_on)
        )
        if ok:
            return finish(request, case, gettext("De afspraak staat op gedaan."), FRAGMENT)
    audit_form_view(request, user, case)
    return work_page(
        request,
        case=case,
        form=form,
        title=gettext("Afspraak gedaan"),
        intro=gettext("Afspraak: %(text)s") % {"text": agreement.text},
        submit=gettext("Op gedaan zetten"),
        fragment=FRAGMENT,
        denied=denied,
    )


@work_view
def agreement_cancel(request: HttpRequest, case_id: int, agreement_id: int) -> HttpResponse:
    """A confirmation step: the page asks for the reason and a second click."""
    user = current_user(request)
    case = case_for_work(user, case_id, needs=Visibility.ALLEEN_AFSPRAKEN)
    agreement = _agreement_for(user, case, agreement_id)
    form = AgreementCancelForm(request.POST if request.method == "POST" else None)
    denied = False
    if form.is_bound and form.is_valid():
        reason = form.cleaned_data["reason"]
        ok, denied = run_service(
            form, lambda: services.cancel_agreement(actor=user, agreement=agreement, reason=reason)
        )
        if ok:
            return finish(request, case, gettext("De afspraak is vervallen."), FRAGMENT)
    audit_form_view(request, user, case)
    return work_page(
        request,
        case=case,
        form=form,
        title=gettext("Afspraak laten vervallen?"),
        intro=gettext(
            "Afspraak: %(text)s (door %(owner)s). Weet je het zeker? "
            "De afspraak blijft zichtbaar, met de reden waarom hij vervalt."
        )
        % {"text": agreement.text, "owner": agreement.owner.display_name},
        submit=gettext("Ja, laten vervallen"),
        fragment=FRAGMENT,
        denied=denied,
        danger=True,
    )
