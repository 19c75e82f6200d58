"""The child's own pages (namespace `children`): registering a child, adding and removing timeline
events. Mounted under /casussen/ so the addresses stay what they were before the move."""

from django.urls import URLPattern, path

from .views import break_glass, family, lists, registration, requests, timeline

app_name = "children"

urlpatterns: list[URLPattern] = [
    path("kinderen/", lists.child_list, name="list"),
    path("kind/nieuw/", registration.child_new, name="new"),
    path("noodtoegang/", break_glass.break_glass, name="break_glass"),
    path("avg-verzoeken/", requests.request_list, name="rights_requests"),
    path("avg-verzoeken/<int:request_id>/", requests.answer, name="rights_answer"),
    path("avg-verzoeken/<int:request_id>/verlengen/", requests.extend, name="rights_extend"),
    path("kind/<int:child_id>/gezin/", family.family_page, name="family"),
    path("kind/<int:child_id>/gezin/ouder-uitnodigen/", family.invite_parent, name="invite_parent"),
    path("kind/<int:child_id>/gezin/kind-uitnodigen/", family.invite_child, name="invite_child"),
    path(
        "kind/<int:child_id>/gezin/uitnodiging/<int:invitation_id>/opnieuw/",
        family.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "kind/<int:child_id>/gezin/uitnodiging/<int:invitation_id>/intrekken/",
        family.invitation_revoke,
        name="invitation_revoke",
    ),
    path("kind/<int:child_id>/gezin/gezag/<int:representative_id>/", family.record_gezag, name="gezag"),
    path("<int:case_id>/gebeurtenis/", timeline.event_add, name="event_add"),
    path(
        "<int:case_id>/gebeurtenis/<int:event_id>/verwijderen/",
        timeline.event_delete,
        name="event_delete",
    ),
]
