"""The list of children: every child this person may see, with or without a case.

A child registered without a case (an aanmelding at the school, a leerplicht signal) must be
findable; this list is where. Search by name or BSN works like the case list (kring/web/search.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from kring.access import policy
from kring.access.scopes import Section
from kring.cases.models import OPEN_STATUSES
from kring.children import selectors
from kring.privacy.purposes import Purpose
from kring.web.search import BSN_PARAM, bsn_query, search_redirect

from ..forms import ChildSearchForm

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.children.models import Child

PAGE_SIZE = 25
SESSION_BSN = "kring_children_bsn_search"


def _rows(user: User, children: list[Child]) -> list[dict[str, Any]]:
    today = timezone.localdate()
    schools = selectors.current_schools(children)
    open_cases: dict[int, int] = {}
    for case in (
        policy.visible_cases(user)
        .filter(child__in=children, status__in=OPEN_STATUSES)
        .order_by("child_id", "-opened_on", "-pk")
        .only("pk", "child_id")
    ):
        open_cases.setdefault(case.child_id, case.pk)
    openable = policy.openable_children(user, [c for c in children if c.pk not in open_cases])
    return [
        {
            "child": child,
            "age": selectors.age_on(child.birth_date, today),
            "school": schools.get(child.pk, ""),
            "case_id": open_cases.get(child.pk),
            "can_open_case": child.pk in openable,
        }
        for child in children
    ]


@login_required
@require_http_methods(["GET", "POST"])
def child_list(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not policy.can_list_children(user):
        raise PermissionDenied(gettext("De lijst met kinderen is er voor professionals."))
    moved = search_redirect(request, "children:list", session_key=SESSION_BSN)
    if moved is not None:
        return moved
    form = ChildSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    bsn = bsn_query(request, session_key=SESSION_BSN)
    children = selectors.child_list(policy.children_showing(user, Section.CHILD), bsn or query, actor=user)
    page = Paginator(children, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    selectors.record_listed(actor=user, children=shown, purpose=Purpose.LEERPLICHT)
    params = request.GET.copy()
    params.pop("page", None)
    if not bsn:
        params.pop(BSN_PARAM, None)
    return render(
        request,
        "children/list.html",
        {
            "form": form,
            "page": page,
            "rows": _rows(user, shown),
            "querystring": params.urlencode(),
            "searched": bool(bsn or query),
            "searched_bsn": bool(bsn),
            "can_register": policy.can_register_children(user),
            "may_break_glass": policy.may_break_glass(user),
        },
    )
