"""Toegang in een noodgeval (break-glass): who may open a file they cannot see, with which reason,
what it gives (reading for the policy's period, no changes), how every read in it is logged, and
what the family's logbook shows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kring.access import policy
from kring.accounts.testing import login_verified
from kring.cases.audit import case_viewed
from kring.cases.models import Case
from kring.cases.testing import World, make_world
from kring.cases.tests.helpers import open_case
from kring.children.models import Child
from kring.core.errors import Refused
from kring.privacy.crypto import bsn_lookup_hash, encrypt_bsn
from kring.privacy.models import AuditEvent, BreakGlassAccess
from kring.privacy.purposes import Purpose
from kring.privacy.services import open_break_glass

pytestmark = pytest.mark.django_db

BSN = "111222333"
REASON = "Melding van Veilig Thuis vannacht, ik moet weten wie de kring is."


@pytest.fixture
def world(db: object) -> World:
    return make_world()


@pytest.fixture
def case(world: World) -> Case:
    Child.objects.filter(pk=world.child.pk).update(
        bsn_encrypted=encrypt_bsn(BSN), bsn_hash=bsn_lookup_hash(BSN)
    )
    return open_case(world)


def test_a_professional_outside_the_circle_reads_for_the_period_only(world: World, case: Case) -> None:
    other = world.user("other_lpa")  # leerplichtambtenaar of another gemeente
    assert not policy.can_view_child(other, world.child)
    grant = open_break_glass(actor=other, bsn="1112.22.333", reason=REASON)
    assert grant.ends_at - grant.starts_at == policy.BREAK_GLASS_PERIOD == timedelta(hours=24)
    assert policy.can_view_child(other, world.child)
    assert policy.case_view_scope(other, case) == "volledig"
    assert policy.can(other, policy.Act.VIEW_TIMELINE, case)
    assert not policy.can(other, policy.Act.ADD_AGREEMENT, case)  # reading only
    assert not policy.can_edit_case(other, case)
    assert not policy.can_write_timeline(other, world.child)
    BreakGlassAccess.objects.filter(pk=grant.pk).update(
        starts_at=timezone.now() - timedelta(hours=25), ends_at=timezone.now() - timedelta(hours=1)
    )
    assert not policy.can_view_child(other, world.child)


def test_opening_and_every_read_in_the_period_are_logged_as_break_glass(world: World, case: Case) -> None:
    other = world.user("other_lpa")
    grant = open_break_glass(actor=other, bsn=BSN, reason=REASON)
    opened = AuditEvent.objects.get(code="emergency.opened")
    assert opened.purpose == Purpose.BREAK_GLASS and opened.child_id == world.child.pk
    assert opened.data == {"break_glass_id": grant.pk, "hours": 24}
    assert BSN not in opened.message
    client = Client()
    login_verified(client, other)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    read = AuditEvent.objects.filter(code="case.viewed", actor=other).get()
    assert read.purpose == Purpose.BREAK_GLASS and read.data["break_glass_id"] == grant.pk
    # The same person's reads of a child they see normally keep their own purpose.
    lpa_read = case_viewed(actor=world.user("lpa"), case=case, purpose=Purpose.CASUSREGIE)
    assert lpa_read.purpose == Purpose.CASUSREGIE


@pytest.mark.parametrize("who", ["steunpunt", "beheerder", "inspecteur", "ouder", "leerling"])
def test_roles_that_may_not(world: World, case: Case, who: str) -> None:
    with pytest.raises(Refused):
        open_break_glass(actor=world.user(who), bsn=BSN, reason=REASON)
    assert not BreakGlassAccess.objects.exists()


def test_someone_who_sees_the_file_needs_no_break_glass(world: World, case: Case) -> None:
    with pytest.raises(Refused, match="al zien"):
        open_break_glass(actor=world.user("lpa"), bsn=BSN, reason=REASON)


@pytest.mark.parametrize(
    ("bsn", "reason", "field"),
    [
        (BSN, "Nood.", "reason"),  # "at least a few words"
        (BSN, "  spoed  spoed  ", "reason"),
        (BSN, "Het BSN is 123456782 en het is dringend.", "reason"),  # no BSN in the reason
        ("123", REASON, "bsn"),
        ("123456782", REASON, "bsn"),  # a valid BSN no child in Kring has
    ],
)
def test_the_reason_and_the_bsn_are_checked(
    world: World, case: Case, bsn: str, reason: str, field: str
) -> None:
    with pytest.raises(Refused) as refused:
        open_break_glass(actor=world.user("other_lpa"), bsn=bsn, reason=reason)
    assert field in refused.value.message_dict
    assert not BreakGlassAccess.objects.exists()
    assert not AuditEvent.objects.filter(code="emergency.opened").exists()


def test_the_page_explains_asks_and_opens_the_case(world: World, case: Case) -> None:
    client = Client()
    login_verified(client, world.user("other_lpa"))
    page = client.get(reverse("children:break_glass")).content.decode()
    assert "De ouders zien dat in het logboek" in page
    short = client.post(reverse("children:break_glass"), {"bsn": BSN, "reason": "Nood."})
    assert short.status_code == 400 and "paar woorden" in short.content.decode()
    response = client.post(reverse("children:break_glass"), {"bsn": BSN, "reason": REASON})
    assert response.status_code == 302 and response["Location"] == reverse("cases:detail", args=[case.pk])
    case_page = client.get(response["Location"]).content.decode()
    assert "Je leest dit dossier in een noodgeval, tot" in case_page
    lpa = Client()
    login_verified(lpa, world.user("lpa"))
    assert "in een noodgeval, tot" not in lpa.get(response["Location"]).content.decode()


def test_the_page_is_not_for_roles_that_may_not(world: World) -> None:
    client = Client()
    login_verified(client, world.user("steunpunt"))
    assert client.get(reverse("children:break_glass")).status_code == 403


def test_the_childrens_list_offers_it_to_whom_may(world: World) -> None:
    for who, shown in (("other_lpa", True), ("steunpunt", False)):
        client = Client()
        login_verified(client, world.user(who))
        html = client.get(reverse("children:list")).content.decode()
        assert (reverse("children:break_glass") in html) is shown, who


def test_the_familys_logbook_highlights_the_lines_with_the_reason(world: World, case: Case) -> None:
    other = world.user("other_lpa")
    open_break_glass(actor=other, bsn=BSN, reason=REASON)
    case_viewed(actor=other, case=case, purpose=Purpose.CASUSREGIE)
    client = Client()
    login_verified(client, world.user("ouder"))
    url = reverse("portal:access_log", args=[world.child.pk])
    html = client.get(url).content.decode()
    assert html.count("kring-logbook__line--break-glass") == 2
    assert html.count(REASON) == 2
    assert "Doel: Toegang in een noodgeval." in html
    # "only changes" still shows that the file was opened in an emergency
    changes = client.get(url, {"soort": "wijzigingen"}).content.decode()
    assert changes.count("kring-logbook__line--break-glass") == 1
    api = Client()
    login_verified(api, world.user("ouder"))
    lines = api.get(f"/api/v1/children/{world.child.pk}/access-log/").json()["results"]
    emergency = [line for line in lines if line["break_glass"]]
    assert len(emergency) == 2 and {line["break_glass_reason"] for line in emergency} == {REASON}


def test_the_whole_file_download_holds_the_emergency_access_and_its_reason(world: World, case: Case) -> None:
    from kring.privacy.dossier import collect

    other = world.user("other_lpa")
    open_break_glass(actor=other, bsn=BSN, reason=REASON)
    sections = collect(world.child).to_json()["sections"]
    [grant] = sections["audit"]["emergency_access"]
    assert grant["reason"] == REASON and grant["name"] == other.display_name
    assert any(line["code"] == "emergency.opened" for line in sections["audit"]["log"])
