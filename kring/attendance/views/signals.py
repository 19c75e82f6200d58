"""Pages of attendance: signals (issue 12, points 3 and 4). Thin: the policy decides who sees what,
the services act (`services.signals`, `services.meldingen`), the selectors read. Every page that
shows a signal writes an audit line per signal (`audit.signal_viewed`).

- /aanwezigheid/signalen/: the school's signals, newest first (never ranked), with filters, search by
  the pupil's name, pages, and a print layout;
- /aanwezigheid/signalen/<id>/: a signal's days and hours, the rule or regional setting behind it,
  and the acts (seen, link to a case);
- .../casus/ and .../afwijzen/: open a case from it, dismiss it with a reason (each its own page, a
  confirmation before the act);
- .../melding/: the DUO verzuimmelding: copy-ready fields, the school's completion, 'ingediend bij DUO
  op', and .../melding/bestand/ the same fields as a file.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from kring.access import policy
from kring.cases.forms_work import current_user, work_view
from kring.web.flow import run_service
from kring.web.pagination import page_links

from .. import audit
from ..forms_signals import (
    DismissForm,
    FilterForm,
    LinkForm,
    MeldingForm,
    OpenCaseForm,
    SubmittedForm,
    VersionForm,
)
from ..models import AttendanceSignal, SignalKind, SignalStatus, VerzuimMelding
from ..selectors import signals as selectors
from ..services import meldingen as melding_services
from ..services import signals as services

NOT_FOR_YOU = _(
    "Signalen uit de aanwezigheid zijn voor de intern begeleider (zorgcoördinator) en de schoolleider van "
    "de school. Ouders zien de signalen over hun kind op de pagina van hun gezin."
)


def _school_user(request: HttpRequest) -> Any:
    user = current_user(request)
    if not policy.can_read_attendance_signals(user):
        raise PermissionDenied(NOT_FOR_YOU)
    return user


def _handled_signal(request: HttpRequest, signal_id: int) -> tuple[Any, AttendanceSignal]:
    """A signal of the user's schools (404 otherwise), for the school's own pages."""
    user = _school_user(request)
    signal = policy.require_attendance_signal(user, signal_id)
    if not policy.can_handle_attendance_signal(user, signal):
        raise PermissionDenied(NOT_FOR_YOU)
    return user, signal


def _status(outcome: Any) -> int:
    if outcome.denied:
        return 403
    return 409 if getattr(outcome.error, "code", "") == "concurrent_edit" else 400


def _confirmation_page(
    request: HttpRequest, template: str, user: Any, signal: AttendanceSignal, form: Any, status: int
) -> HttpResponse:
    """The page that asks to confirm an act on a signal (open a case, dismiss), with its form."""
    audit.signal_viewed(actor=user, signal=signal)
    return render(
        request,
        template,
        {
            "signal": signal,
            "name": selectors.pupil_name(signal),
            "form": form,
            "is_open": signal.status in services.OPEN_STATUSES,
        },
        status=status,
    )


@work_view
def signal_list(request: HttpRequest) -> HttpResponse:
    user = _school_user(request)
    schools = policy.attendance_schools(user).order_by("organisation__name")
    form = FilterForm(request.GET or None, schools=schools)
    data = form.cleaned_data if form.is_valid() else {}
    school = data.get("school")
    filters = selectors.Filters(
        status=data.get("status") or "",
        kind=data.get("kind") or "",
        school_id=school.pk if school else None,
        query=data.get("q") or "",
    )
    page = selectors.signals_page(user, filters, page_number=request.GET.get("page"))
    rows = list(page.object_list)
    audit.signals_listed(actor=user, signals=rows)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "attendance/signals/list.html",
        {
            "form": form,
            "page": page,
            "rows": [{"signal": s, "name": selectors.pupil_name(s)} for s in rows],
            "filters_active": filters.active,
            "querystring": params.urlencode(),
            "page_links": page_links(page.number, page.paginator.num_pages),
            "many_schools": schools.count() > 1,
            "printed_on": timezone.localdate(),
        },
    )


def _detail_context(user: Any, signal: AttendanceSignal) -> dict[str, Any]:
    melding = VerzuimMelding.objects.filter(signal=signal).first()
    is_open = signal.status in services.OPEN_STATUSES
    cases = policy.attendance_linkable_cases(user, signal)
    return {
        "signal": signal,
        "name": selectors.pupil_name(signal),
        "days": selectors.day_rows(signal.days),
        "total_hours": selectors.total_hours(signal.days),
        "explanation": selectors.explain(signal),
        "melding": melding,
        "melding_due": selectors.melding_due(signal) if signal.kind == SignalKind.LPW20 else None,
        "is_open": is_open,
        "may_acknowledge": signal.status == SignalStatus.NIEUW,
        "may_reopen": signal.status in services.REOPENABLE,
        "may_prepare": signal.kind == SignalKind.LPW20
        and melding is None
        and signal.status != SignalStatus.AFGEWEZEN,
        "has_cases": cases.exists(),
    }


@work_view
@require_http_methods(["GET", "POST"])
def signal_detail(request: HttpRequest, signal_id: int) -> HttpResponse:
    user, signal = _handled_signal(request, signal_id)
    part = request.POST.get("part") if request.method == "POST" else None
    cases = policy.attendance_linkable_cases(user, signal)
    seen = VersionForm(request.POST if part == "gezien" else None, signal=signal)
    link = LinkForm(request.POST if part == "koppelen" else None, signal=signal, cases=cases)
    prepare = VersionForm(request.POST if part == "melding" else None, signal=signal, prefix="melding")
    back = VersionForm(request.POST if part == "terugzetten" else None, signal=signal, prefix="terug")
    status = 200
    if part == "gezien" and seen.is_valid():
        outcome = run_service(
            seen,
            lambda: services.acknowledge(actor=user, signal=signal, version=seen.cleaned_data["version"]),
        )
        if outcome.done:
            messages.success(request, gettext("Het signaal staat op 'gezien'."))
            return redirect(reverse("attendance:signal", args=[signal.pk]))
        status = _status(outcome)
    elif part == "koppelen" and link.is_valid():
        outcome = run_service(
            link,
            lambda: services.link_to_case(
                actor=user,
                signal=signal,
                case=link.cleaned_data["case"],
                version=link.cleaned_data["version"],
            ),
        )
        if outcome.done:
            messages.success(request, gettext("Het signaal is gekoppeld aan de casus."))
            return redirect(reverse("attendance:signal", args=[signal.pk]))
        status = _status(outcome)
    elif part == "terugzetten" and back.is_valid():
        outcome = run_service(
            back,
            lambda: services.reopen(actor=user, signal=signal, version=back.cleaned_data["version"]),
        )
        if outcome.done:
            messages.success(request, gettext("Het signaal staat weer op 'nieuw'."))
            return redirect(reverse("attendance:signal", args=[signal.pk]))
        status = _status(outcome)
    elif part == "melding":
        prepared = run_service(prepare, lambda: melding_services.prepare(actor=user, signal=signal))
        if prepared.done:
            messages.success(
                request, gettext("De verzuimmelding is voorbereid. Kijk de gegevens na en vul ze aan.")
            )
            return redirect(reverse("attendance:melding", args=[signal.pk]))
        status = _status(prepared)
    elif part:
        status = 400
    audit.signal_viewed(actor=user, signal=signal)
    context = _detail_context(user, signal)
    context.update({"seen_form": seen, "link_form": link, "prepare_form": prepare, "back_form": back})
    return render(request, "attendance/signals/detail.html", context, status=status)


@work_view
@require_http_methods(["GET", "POST"])
def signal_open_case(request: HttpRequest, signal_id: int) -> HttpResponse:
    user, signal = _handled_signal(request, signal_id)
    form = OpenCaseForm(request.POST if request.method == "POST" else None, signal=signal)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: services.open_case(
                actor=user,
                signal=signal,
                version=data["version"],
                bsn=data.get("bsn", ""),
                enrolled_on=data.get("enrolled_on"),
                birth_date=data.get("birth_date"),
            ),
        )
        if outcome.done and outcome.result is not None and outcome.result.case_id is not None:
            messages.success(request, gettext("De casus is geopend. Het signaal is eraan gekoppeld."))
            return redirect(reverse("cases:detail", args=[outcome.result.case_id]))
        status = _status(outcome)
    elif request.method == "POST":
        status = 400
    return _confirmation_page(request, "attendance/signals/open_case.html", user, signal, form, status)


@work_view
@require_http_methods(["GET", "POST"])
def signal_dismiss(request: HttpRequest, signal_id: int) -> HttpResponse:
    user, signal = _handled_signal(request, signal_id)
    form = DismissForm(request.POST if request.method == "POST" else None, signal=signal)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: services.dismiss(
                actor=user, signal=signal, reason=data["reason"], version=data["version"]
            ),
        )
        if outcome.done:
            messages.success(request, gettext("Het signaal is afgewezen. De reden staat bij het signaal."))
            return redirect(reverse("attendance:signal", args=[signal.pk]))
        status = _status(outcome)
    elif request.method == "POST":
        status = 400
    return _confirmation_page(request, "attendance/signals/dismiss.html", user, signal, form, status)


def _melding_of(signal: AttendanceSignal) -> VerzuimMelding:
    melding = (
        VerzuimMelding.objects.filter(signal=signal).select_related("prepared_by", "submitted_by").first()
    )
    if melding is None:
        from django.http import Http404

        raise Http404
    return melding


def melding_fields(signal: AttendanceSignal, melding: VerzuimMelding, name: str) -> list[tuple[str, str]]:
    """The melding's fields with their labels, in the order of the Besluit register
    onderwijsdeelnemers (art. 13-14): the same on the page and in the file."""
    school = signal.school
    days = "; ".join(
        f"{row.day:%d-%m-%Y}: {row.hours} uur ({row.reason})" for row in selectors.day_rows(melding.days)
    )
    return [
        (gettext("Leerling"), name),
        (
            gettext("Geboortedatum"),
            f"{signal.child.birth_date:%d-%m-%Y}"
            if signal.child
            else (f"{signal.pupil_birth_date:%d-%m-%Y}" if signal.pupil_birth_date else ""),
        ),
        (gettext("School (vestiging)"), f"{school.organisation.name} ({school.vestigingscode})"),
        (gettext("Eerste dag van het verzuim"), f"{melding.start:%d-%m-%Y}"),
        (
            gettext("Laatste dag van het verzuim"),
            f"{melding.end:%d-%m-%Y}" if melding.end else gettext("nog niet bekend"),
        ),
        (gettext("Vermoedelijke soort verzuim"), melding.presumed_kind),
        (gettext("Vermoedelijke reden van het verzuim"), melding.presumed_reason),
        (gettext("Verzuimde dagen en uren"), days),
        (gettext("Totaal aantal uren"), str(selectors.total_hours(melding.days))),
        (gettext("Wat de school al heeft gedaan"), melding.school_actions),
        (
            gettext("De school wil dat de gemeente iets doet"),
            gettext("ja") if melding.municipal_action_wanted else gettext("nee"),
        ),
    ]


@work_view
@require_http_methods(["GET", "POST"])
def melding(request: HttpRequest, signal_id: int) -> HttpResponse:
    user, signal = _handled_signal(request, signal_id)
    found = _melding_of(signal)
    part = request.POST.get("part") if request.method == "POST" else None
    today = timezone.localdate()
    edit = MeldingForm(request.POST if part == "aanvullen" else None, melding=found)
    submitted = SubmittedForm(request.POST if part == "ingediend" else None, melding=found, today=today)
    status = 200
    if part == "aanvullen" and edit.is_valid():
        data = edit.cleaned_data
        outcome = run_service(
            edit,
            lambda: melding_services.update(
                actor=user,
                melding=found,
                version=data["version"],
                start=data["start"],
                end=data["end"],
                presumed_kind=data["presumed_kind"],
                presumed_reason=data["presumed_reason"],
                school_actions=data["school_actions"],
                municipal_action_wanted=data["municipal_action_wanted"],
            ),
        )
        if outcome.done:
            messages.success(request, gettext("De verzuimmelding is opgeslagen."))
            return redirect(reverse("attendance:melding", args=[signal.pk]))
        status = _status(outcome)
    elif part == "ingediend" and submitted.is_valid():
        data = submitted.cleaned_data
        outcome = run_service(
            submitted,
            lambda: melding_services.submit(
                actor=user, melding=found, version=data["version"], submitted_on=data["submitted_on"]
            ),
        )
        if outcome.done:
            messages.success(request, gettext("Vastgelegd: de verzuimmelding is ingediend bij DUO."))
            return redirect(reverse("attendance:melding", args=[signal.pk]))
        status = _status(outcome)
    elif part:
        status = 400
    audit.signal_viewed(actor=user, signal=signal)
    name = selectors.pupil_name(signal)
    return render(
        request,
        "attendance/signals/melding.html",
        {
            "signal": signal,
            "melding": found,
            "name": name,
            "melding_fields": melding_fields(signal, found, name),
            "days": selectors.day_rows(found.days),
            "due": selectors.melding_due(signal),
            "edit_form": edit,
            "submitted_form": submitted,
        },
        status=status,
    )


@work_view
def melding_download(request: HttpRequest, signal_id: int) -> HttpResponse:
    user, signal = _handled_signal(request, signal_id)
    found = _melding_of(signal)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([gettext("Veld"), gettext("Waarde")])
    for label, value in melding_fields(signal, found, selectors.pupil_name(signal)):
        writer.writerow([label, value])
    audit.melding_downloaded(actor=user, melding=found)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="verzuimmelding-{found.start:%Y%m%d}.csv"'
    return response


urlpatterns: list[URLPattern] = [
    path("signalen/", signal_list, name="signals"),
    path("signalen/<int:signal_id>/", signal_detail, name="signal"),
    path("signalen/<int:signal_id>/casus/", signal_open_case, name="signal_case"),
    path("signalen/<int:signal_id>/afwijzen/", signal_dismiss, name="signal_dismiss"),
    path("signalen/<int:signal_id>/melding/", melding, name="melding"),
    path("signalen/<int:signal_id>/melding/bestand/", melding_download, name="melding_download"),
]
