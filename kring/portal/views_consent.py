"""Toestemming (consent) in the family's view (/casussen/gezin/<child>/toestemming/): the list
(running, not yet begun, ended, revoked; the requests of professionals and the answers), giving
consent (a form, then a confirmation page), revoking it (a confirmation page), answering a request;
and where the law is the basis, that no consent is needed. The professional's request page
(/casussen/toestemming/<child>/vragen/). Who may: the access policy (`policy.require_consent_child`);
the writes are the privacy app's services (`kring.privacy.consents`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kring.access import policy
from kring.cases.forms_work import current_user, work_view
from kring.cases.models import OPEN_STATUSES, Case
from kring.children.audit import child_viewed
from kring.children.models import Child
from kring.privacy import audit, consents
from kring.privacy.models import Consent, ConsentStatus
from kring.privacy.purposes import Purpose
from kring.web.flow import run_service

from .forms_consent import ConfirmForm, ConsentForm, RequestConsentForm

GROUPS = (
    ("requested", _("Vragen om toestemming")),
    ("running", _("Toestemming die nu geldt")),
    ("future", _("Toestemming die nog moet beginnen")),
    ("ended", _("Afgelopen")),
    ("revoked", _("Ingetrokken")),
    ("refused", _("Geweigerd")),
)


def _family_child(user: Any, child_id: int, act: policy.ConsentAct) -> Child:
    if not policy.uses_family_pages(user):
        raise PermissionDenied(str(policy.NOT_FAMILY))
    return policy.require_consent_child(user, child_id, act)


def _list_url(child: Child) -> str:
    return reverse("portal:consents", args=[child.pk])


@work_view
def consent_list(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = _family_child(user, child_id, policy.ConsentAct.LIST)
    rows = list(consents.visible_consents(user, child))
    audit.consents_viewed(actor=user, child=child, count=len(rows), purpose=Purpose.FAMILY_ACCESS)
    groups = [(key, title, [c for c in rows if c.state == key]) for key, title in GROUPS]
    context = {
        "child": child,
        "groups": [g for g in groups if g[2]],
        "may_decide": policy.may_decide_consent(user, child),
        "legal_bases": policy.LEGAL_BASES,
    }
    return render(request, "portal/consents.html", context)


@work_view
def consent_give(request: HttpRequest, child_id: int) -> HttpResponse:
    """The form; a valid post shows the confirmation page; the confirmed post gives the consent."""
    user = current_user(request)
    child = _family_child(user, child_id, policy.ConsentAct.DECIDE)
    form = ConsentForm(request.POST or None, child=child)
    confirming = False
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirm") == "1":
            data = form.cleaned_data
            outcome = run_service(
                form,
                lambda: consents.give_consent(
                    actor=user,
                    child=child,
                    stated_purpose=data["stated_purpose"],
                    categories=data["categories"],
                    valid_from=data["valid_from"],
                    valid_until=data["valid_until"],
                    **form.recipient_values(),
                ),
            )
            if outcome.done:
                messages.success(request, _("Je toestemming is vastgelegd. Je kunt hem altijd intrekken."))
                return redirect(_list_url(child))
        else:
            confirming = True
    if request.method == "GET":
        child_viewed(actor=user, child=child, purpose=Purpose.FAMILY_ACCESS)  # the circle's names
    context = {
        "child": child,
        "form": form,
        "confirming": confirming,
        "summary": _summary(form) if confirming else None,
    }
    return render(request, "portal/consent_give.html", context, status=400 if form.errors else 200)


def _summary(form: ConsentForm) -> dict[str, Any]:
    from kring.privacy.models import ConsentCategory

    data = form.cleaned_data
    return {
        "recipient": form.recipient_values().get("recipient_name", ""),
        "stated_purpose": data.get("stated_purpose", ""),
        "categories": [ConsentCategory(c).label for c in data.get("categories", [])],
        "valid_from": data.get("valid_from"),
        "valid_until": data.get("valid_until"),
    }


def _consent_of(user: Any, child: Child, consent_id: int) -> Consent:
    consent = consents.visible_consents(user, child).filter(pk=consent_id).first()
    if consent is None:
        raise Http404(str(policy.NO_SUCH_CHILD))
    return consent


@work_view
def consent_revoke(request: HttpRequest, child_id: int, consent_id: int) -> HttpResponse:
    """A confirmation page; the post revokes the consent at once."""
    user = current_user(request)
    child = _family_child(user, child_id, policy.ConsentAct.DECIDE)
    consent = _consent_of(user, child, consent_id)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        outcome = run_service(
            form, lambda: consents.revoke_consent(actor=user, child=child, consent_id=consent.pk)
        )
        if outcome.done:
            messages.success(request, _("De toestemming is ingetrokken. Vanaf nu is er niets meer gedeeld."))
            return redirect(_list_url(child))
    audit.consents_viewed(actor=user, child=child, count=1, purpose=Purpose.FAMILY_ACCESS)
    context = {"child": child, "consent": consent, "form": form, "action": "revoke"}
    return render(request, "portal/consent_confirm.html", context, status=400 if form.errors else 200)


@work_view
def consent_answer(request: HttpRequest, child_id: int, consent_id: int) -> HttpResponse:
    """A request of a professional: the page shows it; the post says yes or no."""
    user = current_user(request)
    child = _family_child(user, child_id, policy.ConsentAct.DECIDE)
    consent = _consent_of(user, child, consent_id)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        accept = request.POST.get("answer") == "yes"
        service = consents.accept_request if accept else consents.refuse_request
        outcome = run_service(form, lambda: service(actor=user, child=child, consent_id=consent.pk))
        if outcome.done:
            messages.success(
                request,
                _("Je hebt toestemming gegeven.") if accept else _("Je hebt geen toestemming gegeven."),
            )
            return redirect(_list_url(child))
    audit.consents_viewed(actor=user, child=child, count=1, purpose=Purpose.FAMILY_ACCESS)
    context = {
        "child": child,
        "consent": consent,
        "form": form,
        "action": "answer",
        "answered": consent.status != ConsentStatus.REQUESTED,
    }
    return render(request, "portal/consent_confirm.html", context, status=400 if form.errors else 200)


@work_view
def consent_request(request: HttpRequest, child_id: int) -> HttpResponse:
    """A professional asks the family for consent (for themselves). Back to the case page after."""
    user = current_user(request)
    child = policy.require_consent_child(user, child_id, policy.ConsentAct.REQUEST)
    form = RequestConsentForm(request.POST or None)
    case = Case.objects.filter(child=child, status__in=OPEN_STATUSES).order_by("-pk").first()
    back = reverse("cases:detail", args=[case.pk]) + "#toestemming" if case else reverse("web:home")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: consents.request_consent(
                actor=user,
                child=child,
                stated_purpose=data["stated_purpose"],
                categories=data["categories"],
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
            ),
        )
        if outcome.done:
            messages.success(request, _("Je vraag om toestemming staat klaar voor het gezin."))
            return redirect(back)
    if request.method == "GET":
        child_viewed(actor=user, child=child, purpose=Purpose.CASUSREGIE)
    context = {"child": child, "form": form, "back_url": back}
    return render(request, "portal/consent_request.html", context, status=400 if form.errors else 200)
