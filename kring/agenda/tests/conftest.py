"""Fixtures for the agenda tests: the fictional world of the case tests."""

from __future__ import annotations

from typing import Any

import pytest

from kring.cases.testing import World, make_world


@pytest.fixture
def world(db: Any) -> World:
    return make_world()
