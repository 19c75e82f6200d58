"""The steunpunt desk's pages, under /steunpunt/. Each part of the desk keeps its own URL list."""

from __future__ import annotations

from .views import links, public, questions, report, signals

app_name = "desk"

urlpatterns = [
    *questions.urlpatterns,
    *public.urlpatterns,
    *report.urlpatterns,
    *signals.urlpatterns,
    *links.urlpatterns,
]
