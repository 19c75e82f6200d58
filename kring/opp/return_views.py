"""The terugkeerplan's pages (namespace `opp`): the child's plan with its steps, the forms that open
a plan, add, mark done or replace a step and end the plan, and the region's overview of who pays.
Thin views: the policy decides (`policy.require_return_plan_child`), the form parses,
`kring.web.flow.run_service` calls the service and puts a refusal on its field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from kring.access import policy
from kring.accounts.models import User
from kring.cases.forms_work import current_user, work_view
from kring.children.models import Child
from kring.web.flow import run_service

from . import documents
from . import return_services as services
from .models import Handelingsverlegen, Reason, ReturnPlan, ReturnStep
from .return_forms import EndPlanForm, ReturnPlanForm, StepDoneForm, StepForm
from .return_selectors import ended_plans, open_plan, payer_overview, read_return_plan

T = TypeVar("T")


def plan_url(child: Child) -> str:
    return reverse("opp:return_plan", args=[child.pk])


def _form_page(
    request: HttpRequest,
    *,
    child: Child,
    form: forms.BaseForm,
    perform: Callable[[dict[str, Any]], T],
    done: Callable[[T], str],
    title: str,
    intro: str,
    submit: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    denied = False
    if form.is_bound and form.is_valid():
        outcome = run_service(form, lambda: perform(form.cleaned_data))
        if outcome.done:
            messages.success(request, done(outcome.result))  # type: ignore[arg-type]
            return redirect(plan_url(child))
        denied = outcome.denied
    if not form.is_bound and isinstance(request.user, User):
        read_return_plan(actor=request.user, child=child)  # the form shows the plan: the audit line
    page = {
        "child": child,
        "form": form,
        "title": title,
        "intro": intro,
        "submit": submit,
        "back_url": plan_url(child),
        **(context or {}),
    }
    return render(request, "opp/return/form.html", page, status=403 if denied else 200)


def _plan(child: Child) -> ReturnPlan:
    plan = open_plan(child)
    if plan is None:
        raise Http404(gettext("Dit kind heeft geen open terugkeerplan."))
    return plan


def _step(plan: ReturnPlan, step_id: UUID) -> ReturnStep:
    for step in plan.steps.all():
        if step.pk == step_id and step.is_open:
            return step
    raise Http404(gettext("Deze stap staat niet (meer) open in het terugkeerplan."))


@work_view
def return_plan(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = policy.require_return_plan_child(user, child_id)
    plan = read_return_plan(actor=user, child=child)
    return render(
        request,
        "opp/return/page.html",
        {
            "child": child,
            "plan": plan,
            "ended": ended_plans(child),
            "may_write": policy.may_write_return_plan(user, child),
            "today": timezone.localdate(),
        },
    )


def _initial_reason(request: HttpRequest, child: Child) -> dict[str, Any]:
    initial: dict[str, Any] = {"since": timezone.localdate()}
    reason = request.GET.get("reden", "")
    if reason in Reason.values:
        initial["reason"] = reason
    return initial


@work_view
def return_plan_new(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = policy.require_return_plan_child(user, child_id, write=True)
    form = ReturnPlanForm(
        request.POST if request.method == "POST" else None, initial=_initial_reason(request, child)
    )
    latest_hv = Handelingsverlegen.objects.filter(child=child).order_by("-declared_on", "-pk").first()

    def perform(data: dict[str, Any]) -> ReturnPlan:
        assert isinstance(form, ReturnPlanForm)
        return services.open_return_plan(
            actor=user,
            child=child,
            reason=data["reason"],
            reason_other=data["reason_other"],
            said_by=data["said_by"],
            since=data["since"],
            steps=form.steps(),
            handelingsverlegen=latest_hv if data["reason"] == Reason.HANDELINGSVERLEGEN else None,
        )

    return _form_page(
        request,
        child=child,
        form=form,
        perform=perform,
        done=lambda plan: gettext(
            "Het terugkeerplan is vastgelegd. De stappen staan op de agenda. De ouders zien het plan ook."
        ),
        title=gettext("Onderwijs staat (tijdelijk) stil"),
        intro=gettext(
            "Staat het onderwijs van %(name)s stil? Schrijf op waarom, wie dat zegt en sinds wanneer. "
            "Schrijf ook op wie wat doet, en wanneer, zodat %(name)s weer naar school gaat. Zonder die "
            "stap kun je het niet opslaan. De ouders zien alles wat je hier schrijft."
        )
        % {"name": child.first_name},
        submit=gettext("Terugkeerplan vastleggen"),
    )


@work_view
def step_add(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = policy.require_return_plan_child(user, child_id, write=True)
    plan = _plan(child)
    form = StepForm(request.POST if request.method == "POST" else None)
    return _form_page(
        request,
        child=child,
        form=form,
        perform=lambda data: services.add_step(actor=user, plan=plan, step=form.step()),
        done=lambda step: (
            gettext("De stap staat in het plan en op de agenda: uiterlijk %(day)s.")
            % {"day": documents.day_words(step.due)}
        ),
        title=gettext("Een stap toevoegen"),
        intro=gettext("Wie doet wat, en wanneer? En wie betaalt het, als het geld kost?"),
        submit=gettext("Stap toevoegen"),
    )


@work_view
def step_done(request: HttpRequest, child_id: int, step_id: UUID) -> HttpResponse:
    user = current_user(request)
    child = policy.require_return_plan_child(user, child_id, write=True)
    plan = _plan(child)
    step = _step(plan, step_id)
    form = StepDoneForm(
        request.POST if request.method == "POST" else None, initial={"done_on": timezone.localdate()}
    )
    others_open = [s for s in plan.steps.all() if s.is_open and s.pk != step.pk]
    return _form_page(
        request,
        child=child,
        form=form,
        perform=lambda data: services.complete_step(
            actor=user,
            step=step,
            done_on=data["done_on"],
            then=form.then(),
        ),
        done=lambda _s: gettext("De stap is gedaan."),
        title=gettext("Stap gedaan"),
        intro=(
            gettext("Vul in wanneer de stap is gedaan. Is er al een volgende stap? Vul die dan ook in.")
            if others_open
            else gettext(
                "Dit is de laatste open stap. Wie doet nu wat, en wanneer? Vul de volgende stap in. Krijgt "
                "%(name)s weer onderwijs? Kies dan 'Het kind gaat weer naar school'."
            )
            % {"name": child.first_name}
        ),
        submit=gettext("Opslaan"),
        context={"step": step},
    )


@work_view
def step_replace(request: HttpRequest, child_id: int, step_id: UUID) -> HttpResponse:
    user = current_user(request)
    child = policy.require_return_plan_child(user, child_id, write=True)
    plan = _plan(child)
    step = _step(plan, step_id)
    form = StepForm(request.POST if request.method == "POST" else None)
    return _form_page(
        request,
        child=child,
        form=form,
        perform=lambda data: services.replace_step(actor=user, step=step, by=form.step()),
        done=lambda new: (
            gettext("De stap is vervangen. De nieuwe stap staat op de agenda: uiterlijk %(day)s.")
            % {"day": documents.day_words(new.due)}
        ),
        title=gettext("Een stap vervangen"),
        intro=gettext(
            "Gaat de stap anders: iemand anders, of een andere datum? Vul de nieuwe stap in. De oude stap "
            "blijft zichtbaar, als vervangen."
        ),
        submit=gettext("Stap vervangen"),
        context={"step": step},
    )


@work_view
def plan_end(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = policy.require_return_plan_child(user, child_id, write=True)
    plan = _plan(child)
    form = EndPlanForm(
        request.POST if request.method == "POST" else None, initial={"back_on": timezone.localdate()}
    )
    return _form_page(
        request,
        child=child,
        form=form,
        perform=lambda data: services.end_plan(
            actor=user, plan=plan, back_on=data["back_on"], back_how=data["back_how"]
        ),
        done=lambda _p: (
            gettext("%(name)s krijgt weer onderwijs. Het terugkeerplan is klaar.")
            % {"name": child.first_name}
        ),
        title=gettext("Het kind gaat weer naar school"),
        intro=gettext(
            "Krijgt %(name)s weer onderwijs? Schrijf op sinds wanneer en hoe. Dan is het terugkeerplan klaar."
        )
        % {"name": child.first_name},
        submit=gettext("Vastleggen"),
    )


@work_view
def payers(request: HttpRequest) -> HttpResponse:
    """Who pays, in the region: counts per payer, no child (the SWV's staff)."""
    user: User = current_user(request)
    swv = policy.payer_overview_swv(user)
    if swv is None:
        raise PermissionDenied(gettext("Dit overzicht is voor de medewerkers van een samenwerkingsverband."))
    today = timezone.localdate()
    return render(
        request,
        "opp/return/payers.html",
        {"swv": swv, "rows": payer_overview(swv, today=today), "today": today},
    )
