"""The steunpunt worker's pages: the queue (/steunpunt/), registering a contact, and one question
with its answer, closing, categories, the anonymised text and its history.

Thin views: parse the form, call a service or selector, render or redirect. Who may do what is
decided by `kring.access.policy` (through the selectors and services).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kring.access import policy
from kring.accounts.models import User
from kring.cases.forms_work import current_user, work_view
from kring.core.errors import Conflict
from kring.web.flow import run_service
from kring.web.pagination import page_links

from ..forms import (
    ActionForm,
    AnonymiseForm,
    AnswerForm,
    CategoriesForm,
    CloseForm,
    QuestionForm,
    QueueFilterForm,
)
from ..identifying import find_identifying
from ..models import Question, QuestionStatus
from ..selectors import questions as selectors
from ..services import questions as services

NOT_DESK = _("Deze pagina is voor de medewerkers van een ouder- en jeugdsteunpunt.")


def _desk_user(request: HttpRequest) -> User:
    user = current_user(request)
    if not policy.works_at_desk(user):
        raise PermissionDenied(NOT_DESK)
    return user


# ---------------------------------------------------------------- the queue


@work_view
def home(request: HttpRequest) -> HttpResponse:
    user = _desk_user(request)
    day = timezone.localdate()
    form = QueueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    category = data.get("category")
    filters = selectors.QueueFilters(
        query=data.get("q") or "",
        status=data.get("status") or "",
        category_id=category.pk if category else None,
        channel=data.get("channel") or "",
        mine=bool(data.get("mine")),
        overdue=bool(data.get("overdue")),
    )
    page, rows = selectors.queue_page(user, filters, today=day, page_number=request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "desk/questions/home.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "counts": selectors.queue_counts(user, today=day),
            "filters_active": filters.active,
            "querystring": params.urlencode(),
            "page_links": page_links(page.number, page.paginator.num_pages),
            "steunpunt": user.organisation,
        },
    )


# ---------------------------------------------------------------- registering


@work_view
def new_question(request: HttpRequest) -> HttpResponse:
    user = _desk_user(request)
    swvs = policy.desk_swvs(user)
    initial: dict[str, Any] = {"received_on": timezone.localdate()}
    if swvs.count() == 1:
        initial["swv"] = swvs.first()
    form = QuestionForm(request.POST or None, swvs=swvs, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: services.register_question(
                actor=user,
                channel=data["channel"],
                asker=data["asker"],
                received_on=data["received_on"],
                age_group=data["age_group"],
                school_type=data["school_type"],
                swv=data["swv"],
                categories=list(data["categories"]),
                question_text=data["question_text"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
            ),
        )
        if outcome.done and outcome.result is not None:
            question = outcome.result
            messages.success(
                request,
                gettext("De vraag is vastgelegd met referentie %(reference)s. Antwoord uiterlijk op %(due)s.")
                % {"reference": question.reference, "due": _day(question.answer_due)},
            )
            return redirect(reverse("desk:question", args=[question.pk]))
        if outcome.denied:
            raise PermissionDenied(str(outcome.error))
    return render(request, "desk/questions/new.html", {"form": form})


def _day(value: Any) -> str:
    from django.utils.formats import date_format

    return date_format(value, "j F Y")


# ---------------------------------------------------------------- one question

PARTS: dict[str, type[Any]] = {
    "antwoord": AnswerForm,
    "sluiten": CloseForm,
    "categorieen": CategoriesForm,
    "anoniem": AnonymiseForm,
    "behandelen": ActionForm,
    "heropenen": ActionForm,
    "citaat": ActionForm,
    "geen_citaat": ActionForm,
}
DONE = {
    "antwoord": _("Het antwoord is vastgelegd."),
    "sluiten": _("De vraag is afgesloten."),
    "categorieen": _("De categorieën zijn opgeslagen. De termijn is opnieuw uitgerekend."),
    "anoniem": _("De tekst zonder herkenbare gegevens is opgeslagen."),
    "behandelen": _("Je behandelt deze vraag nu."),
    "heropenen": _("De vraag is weer open."),
    "citaat": _("De tekst komt als citaat in de signalenrapportage."),
    "geen_citaat": _("De tekst komt niet meer als citaat in de signalenrapportage."),
}


def _forms(question: Question, part: str | None, data: Any) -> dict[str, Any]:
    day = timezone.localdate()
    version = {"expected_version": question.version}
    category_ids = [c.pk for c in question.categories.all()]

    def bound(name: str) -> Any:
        return data if part == name else None

    return {
        "antwoord": AnswerForm(bound("antwoord"), initial={**version, "answered_on": day}),
        "sluiten": CloseForm(bound("sluiten"), initial={**version, "closed_on": day}),
        "categorieen": CategoriesForm(
            bound("categorieen"), include=category_ids, initial={**version, "categories": category_ids}
        ),
        "anoniem": AnonymiseForm(
            bound("anoniem"),
            initial={**version, "anonymised_text": question.anonymised_text or question.question_text},
        ),
        "actie": ActionForm(
            bound(part or "") if part in ("behandelen", "heropenen", "citaat", "geen_citaat") else None,
            initial=version,
        ),
    }


def _perform(user: User, question: Question, part: str, form: Any) -> Callable[[], Question]:
    data = form.cleaned_data
    version = data.get("expected_version")
    if part == "antwoord":
        return lambda: services.answer_question(
            actor=user,
            question=question,
            answered_on=data["answered_on"],
            answer_summary=data["answer_summary"],
            expected_version=version,
        )
    if part == "sluiten":
        return lambda: services.close_question(
            actor=user, question=question, closed_on=data["closed_on"], expected_version=version
        )
    if part == "categorieen":
        return lambda: services.change_categories(
            actor=user, question=question, categories=list(data["categories"]), expected_version=version
        )
    if part == "anoniem":
        return lambda: services.anonymise_question(
            actor=user,
            question=question,
            anonymised_text=data["anonymised_text"],
            checklist_confirmed=form.checklist_done(),
            expected_version=version,
        )
    if part == "behandelen":
        return lambda: services.assign_to_me(actor=user, question=question, expected_version=version)
    if part == "heropenen":
        return lambda: services.reopen(actor=user, question=question, expected_version=version)
    return lambda: services.select_quote(
        actor=user, question=question, selected=part == "citaat", expected_version=version
    )


@work_view
def question_page(request: HttpRequest, question_id: int) -> HttpResponse:
    user = current_user(request)
    policy.require_question(user, question_id)  # 404 for anyone but its steunpunt's workers
    part = request.POST.get("part") if request.method == "POST" else None
    if part is not None and part not in PARTS:
        part = None
    question = selectors.question_detail(user, question_id)
    forms = _forms(question, part, request.POST if part else None)
    status = 200
    if part is not None:
        form = forms["actie"] if PARTS[part] is ActionForm else forms[part]
        if form.is_valid():
            outcome = run_service(form, _perform(user, question, part, form))
            if outcome.done:
                messages.success(request, str(DONE[part]))
                anchor = "#anoniem" if part in ("anoniem", "citaat", "geen_citaat") else ""
                return redirect(reverse("desk:question", args=[question.pk]) + anchor)
            if outcome.denied:
                raise PermissionDenied(str(outcome.error))
            if isinstance(outcome.error, Conflict):
                status = 409
            question = selectors.question_detail(user, question_id)
    anonymise = forms["anoniem"]
    shown_text = anonymise["anonymised_text"].value() or ""
    return render(
        request,
        "desk/questions/detail.html",
        {
            "question": question,
            "categories": list(question.categories.all()),
            "due": selectors.question_due(question),
            "days_late": selectors.days_late(question, today=timezone.localdate()),
            "forms": forms,
            "part": part,
            "findings": [
                {"kind": f.kind, "text": f.text, "explanation": gettext(f.explanation)}
                for f in find_identifying(shown_text, contact_name=question.contact_name)
            ],
            "history": selectors.question_history(question),
            "is_open": question.status == QuestionStatus.OPEN,
            "is_closed": question.status == QuestionStatus.GESLOTEN,
            "mine": question.assigned_to_id == user.pk,
        },
        status=status,
    )


urlpatterns: list[URLPattern] = [
    path("", home, name="home"),
    path("vragen/nieuw/", new_question, name="new_question"),
    path("vragen/<int:question_id>/", question_page, name="question"),
]
