"""The case page renders its panels from the registry (settings.KRING_CASE_PANELS), in that order:
an app adds, removes or moves a panel in the settings, without editing the cases app."""

from __future__ import annotations

from typing import Any

import pytest
from django.template import Context
from django.test import override_settings

from kring.accounts.testing import login_verified
from kring.cases.testing import World
from kring.web.panels import configured_panels, panel

from .helpers import open_case

CIRCLE = "kring.cases.panels.circle_panel"
MEETINGS = "kring.cases.panels.meetings_panel"
PLAN = "kring.cases.panels.plan_panel"
ESCALATIONS = "kring.cases.panels.escalations_panel"


@panel("cases/panels/plan.html")
def nothing_to_show(context: Context, case: Any) -> None:
    """A provider that has nothing for this case."""
    return None


def not_a_panel(context: Context, case: Any) -> dict[str, Any]:
    return {}


def panel_ids(html: str) -> list[str]:
    import re

    return re.findall(r'<section class="kring-section kring-panel" id="([^"]+)"', html)


def test_the_default_panels_in_their_order(world: World, client: Any) -> None:
    case = open_case(world)
    login_verified(client, world.user("lpa"))
    assert panel_ids(client.get(f"/casussen/{case.pk}/").content.decode()) == [
        "kring",
        "overleg",
        "plan",
        "escalaties",
    ]


def test_the_registry_decides_which_panels_and_in_what_order(world: World, client: Any) -> None:
    case = open_case(world)
    login_verified(client, world.user("lpa"))
    panels = [ESCALATIONS, f"{__name__}.nothing_to_show", CIRCLE]
    with override_settings(KRING_CASE_PANELS=panels):
        html = client.get(f"/casussen/{case.pk}/").content.decode()
    assert panel_ids(html) == ["escalaties", "kring"]
    assert html.count("kring/work.css") == 1  # the first panel links the panels' styles, once


def test_a_function_that_is_not_marked_as_a_panel_is_refused() -> None:
    with override_settings(KRING_CASE_PANELS=[f"{__name__}.not_a_panel"]), pytest.raises(TypeError):
        configured_panels("KRING_CASE_PANELS")
