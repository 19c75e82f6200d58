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


@pytest.fixture(autouse=True)
def _dutch_by_default() -> None:
    """Every test starts in Kring's default language. A request that chose English activates it for
    the thread it ran in; without this, the tests after it would run in English."""
    from django.conf import settings

    if not settings.configured:  # the rules engine's tests also run without Django
        return
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
