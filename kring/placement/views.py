"""Placement's pages (namespace `placement`, under /plaatsing/): the child's placement page, a TLV
request (new, read, decide), the waiting lists, the support profiles.

Thin views: the access policy decides (`kring.access.policy`), the services do the work and refuse
with a message on the field it concerns (`kring.web.flow.run_service`); what was typed stays.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from kring.access import policy
from kring.accounts.models import User
from kring.cases.forms_work import current_user, work_view
from kring.children.audit import child_viewed
from kring.children.models import Child
from kring.organisations.models import SchoolLocation
from kring.organisations.selectors import schools_in_swv
from kring.regions.norms import swv_for_child
from kring.web.flow import run_service

from . import audit, selectors, services
from .forms import EndWaitingForm, SupportOfferForm, TlvDecisionForm, TlvRequestForm, WaitingListForm
from .models import SupportOffer, TlvRequest
from .opp_facts import opp_facts


def _child(user: User, child_id: int) -> Child:
    child = policy.visible_children(user).filter(pk=child_id).first()
    if child is None or policy.uses_family_pages(user):
        raise Http404(gettext("Dit kind bestaat niet of je mag het niet zien."))
    return child


def _targets(child: Child) -> Any:
    swv = swv_for_child(child, today=timezone.localdate())
    schools = schools_in_swv(swv) if swv is not None else SchoolLocation.objects.all()
    return schools.filter(sector__in=sorted(policy.SPECIAL_SECTORS)).select_related("organisation")


def _terms(tlv_request: TlvRequest) -> selectors.TlvTerms:
    return selectors.tlv_terms(tlv_request, today=timezone.localdate())


# ---------------------------------------------------------------- the child's placement page


@work_view
def child_page(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = _child(user, child_id)
    child_viewed(actor=user, child=child, purpose=audit.PURPOSE)
    requests = selectors.child_tlv_requests(user, child)
    for tlv_request in requests:
        audit.tlv_viewed(actor=user, tlv_request=tlv_request)
    waiting = selectors.child_waiting(user, child)
    context = {
        "child": child,
        "requests": [(r, _terms(r)) for r in requests],
        "waiting": waiting,
        "may_request": policy.may_request_tlv(user, child),
        "may_wait": policy.waiting_list_schools(user).exists(),
    }
    return render(request, "placement/child.html", context)


# ---------------------------------------------------------------- the TLV request


@work_view
def tlv_new(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = _child(user, child_id)
    schools = policy.tlv_request_schools(user, child)
    if not schools.exists():
        raise PermissionDenied(str(policy.NO_TLV_SCHOOL))
    form = TlvRequestForm(request.POST or None, schools=schools, targets=_targets(child))
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: services.request_tlv(
                actor=user,
                child=child,
                school=data["school"],
                soort=data["soort"],
                cluster=data["cluster"],
                categorie=data["categorie"],
                received_on=data["received_on"],
                reason=data["reason"],
                parents_view=data["parents_view"],
                child_view=data["child_view"],
                advices=form.advices(),
                target_school=data["target_school"],
                place_confirmed=data["place_confirmed"],
                waiting_position=data["waiting_position"],
            ),
        )
        if outcome.done and outcome.result is not None:
            messages.success(request, gettext("De TLV-aanvraag is vastgelegd."))
            return redirect(reverse("placement:tlv", args=[outcome.result.pk]))
        status = 403 if outcome.denied else 200
    elif request.method == "GET":
        child_viewed(actor=user, child=child, purpose=audit.PURPOSE)
    context = {"child": child, "form": form, "groups": form.field_groups(), "opp": opp_facts(child)}
    return render(request, "placement/tlv_form.html", context, status=status)


@work_view
def tlv_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    user = current_user(request)
    tlv_request = policy.require_tlv_request(user, request_id)
    if policy.uses_family_pages(user):
        return redirect(reverse("portal:child", args=[tlv_request.child_id]) + "#plaatsing")
    audit.tlv_viewed(actor=user, tlv_request=tlv_request)
    decision = getattr(tlv_request, "decision", None) if hasattr(tlv_request, "decision") else None
    context = {
        "tlv": tlv_request,
        "child": tlv_request.child,
        "advices": list(tlv_request.advices.all()),
        "decision": decision,
        "checklist": selectors.request_checklist(tlv_request),
        "terms": _terms(tlv_request),
        "may_decide": decision is None and policy.may_decide_tlv(user, tlv_request),
        "may_wait": tlv_request.target_school is not None
        and policy.may_keep_waiting_list(user, tlv_request.target_school),
    }
    return render(request, "placement/tlv.html", context)


@work_view
def tlv_decide(request: HttpRequest, request_id: int) -> HttpResponse:
    user = current_user(request)
    tlv_request = policy.require_tlv_request(user, request_id)
    if not policy.may_decide_tlv(user, tlv_request):
        raise PermissionDenied(str(policy.NOT_TLV_DECIDER))
    form = TlvDecisionForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: services.decide_tlv(
                actor=user,
                tlv_request=tlv_request,
                outcome=data["outcome"],
                decided_on=data["decided_on"],
                schooljaren=data["schooljaren"],
                volgnummer=data["volgnummer"],
                motivation=data["motivation"],
                advice_copy_to_parents=data["advice_copy_to_parents"],
                objection_route=data["objection_route"],
            ),
        )
        if outcome.done:
            messages.success(request, gettext("Het besluit is vastgelegd."))
            return redirect(reverse("placement:tlv", args=[tlv_request.pk]))
        status = 403 if outcome.denied else 200
    elif request.method == "GET":
        audit.tlv_viewed(actor=user, tlv_request=tlv_request)
    context = {"tlv": tlv_request, "child": tlv_request.child, "form": form}
    return render(request, "placement/decision_form.html", context, status=status)


@work_view
def tlv_list(request: HttpRequest) -> HttpResponse:
    """The requests this person reads (the SWV: every request to it; a school: its own)."""
    user = current_user(request)
    if policy.uses_family_pages(user):
        raise Http404
    rows = list(selectors.swv_tlv_requests(user)[:200])
    audit.tlvs_listed(actor=user, requests=rows)
    return render(request, "placement/tlv_list.html", {"rows": rows})


# ---------------------------------------------------------------- waiting lists


@work_view
def waiting_lists(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    schools = policy.waiting_list_schools(user)
    if not schools.exists():
        raise PermissionDenied(str(policy.NOT_WAITING_LIST_KEEPER))
    lists = selectors.kept_waiting_lists(user)
    audit.waiting_list_viewed(actor=user, entries=[e for _school, entries in lists for e in entries])
    return render(request, "placement/waiting_lists.html", {"lists": lists, "today": timezone.localdate()})


@work_view
def waiting_add(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = _child(user, child_id)
    schools = policy.waiting_list_schools(user).select_related("organisation")
    if not schools.exists():
        raise PermissionDenied(str(policy.NOT_WAITING_LIST_KEEPER))
    tlv_request = None
    if request.GET.get("tlv"):
        tlv_request = policy.visible_tlv_requests(user).filter(pk=request.GET["tlv"], child=child).first()
    initial = {"school": tlv_request.target_school_id} if tlv_request is not None else {}
    form = WaitingListForm(request.POST or None, schools=schools, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: services.add_to_waiting_list(
                actor=user,
                child=child,
                school=data["school"],
                since=data["since"],
                start_on=data["start_on"],
                tlv_request=tlv_request,
            ),
        )
        if outcome.done:
            messages.success(
                request, gettext("%(name)s staat op de wachtlijst.") % {"name": child.first_name}
            )
            return redirect(reverse("placement:child", args=[child.pk]))
        status = 403 if outcome.denied else 200
    elif request.method == "GET":
        child_viewed(actor=user, child=child, purpose=audit.PURPOSE)
    return render(request, "placement/waiting_form.html", {"child": child, "form": form}, status=status)


@work_view
def waiting_end(request: HttpRequest, entry_id: int) -> HttpResponse:
    user = current_user(request)
    entry = selectors.require_waiting_entry(user, entry_id)
    form = EndWaitingForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: services.end_waiting(
                actor=user, entry=entry, ended_on=data["ended_on"], reason=data["reason"]
            ),
        )
        if outcome.done:
            messages.success(request, gettext("Het kind staat niet meer op de wachtlijst."))
            return redirect(reverse("placement:waiting_lists"))
        status = 403 if outcome.denied else 200
    elif request.method == "GET":
        audit.waiting_list_viewed(actor=user, entries=[entry])
    return render(request, "placement/waiting_end.html", {"entry": entry, "form": form}, status=status)


# ---------------------------------------------------------------- support profiles


@work_view
def support_profile(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    schools = policy.support_profile_schools(user).select_related("organisation")
    if not schools.exists():
        raise PermissionDenied(str(policy.NOT_PROFILE_EDITOR))
    form = SupportOfferForm(request.POST or None, schools=schools)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        school = data["school"]
        outcome = run_service(
            form,
            lambda: services.add_support_offer(
                actor=user,
                school=school,
                level=data["level"],
                category=data["category"],
                description=data["description"],
            ),
        )
        if outcome.done:
            messages.success(request, gettext("Het ondersteuningsprofiel is aangevuld."))
            return redirect(reverse("placement:support_profile"))
        status = 403 if outcome.denied else 200
    profiles = [(school, selectors.support_profile(school)) for school in schools]
    return render(
        request, "placement/support_profile.html", {"form": form, "profiles": profiles}, status=status
    )


@work_view
@require_POST
def support_offer_remove(request: HttpRequest, offer_id: int) -> HttpResponse:
    user = current_user(request)
    offer = (
        SupportOffer.objects.filter(school__in=policy.support_profile_schools(user))
        .select_related("school__organisation")
        .filter(pk=offer_id)
        .first()
    )
    if offer is None:
        raise Http404
    services.remove_support_offer(actor=user, offer=offer)
    messages.success(request, gettext("Het aanbod is uit het ondersteuningsprofiel gehaald."))
    return redirect(reverse("placement:support_profile"))


@work_view
def region_support(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    swv = policy.region_of_reader(user)
    if swv is None:
        raise PermissionDenied(gettext("Deze pagina is voor het samenwerkingsverband."))
    context = {
        "swv": swv,
        "rows": selectors.region_overview(user),
        "lists": selectors.kept_waiting_counts(user),
    }
    return render(request, "placement/region.html", context)
