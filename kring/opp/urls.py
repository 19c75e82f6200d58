"""The OPP's pages (namespace `opp`, under /opp/)."""

from django.urls import URLPattern, path

from . import return_views, views

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
    path("kind/<int:child_id>/terugkeerplan/", return_views.return_plan, name="return_plan"),
    path("kind/<int:child_id>/terugkeerplan/nieuw/", return_views.return_plan_new, name="return_plan_new"),
    path("kind/<int:child_id>/terugkeerplan/stap/", return_views.step_add, name="return_step_add"),
    path(
        "kind/<int:child_id>/terugkeerplan/stap/<uuid:step_id>/gedaan/",
        return_views.step_done,
        name="return_step_done",
    ),
    path(
        "kind/<int:child_id>/terugkeerplan/stap/<uuid:step_id>/vervangen/",
        return_views.step_replace,
        name="return_step_replace",
    ),
    path(
        "kind/<int:child_id>/terugkeerplan/weer-naar-school/", return_views.plan_end, name="return_plan_end"
    ),
    path("wie-betaalt/", return_views.payers, name="payers"),
]
