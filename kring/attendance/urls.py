"""Attendance's pages, under /aanwezigheid/. Each part keeps its own URL list."""

from __future__ import annotations

from .views import imports, signals

app_name = "attendance"

urlpatterns = [*imports.urlpatterns, *signals.urlpatterns]
