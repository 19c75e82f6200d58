"""Pages of the aanmelding register (/aanmeldingen/). Thin: the policy decides who sees what, the
services act (through `kring.web.flow.run_service`), the selectors read. Every page that shows an
aanmelding writes an audit line for it.

- /aanmeldingen/: the school's aanmeldingen with the days left, filters, search, pages, print;
- /aanmeldingen/nieuw/: record a written aanmelding (a child Kring knows, or register the child);
- /aanmeldingen/<id>/: one aanmelding: its terms in words, the receipt, taking in an online one,
  the extension, the investigation (steps, conclusion), the decision and the parents' response;
- /aanmeldingen/<id>/ontvangstbevestiging.pdf: the receipt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
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

from . import audit, selectors, services
from .documents import receipt_pdf
from .forms import (
    ChildPick,
    ConclusionForm,
    DecisionForm,
    ExtendForm,
    FilterForm,
    GemeenteForm,
    RegisterForm,
    RemovalForm,
    ReportForm,
    ResponseForm,
    StepForm,
    SuspensionForm,
    TakeInForm,
)
from .letters import letter_pdf, letters_of
from .models import Aanmelding, Conclusion
from .terms import days_left, terms_of

NOT_FOR_YOU = _(
    "Het register van aanmeldingen is voor de intern begeleider (zorgcoördinator) en de schoolleider van "
    "de school. Ouders zien de aanmelding van hun kind op de pagina van hun gezin."
)


def _school_user(request: HttpRequest) -> Any:
    user = current_user(request)
    if not policy.aanmelding_schools(user).exists():
        raise PermissionDenied(NOT_FOR_YOU)
    return user


def _status(outcome: Any) -> int:
    return 403 if outcome.denied else 400


@work_view
def register(request: HttpRequest) -> HttpResponse:
    user = _school_user(request)
    schools = policy.aanmelding_schools(user).order_by("organisation__name")
    form = FilterForm(request.GET or None, schools=schools)
    data = form.cleaned_data if form.is_valid() else {}
    school = data.get("school")
    filters = selectors.Filters(
        status=data.get("status") or "open",
        school_id=school.pk if school else None,
        query=data.get("q") or "",
    )
    today = timezone.localdate()
    page, rows = selectors.register_page(user, filters, page_number=request.GET.get("page"), today=today)
    audit.listed(actor=user, aanmeldingen=[r.aanmelding for r in rows])
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "enrolment/register.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "filters_active": filters.active,
            "querystring": params.urlencode(),
            "page_links": page_links(page.number, page.paginator.num_pages),
            "many_schools": schools.count() > 1,
            "printed_on": today,
        },
    )


@work_view
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    user = _school_user(request)
    form = RegisterForm(
        request.POST if request.method == "POST" else None,
        schools=policy.aanmelding_schools(user).order_by("organisation__name"),
        children=selectors.registrable_children(user),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            outcome = run_service(
                form,
                lambda: services.register_aanmelding(
                    actor=user,
                    school=data["school"],
                    received_on=data.get("received_on"),
                    child=data.get("child"),
                    new_child=None if data.get("child") else form.new_child(),
                    support_question=bool(data.get("support_question")),
                    support_description=data.get("support_description") or "",
                    parent_email=data.get("parent_email") or "",
                ),
            )
            if outcome.done and outcome.result is not None:
                messages.success(
                    request,
                    gettext("De aanmelding is vastgelegd. Maak nu de ontvangstbevestiging voor de ouders."),
                )
                return redirect(reverse("enrolment:detail", args=[outcome.result.pk]))
            status = _status(outcome)
    return render(request, "enrolment/new.html", {"form": form}, status=status)


PARTS = ("ontvangst", "innemen", "verlengen", "stap", "conclusie", "besluit", "reactie")


def _forms(request: HttpRequest, user: Any, a: Aanmelding, part: str | None) -> dict[str, forms.Form]:
    def bound(name: str) -> Any:
        return request.POST if part == name else None

    return {
        "take_in_form": TakeInForm(
            bound("innemen"),
            children=selectors.registrable_children(user),
            initial={
                "first_name": a.child_first_name,
                "last_name": a.child_last_name,
                "birth_date": a.child_birth_date,
                "rep_name": a.parent_name,
                "rep_email": a.parent_email,
            },
            prefix="innemen",
        ),
        "extend_form": ExtendForm(bound("verlengen"), prefix="verlengen"),
        "step_form": StepForm(bound("stap"), prefix="stap"),
        "conclusion_form": ConclusionForm(bound("conclusie"), prefix="conclusie"),
        "decision_form": DecisionForm(
            bound("besluit"), schools=selectors.schools_for_a_place(a.school), prefix="besluit"
        ),
        "response_form": ResponseForm(bound("reactie"), prefix="reactie"),
        "receipt_form": forms.Form(bound("ontvangst")),
    }


def _act(user: Any, a: Aanmelding, part: str, form: Any) -> Any:
    data = form.cleaned_data
    if part == "ontvangst":
        return lambda: services.issue_receipt(actor=user, aanmelding=a)
    if part == "innemen":
        return lambda: services.take_in(
            actor=user,
            aanmelding=a,
            child=data.get("child"),
            new_child=None if data.get("child") else form.new_child(),
        )
    if part == "verlengen":
        return lambda: services.extend_term(
            actor=user,
            aanmelding=a,
            extended_on=data.get("extended_on"),
            extension_reason=data.get("extension_reason") or "",
        )
    if part == "stap":
        return lambda: services.record_step(
            actor=user,
            aanmelding=a,
            kind=data.get("kind") or "",
            on=data.get("on"),
            description=data.get("description") or "",
        )
    if part == "conclusie":
        return lambda: services.conclude(
            actor=user,
            aanmelding=a,
            support_needed=data.get("support_needed") or "",
            conclusion=data.get("conclusion") or "",
            substantiation=data.get("substantiation") or "",
            concluded_on=data.get("concluded_on"),
        )
    if part == "besluit":
        return lambda: services.decide(
            actor=user,
            aanmelding=a,
            outcome=data.get("outcome") or "",
            decided_on=data.get("decided_on"),
            reasons=data.get("reasons") or "",
            refusal_ground=data.get("refusal_ground") or "",
            other_school=data.get("other_school"),
            other_school_confirmed_on=data.get("other_school_confirmed_on"),
            other_school_confirmed_by=data.get("other_school_confirmed_by") or "",
        )
    return lambda: services.record_response(
        actor=user,
        aanmelding=a,
        response=data.get("response") or "",
        response_on=data.get("response_on"),
        note=data.get("note") or "",
    )


DONE = {
    "ontvangst": _("De ontvangstbevestiging is gemaakt."),
    "innemen": _(
        "De aanmelding is in behandeling genomen. De termijn loopt vanaf de dag dat zij binnenkwam."
    ),
    "verlengen": _("De beslistermijn is verlengd met 4 weken."),
    "stap": _("De stap in het onderzoek is vastgelegd."),
    "conclusie": _("De conclusie van het onderzoek is vastgelegd."),
    "besluit": _("Het besluit is vastgelegd."),
    "reactie": _("De reactie van de ouders is vastgelegd."),
}


@work_view
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, aanmelding_id: int) -> HttpResponse:
    user = current_user(request)
    a = selectors.detail(user, aanmelding_id)
    part = request.POST.get("part") if request.method == "POST" else None
    if part is not None and part not in PARTS:
        part = None
    all_forms = _forms(request, user, a, part)
    status = 200
    if request.method == "POST":
        if not policy.can_handle_aanmelding(user, a):
            raise PermissionDenied(gettext("Alleen de school waar het kind is aangemeld, legt dit vast."))
        status = 400
        if part is not None:
            form = all_forms[
                {
                    "ontvangst": "receipt_form",
                    "innemen": "take_in_form",
                    "verlengen": "extend_form",
                    "stap": "step_form",
                    "conclusie": "conclusion_form",
                    "besluit": "decision_form",
                    "reactie": "response_form",
                }[part]
            ]
            if form.is_valid():
                outcome = run_service(form, _act(user, a, part, form))
                if outcome.done:
                    message = str(DONE[part])
                    if part == "ontvangst" and outcome.result is not None and outcome.result.mailed_to:
                        message = gettext("De ontvangstbevestiging is gemaakt en gemaild naar %(to)s.") % {
                            "to": outcome.result.mailed_to
                        }
                    messages.success(request, message)
                    return redirect(reverse("enrolment:detail", args=[a.pk]))
                status = _status(outcome)
                a = selectors.detail(user, aanmelding_id)
    audit.viewed(actor=user, aanmelding=a)
    today = timezone.localdate()
    terms = terms_of(a, today=today)
    context: dict[str, Any] = {
        "a": a,
        "terms": terms,
        "days_left": days_left(terms.due, today),
        "may_handle": policy.can_handle_aanmelding(user, a),
        "may_extend": a.is_open
        and a.child_id is not None
        and a.extended_on is None
        and today <= terms.extension_last_day,
        "cannot_support": a.conclusion == Conclusion.KAN_NIET_BIEDEN,
        "steps": list(a.steps.all()),
        "open_part": part,
        **all_forms,
    }
    return render(request, "enrolment/detail.html", context, status=status)


@work_view
def receipt(request: HttpRequest, aanmelding_id: int) -> HttpResponse:
    """The receipt as a PDF (for the school to print or hand over)."""
    user = current_user(request)
    a = selectors.detail(user, aanmelding_id)
    audit.receipt_sent(actor=user, aanmelding=a, mailed=False)
    pdf = receipt_pdf(a, terms_of(a, today=timezone.localdate()))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ontvangstbevestiging-{a.reference}.pdf"'
    return response


urlpatterns: list[URLPattern] = [
    path("", register, name="register"),
    path("nieuw/", new, name="new"),
    path("<int:aanmelding_id>/", detail, name="detail"),
    path("<int:aanmelding_id>/ontvangstbevestiging.pdf", receipt, name="receipt"),
]


# ---------------------------------------------------------------- schorsing and verwijdering (item 8)
#
# - /schorsingen/: the school's suspensions and removals, and a child to record one for;
# - /schorsingen/kind/<child>/: one child's suspensions and removals with their letters, the
#   report to the inspectie still to record; /schorsing/ and /verwijdering/ the forms;
# - /schorsingen/schorsing/<id>/<letter>.pdf and /schorsingen/verwijdering/<id>/<letter>.pdf.

NOT_SCHOOL_DISCIPLINE = _(
    "Alleen de school waar het kind staat ingeschreven, legt een schorsing of verwijdering vast. Jij kunt "
    "ze lezen op de pagina van het kind."
)


@work_view
def discipline_register(request: HttpRequest) -> HttpResponse:
    user = _school_user(request)
    pick = ChildPick(request.GET or None, children=selectors.enrolled_children(user))
    if request.GET and pick.is_valid():
        return redirect(reverse("schorsing:child", args=[pick.cleaned_data["kind"].pk]))
    suspensions = selectors.school_suspensions(user)
    removals = selectors.school_removals(user)
    for child_id in {r.child_id for r in [*suspensions, *removals]}:
        audit.discipline_listed(
            actor=user,
            child_id=child_id,
            suspensions=[s for s in suspensions if s.child_id == child_id],
            removals=[r for r in removals if r.child_id == child_id],
        )
    return render(
        request,
        "enrolment/discipline/register.html",
        {"pick": pick, "suspensions": suspensions, "removals": removals},
    )


def _child(user: Any, child_id: int) -> Any:
    from kring.children.models import Child

    child = policy.visible_children(user).filter(pk=child_id).first()
    if child is None:
        raise Http404(str(policy.NO_SUCH_CHILD))
    return Child.objects.select_related("gemeente").get(pk=child.pk)


def _child_page(
    request: HttpRequest,
    user: Any,
    child: Any,
    *,
    report_form: Any = None,
    report_for: int | None = None,
    status: int = 200,
) -> HttpResponse:
    suspensions = selectors.child_suspensions(user, child)
    removals = selectors.child_removals(user, child)
    audit.discipline_listed(actor=user, child_id=child.pk, suspensions=suspensions, removals=removals)
    may_record = policy.may_record_discipline(user, child)
    rows = [
        {
            "s": s,
            "letters": letters_of(s),
            "report_form": report_form
            if report_for == s.pk
            else ReportForm(prefix=f"melding-{s.pk}", initial={"reported_on": timezone.localdate()}),
            "may_report": s.must_report
            and s.inspectorate_reported_on is None
            and policy.can_handle_suspension(user, s),
        }
        for s in suspensions
    ]
    return render(
        request,
        "enrolment/discipline/child.html",
        {
            "child": child,
            "rows": rows,
            "removals": [
                {
                    "r": r,
                    "letters": letters_of(r),
                    "gemeente_form": report_form
                    if report_for == -r.pk
                    else GemeenteForm(
                        prefix=f"gemeente-{r.pk}", initial={"informed_on": timezone.localdate()}
                    ),
                    "may_report": r.gemeente_informed_on is None and policy.can_handle_removal(user, r),
                }
                for r in removals
            ],
            "may_record": may_record,
            "is_school": policy.aanmelding_schools(user).exists(),
        },
        status=status,
    )


@work_view
@require_http_methods(["GET", "POST"])
def discipline_child(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = _child(user, child_id)
    if request.method == "POST" and "removal" in request.POST:
        return _gemeente_informed(request, user, child)
    if request.method == "POST":
        suspension = policy.require_suspension(user, request.POST.get("suspension"))
        if suspension.child_id != child.pk:
            raise Http404
        if not policy.can_handle_suspension(user, suspension):
            raise PermissionDenied(gettext("Alleen de school die het kind schorste, legt de melding vast."))
        form = ReportForm(request.POST, prefix=f"melding-{suspension.pk}")
        if form.is_valid():
            outcome = run_service(
                form,
                lambda: services.report_suspension(
                    actor=user, suspension=suspension, reported_on=form.cleaned_data.get("reported_on")
                ),
            )
            if outcome.done:
                messages.success(request, gettext("De melding aan de inspectie is vastgelegd."))
                return redirect(reverse("schorsing:child", args=[child.pk]))
            return _child_page(
                request, user, child, report_form=form, report_for=suspension.pk, status=_status(outcome)
            )
        return _child_page(request, user, child, report_form=form, report_for=suspension.pk, status=400)
    return _child_page(request, user, child)


def _gemeente_informed(request: HttpRequest, user: Any, child: Any) -> HttpResponse:
    removal = policy.require_removal(user, request.POST.get("removal"))
    if removal.child_id != child.pk:
        raise Http404
    if not policy.can_handle_removal(user, removal):
        raise PermissionDenied(gettext("Alleen de school die het kind verwijderde, legt de melding vast."))
    form = GemeenteForm(request.POST, prefix=f"gemeente-{removal.pk}")
    status = 400
    if form.is_valid():
        outcome = run_service(
            form,
            lambda: services.record_gemeente_informed(
                actor=user, removal=removal, informed_on=form.cleaned_data.get("informed_on")
            ),
        )
        if outcome.done:
            messages.success(request, gettext("De melding aan de gemeente is vastgelegd."))
            return redirect(reverse("schorsing:child", args=[child.pk]))
        status = _status(outcome)
    return _child_page(request, user, child, report_form=form, report_for=-removal.pk, status=status)


def _recorder(request: HttpRequest, child_id: int) -> tuple[Any, Any, Any]:
    user = current_user(request)
    child = _child(user, child_id)
    schools = policy.discipline_schools(user, child)
    if not schools.exists():
        raise PermissionDenied(NOT_SCHOOL_DISCIPLINE)
    return user, child, schools


def _record_page(
    request: HttpRequest,
    *,
    child: Any,
    form: forms.Form,
    perform: Callable[[dict[str, Any]], Any],
    done: str,
    template: str,
) -> HttpResponse:
    """A suspension's or a removal's form: a valid post runs the service and goes to the child's
    page with `done`; else the form again with the refusal on its field and what was typed (400,
    or 403 when the policy refused)."""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            outcome = run_service(form, lambda: perform(form.cleaned_data))
            if outcome.done:
                messages.success(request, done)
                return redirect(reverse("schorsing:child", args=[child.pk]))
            status = _status(outcome)
    return render(request, template, {"form": form, "child": child}, status=status)


@work_view
@require_http_methods(["GET", "POST"])
def new_suspension(request: HttpRequest, child_id: int) -> HttpResponse:
    user, child, schools = _recorder(request, child_id)
    return _record_page(
        request,
        child=child,
        form=SuspensionForm(request.POST if request.method == "POST" else None, schools=schools),
        perform=lambda data: services.record_suspension(
            actor=user,
            child=child,
            school=data.get("school"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            reason=data.get("reason") or "",
            parents_heard_on=data.get("parents_heard_on"),
            parents_heard_how=data.get("parents_heard_how") or "",
            inspectorate_reported_on=data.get("inspectorate_reported_on"),
        ),
        done=gettext("De schorsing is vastgelegd. Download de schorsingsbrief voor de ouders."),
        template="enrolment/discipline/suspension_form.html",
    )


@work_view
@require_http_methods(["GET", "POST"])
def new_removal(request: HttpRequest, child_id: int) -> HttpResponse:
    user, child, schools = _recorder(request, child_id)
    return _record_page(
        request,
        child=child,
        form=RemovalForm(
            request.POST if request.method == "POST" else None,
            schools=schools,
            others=selectors.schools_for_a_place(schools.first()),
        ),
        perform=lambda data: services.record_removal(
            actor=user,
            child=child,
            school=data.get("school"),
            decided_on=data.get("decided_on"),
            effective_on=data.get("effective_on"),
            reason=data.get("reason") or "",
            parents_heard_on=data.get("parents_heard_on"),
            willing_school=data.get("willing_school"),
            willing_school_name=data.get("willing_school_name") or "",
            willing_confirmed_on=data.get("willing_confirmed_on"),
            gemeente_informed_on=data.get("gemeente_informed_on"),
        ),
        done=gettext(
            "De verwijdering is vastgelegd. Download het besluit voor de ouders en de melding "
            "voor "
            "de leerplichtambtenaar."
        ),
        template="enrolment/discipline/removal_form.html",
    )


def _pdf(record: Any, letter: str, user: Any) -> HttpResponse:
    try:
        pdf = letter_pdf(record, letter)
    except ValueError:
        raise Http404 from None
    audit.letter_downloaded(actor=user, record=record, letter=letter)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter}-{record.child.first_name.lower()}.pdf"'
    return response


@work_view
def suspension_letter(request: HttpRequest, suspension_id: int, letter: str) -> HttpResponse:
    """A letter about a suspension, for everyone who reads the suspension (the family too)."""
    user = current_user(request)
    return _pdf(policy.require_suspension(user, suspension_id), letter, user)


@work_view
def removal_letter(request: HttpRequest, removal_id: int, letter: str) -> HttpResponse:
    """A letter about a removal, for everyone who reads the removal (the family too)."""
    user = current_user(request)
    return _pdf(policy.require_removal(user, removal_id), letter, user)


discipline_urlpatterns: list[URLPattern] = [
    path("", discipline_register, name="register"),
    path("kind/<int:child_id>/", discipline_child, name="child"),
    path("kind/<int:child_id>/schorsing/", new_suspension, name="new_suspension"),
    path("kind/<int:child_id>/verwijdering/", new_removal, name="new_removal"),
    path("schorsing/<int:suspension_id>/<slug:letter>.pdf", suspension_letter, name="suspension_letter"),
    path("verwijdering/<int:removal_id>/<slug:letter>.pdf", removal_letter, name="removal_letter"),
]
