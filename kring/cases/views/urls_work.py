"""URLs of the work on a case (namespace `cases`, under /casussen/)."""

from django.urls import URLPattern, path

from . import circle, escalation, meetings, planning

urlpatterns: list[URLPattern] = [
    path("<int:case_id>/kring/toevoegen/", circle.member_add, name="member_add"),
    path("<int:case_id>/kring/<int:member_id>/verwijderen/", circle.member_remove, name="member_remove"),
    path("<int:case_id>/regievoerder/aanwijzen/", circle.regie_appoint, name="regie_appoint"),
    path("<int:case_id>/regievoerder/overdragen/", circle.regie_handover, name="regie_handover"),
    path("<int:case_id>/regievoerder/verbeteren/", circle.regie_correct, name="regie_correct"),
    path("<int:case_id>/overleg/nieuw/", meetings.meeting_add, name="meeting_add"),
    path("<int:case_id>/afspraken/nieuw/", meetings.agreement_add, name="agreement_add"),
    path(
        "<int:case_id>/afspraken/<int:agreement_id>/gedaan/",
        meetings.agreement_complete,
        name="agreement_complete",
    ),
    path(
        "<int:case_id>/afspraken/<int:agreement_id>/laten-vervallen/",
        meetings.agreement_cancel,
        name="agreement_cancel",
    ),
    path("<int:case_id>/ontwikkelperspectief/", planning.perspective, name="perspective"),
    path("<int:case_id>/route/", planning.route, name="route"),
    path("<int:case_id>/route/uitkomst/", planning.route_outcome, name="route_outcome"),
    path("<int:case_id>/evaluatieritme/", planning.rhythm, name="rhythm"),
    path("<int:case_id>/escaleren/", escalation.escalate, name="escalate"),
    path(
        "<int:case_id>/escalaties/<int:escalation_id>/besluit/",
        escalation.decision,
        name="decision",
    ),
]
