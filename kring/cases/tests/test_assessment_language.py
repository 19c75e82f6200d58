"""The case page says the rules' explanations in the chosen language (issue 8): the engine writes
Dutch; on the English page each obligation's explanation is the English one, dates in English."""

from __future__ import annotations

from html import unescape

from kring.cases.testing import World

from .helpers import open_case, thuiszitter_timeline
from .test_pages_overview import client_for, detail_url, page_html

KR3M_NL = (
    "(geen wet): binnen 3 maanden na 6 oktober 2025, dus uiterlijk 6 januari 2026, moeten er een regievoerder"
)
KR3M_EN = (
    "(not law): within 3 months after 6 October 2025, so by 6 January 2026, there must be a coordinator, "
    "a development perspective, a route and an evaluation frequency. Not yet arranged: coordinator, "
    "development perspective, route and evaluation frequency."
)


def test_case_page_in_english_shows_english_explanations(world: World) -> None:
    thuiszitter_timeline(world)
    case = open_case(world)
    client = client_for(world, "lpa")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = unescape(page_html(client, detail_url(case)))
    assert f"Regional agreement of {world.swv} {KR3M_EN}" in html
    assert "Within 3 months: coordinator, development perspective" in html  # the rule's title
    assert KR3M_NL not in html and "Nog niet geregeld" not in html


def test_case_page_in_dutch_keeps_the_dutch_explanations(world: World) -> None:
    thuiszitter_timeline(world)
    case = open_case(world)
    client = client_for(world, "lpa")
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    html = unescape(page_html(client, detail_url(case)))
    assert f"Regionale afspraak van {world.swv} {KR3M_NL}" in html
    assert "Nog niet geregeld: regievoerder, ontwikkelperspectief, route en evaluatiefrequentie." in html
    assert "Binnen 3 maanden: regievoerder, ontwikkelperspectief" in html
    assert KR3M_EN not in html
