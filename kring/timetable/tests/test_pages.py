"""The onderwijstijd pages as the school, the samenwerkingsverband, the leerplichtambtenaar and the
family use them: the list with the engine's answers (consent missing, verborgen thuiszitter), its
filters, search, pages and CSV; the child's page and panels; the school's forms that keep what was
typed; and who is refused."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.accounts.testing import login_verified
from kring.cases.testing import make_child
from kring.cases.tests.helpers import open_case
from kring.privacy.models import AuditEvent
from kring.timetable import selectors, services
from kring.timetable.models import ReducedTimetable
from kring.timetable.testing import TimetableWorld, enrol, make_timetable_world, record

pytestmark = pytest.mark.django_db

LIST = reverse("timetable:list")


@pytest.fixture
def tw() -> TimetableWorld:
    return make_timetable_world()


def _client(tw: TimetableWorld, who: str) -> Client:
    client = Client()
    login_verified(client, tw.world.user(who))
    return client


def _page(client: Client, url: str, **params: str) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content.decode()


def test_the_list_shows_missing_consent_and_the_verborgen_thuiszitter(tw: TimetableWorld) -> None:
    record(tw)
    for who in ("ib", "consulent", "lpa"):
        html = _page(_client(tw, who), LIST)
        assert tw.child.last_name in html
        assert "Toestemming inspectie ontbreekt" in html and "OT-02" in html and "WPO art. 8 lid 10" in html
        assert "Verborgen thuiszitter" in html and "TZ-06" in html
        assert "12 <span" in html or ">12<" in html or "12 " in html
    assert AuditEvent.objects.filter(code="timetable.listed", child_id=tw.child.pk).count() == 3


def test_consent_makes_the_obligation_met_on_the_list(tw: TimetableWorld) -> None:
    timetable = record(tw)
    services.record_inspectorate_consent(
        actor=tw.world.user("ib"), timetable=timetable, consent_on=tw.today - timedelta(days=1)
    )
    html = _page(_client(tw, "ib"), LIST)
    assert "Toestemming inspectie ontbreekt" not in html.split("results-title")[1]
    assert "Instemming inspectie: te laat" in html


def test_the_filters_and_the_search(tw: TimetableWorld) -> None:
    record(tw)
    other = make_child(gemeente=tw.world.gemeente, first_name="Sem")
    enrol(tw.world, other, on=tw.today - timedelta(days=300))
    services.record_inspectorate_consent(
        actor=tw.world.user("ib"),
        timetable=record(
            tw, child=other, starts_on=tw.today - timedelta(days=3), requested_on=tw.today - timedelta(days=9)
        ),
        consent_on=tw.today - timedelta(days=5),
    )
    client = _client(tw, "ib")
    both = _page(client, LIST)
    assert tw.child.last_name in both and other.last_name in both
    missing = _page(client, LIST, zonder_instemming="on")
    assert tw.child.last_name in missing and other.last_name not in missing
    long = _page(client, LIST, langer_dan_28_dagen="on")
    assert tw.child.last_name in long and other.last_name not in long
    found = _page(client, LIST, q="Sem")
    assert other.last_name in found and tw.child.last_name not in found
    nobody = _page(client, LIST, q="Onbekend")
    assert "Geen kinderen gevonden" in nobody and "Wis de filters" in nobody


def test_the_empty_list_says_why(tw: TimetableWorld) -> None:
    html = _page(_client(tw, "lpa"), LIST)
    assert "Geen kinderen met minder onderwijstijd" in html


def test_the_csv_has_every_row_with_rule_and_source(tw: TimetableWorld) -> None:
    record(tw)
    response = _client(tw, "lpa").get(LIST, {"formaat": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Voornaam" and len(rows) == 2
    assert rows[1][1] == tw.child.last_name and rows[1][4] == "12"
    assert rows[1][8] == "Toestemming inspectie ontbreekt" and rows[1][9] == "OT-02"
    assert "WPO art. 8 lid 10" in rows[1][10] and rows[1][11] == "ja"
    assert AuditEvent.objects.filter(code="timetable.exported", child_id=tw.child.pk).exists()


def test_pages_of_25(tw: TimetableWorld) -> None:
    for i in range(26):
        child = make_child(gemeente=tw.world.gemeente, first_name=f"Kind{i}")
        enrol(tw.world, child, on=tw.today - timedelta(days=300))
        record(tw, child=child)
    client = _client(tw, "ib")
    first = _page(client, LIST)
    assert "26 kinderen met minder onderwijstijd" in " ".join(first.split())
    assert 'rel="next"' in first and first.count('scope="row"') == 25
    second = _page(client, LIST, page="2")
    assert 'rel="prev"' in second and 'rel="next"' not in second and second.count('scope="row"') == 1


def test_the_list_reads_the_read_model_in_a_fixed_number_of_queries(tw: TimetableWorld) -> None:
    def count() -> int:
        rows = selectors.list_rows(tw.world.user("lpa"), selectors.Filters(), today=tw.today)  # warm
        with CaptureQueriesContext(connection) as queries:
            rows = selectors.list_rows(tw.world.user("lpa"), selectors.Filters(), today=tw.today)
        assert all(r.consent.missing and r.verborgen for r in rows)
        return len(queries)

    record(tw)
    one = count()
    for i in range(4):
        child = make_child(gemeente=tw.world.gemeente, first_name=f"Kind{i}")
        enrol(tw.world, child, on=tw.today - timedelta(days=300))
        record(tw, child=child)
    assert count() == one


def test_who_may_see_the_list(tw: TimetableWorld) -> None:
    record(tw)
    for who in ("ouder", "jeugdhulp", "beheerder", "inspecteur", "steunpunt"):
        assert _client(tw, who).get(LIST).status_code == 403, who
    for who in ("other_ib", "other_consulent", "other_lpa"):
        html = _page(_client(tw, who), LIST)
        assert tw.child.last_name not in html, who


def test_the_record_form_keeps_what_was_typed_and_names_the_rule(tw: TimetableWorld) -> None:
    client = _client(tw, "ib")
    url = reverse("timetable:record", args=[tw.child.pk])
    assert _page(client, url)
    typed = {
        "school": str(tw.world.school.pk),
        "hours_per_week": "12,5",
        "normal_hours_per_week": "25",
        "starts_on": (tw.today - timedelta(weeks=5)).isoformat(),
        "ground": "",
        "reason": "Zij is snel moe na haar operatie.",
    }
    response = client.post(url, typed)
    html = response.content.decode()
    assert response.status_code == 400
    assert "lichamelijke of psychische redenen" in html and "OT-02" in html
    assert "Zij is snel moe na haar operatie." in html and 'value="12,5"' in html
    assert not ReducedTimetable.objects.exists()
    response = client.post(url, {**typed, "ground": "lichamelijk"})
    assert response.status_code == 302
    timetable = ReducedTimetable.objects.get()
    assert timetable.hours_per_week == Decimal("12.5") and timetable.ground == "lichamelijk"


def test_only_the_school_gets_the_forms(tw: TimetableWorld) -> None:
    timetable = record(tw)
    for who in ("consulent", "lpa"):
        client = _client(tw, who)
        assert client.get(reverse("timetable:record", args=[tw.child.pk])).status_code == 403
        assert client.get(reverse("timetable:consent", args=[timetable.pk])).status_code == 403
        html = _page(client, reverse("timetable:child", args=[tw.child.pk]))
        assert "Toestemming inspectie ontbreekt" in html and "Instemming vastleggen" not in html
    assert _client(tw, "other_ib").get(reverse("timetable:consent", args=[timetable.pk])).status_code == 404


def test_request_and_consent_from_the_childs_page(tw: TimetableWorld) -> None:
    timetable = record(tw)
    client = _client(tw, "ib")
    page = _page(client, reverse("timetable:child", args=[tw.child.pk]))
    assert "Aanvraag vastleggen" in page and "Instemming vastleggen" in page
    asked = client.post(
        reverse("timetable:request", args=[timetable.pk]),
        {"requested_on": (tw.today - timedelta(days=20)).isoformat()},
    )
    assert asked.status_code == 302
    wrong = client.post(
        reverse("timetable:consent", args=[timetable.pk]),
        {"consent_on": (tw.today - timedelta(days=30)).isoformat()},
    )
    assert wrong.status_code == 400 and "eerder instemmen" in wrong.content.decode()
    done = client.post(
        reverse("timetable:consent", args=[timetable.pk]), {"consent_on": tw.today.isoformat()}
    )
    assert done.status_code == 302
    page = _page(client, reverse("timetable:child", args=[tw.child.pk]))
    assert "Instemming inspectie: te laat" in page and "Toestemming inspectie ontbreekt" not in page
    ended = client.post(reverse("timetable:end", args=[timetable.pk]), {"ends_on": tw.today.isoformat()})
    assert ended.status_code == 302


def test_the_panels_on_the_child_the_case_and_the_family_view(tw: TimetableWorld) -> None:
    record(tw)
    ib = _client(tw, "ib")
    child_page = _page(ib, reverse("cases:open", args=[tw.child.pk]))
    assert 'id="onderwijstijd"' in child_page and "Toestemming inspectie ontbreekt" in child_page
    assert "Instemming vastleggen" in child_page
    case = open_case(tw.world, on=tw.today - timedelta(days=2))
    case_page = _page(_client(tw, "lpa"), reverse("cases:detail", args=[case.pk]))
    assert 'id="onderwijstijd"' in case_page and "Verborgen thuiszitter" in case_page
    family = _page(_client(tw, "ouder"), reverse("portal:child", args=[tw.child.pk]))
    assert "Minder uren les" in family and "12 uur les per week. Normaal is dat 25 uur." in family
    assert "De inspectie heeft hier nog niet mee ingestemd." in family and "verborgen thuiszitter" in family
    assert "Instemming vastleggen" not in family
    assert _client(tw, "ouder").get(reverse("timetable:child", args=[tw.child.pk])).status_code == 302


def test_the_agenda_links_the_ot02_term_to_the_childs_onderwijstijd(tw: TimetableWorld) -> None:
    record(tw)
    from kring.agenda.selectors import agenda_for_user  # the agenda's own read

    entries = agenda_for_user(tw.world.user("ib"), today=tw.today)
    (entry,) = [e for e in entries if e.rule == "OT-02"]
    assert entry.url == reverse("timetable:child", args=[tw.child.pk])


def test_a_consent_that_runs_out_goes_on_the_schools_agenda(tw: TimetableWorld) -> None:
    timetable = record(tw, starts_on=tw.today, requested_on=tw.today - timedelta(days=10))
    services.record_inspectorate_consent(
        actor=tw.world.user("ib"),
        timetable=timetable,
        consent_on=tw.today,
        consent_until=tw.today + timedelta(days=5),
    )
    from kring.agenda.selectors import agenda_for_user

    entries = [e for e in agenda_for_user(tw.world.user("ib"), today=tw.today) if e.kind == "onderwijstijd"]
    (entry,) = entries
    assert entry.due == tw.today + timedelta(days=5) and "loopt af" in entry.title


def test_the_whole_file_download_holds_the_reduced_timetable(tw: TimetableWorld) -> None:
    import json

    record(tw, requested_on=tw.today - timedelta(days=30))
    response = _client(tw, "ouder").get(reverse("portal:download_json", args=[tw.child.pk]))
    assert response.status_code == 200
    (row,) = json.loads(response.content)["sections"]["timetable"]["reduced_timetables"]
    assert row["hours_per_week"] == "12" and row["normal_hours_per_week"] == "25"
    assert row["ground"] == "psychisch" and row["consent_on"] is None
    assert row["requested_on"] == (tw.today - timedelta(days=30)).isoformat()
    pdf = _client(tw, "ouder").get(reverse("portal:download_pdf", args=[tw.child.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_the_list_page_needs_as_many_queries_for_five_children_as_for_one(tw: TimetableWorld) -> None:
    client = _client(tw, "lpa")

    def count() -> int:
        _page(client, LIST)  # the read model is fresh after the first look
        with CaptureQueriesContext(connection) as queries:
            _page(client, LIST)
        return len(queries)

    record(tw)
    one = count()
    for i in range(4):
        child = make_child(gemeente=tw.world.gemeente, first_name=f"Kind{i}")
        enrol(tw.world, child, on=tw.today - timedelta(days=300))
        record(tw, child=child)
    assert count() == one


def test_a_fact_removed_from_the_timeline_by_hand_is_said_so(tw: TimetableWorld) -> None:
    from kring.children.services import delete_event

    timetable = record(tw)
    assert timetable.event is not None
    delete_event(actor=tw.world.user("ib"), event=timetable.event, reason="Per ongeluk dubbel vastgelegd.")
    html = _page(_client(tw, "ib"), reverse("timetable:child", args=[tw.child.pk]))
    assert "Niet op de tijdlijn" in html and "Toestemming inspectie ontbreekt" not in html
