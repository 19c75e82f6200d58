"""The parents' public aanmelding page, under /aanmelden/ (no account)."""

from __future__ import annotations

from .public import urlpatterns as public_urlpatterns

app_name = "enrolment_public"

urlpatterns = public_urlpatterns
