"""The child's timeline on the case page: add an event (with the refusal and the violation path)
and remove one with a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from kring.access import policy
from kring.cases import selectors
from kring.cases.models import Case
from kring.cases.views.cases import acting_user, visible_case_or_404
from kring.cases.views.display import event_fields
from kring.children.models import EventType, TimelineEvent
from kring.children.services import EventRefused, delete_event, record_event
from kring.organisations.models import SchoolLocation
from kring.privacy.purposes import Purpose
from kring.web.flow import run_service

from ..forms import TYPE_HELP, DeleteEventForm, EventForm

if TYPE_CHECKING:
    from kring.accounts.models import User

PURPOSE_TIMELINE = Purpose.LEERPLICHT


def _editable_case(user: User, case_id: int) -> Case:
    return visible_case_or_404(user, case_id, policy.Act.WRITE_TIMELINE)


def school_choices(user: User, case: Case) -> list[SchoolLocation]:
    """Schools to pick from: the user's own, those on the child's timeline, those in the child's
    gemeente. Other schools can be typed by name."""
    child = case.child
    own = Q()
    if user.organisation_id is not None:
        own = Q(organisation_id=user.organisation_id) | Q(board_id=user.organisation_id)
    on_timeline = Q(pk__in=TimelineEvent.objects.filter(child=child, school__isnull=False).values("school"))
    condition = own | on_timeline if own else on_timeline
    if child.gemeente_id is not None:
        condition |= Q(gemeente_id=child.gemeente_id)
    return list(
        SchoolLocation.objects.filter(condition).select_related("organisation").order_by("organisation__name")
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_add(request: HttpRequest, case_id: int) -> HttpResponse:
    user = acting_user(request)
    case = _editable_case(user, case_id)
    event_type = request.POST.get("type") or request.GET.get("soort", "")
    context: dict[str, object] = {"case": case, "child": case.child, "event_types": EventType.choices}
    if event_type not in EventType.values:
        # First choose the kind of event; then the form shows the fields that kind needs.
        selectors.case_detail(actor=user, case_id=case.pk, purpose=PURPOSE_TIMELINE)
        context["chosen"] = ""
        return render(request, "children/event_form.html", context, status=400 if event_type else 200)
    schools = school_choices(user, case)
    wants_violation = request.method == "POST" and "as_violation" in request.POST
    form = EventForm(request.POST or None, event_type=event_type, schools=schools, refused=wants_violation)
    context.update(chosen=event_type, type_label=EventType(event_type).label, type_help=TYPE_HELP[event_type])
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data.get("violation_reason", "").strip() if wants_violation else ""
        if wants_violation and not reason:
            form.add_error("violation_reason", gettext("Schrijf op waarom je dit toch vastlegt."))
        else:
            outcome = run_service(
                form,
                lambda: record_event(
                    actor=user,
                    child=case.child,
                    type=event_type,
                    date=form.cleaned_data["date"],
                    data=form.contract_data(),
                    note=form.cleaned_data.get("note", ""),
                    school=form.registered_school(),
                    violation_reason=reason,
                ),
            )
            refused = outcome.error
            if isinstance(refused, EventRefused):
                # Show what was typed, now with the reason field, without errors yet.
                form = EventForm(
                    initial=request.POST.dict(), event_type=event_type, schools=schools, refused=True
                )
                context["refusal"] = {
                    "message": refused.messages[0],
                    "rule": refused.rule,
                    "source": refused.source,
                }
            elif outcome.denied:
                raise PermissionDenied(str(refused))
            elif (event := outcome.result) is not None:
                label = event.get_type_display()
                if event.recorded_as_violation:
                    messages.warning(
                        request,
                        gettext("%(type)s is vastgelegd als overtreding, met jouw reden.") % {"type": label},
                    )
                else:
                    messages.success(
                        request, gettext("%(type)s is vastgelegd op de tijdlijn.") % {"type": label}
                    )
                return redirect(reverse("cases:detail", args=[case.pk]) + "#tijdlijn")
    elif request.method == "GET":
        selectors.case_detail(actor=user, case_id=case.pk, purpose=PURPOSE_TIMELINE)
    context["form"] = form
    status = 200
    if request.method == "POST":
        status = 409 if "refusal" in context else 400
    return render(request, "children/event_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def event_delete(request: HttpRequest, case_id: int, event_id: int) -> HttpResponse:
    user = acting_user(request)
    case = _editable_case(user, case_id)
    try:
        event = TimelineEvent.objects.select_related("recorded_by").get(pk=event_id, child_id=case.child_id)
    except TimelineEvent.DoesNotExist:
        raise Http404(gettext("Deze gebeurtenis staat niet op de tijdlijn van dit kind.")) from None
    form = DeleteEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = run_service(
            form, lambda: delete_event(actor=user, event=event, reason=form.cleaned_data["reason"])
        )
        if outcome.denied:
            raise PermissionDenied(str(outcome.error))
        if outcome.done:
            messages.success(
                request,
                gettext("%(type)s is van de tijdlijn verwijderd.") % {"type": event.get_type_display()},
            )
            return redirect(reverse("cases:detail", args=[case.pk]) + "#tijdlijn")
    elif request.method == "GET":
        selectors.case_detail(actor=user, case_id=case.pk, purpose=PURPOSE_TIMELINE)
    return render(
        request,
        "children/event_delete.html",
        {"case": case, "child": case.child, "event": event, "fields": event_fields(event), "form": form},
        status=400 if form.errors else 200,
    )
