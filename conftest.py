"""Fixtures shared by the whole suite.

Django is imported lazily, so the rules engine's tests also run without it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    from kring.core import testing

    return testing.make_user


@pytest.fixture
def make_organisation(db: Any) -> Callable[..., Any]:
    from kring.core import testing

    return testing.make_organisation
