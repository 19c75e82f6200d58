"""Pages of the work on a case: circle, regievoerder, overleg, afspraken, plan, escalation, the
region settings and the family page. Thin views over the services: these tests check that each
page calls its service, shows the service's refusal next to the form with what was typed, refuses
people the access policy refuses, and asks for confirmation before destructive acts."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from kring.accounts.roles import Role
from kring.accounts.testing import login_verified
from kring.cases import services
from kring.cases.models import (
    Agreement,
    AgreementStatus,
    Case,
    CircleMember,
    Escalation,
    EscalationLevel,
    Meeting,
    MemberKind,
    Perspective,
    RegievoerderAssignment,
    RegionSettings,
    Route,
    Visibility,
)
from kring.cases.testing import World
from kring.privacy.models import AuditEvent
from kring.privacy.purposes import Purpose
from kring.regions import services as region_services
from kring.web.testing import assert_csp_safe_html

from .helpers import add_consulent, member_of, open_case, with_regievoerder

TODAY = timezone.localdate()


@pytest.fixture
def case(world: World) -> Case:
    return open_case(world, on=TODAY - timedelta(days=30))


def as_user(client: Client, world: World, key: str) -> Client:
    login_verified(client, world.user(key))
    return client


def url(name: str, case: Case, *args: int) -> str:
    return reverse(f"cases:{name}", args=[case.pk, *args])


def detail(case: Case, fragment: str) -> str:
    return reverse("cases:detail", args=[case.pk]) + f"#{fragment}"


def html_of(response: Any) -> str:
    html: str = response.content.decode()
    return html


def day(d: date) -> str:
    return d.isoformat()


def ladder(world: World) -> None:
    region_services.configure_escalation_ladder(
        actor=world.user("beheerder"),
        swv=world.swv,
        levels=[
            region_services.LevelSpec(name="Directeur SWV", term_amount=5, mandate_role=Role.SWV_DIRECTEUR)
        ],
    )


# ---------------------------------------------------------------- access


WORK_GETS = [
    ("member_add", ()),
    ("regie_appoint", ()),
    ("regie_handover", ()),
    ("meeting_add", ()),
    ("agreement_add", ()),
    ("perspective", ()),
    ("route", ()),
    ("route_outcome", ()),
    ("rhythm", ()),
    ("escalate", ()),
]


def test_work_pages_need_login(client: Client, case: Case) -> None:
    response = client.get(url("member_add", case))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("key", ["other_ib", "other_consulent", "jeugdhulp", "inspecteur", "other_ouder"])
def test_people_outside_the_circle_are_refused_with_the_reason(
    client: Client, world: World, case: Case, key: str
) -> None:
    as_user(client, world, key)
    for name, args in WORK_GETS:
        response = client.get(url(name, case, *args))
        # Not visible is not there: the same 404 as for a case that does not exist.
        assert response.status_code == 404, name
    response = client.post(url("escalate", case), {"escalaren-reason": "x", "escaleren-on": day(TODAY)})
    assert response.status_code == 404
    assert not Escalation.objects.filter(case=case).exists()


def test_the_parent_sees_but_does_not_change_the_case(client: Client, world: World, case: Case) -> None:
    as_user(client, world, "ouder")
    response = client.post(
        url("member_add", case),
        {
            "lid-kind": "overig",
            "lid-name": "Buurvrouw",
            "lid-visibility": "volledig",
            "lid-joined_on": day(TODAY),
        },
    )
    assert response.status_code == 403
    assert "Je mag deze casus niet wijzigen" in html_of(response)
    assert not CircleMember.objects.filter(case=case, name="Buurvrouw").exists()


def test_closed_case_cannot_be_changed(client: Client, world: World, case: Case) -> None:
    services.transition_case(
        actor=world.user("lpa"),
        case=case,
        to_status="afgesloten",
        reason="Verhuisd.",
        on=TODAY,
        expected_version=1,
    )
    as_user(client, world, "lpa")
    response = client.get(url("meeting_add", case))
    assert response.status_code == 403 and "afgesloten" in html_of(response)


# ---------------------------------------------------------------- the circle


def test_add_a_user_and_a_free_name_to_the_circle(client: Client, world: World, case: Case) -> None:
    as_user(client, world, "lpa")
    page = client.get(url("member_add", case))
    assert page.status_code == 200
    html = html_of(page)
    assert world.user("consulent").display_name in html  # the SWV's people are offered
    assert world.user("other_consulent").display_name not in html  # another region's are not
    assert_csp_safe_html(html)
    response = client.post(
        url("member_add", case),
        {
            "lid-kind": MemberKind.SWV,
            "lid-user": world.user("consulent").pk,
            "lid-role": "consulent passend onderwijs",
            "lid-visibility": Visibility.VOLLEDIG,
            "lid-joined_on": day(TODAY),
        },
    )
    assert response.status_code == 302 and response["Location"] == detail(case, "kring")
    member = member_of(case, "consulent", world)
    assert member.role == "consulent passend onderwijs" and member.organisation_id == world.swv.pk
    assert world.user("consulent").email in member.contact_route  # default contact route
    client.post(
        url("member_add", case),
        {
            "lid-kind": MemberKind.OVERIG,
            "lid-name": "Kees de Coach",
            "lid-role": "sportcoach",
            "lid-contact_route": "06 12345678",
            "lid-visibility": Visibility.ALLEEN_AFSPRAKEN,
            "lid-joined_on": day(TODAY),
        },
    )
    coach = CircleMember.objects.get(case=case, name="Kees de Coach")
    assert coach.visibility == Visibility.ALLEEN_AFSPRAKEN and coach.contact_route == "06 12345678"
    messages = [str(m) for m in client.get(detail(case, "")).context["messages"]]
    assert any("Kees de Coach is toegevoegd" in m for m in messages)


def test_the_add_member_form_starts_at_the_narrowest_scope(client: Client, world: World, case: Case) -> None:
    as_user(client, world, "lpa")
    form = client.get(url("member_add", case)).context["form"]
    assert form["visibility"].value() == Visibility.ALLEEN_AFSPRAKEN
    html = html_of(client.get(url("member_add", case)))
    assert f'value="{Visibility.ALLEEN_AFSPRAKEN}" selected' in html


def test_add_member_refusal_keeps_what_was_typed(client: Client, world: World, case: Case) -> None:
    as_user(client, world, "lpa")
    response = client.post(
        url("member_add", case),
        {
            "lid-kind": MemberKind.OVERIG,
            "lid-role": "mentor van de sportclub",
            "lid-contact_route": "via de moeder",
            "lid-visibility": Visibility.VOLLEDIG,
            "lid-joined_on": day(TODAY),
        },
    )
    assert response.status_code == 200
    html = html_of(response)
    assert "Kies een persoon of organisatie, of vul een naam in." in html
    assert 'value="mentor van de sportclub"' in html and 'value="via de moeder"' in html
    # a second time for someone already in the circle: the service says so
    response = client.post(
        url("member_add", case),
        {
            "lid-kind": MemberKind.LEERPLICHT,
            "lid-user": world.user("lpa").pk,
            "lid-visibility": Visibility.VOLLEDIG,
            "lid-joined_on": day(TODAY),
        },
    )
    assert response.status_code == 200  # the user is not offered: the form refuses the choice
    assert CircleMember.objects.filter(case=case, user=world.user("lpa")).count() == 1


def test_removing_a_member_asks_for_confirmation_and_a_reason(
    client: Client, world: World, case: Case
) -> None:
    member = add_consulent(world, case, on=TODAY)
    as_user(client, world, "lpa")
    page = client.get(url("member_remove", case, member.pk))
    html = html_of(page)
    assert page.status_code == 200 and "uit de kring halen?" in html and "Ja, uit de kring halen" in html
    member.refresh_from_db()
    assert member.active  # looking at the confirmation changes nothing
    response = client.post(
        url("member_remove", case, member.pk), {"weg-reason": "", "weg-left_on": day(TODAY)}
    )
    assert response.status_code == 200 and "Vul dit in." in html_of(response)
    response = client.post(
        url("member_remove", case, member.pk), {"weg-reason": "Taak afgerond.", "weg-left_on": day(TODAY)}
    )
    assert response.status_code == 302 and response["Location"] == detail(case, "kring")
    member.refresh_from_db()
    assert not member.active and member.left_reason == "Taak afgerond."


def test_the_regievoerder_cannot_be_removed_and_the_reason_stays(
    client: Client, world: World, case: Case
) -> None:
    regie = with_regievoerder(world, case, on=TODAY)
    as_user(client, world, "lpa")
    response = client.post(
        url("member_remove", case, regie.pk), {"weg-reason": "Andere baan.", "weg-left_on": day(TODAY)}
    )
    html = html_of(response)
    assert response.status_code == 200
    assert "Dit lid is de regievoerder. Draag eerst de regie over aan iemand anders." in html
    assert "Andere baan." in html
    regie.refresh_from_db()
    assert regie.active


def test_parents_and_child_cannot_be_removed(client: Client, world: World, case: Case) -> None:
    parent = CircleMember.objects.get(case=case, kind=MemberKind.OUDER)
    as_user(client, world, "lpa")
    response = client.post(
        url("member_remove", case, parent.pk), {"weg-reason": "x", "weg-left_on": day(TODAY)}
    )
    assert "Ouders en het kind horen altijd bij de kring" in html_of(response)


def test_appoint_then_hand_over_the_regie(client: Client, world: World, case: Case) -> None:
    consulent = add_consulent(world, case, on=TODAY)
    lpa = member_of(case, "lpa", world)
    as_user(client, world, "lpa")
    response = client.post(
        url("regie_appoint", case),
        {"regie-member": lpa.pk, "regie-note": "Kent het gezin.", "regie-on": day(TODAY)},
    )
    assert response.status_code == 302 and response["Location"] == detail(case, "kring")
    # a second appointment is refused by the service, with its message; the note stays
    response = client.post(
        url("regie_appoint", case),
        {"regie-member": consulent.pk, "regie-note": "Tweede poging.", "regie-on": day(TODAY)},
    )
    html = html_of(response)
    assert "Er is al een regievoerder" in html and "Tweede poging." in html
    # the handover needs a note
    response = client.post(
        url("regie_handover", case),
        {"overdracht-member": consulent.pk, "overdracht-note": "", "overdracht-on": day(TODAY)},
    )
    assert response.status_code == 200 and "Vul dit in." in html_of(response)
    response = client.post(
        url("regie_handover", case),
        {
            "overdracht-member": consulent.pk,
            "overdracht-note": "Ouders willen graag het SWV.",
            "overdracht-on": day(TODAY),
        },
    )
    assert response.status_code == 302
    active = RegievoerderAssignment.objects.get(case=case, ended_on__isnull=True)
    assert active.member == consulent and active.note == "Ouders willen graag het SWV."


def test_a_wrong_appointment_is_corrected_not_handed_over(client: Client, world: World, case: Case) -> None:
    with_regievoerder(world, case, on=TODAY)
    consulent = add_consulent(world, case, on=TODAY)
    as_user(client, world, "lpa")
    html = html_of(client.get(reverse("cases:detail", args=[case.pk])))
    assert "Aanwijzing verbeteren" in html and url("regie_correct", case) in html
    response = client.post(
        url("regie_correct", case), {"verbeteren-member": consulent.pk, "verbeteren-reason": ""}
    )
    assert response.status_code == 200 and "Vul dit in." in html_of(response)
    response = client.post(
        url("regie_correct", case),
        {"verbeteren-member": consulent.pk, "verbeteren-reason": "Verkeerde naam aangeklikt."},
    )
    assert response.status_code == 302 and response["Location"] == detail(case, "kring")
    assert list(RegievoerderAssignment.objects.filter(case=case).values_list("user", "started_on")) == [
        (world.user("consulent").pk, TODAY)
    ]
    page = client.get(reverse("cases:detail", args=[case.pk]))
    assert "Regievoerder: " + world.user("consulent").display_name in html_of(page)
    assert any("De aanwijzing is verbeterd" in str(m) for m in page.context["messages"])


def test_the_new_regievoerder_reads_the_handover_note_first(client: Client, world: World, case: Case) -> None:
    with_regievoerder(world, case, on=TODAY - timedelta(days=3))
    as_user(client, world, "lpa")
    html = html_of(client.get(reverse("cases:detail", args=[case.pk])))
    assert "Waarom deze regievoerder:" in html and "Kent het gezin." in html  # the explanation
    consulent = add_consulent(world, case, on=TODAY)
    services.hand_over_regievoerder(
        actor=world.user("lpa"),
        case=case,
        member=consulent,
        note="Moeder belt liever na drie uur.",
        on=TODAY,
    )
    as_user(client, world, "consulent")
    html = html_of(client.get(reverse("cases:detail", args=[case.pk])))
    assert "Wat je moet weten: de overdrachtsnotitie" in html
    assert "Moeder belt liever na drie uur." in html
    assert f"overgenomen van {world.user('lpa').display_name}" in html
    # the others in the circle see the note too, without the "for you" box
    as_user(client, world, "lpa")
    html = html_of(client.get(reverse("cases:detail", args=[case.pk])))
    assert "Wat je moet weten" not in html
    assert f"Overdrachtsnotitie van {world.user('lpa').display_name}:" in html


# ---------------------------------------------------------------- overleg and afspraken


def test_record_a_meeting_with_the_childs_voice(client: Client, world: World, case: Case) -> None:
    lpa = member_of(case, "lpa", world)
    as_user(client, world, "lpa")
    typed = {
        "overleg-held_on": day(TODAY),
        "overleg-attendees": [lpa.pk],
        "overleg-child_present": "on",
        "overleg-child_voice": "Ik wil wel naar school, maar niet de hele dag.",
        "overleg-child_voice_in_own_words": "on",
    }
    response = client.post(url("meeting_add", case), typed)  # parents absent, no reason
    html = html_of(response)
    assert "Schrijf op waarom de ouders er niet bij waren." in html
    assert "Ik wil wel naar school, maar niet de hele dag." in html
    assert not Meeting.objects.filter(case=case).exists()
    response = client.post(
        url("meeting_add", case), {**typed, "overleg-parents_absent_reason": "Moeder werkte."}
    )
    assert response.status_code == 302 and response["Location"] == detail(case, "overleg")
    meeting = Meeting.objects.get(case=case)
    assert meeting.child_voice_in_own_words and not meeting.parents_present
    assert list(meeting.attendees.all()) == [lpa]


def test_agreements_add_complete_and_cancel_with_confirmation(
    client: Client, world: World, case: Case
) -> None:
    lpa = member_of(case, "lpa", world)
    as_user(client, world, "lpa")
    response = client.post(
        url("agreement_add", case),
        {
            "afspraak-text": "Gesprek met de school plannen.",
            "afspraak-owner": lpa.pk,
            "afspraak-due_on": day(TODAY - timedelta(days=1)),
        },
    )
    html = html_of(response)
    assert "ligt in het verleden" in html and "Gesprek met de school plannen." in html
    for text in ("Gesprek met de school plannen.", "Rooster voor twee ochtenden maken."):
        response = client.post(
            url("agreement_add", case),
            {
                "afspraak-text": text,
                "afspraak-owner": lpa.pk,
                "afspraak-due_on": day(TODAY + timedelta(days=14)),
            },
        )
        assert response.status_code == 302 and response["Location"] == detail(case, "overleg")
    first, second = Agreement.objects.filter(case=case).order_by("id")
    response = client.post(url("agreement_complete", case, first.pk), {})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == AgreementStatus.DONE and first.done_on == TODAY
    # completing again (a double click) is idempotent: back to the case, still done once
    response = client.post(url("agreement_complete", case, first.pk), {})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == AgreementStatus.DONE and first.done_on == TODAY
    # cancelling asks first
    page = client.get(url("agreement_cancel", case, second.pk))
    assert "Ja, laten vervallen" in html_of(page)
    second.refresh_from_db()
    assert second.status == AgreementStatus.OPEN
    response = client.post(url("agreement_cancel", case, second.pk), {"vervalt-reason": "Niet meer nodig."})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == AgreementStatus.CANCELLED and second.status_note == "Niet meer nodig."


def test_agreement_of_another_case_is_not_found(client: Client, world: World, case: Case) -> None:
    as_user(client, world, "lpa")
    response = client.post(url("agreement_complete", case, 999999), {})
    assert response.status_code == 404


# ---------------------------------------------------------------- plan


def test_perspective_route_rhythm_and_outcome(client: Client, world: World, case: Case) -> None:
    as_user(client, world, "lpa")
    response = client.post(url("rhythm", case), {"ritme-weeks": "6", "ritme-set_on": day(TODAY)})
    assert "Leg eerst het ontwikkelperspectief vast." in html_of(response)
    # no need described: the service's message, the goals stay
    response = client.post(
        url("perspective", case),
        {"perspectief-set_on": day(TODAY), "perspectief-goals": "Stap voor stap terug naar school."},
    )
    html = html_of(response)
    assert "Beschrijf wat het kind nodig heeft, op minstens één gebied" in html
    assert "Stap voor stap terug naar school." in html
    response = client.post(
        url("perspective", case),
        {
            "perspectief-set_on": day(TODAY),
            "perspectief-goals": "Stap voor stap terug naar school.",
            "perspectief-need_leren": "Een kleine groep en korte instructie.",
            "perspectief-need_gedrag_en_welzijn": "Een vaste plek om tot rust te komen.",
            "perspectief-set_with_parents": "on",
            "perspectief-set_with_child": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == detail(case, "plan")
    perspective = Perspective.objects.get(case=case)
    assert perspective.jointly_set
    assert {n.dimension for n in perspective.needs.all()} == {"leren", "gedrag_en_welzijn"}
    # a change on top of an old version: the stale-version message, the typed goals stay
    response = client.post(
        url("perspective", case),
        {
            "perspectief-set_on": day(TODAY),
            "perspectief-goals": "Andere doelen.",
            "perspectief-need_leren": "Iets anders.",
            "perspectief-expected_version": str(perspective.version + 5),
        },
    )
    html = html_of(response)
    assert (
        "Iemand anders heeft het ontwikkelperspectief intussen gewijzigd" in html and "Andere doelen." in html
    )
    response = client.post(
        url("route", case),
        {
            "route-needed_kind": "hybride",
            "route-needed_hours_per_week": "12",
            "route-needed_summary": "Onderwijs met zorg op school.",
            "route-kind": "geleidelijke_terugkeer",
            "route-offered_summary": "Twee ochtenden op school.",
            "route-provider": "Basisschool De Regenboog",
            "route-start_on": day(TODAY),
            "route-hours_per_week": "6",
        },
    )
    assert response.status_code == 302
    route = Route.objects.get(case=case)
    assert route.needed_kind == "hybride" and route.kind == "geleidelijke_terugkeer"
    response = client.post(
        url("rhythm", case),
        {"ritme-weeks": "6", "ritme-set_on": day(TODAY), "ritme-expected_version": str(perspective.version)},
    )
    assert response.status_code == 302
    perspective.refresh_from_db()
    assert perspective.evaluation_every_weeks == 6
    response = client.post(
        url("route_outcome", case),
        {"uitkomst-outcome": "eigen_school", "uitkomst-on": day(TODAY), "uitkomst-note": "Weer hele dagen."},
    )
    assert response.status_code == 302
    route.refresh_from_db()
    assert route.outcome == "eigen_school" and route.end_on == TODAY


def test_route_without_provider_keeps_the_rest(client: Client, world: World, case: Case) -> None:
    as_user(client, world, "lpa")
    response = client.post(
        url("route", case),
        {
            "route-needed_kind": "hybride",
            "route-kind": "hybride",
            "route-offered_summary": "Thuis en op school.",
            "route-start_on": day(TODAY),
            "route-hours_per_week": "50",
        },
    )
    html = html_of(response)
    assert response.status_code == 200 and "Vul in wie de route aanbiedt." in html
    assert "Thuis en op school." in html and not Route.objects.exists()


# ---------------------------------------------------------------- escalation


def test_manual_escalation_and_the_mandate_holders_decision(client: Client, world: World, case: Case) -> None:
    ladder(world)
    as_user(client, world, "lpa")
    response = client.post(url("escalate", case), {"escaleren-reason": "", "escaleren-on": day(TODAY)})
    assert "Vul dit in." in html_of(response)
    response = client.post(
        url("escalate", case),
        {"escaleren-reason": "Geen school wil Noor plaatsen.", "escaleren-on": day(TODAY)},
    )
    assert response.status_code == 302 and response["Location"] == detail(case, "escalaties")
    escalation = Escalation.objects.get(case=case)
    assert escalation.level is not None and escalation.level.order == 1
    # the circle sees who must decide, not the form
    page = html_of(client.get(reverse("cases:detail", args=[case.pk])))
    assert "Geen school wil Noor plaatsen." in page and "Besluit vastleggen" not in page
    assert world.user("directeur").display_name in page
    response = client.get(url("decision", case, escalation.pk))
    assert response.status_code == 403 and "Alleen wie mandaat heeft" in html_of(response)
    response = client.post(
        url("decision", case, escalation.pk),
        {
            f"besluit-{escalation.pk}-decision": "Ik beslis het zelf.",
            f"besluit-{escalation.pk}-owner": world.user("lpa").pk,
        },
    )
    assert response.status_code == 403
    # the director holds the mandate: the form is on the case page, the decision resolves it
    client.logout()
    as_user(client, world, "directeur")
    page = html_of(client.get(reverse("cases:detail", args=[case.pk])))
    assert "Besluit vastleggen" in page
    prefix = f"besluit-{escalation.pk}"
    response = client.post(
        url("decision", case, escalation.pk),
        {
            f"{prefix}-decision": "Het SWV regelt binnen twee weken een plek op De Regenboog.",
            f"{prefix}-owner": world.user("consulent").pk,
            f"{prefix}-due_on": day(TODAY - timedelta(days=1)),
            f"{prefix}-decided_on": day(TODAY),
        },
    )
    html = html_of(response)
    assert "ligt voor de datum van het besluit" in html and "plek op De Regenboog" in html
    response = client.post(
        url("decision", case, escalation.pk),
        {
            f"{prefix}-decision": "Het SWV regelt binnen twee weken een plek op De Regenboog.",
            f"{prefix}-owner": world.user("consulent").pk,
            f"{prefix}-due_on": day(TODAY + timedelta(days=14)),
            f"{prefix}-decided_on": day(TODAY),
        },
    )
    assert response.status_code == 302 and response["Location"] == detail(case, "escalaties")
    escalation.refresh_from_db()
    assert escalation.resolved_on == TODAY
    assert Agreement.objects.filter(case=case, owner__user=world.user("consulent")).exists()
    # decided: no second decision
    assert client.get(url("decision", case, escalation.pk)).status_code == 403


# ---------------------------------------------------------------- the panels and limited visibility


def test_panels_on_the_case_page(client: Client, world: World, case: Case) -> None:
    with_regievoerder(world, case, on=TODAY)
    as_user(client, world, "lpa")
    html = html_of(client.get(reverse("cases:detail", args=[case.pk])))
    for text in (
        'id="kring"',
        'id="overleg"',
        'id="plan"',
        'id="escalaties"',
        "Regievoerder: " + world.user("lpa").display_name,
        "Toevoegen aan de kring",
        "Regie overdragen",
        "Kernoverleg vastleggen",
        "Ontwikkelperspectief vastleggen",
        "Escaleren",
        "kring/work.css",
    ):
        assert text in html, text
    assert html.count("kring/work.css") == 1
    assert_csp_safe_html(html)


def test_a_member_who_sees_only_own_agreements(client: Client, world: World, case: Case) -> None:
    lpa = world.user("lpa")
    helper = services.add_circle_member(
        actor=lpa,
        case=case,
        kind=MemberKind.JEUGDHULP,
        user=world.user("jeugdhulp"),
        joined_on=TODAY,
        visibility=Visibility.ALLEEN_AFSPRAKEN,
    )
    lpa_member = member_of(case, "lpa", world)
    services.add_agreement(
        actor=lpa, case=case, text="Intake jeugdhulp.", owner=helper, due_on=TODAY + timedelta(days=7)
    )
    services.add_agreement(
        actor=lpa, case=case, text="Schoolbezoek.", owner=lpa_member, due_on=TODAY + timedelta(days=7)
    )
    with_regievoerder(world, case, on=TODAY)
    as_user(client, world, "jeugdhulp")
    response = client.get(reverse("cases:detail", args=[case.pk]))
    html = html_of(response)
    assert "Intake jeugdhulp." in html and "Schoolbezoek." not in html
    assert "Regievoerder: " + lpa.display_name in html
    assert "Je mag het plan van dit kind niet zien." in html
    assert 'id="escalaties"' not in html and "Toevoegen aan de kring" not in html
    assert client.get(url("perspective", case)).status_code == 403
    assert client.get(url("meeting_add", case)).status_code == 403
    # the own agreement can be done; another's cannot
    own = Agreement.objects.get(text="Intake jeugdhulp.")
    other = Agreement.objects.get(text="Schoolbezoek.")
    # someone else's agreement is not visible to them: not there (404)
    assert client.post(url("agreement_complete", case, other.pk), {}).status_code == 404
    assert client.post(url("agreement_complete", case, own.pk), {}).status_code == 302


# ---------------------------------------------------------------- the family page


def family_case(world: World, case: Case) -> Escalation:
    lpa = world.user("lpa")
    regie = with_regievoerder(world, case, on=TODAY)
    CircleMember.objects.filter(pk=regie.pk).update(contact_route="06 11122233 (ma-do)")
    services.add_agreement(
        actor=lpa,
        case=case,
        text="Rooster voor twee ochtenden maken.",
        owner=regie,
        due_on=TODAY + timedelta(days=7),
    )
    services.record_meeting(
        actor=lpa,
        case=case,
        held_on=TODAY,
        parents_present=True,
        child_present=True,
        child_voice="Ik wil mijn juf terug.",
        child_voice_in_own_words=True,
    )
    ladder(world)
    return services.escalate_case(actor=lpa, case=case, reason="De school wacht op de jeugdhulp.", on=TODAY)


def test_the_parent_sees_regievoerder_agreements_escalations_and_the_childs_voice(
    client: Client, world: World, case: Case
) -> None:
    escalation = family_case(world, case)
    services.record_escalation_decision(
        actor=world.user("directeur"),
        escalation=escalation,
        decision="Jeugdhulp start volgende week.",
        owner=world.user("consulent"),
        due_on=TODAY + timedelta(days=7),
        decided_on=TODAY,
    )
    as_user(client, world, "ouder")
    response = client.get(reverse("portal:family"))
    assert response.status_code == 200
    html = html_of(response)
    for text in (
        world.user("lpa").display_name,
        "06 11122233 (ma-do)",
        "Rooster voor twee ochtenden maken.",
        "De school wacht op de jeugdhulp.",
        "Jeugdhulp start volgende week.",
        escape("Ik wil mijn juf terug."),
        "(in eigen woorden)",
        world.child.first_name,
    ):
        assert text in html, text
    assert_csp_safe_html(html)
    # the family's look is in the logbook, with its purpose
    assert AuditEvent.objects.filter(child_id=world.child.pk, purpose=Purpose.FAMILY_ACCESS).exists()


def test_another_parent_sees_nothing_of_this_child(client: Client, world: World, case: Case) -> None:
    family_case(world, case)
    as_user(client, world, "other_ouder")
    html = html_of(client.get(reverse("portal:family")))
    assert "Rooster voor twee ochtenden maken." not in html and world.child.last_name not in html
    assert "Er is geen kring rond je kind in Kring." in html


def test_the_family_page_is_for_families(client: Client, world: World, case: Case) -> None:
    as_user(client, world, "lpa")
    response = client.get(reverse("portal:family"))
    assert response.status_code == 403 and "Deze pagina is voor ouders en verzorgers." in html_of(response)


# ---------------------------------------------------------------- region settings


@pytest.mark.parametrize("key", ["directeur", "beheerder"])
def test_region_settings_for_the_swvs_director_and_beheerder(client: Client, world: World, key: str) -> None:
    as_user(client, world, key)
    page = client.get(reverse("regions:settings"))
    assert page.status_code == 200 and world.swv.organisation.name in html_of(page)
    assert_csp_safe_html(html_of(page))
    response = client.post(
        reverse("regions:settings"),
        {"part": "normen", "normen-kr_3m_enabled": "on", "normen-kr_3m_months": "4"},
    )
    assert response.status_code == 302
    settings = RegionSettings.objects.get(swv=world.swv)
    assert settings.kr_3m_enabled and settings.kr_3m_months == 4 and not settings.escalate_statutory
    # a stale form: the service's message, the typed months stay
    response = client.post(
        reverse("regions:settings"),
        {"part": "normen", "normen-kr_3m_months": "7", "normen-expected_version": "99"},
    )
    html = html_of(response)
    assert (
        "Iemand anders heeft de instellingen van de regio intussen gewijzigd" in html and 'value="7"' in html
    )


def test_region_ladder_levels(client: Client, world: World) -> None:
    as_user(client, world, "directeur")
    # the browser always posts the empty row's select with its initial value
    management = {"trede-TOTAL_FORMS": "2", "trede-INITIAL_FORMS": "0", "trede-1-term_unit": "werkdagen"}
    response = client.post(
        reverse("regions:settings"),
        {
            "part": "ladder",
            **management,
            "trede-0-name": "Directeur SWV",
            "trede-0-term_amount": "5",
            "trede-0-term_unit": "werkdagen",
        },
    )
    html = html_of(response)
    assert "Kies wie op trede 1 mandaat heeft" in html and 'value="Directeur SWV"' in html
    response = client.post(
        reverse("regions:settings"),
        {
            "part": "ladder",
            **management,
            "trede-0-name": "Directeur SWV",
            "trede-0-mandate_user": world.user("directeur").pk,
            "trede-0-term_amount": "5",
            "trede-0-term_unit": "werkdagen",
            "trede-1-name": "Wethouder",
            "trede-1-mandate_role": Role.LEERPLICHTAMBTENAAR,
            "trede-1-term_amount": "2",
            "trede-1-term_unit": "weken",
        },
    )
    assert response.status_code == 302
    levels = list(EscalationLevel.objects.filter(swv=world.swv).order_by("order"))
    assert [lv.name for lv in levels] == ["Directeur SWV", "Wethouder"]
    assert levels[0].mandate_user == world.user("directeur") and levels[1].term_unit == "weken"
    # only the director's own SWV's people can hold a named mandate
    response = client.post(
        reverse("regions:settings"),
        {
            "part": "ladder",
            "trede-TOTAL_FORMS": "1",
            "trede-INITIAL_FORMS": "0",
            "trede-0-name": "Elders",
            "trede-0-mandate_user": world.user("other_consulent").pk,
            "trede-0-term_amount": "5",
            "trede-0-term_unit": "werkdagen",
        },
    )
    assert response.status_code == 200
    assert EscalationLevel.objects.filter(swv=world.swv).count() == 2


@pytest.mark.parametrize("key", ["consulent", "lpa", "ouder", "inspecteur"])
def test_region_settings_refused_for_others(client: Client, world: World, key: str) -> None:
    as_user(client, world, key)
    response = client.get(reverse("regions:settings"))
    assert response.status_code == 403 and "directeur en de functioneel beheerder" in html_of(response)


def test_other_swvs_director_configures_only_their_own(client: Client, world: World) -> None:
    from kring.core.testing import make_user

    other_director = make_user(role=Role.SWV_DIRECTEUR, organisation=world.other_swv.organisation)
    login_verified(client, other_director)
    client.post(
        reverse("regions:settings"),
        {"part": "normen", "normen-kr_3m_months": "6", "normen-kr_3m_enabled": "on"},
    )
    assert not RegionSettings.objects.filter(swv=world.swv).exists()
    assert RegionSettings.objects.get(swv=world.other_swv).kr_3m_months == 6


def test_route_outcome_without_a_running_route_sends_you_back_to_the_plan(
    client: Client, world: World, case: Case
) -> None:
    as_user(client, world, "lpa")
    for response in (
        client.get(url("route_outcome", case), follow=True),
        client.post(url("route_outcome", case), {"uitkomst-outcome": "eigen_school"}, follow=True),
    ):
        assert response.redirect_chain[-1][0].endswith(f"/casussen/{case.pk}/#plan")
        assert "Er is geen lopende route. Leg eerst een route vast." in html_of(response)
    assert not Route.objects.filter(case=case).exists()


def test_the_next_evaluation_on_the_case_page_and_in_the_list(
    client: Client, world: World, case: Case
) -> None:
    lpa = world.user("lpa")
    with_regievoerder(world, case, on=case.opened_on)
    services.set_perspective(
        actor=lpa,
        case=case,
        set_on=case.opened_on,
        set_with_parents=True,
        set_with_child=True,
        goals="x",
        needs={"leren": "y"},
    )
    services.set_evaluation_rhythm(actor=lpa, case=case, weeks=2, set_on=case.opened_on, expected_version=1)
    due = case.opened_on + timedelta(weeks=2)  # 30 days ago + 14 days: passed
    as_user(client, world, "lpa")
    html = html_of(client.get(reverse("cases:detail", args=[case.pk])))
    assert "Volgende evaluatie:" in html and f'<time datetime="{due.isoformat()}">' in html
    assert "Te laat" in html
    listed = html_of(client.get(reverse("cases:list")))
    assert "Volgende evaluatie" in listed and f'<time datetime="{due.isoformat()}">' in listed
    # the meeting form offers "this was the evaluation"; it moves the next date
    assert "Dit overleg was de evaluatie" in html_of(client.get(url("meeting_add", case)))
    response = client.post(
        url("meeting_add", case),
        {
            "overleg-held_on": day(TODAY),
            "overleg-parents_present": "on",
            "overleg-child_present": "on",
            "overleg-is_evaluation": "on",
        },
    )
    assert response.status_code == 302
    moved = TODAY + timedelta(weeks=2)
    html = html_of(client.get(reverse("cases:detail", args=[case.pk])))
    assert f'<time datetime="{moved.isoformat()}">' in html and "Laatste evaluatie: het overleg van" in html
    assert f'<time datetime="{moved.isoformat()}">' in html_of(client.get(reverse("cases:list")))
