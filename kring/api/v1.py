"""API version 1. New versions get their own module; v1 stays stable."""

from django.urls import path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from kring.agenda.api import views as agenda
from kring.cases.api import views as cases
from kring.children.api import family
from kring.children.api import requests as rights_requests
from kring.children.api import views as children
from kring.enrolment.api import views as enrolment
from kring.opp.api import views as opp
from kring.placement.api import views as placement
from kring.portal.api import consents as portal_consents
from kring.portal.api import views as portal
from kring.portal.api import zienswijzen as portal_voices
from kring.portal.export import api as export

from . import views

urlpatterns = [
    path("", views.ApiRootView.as_view(), name="root"),
    path("me/", views.MeView.as_view(), name="me"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("auth/token/", views.TokenView.as_view(), name="token"),
    # children and their timeline
    path("children/", children.ChildListView.as_view(), name="child-list"),
    path("children/search/", children.ChildSearchView.as_view(), name="child-search"),
    path("children/<int:child_id>/", children.ChildDetailView.as_view(), name="child-detail"),
    path("children/<int:child_id>/events/", children.EventListView.as_view(), name="child-events"),
    path(
        "children/<int:child_id>/events/<int:event_id>/",
        children.EventDetailView.as_view(),
        name="child-event-detail",
    ),
    path("children/<int:child_id>/assessment/", children.AssessmentView.as_view(), name="child-assessment"),
    path("children/<int:child_id>/scenario/", children.ScenarioView.as_view(), name="child-scenario"),
    path("children/<int:child_id>/access-log/", portal.AccessLogView.as_view(), name="child-access-log"),
    path(
        "children/<int:child_id>/zienswijzen/",
        portal_voices.ZienswijzenView.as_view(),
        name="child-zienswijzen",
    ),
    path(
        "children/<int:child_id>/requests/", rights_requests.RequestListView.as_view(), name="child-requests"
    ),
    path(
        "children/<int:child_id>/requests/<int:request_id>/answer/",
        rights_requests.RequestAnswerView.as_view(),
        name="child-request-answer",
    ),
    path(
        "children/<int:child_id>/requests/<int:request_id>/extend/",
        rights_requests.RequestExtendView.as_view(),
        name="child-request-extend",
    ),
    path("children/<int:child_id>/consents/", portal_consents.ConsentsView.as_view(), name="child-consents"),
    path(
        "children/<int:child_id>/consents/<int:consent_id>/revoke/",
        portal_consents.ConsentRevokeView.as_view(),
        name="child-consent-revoke",
    ),
    path("children/<int:child_id>/export/", export.ChildExportView.as_view(), name="child-export"),
    path(
        "children/<int:child_id>/family-rights/",
        family.FamilyRightsView.as_view(),
        name="child-family-rights",
    ),
    path(
        "children/<int:child_id>/invitations/", family.InvitationListView.as_view(), name="child-invitations"
    ),
    path(
        "children/<int:child_id>/invitations/<int:invitation_id>/resend/",
        family.InvitationResendView.as_view(),
        name="child-invitation-resend",
    ),
    path(
        "children/<int:child_id>/invitations/<int:invitation_id>/revoke/",
        family.InvitationRevokeView.as_view(),
        name="child-invitation-revoke",
    ),
    path(
        "children/<int:child_id>/representatives/<int:representative_id>/gezag/",
        family.GezagView.as_view(),
        name="child-representative-gezag",
    ),
    # placement: TLV requests and decisions, waiting lists, support profiles
    path(
        "children/<int:child_id>/tlv-requests/",
        placement.ChildTlvRequestsView.as_view(),
        name="child-tlv-requests",
    ),
    path(
        "children/<int:child_id>/waiting-list/",
        placement.ChildWaitingListView.as_view(),
        name="child-waiting-list",
    ),
    path("tlv-requests/<int:request_id>/", placement.TlvRequestView.as_view(), name="tlv-request"),
    path(
        "tlv-requests/<int:request_id>/decision/",
        placement.TlvDecisionView.as_view(),
        name="tlv-request-decision",
    ),
    path("waiting-list/<int:entry_id>/end/", placement.WaitingEndView.as_view(), name="waiting-list-end"),
    path(
        "schools/<int:school_id>/support-offers/",
        placement.SupportOffersView.as_view(),
        name="school-support-offers",
    ),
    # the OPP of a child
    path("children/<int:child_id>/opp/", opp.OppView.as_view(), name="child-opp"),
    path("children/<int:child_id>/opp/versions/", opp.VersionListView.as_view(), name="child-opp-versions"),
    path(
        "children/<int:child_id>/opp/versions/<int:version_id>/",
        opp.VersionDetailView.as_view(),
        name="child-opp-version",
    ),
    path(
        "children/<int:child_id>/opp/versions/<int:version_id>/consent/",
        opp.ConsentView.as_view(),
        name="child-opp-consent",
    ),
    path(
        "children/<int:child_id>/opp/versions/<int:version_id>/evaluations/",
        opp.EvaluationListView.as_view(),
        name="child-opp-evaluations",
    ),
    path(
        "children/<int:child_id>/opp/handelingsverlegen/",
        opp.HandelingsverlegenView.as_view(),
        name="child-opp-handelingsverlegen",
    ),
    # aanmeldingen (the school's register, zorgplicht)
    path("aanmeldingen/", enrolment.AanmeldingListView.as_view(), name="aanmelding-list"),
    path(
        "aanmeldingen/<int:aanmelding_id>/",
        enrolment.AanmeldingDetailView.as_view(),
        name="aanmelding-detail",
    ),
    path(
        "aanmeldingen/<int:aanmelding_id>/extension/",
        enrolment.ExtensionView.as_view(),
        name="aanmelding-extension",
    ),
    path("aanmeldingen/<int:aanmelding_id>/steps/", enrolment.StepView.as_view(), name="aanmelding-steps"),
    path(
        "aanmeldingen/<int:aanmelding_id>/conclusion/",
        enrolment.ConclusionView.as_view(),
        name="aanmelding-conclusion",
    ),
    path(
        "aanmeldingen/<int:aanmelding_id>/decision/",
        enrolment.DecisionView.as_view(),
        name="aanmelding-decision",
    ),
    path(
        "aanmeldingen/<int:aanmelding_id>/response/",
        enrolment.ResponseView.as_view(),
        name="aanmelding-response",
    ),
    # cases and the work on a case
    path("cases/", cases.CaseListView.as_view(), name="case-list"),
    path("cases/<int:case_id>/", cases.CaseDetailView.as_view(), name="case-detail"),
    path("cases/<int:case_id>/transition/", cases.TransitionView.as_view(), name="case-transition"),
    path("cases/<int:case_id>/circle/", cases.CircleView.as_view(), name="case-circle"),
    path(
        "cases/<int:case_id>/circle/<int:member_id>/",
        cases.CircleMemberView.as_view(),
        name="case-circle-member",
    ),
    path("cases/<int:case_id>/regievoerder/", cases.RegievoerderView.as_view(), name="case-regievoerder"),
    path(
        "cases/<int:case_id>/regievoerder/handover/",
        cases.RegievoerderHandoverView.as_view(),
        name="case-regievoerder-handover",
    ),
    path(
        "cases/<int:case_id>/regievoerder/correct/",
        cases.RegievoerderCorrectView.as_view(),
        name="case-regievoerder-correct",
    ),
    path("cases/<int:case_id>/meetings/", cases.MeetingListView.as_view(), name="case-meetings"),
    path("cases/<int:case_id>/agreements/", cases.AgreementListView.as_view(), name="case-agreements"),
    path(
        "cases/<int:case_id>/agreements/<int:agreement_id>/complete/",
        cases.AgreementCompleteView.as_view(),
        name="case-agreement-complete",
    ),
    path(
        "cases/<int:case_id>/agreements/<int:agreement_id>/cancel/",
        cases.AgreementCancelView.as_view(),
        name="case-agreement-cancel",
    ),
    path("cases/<int:case_id>/perspective/", cases.PerspectiveView.as_view(), name="case-perspective"),
    path("cases/<int:case_id>/rhythm/", cases.RhythmView.as_view(), name="case-rhythm"),
    path("cases/<int:case_id>/routes/", cases.RouteListView.as_view(), name="case-routes"),
    path(
        "cases/<int:case_id>/routes/<int:route_id>/outcome/",
        cases.RouteOutcomeView.as_view(),
        name="case-route-outcome",
    ),
    path("cases/<int:case_id>/escalations/", cases.EscalationListView.as_view(), name="case-escalations"),
    path(
        "cases/<int:case_id>/escalations/<int:escalation_id>/decisions/",
        cases.EscalationDecisionView.as_view(),
        name="case-escalation-decisions",
    ),
    path("agenda/", agenda.AgendaView.as_view(), name="agenda"),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("docs/", views.ApiDocsView.as_view(url_name="v1:schema"), name="docs"),
    # Redoc needs inline styles and web fonts from elsewhere, which Kring's CSP refuses: its old
    # address leads to the Swagger UI page, which shows the same documentation.
    path("redoc/", RedirectView.as_view(pattern_name="v1:docs", permanent=False), name="redoc"),
]
