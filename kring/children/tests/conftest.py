"""Fixtures for the children tests. All children are fictional."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from kring.accounts.roles import Role
from kring.children.models import Child
from kring.children.services import create_child
from kring.core import testing

# Valid BSNs (they pass the elfproef) that belong to nobody in these tests' world.
BSN_A = "111222333"
BSN_B = "123456782"


@pytest.fixture
def actor(db: Any) -> Any:
    return testing.make_user(role=Role.LEERPLICHTAMBTENAAR, first_name="Lotte", last_name="Leerplicht")


@pytest.fixture
def make_child(db: Any, actor: Any) -> Callable[..., Child]:
    def make(**kwargs: Any) -> Child:
        values: dict[str, Any] = {
            "actor": actor,
            "first_name": "Sam",
            "last_name": "Testkind",
            "birth_date": date(2013, 5, 2),
            "vakantieregio": "midden",
        }
        values.update(kwargs)
        return create_child(**values)

    return make
