"""One refusal, one field (ADR 0012): the same refusal of a service shows on the same field with the
same message on the page and in the API, because the refusal names its field and page forms and
API serializers use the services' input names. A refusal of the act as a whole is above the form
on the page and `non_field_errors` in the API."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from rest_framework.test import APIClient

from kring.accounts.testing import login_verified
from kring.cases.models import Agreement, Case, CircleMember, Meeting, MemberKind, RegievoerderAssignment
from kring.cases.testing import World
from kring.core.errors import Refused

from .helpers import add_consulent, member_of, open_case, with_regievoerder

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
Errors = dict[str | None, list[str]]


@pytest.fixture
def case(world: World) -> Case:
    return open_case(world, on=TODAY - timedelta(days=30))


@dataclass(frozen=True)
class Act:
    """One act, refused: how the page and the API ask for it, and what nobody should find after."""

    page: str  # URL name of the page
    prefix: str  # the page form's prefix
    api_path: str  # under /api/v1/cases/<id>/
    method: str
    values: Callable[[World, Case], dict[str, Any]]  # the same values for both, by field name
    page_extra: dict[str, Any]  # what a page form posts differently (checkboxes)
    api_extra: dict[str, Any]
    expected: Callable[[World, Case], Errors]
    nothing_saved: Callable[[Case], bool]
    page_args: Callable[[World, Case], list[int]] = lambda world, case: []
    api_tail: Callable[[World, Case], str] = lambda world, case: ""


def _prepare_regie(world: World, case: Case) -> None:
    with_regievoerder(world, case, on=TODAY)
    add_consulent(world, case, on=TODAY)


def _one_assignment(case: Case) -> bool:
    return RegievoerderAssignment.objects.filter(case=case).count() == 1


ACTS: dict[str, Act] = {
    "hand over the regie to whoever has it": Act(
        page="regie_handover",
        prefix="overdracht",
        api_path="regievoerder/handover/",
        method="post",
        values=lambda world, case: {
            "member": member_of(case, "lpa", world).pk,
            "note": "Overdracht aan mezelf.",
            "on": TODAY.isoformat(),
        },
        page_extra={},
        api_extra={},
        expected=lambda world, case: {"member": [f"{world.user('lpa').display_name} is al de regievoerder."]},
        nothing_saved=_one_assignment,
    ),
    "appoint a second regievoerder": Act(
        page="regie_appoint",
        prefix="regie",
        api_path="regievoerder/",
        method="post",
        values=lambda world, case: {
            "member": member_of(case, "consulent", world).pk,
            "note": "Tweede poging.",
            "on": TODAY.isoformat(),
        },
        page_extra={},
        api_extra={},
        expected=lambda world, case: {
            None: [
                f"Er is al een regievoerder: {world.user('lpa').display_name}. Gebruik 'regie "
                "overdragen' om de regie aan iemand anders te geven."
            ]
        },
        nothing_saved=_one_assignment,
    ),
    "a meeting without the parents and without saying why": Act(
        page="meeting_add",
        prefix="overleg",
        api_path="meetings/",
        method="post",
        values=lambda world, case: {"held_on": TODAY.isoformat(), "notes": "Kort overleg."},
        page_extra={"child_present": "on"},  # an unticked box is not posted
        api_extra={"parents_present": False, "child_present": True},
        expected=lambda world, case: {
            "parents_absent_reason": ["Schrijf op waarom de ouders er niet bij waren."]
        },
        nothing_saved=lambda case: not Meeting.objects.filter(case=case).exists(),
    ),
    "a meeting dated in the future": Act(
        page="meeting_add",
        prefix="overleg",
        api_path="meetings/",
        method="post",
        values=lambda world, case: {
            "held_on": (TODAY + timedelta(days=7)).isoformat(),
            "notes": "Dit overleg moet nog komen.",
        },
        page_extra={"parents_present": "on", "child_present": "on"},
        api_extra={"parents_present": True, "child_present": True},
        expected=lambda world, case: {
            "held_on": [
                "Deze datum ligt in de toekomst. Dit is al gebeurd, dus de datum is vandaag of eerder. "
                "Vul de datum in waarop het is gebeurd."
            ]
        },
        nothing_saved=lambda case: not Meeting.objects.filter(case=case).exists(),
    ),
    "an agreement due yesterday": Act(
        page="agreement_add",
        prefix="afspraak",
        api_path="agreements/",
        method="post",
        values=lambda world, case: {
            "text": "Gesprek met de school plannen.",
            "owner": member_of(case, "lpa", world).pk,
            "due_on": (TODAY - timedelta(days=1)).isoformat(),
        },
        page_extra={},
        api_extra={},
        expected=lambda world, case: {
            "due_on": ["De datum waarop de afspraak klaar moet zijn, ligt in het verleden."]
        },
        nothing_saved=lambda case: not Agreement.objects.filter(case=case).exists(),
    ),
    "a member who leaves the circle before joining it": Act(
        page="member_remove",
        prefix="weg",
        api_path="circle/",
        method="delete",
        values=lambda world, case: {
            "reason": "Het SWV is niet meer betrokken.",
            "left_on": (TODAY - timedelta(days=1)).isoformat(),
        },
        page_extra={},
        api_extra={},
        expected=lambda world, case: {
            "left_on": ["De datum van vertrek ligt voor de datum waarop dit lid in de kring kwam."]
        },
        nothing_saved=lambda case: CircleMember.objects.filter(
            case=case, kind=MemberKind.SWV, active=True
        ).exists(),
        page_args=lambda world, case: [member_of(case, "consulent", world).pk],
        api_tail=lambda world, case: f"{member_of(case, 'consulent', world).pk}/",
    ),
}


def _page_errors(response: Any) -> Errors:
    form = response.context["form"]
    found: Errors = {
        name: [str(m) for m in messages] for name, messages in form.errors.items() if name != NON_FIELD_ERRORS
    }
    if form.non_field_errors():
        found[None] = [str(m) for m in form.non_field_errors()]
    return found


def _api_errors(response: Any) -> Errors:
    body = response.json()
    return {
        (None if key == "non_field_errors" else key): list(value) for key, value in body["errors"].items()
    }


@pytest.mark.parametrize("name", list(ACTS))
def test_the_same_refusal_on_the_same_field_on_the_page_and_in_the_api(
    world: World, case: Case, name: str
) -> None:
    act = ACTS[name]
    _prepare_regie(world, case)
    values = act.values(world, case)
    expected = act.expected(world, case)

    client = Client()
    login_verified(client, world.user("lpa"))
    page_data = {f"{act.prefix}-{field}": value for field, value in {**values, **act.page_extra}.items()}
    page = client.post(reverse(f"cases:{act.page}", args=[case.pk, *act.page_args(world, case)]), page_data)
    assert page.status_code == 200
    assert _page_errors(page) == expected
    html = page.content.decode()
    form = page.context["form"]
    for field, messages in expected.items():
        if field is not None:  # next to its field, by the field's error id
            assert f'id="{form[field].auto_id}_error"' in html
        assert all(escape(m) in html for m in messages)
    for field, value in values.items():  # what was typed is still there
        if isinstance(value, str) and field in ("note", "notes", "text", "reason"):
            assert escape(value) in html
    assert act.nothing_saved(case)

    api = APIClient()
    api.force_authenticate(world.user("lpa"))
    path = f"/api/v1/cases/{case.pk}/{act.api_path}{act.api_tail(world, case)}"
    response = getattr(api, act.method)(path, {**values, **act.api_extra}, format="json")
    assert response.status_code == 400, response.content
    assert _api_errors(response) == expected
    assert act.nothing_saved(case)


def test_a_refusal_names_its_field_and_is_a_validation_error() -> None:
    from django.core.exceptions import ValidationError

    one = Refused("Schrijf de reden op.", field="reason", code="required")
    assert isinstance(one, ValidationError)
    assert one.message_dict == {"reason": ["Schrijf de reden op."]} and one.code == "required"
    assert one.by_field() == {"reason": ["Schrijf de reden op."]}
    whole = Refused("Deze casus is afgesloten.")
    assert whole.field is None and whole.by_field() == {None: ["Deze casus is afgesloten."]}
    many = Refused.many({"first_name": ["Vul de voornaam in."], None: ["Niet opgeslagen."]})
    assert many.by_field() == {"first_name": ["Vul de voornaam in."], None: ["Niet opgeslagen."]}
