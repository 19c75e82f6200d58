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


@panel("cases/panels/plan.html", anchor="niets", title="Niets")
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
        "instanties",  # what the institutions owe: the leerplichtambtenaar's panel (kring.children)
        "toestemming",  # who may see what, and on which basis: law or the family's consent (kring.portal)
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


def toc_links(html: str) -> list[str]:
    import re

    nav = html.split('<nav class="kring-toc"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'href="#([^"]+)"', nav)


def test_the_table_of_contents_links_every_part_shown(world: World, client: Any) -> None:
    case = open_case(world)
    login_verified(client, world.user("lpa"))
    html = client.get(f"/casussen/{case.pk}/").content.decode()
    links = toc_links(html)
    assert links == [
        "signaal",
        "beoordeling",
        "tijdlijn",
        "kring",
        "overleg",
        "plan",
        "escalaties",
        "instanties",
        "toestemming",
    ]
    for anchor in links:
        assert f'id="{anchor}"' in html, anchor
    assert html.count('href="#op-deze-pagina"') == len(links)  # "Naar boven" after every part


def test_the_table_of_contents_follows_the_registry(world: World, client: Any) -> None:
    case = open_case(world)
    login_verified(client, world.user("lpa"))
    with override_settings(KRING_CASE_PANELS=[ESCALATIONS, f"{__name__}.nothing_to_show", CIRCLE]):
        html = client.get(f"/casussen/{case.pk}/").content.decode()
    assert toc_links(html)[-2:] == ["escalaties", "kring"]
    assert "plan" not in toc_links(html) and "niets" not in toc_links(html)


def test_every_panel_has_the_section_its_anchor_names(world: World, client: Any) -> None:
    case = open_case(world)
    login_verified(client, world.user("lpa"))
    html = client.get(f"/casussen/{case.pk}/").content.decode()
    shown = toc_links(html)
    for provider in configured_panels("KRING_CASE_PANELS"):
        if provider.panel_anchor not in shown:  # nothing to show for this case (e.g. no steunpunt link)
            assert f'id="{provider.panel_anchor}"' not in html
            continue
        assert f'<section class="kring-section kring-panel" id="{provider.panel_anchor}"' in html
    assert set(shown) >= {"kring", "overleg", "plan", "escalaties"}
