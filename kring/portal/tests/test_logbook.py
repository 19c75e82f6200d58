"""The family's logbook: who viewed or changed what in the child's file, when, from which
organisation and why, in sentences; filters, CSV, the API, who may read it, and a fixed number of
queries whatever the length of the log."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kring.accounts.testing import login_verified
from kring.cases.audit import case_viewed
from kring.cases.models import Case
from kring.cases.testing import World
from kring.cases.tests.helpers import open_case
from kring.children.models import Child
from kring.children.selectors import search_children
from kring.privacy.crypto import bsn_lookup_hash, encrypt_bsn
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose

pytestmark = pytest.mark.django_db

BSN = "111222333"


def url(world: World, **params: str) -> str:
    return reverse("portal:access_log", args=[world.child.pk])


def parent(world: World) -> Client:
    client = Client()
    login_verified(client, world.user("ouder"))
    return client


def test_the_parent_reads_who_viewed_the_file_in_a_sentence(world: World) -> None:
    case = open_case(world)
    case_viewed(actor=world.user("lpa"), case=case, purpose=Purpose.CASUSREGIE)
    response = parent(world).get(url(world))
    assert response.status_code == 200
    html = response.content.decode()
    lpa = world.user("lpa")
    now = timezone.localtime()
    organisation = world.gemeente.organisation.name
    assert (
        f"om {now:%H}:" in html
        and f"heeft {lpa.display_name} (leerplichtambtenaar, {organisation}) gegevens bekeken." in html
    )
    assert "De casus is bekeken. Doel: Regie op de casus." in html
    assert "iets toegevoegd." in html  # opening the case is a change, by the same person
    assert "Wat is dit logboek?" in html and "Klopt er iets niet?" in html


def test_reading_the_logbook_is_itself_in_the_log(world: World) -> None:
    parent(world).get(url(world))
    event = AuditEvent.objects.get(code="logbook.viewed")
    assert event.child_id == world.child.pk
    assert event.purpose == Purpose.FAMILY_ACCESS
    assert event.actor == world.user("ouder")


@pytest.mark.parametrize(
    "who", ["other_ouder", "lpa", "ib", "consulent", "beheerder", "leerling", "inspecteur"]
)
def test_nobody_but_the_parents_reads_it(world: World, who: str) -> None:
    open_case(world)
    client = Client()
    login_verified(client, world.user(who))
    assert client.get(url(world)).status_code == 404
    assert client.get(reverse("portal:access_log_csv", args=[world.child.pk])).status_code == 404
    api = APIClient()
    api.force_authenticate(world.user(who))
    assert api.get(f"/api/v1/children/{world.child.pk}/access-log/").status_code == 404
    assert not AuditEvent.objects.filter(code__startswith="logbook.").exists()


def test_anonymous_goes_to_the_login_page(world: World) -> None:
    response = Client().get(url(world))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_family_page_links_to_the_logbook(world: World) -> None:
    open_case(world)
    html = parent(world).get(reverse("portal:family")).content.decode()
    assert reverse("portal:access_log", args=[world.child.pk]) in html


def test_no_bsn_on_the_page_or_in_the_download(world: World) -> None:
    Child.objects.filter(pk=world.child.pk).update(
        bsn_encrypted=encrypt_bsn(BSN), bsn_hash=bsn_lookup_hash(BSN)
    )
    open_case(world)
    assert list(search_children(Child.objects.all(), BSN, actor=world.user("lpa"))) == [world.child]
    client = parent(world)
    page = client.get(url(world)).content.decode()
    download = client.get(reverse("portal:access_log_csv", args=[world.child.pk])).content.decode()
    assert AuditEvent.objects.filter(child_id=world.child.pk).count() >= 2
    for text in (page, download):
        assert BSN not in text and "1112.22.333" not in text


def test_filters_changes_only_organisation_and_period(world: World) -> None:
    case = open_case(world)  # a change by the leerplichtambtenaar
    case_viewed(actor=world.user("ib"), case=case, purpose=Purpose.ZORGPLICHT)
    old = case_viewed(actor=world.user("consulent"), case=case, purpose=Purpose.ZORGPLICHT)
    AuditEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    client = parent(world)
    school = world.school.organisation.name
    swv = world.swv.organisation.name

    everything = client.get(url(world)).content.decode()
    assert school in everything and swv in everything
    changes = client.get(url(world), {"soort": "wijzigingen"}).content.decode()
    assert "gegevens bekeken" not in changes and "iets toegevoegd" in changes
    only_school = client.get(url(world), {"organisatie": school}).content.decode()
    assert world.user("lpa").display_name not in only_school.split("regels-titel", 1)[1]
    recent = client.get(url(world), {"van": (timezone.localdate() - timedelta(days=7)).isoformat()})
    assert swv + ")" not in recent.content.decode()
    wrong = client.get(url(world), {"van": "2026-02-01", "tot": "2026-01-01"})
    assert "Deze datum ligt voor de datum" in wrong.content.decode()


def test_the_familys_own_views_only_when_asked(world: World) -> None:
    open_case(world)
    client = parent(world)
    client.get(url(world))  # writes logbook.viewed
    me = world.user("ouder").display_name
    assert f"heeft {me}" not in client.get(url(world)).content.decode()
    assert f"heeft {me}" in client.get(url(world), {"gezin": "on"}).content.decode()


def test_lines_are_grouped_per_day_newest_first(world: World) -> None:
    case = open_case(world)
    older = case_viewed(actor=world.user("ib"), case=case, purpose=Purpose.ZORGPLICHT)
    AuditEvent.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=3))
    html = parent(world).get(url(world)).content.decode()
    today, earlier = timezone.localdate(), timezone.localdate() - timedelta(days=3)
    first = html.index(f'<time datetime="{today:%Y-%m-%d}">')
    second = html.index(f'<time datetime="{earlier:%Y-%m-%d}">')
    assert first < second


def test_the_download_has_the_lines_and_is_logged(world: World) -> None:
    case = open_case(world)
    case_viewed(actor=world.user("lpa"), case=case, purpose=Purpose.CASUSREGIE)
    response = parent(world).get(
        reverse("portal:access_log_csv", args=[world.child.pk]), {"soort": "wijzigingen"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Datum", "Tijd", "Wie"]
    assert rows[1][2] == world.user("lpa").display_name and rows[1][5] == "veranderd"
    assert all(row[5] == "veranderd" for row in rows[1:])  # the page's filter applies
    exported = AuditEvent.objects.get(code="logbook.exported")
    assert exported.action == AuditAction.EXPORT and exported.data == {"lines": len(rows) - 1}


def test_a_name_that_looks_like_a_formula_is_neutralised(world: World) -> None:
    case = open_case(world)
    event = case_viewed(actor=world.user("lpa"), case=case, purpose=Purpose.CASUSREGIE)
    AuditEvent.objects.filter(pk=event.pk).update(actor_name="=HYPERLINK(1)")
    content = parent(world).get(reverse("portal:access_log_csv", args=[world.child.pk])).content.decode()
    assert "'=HYPERLINK(1)" in content


def test_the_api_gives_the_same_lines_paginated(world: World) -> None:
    case = open_case(world)
    case_viewed(actor=world.user("lpa"), case=case, purpose=Purpose.CASUSREGIE)
    api = APIClient()
    api.force_authenticate(world.user("ouder"))
    response = api.get(f"/api/v1/children/{world.child.pk}/access-log/")
    assert response.status_code == 200
    body = response.json()
    assert {"count", "next", "previous", "results"} <= set(body)
    first = body["results"][0]
    assert first["who"] == world.user("lpa").display_name
    assert first["what"] == "De casus is bekeken." and first["purpose"] == Purpose.CASUSREGIE
    assert first["sentence"].endswith("Doel: Regie op de casus.")
    assert AuditEvent.objects.filter(code="logbook.viewed", child_id=world.child.pk).count() == 1
    changes = api.get(f"/api/v1/children/{world.child.pk}/access-log/", {"soort": "wijzigingen"}).json()
    assert all(line["is_change"] for line in changes["results"])
    assert api.get(f"/api/v1/children/{world.child.pk}/access-log/", {"van": "gisteren"}).status_code == 400


def _count(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def _views(world: World, case: Case, n: int) -> None:
    for key in ("lpa", "ib", "consulent") * (n // 3):
        case_viewed(actor=world.user(key), case=case, purpose=Purpose.CASUSREGIE)


def test_the_page_makes_the_same_number_of_queries_for_3_and_30_lines(world: World) -> None:
    client = parent(world)
    api = APIClient()
    api.force_authenticate(world.user("ouder"))
    api_path = f"/api/v1/children/{world.child.pk}/access-log/"
    case = open_case(world)
    _views(world, case, 3)
    few = (_count(client, url(world)), _count(api, api_path))
    _views(world, case, 27)
    assert AuditEvent.objects.filter(child_id=world.child.pk).count() >= 30
    assert (_count(client, url(world)), _count(api, api_path)) == few
