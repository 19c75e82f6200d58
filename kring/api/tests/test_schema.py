"""The committed OpenAPI schema (docs/openapi.yaml) must match what the code generates."""

from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

SCHEMA_FILE = Path(settings.PROJECT_DIR) / "docs" / "openapi.yaml"


def generate_schema() -> str:
    out = StringIO()
    call_command("spectacular", "--api-version", "v1", "--validate", "--fail-on-warn", stdout=out)
    return out.getvalue()


def test_committed_schema_is_up_to_date():
    assert SCHEMA_FILE.exists(), "docs/openapi.yaml is missing: run `make schema`"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == generate_schema(), (
        "docs/openapi.yaml is out of date with the API code: run `make schema` and commit the result"
    )


def test_schema_is_served_to_logged_in_users(client, make_user):
    client.force_login(make_user())
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"/api/v1/organisations/" in response.content
