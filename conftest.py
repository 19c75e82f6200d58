"""Fixtures shared by the whole suite."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kring.core import testing


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    return testing.make_user


@pytest.fixture
def make_organisation(db: Any) -> Callable[..., Any]:
    return testing.make_organisation
