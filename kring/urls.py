from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views import defaults
from django_otp.admin import OTPAdminSite

from kring.api import errors as api_errors


class KringAdminSite(OTPAdminSite):  # type: ignore[misc]  # django-otp ships no types
    """Functioneel beheer asks for a confirmed second factor when KRING_REQUIRE_2FA is on. The
    setting is read per request, not once when the URLs are loaded (a test or a deployment that
    changes it later would otherwise get the other behaviour)."""

    def has_permission(self, request: HttpRequest) -> bool:
        if settings.KRING_REQUIRE_2FA:
            return bool(super().has_permission(request))
        return admin.AdminSite.has_permission(self, request)


admin.site.__class__ = KringAdminSite

admin.site.site_header = "Kring — functioneel beheer"

urlpatterns = [
    path("", include("kring.web.urls")),
    path("account/", include("kring.accounts.urls")),
    path("account/extern/", include("kring.accounts.oidc.urls")),
    path("casussen/", include("kring.children.urls")),
    path("casussen/", include("kring.regions.urls")),
    path("casussen/", include("kring.portal.urls")),
    path("casussen/", include("kring.cases.urls")),
    path("steunpunt/", include("kring.desk.urls")),
    path("opp/", include("kring.opp.urls")),
    path("aanwezigheid/", include("kring.attendance.urls")),
    path("plaatsing/", include("kring.placement.urls")),
    path("onderwijstijd/", include("kring.timetable.urls")),
    path("aanmeldingen/", include("kring.enrolment.urls")),
    path("aanmelden/", include("kring.enrolment.urls_public")),
    path("schorsingen/", include("kring.enrolment.urls_schorsing")),
    path("api/", include("kring.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]


def handler404(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return api_errors.not_found(request, exception)
    return defaults.page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return api_errors.server_error(request)
    return defaults.server_error(request)
