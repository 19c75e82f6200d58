"""The family's rights requests, for the organisation they are addressed to (/casussen/avg-verzoeken/):
the list of requests to my organisation (filters), one request with the answer form, and the page
that takes two more months, once. Who may: the access policy (`policy.organisation_rights_requests`,
`policy.require_answerable_request`); the acts: `kring.privacy.rights.services`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from kring.access import policy
from kring.cases.forms_work import current_user, today, work_view
from kring.privacy.rights import audit as rights_audit
from kring.privacy.rights import selectors, services, words
from kring.web.flow import run_service

from ..forms_requests import AnswerForm, ExtendForm, FilterForm


def _require_handler(user: Any) -> None:
    if not policy.handles_rights_requests(user):
        raise PermissionDenied(
            gettext(
                "Deze pagina is voor professionals. Zij beantwoorden hier de verzoeken aan hun organisatie."
            )
        )


def _item(r: Any, term: Any) -> dict[str, Any]:
    return {
        "request": r,
        "kind_words": words.kind_words(r),
        "term": words.term_sentence(r, term),
        "extension": words.extension_sentence(r),
        "overdue": bool(term and term.is_overdue and r.is_open),
        "may_extend": r.is_open and r.extended_on is None,
    }


@work_view
def request_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    _require_handler(user)
    form = FilterForm(request.GET or None)
    filters = selectors.RequestFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.RequestFilters(
            status=form.cleaned_data.get("status") or "open", kind=form.cleaned_data.get("kind") or ""
        )
    rows = selectors.organisation_requests(user, filters)
    terms = selectors.terms_of_many(rows, today=today())
    rights_audit.viewed(actor=user, requests=rows)
    context = {
        "form": form,
        "filters": filters,
        "items": [_item(r, terms.get(r.pk)) for r in rows],
        "organisation": user.organisation,
        "explanation": words.EXPLANATION,
    }
    return render(request, "children/rights_requests.html", context)


def _page(request: HttpRequest, request_id: int, *, extend: bool) -> HttpResponse:
    user = current_user(request)
    found = policy.require_answerable_request(user, request_id)
    form: AnswerForm | ExtendForm = (
        ExtendForm(request.POST or None) if extend else AnswerForm(request.POST or None, kind=found.kind)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if extend:
            outcome = run_service(
                form, lambda: services.extend_request(actor=user, request=found, reason=data["reason"])
            )
            done_message = gettext("De termijn is verlengd. Het gezin ziet de nieuwe datum en uw reden.")
        else:
            outcome = run_service(
                form,
                lambda: services.answer_request(
                    actor=user,
                    request=found,
                    outcome=data["outcome"],
                    answer=data.get("answer", ""),
                    corrected_text=data.get("corrected_text", ""),
                ),
            )
            done_message = gettext("Het verzoek is beantwoord. Het gezin ziet uw antwoord op hun pagina.")
        if outcome.done:
            messages.success(request, done_message)
            return redirect("children:rights_requests")
    term = selectors.terms(found.child, [found], today=today()).get(found.pk)
    rights_audit.viewed(actor=user, requests=[found])
    context = {
        "item": _item(found, term),
        "r": found,
        "form": form,
        "extend": extend,
        "explanation": words.EXPLANATION,
    }
    return render(request, "children/rights_request.html", context, status=400 if form.errors else 200)


@work_view
def answer(request: HttpRequest, request_id: int) -> HttpResponse:
    return _page(request, request_id, extend=False)


@work_view
def extend(request: HttpRequest, request_id: int) -> HttpResponse:
    return _page(request, request_id, extend=True)
