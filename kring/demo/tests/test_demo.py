"""The demo region shows the situations Kring is for, through the same engine the case pages use."""

from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import call_command

from kring.accounts.models import User
from kring.cases.models import Case, Route
from kring.children.assessment import assess_child
from kring.children.models import Child
from kring.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from kring.demo.services import load_demo
from kring.privacy.models import AuditEvent

TODAY = date(2026, 11, 23)  # a Monday in the school year; the demo dates are relative to it


@pytest.fixture
def demo(db):
    return load_demo(today=TODAY, reference_dir=settings.KRING_REFERENCE_DIR)


def assessment(first_name: str) -> dict[str, Any]:
    return assess_child(Child.objects.get(first_name=first_name), as_of=TODAY).to_dict()


def obligations(first_name: str) -> dict[str, dict[str, Any]]:
    return {o["rule"]: o for o in assessment(first_name)["obligations"]}


def test_every_demo_account_can_log_in(demo, rf):
    for account in DEMO_ACCOUNTS:
        user = authenticate(rf.post("/account/inloggen/"), username=account.username, password=DEMO_PASSWORD)
        assert user is not None, account.username
    professionals = User.objects.exclude(role__in=["ouder", "leerling"]).select_related("organisation")
    kinds = {u.organisation.kind for u in professionals if u.organisation}
    assert kinds >= {"school", "swv", "gemeente", "jeugdhulp", "steunpunt"}


def test_the_region_is_real_and_the_children_fictional(demo):
    assert demo.swv.code == "PO2605"
    assert demo.gemeente.name == "Nieuwegein"
    assert demo.schools["12FF00"].organisation.name == "Koningin Beatrixschool"
    assert Child.objects.count() == 8  # seven with a case or a story, and Daan who is aangemeld
    for child in Child.objects.all():
        assert child.bsn_hash is None  # fictional children get no BSN


def test_a_child_at_risk_through_absence_has_a_report_due(demo):
    assert obligations("Sem")["LPW-21"]["status"] in {"open", "overdue"}


def test_a_long_term_thuiszitter_without_a_plan_is_escalated(demo):
    result = assessment("Noor")
    assert result["thuiszitter"]["category"] == "langdurig_relatief_verzuim"
    kr3m = obligations("Noor")["KR-3M"]
    assert kr3m["status"] == "overdue"
    assert set(kr3m["missing"]) == {"regievoerder", "ontwikkelperspectief", "route", "evaluatiefrequentie"}
    assert Case.objects.get(child__first_name="Noor").escalated


def test_a_child_with_an_opp_in_sbo_has_open_consent_and_an_unreported_suspension(demo):
    found = obligations("Milan")
    assert found["OPP-05"]["status"] == "met"
    assert found["OPP-04"]["status"] == "open"
    assert found["ZP-10"]["status"] == "open"


def test_a_pending_aanmelding_and_a_waiting_list(demo):
    assert obligations("Sara")["ZP-05"]["status"] == "open"
    assert obligations("Youssef")["ZP-05"]["status"] == "open"
    route = Route.objects.get(case__child__first_name="Youssef")
    assert route.needed_kind != route.kind  # what he needs is recorded apart from what is offered


def test_a_hidden_thuiszitter_with_a_5a_exemption(demo):
    result = assessment("Emma")
    assert result["thuiszitter"] is None
    assert [v["reason"] for v in result["verborgen"]] == ["vrijstelling_5a"]
    assert set(obligations("Emma")["KR-3M"]["missing"]) == {"route", "evaluatiefrequentie"}


def test_a_thuiszitter_with_everything_in_place_meets_the_norm(demo):
    assert obligations("Lotte")["KR-3M"]["status"] == "met"
    parent = User.objects.get(username="ouder")
    assert Child.objects.get(first_name="Lotte").representatives.get().user == parent


def test_everything_written_for_the_demo_is_in_the_log(demo):
    lotte = Child.objects.get(first_name="Lotte")
    assert AuditEvent.objects.filter(child_id=lotte.pk).count() >= 5


def test_demo_if_empty_leaves_a_filled_database_alone(demo):
    before = Child.objects.count()
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert "niet opnieuw geladen" in out.getvalue()
    assert Child.objects.count() == before == 8


def test_demo_accounts_are_printed_with_where_to_log_in(demo):
    out = StringIO()
    call_command("demo", "--accounts", stdout=out)
    text = out.getvalue()
    assert "/account/inloggen/" in text
    for account in DEMO_ACCOUNTS:
        assert account.username in text


def test_the_demo_beheerder_manages_people_and_organisations_but_not_children(demo, client):
    from kring.accounts.testing import login_verified

    login_verified(client, User.objects.get(username="beheerder"))
    assert client.get("/beheer/accounts/user/").status_code == 200
    assert client.get("/beheer/organisations/organisation/?q=Beatrix").status_code == 200
    # Children and cases are not in the admin at all: they are only reached through the access policy.
    assert client.get("/beheer/children/child/").status_code == 404


def test_the_demo_steunpunt_has_questions_for_the_signals_report(demo):
    from collections import Counter

    from kring.desk.models import DeskSettings, PolicySignal, Question, QuestionStatus

    steunpunt = demo.organisations["steunpunt"]
    settings = DeskSettings.objects.get(steunpunt=steunpunt)
    assert settings.public_form_enabled and settings.coordinator == demo.users["steunpunt"]
    assert list(settings.swvs.all()) == [demo.swv]
    questions = Question.objects.filter(steunpunt=steunpunt)
    per_category = Counter(code for code in questions.values_list("categories__code", flat=True))
    assert per_category["thuiszitten"] >= 5 and per_category["onderwijstijd"] >= 5
    assert 0 < per_category["leerlingenvervoer"] < 5  # suppressed in the report
    assert questions.filter(status=QuestionStatus.GESLOTEN).count() >= 10
    assert questions.filter(quote_selected=True).exists()
    # The nightly tick of the demo escalated the late ones and removed old contact details.
    assert questions.filter(status=QuestionStatus.OPEN, escalated_on=TODAY).count() == 2
    removed = questions.filter(contact_removed_on=TODAY)
    assert removed.exists() and not removed.exclude(question_text="").exists()
    (signal,) = PolicySignal.objects.filter(swv=demo.swv)
    assert signal.responded_on is None


def test_the_demo_school_has_read_in_its_attendance_and_has_signals_to_handle(demo, client):
    from kring.attendance.models import AbsenceRecord, AttendanceImport, AttendanceSignal

    record = AttendanceImport.objects.get(school=demo.schools["12FF00"])
    assert record.status == "klaar" and record.errors == []
    kinds = {(s.pupil_name, s.kind) for s in AttendanceSignal.objects.filter(source=record)}
    assert {("Finn Dekker", "lpw20"), ("Zoë Vermeulen", "lrv"), ("Ravi Jansen", "vaak_ziek")} <= kinds
    assert ("Mila de Wit", "lang_ziek") in kinds
    # the pupils who are nearly always there leave no signal and no absence day behind
    assert record.summary["pupils"] == 24 and record.summary["pupils_with_findings"] == 4
    assert AbsenceRecord.objects.filter(source=record).values("pupil_hash").distinct().count() == 4
    from kring.accounts.testing import login_verified

    login_verified(client, User.objects.get(username="ib"))
    page = client.get("/aanwezigheid/signalen/")
    assert page.status_code == 200 and "Finn Dekker" in page.content.decode()


def test_the_demo_school_has_an_aanmelding_to_investigate_and_an_opp_with_consent(demo, client):
    from kring.accounts.testing import login_verified
    from kring.enrolment.models import Aanmelding

    aanmelding = Aanmelding.objects.get(child__first_name="Daan")
    assert aanmelding.support_question and aanmelding.receipt_on is not None
    assert [step.kind for step in aanmelding.steps.all()] == ["informatie_ouders"]
    assert obligations("Daan")["ZP-05"]["status"] == "open"  # the school's decision term runs
    assert obligations("Youssef")["OPP-04"]["status"] == "met"  # his mother signed the handelingsdeel
    login_verified(client, User.objects.get(username="ib"))
    register = client.get("/aanmeldingen/").content.decode()
    assert "Daan" in register and aanmelding.reference in register


def test_a_reduced_timetable_without_the_inspectorates_consent(demo):
    assert obligations("Youssef")["OT-02"]["status"] == "overdue"
    assert "gedeeltelijk_programma" in [v["reason"] for v in assessment("Youssef")["verborgen"]]
