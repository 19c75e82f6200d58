"""The plan of a case: the ontwikkelperspectief (needs per dimension, goals), the route (what the
child NEEDS apart from what was OFFERED), where the child ENDED UP, and the evaluation rhythm."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from kring.access import policy
from kring.cases import services
from kring.cases.forms_work import (
    PerspectiveForm,
    RhythmForm,
    RouteForm,
    RouteOutcomeForm,
    case_for_work,
    current_user,
    form_page,
    work_view,
)
from kring.cases.models import Perspective, Route, RouteOutcome

FRAGMENT = "plan"


@work_view
def perspective(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = case_for_work(user, case_id, policy.Act.CHANGE_PLAN)
    current = Perspective.objects.filter(case=case).first()
    form = PerspectiveForm(request.POST if request.method == "POST" else None, perspective=current)

    def saved(perspective: Perspective) -> str:
        together = perspective.set_with_parents and perspective.set_with_child
        extra = (
            ""
            if together
            else " " + gettext("Het telt pas voor de driemaandennorm als ouders én kind meededen.")
        )
        return gettext("Het ontwikkelperspectief is opgeslagen.") + extra

    return form_page(
        request,
        user=user,
        case=case,
        form=form,
        perform=lambda data: services.set_perspective(
            actor=user,
            case=case,
            set_on=data["set_on"],
            set_with_parents=data["set_with_parents"],
            set_with_child=data["set_with_child"],
            goals=data["goals"],
            needs=form.needs(),
            expected_version=data["expected_version"],
        ),
        done=saved,
        fragment=FRAGMENT,
        title=gettext("Ontwikkelperspectief"),
        intro=gettext(
            "Beschrijf per gebied wat het kind nodig heeft, in gewone woorden. Vul alleen de gebieden in "
            "die spelen. Het kind krijgt nooit één label."
        ),
        submit=gettext("Ontwikkelperspectief opslaan"),
        template="cases/work/perspective.html",
    )


@work_view
def route(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = case_for_work(user, case_id, policy.Act.CHANGE_PLAN)
    form = RouteForm(request.POST if request.method == "POST" else None)
    running = Route.objects.filter(case=case, end_on__isnull=True).first()
    return form_page(
        request,
        user=user,
        case=case,
        form=form,
        perform=lambda data: services.set_route(
            actor=user,
            case=case,
            kind=data["kind"],
            start_on=data["start_on"],
            provider=data["provider"],
            hours_per_week=data["hours_per_week"],
            needed_kind=data["needed_kind"],
            needed_summary=data["needed_summary"],
            needed_hours_per_week=data["needed_hours_per_week"],
            offered_summary=data["offered_summary"],
        ),
        done=lambda _: gettext("De route is vastgelegd."),
        fragment=FRAGMENT,
        title=gettext("Route vastleggen"),
        intro=gettext(
            "Leg eerst vast wat het kind nodig heeft, los van wat er te krijgen is. Daarna wat er is "
            "aangeboden en afgesproken."
        )
        + (
            " " + gettext("De route die nu loopt, stopt de dag voor de start van de nieuwe route.")
            if running
            else ""
        ),
        submit=gettext("Route vastleggen"),
        template="cases/work/route.html",
    )


def _latest_open_route(case_pk: int) -> Route | None:
    return (
        Route.objects.filter(case_id=case_pk, outcome=RouteOutcome.LOPEND)
        .order_by("-start_on", "-id")
        .first()
    )


@work_view
def route_outcome(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = case_for_work(user, case_id, policy.Act.CHANGE_PLAN)
    current = _latest_open_route(case.pk)
    if current is None:
        messages.warning(request, gettext("Er is geen lopende route. Leg eerst een route vast."))
        return redirect(reverse("cases:detail", args=[case.pk]) + f"#{FRAGMENT}")
    form = RouteOutcomeForm(request.POST if request.method == "POST" else None)

    def record(data: dict[str, Any]) -> Route:
        return services.record_route_outcome(
            actor=user, route=current, outcome=data["outcome"], on=data["on"], note=data["note"]
        )

    return form_page(
        request,
        user=user,
        case=case,
        form=form,
        perform=record,
        done=lambda _: gettext("De uitkomst van de route is vastgelegd."),
        fragment=FRAGMENT,
        title=gettext("Waar is het kind terechtgekomen?"),
        intro=(
            gettext(
                "Route: %(kind)s bij %(provider)s, vanaf %(start)s. "
                "De uitkomst staat los van wat het kind nodig had."
            )
            % {
                "kind": current.get_kind_display().lower(),
                "provider": current.provider,
                "start": current.start_on.strftime("%d-%m-%Y"),
            }
        ),
        submit=gettext("Uitkomst vastleggen"),
    )


@work_view
def rhythm(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = case_for_work(user, case_id, policy.Act.CHANGE_PLAN)
    current = Perspective.objects.filter(case=case).first()
    form = RhythmForm(request.POST if request.method == "POST" else None, perspective=current)
    return form_page(
        request,
        user=user,
        case=case,
        form=form,
        perform=lambda data: services.set_evaluation_rhythm(
            actor=user,
            case=case,
            weeks=data["weeks"],
            set_on=data["set_on"],
            expected_version=data["expected_version"] or 0,
        ),
        done=lambda _: (
            ngettext(
                "Jullie evalueren elke week.",
                "Jullie evalueren elke %(weeks)s weken.",
                form.cleaned_data["weeks"],
            )
            % {"weeks": form.cleaned_data["weeks"]}
        ),
        fragment=FRAGMENT,
        title=gettext("Evaluatieritme"),
        intro=gettext("Spreek met ouders en kind af hoe vaak jullie samen kijken hoe het gaat."),
        submit=gettext("Evaluatieritme opslaan"),
    )
