from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

if settings.KRING_REQUIRE_2FA:
    admin.site.__class__ = OTPAdminSite

admin.site.site_header = "Kring — functioneel beheer"

urlpatterns = [
    path("", include("kring.web.urls")),
    path("account/", include("kring.accounts.urls")),
    path("casussen/", include("kring.children.urls")),
    path("casussen/", include("kring.regions.urls")),
    path("casussen/", include("kring.portal.urls")),
    path("casussen/", include("kring.cases.urls")),
    path("api/", include("kring.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]
