"""The region's settings page (namespace `regions`, under /casussen/ as before the move)."""

from django.urls import URLPattern, path

from . import views, views_retention

app_name = "regions"

urlpatterns: list[URLPattern] = [
    path("regio/", views.region_settings, name="settings"),
    path("regio/bewaartermijn/", views_retention.case_retention, name="retention"),
]
