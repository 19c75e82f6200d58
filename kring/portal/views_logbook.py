"""The family's logbook of a child: who viewed or changed what in the file, when, from which
organisation and for which purpose, in plain sentences; as a page (grouped per day, paginated,
filtered, printable) and as a CSV download. Who may read it: the access policy
(`policy.require_access_log`). Reading it leaves a line in the log itself.
"""

from __future__ import annotations

import csv
import io
from itertools import groupby
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.access import policy
from kring.cases.forms_work import current_user, work_view
from kring.core.spreadsheet import neutralise_row
from kring.privacy import audit, selectors
from kring.privacy.purposes import DESCRIPTIONS, Purpose
from kring.web.pagination import page_links

from .forms import LogFilterForm

# The purposes a professional can have for reading a child's file (the explanation at the top).
EXPLAINED_PURPOSES = (
    Purpose.CASUSREGIE,
    Purpose.LEERPLICHT,
    Purpose.ZORGPLICHT,
    Purpose.ESCALATIE,
    Purpose.STEUNPUNT,
    Purpose.NIGHTLY_JOB,
    Purpose.FAMILY_ACCESS,
)


def _form(request: HttpRequest, child_id: int) -> LogFilterForm:
    return LogFilterForm(request.GET or None, organisations=selectors.log_organisations(child_id))


@work_view
def access_log(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = policy.require_access_log(user, child_id)
    form = _form(request, child.pk)
    filters = form.filters()
    page = selectors.log_page(child.pk, filters, request.GET.get("page"))
    lines = selectors.log_lines(page.object_list)
    audit.access_log_viewed(actor=user, child=child, page=page.number)
    params = request.GET.copy()
    params.pop("page", None)
    context: dict[str, Any] = {
        "child": child,
        "form": form,
        "filters_active": filters.active,
        "page": page,
        "page_links": page_links(page.number, page.paginator.num_pages),
        "querystring": params.urlencode(),
        "days": [(day, list(rows)) for day, rows in groupby(lines, key=lambda line: line.day)],
        "purposes": [(p.label, DESCRIPTIONS[p]) for p in EXPLAINED_PURPOSES],
        "printed_on": timezone.localdate(),
    }
    return render(request, "portal/logbook.html", context)


CSV_COLUMNS = ("datum", "tijd", "wie", "rol", "organisatie", "soort", "wat", "doel", "reden_noodtoegang")


@work_view
def access_log_csv(request: HttpRequest, child_id: int) -> HttpResponse:
    """The log with the page's filters, every line, for a spreadsheet (UTF-8 with BOM, semicolons)."""
    user = current_user(request)
    child = policy.require_access_log(user, child_id)
    filters = _form(request, child.pk).filters()
    lines = selectors.log_lines(selectors.log_events(child.pk, filters).iterator())
    headers = {
        "datum": _("Datum"),
        "tijd": _("Tijd"),
        "wie": _("Wie"),
        "rol": _("Rol"),
        "organisatie": _("Organisatie"),
        "soort": _("Bekeken of veranderd"),
        "wat": _("Wat er gebeurde"),
        "doel": _("Doel"),
        "reden_noodtoegang": _("Reden voor toegang in een noodgeval"),
    }
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS), delimiter=";")
    writer.writerow(headers)
    for line in lines:
        writer.writerow(
            neutralise_row(
                {
                    "datum": line.day.isoformat(),
                    "tijd": line.at.strftime("%H:%M"),
                    "wie": line.who,
                    "rol": line.role,
                    "organisatie": line.organisation,
                    "soort": _("veranderd") if line.is_change else _("bekeken"),
                    "wat": line.what,
                    "doel": line.purpose_label,
                    "reden_noodtoegang": line.break_glass_reason,
                }
            )
        )
    audit.access_log_exported(actor=user, child=child, lines=len(lines))
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="kring-logboek-{day}.csv"'
    return response
