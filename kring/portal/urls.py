"""The family's pages (namespace `portal`, under /casussen/ as before the move)."""

from django.urls import URLPattern, path

from . import views

app_name = "portal"

urlpatterns: list[URLPattern] = [
    path("gezin/", views.family, name="family"),
]
