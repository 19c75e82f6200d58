"""Two views: leave for the provider, and come back from it. The pages say plainly what happened."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kring.accounts import services as account_services
from kring.accounts.views import _safe_next, _with_next

from . import audit, services
from .config import get_config, is_enabled
from .errors import OidcLoginError


def _refused_page(request: HttpRequest, reason: str) -> HttpResponse:
    config = get_config()
    return render(
        request,
        "oidc/refused.html",
        {"reason": services.reason_text(reason), "service_name": config.service_name},
        status=403,
    )


@never_cache
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """The login button: remember the attempt, then go to the provider (a link, not a form: the
    Content-Security-Policy's form-action would stop a form's redirect to another site)."""
    if not is_enabled():
        raise Http404
    link = request.GET.get("koppelen") == "1"
    if link and not account_services.is_verified(request=request):
        return redirect(_with_next("accounts:login", reverse("oidc:start") + "?koppelen=1"))
    try:
        url = services.start_login(request=request, next_url=_safe_next(request), link=link)
    except OidcLoginError as refused:
        audit.login_refused(reason=refused.code)
        return _refused_page(request, refused.code)
    return redirect(url)


@never_cache
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    if not is_enabled():
        raise Http404
    outcome = services.finish_login(request=request, params=request.GET)
    if outcome.kind == "logged_in":
        return redirect(outcome.next_url or "web:home")
    if outcome.kind == "second_step":
        return redirect(_with_next("accounts:otp", outcome.next_url))
    if outcome.kind == "linked":
        messages.success(
            request,
            _("Je account is gekoppeld. Je kunt voortaan ook inloggen met %(service)s.")
            % {"service": get_config().service_name},
        )
        return redirect("web:home")
    if outcome.kind == "unknown":
        return render(request, "oidc/unknown.html", {"service_name": get_config().service_name})
    return _refused_page(request, outcome.reason)
