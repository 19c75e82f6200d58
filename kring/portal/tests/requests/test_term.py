"""The term of a request is the rules engine's (AVG-12 of catalog v2), on the child's assessment,
the agenda, the family's page and the API; an unanswered request escalates like any due item.

| received   | extended  | answered   | the engine's due   | status   | why                               |
| ---------- | --------- | ---------- | ------------------ | -------- | --------------------------------- |
| 2026-10-07 | —         | —          | 2026-11-09         | overdue  | 7 Nov is a Saturday: Monday 9 Nov |
| 2026-10-07 | 2026-10-20| —          | 2027-01-07         | open     | 3 months from receipt             |
| 2026-10-07 | —         | 2026-11-02 | 2026-11-09         | met      | answered in the first month       |
| 2026-10-07 | —         | 2026-11-20 | 2026-11-09         | met_late |                                   |
| 2026-10-07 | 2026-11-12| —          | refused            |          | after the first month (art. 12.3) |
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from kring.accounts.roles import Role
from kring.accounts.testing import login_verified
from kring.agenda.selectors import agenda_for_user
from kring.cases.jobs import run_nightly
from kring.cases.models import Escalation, Meeting
from kring.children.jobs import assess_children
from kring.core.errors import Refused
from kring.portal.tests.world import FamilyWorld
from kring.privacy.rights import selectors, services
from kring.privacy.rights.models import RightsRequest
from kring.regions import services as region_services
from kring.regions.services import LevelSpec

from .test_services import RIGHT, WRONG

pytestmark = pytest.mark.django_db

RECEIVED = date(2026, 10, 7)


def _request(fw: FamilyWorld, meeting: Meeting) -> RightsRequest:
    return services.request_correction(
        actor=fw.world.user("ouder"),
        child=fw.world.child,
        part="overleg",
        part_id=meeting.pk,
        incorrect=WRONG,
        proposal=RIGHT,
        today=RECEIVED,
    )


def _term(request: RightsRequest, on: date) -> selectors.Term:
    return selectors.terms(request.child, [request], today=on)[request.pk]


@pytest.mark.parametrize(
    ("extended", "answered", "as_of", "due", "status"),
    [
        (None, None, date(2026, 11, 10), date(2026, 11, 9), "overdue"),
        (date(2026, 10, 20), None, date(2026, 11, 10), date(2027, 1, 7), "open"),
        (None, date(2026, 11, 2), date(2026, 11, 10), date(2026, 11, 9), "met"),
        (None, date(2026, 11, 20), date(2026, 11, 25), date(2026, 11, 9), "met_late"),
    ],
)
def test_the_due_date_and_status_come_from_the_engine(
    fw: FamilyWorld,
    meeting: Meeting,
    extended: date | None,
    answered: date | None,
    as_of: date,
    due: date,
    status: str,
) -> None:
    request = _request(fw, meeting)
    lpa = fw.world.user("lpa")
    if extended:
        request = services.extend_request(
            actor=lpa, request=request, reason="Het verslag nalezen.", today=extended
        )
    if answered:
        services.answer_request(
            actor=lpa, request=request, outcome="gecorrigeerd", corrected_text=RIGHT, today=answered
        )
        request.refresh_from_db()
    term = _term(request, as_of)
    assert (term.due, term.status) == (due, status)
    assert "AVG" in term.source


def test_extending_after_the_first_month_is_refused_with_the_law(fw: FamilyWorld, meeting: Meeting) -> None:
    request = _request(fw, meeting)
    with pytest.raises(Refused, match="AVG artikel 12 lid 3") as refused:
        services.extend_request(
            actor=fw.world.user("lpa"), request=request, reason="Te laat gevraagd.", today=date(2026, 11, 12)
        )
    assert refused.value.field == "reason" and "9 november 2026" in str(refused.value.messages)


def test_the_family_reads_the_due_date_in_words(fw: FamilyWorld, meeting: Meeting) -> None:
    request = _request(fw, meeting)
    client = Client()
    login_verified(client, fw.world.user("ouder"))
    html = client.get(reverse("portal:requests", args=[fw.world.child.pk])).content.decode()
    org = request.organisation_name
    # today (the world's day) is after 9 November 2026, or before it: both say the date in words
    assert f"{org} moet uiterlijk 9 november 2026 antwoorden." in html or (
        f"{org} had uiterlijk 9 november 2026 moeten antwoorden. Dat is niet gebeurd." in html
    )


def test_an_unanswered_request_is_overdue_in_the_agenda_and_escalates(
    fw: FamilyWorld, meeting: Meeting
) -> None:
    region_services.configure_escalation_ladder(
        actor=fw.world.user("beheerder"),
        swv=fw.world.swv,
        levels=[LevelSpec(name="Directeur SWV", term_amount=5, mandate_role=Role.SWV_DIRECTEUR)],
    )
    request = _request(fw, meeting)
    night = date(2026, 11, 12)
    assess_children(today=night)
    run_nightly(today=night)
    escalation = Escalation.objects.get(case=fw.case, rule_id="AVG-12")
    assert escalation.trigger == "automatisch" and request.organisation_name in escalation.reason
    entries = [e for e in agenda_for_user(fw.world.user("lpa"), today=night) if e.rule == "AVG-12"]
    assert [(e.due, e.days_overdue > 0) for e in entries] == [(date(2026, 11, 9), True)]
    run_nightly(today=night)  # once
    assert Escalation.objects.filter(case=fw.case, rule_id="AVG-12").count() == 1


def test_obligations_are_paired_per_organisation_and_kind_in_the_order_received() -> None:
    def req(pk: int, org: str, kind: str, on: date) -> RightsRequest:
        return RightsRequest(pk=pk, organisation_name=org, kind=kind, received_on=on)

    def ob(org: str, kind: str, on: date, due: str) -> dict[str, object]:
        values = {"organisatie": org, "verzoek": kind, "ontvangen": on.isoformat()}
        return {"rule": "AVG-12", "subject": org, "due": due, "status": "open", "params": {"values": values}}

    requests = [
        req(1, "De Regenboog", "inzage", date(2026, 10, 7)),
        req(2, "De Regenboog", "rectificatie", date(2026, 10, 8)),
        req(3, "Gemeente", "rectificatie", date(2026, 10, 1)),
        req(4, "De Regenboog", "inzage", date(2026, 10, 20)),
    ]
    obligations = [  # the engine lists them in its own order
        ob("De Regenboog", "inzage", date(2026, 10, 20), "2026-11-20"),
        ob("Gemeente", "rectificatie", date(2026, 10, 1), "2026-11-02"),
        ob("De Regenboog", "rectificatie", date(2026, 10, 8), "2026-11-09"),
        ob("De Regenboog", "inzage", date(2026, 10, 7), "2026-11-09"),
    ]
    paired = selectors.pair_terms(requests, obligations)
    assert {pk: str(t.due) for pk, t in paired.items()} == {
        1: "2026-11-09",
        2: "2026-11-09",
        3: "2026-11-02",
        4: "2026-11-20",
    }
