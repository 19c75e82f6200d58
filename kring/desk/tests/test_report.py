"""The signals report: its counts on a small world, small counts hidden on the page, in the CSV and in
the PDF, only selected quotes (never the parent's own words), who may see it, and a fixed number
of queries however many questions there are."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.accounts.testing import login_verified
from kring.desk.models import AgeGroup, Channel, SchoolType
from kring.desk.periods import Period, last_complete_quarter, parse_quarter
from kring.desk.report_tables import report_csv, report_tables
from kring.desk.selectors.report import signals_report
from kring.privacy.models import AuditEvent
from kring.privacy.purposes import Purpose

from .report_world import ReportWorld, ask, make_report_world, many, raise_signal_directly

pytestmark = pytest.mark.django_db

K3 = Period(date(2026, 7, 1), date(2026, 9, 30))
OWN_WORDS = "Mijn zoon zit al weken thuis, bel me op 06-12345678."
QUOTE = "Mijn kind zit al twee maanden thuis en niemand belt terug."
HIDDEN = "minder dan 5"
SMALL = re.compile(r"(?<![0-9])[1-4](?![0-9%])")


@pytest.fixture
def world() -> ReportWorld:
    w = make_report_world()
    # July: 6 questions about thuiszitten and a waiting list (one selected as a quote).
    many(w, 5, on=date(2026, 7, 6), categories=("thuiszitten", "wachtlijst"))
    ask(w, on=date(2026, 7, 20), categories=("thuiszitten", "wachtlijst"), quote=QUOTE, channel=Channel.EMAIL)
    # August: 5 about the OPP, at secondary schools, 12 to 16.
    many(
        w,
        5,
        on=date(2026, 8, 17),
        categories=("opp",),
        school_type=SchoolType.VO,
        age_group=AgeGroup.TWAALF_TOT_16,
    )
    # September: 2 about autism, anonymised but not selected as a quote.
    many(w, 2, on=date(2026, 9, 8), categories=("autisme",))
    # Outside the quarter, another SWV, another steunpunt: not counted.
    ask(w, on=date(2026, 6, 30), categories=("opp",))
    ask(w, on=date(2026, 10, 1), categories=("opp",))
    ask(w, on=date(2026, 7, 7), categories=("opp",), swv=w.other_swv)
    ask(w, on=date(2026, 7, 7), categories=("opp",), steunpunt=w.other_worker.organisation)
    return w


def test_the_periods_quarter_and_the_one_before():
    assert parse_quarter("2026-K3") == K3
    assert parse_quarter("2026k3") == K3
    assert K3.previous() == Period(date(2026, 4, 1), date(2026, 6, 30))
    assert K3.label() == "2026-K3 (1 juli 2026 t/m 30 september 2026)"
    assert last_complete_quarter(date(2026, 12, 3)) == Period(date(2026, 7, 1), date(2026, 9, 30))
    assert last_complete_quarter(date(2026, 1, 2)) == Period(date(2025, 10, 1), date(2025, 12, 31))
    free = Period(date(2026, 3, 3), date(2026, 4, 17))
    assert free.previous() == Period(date(2026, 1, 16), date(2026, 3, 2))
    assert parse_quarter("2026-K5") is None


def test_counts_per_category_combination_month_and_school_type(world):
    report = signals_report(steunpunt=world.steunpunt, period=K3, swv=world.swv)
    assert report.total.shown == 13
    per_category = {row.label: row.cell for row in report.categories}
    assert per_category["Thuiszitten"].shown == 6
    assert per_category["Wachtlijst"].shown == 6
    assert per_category["OPP"].shown == 5
    assert per_category["Autisme (ASS)"].hidden and per_category["Autisme (ASS)"].value == 2
    assert per_category["ADHD"].shown == 0
    # Tree order: the root first, then its children by position.
    labels = [row.label for row in report.categories]
    assert labels[0] == "Passend onderwijs" and labels[1] == "Thuiszitten"
    assert report.categories[1].depth == 1
    assert [(row.label, row.cell.shown) for row in report.pairs] == [("Thuiszitten + Wachtlijst", 6)]
    assert report.multi_category.shown == 6
    assert report.thuiszitten.shown == 6
    assert report.thuiszitten_share == pytest.approx(100 * 6 / 13)
    # The months add up to the total: September (2) is hidden, and August (5, the smallest other) too.
    assert [(m.label, m.count.shown if m.count else "") for m in report.trend] == [
        ("juli 2026", 6),
        ("augustus 2026", None),
        ("september 2026", None),
    ]
    # The previous quarter had 1 question: its total and all its months are hidden.
    assert report.previous_total.hidden
    assert [m.previous_label for m in report.trend] == ["april 2026", "mei 2026", "juni 2026"]
    school = {row.label: row.cell.shown for row in report.school_types.rows}
    assert school["Basisschool"] == 8 and school["Middelbare school"] == 5 and school["Mbo"] == 0
    channels = {row.label: row.cell.shown for row in report.channels.rows}
    assert channels["E-mail"] is None  # 1 e-mail
    assert channels["Telefoon"] is None  # hidden with it: the smallest other count


def test_the_whole_steunpunt_counts_every_swv_it_serves(world):
    report = signals_report(steunpunt=world.steunpunt, period=K3)
    assert report.total.shown == 14


def test_only_selected_quotes_and_never_the_parents_own_words(world):
    report = signals_report(steunpunt=world.steunpunt, period=K3, swv=world.swv)
    assert [q.text for q in report.quotes] == [QUOTE]
    everything = report_csv(report)
    assert QUOTE in everything
    assert OWN_WORDS not in everything and "06-12345678" not in everything


def test_no_table_shows_a_count_between_1_and_4(world):
    report = signals_report(steunpunt=world.steunpunt, period=K3, swv=world.swv)
    for table in report_tables(report):
        if table.key in ("citaten", "signalen"):
            continue
        for row in (*table.rows, table.footer):
            for value in row[1:]:
                assert not SMALL.fullmatch(value), f"{table.title}: {row}"
    assert HIDDEN in report_csv(report)


@pytest.fixture
def worker_client(client, world):
    login_verified(client, world.worker)
    return client


def test_the_page_shows_charts_tables_and_the_rule(worker_client, world):
    raise_signal_directly(world, on=date(2026, 9, 14))
    response = worker_client.get(reverse("desk:report"), {"kwartaal": "2026-K3", "swv": world.swv.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="img"' in page and "<title id=" in page
    assert HIDDEN in page
    assert "Kleine aantallen" in page and "kleinste andere aantal" in page
    assert QUOTE in page and OWN_WORDS not in page
    assert "Wachtlijsten so" in page and "Nog geen reactie." in page
    assert 'style="' not in page  # the CSP allows no inline styles


def test_the_default_period_is_the_last_complete_quarter(worker_client):
    response = worker_client.get(reverse("desk:report"))
    assert response.status_code == 200
    assert response.context["report"].period == last_complete_quarter(date.today())


def test_csv_is_for_excel_with_the_period_in_its_name_and_is_audited(worker_client, world):
    response = worker_client.get(reverse("desk:report_csv"), {"kwartaal": "2026-K3", "swv": world.swv.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"signalenrapport-2026-K3-{world.swv.code}.csv" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert "Vragen per categorie" in body and "Aantal vragen" in body and HIDDEN in body
    assert "Autisme (ASS);minder dan 5" in body
    event = AuditEvent.objects.get(code="desk.report_exported")
    assert event.purpose == Purpose.STEUNPUNT and event.child_id is None
    assert event.data["format"] == "csv" and event.data["start"] == "2026-07-01"


def test_pdf_is_a_pdf_and_is_audited(worker_client, world):
    response = worker_client.get(reverse("desk:report_pdf"), {"kwartaal": "2026-K3"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "signalenrapport-2026-K3.pdf" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(code="desk.report_exported", data__format="pdf").count() == 1


def test_free_dates(worker_client):
    response = worker_client.get(
        reverse("desk:report"), {"kwartaal": "eigen", "van": "2026-07-01", "tot": "2026-07-31"}
    )
    assert response.context["report"].period == Period(date(2026, 7, 1), date(2026, 7, 31))
    wrong = worker_client.get(
        reverse("desk:report"), {"kwartaal": "eigen", "van": "2026-07-31", "tot": "2026-07-01"}
    )
    assert wrong.context["report"] is None
    assert "De einddatum ligt voor de begindatum." in wrong.content.decode()


def test_the_director_sees_only_their_own_swv(client, world):
    login_verified(client, world.director)
    # Two steunpunten serve the director's SWV; they choose one.
    response = client.get(reverse("desk:report"), {"kwartaal": "2026-K3", "steunpunt": world.steunpunt.pk})
    assert response.status_code == 200
    assert response.context["report"].swv == world.swv
    assert response.context["report"].total.shown == 13
    other = client.get(
        reverse("desk:report"),
        {"kwartaal": "2026-K3", "swv": world.other_swv.pk, "steunpunt": world.steunpunt.pk},
    )
    assert other.context["report"] is None


@pytest.mark.parametrize("who", ["consulent", "school_user"])
def test_others_may_not_see_the_report(client, world, who):
    login_verified(client, getattr(world, who))
    assert client.get(reverse("desk:report")).status_code == 403
    assert client.get(reverse("desk:report_csv")).status_code == 403
    assert not AuditEvent.objects.filter(code="desk.report_exported").exists()


def test_a_worker_of_another_steunpunt_gets_not_found(client, world):
    login_verified(client, world.other_worker)
    assert client.get(reverse("desk:report"), {"steunpunt": world.steunpunt.pk}).status_code == 404
    assert client.get(reverse("desk:report_pdf"), {"steunpunt": world.steunpunt.pk}).status_code == 404


def test_the_number_of_queries_does_not_grow_with_the_questions(worker_client, world):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = worker_client.get(reverse("desk:report"), {"kwartaal": "2026-K3"})
        assert response.status_code == 200
        return len(queries)

    before = count()
    many(
        world,
        30,
        on=date(2026, 8, 3),
        categories=("adhd", "dyslexie-dyscalculie", "opp"),
        quote="Lang wachten.",
    )
    assert count() == before
