"""Fixtures of the case and child API tests: the fictional region of kring.cases.testing."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from kring.accounts.models import User
from kring.cases.testing import World, make_world


@pytest.fixture
def world(db: Any) -> World:
    return make_world()


@pytest.fixture
def as_user(world: World) -> Any:
    """`as_user("lpa")`: an API client logged in as that user of the world (session auth)."""

    def client_for(key: str | User) -> APIClient:
        client = APIClient()
        client.force_authenticate(world.user(key) if isinstance(key, str) else key)
        return client

    return client_for
