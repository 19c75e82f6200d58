"""The overview pages of casusregie: the case list and export, opening a case, the case page with
its assessment and timeline (the child's registration and timeline pages are in `kring.children`)."""

from django.urls import URLPattern, path

from . import cases, lists

urlpatterns: list[URLPattern] = [
    path("", lists.case_list, name="list"),
    path("export.csv", lists.case_export, name="export"),
    path("kind/<int:child_id>/casus-openen/", cases.case_open, name="open"),
    path("<int:case_id>/", cases.case_detail, name="detail"),
    path("<int:case_id>/status/", cases.case_transition, name="transition"),
    path("<int:case_id>/scenario.json", cases.case_scenario, name="scenario"),
]
