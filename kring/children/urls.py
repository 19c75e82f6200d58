"""The child's own pages (namespace `children`): registering a child, adding and removing timeline
events. Mounted under /casussen/ so the addresses stay what they were before the move."""

from django.urls import URLPattern, path

from .views import break_glass, lists, registration, timeline

app_name = "children"

urlpatterns: list[URLPattern] = [
    path("kinderen/", lists.child_list, name="list"),
    path("kind/nieuw/", registration.child_new, name="new"),
    path("noodtoegang/", break_glass.break_glass, name="break_glass"),
    path("<int:case_id>/gebeurtenis/", timeline.event_add, name="event_add"),
    path(
        "<int:case_id>/gebeurtenis/<int:event_id>/verwijderen/",
        timeline.event_delete,
        name="event_delete",
    ),
]
