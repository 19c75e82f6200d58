"""From a question to a case, only with consent: what the worker, the samenwerkingsverband and the
family notice (issue 13, point 4)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kring.access import policy
from kring.accounts.testing import login_verified
from kring.cases import services as case_services
from kring.cases.models import Case, SignalKind
from kring.cases.testing import make_child
from kring.core.errors import Refused
from kring.desk.models import LinkKind, QuestionLink
from kring.desk.selectors.links import swv_requests
from kring.desk.services import links as services
from kring.privacy.models import AuditEvent

from .link_world import LinkWorld, consent, make_link_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def lw() -> LinkWorld:
    return make_link_world()


def link(lw: LinkWorld, **overrides: object) -> QuestionLink:
    case = overrides.pop("case", lw.case)
    return services.link_to_case(
        actor=lw.worker,
        question=lw.question,
        case=case,  # type: ignore[arg-type]
        **consent(**overrides),  # type: ignore[arg-type]
    )


def request_to_swv(lw: LinkWorld, **overrides: object) -> QuestionLink:
    values: dict[str, object] = {
        "swv": lw.world.swv,
        "child_name": "Daan de Boer",
        "child_birth_date": date(2014, 3, 1),
        "school_name": "Basisschool De Regenboog",
        "situation": "Daan zit thuis sinds de herfstvakantie. De school weet niet meer wat te doen.",
        **consent(),
    }
    values.update(overrides)
    return services.ask_swv_to_open_case(actor=lw.worker, question=lw.question, **values)  # type: ignore[arg-type]


# ---------------------------------------------------------------- consent is required and specific


def test_a_link_needs_the_date_who_how_and_what_of_the_consent(lw: LinkWorld) -> None:
    with pytest.raises(Refused) as refused:
        link(lw, consent_on=None, consent_by=" ", consent_how="", consent_scope="")
    assert set(refused.value.by_field()) == {"consent_on", "consent_by", "consent_how", "consent_scope"}
    assert not QuestionLink.objects.exists()


def test_consent_is_a_past_act_and_not_before_the_question_came_in(lw: LinkWorld) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(Refused) as refused:
        link(lw, consent_on=tomorrow)
    assert "toekomst" in refused.value.by_field()["consent_on"][0]
    with pytest.raises(Refused) as refused:
        link(lw, consent_on=lw.question.received_on - timedelta(days=1))
    assert "binnenkwam" in refused.value.by_field()["consent_on"][0]
    assert not QuestionLink.objects.exists()


def test_the_link_is_recorded_with_its_consent_and_audited_on_both_sides(lw: LinkWorld) -> None:
    made = link(lw)
    assert made.kind == LinkKind.CASE and made.case == lw.case and made.recorded_by == lw.worker
    desk = AuditEvent.objects.get(code="desk.question_linked")
    assert desk.purpose == "steunpunt" and desk.child_id is None
    file = AuditEvent.objects.get(code="case.desk_link_added")
    assert file.purpose == "casusregie" and file.child_id == lw.case.child_id
    # The question's text never reaches the logbook.
    assert "thuis" not in desk.message and "06-" not in file.message


# ---------------------------------------------------------------- the case: one the worker may see


def test_a_case_the_worker_may_not_see_is_refused_like_one_that_does_not_exist(
    lw: LinkWorld, client: Client
) -> None:
    other_child = make_child(first_name="Mila")
    hidden = case_services.open_case(
        actor=lw.user("consulent"),
        child=other_child,
        signal_kind=SignalKind.VERZUIM,
        signal_description="Mila is vaak afwezig.",
        opened_on=timezone.localdate(),
    )
    with pytest.raises(Refused) as refused:
        link(lw, case=hidden)
    with pytest.raises(Refused) as missing:
        link(lw, case=None)
    assert refused.value.by_field()["case"] == missing.value.by_field()["case"]

    login_verified(client, lw.worker)
    url = reverse("desk:link_case", args=[lw.question.pk])
    answers = []
    for case_id in (hidden.pk, 999_999):
        response = client.post(url, {"case": case_id, **{k: str(v) for k, v in consent().items()}})
        assert response.status_code == 200
        answers.append(response.context["form"].errors["case"])
    assert answers[0] == answers[1]
    assert "Mila" not in response.content.decode()
    assert not QuestionLink.objects.exists()


def test_another_steunpunt_cannot_reach_the_question(lw: LinkWorld, client: Client) -> None:
    from kring.accounts.roles import Role
    from kring.core.testing import make_user

    stranger = make_user(role=Role.STEUNPUNT_MEDEWERKER)
    with pytest.raises(PermissionDenied):
        services.link_to_case(actor=stranger, question=lw.question, case=lw.case, **consent())  # type: ignore[arg-type]
    login_verified(client, stranger)
    assert client.get(reverse("desk:link_case", args=[lw.question.pk])).status_code == 404


def test_the_worker_links_through_the_page(lw: LinkWorld, client: Client) -> None:
    login_verified(client, lw.worker)
    url = reverse("desk:link_case", args=[lw.question.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert lw.world.child.first_name in page.content.decode()  # the case the worker may see is offered
    assert page.context["form"].initial["consent_scope"]  # a plain default sentence to start from
    data = {"case": lw.case.pk, **{k: str(v) for k, v in consent().items()}}
    response = client.post(url, data, follow=True)
    assert "De vraag is gekoppeld aan de casus" in response.content.decode()
    assert QuestionLink.objects.filter(case=lw.case, revoked_on__isnull=True).count() == 1


# ---------------------------------------------------------------- the samenwerkingsverband


def test_a_request_goes_only_to_an_swv_the_steunpunt_serves(lw: LinkWorld) -> None:
    with pytest.raises(Refused) as refused:
        request_to_swv(lw, swv=lw.world.other_swv)
    assert "swv" in refused.value.by_field()
    with pytest.raises(Refused) as refused:
        request_to_swv(lw, child_name="", situation="")
    assert {"child_name", "situation"} <= set(refused.value.by_field())


def test_the_swv_of_another_region_sees_no_request(lw: LinkWorld, client: Client) -> None:
    request_to_swv(lw)
    assert [r.child_name for r in swv_requests(actor=lw.user("consulent"))] == ["Daan de Boer"]
    assert swv_requests(actor=lw.user("other_consulent")) == []
    login_verified(client, lw.user("other_consulent"))
    page = client.get(reverse("desk:requests"))
    assert page.status_code == 200 and "Daan" not in page.content.decode()
    login_verified(client, lw.user("ib"))
    assert client.get(reverse("desk:requests")).status_code == 403


def test_the_swv_records_the_case_it_opened(lw: LinkWorld, client: Client) -> None:
    request = request_to_swv(lw, child_birth_date=None)
    consulent = lw.user("consulent")
    login_verified(client, consulent)
    inbox = client.get(reverse("desk:requests"))
    assert "Daan de Boer" in inbox.content.decode() and "De school weet niet meer" in inbox.content.decode()
    assert AuditEvent.objects.filter(code="desk.requests_viewed", actor=consulent).exists()

    daan = make_child(first_name="Daan", postcode="3511AB", gemeente=lw.world.gemeente)
    opened = case_services.open_case(
        actor=consulent,
        child=daan,
        signal_kind=SignalKind.THUISZITTEN,
        signal_description="Op verzoek van het steunpunt.",
        opened_on=timezone.localdate(),
    )
    inbox = client.get(reverse("desk:requests"))
    assert f'value="{opened.pk}"' in inbox.content.decode()  # the case just opened is offered
    response = client.post(
        reverse("desk:handle_request", args=[request.pk]),
        {f"verzoek-{request.pk}-case": opened.pk},
        follow=True,
    )
    assert "Het verzoek is behandeld" in response.content.decode()
    request.refresh_from_db()
    assert request.handled_on == timezone.localdate() and request.handled_case == opened
    line = AuditEvent.objects.get(code="case.desk_request_linked")
    assert line.child_id == daan.pk
    # A case the SWV may not see cannot be put on a request.
    again = request_to_swv(lw)
    elsewhere = Case.objects.exclude(pk__in=[opened.pk, lw.case.pk]).first()
    assert elsewhere is None or not policy.visible_cases(consulent).filter(pk=elsewhere.pk).exists()
    with pytest.raises(Refused) as refused:
        services.handle_request(actor=consulent, link=again, case=None)
    assert "case" in refused.value.by_field()


# ---------------------------------------------------------------- revocation, at once, everywhere


def test_revocation_hides_the_link_from_the_case_page_the_portal_and_the_swv_inbox(
    lw: LinkWorld, client: Client
) -> None:
    to_case = link(lw)
    to_swv = request_to_swv(lw)
    ib, parent, consulent = lw.user("lpa"), lw.user("ouder"), lw.user("consulent")
    case_url = reverse("cases:detail", args=[lw.case.pk])

    login_verified(client, ib)
    assert lw.question.reference in client.get(case_url).content.decode()
    login_verified(client, parent)
    assert to_case.consent_scope in client.get(reverse("portal:family")).content.decode()
    login_verified(client, consulent)
    assert "Daan de Boer" in client.get(reverse("desk:requests")).content.decode()

    today = timezone.localdate()
    services.revoke_link(actor=lw.worker, question=lw.question, link=to_case, revoked_on=today)
    services.revoke_link(actor=lw.worker, question=lw.question, link=to_swv, revoked_on=today)

    login_verified(client, ib)
    page = client.get(case_url).content.decode()
    assert lw.question.reference not in page and to_case.consent_scope not in page
    assert "de toestemming ingetrokken" in page  # only the plain fact remains
    login_verified(client, parent)
    portal = client.get(reverse("portal:family")).content.decode()
    assert to_case.consent_scope not in portal and "Via het ouder- en jeugdsteunpunt" not in portal
    login_verified(client, consulent)
    assert "Daan de Boer" not in client.get(reverse("desk:requests")).content.decode()
    assert AuditEvent.objects.filter(code="case.desk_link_revoked", child_id=lw.case.child_id).exists()


def test_revocation_is_dated_after_the_consent_and_only_once(lw: LinkWorld) -> None:
    made = link(lw, consent_on=timezone.localdate() - timedelta(days=2))
    with pytest.raises(Refused) as refused:
        services.revoke_link(
            actor=lw.worker, question=lw.question, link=made, revoked_on=made.consent_on - timedelta(days=1)
        )
    assert "revoked_on" in refused.value.by_field()
    services.revoke_link(actor=lw.worker, question=lw.question, link=made, revoked_on=timezone.localdate())
    with pytest.raises(Refused):
        services.revoke_link(
            actor=lw.worker, question=lw.question, link=made, revoked_on=timezone.localdate()
        )


def test_the_worker_records_a_revocation_through_the_page(lw: LinkWorld, client: Client) -> None:
    made = link(lw)
    login_verified(client, lw.worker)
    page = client.get(reverse("desk:link_case", args=[lw.question.pk])).content.decode()
    revoke_url = reverse("desk:revoke_link", args=[lw.question.pk, made.pk])
    assert revoke_url in page
    response = client.post(revoke_url, {"revoked_on": timezone.localdate().isoformat()}, follow=True)
    assert "De toestemming is ingetrokken" in response.content.decode()
    made.refresh_from_db()
    assert made.revoked_on == timezone.localdate()


def test_the_cases_offered_to_link_are_in_the_familys_access_log(lw: LinkWorld, client: Client) -> None:
    login_verified(client, lw.worker)
    client.get(reverse("desk:link_case", args=[lw.question.pk]))
    assert AuditEvent.objects.filter(code="case.listed", actor=lw.worker, child_id=lw.case.child_id).exists()


def test_the_questions_page_leads_to_linking_and_shows_the_links(lw: LinkWorld, client: Client) -> None:
    link(lw)
    login_verified(client, lw.worker)
    page = client.get(reverse("desk:question", args=[lw.question.pk])).content.decode()
    assert reverse("desk:link_case", args=[lw.question.pk]) in page
    assert reverse("desk:ask_swv", args=[lw.question.pk]) in page
    assert "Gekoppeld aan de casus van het kind" in page
