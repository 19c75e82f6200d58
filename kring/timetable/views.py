"""The onderwijstijd pages (namespace `timetable`, under /onderwijstijd/): the list of children with
a reduced timetable, the child's page, and the school's forms (record, request, consent, end).

Thin views: the access policy decides (`kring.access.policy`), the services do the work and refuse
with a message on the field it concerns (`kring.web.flow.run_service`); what was typed stays. The
consent status and the verborgen thuiszitter come from the rules engine's read model (selectors).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kring.access import policy
from kring.accounts.models import User
from kring.cases.forms_work import current_user, work_view
from kring.children.audit import child_viewed
from kring.children.models import Child
from kring.web.flow import run_service
from kring.web.pagination import page_links

from . import audit, selectors, services
from .forms import ConsentForm, EndForm, ListFilterForm, ReducedTimetableForm, RequestForm
from .models import ReducedTimetable
from .panels import action_items

PAGE_SIZE = 25

NOT_FOR_YOU = _(
    "De lijst met minder onderwijstijd is er voor de school, het samenwerkingsverband en de "
    "leerplichtambtenaar. Ouders zien de minder onderwijstijd van hun kind op de pagina van hun gezin."
)


def _child(user: User, child_id: int) -> Child:
    child = policy.visible_children(user).filter(pk=child_id).first()
    if child is None:
        raise Http404(gettext("Dit kind bestaat niet of je mag het niet zien."))
    return child


def _status(outcome: Any) -> int:
    return 403 if outcome.denied else 400


# ---------------------------------------------------------------- the list


def _filters(form: ListFilterForm) -> selectors.Filters:
    data = form.cleaned_data if form.is_valid() else {}
    school = data.get("school")
    return selectors.Filters(
        school_id=school.pk if school else None,
        without_consent=bool(data.get("zonder_instemming")),
        longer_than_28_days=bool(data.get("langer_dan_28_dagen")),
        query=(data.get("q") or "").strip(),
    )


@work_view
def timetable_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not policy.may_list_reduced_timetables(user):
        raise PermissionDenied(str(NOT_FOR_YOU))
    today = timezone.localdate()
    schools = selectors.list_schools(user, today=today)
    form = ListFilterForm(request.GET or None, schools=schools)
    filters = _filters(form)
    rows = selectors.list_rows(user, filters, today=today)
    if request.GET.get("formaat") == "csv":
        audit.exported(actor=user, timetables=[r.timetable for r in rows])
        return _csv(rows, today=today)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    audit.listed(actor=user, timetables=[r.timetable for r in shown])
    params = request.GET.copy()
    params.pop("page", None)
    csv_params = params.copy()
    csv_params["formaat"] = "csv"
    return render(
        request,
        "timetable/list.html",
        {
            "form": form,
            "page": page,
            "rows": shown,
            "filters_active": filters.active,
            "querystring": params.urlencode(),
            "csv_querystring": csv_params.urlencode(),
            "page_links": page_links(page.number, page.paginator.num_pages),
            "many_schools": schools.count() > 1,
            "printed_on": today,
            "ot02_source": selectors.ot02_source(),
            "tz06_source": selectors.tz06_source(),
        },
    )


def _consent_text(row: selectors.TimetableRow) -> str:
    state = row.consent.state
    if state == "missing":
        return gettext("Toestemming inspectie ontbreekt")
    if state == "met":
        return gettext("Instemming inspectie: op tijd")
    if state == "met_late":
        return gettext("Instemming inspectie: te laat")
    if state == "upcoming":
        return gettext("Nog niet begonnen")
    if state == "off_timeline":
        return gettext("Niet op de tijdlijn")
    return gettext("Geen instemming nodig volgens de regels")


def _csv(rows: list[selectors.TimetableRow], *, today: Any) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        [
            gettext("Voornaam"),
            gettext("Achternaam"),
            gettext("Geboortedatum"),
            gettext("School"),
            gettext("Uren per week"),
            gettext("Normale uren per week"),
            gettext("Sinds"),
            gettext("Tot en met"),
            gettext("Instemming inspectie"),
            gettext("Regel"),
            gettext("Bron"),
            gettext("Verborgen thuiszitter"),
            gettext("Dagen"),
        ]
    )
    for row in rows:
        t = row.timetable
        writer.writerow(
            [
                t.child.first_name,
                t.child.last_name,
                t.child.birth_date.isoformat(),
                t.school.organisation.name,
                str(t.hours_per_week.normalize()).replace(".", ","),
                str(t.normal_hours_per_week.normalize()).replace(".", ",") if t.normal_hours_per_week else "",
                t.starts_on.isoformat(),
                t.ends_on.isoformat() if t.ends_on else "",
                _consent_text(row),
                row.consent.rule,
                row.consent.source,
                gettext("ja") if row.verborgen else gettext("nee"),
                row.verborgen_days if row.verborgen_days is not None else row.days,
            ]
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="minder-onderwijstijd-{today.isoformat()}.csv"'
    return response


# ---------------------------------------------------------------- the child's page


@work_view
def child_page(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = _child(user, child_id)
    if policy.uses_family_pages(user):
        return redirect(reverse("portal:child", args=[child.pk]) + "#onderwijstijd")
    today = timezone.localdate()
    rows = selectors.child_rows(user, child, today=today)
    may_record = policy.may_record_reduced_timetable(user, child)
    child_viewed(actor=user, child=child, purpose=audit.PURPOSE)
    audit.viewed(actor=user, timetables=[r.timetable for r in rows])
    return render(
        request,
        "timetable/child.html",
        {
            "child": child,
            "items": action_items(user, rows, today=today),
            "may_record": may_record,
            "ot02_source": selectors.ot02_source(),
            "tz06_source": selectors.tz06_source(),
        },
    )


# ---------------------------------------------------------------- the school's forms


@work_view
def record(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = _child(user, child_id)
    schools = policy.reduced_timetable_schools(user, child)
    if not schools.exists():
        raise PermissionDenied(str(policy.NOT_TIMETABLE_SCHOOL))
    form = ReducedTimetableForm(request.POST or None, schools=schools)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: services.record_reduced_timetable(
                actor=user,
                child=child,
                school=data["school"],
                hours_per_week=data["hours_per_week"],
                normal_hours_per_week=data["normal_hours_per_week"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                ground=data["ground"],
                reason=data["reason"],
                requested_on=data["requested_on"],
            ),
        )
        if outcome.done:
            messages.success(request, gettext("De minder onderwijstijd is vastgelegd."))
            return redirect(reverse("timetable:child", args=[child.pk]))
        status = _status(outcome)
    elif request.method == "POST":
        status = 400
    else:
        child_viewed(actor=user, child=child, purpose=audit.PURPOSE)
    return render(
        request,
        "timetable/form.html",
        {
            "child": child,
            "form": form,
            "title": gettext("Minder onderwijstijd vastleggen"),
            "submit": gettext("Vastleggen"),
            "optional": ("normal_hours_per_week", "ends_on", "requested_on"),
            "intro": gettext(
                "Krijgt het kind minder uren les dan de wet voorschrijft? Leg het hier vast. Kring laat dan "
                "zien of de instemming van de inspectie nodig is en of die er is. De ouders zien wat je "
                "hier schrijft."
            ),
        },
        status=status,
    )


def _timetable_form(
    request: HttpRequest,
    timetable_id: int,
    *,
    form_class: type[Any],
    perform: Any,
    done: str,
    title: str,
    submit: str,
    optional: tuple[str, ...] = (),
    intro: str = "",
) -> HttpResponse:
    user = current_user(request)
    timetable: ReducedTimetable = policy.require_reduced_timetable(user, timetable_id, manage=True)
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        outcome = run_service(form, lambda: perform(user, timetable, form.cleaned_data))
        if outcome.done:
            messages.success(request, done)
            return redirect(reverse("timetable:child", args=[timetable.child_id]))
        status = _status(outcome)
    elif request.method == "POST":
        status = 400
    else:
        audit.viewed(actor=user, timetables=[timetable])
    return render(
        request,
        "timetable/form.html",
        {
            "child": timetable.child,
            "timetable": timetable,
            "form": form,
            "title": title,
            "submit": submit,
            "optional": optional,
            "intro": intro,
        },
        status=status,
    )


@work_view
def request_consent(request: HttpRequest, timetable_id: int) -> HttpResponse:
    return _timetable_form(
        request,
        timetable_id,
        form_class=RequestForm,
        perform=lambda user, t, data: services.record_inspectorate_request(
            actor=user, timetable=t, requested_on=data["requested_on"]
        ),
        done=gettext("Vastgelegd: de school heeft de inspectie om instemming gevraagd."),
        title=gettext("Aanvraag bij de inspectie vastleggen"),
        submit=gettext("Aanvraag vastleggen"),
        intro=gettext(
            "Het schoolbestuur vraagt de inspectie om in te stemmen met minder onderwijstijd. Leg vast "
            "wanneer dat gebeurde. Pas de instemming zelf maakt het goed."
        ),
    )


@work_view
def record_consent(request: HttpRequest, timetable_id: int) -> HttpResponse:
    return _timetable_form(
        request,
        timetable_id,
        form_class=ConsentForm,
        perform=lambda user, t, data: services.record_inspectorate_consent(
            actor=user, timetable=t, consent_on=data["consent_on"], consent_until=data["consent_until"]
        ),
        done=gettext("De instemming van de inspectie is vastgelegd."),
        title=gettext("Instemming van de inspectie vastleggen"),
        submit=gettext("Instemming vastleggen"),
        optional=("consent_until",),
        intro=gettext("Neem de datums over uit de brief van de inspectie."),
    )


@work_view
def end(request: HttpRequest, timetable_id: int) -> HttpResponse:
    return _timetable_form(
        request,
        timetable_id,
        form_class=EndForm,
        perform=lambda user, t, data: services.end_reduced_timetable(
            actor=user, timetable=t, ends_on=data["ends_on"], reason=data["reason"]
        ),
        done=gettext("Vastgelegd: de minder onderwijstijd stopt."),
        title=gettext("Minder onderwijstijd laten stoppen"),
        submit=gettext("Laten stoppen"),
        optional=("reason",),
        intro=gettext(
            "Krijgt het kind weer alle uren, of gaat het naar een andere school? Vul de laatste dag in."
        ),
    )
