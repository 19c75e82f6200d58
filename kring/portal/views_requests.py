"""The family's rights requests (AVG art. 15 and 16): "Klopt er iets niet?" beside a part of the
file, "Inzage vragen", and the list of their requests with the term in words. Who may ask: the
access policy (`policy.require_request_child`); who reads the list: `policy.family_rights_requests`.
The services are `kring.privacy.rights.services`; the term is the rules engine's (AVG-12)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from kring.access import policy
from kring.cases import zienswijzen
from kring.cases.forms_work import current_user, today, work_view
from kring.children.audit import child_viewed
from kring.privacy.purposes import Purpose
from kring.privacy.rights import audit as rights_audit
from kring.privacy.rights import selectors, services, words
from kring.web.flow import run_service

from .forms_requests import AccessForm, CorrectionForm


def _done(request: HttpRequest, child_id: int, made: Any) -> HttpResponse:
    messages.success(
        request,
        gettext("Je verzoek is verstuurd aan %(org)s. Hieronder zie je wanneer zij moeten antwoorden.")
        % {"org": made.organisation_name},
    )
    return redirect("portal:requests", child_id=child_id)


@work_view
def request_list(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = policy.require_family_child(user, child_id)
    rows = selectors.family_requests(user, child)
    day = today()
    terms = selectors.terms(child, rows, today=day)
    child_viewed(actor=user, child=child, purpose=Purpose.FAMILY_ACCESS)
    rights_audit.viewed(actor=user, requests=rows, purpose=Purpose.FAMILY_ACCESS)
    items = [
        {
            "request": r,
            "kind_words": words.kind_words(r),
            "term": words.term_sentence(r, terms.get(r.pk)),
            "extension": words.extension_sentence(r),
            "overdue": bool(terms.get(r.pk) and terms[r.pk].is_overdue and r.is_open),
        }
        for r in rows
    ]
    context = {
        "child": child,
        "items": items,
        "may_request": policy.may_request_rights(user, child),
        "explanation": words.EXPLANATION,
    }
    return render(request, "portal/requests.html", context)


@work_view
def request_access(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = policy.require_request_child(user, child_id)
    organisations = selectors.addressable_organisations(child)
    form = AccessForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: services.request_access(
                actor=user, child=child, organisation=data["organisation"], question=data["question"]
            ),
        )
        if outcome.done:
            return _done(request, child.pk, outcome.result)
    child_viewed(actor=user, child=child, purpose=Purpose.FAMILY_ACCESS)  # the circle's organisations
    context = {
        "child": child,
        "form": form,
        "explanation": words.EXPLANATION,
        "has_choice": organisations.exists(),
    }
    return render(request, "portal/request_access.html", context, status=400 if form.errors else 200)


@work_view
def request_correction(request: HttpRequest, child_id: int, part: str, part_id: int) -> HttpResponse:
    user = current_user(request)
    child = policy.require_request_child(user, child_id)
    found = zienswijzen.find_part(child, part, part_id)
    if found is None:
        raise Http404(str(policy.NO_SUCH_CHILD))
    kind, instance = found
    addressee = selectors.responsible_organisation(kind, instance)
    form = CorrectionForm(
        request.POST or None,
        organisations=None if addressee is not None else selectors.addressable_organisations(child),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: services.request_correction(
                actor=user,
                child=child,
                part=kind.part,
                part_id=instance.pk,
                incorrect=data["incorrect"],
                proposal=data["proposal"],
                organisation=data.get("organisation"),
            ),
        )
        if outcome.done:
            return _done(request, child.pk, outcome.result)
    child_viewed(actor=user, child=child, purpose=Purpose.FAMILY_ACCESS)  # the part is shown
    context = {
        "child": child,
        "kind": kind,
        "part_id": instance.pk,
        "part_label": selectors.part_label(kind, instance),
        "part_text": selectors.part_text(kind, instance),
        "addressee": addressee,
        "form": form,
        "explanation": words.EXPLANATION,
    }
    return render(request, "portal/request_correction.html", context, status=400 if form.errors else 200)
