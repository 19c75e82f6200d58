"""Pages of attendance: imports."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
