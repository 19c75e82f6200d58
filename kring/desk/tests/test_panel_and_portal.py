"""The case panel 'Via het ouder- en jeugdsteunpunt' and the family's portal: what is shown of a
consented link, to whom, and what never leaves the steunpunt (the question's text, contact details)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kring.accounts.testing import login_verified
from kring.cases import services as case_services
from kring.cases.models import CircleMember, MemberKind, SignalKind, Visibility
from kring.cases.testing import make_child
from kring.children.models import LegalRepresentative
from kring.desk.selectors.links import family_links_by_case
from kring.desk.services import links as services

from .link_world import LinkWorld, consent, make_link_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def lw() -> LinkWorld:
    return make_link_world()


def test_the_case_panel_shows_reference_steunpunt_categories_and_consent_but_not_the_question(
    lw: LinkWorld, client: Client
) -> None:
    made = services.link_to_case(actor=lw.worker, question=lw.question, case=lw.case, **consent())  # type: ignore[arg-type]
    login_verified(client, lw.user("lpa"))
    page = client.get(reverse("cases:detail", args=[lw.case.pk])).content.decode()
    assert '<section class="kring-section kring-panel" id="steunpunt"' in page
    assert 'href="#steunpunt"' in page  # in the page's table of contents
    assert "Via het ouder- en jeugdsteunpunt" in page
    assert lw.question.reference in page and lw.steunpunt.name in page
    assert "Thuiszitten" in page and "OPP" in page
    assert made.consent_scope in page and made.consent_by in page
    # The conversation stays the steunpunt's: no question text, no contact details.
    assert "Mijn zoon zit al weken thuis" not in page
    assert "06-12345678" not in page


def test_no_panel_without_a_link_and_none_for_a_member_who_sees_only_their_own_agreements(
    lw: LinkWorld, client: Client
) -> None:
    login_verified(client, lw.user("lpa"))
    assert (
        "Via het ouder- en jeugdsteunpunt"
        not in client.get(reverse("cases:detail", args=[lw.case.pk])).content.decode()
    )

    services.link_to_case(actor=lw.worker, question=lw.question, case=lw.case, **consent())  # type: ignore[arg-type]
    coach = lw.user("jeugdhulp")
    CircleMember.objects.create(
        case=lw.case,
        kind=MemberKind.JEUGDHULP,
        user=coach,
        visibility=Visibility.ALLEEN_AFSPRAKEN,
        joined_on=timezone.localdate(),
    )
    login_verified(client, coach)
    page = client.get(reverse("cases:detail", args=[lw.case.pk]))
    assert page.status_code == 200
    assert lw.question.reference not in page.content.decode()


def test_the_parent_sees_the_link_with_the_steunpunts_contact_to_revoke(
    lw: LinkWorld, client: Client
) -> None:
    made = services.link_to_case(actor=lw.worker, question=lw.question, case=lw.case, **consent())  # type: ignore[arg-type]
    login_verified(client, lw.user("ouder"))
    page = client.get(reverse("portal:family")).content.decode()
    assert "Via het ouder- en jeugdsteunpunt" in page
    assert made.consent_scope in page
    assert timezone.localdate().strftime("%Y") in page
    assert "Bel of mail het steunpunt" in page
    assert lw.steunpunt.phone in page and lw.steunpunt.email in page
    assert "Mijn zoon zit al weken thuis" not in page


def test_the_parent_sees_the_link_of_their_own_child_only(lw: LinkWorld, client: Client) -> None:
    other_child = make_child(first_name="Mila")
    other_parent = lw.user("other_ouder")
    LegalRepresentative.objects.create(
        child=other_child, name="Andere ouder", relation="vader", user=other_parent
    )
    other_case = case_services.open_case(
        actor=lw.user("consulent"),
        child=other_child,
        signal_kind=SignalKind.VERZUIM,
        signal_description="Mila is vaak afwezig.",
        opened_on=timezone.localdate() - timedelta(days=3),
    )
    CircleMember.objects.create(
        case=other_case,
        kind=MemberKind.STEUNPUNT,
        organisation=lw.steunpunt,
        visibility=Visibility.KRING_EN_AFSPRAKEN,
        joined_on=timezone.localdate(),
    )
    services.link_to_case(
        actor=lw.worker,
        question=lw.question,
        case=other_case,
        **consent(consent_scope="Toestemming van de vader van Mila."),  # type: ignore[arg-type]
    )
    assert family_links_by_case(lw.user("ouder")) == {}
    assert list(family_links_by_case(other_parent)) == [other_case.pk]

    login_verified(client, lw.user("ouder"))
    page = client.get(reverse("portal:family")).content.decode()
    assert "Toestemming van de vader van Mila." not in page
    login_verified(client, other_parent)
    assert "Toestemming van de vader van Mila." in client.get(reverse("portal:family")).content.decode()


def test_the_swv_inbox_is_in_the_navigation_of_the_swv_only(lw: LinkWorld, client: Client) -> None:
    login_verified(client, lw.user("consulent"))
    assert reverse("desk:requests") in client.get(reverse("web:home")).content.decode()
    login_verified(client, lw.user("lpa"))
    assert reverse("desk:requests") not in client.get(reverse("web:home")).content.decode()
