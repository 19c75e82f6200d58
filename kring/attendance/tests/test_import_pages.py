"""The import pages: upload, progress (htmx or a reload), summary or problems, earlier imports; only
the school's own people."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kring.accounts.testing import login_verified
from kring.attendance.models import AttendanceImport, ColumnMapping, ImportStatus
from kring.attendance.services.imports import create_import

from .helpers_import import csv_text, month_rows, preset, school_days

pytestmark = pytest.mark.django_db
NOVEMBER = school_days(date(2026, 11, 2), 20)
URL = "/aanwezigheid/imports/"


def standard() -> ColumnMapping:
    return preset("Kring-standaard")


def post(client: Client, world: Any, text: str, **extra: Any) -> Any:
    data = {
        "school": world.school.pk,
        "mapping": standard().pk,
        "file": SimpleUploadedFile("november.csv", text.encode(), content_type="text/csv"),
        **extra,
    }
    return client.post(URL, data)


def test_upload_then_summary(client: Client, import_world: Any) -> None:
    world = import_world
    login_verified(client, world.users["ib"])
    page = client.get(URL)
    assert page.status_code == 200
    assert "Aanwezigheid inlezen" in page.content.decode()
    response = post(client, world, csv_text(month_rows(NOVEMBER)))
    record = AttendanceImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/aanwezigheid/imports/{record.pk}/"
    html = client.get(response["Location"]).content.decode()
    assert "Het bestand is ingelezen" in html
    assert "16 uur ongeoorloofd verzuim in 4 lesweken" in html
    assert 'href="/aanwezigheid/signalen/"' in html
    assert "november.csv" in client.get(URL).content.decode()  # in the list of earlier imports


def test_problems_name_line_and_column_and_offer_the_same_choices(client: Client, import_world: Any) -> None:
    world = import_world
    login_verified(client, world.users["ib"])
    rows = month_rows(NOVEMBER)
    rows[3] = (rows[3][0], "Sam", "", rows[3][3], -3, "ongeoorloofd")
    response = post(client, world, csv_text(rows))
    html = client.get(response["Location"]).content.decode()
    assert "Het bestand is niet ingelezen" in html
    assert '<td class="utrecht-table__cell">5</td>' in html and "uren" in html
    assert "Het aantal uren kan niet kleiner zijn dan 0." in html
    again = f"?school={world.school.pk}&amp;mapping={standard().pk}"
    assert again in html
    form = client.get(URL + again.replace("&amp;", "&")).content.decode()
    assert f'<option value="{world.school.pk}" selected>' in form


def test_a_form_problem_keeps_the_choices(client: Client, import_world: Any) -> None:
    world = import_world
    login_verified(client, world.users["ib"])
    response = client.post(URL, {"school": world.school.pk, "mapping": standard().pk})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies het bestand." in html
    assert f'<option value="{standard().pk}" selected>' in html


def test_progress_polls_with_htmx_and_reloads_without(client: Client, import_world: Any) -> None:
    world = import_world
    login_verified(client, world.users["ib"])
    record = create_import(
        actor=world.users["ib"], school=world.school, mapping=standard(), filename="nov.csv", data=b"x"
    )
    html = client.get(f"/aanwezigheid/imports/{record.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in html
    assert "Nu verversen" in html
    fragment = client.get(f"/aanwezigheid/imports/{record.pk}/", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()
    AttendanceImport.objects.filter(pk=record.pk).update(status=ImportStatus.KLAAR, summary={"rows": 1})
    done = client.get(f"/aanwezigheid/imports/{record.pk}/", headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"


@pytest.mark.parametrize("who", ["other_ib", "consulent", "lpa", "ouder", "beheerder"])
def test_others_cannot_import_or_see_the_imports(client: Client, import_world: Any, who: str) -> None:
    world = import_world
    record = create_import(
        actor=world.users["ib"], school=world.school, mapping=standard(), filename="nov.csv", data=b"x"
    )
    login_verified(client, world.users[who])
    assert client.get(f"/aanwezigheid/imports/{record.pk}/").status_code in (403, 404)
    if who == "other_ib":  # their own school only: my school is no choice
        response = post(client, world, csv_text(month_rows(NOVEMBER)))
        assert response.status_code == 400
        assert AttendanceImport.objects.count() == 1
    else:
        assert client.get(URL).status_code in (302, 403)


def test_the_navigation_shows_the_page_to_school_roles(client: Client, import_world: Any) -> None:
    world = import_world
    login_verified(client, world.users["schoolleider"])
    assert f'href="{URL}"' in client.get("/").content.decode()
    client.logout()
    login_verified(client, world.users["consulent"])
    assert f'href="{URL}"' not in client.get("/").content.decode()
