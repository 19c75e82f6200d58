"""Pages of the desk: the public web form, for parents and pupils without an account.

These are the only desk pages that need no login (PUBLIC_URL_NAMES; every other page of the desk
asks for one, see test_public_form.py). The form registers the question through the one service
(`register_question`, actor None, channel webformulier); the spam checks are in `spam.py`.
"""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from kring.web.flow import run_service

from .. import spam
from ..forms_public import HONEYPOT, RATE_LIMIT_MESSAGE, PublicQuestionForm
from ..mail import send_reference
from ..models import Channel, DeskSettings, Question
from ..selectors.public import fallback_categories, open_form, open_forms, served_swvs
from ..services.questions import register_question

THANKS_SALT = "kring.desk.public-thanks"
THANKS_MAX_AGE = 60 * 60  # the thank-you page's link works for an hour


def index(request: HttpRequest) -> HttpResponse:
    """The steunpunten with an open web form."""
    return render(request, "desk/public/index.html", {"forms": list(open_forms())})


def _form(settings: DeskSettings, data: Any = None) -> PublicQuestionForm:
    form = PublicQuestionForm(data, swvs=served_swvs(settings))
    if data is None:
        form.initial["started"] = spam.new_token()
    return form


def _page(request: HttpRequest, settings: DeskSettings, form: PublicQuestionForm) -> HttpResponse:
    return render(
        request,
        "desk/public/form.html",
        {"form": form, "desk": settings, "steunpunt": settings.steunpunt},
        status=200 if not form.is_bound or not form.errors else 400,
    )


def _register(settings: DeskSettings, form: PublicQuestionForm) -> Question:
    data = form.cleaned_data
    served = list(served_swvs(settings)[:2])
    swv = data.get("swv") if form.asks_swv else (served[0] if served else None)
    return register_question(
        actor=None,
        steunpunt=settings.steunpunt,
        channel=Channel.WEBFORMULIER,
        received_on=timezone.localdate(),
        asker=data["asker"],
        age_group=data["age_group"],
        school_type=data["school_type"],
        swv=swv,
        categories=list(data["categories"]) or fallback_categories(),
        question_text=data["question_text"],
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        contact_phone=data["contact_phone"],
    )


@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, steunpunt_id: int) -> HttpResponse:
    """The form of one steunpunt (404 when it has no open form)."""
    settings = open_form(steunpunt_id)
    if request.method != "POST":
        return _page(request, settings, _form(settings))
    data = request.POST.copy()
    form = _form(settings, data)
    address = spam.client_address(request)
    if form.is_valid():
        if spam.over_limit(address):
            form.add_error(None, RATE_LIMIT_MESSAGE)
        else:
            outcome = run_service(form, lambda: _register(settings, form))
            if outcome.done and outcome.result is not None:
                spam.count_submission(address)
                mailed = send_reference(outcome.result)
                token = signing.dumps({"q": outcome.result.pk, "m": mailed}, salt=THANKS_SALT)
                return redirect(reverse("desk:public_thanks", args=[settings.steunpunt_id]) + f"?t={token}")
    elif data.get(HONEYPOT):
        spam.count_submission(address)  # a robot: it counts towards the limit of its address
    # What was typed stays; the form gets a new timestamp (the old one may be why it was refused).
    data["started"] = spam.new_token()
    return _page(request, settings, form)


def thanks(request: HttpRequest, steunpunt_id: int) -> HttpResponse:
    """After sending: the reference, the date they will hear back, and what happens next."""
    settings = open_form(steunpunt_id)
    try:
        token = signing.loads(request.GET.get("t", ""), salt=THANKS_SALT, max_age=THANKS_MAX_AGE)
        question = Question.objects.get(pk=int(token["q"]), steunpunt_id=settings.steunpunt_id)
    except (signing.BadSignature, Question.DoesNotExist, KeyError, TypeError, ValueError):
        raise Http404 from None
    return render(
        request,
        "desk/public/thanks.html",
        {
            "question": question,
            "steunpunt": settings.steunpunt,
            "desk": settings,
            "mailed": bool(token.get("m")),
        },
    )


# The desk's pages that need no login; every other page of the desk does.
PUBLIC_URL_NAMES = frozenset({"public_index", "public_form", "public_thanks"})

urlpatterns: list[URLPattern] = [
    path("vraag-stellen/", index, name="public_index"),
    path("<int:steunpunt_id>/vraag/", ask, name="public_form"),
    path("<int:steunpunt_id>/vraag/verstuurd/", thanks, name="public_thanks"),
]
