"""Logging in and out: the password step, the two-factor step, and setting up the authenticator app."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.access import policy
from kring.web.flow import run_service

from . import services
from .forms import AcceptInvitationForm, LoginForm, TokenForm
from .models import User


def _safe_next(request: HttpRequest) -> str:
    """The page to go to after logging in: ?next= when it is on this site, else the home page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url("web:home")


def _with_next(url_name: str, next_url: str) -> str:
    url = reverse(url_name)
    if next_url and next_url != resolve_url("web:home"):
        url += "?" + urlencode({"next": next_url})
    return url


class LoginView(auth_views.LoginView):
    """Step 1: username and password (django-axes counts the failures)."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)  # logs the user in (password step done)
        user = form.get_user()
        if services.second_factor_needed(user):
            return redirect(_with_next("accounts:otp", self.get_success_url()))
        services.record_login(user=user)
        return response


class LogoutView(auth_views.LogoutView):
    """Log out (POST only)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from kring.accounts.oidc.services import end_session_url

        at_provider = end_session_url(request=request)  # logged in through OIDC: log out there too
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("Je bent uitgelogd."))
        return HttpResponseRedirect(at_provider) if at_provider else response


class _SecondStepView(FormView[TokenForm]):
    """Shared by the code step and the set-up step: the user has passed the password step."""

    form_class = TokenForm
    device: TOTPDevice

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect(_with_next("accounts:login", _safe_next(request)))
        if services.is_verified(request=request) and not self.voluntary(request):
            return HttpResponseRedirect(_safe_next(request))
        redirect_to = self.prepare(request.user)
        if redirect_to:
            return redirect(redirect_to)
        return super().dispatch(request, *args, **kwargs)

    def voluntary(self, request: HttpRequest) -> bool:
        """A family account that chose to connect an app (the second step is optional for them)."""
        return False

    def prepare(self, user: User) -> str:
        """Set self.device; return a URL to go elsewhere instead."""
        raise NotImplementedError

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["device"] = self.device
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["next"] = _safe_next(self.request)
        return context

    def get_success_url(self) -> str:
        return _safe_next(self.request)


class OtpView(_SecondStepView):
    """Step 2: the code from the authenticator app."""

    template_name = "accounts/otp.html"

    def prepare(self, user: User) -> str:
        device = services.confirmed_device(user=user)
        if device is None:
            return _with_next("accounts:otp_setup", _safe_next(self.request))
        self.device = device
        return ""

    def form_valid(self, form: TokenForm) -> HttpResponse:
        services.complete_second_step(request=self.request, device=self.device)
        return super().form_valid(form)


class OtpSetupView(_SecondStepView):
    """First login with two-factor: connect an authenticator app and confirm it with a first code."""

    template_name = "accounts/otp_setup.html"

    def voluntary(self, request: HttpRequest) -> bool:
        user = request.user
        return (
            isinstance(user, User)
            and services.confirmed_device(user=user) is None
            and services.may_enrol(request=request, user=user)
        )

    def prepare(self, user: User) -> str:
        if services.confirmed_device(user=user) is not None:
            return _with_next("accounts:otp", _safe_next(self.request))
        if not services.may_enrol(request=self.request, user=user):
            return reverse("accounts:otp_needs_link")
        self.device = services.setup_device(user=user)
        return ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["secret"] = services.secret_for_display(self.device)
        return context

    def form_valid(self, form: TokenForm) -> HttpResponse:
        services.confirm_device(request=self.request, device=self.device)
        messages.success(self.request, _("Tweestapsverificatie is ingesteld. Je bent ingelogd."))
        return super().form_valid(form)


@never_cache
def otp_qr_code(request: HttpRequest) -> HttpResponse:
    """The QR code of the device being set up, as an image (only before it is confirmed)."""
    if not request.user.is_authenticated or not services.two_factor_required():
        return HttpResponse(status=404)
    user = request.user
    if services.confirmed_device(user=user) is not None or not services.may_enrol(request=request, user=user):
        return HttpResponse(status=404)
    svg = services.qr_code_svg(services.setup_device(user=user))
    return HttpResponse(svg, content_type="image/svg+xml")


@never_cache
def otp_enrol(request: HttpRequest, token: str) -> HttpResponse:
    """An enrolment link from the beheerder's e-mail: remember it, then log in and connect the app."""
    if not services.open_enrolment_link(request=request, token=token):
        return render(request, "accounts/otp_enrol_invalid.html", status=404)
    setup = reverse("accounts:otp_setup")
    if request.user.is_authenticated:
        return redirect(setup)
    messages.info(request, _("Log in met je wachtwoord. Daarna koppel je je authenticator-app."))
    return redirect(_with_next("accounts:login", setup))


@never_cache
def otp_needs_link(request: HttpRequest) -> HttpResponse:
    """Two-factor login is on and this account has no app yet, but no enrolment link was opened."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    return render(request, "accounts/otp_needs_link.html")


otp = never_cache(OtpView.as_view())
otp_setup = never_cache(OtpSetupView.as_view())


# ---------------------------------------------------------------- invitations of the family


@never_cache
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """A parent or child opens the link of their invitation: see for whom and from whom, make the
    account (password, contact details, optionally an authenticator app) and land on the family page."""
    from kring.children import invitations

    found, state = invitations.invitation_by_token(token)
    if found is None or state != invitations.InvitationState.VALID:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"state": state},
            status=404 if found is None else 410,
        )
    user = request.user if isinstance(request.user, User) else None
    if user is not None and not user.is_professional and not policy.may_accept_invitation(user, found):
        user = None  # a family account of the other kind: the page asks to log out first
    if user is not None and user.is_professional:
        return render(request, "accounts/invitation.html", {"invitation": found, "professional": True})
    invitations.remember_in_session(request=request, token=token)  # a login through DigiD may accept it
    offer_totp = services.two_factor_required()
    form = AcceptInvitationForm(
        request.POST if request.method == "POST" else None,
        initial={"email": found.email},
        existing_account=user is not None,
        offer_totp=offer_totp,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: invitations.accept_invitation(
                token=token,
                email=data["email"],
                phone=data.get("phone", ""),
                password=data.get("password1", ""),
                existing=user,
            ),
        )
        if outcome.done and outcome.result is not None:
            account, accepted = outcome.result
            if user is None:
                login(request, account, backend="django.contrib.auth.backends.ModelBackend")
                services.record_login(user=account)
            if data.get("totp"):
                services.start_voluntary_enrolment(request=request, user=account)
                messages.info(request, _("Je account is gemaakt. Koppel nu je app."))
                return redirect(_with_next("accounts:otp_setup", reverse("portal:family")))
            messages.success(
                request,
                _("Welkom in Kring. Hier zie je wat er over %(name)s is vastgelegd.")
                % {"name": accepted.child.first_name},
            )
            return redirect("portal:family")
    return render(
        request,
        "accounts/invitation.html",
        {"invitation": found, "form": form, "existing": user},
        status=400 if request.method == "POST" else 200,
    )
