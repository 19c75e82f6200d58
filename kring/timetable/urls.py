"""The onderwijstijd pages (namespace `timetable`, under /onderwijstijd/)."""

from django.urls import URLPattern, path

from . import views

app_name = "timetable"

urlpatterns: list[URLPattern] = [
    path("", views.timetable_list, name="list"),
    path("kind/<int:child_id>/", views.child_page, name="child"),
    path("kind/<int:child_id>/nieuw/", views.record, name="record"),
    path("<int:timetable_id>/aanvraag/", views.request_consent, name="request"),
    path("<int:timetable_id>/instemming/", views.record_consent, name="consent"),
    path("<int:timetable_id>/stoppen/", views.end, name="end"),
]
