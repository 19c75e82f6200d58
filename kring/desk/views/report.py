"""Pages of the desk: the signals report (`/steunpunt/signalen/`) and its CSV and PDF downloads.

Who may produce which report is the access policy's (`desk_report_steunpunten`, `desk_report_swvs`);
the counts come from `selectors.report`, the tables from `report_tables` (page, CSV and PDF alike).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access import policy
from kring.accounts.models import User
from kring.cases.forms_work import current_user, work_view
from kring.desk import audit
from kring.desk.pdf import report_pdf
from kring.desk.periods import last_complete_quarter, quarter_code
from kring.desk.report_forms import ReportForm
from kring.desk.report_tables import report_charts, report_csv, report_tables, suppression_explanation
from kring.desk.selectors.report import SignalsReport, signals_report

NO_REPORT = _(
    "Het signalenrapport is voor de medewerkers van een ouder- en jeugdsteunpunt, en voor de directeur "
    "van een samenwerkingsverband dat het steunpunt helpt."
)


@dataclass
class Built:
    form: ReportForm
    report: SignalsReport | None


def _build(request: HttpRequest, user: User) -> Built:
    steunpunten = policy.desk_report_steunpunten(user).order_by("name")
    wanted = request.GET.get("steunpunt")
    if wanted:
        steunpunt = steunpunten.filter(pk=int(wanted) if wanted.isdigit() else 0).first()
        if steunpunt is None:
            raise Http404
    else:
        steunpunt = steunpunten.first()
    if steunpunt is None:
        raise PermissionDenied(NO_REPORT)
    swvs = policy.desk_report_swvs(user, steunpunt).order_by("code")
    whole = policy.desk_report_whole_steunpunt(user, steunpunt)
    today = timezone.localdate()
    data = request.GET.copy()
    data.setdefault("steunpunt", str(steunpunt.pk))
    data.setdefault("kwartaal", quarter_code(last_complete_quarter(today).start))
    if not whole and not data.get("swv"):
        own = swvs.first()
        if own is None:
            raise PermissionDenied(NO_REPORT)
        data["swv"] = str(own.pk)
    form = ReportForm(data, today=today, steunpunten=steunpunten, swvs=swvs, whole_steunpunt=whole)
    if not form.is_valid():
        return Built(form, None)
    report = signals_report(
        steunpunt=form.cleaned_data["steunpunt"],
        period=form.cleaned_data["period"],
        swv=form.cleaned_data["swv"],
    )
    return Built(form, report)


@work_view
def report_page(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    built = _build(request, user)
    report = built.report
    return render(
        request,
        "desk/report/report.html",
        {
            "form": built.form,
            "report": report,
            "tables": {t.key: t for t in report_tables(report)} if report else {},
            "charts": report_charts(report) if report else {},
            "explanation": suppression_explanation(),
            "query": request.GET.urlencode(),
            "may_raise": policy.works_at_desk(user),
        },
    )


def _filename(report: SignalsReport, extension: str) -> str:
    swv = f"-{report.swv.code}" if report.swv else ""
    return f"signalenrapport-{report.period.slug()}{swv}.{extension}"


def _download(request: HttpRequest, file_format: str) -> HttpResponse:
    user = current_user(request)
    built = _build(request, user)
    report = built.report
    if report is None:
        return render(
            request,
            "desk/report/report.html",
            {"form": built.form, "report": None, "explanation": suppression_explanation()},
            status=400,
        )
    with transaction.atomic():
        audit.report_exported(
            actor=user,
            steunpunt=report.steunpunt,
            period=report.period,
            swv=report.swv,
            file_format=file_format,
        )
    if file_format == "csv":
        response = HttpResponse(report_csv(report), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            report_pdf(report, explanation=" ".join(suppression_explanation())),
            content_type="application/pdf",
        )
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, file_format)}"'
    return response


@work_view
def report_csv_download(request: HttpRequest) -> HttpResponse:
    return _download(request, "csv")


@work_view
def report_pdf_download(request: HttpRequest) -> HttpResponse:
    return _download(request, "pdf")


urlpatterns: list[URLPattern] = [
    path("signalen/", report_page, name="report"),
    path("signalen/rapport.csv", report_csv_download, name="report_csv"),
    path("signalen/rapport.pdf", report_pdf_download, name="report_pdf"),
]
