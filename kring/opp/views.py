"""The OPP's pages for the school and the professionals who read it. Thin views: the access policy
decides (`policy.require_opp_child`, `may_write_opp`), the form parses, `kring.web.flow.run_service`
calls the service and puts a refusal on its field (the form keeps what was typed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from kring.access import policy
from kring.accounts.models import User
from kring.cases.forms_work import current_user, work_view
from kring.children.models import Child
from kring.web.flow import run_service

from . import documents, services
from .forms import EvaluationForm, HandelingsverlegenForm, PaperConsentForm, VersionForm
from .models import OppVersion
from .selectors import consent_state, current_version, opp_progress, read_opp, read_version

T = TypeVar("T")


def child_url(child: Child) -> str:
    return reverse("opp:child", args=[child.pk])


def _version(child: Child, version_id: int) -> OppVersion:
    version = read_version(child=child, version_id=version_id)
    if version is None:
        raise Http404(gettext("Deze versie van het OPP bestaat niet."))
    return version


def _form_page(
    request: HttpRequest,
    *,
    user: User,
    child: Child,
    form: forms.BaseForm,
    perform: Callable[[dict[str, Any]], T],
    done: Callable[[T], str],
    template: str,
    title: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """A valid post runs the service and goes back to the child's OPP page with `done`'s message;
    else the form again, with the refusal on its field and what was typed."""
    denied = False
    if form.is_bound and form.is_valid():
        outcome = run_service(form, lambda: perform(form.cleaned_data))
        if outcome.done:
            messages.success(request, done(outcome.result))  # type: ignore[arg-type]
            return redirect(child_url(child))
        denied = outcome.denied
    if not form.is_bound:
        read_opp(actor=user, child=child)  # the form shows the child's OPP: the audit line of the read
    page = {"child": child, "form": form, "title": title, "back_url": child_url(child), **(context or {})}
    return render(request, template, page, status=403 if denied else 200)


@work_view
def child_page(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = policy.require_opp_child(user, child_id)
    opp_file = read_opp(actor=user, child=child)
    rows = [{"version": v, "consent": consent_state(v)} for v in opp_file.versions]
    return render(
        request,
        "opp/child.html",
        {
            "child": child,
            "file": opp_file,
            "rows": rows,
            "may_write": policy.may_write_opp(user, child),
            "today": timezone.localdate(),
        },
    )


@work_view
def version_new(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = policy.require_opp_child(user, child_id, write=True)
    previous = current_version(child)
    initial = VersionForm.initial_from(previous) if previous else {}
    initial.setdefault("vastgesteld_on", timezone.localdate())
    form = VersionForm(
        request.POST if request.method == "POST" else None,
        schools=policy.opp_schools(user),
        previous=previous,
        initial=initial,
    )

    def perform(data: dict[str, Any]) -> OppVersion:
        assert isinstance(form, VersionForm)
        return services.draw_up_version(
            actor=user,
            child=child,
            school=data["school"],
            vastgesteld_on=data["vastgesteld_on"],
            needs=data["needs"],
            uitstroomperspectief=data["uitstroomperspectief"],
            onderbouwing=data["onderbouwing"],
            goals=data["goals"],
            actions=form.actions(),
            child_words=data["child_words"],
            child_input=data["child_input"],
            child_effect=data["child_effect"],
            child_not_heard_reason=data["child_not_heard_reason"],
            change_reason=data.get("change_reason", ""),
        )

    return _form_page(
        request,
        user=user,
        child=child,
        form=form,
        perform=perform,
        done=lambda v: (
            gettext(
                "Versie %(number)s van het OPP is vastgesteld. Vraag de ouders om in te stemmen met het "
                "handelingsdeel."
            )
            % {"number": v.number}
        ),
        template="opp/version_form.html",
        title=gettext("Nieuwe versie van het OPP") if previous else gettext("OPP opstellen"),
        context={"previous": previous},
    )


@work_view
def version_page(request: HttpRequest, child_id: int, version_id: int) -> HttpResponse:
    user = current_user(request)
    child = policy.require_opp_child(user, child_id)
    version = _version(child, version_id)
    read_opp(actor=user, child=child)  # the audit line of the read
    newest = current_version(child, school=version.opp.school)
    return render(
        request,
        "opp/version.html",
        {
            "child": child,
            "version": version,
            "consent": consent_state(version),
            "is_current": newest is not None and newest.pk == version.pk,
            "may_write": policy.may_write_opp(user, child),
            "back_url": child_url(child),
        },
    )


@work_view
def paper_consent(request: HttpRequest, child_id: int, version_id: int) -> HttpResponse:
    user = current_user(request)
    child = policy.require_opp_child(user, child_id, write=True)
    version = _version(child, version_id)
    form = PaperConsentForm(request.POST if request.method == "POST" else None, child=child)
    return _form_page(
        request,
        user=user,
        child=child,
        form=form,
        perform=lambda data: services.record_consent(
            actor=user,
            version=version,
            decision=data["decision"],
            given_on=data["given_on"],
            representative=data["representative"],
            note=data["note"],
            on_paper=True,
        ),
        done=lambda c: (
            gettext("Het besluit van %(name)s staat bij versie %(number)s.")
            % {"name": c.representative.name, "number": version.number}
        ),
        template="opp/form.html",
        title=gettext("Besluit van een ouder op papier vastleggen"),
        context={
            "version": version,
            "intro": gettext(
                "Heeft een ouder op papier ingestemd of bezwaar gemaakt? Leg het hier vast, met de datum op "
                "het formulier. Kring bewaart wie het heeft vastgelegd. Alleen een ouder met gezag stemt in."
            ),
            "submit": gettext("Besluit vastleggen"),
        },
    )


@work_view
def evaluation_new(request: HttpRequest, child_id: int, version_id: int) -> HttpResponse:
    user = current_user(request)
    child = policy.require_opp_child(user, child_id, write=True)
    version = _version(child, version_id)
    form = EvaluationForm(
        request.POST if request.method == "POST" else None,
        initial={"held_on": timezone.localdate(), "with_parents": True, "with_child": True},
    )
    return _form_page(
        request,
        user=user,
        child=child,
        form=form,
        perform=lambda data: services.record_evaluation(
            actor=user,
            version=version,
            held_on=data["held_on"],
            with_parents=data["with_parents"],
            with_child=data["with_child"],
            carried_out=data["carried_out"],
            done=data["done"],
            worked=data["worked"],
            child_words=data["child_words"],
            child_absent_reason=data["child_absent_reason"],
        ),
        done=lambda e: (
            gettext("De evaluatie van %(day)s is vastgelegd.") % {"day": documents.day_words(e.held_on)}
        ),
        template="opp/form.html",
        title=gettext("Evaluatie van het OPP vastleggen"),
        context={
            "version": version,
            "intro": gettext(
                "Evalueer het OPP minstens één keer per schooljaar met de ouders en de leerling. Schrijf op "
                "wat er is gedaan van het handelingsdeel en wat werkte."
            ),
            "submit": gettext("Evaluatie vastleggen"),
        },
    )


@work_view
def handelingsverlegen_new(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = policy.require_opp_child(user, child_id, write=True)
    form = HandelingsverlegenForm(
        request.POST if request.method == "POST" else None,
        schools=policy.opp_schools(user),
        initial={"declared_on": timezone.localdate()},
    )
    return _form_page(
        request,
        user=user,
        child=child,
        form=form,
        perform=lambda data: services.declare_handelingsverlegen(
            actor=user,
            child=child,
            school=data["school"],
            declared_on=data["declared_on"],
            unmet_needs=data["unmet_needs"],
            opp_explanation=data["opp_explanation"],
            parents_involved=data["parents_involved"],
            child_involved=data["child_involved"],
            school_development=data["school_development"],
            swv_offered=data["swv_offered"],
            next_step=data["next_step"],
            next_step_who=data["next_step_who"],
            next_step_by=data["next_step_by"],
        ),
        done=lambda h: (
            gettext(
                "Vastgelegd. De volgende stap staat op de agenda: uiterlijk %(day)s. De ouders zien dit ook."
            )
            % {"day": documents.day_words(h.next_step_by)}
        ),
        template="opp/handelingsverlegen_form.html",
        title=gettext("De school kan niet bieden wat het kind nodig heeft"),
        context={"progress": opp_progress(child)},
    )


@work_view
def version_pdf(request: HttpRequest, child_id: int, version_id: int) -> HttpResponse:
    user = current_user(request)
    child = policy.require_opp_child(user, child_id)
    version = _version(child, version_id)
    return documents.pdf_response(actor=user, child=child, version=version)
