"""Fixtures: one fictional region with a child and a user in every role (kring.cases.testing)."""

from __future__ import annotations

from typing import Any

import pytest

from kring.cases.testing import World, make_world


@pytest.fixture
def world(db: Any) -> World:
    return make_world()
