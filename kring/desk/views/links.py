"""Pages of the desk: from a question to a case, only with the parent's consent.

- /steunpunt/vragen/<id>/koppelen/  the worker links the question to a case they may see;
- /steunpunt/vragen/<id>/verzoek/   the worker asks a samenwerkingsverband to open a case;
- /steunpunt/vragen/<id>/koppelingen/<link>/intrekken/  the worker records that consent was taken back;
- /steunpunt/verzoeken/             the samenwerkingsverband's inbox of requests, with the form
                                    that records which case it opened.

Thin: the policy decides who may come here, the forms parse, the services decide and audit.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from kring.access import policy
from kring.accounts.models import User
from kring.cases import selectors as case_selectors
from kring.cases.forms_work import current_user, today, work_view
from kring.cases.models import OPEN_STATUSES, Case
from kring.desk.forms_links import HandleRequestForm, LinkCaseForm, RevokeForm, SwvRequestForm
from kring.desk.models import Question, QuestionLink
from kring.desk.selectors.links import question_links, swv_requests
from kring.desk.services import links as services
from kring.organisations.models import Samenwerkingsverband
from kring.privacy.purposes import Purpose
from kring.web.flow import run_service

NOT_SWV = _(
    "Deze pagina is voor de consulenten en de directeur van een samenwerkingsverband. Zij zien hier de "
    "verzoeken van het steunpunt om een casus te openen."
)


def _case_label(case: Case) -> str:
    child = case.child
    return gettext("%(name)s (geboren %(born)s), casus van %(opened)s, %(status)s") % {
        "name": f"{child.first_name} {child.last_name}",
        "born": date_format(child.birth_date, "j F Y"),
        "opened": date_format(case.opened_on, "j F Y"),
        "status": case.get_status_display().lower(),
    }


def _case_choices(user: User, cases: QuerySet[Case]) -> list[tuple[int | str, str]]:
    """The cases offered in a select: their children's names are shown, so the list is audited."""
    shown = list(cases.select_related("child").order_by("child__first_name", "child__last_name", "pk")[:200])
    case_selectors.record_listed(actor=user, cases=shown, purpose=Purpose.CASUSREGIE)
    return [(case.pk, _case_label(case)) for case in shown]


def _question(request: HttpRequest, question_id: int) -> tuple[User, Question]:
    user = current_user(request)
    return user, policy.require_question(user, question_id)


@work_view
@require_http_methods(["GET", "POST"])
def link_case(request: HttpRequest, question_id: int) -> HttpResponse:
    user, question = _question(request, question_id)
    choices = _case_choices(user, policy.linkable_cases(user).filter(status__in=OPEN_STATUSES))
    initial = {"consent_on": today(), "consent_scope": services.default_scope_for_case()}
    form = LinkCaseForm(request.POST or None, initial=initial, case_choices=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: services.link_to_case(
                actor=user,
                question=question,
                case=Case.objects.filter(pk=data["case"]).first(),
                consent_on=data["consent_on"],
                consent_by=data["consent_by"],
                consent_how=data["consent_how"],
                consent_scope=data["consent_scope"],
            ),
        )
        if outcome.done:
            messages.success(
                request, gettext("De vraag is gekoppeld aan de casus. De ouder ziet dit in Kring.")
            )
            return redirect("desk:link_case", question_id=question.pk)
        if outcome.denied:
            raise PermissionDenied(str(outcome.error))
    return render(
        request,
        "desk/links/link_case.html",
        {
            "question": question,
            "links": question_links(actor=user, question=question),
            "form": form,
            "has_cases": bool(choices),
        },
    )


@work_view
@require_http_methods(["GET", "POST"])
def ask_swv(request: HttpRequest, question_id: int) -> HttpResponse:
    user, question = _question(request, question_id)
    swvs = list(policy.desk_swvs(user).select_related("organisation").order_by("organisation__name"))
    initial: dict[str, Any] = {"consent_on": today(), "consent_scope": services.default_scope_for_request()}
    if question.swv_id and any(s.pk == question.swv_id for s in swvs):
        initial["swv"] = question.swv_id
    elif len(swvs) == 1:
        initial["swv"] = swvs[0].pk
    form = SwvRequestForm(
        request.POST or None, initial=initial, swv_choices=[(s.pk, s.organisation.name) for s in swvs]
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: services.ask_swv_to_open_case(
                actor=user,
                question=question,
                swv=Samenwerkingsverband.objects.filter(pk=data["swv"])
                .select_related("organisation")
                .first(),
                child_name=data["child_name"],
                child_birth_date=data["child_birth_date"],
                school_name=data["school_name"],
                situation=data["situation"],
                consent_on=data["consent_on"],
                consent_by=data["consent_by"],
                consent_how=data["consent_how"],
                consent_scope=data["consent_scope"],
            ),
        )
        if outcome.done:
            messages.success(
                request,
                gettext(
                    "Het verzoek is naar het samenwerkingsverband gestuurd. De ouder ziet het in Kring "
                    "zodra er een casus is."
                ),
            )
            return redirect("desk:link_case", question_id=question.pk)
        if outcome.denied:
            raise PermissionDenied(str(outcome.error))
    return render(
        request,
        "desk/links/ask_swv.html",
        {
            "question": question,
            "links": question_links(actor=user, question=question),
            "form": form,
            "has_swvs": bool(swvs),
        },
    )


@work_view
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, question_id: int, link_id: int) -> HttpResponse:
    user, question = _question(request, question_id)
    link = (
        QuestionLink.objects.filter(pk=link_id, question=question)
        .select_related("case", "swv__organisation")
        .first()
    )
    if link is None:
        raise Http404(gettext("Deze koppeling bestaat niet."))
    form = RevokeForm(request.POST or None, initial={"revoked_on": today()})
    if request.method == "POST" and form.is_valid():
        outcome = run_service(
            form,
            lambda: services.revoke_link(
                actor=user, question=question, link=link, revoked_on=form.cleaned_data["revoked_on"]
            ),
        )
        if outcome.done:
            messages.success(
                request,
                gettext("De toestemming is ingetrokken. Niemand buiten het steunpunt ziet de koppeling nog."),
            )
            return redirect("desk:link_case", question_id=question.pk)
        if outcome.denied:
            raise PermissionDenied(str(outcome.error))
    return render(request, "desk/links/revoke.html", {"question": question, "link": link, "form": form})


# ---------------------------------------------------------------- the samenwerkingsverband's inbox


def _swv_user(request: HttpRequest) -> User:
    user = current_user(request)
    if not policy.handles_desk_requests(user):
        raise PermissionDenied(NOT_SWV)
    return user


def _handle_candidates(user: User, link: QuestionLink) -> QuerySet[Case]:
    """The cases offered for a request: open ones the person may see, of a child with the birth
    date the steunpunt gave, or opened by this person since the request came in."""
    near = Q(opened_by=user, created_at__gte=link.created_at)
    if link.child_birth_date is not None:
        near |= Q(child__birth_date=link.child_birth_date)
    return policy.visible_cases(user).filter(near, status__in=OPEN_STATUSES)


def _inbox(
    request: HttpRequest, user: User, *, bound: tuple[int, HandleRequestForm] | None = None
) -> HttpResponse:
    rows: list[dict[str, Any]] = []
    open_count = 0
    for link in swv_requests(actor=user):
        form: HandleRequestForm | None = None
        if link.handled_on is None:
            open_count += 1
            if bound is not None and bound[0] == link.pk:
                form = bound[1]
            else:
                form = HandleRequestForm(
                    prefix=f"verzoek-{link.pk}",
                    case_choices=_case_choices(user, _handle_candidates(user, link)),
                )
        rows.append({"link": link, "form": form})
    return render(
        request,
        "desk/links/requests.html",
        {"rows": rows, "open_count": open_count},
        status=200 if bound is None else 400,
    )


@work_view
def requests_inbox(request: HttpRequest) -> HttpResponse:
    return _inbox(request, _swv_user(request))


@work_view
@require_POST
def handle(request: HttpRequest, link_id: int) -> HttpResponse:
    user = _swv_user(request)
    link = policy.desk_requests(user).filter(pk=link_id).first()
    if link is None:
        raise Http404(gettext("Dit verzoek bestaat niet of is niet voor jouw samenwerkingsverband."))
    form = HandleRequestForm(
        request.POST,
        prefix=f"verzoek-{link.pk}",
        case_choices=_case_choices(user, _handle_candidates(user, link)),
    )
    if form.is_valid():
        outcome = run_service(
            form,
            lambda: services.handle_request(
                actor=user, link=link, case=Case.objects.filter(pk=form.cleaned_data["case"]).first()
            ),
        )
        if outcome.done:
            messages.success(request, gettext("Het verzoek is behandeld. De casus staat bij het verzoek."))
            return redirect("desk:requests")
        if outcome.denied:
            raise PermissionDenied(str(outcome.error))
    return _inbox(request, user, bound=(link.pk, form))


urlpatterns: list[URLPattern] = [
    path("vragen/<int:question_id>/koppelen/", link_case, name="link_case"),
    path("vragen/<int:question_id>/verzoek/", ask_swv, name="ask_swv"),
    path("vragen/<int:question_id>/koppelingen/<int:link_id>/intrekken/", revoke, name="revoke_link"),
    path("verzoeken/", requests_inbox, name="requests"),
    path("verzoeken/<int:link_id>/behandelen/", handle, name="handle_request"),
]
