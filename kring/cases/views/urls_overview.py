"""The overview pages of casusregie: the case list and export, a new child, opening a case, the case
page with its assessment and timeline."""

from django.urls import URLPattern, path

from . import cases, children, lists, timeline

urlpatterns: list[URLPattern] = [
    path("", lists.case_list, name="list"),
    path("export.csv", lists.case_export, name="export"),
    path("kind/nieuw/", children.child_new, name="child_new"),
    path("kind/<int:child_id>/casus-openen/", cases.case_open, name="open"),
    path("<int:case_id>/", cases.case_detail, name="detail"),
    path("<int:case_id>/status/", cases.case_transition, name="transition"),
    path("<int:case_id>/gebeurtenis/", timeline.event_add, name="event_add"),
    path(
        "<int:case_id>/gebeurtenis/<int:event_id>/verwijderen/",
        timeline.event_delete,
        name="event_delete",
    ),
    path("<int:case_id>/scenario.json", cases.case_scenario, name="scenario"),
]
