"""The family's pages (namespace `portal`, under /casussen/ as before the move)."""

from django.urls import URLPattern, path

from . import (
    child_file,
    own,
    views,
    views_consent,
    views_logbook,
    views_opp,
    views_requests,
    views_zienswijze,
)
from .export import views as export

app_name = "portal"

urlpatterns: list[URLPattern] = [
    path("gezin/", views.family, name="family"),
    path("gezin/ik/", own.own_file, name="own"),
    path("gezin/<int:child_id>/", child_file.child_file, name="child"),
    path("gezin/<int:child_id>/logboek/", views_logbook.access_log, name="access_log"),
    path("gezin/<int:child_id>/logboek/download/", views_logbook.access_log_csv, name="access_log_csv"),
    path(
        "gezin/<int:child_id>/zienswijze/<str:part>/<int:part_id>/",
        views_zienswijze.add_zienswijze,
        name="zienswijze",
    ),
    path("gezin/<int:child_id>/opp/<int:version_id>/", views_opp.opp_version, name="opp"),
    path("gezin/<int:child_id>/verzoeken/", views_requests.request_list, name="requests"),
    path("gezin/<int:child_id>/verzoeken/inzage/", views_requests.request_access, name="request_access"),
    path(
        "gezin/<int:child_id>/verzoeken/correctie/<str:part>/<int:part_id>/",
        views_requests.request_correction,
        name="request_correction",
    ),
    path("gezin/<int:child_id>/toestemming/", views_consent.consent_list, name="consents"),
    path("gezin/<int:child_id>/toestemming/geven/", views_consent.consent_give, name="consent_give"),
    path(
        "gezin/<int:child_id>/toestemming/<int:consent_id>/intrekken/",
        views_consent.consent_revoke,
        name="consent_revoke",
    ),
    path(
        "gezin/<int:child_id>/toestemming/<int:consent_id>/antwoord/",
        views_consent.consent_answer,
        name="consent_answer",
    ),
    path("toestemming/<int:child_id>/vragen/", views_consent.consent_request, name="consent_request"),
    path("gezin/<int:child_id>/download.pdf", export.download_pdf, name="download_pdf"),
    path("gezin/<int:child_id>/download.json", export.download_json, name="download_json"),
]
