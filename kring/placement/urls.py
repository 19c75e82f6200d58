"""Placement's pages (namespace `placement`, under /plaatsing/)."""

from django.urls import URLPattern, path

from . import views

app_name = "placement"

urlpatterns: list[URLPattern] = [
    path("kind/<int:child_id>/", views.child_page, name="child"),
    path("kind/<int:child_id>/tlv/nieuw/", views.tlv_new, name="tlv_new"),
    path("kind/<int:child_id>/wachtlijst/", views.waiting_add, name="waiting_add"),
    path("tlv/", views.tlv_list, name="tlv_list"),
    path("tlv/<int:request_id>/", views.tlv_detail, name="tlv"),
    path("tlv/<int:request_id>/besluit/", views.tlv_decide, name="tlv_decide"),
    path("wachtlijsten/", views.waiting_lists, name="waiting_lists"),
    path("wachtlijsten/<int:entry_id>/afsluiten/", views.waiting_end, name="waiting_end"),
    path("ondersteuningsprofiel/", views.support_profile, name="support_profile"),
    path(
        "ondersteuningsprofiel/<int:offer_id>/weghalen/",
        views.support_offer_remove,
        name="support_offer_remove",
    ),
    path("regio/", views.region_support, name="region"),
]
