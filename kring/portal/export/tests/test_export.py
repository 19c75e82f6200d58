"""The family downloads the child's whole file (issue 11, item 8): the JSON holds the child's file
and nothing of another family's; the PDF is a real PDF with the child's name and every section; each
download is in the logbook; the query count does not grow with the file."""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.accounts.testing import login_verified
from kring.cases import services
from kring.cases.models import Case
from kring.cases.testing import World, make_child, make_world
from kring.children.models import Child, LegalRepresentative
from kring.children.services import record_event
from kring.core.testing import make_user
from kring.privacy.crypto import bsn_lookup_hash, encrypt_bsn
from kring.privacy.dossier import FORMAT, VERSION, export_child_file
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose

pytestmark = pytest.mark.django_db

BSN = "111222333"  # passes the elfproef; fictional
OPENED = date(2025, 10, 13)


@dataclass
class Family:
    child: Child
    parent: User
    case: Case
    meeting_notes: str
    agreement: str
    goals: str


def _family(world: World, child: Child, parent: User, *, tag: str) -> Family:
    """A case with a circle, a meeting, an agreement, a plan, a route and a timeline."""
    lpa = world.user("lpa")
    record_event(
        actor=lpa,
        child=child,
        type="inschrijving",
        date=date(2025, 9, 1),
        data={"sector": "po"},
        school=world.school,
        note=f"Ingeschreven ({tag}).",
    )
    # Absent without leave since 6 October: the school must report it (LPW-21), a term of the engine.
    record_event(
        actor=lpa, child=child, type="afwezig", date=date(2025, 10, 6), data={"reden": "ongeoorloofd"}
    )
    case = services.open_case(
        actor=lpa,
        child=child,
        signal_kind="verzuim",
        signal_description=f"{child.first_name} is niet meer op school ({tag}).",
        opened_on=OPENED,
    )
    member = case.circle.get(user=lpa, active=True)
    services.appoint_regievoerder(actor=lpa, case=case, member=member, note="Kent het gezin.", on=OPENED)
    notes = f"Verslag van het overleg over {child.first_name} ({tag})."
    services.record_meeting(
        actor=lpa,
        case=case,
        held_on=OPENED + timedelta(days=3),
        attendees=[member],
        parents_present=True,
        child_present=True,
        child_voice=f"Ik wil naar school ({tag}).",
        notes=notes,
    )
    agreement = f"Schoolbezoek plannen ({tag})."
    services.add_agreement(
        actor=lpa, case=case, text=agreement, owner=member, due_on=OPENED + timedelta(days=20)
    )
    goals = f"Weer twintig uur naar school ({tag})."
    services.set_perspective(
        actor=lpa,
        case=case,
        set_on=OPENED + timedelta(days=5),
        set_with_parents=True,
        set_with_child=True,
        goals=goals,
        needs={"leren": f"Een kleine klas ({tag})."},
    )
    services.set_route(
        actor=lpa,
        case=case,
        kind="hybride",
        start_on=OPENED + timedelta(days=10),
        provider=f"De Brug ({tag})",
        hours_per_week=Decimal("8"),
        needed_kind="onderwijs_zorgarrangement",
    )
    return Family(child, parent, case, notes, agreement, goals)


@pytest.fixture
def families(db: Any) -> tuple[World, Family, Family]:
    world = make_world()
    child = world.child
    child.bsn_encrypted = encrypt_bsn(BSN)
    child.bsn_hash = bsn_lookup_hash(BSN)
    child.save(update_fields=["bsn_encrypted", "bsn_hash"])
    mine = _family(world, child, world.user("ouder"), tag="eerste gezin")
    other_child = make_child(gemeente=world.gemeente, first_name="Daan")
    other_parent = world.user("other_ouder")
    LegalRepresentative.objects.create(
        child=other_child, name="Piet Anders", relation="vader", user=other_parent
    )
    theirs = _family(world, other_child, other_parent, tag="tweede gezin")
    return world, mine, theirs


def _client(user: User) -> Client:
    client = Client()
    login_verified(client, user)
    return client


def _ids(value: Any, key: str) -> set[Any]:
    """Every value of `key` anywhere in a JSON document."""
    found: set[Any] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            if k == key and not isinstance(v, dict | list):
                found.add(v)
            found |= _ids(v, key)
    elif isinstance(value, list):
        for v in value:
            found |= _ids(v, key)
    return found


def test_the_json_holds_the_childs_file(families: tuple[World, Family, Family]) -> None:
    world, mine, _theirs = families
    response = _client(mine.parent).get(reverse("portal:download_json", args=[mine.child.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"dossier-noor-{date.today().year}" in response["Content-Disposition"]
    document = json.loads(response.content)
    assert document["format"] == FORMAT and document["version"] == VERSION
    assert document["child_id"] == mine.child.pk
    assert document["exported_by"] == {"name": mine.parent.display_name, "role": Role.OUDER}
    sections = document["sections"]
    assert list(sections) == [
        "children",
        "cases",
        "attendance",
        "enrolment",
        "desk",
        "opp",
        "placement",
        "timetable",
        "rights_requests",
        "consents",
        "audit",
    ]
    child = sections["children"]["child"]
    assert child["first_name"] == "Noor" and child["birth_date"] == "2015-05-02"
    assert child["bsn"] == BSN  # the family's own data (AVG art. 15); masked only in the PDF
    types = [e["type"] for e in sections["children"]["timeline"]]
    assert types[0] == "inschrijving" and "regievoerder_aangewezen" in types
    assert sections["children"]["timeline"][0]["date"] == "2025-09-01"
    assert sections["children"]["representatives"][0]["name"] == "Sanne Ouder"
    obligations = sections["children"]["assessment"]["obligations"]
    assert all({"rule", "title", "source", "due", "status"} <= set(o) for o in obligations)
    assert obligations and all(o["source"] for o in obligations)
    (case,) = sections["cases"]["cases"]
    assert case["id"] == mine.case.pk and case["opened_on"] == "2025-10-13"
    assert [m["notes"] for m in case["meetings"]] == [mine.meeting_notes]
    assert [a["text"] for a in case["agreements"]] == [mine.agreement]
    assert case["plan"]["goals"] == mine.goals and case["plan"]["needs"][0]["dimension"] == "leren"
    assert case["regievoerders"][0]["member"] == world.user("lpa").display_name
    assert {m["name"] for m in case["circle"]} >= {"Sanne Ouder", world.user("lpa").display_name}
    assert case["routes"][0]["hours_per_week"] == "8"
    codes = [line["code"] for line in sections["audit"]["log"]]
    assert "case.opened" in codes and "dossier.exported" in codes
    assert all(line["sentence"] and line["purpose_label"] for line in sections["audit"]["log"])


def test_the_json_holds_nothing_of_another_family(families: tuple[World, Family, Family]) -> None:
    _world, mine, theirs = families
    response = _client(mine.parent).get(reverse("portal:download_json", args=[mine.child.pk]))
    text = response.content.decode()
    document = json.loads(text)
    for word in ("tweede gezin", theirs.child.first_name, theirs.child.last_name, "Piet Anders"):
        assert word not in text, word
    assert [c["id"] for c in document["sections"]["cases"]["cases"]] == [mine.case.pk]
    assert theirs.child.pk not in _ids(document, "child_id")
    assert _ids(document["sections"]["children"]["timeline"], "id").isdisjoint(
        set(theirs.child.events.values_list("pk", flat=True))
    )
    own_events = set(AuditEvent.objects.filter(child_id=mine.child.pk).values_list("pk", flat=True))
    assert _ids(document["sections"]["audit"]["log"], "id") == own_events


def _pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_is_a_readable_pdf_with_every_section(families: tuple[World, Family, Family]) -> None:
    _world, mine, theirs = families
    response = _client(mine.parent).get(reverse("portal:download_pdf", args=[mine.child.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF-")
    pages, text = _pdf_text(response.content)
    flat = " ".join(text.split())
    assert pages >= 6  # the explanation, then a page per section
    assert f"Dossier van Noor {mine.child.last_name}" in flat
    for heading in (
        "Wat staat hierin?",
        "Je rechten",
        "Klopt er iets niet?",
        "Het kind",
        "Tijdlijn",
        "Termijnen en plichten",
        "Casussen",
        "Overleggen",
        "Afspraken",
        "Aanwezigheid op school",
        "Het ouder- en jeugdsteunpunt",
        "Logboek",
    ):
        assert heading in flat, heading
    assert "AVG, artikel 15" in flat and "AVG, artikel 20" in flat
    assert "Gevraagd door Sanne Ouder" in flat
    assert mine.goals in flat and mine.agreement in flat
    assert "13 oktober 2025" in flat  # dates in words
    assert f"pagina 1 van {pages}" in flat
    assert "******333" in flat and BSN not in flat  # the BSN masked in the PDF
    assert "tweede gezin" not in flat and theirs.child.last_name not in flat


def test_each_download_is_in_the_logbook(families: tuple[World, Family, Family]) -> None:
    _world, mine, _theirs = families
    client = _client(mine.parent)
    for name, fmt in (("portal:download_pdf", "pdf"), ("portal:download_json", "json")):
        before = AuditEvent.objects.filter(child_id=mine.child.pk, code="dossier.exported").count()
        assert client.get(reverse(name, args=[mine.child.pk])).status_code == 200
        lines = AuditEvent.objects.filter(child_id=mine.child.pk, code="dossier.exported")
        assert lines.count() == before + 1
        line = lines.latest("pk")
        assert line.action == AuditAction.EXPORT and line.purpose == Purpose.FAMILY_ACCESS
        assert line.data == {"format": fmt} and line.actor == mine.parent
    api = Client()
    login_verified(api, mine.parent)
    response = api.get(f"/api/v1/children/{mine.child.pk}/export/")
    assert response.status_code == 200 and response.json()["format"] == FORMAT
    assert response["Content-Disposition"].startswith("attachment;")
    assert AuditEvent.objects.filter(child_id=mine.child.pk, code="dossier.exported").count() == 3


def _without_token(html: bytes) -> str:
    """The page without what differs per request: the CSRF token, and the address itself (the
    language form's `next`)."""
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html.decode())
    return re.sub(r'name="next" value="[^"]*"', "", text)


def test_a_parent_of_another_child_gets_404_like_a_child_that_does_not_exist(
    families: tuple[World, Family, Family],
) -> None:
    _world, mine, theirs = families
    client = _client(theirs.parent)
    missing = Child.objects.order_by("-pk").first().pk + 100  # type: ignore[union-attr]
    for name in ("portal:download_pdf", "portal:download_json"):
        other = client.get(reverse(name, args=[mine.child.pk]))
        none = client.get(reverse(name, args=[missing]))
        assert other.status_code == none.status_code == 404
        assert _without_token(other.content) == _without_token(none.content)  # reveals nothing
    other = client.get(f"/api/v1/children/{mine.child.pk}/export/")
    none = client.get(f"/api/v1/children/{missing}/export/")
    assert other.status_code == none.status_code == 404 and other.json() == none.json()
    assert not AuditEvent.objects.filter(child_id=mine.child.pk, actor=theirs.parent).exists()


def test_the_family_page_has_the_download_buttons_per_child(families: tuple[World, Family, Family]) -> None:
    _world, mine, theirs = families
    second = make_child(first_name="Lot")
    LegalRepresentative.objects.create(child=second, name="Sanne Ouder", relation="moeder", user=mine.parent)
    html = _client(mine.parent).get(reverse("portal:family")).content.decode()
    for child in (mine.child, second):
        assert reverse("portal:download_pdf", args=[child.pk]) in html
        assert reverse("portal:download_json", args=[child.pk]) in html
    assert reverse("portal:download_pdf", args=[theirs.child.pk]) not in html


def _grow_timeline(family: Family, n: int) -> None:
    for i in range(n):
        record_event(
            actor=None,
            child=family.child,
            type="afwezig",
            date=date(2025, 10, 1) + timedelta(days=i),
            data={"reden": "ziek"},
        )


def _queries(child: Child, parent: User) -> int:
    make_user(role=Role.OUDER)  # nothing else changes between the runs
    with CaptureQueriesContext(connection) as queries:
        export_child_file(child, exported_by=parent)
    return len(queries)


def test_the_query_count_does_not_grow_with_the_file(families: tuple[World, Family, Family]) -> None:
    world, mine, theirs = families
    lpa = world.user("lpa")
    _grow_timeline(mine, 3)
    _grow_timeline(theirs, 30)
    for family, n in ((mine, 3), (theirs, 30)):
        for i in range(n):
            services.add_agreement(
                actor=lpa,
                case=family.case,
                text=f"Afspraak {i}.",
                owner=family.case.circle.get(user=lpa, active=True),
                due_on=OPENED + timedelta(days=30 + i),
            )
    export_child_file(mine.child)  # the stored assessments are fresh from here on
    export_child_file(theirs.child)
    assert _queries(mine.child, mine.parent) == _queries(theirs.child, theirs.parent)


def test_making_the_pdf_writes_no_glyphs_to_the_servers_log(families: tuple[World, Family, Family]) -> None:
    # With Kring's own logging (INFO, as in production), fontTools listed every glyph it kept of the
    # fonts: the letters of the child's name in the server's log.
    import logging
    import logging.config

    from django.conf import settings

    from kring.portal.export.pdf import file_pdf
    from kring.privacy.dossier import collect
    from kring.settings import base

    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    _world, mine, _theirs = families
    logging.config.dictConfig(base.LOGGING)
    logging.getLogger().addHandler(Keep())
    try:
        file_pdf(collect(mine.child, exported_by=mine.parent))
    finally:
        logging.config.dictConfig(settings.LOGGING)
    assert not [r for r in records if r.name.startswith("fontTools")]
