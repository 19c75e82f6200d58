"""Inviting the family, end to end through the pages and the mail (Django's locmem outbox): the link
works once, expires, can be revoked and re-sent; the mail holds no BSN and nothing of the case; the
account is linked to the representative or the child; gezag is recorded; every step is audited."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kring.access import ages
from kring.accounts.models import User
from kring.accounts.testing import login_verified
from kring.cases import services as case_services
from kring.cases.testing import World, make_world
from kring.children import invitations
from kring.children.models import Child, Gezag, Invitation, LegalRepresentative
from kring.children.services import add_representative
from kring.privacy.crypto import bsn_lookup_hash, encrypt_bsn
from kring.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db

BSN = "111222333"
SIGNAL = "Sinds de herfstvakantie niet meer op school; thuis veel spanning."
PASSWORD = "Een-lang-wachtwoord-voor-Kring-42"


@pytest.fixture
def world() -> World:
    world = make_world()
    child = world.child
    child.bsn_encrypted = encrypt_bsn(BSN)
    child.bsn_hash = bsn_lookup_hash(BSN)
    child.save(update_fields=["bsn_encrypted", "bsn_hash"])
    return world


def aged(child: Child, age: int) -> None:
    child.birth_date = ages.born_on_or_before(age, timezone.localdate()) - timedelta(days=40)
    child.save(update_fields=["birth_date"])


def open_case(world: World) -> Any:
    return case_services.open_case(
        actor=world.user("lpa"),
        child=world.child,
        signal_kind="verzuim",
        signal_description=SIGNAL,
        opened_on=timezone.localdate() - timedelta(days=10),
    )


def professional(world: World, who: str = "lpa") -> Client:
    client = Client()
    login_verified(client, world.user(who))
    return client


def link_of(message: Any) -> str:
    found = re.search(r"http://[^\s]+/account/uitnodiging/[^\s/]+/", message.body)
    assert found, message.body
    return found.group(0).removeprefix("http://127.0.0.1:8000")


def invite_karim(world: World, client: Client) -> tuple[LegalRepresentative, str]:
    rep = add_representative(actor=None, child=world.child, name="Karim Vader", relation="vader")
    response = client.post(
        reverse("children:invite_parent", args=[world.child.pk]),
        {"representative": rep.pk, "email": "karim@example.org", "gezag": "gezag"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return rep, link_of(mail.outbox[-1])


# ---------------------------------------------------------------- a parent


def test_a_professional_invites_a_parent_who_makes_an_account_and_sees_the_child(world: World) -> None:
    rep = add_representative(actor=None, child=world.child, name="Karim Vader", relation="vader")
    case = open_case(world)  # Karim is in the circle from the start
    client = professional(world)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    family_url = reverse("children:family", args=[world.child.pk])
    assert family_url in page  # the circle links the invitation page

    assert client.get(family_url).status_code == 200
    response = client.post(
        reverse("children:invite_parent", args=[world.child.pk]),
        {"representative": rep.pk, "email": "karim@example.org", "gezag": "gezag"},
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["karim@example.org"]
    # the mail names the child by first name and who invited; no BSN, no last name, nothing of the case
    assert world.child.first_name in message.body
    assert world.user("lpa").display_name in message.body
    for secret in (BSN, "111 222 333", world.child.last_name, SIGNAL[:20]):
        assert secret not in message.body and secret not in message.subject
    invitation = Invitation.objects.get(representative=rep)
    url = link_of(message)
    assert invitation.token_hash not in url  # only a hash is stored
    assert invitation.expires_at - invitation.sent_at == timedelta(days=14)

    family = Client()
    opened = family.get(url)
    assert opened.status_code == 200
    text = opened.content.decode()
    assert world.child.first_name in text and world.child.last_name not in text
    assert world.user("lpa").display_name in text

    weak = family.post(url, {"email": "karim@example.org", "password1": "kort", "password2": "kort"})
    assert weak.status_code == 400  # Django's validators: too short
    assert "12" in weak.content.decode()
    response = family.post(
        url,
        {"email": "karim@example.org", "phone": "06 12345678", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == reverse("portal:family")
    rep.refresh_from_db()
    assert rep.user is not None and rep.user.role == "ouder" and rep.user.check_password(PASSWORD)
    assert rep.phone == "06 12345678"
    # logged in without a second factor (optional for the family) and sees the child
    home = family.get(reverse("portal:family"))
    assert home.status_code == 200 and world.child.first_name in home.content.decode()
    # the circle shows how to reach Karim: what he entered
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "karim@example.org / 06 12345678" in page

    # the link works once
    again = Client().get(url)
    assert again.status_code == 410 and "al gebruikt" in again.content.decode()
    codes = list(
        AuditEvent.objects.filter(child_id=world.child.pk, code__startswith="invitation.").values_list(
            "code", flat=True
        )
    )
    assert sorted(codes) == ["invitation.accepted", "invitation.sent"]
    for event in AuditEvent.objects.filter(code__startswith="invitation."):
        assert BSN not in str(event.data) and BSN not in event.message


def test_a_new_representative_is_recorded_with_gezag_and_invited(world: World) -> None:
    client = professional(world)
    response = client.post(
        reverse("children:invite_parent", args=[world.child.pk]),
        {"name": "Mira Voogd", "relation": "voogd", "gezag": "voogd", "email": "mira@example.org"},
    )
    assert response.status_code == 302
    rep = LegalRepresentative.objects.get(child=world.child, name="Mira Voogd")
    assert rep.gezag == Gezag.VOOGD and rep.email == "mira@example.org"
    assert AuditEvent.objects.filter(code="child.representative_added", child_id=world.child.pk).exists()


def test_an_invitation_without_email_or_name_is_refused_on_the_field(world: World) -> None:
    client = professional(world)
    response = client.post(
        reverse("children:invite_parent", args=[world.child.pk]), {"email": "a@example.org"}
    )
    assert response.status_code == 400
    assert "vul de naam in" in response.content.decode()
    assert not mail.outbox


def test_an_expired_link_gives_a_clear_page(world: World) -> None:
    _rep, url = invite_karim(world, professional(world))
    Invitation.objects.update(
        expires_at=timezone.now() - timedelta(seconds=1), sent_at=timezone.now() - timedelta(days=15)
    )
    response = Client().get(url)
    assert response.status_code == 410 and "verlopen" in response.content.decode()
    posted = Client().post(url, {"email": "karim@example.org", "password1": PASSWORD, "password2": PASSWORD})
    assert posted.status_code == 410
    assert not User.objects.filter(username="karim@example.org").exists()


def test_a_revoked_link_stops_working_at_once(world: World) -> None:
    client = professional(world)
    _rep, url = invite_karim(world, client)
    invitation = Invitation.objects.get()
    response = client.post(reverse("children:invitation_revoke", args=[world.child.pk, invitation.pk]))
    assert response.status_code == 302
    page = Client().get(url)
    assert page.status_code == 410 and "ingetrokken" in page.content.decode()
    assert AuditEvent.objects.filter(code="invitation.revoked", child_id=world.child.pk).exists()


def test_resending_gives_a_new_link_and_the_old_one_stops_working(world: World) -> None:
    client = professional(world)
    _rep, old = invite_karim(world, client)
    invitation = Invitation.objects.get()
    response = client.post(reverse("children:invitation_resend", args=[world.child.pk, invitation.pk]))
    assert response.status_code == 302
    new = link_of(mail.outbox[-1])
    assert new != old
    assert Client().get(old).status_code == 404  # unknown now
    assert Client().get(new).status_code == 200
    assert AuditEvent.objects.filter(code="invitation.sent", data__resent=True).count() == 1


def test_an_unknown_link_gives_a_clear_page() -> None:
    response = Client().get(reverse("accounts:invitation", args=["geen-geldige-link"]))
    assert response.status_code == 404 and "kennen we niet" in response.content.decode()


def test_who_may_not_invite_gets_no_page_and_sends_nothing(world: World) -> None:
    for who, status in (("jeugdhulp", 404), ("other_lpa", 404), ("ouder", 403)):
        world.parent_rep.gezag = Gezag.GEEN_GEZAG
        world.parent_rep.save(update_fields=["gezag"])
        client = professional(world, who)
        assert client.get(reverse("children:family", args=[world.child.pk])).status_code == status, who
        posted = client.post(
            reverse("children:invite_parent", args=[world.child.pk]), {"name": "X", "email": "x@example.org"}
        )
        assert posted.status_code in (403, 404), who
    assert not mail.outbox


def test_a_logged_in_parent_links_a_second_child_to_their_account(world: World) -> None:
    from kring.cases.testing import make_child

    sister = make_child(gemeente=world.gemeente, first_name="Lina")
    rep = add_representative(actor=None, child=sister, name="Sanne Ouder", relation="moeder")
    sent = invitations.invite_parent(
        actor=world.user("lpa"), child=sister, representative=rep, email="sanne@example.org"
    )
    parent = Client()
    login_verified(parent, world.user("ouder"))
    url = link_of(mail.outbox[-1])
    assert "Koppelen aan mijn account" in parent.get(url).content.decode()
    response = parent.post(url, {"email": "sanne@example.org"})
    assert response.status_code == 302
    rep.refresh_from_db()
    assert rep.user == world.user("ouder")
    sent.invitation.refresh_from_db()
    assert sent.invitation.accepted_by == world.user("ouder")


def test_gezag_is_recorded_with_its_date(world: World) -> None:
    client = professional(world)
    rep = world.parent_rep
    response = client.post(
        reverse("children:gezag", args=[world.child.pk, rep.pk]),
        {f"rep{rep.pk}-gezag": "geen_gezag", f"rep{rep.pk}-gezag_on": "2026-01-05"},
    )
    assert response.status_code == 302
    rep.refresh_from_db()
    assert rep.gezag == Gezag.GEEN_GEZAG and rep.gezag_on == date(2026, 1, 5)
    event = AuditEvent.objects.get(code="child.gezag_recorded")
    assert event.data["gezag"] == "geen_gezag" and event.child_id == world.child.pk


# ---------------------------------------------------------------- the child


def test_a_child_under_12_cannot_be_invited_and_the_page_says_why(world: World) -> None:
    aged(world.child, 11)
    client = professional(world)
    page = client.get(reverse("children:family", args=[world.child.pk])).content.decode()
    assert "vanaf 12 jaar" in page
    response = client.post(
        reverse("children:invite_child", args=[world.child.pk]), {"email": "noor@example.org"}
    )
    assert response.status_code == 400 and "vanaf 12 jaar" in response.content.decode()
    assert not mail.outbox


def test_the_childs_email_field_is_its_own_on_the_family_page(world: World) -> None:
    """Both invitation forms on one page: each label points at its own field (ids are unique)."""
    aged(world.child, 13)
    page = professional(world).get(reverse("children:family", args=[world.child.pk])).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    found = re.search(r'<label[^>]*for="([^"]+)"[^>]*>E-mailadres van het kind</label>', page)
    assert found is not None
    assert (
        f'action="{reverse("children:invite_child", args=[world.child.pk])}"'
        in page.split(f'id="{found.group(1)}"')[0].rsplit("<form", 1)[1]
    )


def test_a_parent_with_gezag_invites_the_child_of_13_who_sees_the_child_friendly_view(world: World) -> None:
    aged(world.child, 13)
    case = open_case(world)
    parent = Client()
    login_verified(parent, world.user("ouder"))
    response = parent.post(
        reverse("children:invite_child", args=[world.child.pk]), {"email": "noor@example.org"}
    )
    assert response.status_code == 302
    url = link_of(mail.outbox[-1])
    kid = Client()
    text = kid.get(url).content.decode()
    assert "eigen account" in text
    response = kid.post(url, {"email": "noor@example.org", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    world.child.refresh_from_db()
    account = world.child.account
    assert account is not None and account.role == "leerling"
    # the family's overview takes a child of 13 to their own page, in words for children
    overview = kid.get(reverse("portal:family"))
    assert overview.status_code == 302 and overview["Location"] == reverse("portal:own")
    own = kid.get(reverse("portal:own")).content.decode()
    assert "Jouw kring" in own and "Wat jij mag zeggen" in own and "hoorrecht" in own
    assert SIGNAL not in own  # the professional wording of the signal is not in the child's view
    assert kid.get(reverse("portal:child", args=[world.child.pk])).status_code == 403
    # the professional file stays out of the child-friendly view
    assert kid.get(f"/api/v1/children/{world.child.pk}/events/").status_code == 403
    assert kid.get(f"/api/v1/cases/{case.pk}/perspective/").status_code in (200, 404)  # the plan: allowed
    assert kid.get(f"/api/v1/cases/{case.pk}/escalations/").status_code == 403


def test_a_parent_without_gezag_cannot_invite_the_child(world: World) -> None:
    aged(world.child, 13)
    world.parent_rep.gezag = Gezag.GEEN_GEZAG
    world.parent_rep.save(update_fields=["gezag"])
    parent = Client()
    login_verified(parent, world.user("ouder"))
    response = parent.post(
        reverse("children:invite_child", args=[world.child.pk]), {"email": "noor@example.org"}
    )
    assert response.status_code == 403
    assert not mail.outbox


def test_a_family_member_may_add_an_authenticator_app(world: World) -> None:
    _rep, url = invite_karim(world, professional(world))
    family = Client()
    response = family.post(
        url, {"email": "karim@example.org", "password1": PASSWORD, "password2": PASSWORD, "totp": "on"}
    )
    assert response.status_code == 302 and reverse("accounts:otp_setup") in response["Location"]
    assert (
        family.get(response["Location"]).status_code == 200
    )  # the QR code page, not the 'needs a link' page


def test_the_family_logs_in_with_a_password_alone_until_they_connect_an_app(world: World) -> None:
    _rep, url = invite_karim(world, professional(world))
    Client().post(url, {"email": "karim@example.org", "password1": PASSWORD, "password2": PASSWORD})
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "karim@example.org", "password": PASSWORD})
    assert response.status_code == 302 and reverse("accounts:otp") not in response["Location"]
    assert client.get(reverse("portal:family")).status_code == 200
    # a professional still needs the second step
    pro = Client()
    lpa = world.user("lpa")
    lpa.set_password(PASSWORD)
    lpa.save()
    response = pro.post(reverse("accounts:login"), {"username": lpa.username, "password": PASSWORD})
    assert reverse("accounts:otp") in response["Location"]
