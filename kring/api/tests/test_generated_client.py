"""The committed schema is fit for generated clients: a client generated from docs/openapi.yaml with
openapi-python-client runs one journey against a running Kring (the test server on 127.0.0.1):
list my cases, read the child's assessment, record a meeting — and a refused request comes back as
the documented error model, not as an exception."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kring.cases.testing import make_world
from kring.cases.tests.helpers import open_case, with_regievoerder

pytestmark = pytest.mark.api_contract

SCHEMA = Path(__file__).resolve().parents[3] / "docs" / "openapi.yaml"
PACKAGE = "kring_api_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Generate the client package from the committed schema and import it."""
    out = tmp_path_factory.mktemp("client") / PACKAGE
    generator = shutil.which("openapi-python-client") or str(
        Path(sys.executable).with_name("openapi-python-client")
    )
    proc = subprocess.run(
        [generator, "generate", "--path", str(SCHEMA), "--output-path", str(out), "--meta", "none"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # The generator formats its output with ruff when it finds it; without ruff on PATH it says so
    # and still writes the package.
    assert (out / "client.py").is_file(), proc.stdout + proc.stderr
    sys.path.insert(0, str(out.parent))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(out.parent))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def _token_for(user: Any) -> str:
    from kring.api.models import ApiToken

    return ApiToken.issue(user)


@pytest.mark.django_db(transaction=True)
def test_a_generated_client_lists_cases_reads_an_assessment_and_records_a_meeting(
    generated: Any, live_server: Any
) -> None:
    world = make_world()
    case = open_case(world)
    with_regievoerder(world, case)
    api = importlib.import_module(f"{PACKAGE}.api")
    cases_list = importlib.import_module(f"{PACKAGE}.api.cases.cases_list")
    assessment = importlib.import_module(f"{PACKAGE}.api.children.children_assessment_retrieve")
    meetings_create = importlib.import_module(f"{PACKAGE}.api.meetings.cases_meetings_create")
    models = importlib.import_module(f"{PACKAGE}.models")
    assert api is not None

    client = generated.AuthenticatedClient(
        base_url=live_server.url, token=_token_for(world.user("lpa")), prefix="Token"
    )

    page = cases_list.sync(client=client)
    assert isinstance(page, models.PaginatedCaseList)
    assert [c.id for c in page.results] == [case.pk]

    answer = assessment.sync(child_id=world.child.pk, client=client)
    assert answer is not None and not isinstance(answer, models.Detail | models.Error)
    assert answer.to_dict()["as_of"] == date.today().isoformat()  # the engine's assessment of today

    held_on = date.today()
    meeting = meetings_create.sync(
        case_id=case.pk,
        client=client,
        body=models.MeetingCreateRequest(
            held_on=held_on, parents_present=True, child_present=False, child_absent_reason="Ziek."
        ),
    )
    assert isinstance(meeting, models.Meeting), meeting
    assert meeting.held_on == held_on

    # Someone outside the circle and the region gets the documented error model back.
    outsider = generated.AuthenticatedClient(
        base_url=live_server.url, token=_token_for(world.user("other_lpa")), prefix="Token"
    )
    refused = meetings_create.sync_detailed(
        case_id=case.pk,
        client=outsider,
        body=models.MeetingCreateRequest(held_on=held_on, parents_present=True, child_present=True),
    )
    assert refused.status_code == 404
    assert isinstance(refused.parsed, models.Detail)
