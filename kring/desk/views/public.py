"""Pages of the desk: public."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
