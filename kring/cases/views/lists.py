"""The case list with its filters, and its CSV export."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Max, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from kring.access import policy
from kring.access.scopes import Section
from kring.accounts.models import User
from kring.children.models import Child, EventType, TimelineEvent
from kring.children.readmodel import current_assessments, refresh_stale
from kring.children.selectors import age_on, current_schools
from kring.children.views.registration import may_register_children
from kring.core.spreadsheet import neutralise_row
from kring.organisations.models import Gemeente, SchoolLocation
from kring.privacy.purposes import Purpose
from kring.web.pagination import page_links
from kring.web.search import BSN_PARAM, bsn_query, search_redirect

from .. import selectors
from ..forms_overview import CaseFilterForm
from ..models import Case, Meeting, Perspective, RegievoerderAssignment
from ..planning import NextEvaluation, next_evaluation_from
from .cases import acting_user, today
from .display import CATEGORY_SHORT

PAGE_SIZE = 25
PURPOSE_LIST = Purpose.CASUSREGIE
PURPOSE_EXPORT = Purpose.CASUSREGIE
SESSION_BSN = "kring_cases_bsn_search"


def _search_redirect(request: HttpRequest, url_name: str) -> HttpResponse | None:
    return search_redirect(request, url_name, session_key=SESSION_BSN)


def _bsn_query(request: HttpRequest) -> str:
    return bsn_query(request, session_key=SESSION_BSN)


def _filter_form(
    user: User, data: QueryDict | dict[str, Any] | None, visible: QuerySet[Case]
) -> CaseFilterForm:
    """The filter form with choices drawn from the cases this user may see (never wider):
    `visible` is `policy.visible_cases_read_once(user)`, so no choice walks the visibility
    predicate again."""
    # Each set read as a list of ids first: nested as subqueries in the next query, PostgreSQL
    # planned some of them as nested loops over every visible child (seconds at national scale).
    children = sorted(set(visible.order_by().values_list("child_id", flat=True)))
    # The schools of these children's enrolments, as a list of ids first: nested in the schools'
    # query, PostgreSQL planned it as a nested loop of every enrolment against every visible child
    # (33 s for 30,000 children of one gemeente); on its own it is one hash join.
    enrolled_at = set(
        TimelineEvent.objects.filter(child__in=children, type=EventType.INSCHRIJVING, school__isnull=False)
        .order_by()
        .values_list("school_id", flat=True)
        .distinct()
    )
    schools = (
        SchoolLocation.objects.filter(pk__in=sorted(enrolled_at))
        .select_related("organisation")
        .order_by("organisation__name")
    )
    gemeente_ids = set(
        Child.objects.filter(pk__in=children, gemeente__isnull=False)
        .order_by()
        .values_list("gemeente_id", flat=True)
        .distinct()
    )
    gemeenten = Gemeente.objects.filter(pk__in=sorted(gemeente_ids)).order_by("name")
    regievoerders = (
        User.objects.filter(
            regie_assignments__ended_on__isnull=True,
            regie_assignments__case__in=visible,
        )
        .distinct()
        .order_by("first_name", "last_name")
    )
    return CaseFilterForm(data, schools=schools, gemeenten=gemeenten, regievoerders=regievoerders)


def filtered_cases(
    user: User, form: CaseFilterForm, *, bsn: str = "", visible: QuerySet[Case] | None = None
) -> QuerySet[Case]:
    """The filters on the assessment read the indexed columns of the stored per-child assessments
    (the read model), as the API does: every write to a timeline refreshes its child's row and the
    nightly job the rest, so a filtered page costs what its rows cost, not a freshness check of
    every open case this user sees. The rows shown are brought up to date (`_rows`)."""
    kwargs = form.selector_kwargs()
    if bsn:
        kwargs["query"] = bsn
    return selectors.case_list(user, visible=visible, **kwargs)


@login_required
@require_http_methods(["GET", "POST"])
def case_list(request: HttpRequest) -> HttpResponse:
    moved = _search_redirect(request, "cases:list")
    if moved is not None:
        return moved
    user = acting_user(request)
    bsn = _bsn_query(request)
    visible = policy.visible_cases_read_once(user)
    form = _filter_form(user, request.GET or None, visible)
    cases = filtered_cases(user, form, bsn=bsn, visible=visible).prefetch_related(
        Prefetch(
            "regievoerders",
            queryset=RegievoerderAssignment.objects.filter(ended_on__isnull=True).select_related("user"),
            to_attr="active_regie",
        )
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = _rows(user, list(page.object_list))
    selectors.record_listed(actor=user, cases=[r["case"] for r in rows], purpose=PURPOSE_LIST)

    params = request.GET.copy()
    params.pop("page", None)
    searched_bsn = bool(bsn)
    if not searched_bsn:
        params.pop(BSN_PARAM, None)
    filters_active = any(v for v in params.values())
    return render(
        request,
        "cases/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "querystring": params.urlencode(),
            "searched_bsn": searched_bsn,
            "filters_active": filters_active,
            "can_register": may_register_children(user),
            "can_export": _may_export(user),
            "page_links": page_links(page.number, page.paginator.num_pages),
        },
    )


def _next_evaluations(user: User, cases: list[Case], *, today: date) -> dict[int, NextEvaluation]:
    """The next evaluation of each open case whose plan this person sees (two queries)."""
    plan_visible = policy.cases_showing(user, Section.PLAN, among=[c for c in cases if c.is_open])
    perspectives = Perspective.objects.filter(
        case__in=plan_visible, evaluation_every_weeks__isnull=False
    ).values_list("case_id", "evaluation_every_weeks", "evaluation_set_on")
    rows = list(perspectives)
    last = dict(
        Meeting.objects.filter(case_id__in=[r[0] for r in rows], is_evaluation=True)
        .values("case_id")
        .annotate(last=Max("held_on"))
        .values_list("case_id", "last")
    )
    found = {}
    for case_id, weeks, set_on in rows:
        upcoming = next_evaluation_from(weeks=weeks, set_on=set_on, last=last.get(case_id), today=today)
        if upcoming is not None:
            found[case_id] = upcoming
    return found


def _rows(user: User, cases: list[Case]) -> list[dict[str, Any]]:
    day = today()
    schools = current_schools([c.child for c in cases])
    assessments = current_assessments([c.child for c in cases], today=day)
    showing = set(policy.cases_showing(user, Section.ASSESSMENT, among=cases).values_list("pk", flat=True))
    evaluations = _next_evaluations(user, cases, today=day)
    rows = []
    for case in cases:
        if case.pk not in showing:  # the assessment is not part of what this person sees
            regie = getattr(case, "active_regie", [])
            rows.append(
                {
                    "case": case,
                    "child": case.child,
                    "age": age_on(case.child.birth_date, day),
                    "school": schools.get(case.child_id, ""),
                    "thuiszitter": "",
                    "thuiszitter_days": None,
                    "verborgen": False,
                    "overdue": 0,
                    "next_due": None,
                    "regievoerder": regie[0].user.display_name if regie else "",
                    "next_evaluation": evaluations.get(case.pk),
                }
            )
            continue
        stored = assessments[case.child_id]
        thuiszitter = (stored.data or {}).get("thuiszitter") or {}
        regie = getattr(case, "active_regie", [])
        rows.append(
            {
                "case": case,
                "child": case.child,
                "age": age_on(case.child.birth_date, day),
                "school": schools.get(case.child_id, ""),
                "thuiszitter": CATEGORY_SHORT.get(thuiszitter.get("category", ""), ""),
                "thuiszitter_days": thuiszitter.get("days"),
                "verborgen": stored.is_verborgen,
                "overdue": stored.overdue_count,
                "next_due": stored.next_due,
                "regievoerder": regie[0].user.display_name if regie else "",
                "next_evaluation": evaluations.get(case.pk),
            }
        )
    return rows


def _may_export(user: User) -> bool:
    return policy.can_export_cases(user)


@login_required
@require_GET
def case_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as CSV for Excel (UTF-8 with BOM, semicolons); never the BSN; audited."""
    user = acting_user(request)
    if not _may_export(user):
        raise PermissionDenied(gettext("Een export van casussen kan alleen een professional maken."))
    moved = _search_redirect(request, "cases:export")
    if moved is not None:
        return moved
    visible = policy.visible_cases_read_once(user)
    form = _filter_form(user, request.GET or None, visible)
    cases = filtered_cases(user, form, bsn=_bsn_query(request), visible=visible)
    # The export states the assessment's facts: bring the stored ones up to date first (the nightly
    # job keeps them fresh, so this usually computes nothing).
    refresh_stale([c.child for c in cases.select_related("child")], today=today(), followed_only=False)
    rows = selectors.export_rows(actor=user, cases=cases, purpose=PURPOSE_EXPORT)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(selectors.EXPORT_COLUMNS), delimiter=";")
    writer.writerow({column: str(selectors.EXPORT_HEADERS[column]) for column in selectors.EXPORT_COLUMNS})
    writer.writerows(neutralise_row(row) for row in rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kring-casussen-{today().isoformat()}.csv"'
    return response
