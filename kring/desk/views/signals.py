"""Pages of the desk: policy signals. The steunpunt raises a signal to a samenwerkingsverband it
serves; the SWV's director writes the response and what changed (`services.signals`)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kring.access import policy
from kring.cases.forms_work import current_user, work_view
from kring.desk.report_forms import RaiseSignalForm, RespondForm, WhatChangedForm
from kring.desk.selectors.signals import require_signal, signals_for
from kring.desk.services import signals as services
from kring.web.flow import run_service

NOT_FOR_YOU = _(
    "Signalen zijn voor de medewerkers van een ouder- en jeugdsteunpunt en voor het samenwerkingsverband "
    "waaraan ze zijn gemeld."
)
ONLY_DESK = _("Een signaal meld je als medewerker van een ouder- en jeugdsteunpunt.")


@work_view
def signal_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not policy.can_read_signals(user):
        raise PermissionDenied(NOT_FOR_YOU)
    signals = list(signals_for(user))
    return render(
        request,
        "desk/report/signals.html",
        {
            "waiting": [s for s in signals if not s.response],
            "answered": [s for s in signals if s.response],
            "may_raise": policy.works_at_desk(user),
        },
    )


@work_view
def signal_new(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not policy.works_at_desk(user):
        raise PermissionDenied(ONLY_DESK)
    swvs = policy.desk_swvs(user).select_related("organisation").order_by("code")
    form = RaiseSignalForm(
        request.POST if request.method == "POST" else None, swvs=swvs, today=timezone.localdate()
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: services.raise_signal(
                actor=user,
                swv=data["swv"],
                title=data["title"],
                body=data["body"],
                categories=list(data["categories"]),
                based_on=form.based_on_period(),
            ),
        )
        if outcome.done and outcome.result is not None:
            messages.success(request, gettext("Het signaal is gemeld aan het samenwerkingsverband."))
            return redirect(reverse("desk:signal_detail", args=[outcome.result.pk]))
        status = 403 if outcome.denied else 400
    elif request.method == "POST":
        status = 400
    return render(request, "desk/report/signal_new.html", {"form": form}, status=status)


@work_view
def signal_detail(request: HttpRequest, signal_id: int) -> HttpResponse:
    user = current_user(request)
    signal = require_signal(user, signal_id)
    may_respond = policy.can_respond_to_signal(user, signal)
    part = request.POST.get("part") if request.method == "POST" else None
    if part and not may_respond:
        raise PermissionDenied(
            gettext(
                "Op een signaal reageert de directeur van het samenwerkingsverband waaraan het is gemeld."
            )
        )
    respond = RespondForm(request.POST if part == "reactie" else None, signal=signal)
    changed = WhatChangedForm(request.POST if part == "veranderd" else None, signal=signal)
    status = 200
    if part == "reactie" and respond.is_valid():
        data = respond.cleaned_data
        outcome = run_service(
            respond,
            lambda: services.respond_to_signal(
                actor=user,
                signal=signal,
                response=data["response"],
                what_changed=data["what_changed"],
                version=data["version"],
            ),
        )
        if outcome.done:
            messages.success(
                request, gettext("Je reactie is opgeslagen. Het steunpunt ziet haar in het rapport.")
            )
            return redirect(reverse("desk:signal_detail", args=[signal.pk]))
        status = (
            409
            if outcome.error is not None and getattr(outcome.error, "code", "") == "concurrent_edit"
            else 400
        )
    elif part == "veranderd" and changed.is_valid():
        data = changed.cleaned_data
        outcome = run_service(
            changed,
            lambda: services.record_what_changed(
                actor=user, signal=signal, what_changed=data["what_changed"], version=data["version"]
            ),
        )
        if outcome.done:
            messages.success(request, gettext("Opgeslagen wat er is veranderd."))
            return redirect(reverse("desk:signal_detail", args=[signal.pk]))
        status = 400
    elif part:
        status = 400
    return render(
        request,
        "desk/report/signal_detail.html",
        {"signal": signal, "may_respond": may_respond, "respond": respond, "changed": changed},
        status=status,
    )


urlpatterns: list[URLPattern] = [
    path("signalen/meldingen/", signal_list, name="signals"),
    path("signalen/meldingen/nieuw/", signal_new, name="signal_new"),
    path("signalen/meldingen/<int:signal_id>/", signal_detail, name="signal_detail"),
]
