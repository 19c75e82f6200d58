"""The OPP's pages (namespace `opp`, under /opp/)."""

from django.urls import URLPattern, path

from . import views

app_name = "opp"

urlpatterns: list[URLPattern] = [
    path("kind/<int:child_id>/", views.child_page, name="child"),
    path("kind/<int:child_id>/nieuw/", views.version_new, name="new"),
    path("kind/<int:child_id>/handelingsverlegen/", views.handelingsverlegen_new, name="handelingsverlegen"),
    path("kind/<int:child_id>/versie/<int:version_id>/", views.version_page, name="version"),
    path(
        "kind/<int:child_id>/versie/<int:version_id>/instemming/", views.paper_consent, name="paper_consent"
    ),
    path("kind/<int:child_id>/versie/<int:version_id>/evaluatie/", views.evaluation_new, name="evaluation"),
    path("kind/<int:child_id>/versie/<int:version_id>/opp.pdf", views.version_pdf, name="pdf"),
]
