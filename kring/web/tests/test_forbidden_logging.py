"""A routine refusal (PermissionDenied from the access policy) is one warning line in the log, with
who, where and why; never a traceback (docs/security.md, "Logging of refusals")."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kring.accounts.testing import login_verified
from kring.cases.testing import World, make_world
from kring.cases.tests.helpers import open_case


@pytest.fixture
def world(db: Any) -> World:
    return make_world()


def test_a_refusal_is_one_line_with_user_path_and_reason(world: World, caplog: Any) -> None:
    case = open_case(world)
    parent = world.user("ouder")
    client = Client()
    login_verified(client, parent)
    url = reverse("cases:transition", args=[case.pk])
    data = {"to_status": "afgesloten", "reason": "x", "on": "2025-10-14", "expected_version": case.version}

    with caplog.at_level(logging.INFO):
        response = client.post(url, data)

    assert response.status_code == 403
    assert "Je hebt geen toegang" in response.content.decode()  # Kring's own 403 page, as before
    forbidden = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(forbidden) == 1, [r.getMessage() for r in forbidden]
    record = forbidden[0]
    assert record.levelno == logging.WARNING
    assert record.exc_info is None and not record.exc_text
    message = record.getMessage()
    assert "\n" not in message
    assert f"user={parent.pk}" in message
    assert f"path={url}" in message
    assert "reason=" in message and len(message.split("reason=", 1)[1]) > 3
