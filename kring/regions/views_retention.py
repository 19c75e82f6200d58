"""How long the region keeps a case file after closing (/casussen/regio/bewaartermijn/): the region's
own policy, enforced by `kring tick` (`kring.cases.retention`). Only the director or the functioneel
beheerder of that SWV (`policy.can_configure_region`, as for the norms)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from kring.cases.forms_work import current_user, work_view
from kring.web.flow import run_service

from . import services
from .forms import CaseRetentionForm
from .models import DEFAULT_CASE_RETENTION_YEARS, RegionSettings
from .views import _swv_of


@work_view
def case_retention(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    swv = _swv_of(user)
    stored = RegionSettings.objects.filter(swv=swv).first()
    initial = (
        {"case_retention_years": stored.case_retention_years, "expected_version": stored.version}
        if stored
        else {"case_retention_years": DEFAULT_CASE_RETENTION_YEARS}
    )
    form = CaseRetentionForm(request.POST if request.method == "POST" else None, initial=initial)
    denied = False
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: services.configure_case_retention(
                actor=user,
                swv=swv,
                years=data["case_retention_years"],
                expected_version=data["expected_version"],
            ),
        )
        if outcome.done:
            messages.success(request, gettext("De bewaartermijn van het casusdossier is opgeslagen."))
            return redirect(reverse("regions:settings"))
        denied = outcome.denied
    return render(
        request,
        "regions/retention.html",
        {"swv": swv, "form": form, "default_years": DEFAULT_CASE_RETENTION_YEARS},
        status=403 if denied else (400 if form.is_bound else 200),
    )
