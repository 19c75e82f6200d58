"""Every page and endpoint that shows a child's data writes an audit event about that child.

The family's access log can only be complete when every read leaves a line. This test walks the
whole URL configuration: every named URL must be listed below, either as showing a child's data
(then a GET by someone who may see it must add an audit event with that child's id) or as showing
none (with the reason). A new page that is in neither list fails the test, so it cannot be added
without deciding whether it reads a child's data.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from kring.access import policy
from kring.accounts.roles import Role
from kring.accounts.testing import login_verified
from kring.cases import services
from kring.cases.models import Agreement, CircleMember
from kring.cases.testing import World, make_child, make_world
from kring.cases.tests.helpers import open_case, with_regievoerder
from kring.children.models import TimelineEvent
from kring.privacy.consents import request_consent
from kring.privacy.models import AuditEvent
from kring.regions import services as region_services

pytestmark = pytest.mark.django_db

# Named URLs that show no child's data, and why.
NO_CHILD_DATA: dict[str, str] = {
    "web:home": "checked below as the agenda (CHILD_DATA); listed here only for the anonymous case",
    "accounts:login": "login",
    "accounts:logout": "logout",
    "accounts:otp": "second login step",
    "accounts:otp_setup": "connecting an authenticator app",
    "accounts:otp_qr": "the QR code of one's own device",
    "accounts:otp_enrol": "opening an enrolment link",
    "accounts:otp_needs_link": "explains the enrolment link",
    "oidc:start": "leaving for the identity provider (OIDC)",
    "oidc:callback": "coming back from the identity provider (OIDC); audited as a login",
    "children:new": "an empty registration form",
    "children:break_glass": "an empty form; opening a file with it is audited as emergency.opened",
    "desk:public_index": "the steunpunten with a public form: no child, no question",
    "desk:public_form": "the public form of a steunpunt (what the asker types is theirs)",
    "desk:public_thanks": "the asker's own reference and answer date: no child",
    "regions:settings": "the region's norms and ladder: no child",
    "regions:retention": "the region's retention term for the case file: no child",
    "desk:home": "the steunpunt's questions: not part of a child's file (audited as desk.questions_listed)",
    "desk:new_question": "an empty form for a steunpunt question",
    "desk:question": "a steunpunt question: not part of a child's file (audited as desk.question_viewed)",
    "desk:report": "the steunpunt's signals report: aggregates only, small counts hidden",
    "desk:report_csv": "the signals report as CSV: aggregates only (audited as desk.report_exported)",
    "desk:report_pdf": "the signals report as PDF: aggregates only (audited as desk.report_exported)",
    "desk:signals": "policy signals to an SWV: no child's data",
    "desk:signal_new": "an empty form for a policy signal",
    "desk:signal_detail": "one policy signal and the SWV's response: no child's data",
    "desk:link_case": "the steunpunt's question; each case offered to link is audited as listed (desk tests)",
    "desk:ask_swv": "the steunpunt's question and a request form: nothing of a child's file",
    "desk:revoke_link": "one consented link of the steunpunt's question, without the child's data",
    "desk:requests": "the steunpunt's requests (no file yet); each case offered is audited as listed",
    "desk:handle_request": "write-only (POST); its write is audited by its service",
    "attendance:signals": "the school's signals: each listed one audited (attendance.signal_viewed)",
    "attendance:signal": "a signal: audited as attendance.signal_viewed, with the child's id",
    "attendance:signal_case": "a signal: audited as attendance.signal_viewed (attendance tests)",
    "attendance:signal_dismiss": "a signal: audited as attendance.signal_viewed (attendance tests)",
    "attendance:melding": "a signal's melding: audited as attendance.signal_viewed (attendance tests)",
    "attendance:melding_download": "a melding as a file: audited as attendance.melding_downloaded",
    "attendance:imports": "the upload form and earlier imports: file names, periods, statuses; no pupil",
    "attendance:import": "an import's progress, summary (aggregates) or problems (line, column): no pupil",
    "timetable:list": "the reduced timetables: each listed one audited (timetable.listed, timetable tests)",
    "timetable:child": "a child's reduced timetables: audited as child.viewed and timetable.viewed",
    "timetable:record": "the form for a pupil of the school's own: audited as child.viewed",
    "timetable:request": "a reduced timetable's form: audited as timetable.viewed",
    "timetable:consent": "a reduced timetable's form: audited as timetable.viewed",
    "timetable:end": "a reduced timetable's form: audited as timetable.viewed",
    "enrolment:register": "the school's aanmeldingen: each listed one audited (aanmelding.viewed)",
    "enrolment:new": "an empty form to record an aanmelding (the children to choose from: the school's own)",
    "enrolment:detail": "an aanmelding: audited as aanmelding.viewed (enrolment tests)",
    "enrolment:receipt": "the receipt as PDF: audited as aanmelding.receipt_sent (enrolment tests)",
    "schorsing:register": "the school's suspensions and removals: audited per child as suspension.viewed",
    "schorsing:child": "a child's suspensions and removals: audited as suspension.viewed (enrolment tests)",
    "schorsing:new_suspension": "a form for a child enrolled at the school's own: only the name it holds",
    "schorsing:new_removal": "a form for a child enrolled at the school's own: only the name it holds",
    "schorsing:suspension_letter": "a letter as PDF: audited as suspension.letter (enrolment tests)",
    "schorsing:removal_letter": "a letter as PDF: audited as removal.letter (enrolment tests)",
    "enrolment_public:apply": "the parents' public aanmelding form (what they type is theirs)",
    "enrolment_public:thanks": "the parents' own reference and the school's decision day: no file",
    "v1:aanmelding-list": "the school's aanmeldingen: each listed one audited (aanmelding.viewed)",
    "v1:aanmelding-detail": "an aanmelding: audited as aanmelding.viewed (enrolment tests)",
    "v1:aanmelding-extension": "write-only (POST); its write is audited by its service",
    "v1:aanmelding-steps": "write-only (POST); its write is audited by its service",
    "v1:aanmelding-conclusion": "write-only (POST); its write is audited by its service",
    "v1:aanmelding-decision": "write-only (POST); its write is audited by its service",
    "v1:aanmelding-response": "write-only (POST); its write is audited by its service",
    "set_language": "choosing a language",
    "v1:root": "links to the endpoints",
    "v1:me": "one's own account",
    "v1:organisation-list": "organisations, no children",
    "v1:token": "one's own API token",
    "v1:schema": "the API's description",
    "v1:docs": "the API's documentation page",
    "v1:redoc": "a redirect to the API's documentation page",
    "accounts:invitation": (
        "the invitee's own link: the child's first name and who invited (its use: invitation.accepted)"
    ),
    "children:invite_parent": "write-only (POST); its write is audited by its service",
    "children:invite_child": "write-only (POST); its write is audited by its service",
    "children:invitation_resend": "write-only (POST); its write is audited by its service",
    "children:invitation_revoke": "write-only (POST); its write is audited by its service",
    "children:gezag": "write-only (POST); its write is audited by its service",
    "v1:child-family-rights": "the caller's own rights for the child (yes/no), none of the child's data",
    "v1:child-invitation-resend": "write-only (POST); its write is audited by its service",
    "v1:child-invitation-revoke": "write-only (POST); its write is audited by its service",
    "v1:child-representative-gezag": "write-only (PUT); its write is audited by its service",
    "opp:new": "the school's form (prefilled from the current version): audited as opp.viewed (opp tests)",
    "opp:handelingsverlegen": "the school's form with the OPP's state: audited as opp.viewed (opp tests)",
    "opp:version": "one OPP version: audited as opp.viewed (opp tests)",
    "opp:paper_consent": "the form for a signed consent: audited as opp.viewed (opp tests)",
    "opp:evaluation": "the evaluation form: audited as opp.viewed (opp tests)",
    "opp:pdf": "one OPP version as PDF: audited as opp.pdf_exported (opp tests)",
    "opp:return_plan_new": "the terugkeerplan's form: audited as opp.return_plan_viewed (opp tests)",
    "opp:return_step_add": "a step's form: audited as opp.return_plan_viewed (opp tests)",
    "opp:return_step_done": "a step's form: audited as opp.return_plan_viewed (opp tests)",
    "opp:return_step_replace": "a step's form: audited as opp.return_plan_viewed (opp tests)",
    "opp:return_plan_end": "the form 'weer naar school': audited as opp.return_plan_viewed (opp tests)",
    "opp:payers": "who pays, in the SWV's region: counts only, no child",
    "portal:opp": "the family's page of one OPP version: audited as opp.viewed (opp tests)",
    "v1:child-opp-versions": "write-only (POST); its write is audited by its service",
    "v1:child-opp-version": "one OPP version: audited as opp.viewed (opp tests)",
    "v1:child-opp-consent": "write-only (POST); its write is audited by its service",
    "v1:child-opp-evaluations": "write-only (POST); its write is audited by its service",
    "v1:child-opp-handelingsverlegen": "write-only (POST); its write is audited by its service",
    "placement:tlv_new": "the request form: audited as child.viewed (placement tests)",
    "placement:waiting_add": "the waiting-list form: audited as child.viewed (placement tests)",
    "placement:tlv_list": "each request listed is audited as placement.tlvs_listed (placement tests)",
    "placement:tlv": "one request: audited as placement.tlv_viewed (placement tests)",
    "placement:tlv_decide": "the decision form: audited as placement.tlv_viewed (placement tests)",
    "placement:waiting_lists": "each child listed: audited as placement.waiting_list_viewed (placement)",
    "placement:waiting_end": "one entry: audited as placement.waiting_list_viewed (placement tests)",
    "placement:support_profile": "a school's support offers: no child",
    "placement:support_offer_remove": "write-only (POST); its write is audited by its service",
    "placement:region": "the region's support offers and waiting-list counts: no child's name",
    "v1:child-tlv-requests": "each request listed is audited as placement.tlv_viewed (placement tests)",
    "v1:tlv-request": "one request: audited as placement.tlv_viewed (placement tests)",
    "v1:tlv-request-decision": "write-only (POST); its write is audited by its service",
    "v1:child-waiting-list": "a child's waiting-list entries: audited as child.viewed (placement tests)",
    "v1:waiting-list-end": "write-only (POST); its write is audited by its service",
    "v1:school-support-offers": "a school's support offers: no child",
    "children:rights_requests": "the requests to one's organisation: each listed is audited as rights.viewed",
    "children:rights_answer": "one request: audited as rights.viewed (kring/portal/tests/requests)",
    "children:rights_extend": "one request: audited as rights.viewed (kring/portal/tests/requests)",
    "v1:child-request-answer": "write-only (POST); its write is audited by its service",
    "v1:child-request-extend": "write-only (POST); its write is audited by its service",
}
NO_CHILD_DATA.pop("web:home")  # the home page is the agenda: it is in CHILD_DATA


def _named_urls(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in ("admin",):  # functioneel beheer never shows children (tested there)
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


class Region:
    """A case with a regievoerder, an agreement, an escalation and a timeline event."""

    def __init__(self) -> None:
        self.world: World = make_world()
        self.case = open_case(self.world)
        self.member: CircleMember = with_regievoerder(self.world, self.case)
        lpa = self.world.user("lpa")
        self.agreement: Agreement = services.add_agreement(
            actor=lpa, case=self.case, owner=self.member, text="Gesprek plannen.", due_on=date(2025, 11, 1)
        )
        self.route = services.set_route(
            actor=lpa,
            case=self.case,
            kind="hybride",
            start_on=date(2025, 11, 10),
            provider="De Brug",
            hours_per_week=Decimal("8"),
            needed_kind="onderwijs_zorgarrangement",
        )
        region_services.configure_escalation_ladder(
            actor=self.world.user("beheerder"),
            swv=self.world.swv,
            levels=[
                region_services.LevelSpec(
                    name="Directeur SWV", term_amount=5, mandate_role=Role.SWV_DIRECTEUR
                )
            ],
        )
        self.escalation = services.escalate_case(
            actor=lpa, case=self.case, reason="Geen passend aanbod gevonden.", on=date(2025, 11, 12)
        )
        # Youth care in the circle asks the family for consent (the consent pages).
        jeugdhulp = self.world.user("jeugdhulp")
        services.add_circle_member(
            actor=lpa, case=self.case, kind="jeugdhulp", user=jeugdhulp, joined_on=date(2025, 11, 12)
        )
        today = timezone.localdate()
        self.consent_request = request_consent(
            actor=jeugdhulp,
            child=self.world.child,
            stated_purpose="Gezinsbegeleiding.",
            categories=["plan"],
            valid_from=today,
            valid_until=today + timedelta(days=30),
        )
        self.perspective = services.set_perspective(
            actor=lpa,
            case=self.case,
            set_on=date(2025, 11, 3),
            set_with_parents=True,
            set_with_child=True,
            goals="Noor gaat weer naar school.",
            needs={"leren": "Een kleine klas."},
        )
        self.event = TimelineEvent.objects.filter(child=self.world.child).first()
        # A child of the same gemeente without a case: the page that opens one.
        self.child_without_case = make_child(gemeente=self.world.gemeente, first_name="Sem")


def _ids(region: Region) -> dict[str, int | str | None]:
    return {
        "case_id": region.case.pk,
        "child_id": region.world.child.pk,
        "child_without_case_id": region.child_without_case.pk,
        "member_id": region.member.pk,
        "agreement_id": region.agreement.pk,
        "event_id": region.event.pk if region.event else None,
        "escalation_id": region.escalation.pk,
        "route_id": region.route.pk,
        "part": "plan",  # a zienswijze's part: the plan (kring.cases.zienswijzen.PARTS)
        "part_id": region.perspective.pk,
        "consent_id": region.consent_request.pk,
    }


# Named URLs that show a child's data: who reads it (a key of the world's users) and the URL
# arguments it needs. A GET by that person must write an audit event about the child.
CHILD_DATA: dict[str, tuple[str, tuple[str, ...]]] = {
    "web:home": ("lpa", ()),  # the agenda names children and their terms
    "opp:child": ("lpa", ("child_id",)),
    "opp:return_plan": ("lpa", ("child_id",)),
    "v1:child-opp": ("lpa", ("child_id",)),
    "portal:family": ("ouder", ()),
    "portal:own": ("own_child", ()),  # the child's own page (12 to 15)
    "portal:child": ("ouder", ("child_id",)),
    "placement:child": ("consulent", ("child_id",)),
    "portal:access_log": ("ouder", ("child_id",)),  # reading the logbook is in the logbook
    "portal:access_log_csv": ("ouder", ("child_id",)),
    "portal:download_pdf": ("ouder", ("child_id",)),  # the whole file (audited as dossier.exported)
    "portal:download_json": ("ouder", ("child_id",)),
    "portal:zienswijze": ("ouder", ("child_id", "part", "part_id")),  # the form shows earlier views
    "portal:requests": ("ouder", ("child_id",)),  # the family's requests (and each one shown)
    "portal:request_access": ("ouder", ("child_id",)),  # the circle's organisations
    "portal:request_correction": ("ouder", ("child_id", "part", "part_id")),  # the part is shown
    "portal:consents": ("ouder", ("child_id",)),
    "portal:consent_give": ("ouder", ("child_id",)),  # the form names the circle's youth care
    "portal:consent_revoke": ("ouder", ("child_id", "consent_id")),
    "portal:consent_answer": ("ouder", ("child_id", "consent_id")),
    "portal:consent_request": ("jeugdhulp", ("child_id",)),
    "cases:list": ("lpa", ()),
    "cases:export": ("lpa", ()),
    "cases:open": ("lpa", ("child_without_case_id",)),
    "cases:detail": ("lpa", ("case_id",)),
    "cases:transition": ("lpa", ("case_id",)),
    "cases:scenario": ("lpa", ("case_id",)),
    "cases:member_add": ("lpa", ("case_id",)),
    "cases:member_remove": ("lpa", ("case_id", "member_id")),
    "cases:regie_appoint": ("lpa", ("case_id",)),
    "cases:regie_handover": ("lpa", ("case_id",)),
    "cases:regie_correct": ("lpa", ("case_id",)),
    "cases:meeting_add": ("lpa", ("case_id",)),
    "cases:agreement_add": ("lpa", ("case_id",)),
    "cases:agreement_complete": ("lpa", ("case_id", "agreement_id")),
    "cases:agreement_cancel": ("lpa", ("case_id", "agreement_id")),
    "cases:perspective": ("lpa", ("case_id",)),
    "cases:route": ("lpa", ("case_id",)),
    "cases:route_outcome": ("lpa", ("case_id",)),
    "cases:rhythm": ("lpa", ("case_id",)),
    "cases:escalate": ("lpa", ("case_id",)),
    "cases:decision": ("mandate", ("case_id", "escalation_id")),  # who holds the escalation's mandate
    "children:list": ("lpa", ()),
    "children:family": ("lpa", ("child_id",)),
    "v1:child-invitations": ("lpa", ("child_id",)),
    "children:event_add": ("lpa", ("case_id",)),
    "children:event_delete": ("lpa", ("case_id", "event_id")),
    "v1:child-list": ("lpa", ()),
    "v1:child-search": (
        "lpa",
        (),
    ),  # POST only (a BSN never in an address): its finds are audited by the search
    "v1:child-detail": ("lpa", ("child_id",)),
    "v1:child-events": ("lpa", ("child_id",)),
    "v1:child-event-detail": ("lpa", ("child_id", "event_id")),
    "v1:child-assessment": ("lpa", ("child_id",)),
    "v1:child-scenario": ("lpa", ("child_id",)),
    "v1:child-access-log": ("ouder", ("child_id",)),
    "v1:child-export": ("ouder", ("child_id",)),  # the family's own download
    "v1:child-zienswijzen": ("lpa", ("child_id",)),
    "v1:child-requests": ("lpa", ("child_id",)),
    "v1:child-consents": ("lpa", ("child_id",)),
    "v1:child-consent-revoke": ("ouder", ("child_id", "consent_id")),  # POST only
    "v1:case-list": ("lpa", ()),
    "v1:case-detail": ("lpa", ("case_id",)),
    "v1:case-transition": ("lpa", ("case_id",)),
    "v1:case-circle": ("lpa", ("case_id",)),
    "v1:case-circle-member": ("lpa", ("case_id", "member_id")),
    "v1:case-regievoerder": ("lpa", ("case_id",)),
    "v1:case-regievoerder-handover": ("lpa", ("case_id",)),
    "v1:case-regievoerder-correct": ("lpa", ("case_id",)),
    "v1:case-meetings": ("lpa", ("case_id",)),
    "v1:case-agreements": ("lpa", ("case_id",)),
    "v1:case-agreement-complete": ("lpa", ("case_id", "agreement_id")),
    "v1:case-agreement-cancel": ("lpa", ("case_id", "agreement_id")),
    "v1:case-perspective": ("lpa", ("case_id",)),
    "v1:case-rhythm": ("lpa", ("case_id",)),
    "v1:case-routes": ("lpa", ("case_id",)),
    "v1:case-route-outcome": ("lpa", ("case_id", "route_id")),
    "v1:case-escalations": ("lpa", ("case_id",)),
    "v1:case-escalation-decisions": ("lpa", ("case_id", "escalation_id")),
    "v1:agenda": ("lpa", ()),
}


def test_every_named_url_is_classified() -> None:
    names = set(_named_urls(get_resolver().url_patterns))
    unclassified = sorted(names - set(CHILD_DATA) - set(NO_CHILD_DATA))
    assert not unclassified, f"decide whether these show a child's data: {unclassified}"
    stale = sorted((set(CHILD_DATA) | set(NO_CHILD_DATA)) - names)
    assert not stale, f"listed here but no longer a URL: {stale}"


def _reader(region: Region, key: str) -> Client:
    client = Client()
    if key == "mandate":
        level = region.escalation.level
        assert level is not None, "the test region's escalation has no level"
        user = policy.mandate_holders(level).first()
        assert user is not None, "the test region's escalation has no mandate holder"
    elif key == "own_child":  # the child of 13 with their own account (ADR 0018)
        from datetime import timedelta

        from django.utils import timezone

        from kring.access import ages

        child = region.world.child
        user = region.world.user("leerling")
        child.account = user
        child.birth_date = ages.born_on_or_before(13, timezone.localdate()) - timedelta(days=30)
        child.save(update_fields=["account", "birth_date"])
    else:
        user = region.world.user(key)
    login_verified(client, user)
    return client


@pytest.mark.parametrize("name", sorted(CHILD_DATA))
def test_a_read_of_a_childs_data_is_in_the_audit_log(name: str) -> None:
    region = Region()
    who, args = CHILD_DATA[name]
    ids = _ids(region)
    assert all(ids[a] is not None for a in args), (name, ids)
    url = reverse(name, kwargs={("child_id" if a == "child_without_case_id" else a): ids[a] for a in args})
    client = _reader(region, who)
    child_id = ids["child_without_case_id"] if "child_without_case_id" in args else region.world.child.pk
    before = AuditEvent.objects.filter(child_id=child_id).count()
    response = client.get(url)
    assert response.status_code in (200, 405), (name, response.status_code)
    if response.status_code == 405:
        # A write-only endpoint (POST): it shows nothing; its write is audited by its service.
        return
    after = AuditEvent.objects.filter(child_id=child_id).count()
    assert after > before, f"{name} ({url}) showed the child's data without an audit event"
