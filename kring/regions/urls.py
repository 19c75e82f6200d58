"""The region's settings page (namespace `regions`, under /casussen/ as before the move)."""

from django.urls import URLPattern, path

from . import views

app_name = "regions"

urlpatterns: list[URLPattern] = [
    path("regio/", views.region_settings, name="settings"),
]
