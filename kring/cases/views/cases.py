"""The case page, opening a case, changing its phase and downloading its scenario.

Thin views: parse the form, call a service or selector, render or redirect. Access is decided by
`kring.access.policy` (through the selectors); a refused act shows the service's Dutch message.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kring.access import policy
from kring.children.assessment import export_filename, export_scenario_json, with_recorded_violations
from kring.children.models import Child, EventType
from kring.children.readmodel import current_assessment
from kring.children.selectors import age_on, child_detail, child_timeline, current_schools
from kring.core.errors import Conflict
from kring.privacy.purposes import Purpose
from kring.web.flow import run_service

from .. import selectors, services, zienswijzen
from ..forms_overview import OpenCaseForm, TransitionForm
from ..models import Case, StatusChange
from ..workflow import allowed_targets
from .display import assessment_view, event_fields

if TYPE_CHECKING:
    from kring.accounts.models import User

PURPOSE_CASE_PAGE = Purpose.CASUSREGIE
PURPOSE_OPEN_CASE = Purpose.CASUSREGIE
STALE_MESSAGE = _(
    "Iemand anders heeft dit net gewijzigd. Je wijziging is niet opgeslagen; wat je typte staat er nog. "
    "Bekijk de nieuwe gegevens op deze pagina en verstuur het formulier opnieuw als het nog klopt."
)


def today() -> date:
    return timezone.localdate()


def acting_user(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    return user


def visible_case_or_404(user: User, case_id: int, act: policy.Act = policy.Act.VIEW_CASE) -> Case:
    """The case through the access policy, without an audit line (the act itself is audited):
    404 when not visible, 403 when `act` is not allowed (`policy.require_case`)."""
    return policy.require_case(user, case_id, act)


# ---------------------------------------------------------------- the case page


def detail_context(
    request: HttpRequest, case: Case, *, transition_form: TransitionForm | None = None
) -> dict[str, Any]:
    user = acting_user(request)
    day = today()
    child = case.child
    whole_file = policy.can(user, policy.Act.VIEW_TIMELINE, case)
    can_edit = policy.can(user, policy.Act.CHANGE_PHASE, case)
    context: dict[str, Any] = {
        "case": case,
        "child": child,
        "age": age_on(child.birth_date, day),
        "school": current_schools([child]).get(child.pk, ""),
        "today": day,
        "whole_file": whole_file,
        "can_edit": can_edit,
        "emergency_until": policy.break_glass_until(user, child),
        "regievoerder": selectors.active_regievoerder(case),
        "sees_signal": policy.can(user, policy.Act.VIEW_SIGNAL, case),
        "sees_assessment": policy.can(user, policy.Act.VIEW_ASSESSMENT, case),
        "status_changes": (
            StatusChange.objects.filter(case=case).select_related("changed_by")
            if policy.can(user, policy.Act.VIEW_STATUS_CHANGES, case)
            else StatusChange.objects.none()
        ),
    }
    targets = allowed_targets(case.status)
    if can_edit and targets:
        context["transition_form"] = transition_form or TransitionForm(
            targets=targets, initial={"on": day, "expected_version": case.version}
        )
    if whole_file:
        data = with_recorded_violations(child, current_assessment(child, today=day).data)
        context["assessment"] = assessment_view(data)
        context["events"] = [
            {"event": e, "fields": event_fields(e)} for e in child_timeline(child).order_by("date", "id")
        ]
        context["event_types"] = EventType.choices
        context["event_voices"] = zienswijzen.of_events(child)
    return context


@login_required
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    user = acting_user(request)
    try:
        case = selectors.case_detail(actor=user, case_id=case_id, purpose=PURPOSE_CASE_PAGE)
    except Case.DoesNotExist:
        raise Http404(gettext("Deze casus bestaat niet of je mag hem niet zien.")) from None
    with policy.deciding_once():  # many panels ask about the same case: each answer once
        return render(request, "cases/detail.html", detail_context(request, case))


@login_required
@require_POST
def case_transition(request: HttpRequest, case_id: int) -> HttpResponse:
    user = acting_user(request)
    case = visible_case_or_404(user, case_id, policy.Act.CHANGE_PHASE)
    form = TransitionForm(request.POST, targets=allowed_targets(case.status))
    if form.is_valid():
        outcome = run_service(
            form,
            lambda: services.transition_case(
                actor=user,
                case=case,
                to_status=form.cleaned_data["to_status"],
                reason=form.cleaned_data["reason"],
                on=form.cleaned_data["on"],
                expected_version=form.cleaned_data["expected_version"],
            ),
        )
        if outcome.denied:
            raise PermissionDenied(str(outcome.error))
        if isinstance(outcome.error, Conflict):
            case.refresh_from_db()
            # Keep what was typed; the page now shows the current state and its version.
            data = request.POST.copy()
            data["expected_version"] = str(case.version)
            form = TransitionForm(data, targets=allowed_targets(case.status))
            form.is_valid()
            form.add_error(None, STALE_MESSAGE)
        elif outcome.done:
            messages.success(
                request,
                gettext("De casus is nu in de fase %(status)s.") % {"status": case.get_status_display()},
            )
            return redirect("cases:detail", case_id=case.pk)
    context = detail_context(request, case, transition_form=form)
    return render(request, "cases/detail.html", context, status=409 if form.errors else 200)


@login_required
@require_GET
def case_scenario(request: HttpRequest, case_id: int) -> HttpResponse:
    """The child's timeline as the exact input of `kring rules assess` (audited)."""
    user = acting_user(request)
    case = visible_case_or_404(user, case_id, policy.Act.VIEW_TIMELINE)
    day = today()
    text = export_scenario_json(case.child, day, actor=user)
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(case.child, day)}"'
    return response


# ---------------------------------------------------------------- opening a case


@login_required
@require_http_methods(["GET", "POST"])
def case_open(request: HttpRequest, child_id: int) -> HttpResponse:
    user = acting_user(request)
    if policy.uses_family_pages(user):
        raise PermissionDenied(gettext("Een casus openen kan alleen een professional."))
    try:
        child = child_detail(
            actor=user, queryset=policy.visible_children(user), child_id=child_id, purpose=PURPOSE_OPEN_CASE
        )
    except Child.DoesNotExist:
        raise Http404(gettext("Dit kind bestaat niet of je mag het niet zien.")) from None
    existing = selectors.open_case_of(child)
    form = OpenCaseForm(request.POST or None, initial={"opened_on": today()})
    if request.method == "POST" and form.is_valid():
        outcome = run_service(
            form,
            lambda: services.open_case(
                actor=user,
                child=child,
                signal_kind=form.cleaned_data["signal_kind"],
                signal_description=form.cleaned_data["signal_description"],
                opened_on=form.cleaned_data["opened_on"],
            ),
        )
        if outcome.done:
            messages.success(
                request, gettext("De casus voor %(name)s is geopend.") % {"name": child.first_name}
            )
            return redirect("cases:detail", case_id=outcome.result.pk)  # type: ignore[union-attr]
        if outcome.denied:
            raise PermissionDenied(str(outcome.error))
        existing = selectors.open_case_of(child)
    return render(
        request,
        "cases/open.html",
        {
            "child": child,
            "age": age_on(child.birth_date, today()),
            "form": form,
            "existing": existing,
            "existing_url": reverse("cases:detail", args=[existing.pk]) if existing else "",
        },
        status=400 if form.errors else 200,
    )
