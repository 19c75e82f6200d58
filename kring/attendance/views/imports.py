"""Pages of attendance: imports. Upload a school's export, watch its progress (htmx polls; without
JavaScript the page reloads itself), then its summary or the list of problems; earlier imports."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _

from kring.access import policy
from kring.attendance.forms_imports import ImportForm
from kring.attendance.models import ColumnMapping, ImportStatus, SignalKind
from kring.attendance.services.imports import start_import
from kring.cases.forms_work import current_user, work_view
from kring.web.flow import run_service

NOT_FOR_YOU = _(
    "De aanwezigheid lees je in als intern begeleider, zorgcoördinator of schoolleider van de school."
)
POLL_SECONDS = 2


def _signals_url() -> str:
    try:
        return reverse("attendance:signals")
    except NoReverseMatch:
        return "/aanwezigheid/signalen/"


@work_view
def import_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    schools = policy.attendance_schools(user)
    if not schools.exists():
        raise PermissionDenied(NOT_FOR_YOU)
    initial = {key: request.GET[key] for key in ("school", "mapping") if request.GET.get(key)}
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial=initial,
        schools=schools,
        mappings=ColumnMapping.objects.filter(
            Q(school__isnull=True) | Q(school__in=schools), active=True
        ).order_by("name"),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        period = (data["period_start"], data["period_end"]) if data.get("period_start") else None
        outcome = run_service(
            form,
            lambda: start_import(
                actor=user,
                school=data["school"],
                mapping=data["mapping"],
                filename=upload.name,
                data=upload.read(),
                period=period,
            ),
        )
        if outcome.done and outcome.result is not None:
            return redirect(reverse("attendance:import", args=[outcome.result.pk]))
        status = 403 if outcome.denied else 400
    elif request.method == "POST":
        status = 400
    imports = policy.attendance_imports(user).select_related("school__organisation", "mapping")[:50]
    return render(request, "attendance/imports.html", {"form": form, "imports": imports}, status=status)


@work_view
def import_detail(request: HttpRequest, import_id: int) -> HttpResponse:
    user = current_user(request)
    record = policy.require_attendance_import(user, import_id)
    running = record.status in (ImportStatus.WACHTRIJ, ImportStatus.BEZIG)
    kinds = dict(SignalKind.choices)
    summary = record.summary or {}
    context = {
        "record": record,
        "running": running,
        "poll_seconds": POLL_SECONDS,
        "findings": [
            (kinds.get(kind, kind), count) for kind, count in summary.get("findings_by_kind", {}).items()
        ],
        "signals_url": _signals_url(),
        "again_url": reverse("attendance:imports")
        + f"?school={record.school_id}&mapping={record.mapping_id}",
    }
    if request.headers.get("HX-Request"):
        if not running:
            response = HttpResponse("")
            response["HX-Refresh"] = "true"  # the whole page, with its summary or its problems
            return response
        return render(request, "attendance/_import_progress.html", context)
    return render(request, "attendance/import_detail.html", context)


urlpatterns: list[URLPattern] = [
    path("imports/", import_list, name="imports"),
    path("imports/<int:import_id>/", import_detail, name="import"),
]
