"""The public page where parents send a written aanmelding themselves, without an account
(/aanmelden/). Like the steunpunt's web form (`kring.desk`): a signed timestamp and a honeypot in
the form, and a rate limit per internet address (`kring.desk.spam`, shared by Kring's public
forms). The aanmelding is registered through the one service (`services.submit_online`), the
receipt made and mailed right away (`services.issue_receipt`, by Kring); the thank-you page shows
the reference number.
"""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_http_methods

from kring.desk import spam
from kring.web.flow import run_service

from . import services
from .forms import HONEYPOT, RATE_LIMIT_MESSAGE, PublicForm
from .models import Aanmelding, Channel
from .terms import computed_terms

THANKS_SALT = "kring.enrolment.public-thanks"
THANKS_MAX_AGE = 60 * 60


def _form(data: Any = None) -> PublicForm:
    form = PublicForm(data, schools=services.schools_taking_online_aanmeldingen())
    if data is None:
        form.initial["started"] = spam.new_token()
    return form


def _page(request: HttpRequest, form: PublicForm) -> HttpResponse:
    status = 200 if not form.is_bound or not form.errors else 400
    return render(request, "enrolment/public/form.html", {"form": form}, status=status)


def _submit(form: PublicForm) -> Aanmelding:
    data = form.cleaned_data
    a = services.submit_online(
        school=data.get("school"),
        child_first_name=data.get("child_first_name") or "",
        child_last_name=data.get("child_last_name") or "",
        child_birth_date=data.get("child_birth_date"),
        parent_name=data.get("parent_name") or "",
        parent_email=data.get("parent_email") or "",
        parent_phone=data.get("parent_phone") or "",
        support_question=bool(data.get("support_question")),
        support_description=data.get("support_description") or "",
    )
    services.issue_receipt(actor=None, aanmelding=a)
    return a


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, _form())
    data = request.POST.copy()
    form = _form(data)
    address = spam.client_address(request)
    if form.is_valid():
        if spam.over_limit(address):
            form.add_error(None, RATE_LIMIT_MESSAGE)
        else:
            outcome = run_service(form, lambda: _submit(form))
            if outcome.done and outcome.result is not None:
                spam.count_submission(address)
                token = signing.dumps({"a": outcome.result.pk}, salt=THANKS_SALT)
                return redirect(reverse("enrolment_public:thanks") + f"?t={token}")
    elif data.get(HONEYPOT):
        spam.count_submission(address)
    data["started"] = spam.new_token()
    return _page(request, form)


def thanks(request: HttpRequest) -> HttpResponse:
    try:
        token = signing.loads(request.GET.get("t", ""), salt=THANKS_SALT, max_age=THANKS_MAX_AGE)
        a = Aanmelding.objects.select_related("school__organisation").get(
            pk=int(token["a"]), channel=Channel.ONLINE
        )
    except (signing.BadSignature, Aanmelding.DoesNotExist, KeyError, TypeError, ValueError):
        raise Http404 from None
    return render(
        request,
        "enrolment/public/thanks.html",
        {"a": a, "terms": computed_terms(a.received_on, extended=False)},
    )


PUBLIC_URL_NAMES = frozenset({"apply", "thanks"})

urlpatterns: list[URLPattern] = [
    path("", apply, name="apply"),
    path("verstuurd/", thanks, name="thanks"),
]
