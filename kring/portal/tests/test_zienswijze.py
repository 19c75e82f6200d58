"""The family's own view (zienswijze): added on the family's pages and the API, shown beside the
part on both the family's pages and the case page, in the whole file, in the logbook; only the
child's legal representatives may add one.

| person      | add on the page | add in the API | because                                   |
| ----------- | --------------- | -------------- | ----------------------------------------- |
| ouder       | 302 (stored)    | 201            | the family's own voice                    |
| other_ouder | 404             | 404            | another family: as for a part that is not |
| leerling    | 404             | 404            | a pupil's account is not linked yet       |
| lpa         | 403             | 403            | a professional does not write it for them |
| ib          | 403             | 403            | idem                                      |
| anonymous   | login           | refused        | deny by default                           |
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from kring.accounts.testing import login_verified
from kring.cases import services
from kring.cases.models import Meeting, Perspective, Zienswijze
from kring.privacy.models import AuditEvent
from kring.privacy.rendering import render

from .world import FamilyWorld, make_family_world

pytestmark = pytest.mark.django_db

VIEW = "Wij vinden dat de school te weinig heeft gedaan om Noor te helpen."


@pytest.fixture
def fw() -> FamilyWorld:
    return make_family_world()


@pytest.fixture
def meeting(fw: FamilyWorld) -> Meeting:
    return services.record_meeting(
        actor=fw.world.user("lpa"),
        case=fw.case,
        held_on=fw.today,
        parents_present=True,
        child_present=False,
        child_absent_reason="Noor wilde niet komen.",
        notes="Besproken hoe Noor weer naar school kan.",
    )


def _url(fw: FamilyWorld, part: str, part_id: int, child_id: int | None = None) -> str:
    return reverse("portal:zienswijze", args=[child_id or fw.world.child.pk, part, part_id])


def _client(fw: FamilyWorld, person: str) -> Client:
    client = Client()
    if person != "anonymous":
        login_verified(client, fw.world.user(person))
    return client


def test_a_parent_adds_a_view_to_an_overleg_and_both_pages_show_it(fw: FamilyWorld, meeting: Meeting) -> None:
    parent = _client(fw, "ouder")
    page = parent.get(reverse("portal:child", args=[fw.world.child.pk])).content.decode()
    assert "Jouw kijk hierop" in page and _url(fw, "overleg", meeting.pk) in page
    response = parent.post(_url(fw, "overleg", meeting.pk), {"text": VIEW})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#zienswijze-overleg-{meeting.pk}")
    row = Zienswijze.objects.get()
    assert (row.meeting_id, row.case_id, row.child_id, row.author_name, row.author_role) == (
        meeting.pk,
        fw.case.pk,
        fw.world.child.pk,
        "Sanne Ouder",
        "ouder",
    )
    for html in (
        parent.get(reverse("portal:child", args=[fw.world.child.pk])).content.decode(),
        parent.get(reverse("portal:family")).content.decode(),
        _client(fw, "lpa").get(reverse("cases:detail", args=[fw.case.pk])).content.decode(),
    ):
        assert VIEW in html
        assert "De kijk van het gezin (zienswijze)" in html and "Sanne Ouder" in html


def test_a_view_on_the_plan_is_shown_on_the_case_pages_plan(fw: FamilyWorld) -> None:
    perspective = Perspective.objects.get(case=fw.case)
    assert _client(fw, "ouder").post(_url(fw, "plan", perspective.pk), {"text": VIEW}).status_code == 302
    html = _client(fw, "lpa").get(reverse("cases:detail", args=[fw.case.pk])).content.decode()
    plan = html[html.index('id="plan"') :]
    assert VIEW in plan[: plan.index("</section>")]


def test_the_form_keeps_what_was_typed_on_an_error(fw: FamilyWorld, meeting: Meeting) -> None:
    long_text = "Dit wil ik zeggen. " * 250  # over 4000 characters
    response = _client(fw, "ouder").post(_url(fw, "overleg", meeting.pk), {"text": long_text})
    assert response.status_code == 400
    html = response.content.decode()
    assert long_text.strip() in html and "Je tekst is te lang" in html
    empty = _client(fw, "ouder").post(_url(fw, "overleg", meeting.pk), {"text": "   "})
    assert empty.status_code == 400 and "Schrijf eerst wat je ervan vindt" in empty.content.decode()
    assert not Zienswijze.objects.exists()


PAGE_TABLE = [
    ("ouder", 302, 201),
    ("other_ouder", 404, 404),
    ("leerling", 404, 404),
    ("lpa", 403, 403),
    ("ib", 403, 403),
    ("anonymous", "login", "refused"),
]


@pytest.mark.parametrize(("person", "page", "api"), PAGE_TABLE, ids=[r[0] for r in PAGE_TABLE])
def test_page_and_api_agree_on_who_may_add(
    fw: FamilyWorld, meeting: Meeting, person: str, page: Any, api: Any
) -> None:
    response = _client(fw, person).post(_url(fw, "overleg", meeting.pk), {"text": VIEW})
    got_page: Any = response.status_code
    if got_page == 302 and reverse("accounts:login") in response["Location"]:
        got_page = "login"
    client = APIClient()
    if person != "anonymous":
        client.force_authenticate(fw.world.user(person))
    got_api: Any = client.post(
        f"/api/v1/children/{fw.world.child.pk}/zienswijzen/",
        {"part": "overleg", "part_id": meeting.pk, "text": VIEW},
        format="json",
    ).status_code
    if person == "anonymous" and got_api in (401, 403):
        got_api = "refused"
    assert (got_page, got_api) == (page, api)
    assert Zienswijze.objects.count() == (2 if person == "ouder" else 0)


def test_a_body_that_is_not_an_object_gets_a_clear_400(fw: FamilyWorld) -> None:
    """A list as the body (found by schemathesis) was a server error."""
    client = APIClient()
    client.force_authenticate(fw.world.user("ouder"))
    response = client.post(f"/api/v1/children/{fw.world.child.pk}/zienswijzen/", [None, None], format="json")
    assert response.status_code == 400
    assert Zienswijze.objects.count() == 0


def test_another_childs_part_is_as_missing_as_no_part(fw: FamilyWorld, meeting: Meeting) -> None:
    parent = _client(fw, "ouder")
    other_child = parent.post(
        _url(fw, "overleg", meeting.pk, child_id=fw.world.child.pk + 1000), {"text": VIEW}
    )
    no_part = parent.post(_url(fw, "overleg", meeting.pk + 1000), {"text": VIEW})
    unknown_kind = parent.post(_url(fw, "tlv", meeting.pk), {"text": VIEW})
    assert other_child.status_code == no_part.status_code == unknown_kind.status_code == 404
    assert _client(fw, "other_ouder").get(_url(fw, "overleg", meeting.pk)).status_code == 404


def test_the_api_lists_what_the_caller_sees(fw: FamilyWorld, meeting: Meeting) -> None:
    assert _client(fw, "ouder").post(_url(fw, "overleg", meeting.pk), {"text": VIEW}).status_code == 302
    for person in ("ouder", "lpa"):
        client = APIClient()
        client.force_authenticate(fw.world.user(person))
        response = client.get(f"/api/v1/children/{fw.world.child.pk}/zienswijzen/")
        assert response.status_code == 200
        [item] = response.json()
        assert (item["part"], item["part_id"], item["text"]) == ("overleg", meeting.pk, VIEW)
    client = APIClient()
    client.force_authenticate(fw.world.user("other_ouder"))
    assert client.get(f"/api/v1/children/{fw.world.child.pk}/zienswijzen/").status_code == 404


def test_adding_leaves_a_line_in_the_logbook_without_the_text(fw: FamilyWorld, meeting: Meeting) -> None:
    _client(fw, "ouder").post(_url(fw, "overleg", meeting.pk), {"text": VIEW})
    event = AuditEvent.objects.get(code="case.zienswijze_added")
    assert event.child_id == fw.world.child.pk and event.purpose == "family_access"
    assert event.data["part"] == "overleg" and event.data["part_id"] == meeting.pk
    assert VIEW not in json.dumps(event.data) and VIEW not in event.message
    assert "overleg" in render(event)


def test_the_whole_file_holds_the_view(fw: FamilyWorld, meeting: Meeting) -> None:
    parent = _client(fw, "ouder")
    parent.post(_url(fw, "overleg", meeting.pk), {"text": VIEW})
    document = parent.get(reverse("portal:download_json", args=[fw.world.child.pk])).json()
    text = json.dumps(document, ensure_ascii=False)
    assert VIEW in text
    [item] = document["sections"]["cases"]["zienswijzen"]
    assert (item["part"], item["part_id"], item["author"]) == ("overleg", meeting.pk, "Sanne Ouder")


def test_a_view_on_a_decision_on_the_timeline_is_shown_on_both_timelines(fw: FamilyWorld) -> None:
    from datetime import timedelta

    from kring.children.services import record_event

    event = record_event(
        actor=None,
        child=fw.world.child,
        type="aanmelding_besluit",
        date=fw.today - timedelta(days=1),
        data={"outcome": "afgewezen"},
        school=fw.world.other_school,
    )
    parent = _client(fw, "ouder")
    page = parent.get(reverse("portal:child", args=[fw.world.child.pk])).content.decode()
    assert _url(fw, "gebeurtenis", event.pk) in page
    assert parent.post(_url(fw, "gebeurtenis", event.pk), {"text": VIEW}).status_code == 302
    assert VIEW in parent.get(reverse("portal:child", args=[fw.world.child.pk])).content.decode()
    html = _client(fw, "lpa").get(reverse("cases:detail", args=[fw.case.pk])).content.decode()
    timeline = html[html.index('id="tijdlijn"') :]
    assert VIEW in timeline
    # An event that is not a decision takes no zienswijze.
    other = fw.world.child.events.exclude(type="aanmelding_besluit").first()
    assert other is not None
    assert parent.post(_url(fw, "gebeurtenis", other.pk), {"text": VIEW}).status_code == 404


def test_a_view_on_an_escalation_decision_is_shown_under_the_decision(fw: FamilyWorld) -> None:
    from kring.accounts.roles import Role
    from kring.cases.models import EscalationDecision
    from kring.regions import services as region_services

    lpa = fw.world.user("lpa")
    region_services.configure_escalation_ladder(
        actor=fw.world.user("beheerder"),
        swv=fw.world.swv,
        levels=[
            region_services.LevelSpec(name="Directeur SWV", term_amount=5, mandate_role=Role.SWV_DIRECTEUR)
        ],
    )
    escalation = services.escalate_case(actor=lpa, case=fw.case, reason="Geen passend aanbod.", on=fw.today)
    decision = EscalationDecision.objects.create(
        escalation=escalation,
        decided_by=fw.world.user("directeur"),
        decided_on=fw.today,
        decision="De school biedt vanaf maandag twee ochtenden aan.",
        owner=lpa,
        due_on=fw.today,
    )
    escalation.resolved_on = fw.today  # as the decision service does
    escalation.save(update_fields=["resolved_on"])
    parent = _client(fw, "ouder")
    assert _url(fw, "besluit", decision.pk) in parent.get(reverse("portal:family")).content.decode()
    assert parent.post(_url(fw, "besluit", decision.pk), {"text": VIEW}).status_code == 302
    html = _client(fw, "lpa").get(reverse("cases:detail", args=[fw.case.pk])).content.decode()
    panel = html[html.index('id="escalaties"') :]
    assert VIEW in panel[: panel.index("</section>")]
    assert VIEW in parent.get(reverse("portal:child", args=[fw.world.child.pk])).content.decode()
