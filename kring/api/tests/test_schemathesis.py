"""The API against its committed schema (docs/openapi.yaml), with generated requests (schemathesis).

For every operation of the schema, schemathesis generates a bounded number of requests (valid and
invalid ones) and sends each, in-process through Kring's WSGI application, as three people of the
test region: the leerplichtambtenaar who opened the case (the whole file), a parent of the child
(family rights) and an intern begeleider of a school elsewhere (sees nothing of this child). Each
request is sent twice: with the generated ids and with the ids of the real case, child and circle,
so that the answers to existing objects are checked too, not only the 404s of random ids.

What must hold for every answer: no server error (5xx), and the answer (status, content type and
body) is one the schema documents. The number of examples is bounded (KRING_SCHEMATHESIS_EXAMPLES,
default 6) so `make test` stays within its time.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis import checks

from kring.accounts.testing import login_verified
from kring.cases.testing import World, make_world
from kring.cases.tests.helpers import open_case, with_regievoerder

pytestmark = pytest.mark.api_contract

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "docs" / "openapi.yaml"
SCHEMA = schemathesis.openapi.from_path(SCHEMA_PATH)
EXAMPLES = int(os.environ.get("KRING_SCHEMATHESIS_EXAMPLES", "6"))
WSGI = get_wsgi_application()
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


class Person:
    """The cookies and headers of one person's verified session (CSRF included, as a browser's)."""

    def __init__(self, user: Any) -> None:
        client = Client()
        login_verified(client, user)
        csrf = _get_new_csrf_string()
        self.cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf}
        self.headers = {"X-CSRFToken": csrf}


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Any:
    """Django closes the database connection after each request; in-process, that would close the
    test's own transaction. Django's test client disconnects this handler in the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def region(db: Any) -> dict[str, Any]:
    world: World = make_world()
    case = open_case(world)
    member = with_regievoerder(world, case)
    real_ids = {
        "case_id": case.pk,
        "child_id": world.child.pk,
        "member_id": member.pk,
    }
    people = {key: Person(world.user(key)) for key in ("lpa", "ouder", "other_ib")}
    return {"ids": real_ids, "people": people}


def _with_real_ids(case: Any, ids: dict[str, int]) -> bool:
    """Put the real case, child and member ids into the path; False when the path has none of them."""
    params = dict(case.path_parameters or {})
    changed = False
    for name in params:
        if name in ids:
            params[name] = ids[name]
            changed = True
    if changed:
        case.path_parameters = params
    return changed


@SCHEMA.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_every_answer_is_documented_and_none_is_a_server_error(case: Any, region: dict[str, Any]) -> None:
    for person in region["people"].values():
        response = case.call(app=WSGI, headers=person.headers, cookies=person.cookies)
        case.validate_response(response, checks=CHECKS)
        if _with_real_ids(case, region["ids"]):
            response = case.call(app=WSGI, headers=person.headers, cookies=person.cookies)
            case.validate_response(response, checks=CHECKS)


def test_the_schema_covers_the_api() -> None:
    """The run above reaches every documented operation (a schema that lost its paths would pass
    it vacuously)."""
    text = SCHEMA_PATH.read_text(encoding="utf-8")
    assert len(re.findall(r"^  /api/v1/", text, flags=re.M)) >= 20
