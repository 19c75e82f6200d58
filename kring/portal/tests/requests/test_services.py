"""The family's rights requests: asking, extending, answering; what is kept and what is logged.

| act                                  | who                  | outcome                                |
| ------------------------------------ | -------------------- | -------------------------------------- |
| correction of a meeting              | ouder with gezag     | to the writer's organisation (the      |
|                                      |                      | gemeente); verzoek_rectificatie        |
| access                               | ouder with gezag     | to a circle organisation; verzoek_inzage|
| access to one outside the circle     | ouder                | refused on `organisation`              |
| answer: corrected                    | lpa (the gemeente)   | the corrected text beside the original;|
|                                      |                      | verzoek_beantwoord                     |
| answer: not corrected, no reason     | lpa                  | refused on `answer`                    |
| answer by another organisation       | ib (sees the child)  | PermissionDenied                       |
| extend twice                         | lpa                  | refused on `reason`, art. 12 lid 3     |
| answer a later request first         | lpa                  | refused: the earlier one first         |
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from kring.cases.models import Meeting, Perspective
from kring.children.models import TimelineEvent
from kring.core.errors import Refused
from kring.organisations.models import Organisation
from kring.portal.tests.world import GOALS, FamilyWorld
from kring.privacy.models import AuditEvent
from kring.privacy.rendering import render
from kring.privacy.rights import services
from kring.privacy.rights.models import RightsRequest

pytestmark = pytest.mark.django_db

WRONG = "Moeder wil niet dat Noor naar school gaat."
RIGHT = "Moeder wil graag dat Noor weer naar school gaat, met hulp."


def _gemeente(fw: FamilyWorld) -> Organisation:
    organisation = fw.world.user("lpa").organisation
    assert organisation is not None
    return organisation


def _event(request: RightsRequest) -> TimelineEvent:
    assert request.event is not None
    return request.event


def _correction(fw: FamilyWorld, meeting: Meeting) -> RightsRequest:
    return services.request_correction(
        actor=fw.world.user("ouder"),
        child=fw.world.child,
        part="overleg",
        part_id=meeting.pk,
        incorrect=WRONG,
        proposal=RIGHT,
    )


def test_a_correction_goes_to_the_organisation_that_wrote_the_part(fw: FamilyWorld, meeting: Meeting) -> None:
    request = _correction(fw, meeting)
    gemeente = _gemeente(fw)
    assert (request.organisation, request.organisation_name) == (gemeente, gemeente.name)
    assert (request.kind, request.requester_name, request.requester_role) == (
        "rectificatie",
        "Sanne Ouder",
        "ouder",
    )
    assert request.original_text == meeting.notes
    assert "overleg van" in request.part_label
    event = _event(request)
    assert (event.type, event.date, event.data) == (
        "verzoek_rectificatie",
        fw.today,
        {"organisatie": gemeente.name, "verzoeker": "ouder"},
    )
    line = AuditEvent.objects.get(code="rights.requested")
    assert line.child_id == fw.world.child.pk and line.purpose == "avg_verzoek"
    assert WRONG not in line.message and WRONG not in str(line.data)  # the family's words are in the file
    assert "om een correctie" in render(line)


def test_access_goes_to_an_organisation_of_the_circle(fw: FamilyWorld) -> None:
    gemeente = _gemeente(fw)
    request = services.request_access(
        actor=fw.world.user("ouder"), child=fw.world.child, organisation=gemeente, question="Alles."
    )
    assert _event(request).type == "verzoek_inzage"
    with pytest.raises(Refused) as refused:
        services.request_access(
            actor=fw.world.user("ouder"),
            child=fw.world.child,
            organisation=fw.world.other_school.organisation,
        )
    assert refused.value.field == "organisation"


def test_a_correction_needs_both_texts(fw: FamilyWorld, meeting: Meeting) -> None:
    for incorrect, proposal, field in (("", RIGHT, "incorrect"), (WRONG, "  ", "proposal")):
        with pytest.raises(Refused) as refused:
            services.request_correction(
                actor=fw.world.user("ouder"),
                child=fw.world.child,
                part="overleg",
                part_id=meeting.pk,
                incorrect=incorrect,
                proposal=proposal,
            )
        assert refused.value.field == field
    assert not RightsRequest.objects.exists()


def test_only_who_acts_for_the_child_may_ask(fw: FamilyWorld, meeting: Meeting) -> None:
    rep = fw.world.parent_rep
    rep.gezag = "geen_gezag"
    rep.save(update_fields=["gezag"])
    with pytest.raises(PermissionDenied):
        _correction(fw, meeting)
    with pytest.raises(PermissionDenied):
        services.request_correction(
            actor=fw.world.user("lpa"),
            child=fw.world.child,
            part="overleg",
            part_id=meeting.pk,
            incorrect=WRONG,
            proposal=RIGHT,
        )


def test_corrected_keeps_the_original_and_the_correction(fw: FamilyWorld, meeting: Meeting) -> None:
    request = _correction(fw, meeting)
    lpa = fw.world.user("lpa")
    done = services.answer_request(actor=lpa, request=request, outcome="gecorrigeerd", corrected_text=RIGHT)
    assert (done.answered_on, done.outcome, done.corrected_text, done.original_text) == (
        fw.today,
        "gecorrigeerd",
        RIGHT,
        meeting.notes,
    )
    answered = TimelineEvent.objects.filter(child=fw.world.child, type="verzoek_beantwoord").get()
    assert answered.data == {"organisatie": request.organisation_name, "verzoek": "rectificatie"}
    assert AuditEvent.objects.filter(code="rights.answered", child_id=fw.world.child.pk).count() == 1
    with pytest.raises(Refused, match="al beantwoord"):
        services.answer_request(actor=lpa, request=done, outcome="niet_gecorrigeerd", answer="Toch niet.")


def test_not_corrected_needs_the_reason(fw: FamilyWorld, meeting: Meeting) -> None:
    request = _correction(fw, meeting)
    with pytest.raises(Refused) as refused:
        services.answer_request(actor=fw.world.user("lpa"), request=request, outcome="niet_gecorrigeerd")
    assert refused.value.field == "answer"
    with pytest.raises(Refused) as wrong_kind:
        services.answer_request(
            actor=fw.world.user("lpa"), request=request, outcome="inzage_gegeven", answer="x"
        )
    assert wrong_kind.value.field == "outcome"
    done = services.answer_request(
        actor=fw.world.user("lpa"),
        request=request,
        outcome="niet_gecorrigeerd",
        answer="Zo zei moeder het in het overleg.",
    )
    assert done.corrected_text == "" and done.answer.startswith("Zo zei")


def test_another_organisation_cannot_answer(fw: FamilyWorld, meeting: Meeting) -> None:
    request = _correction(fw, meeting)
    with pytest.raises(PermissionDenied, match="andere organisatie"):
        services.answer_request(
            actor=fw.world.user("ib"), request=request, outcome="gecorrigeerd", corrected_text=RIGHT
        )


def test_the_term_is_extended_once(fw: FamilyWorld, meeting: Meeting) -> None:
    request = _correction(fw, meeting)
    lpa = fw.world.user("lpa")
    with pytest.raises(Refused) as no_reason:
        services.extend_request(actor=lpa, request=request, reason="")
    assert no_reason.value.field == "reason"
    done = services.extend_request(
        actor=lpa, request=request, reason="We moeten het verslag nalezen met de school."
    )
    assert done.extended_on == fw.today
    extended = TimelineEvent.objects.get(child=fw.world.child, type="verzoek_verlengd")
    assert extended.data == {"organisatie": request.organisation_name, "verzoek": "rectificatie"}
    with pytest.raises(Refused, match="AVG artikel 12 lid 3") as again:
        services.extend_request(actor=lpa, request=done, reason="Nog meer tijd nodig.")
    assert again.value.field == "reason"
    assert AuditEvent.objects.filter(code="rights.extended").count() == 1


def test_requests_to_one_organisation_are_answered_in_the_order_they_came_in(
    fw: FamilyWorld, meeting: Meeting
) -> None:
    first = _correction(fw, meeting)
    plan = Perspective.objects.get(case=fw.case)
    second = services.request_correction(
        actor=fw.world.user("ouder"),
        child=fw.world.child,
        part="plan",
        part_id=plan.pk,
        incorrect=GOALS,
        proposal="Noor gaat na de kerst twee ochtenden naar school.",
    )
    lpa = fw.world.user("lpa")
    with pytest.raises(Refused, match="ouder verzoek"):
        services.answer_request(
            actor=lpa, request=second, outcome="gecorrigeerd", corrected_text="Twee ochtenden."
        )
    services.answer_request(actor=lpa, request=first, outcome="gecorrigeerd", corrected_text=RIGHT)
    services.answer_request(
        actor=lpa, request=second, outcome="gecorrigeerd", corrected_text="Twee ochtenden."
    )
    assert not RightsRequest.objects.filter(answered_on__isnull=True).exists()


def test_a_part_of_another_child_is_not_found(fw: FamilyWorld, meeting: Meeting) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        services.request_correction(
            actor=fw.world.user("ouder"),
            child=fw.world.child,
            part="overleg",
            part_id=meeting.pk + 1000,
            incorrect=WRONG,
            proposal=RIGHT,
        )
