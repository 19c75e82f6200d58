"""The aanmelding register's pages as a school and parents use them: the list with days left, the
register form, one aanmelding with its receipt, extension, investigation and decision, a refusal
that names the rule and keeps what was typed, and the parents' public page with its reference."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import formats

from kring.accounts.testing import login_verified
from kring.desk import spam
from kring.enrolment.models import Aanmelding, Channel
from kring.enrolment.terms import terms_of
from kring.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    login_verified(client, user)
    return client


def _text(response: Any) -> str:
    return str(response.content.decode())


def test_the_school_sees_its_open_aanmeldingen_with_the_days_left(world, aanmelding, today):
    response = _client(world.user("ib")).get(reverse("enrolment:register"))
    assert response.status_code == 200
    page = _text(response)
    due = terms_of(aanmelding, today=today).due
    assert "Lotte Visser" in page and aanmelding.reference in page
    assert formats.date_format(due, "j F Y") in page
    assert f"nog {(due - today).days} dagen" in page
    assert AuditEvent.objects.filter(code="aanmelding.viewed", child_id=aanmelding.child_id).exists()


def test_the_list_filters_and_says_when_nothing_matches(world, aanmelding):
    client = _client(world.user("ib"))
    page = _text(client.get(reverse("enrolment:register"), {"q": "Zzyzx"}))
    assert "Geen aanmeldingen gevonden" in page and "Lotte" not in page
    page = _text(client.get(reverse("enrolment:register"), {"status": "besloten"}))
    assert "Lotte" not in page


def test_another_school_and_the_swv_do_not_get_the_register(world, aanmelding):
    other = _client(world.user("other_ib")).get(reverse("enrolment:register"))
    assert other.status_code == 200 and "Lotte" not in _text(other)  # their own register, empty
    assert "Er zijn geen open aanmeldingen" in _text(other)
    assert (
        _client(world.user("other_ib")).get(reverse("enrolment:detail", args=[aanmelding.pk])).status_code
        == 404
    )
    # the SWV of the region reads the aanmelding on the child's timeline, and acts on nothing
    consulent = _client(world.user("consulent"))
    assert consulent.get(reverse("enrolment:register")).status_code == 403


def test_registering_on_the_page_and_making_the_receipt(world, today):
    client = _client(world.user("ib"))
    response = client.post(
        reverse("enrolment:new"),
        {
            "school": world.school.pk,
            "received_on": (today - timedelta(days=2)).isoformat(),
            "first_name": "Mees",
            "last_name": "de Boer",
            "birth_date": "2019-02-03",
            "postcode": "3511AB",
            "vakantieregio": "midden",
            "rep_name": "Ilse de Boer",
            "rep_email": "ilse@example.org",
            "support_question": "on",
            "support_description": "Mees heeft autisme.",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    a = Aanmelding.objects.get(child__first_name="Mees")
    assert response.status_code == 302 and response["Location"] == reverse("enrolment:detail", args=[a.pk])
    page = _text(client.get(response["Location"]))
    due = terms_of(a, today=today).due
    assert f"De school moet uiterlijk {formats.date_format(due, 'j F')} beslissen." in page
    response = client.post(reverse("enrolment:detail", args=[a.pk]), {"part": "ontvangst"})
    assert response.status_code == 302
    assert mail.outbox[0].to == ["ilse@example.org"]
    pdf = client.get(reverse("enrolment:receipt", args=[a.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_refused_decision_names_the_rule_and_keeps_what_was_typed(world, aanmelding, today):
    client = _client(world.user("ib"))
    url = reverse("enrolment:detail", args=[aanmelding.pk])
    client.post(
        url,
        {
            "part": "conclusie",
            "conclusie-support_needed": "Een tolk gebarentaal.",
            "conclusie-conclusion": "kan_niet_bieden",
            "conclusie-substantiation": "Geen tolk beschikbaar.",
            "conclusie-concluded_on": today.isoformat(),
        },
    )
    response = client.post(
        url,
        {
            "part": "besluit",
            "besluit-outcome": "afgewezen",
            "besluit-decided_on": today.isoformat(),
            "besluit-refusal_ground": "vol",
            "besluit-reasons": "Wij kunnen Lotte niet helpen.",
        },
    )
    assert response.status_code == 400
    page = _text(response)
    assert "ZP-03" in page and "WPO art. 40 lid 4" in page
    assert "Wij kunnen Lotte niet helpen." in page  # what was typed stays
    aanmelding.refresh_from_db()
    assert aanmelding.outcome == ""


def test_parents_apply_without_an_account_and_get_a_reference_and_a_receipt(world, client, today):
    world.user("ib")
    response = client.post(
        reverse("enrolment_public:apply"),
        {
            "school": world.school.pk,
            "child_first_name": "Yara",
            "child_last_name": "Haddad",
            "child_birth_date": "2020-04-05",
            "parent_name": "Nour Haddad",
            "parent_email": "nour@example.org",
            "support_question": "on",
            "support_description": "Yara gebruikt een rolstoel.",
            "website": "",
            "started": spam.new_token(now=time.time() - 30),
        },
        REMOTE_ADDR="192.0.2.44",
    )
    assert response.status_code == 302, _text(response)
    a = Aanmelding.objects.get(child_first_name="Yara")
    assert a.channel == Channel.ONLINE and a.receipt_on == today
    thanks = _text(client.get(response["Location"]))
    assert a.reference in thanks
    assert mail.outbox[0].to == ["nour@example.org"] and a.reference in mail.outbox[0].body
    # the school sees it among its aanmeldingen, to take in
    page = _text(_client(world.user("ib")).get(reverse("enrolment:register"), {"status": "te_verwerken"}))
    assert "Yara Haddad" in page


def test_the_public_page_refuses_a_robot_and_keeps_the_typed_text(world, client):
    world.user("ib")
    response = client.post(
        reverse("enrolment_public:apply"),
        {"school": world.school.pk, "child_first_name": "Bo", "started": spam.new_token()},
        REMOTE_ADDR="192.0.2.45",
    )
    assert response.status_code == 400
    assert 'value="Bo"' in _text(response)
    assert not Aanmelding.objects.exists()


def test_the_public_page_needs_no_login(client, world):
    assert client.get(reverse("enrolment_public:apply")).status_code == 200


def test_the_agenda_links_the_decision_term_to_the_aanmelding_once(world, today):
    from kring.agenda.selectors import agenda_for_user
    from kring.enrolment import services

    a = services.register_aanmelding(
        actor=world.user("ib"),
        school=world.school,
        new_child={
            "first_name": "Ties",
            "last_name": "Mol",
            "birth_date": today.replace(year=today.year - 6),
            "vakantieregio": "midden",
        },
        received_on=today - timedelta(days=40),  # 6 weeks end within the agenda's 7 days
    )
    entries = [e for e in agenda_for_user(world.user("ib"), today=today) if e.rule == "ZP-05"]
    assert len(entries) == 1  # the children's source gives it; enrolment adds no second one
    assert entries[0].url == reverse("enrolment:detail", args=[a.pk])


def test_the_family_sees_the_aanmelding_and_the_deadline_in_words(world, aanmelding, today):
    from kring.children.models import LegalRepresentative

    LegalRepresentative.objects.create(
        child=aanmelding.child, name="Sanne", relation="moeder", user=world.user("ouder")
    )
    page = _text(_client(world.user("ouder")).get(reverse("portal:child", args=[aanmelding.child_id])))
    due = terms_of(aanmelding, today=today).due
    assert f"De school moet uiterlijk {formats.date_format(due, 'j F')} beslissen." in page
    assert aanmelding.reference in page
    assert AuditEvent.objects.filter(code="aanmelding.viewed", actor=world.user("ouder")).exists()
