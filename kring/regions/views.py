"""The settings of a samenwerkingsverband for casusregie: the three-month norm (KR-3M), escalation
of missed statutory terms, and the escalation ladder (levels with a mandate holder and a term).

Only the director or the functioneel beheerder of that SWV (`policy.can_configure_region`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kring.access import policy
from kring.accounts.models import User
from kring.accounts.roles import FAMILY_ROLES
from kring.cases.forms_work import current_user, work_view
from kring.organisations.models import Samenwerkingsverband
from kring.web.flow import run_service

from . import services
from .forms import LevelFormSet, RegionSettingsForm, TlvChecklistForm
from .models import EscalationLevel, RegionSettings, TlvChecklist

NOT_REGION_ADMIN = _(
    "Deze pagina is voor de directeur en de functioneel beheerder van een samenwerkingsverband. "
    "Zij stellen de normen en de escalatieladder van hun regio in."
)


def _swv_of(user: User) -> Samenwerkingsverband:
    swv = Samenwerkingsverband.objects.select_related("organisation").filter(pk=user.organisation_id).first()
    if swv is None or not policy.can_configure_region(user, swv):
        raise PermissionDenied(NOT_REGION_ADMIN)
    return swv


def _ladder_initial(swv: Samenwerkingsverband) -> list[dict[str, Any]]:
    return [
        {
            "name": level.name,
            "mandate_user": level.mandate_user_id,
            "mandate_role": level.mandate_role,
            "term_amount": level.term_amount,
            "term_unit": level.term_unit,
        }
        for level in EscalationLevel.objects.filter(swv=swv).order_by("order")
    ]


@work_view
def region_settings(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    swv = _swv_of(user)
    stored = RegionSettings.objects.filter(swv=swv).first()
    swv_users = (
        User.objects.filter(organisation_id=swv.pk, is_active=True)
        .exclude(role__in=list(FAMILY_ROLES))
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )
    part = request.POST.get("part") if request.method == "POST" else None
    norms_initial = (
        {
            "kr_3m_enabled": stored.kr_3m_enabled,
            "kr_3m_months": stored.kr_3m_months,
            "escalate_statutory": stored.escalate_statutory,
            "expected_version": stored.version,
        }
        if stored
        else {"kr_3m_enabled": True, "kr_3m_months": 3, "escalate_statutory": True}
    )
    norms = RegionSettingsForm(request.POST if part == "normen" else None, initial=norms_initial)
    ladder = LevelFormSet(
        request.POST if part == "ladder" else None,
        initial=_ladder_initial(swv),
        prefix="trede",
        form_kwargs={"swv_users": swv_users},
    )
    stored_checklist = TlvChecklist.objects.filter(swv=swv).first()
    checklist_initial: dict[str, Any] = {
        "require_opp": True,
        "require_parents_view": True,
        "require_child_view": True,
        "require_place": True,
        "uses_category": False,
    }
    if stored_checklist is not None:
        checklist_initial = {
            **{key: getattr(stored_checklist, key) for key in checklist_initial},
            "expected_version": stored_checklist.version,
        }
    checklist = TlvChecklistForm(request.POST if part == "tlv" else None, initial=checklist_initial)
    denied = False
    if part == "tlv" and checklist.is_valid():
        values = checklist.cleaned_data
        checklist_outcome = run_service(
            checklist,
            lambda: services.configure_tlv_checklist(
                actor=user,
                swv=swv,
                require_opp=values["require_opp"],
                require_parents_view=values["require_parents_view"],
                require_child_view=values["require_child_view"],
                require_place=values["require_place"],
                uses_category=values["uses_category"],
                expected_version=values["expected_version"],
            ),
        )
        if checklist_outcome.done:
            messages.success(request, gettext("De TLV-checklist van de regio is opgeslagen."))
            return redirect(reverse("regions:settings") + "#tlv-titel")
        denied = checklist_outcome.denied
    if part == "normen" and norms.is_valid():
        data = norms.cleaned_data
        norms_outcome = run_service(
            norms,
            lambda: services.configure_region(
                actor=user,
                swv=swv,
                kr_3m_enabled=data["kr_3m_enabled"],
                kr_3m_months=data["kr_3m_months"],
                escalate_statutory=data["escalate_statutory"],
                expected_version=data["expected_version"],
            ),
        )
        if norms_outcome.done:
            messages.success(request, gettext("De normen van de regio zijn opgeslagen."))
            return redirect(reverse("regions:settings"))
        denied = norms_outcome.denied
    ladder_errors: list[str] = []
    if part == "ladder" and ladder.is_valid():
        specs = [
            services.LevelSpec(
                name=form.cleaned_data.get("name") or "",
                term_amount=form.cleaned_data.get("term_amount") or 0,
                term_unit=form.cleaned_data.get("term_unit") or "werkdagen",
                mandate_user=form.cleaned_data.get("mandate_user"),
                mandate_role=form.cleaned_data.get("mandate_role") or "",
            )
            for form in ladder.forms
            if form.cleaned_data and not form.cleaned_data.get("remove") and not form.is_blank()
        ]
        holder = forms.Form(data={})  # collects the refusal of the ladder service
        holder.is_valid()
        ladder_outcome = run_service(
            holder, lambda: services.configure_escalation_ladder(actor=user, swv=swv, levels=specs)
        )
        if ladder_outcome.done:
            messages.success(
                request,
                gettext("De escalatieladder is opgeslagen (%(count)s trede(n)).") % {"count": len(specs)},
            )
            return redirect(reverse("regions:settings"))
        denied = ladder_outcome.denied
        ladder_errors = [str(e) for e in holder.non_field_errors()]
    return render(
        request,
        "regions/settings.html",
        {
            "swv": swv,
            "norms": norms,
            "checklist": checklist,
            "ladder": ladder,
            "ladder_errors": ladder_errors,
            "case_retention_years": services.case_retention_years(swv),
            "levels": EscalationLevel.objects.filter(swv=swv)
            .select_related("mandate_user")
            .order_by("order"),
        },
        status=403 if denied else 200,
    )
