"""The aanmelding register's pages, under /aanmeldingen/ (login) and /aanmelden/ (public)."""

from __future__ import annotations

from .views import urlpatterns as school_urlpatterns

app_name = "enrolment"

urlpatterns = school_urlpatterns
