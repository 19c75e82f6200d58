"""The signal pages: the school's list (filters, search, pages, empty state), a signal's days and
hours and its rule or regional setting, the acts, and the DUO melding (page and file)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from kring.accounts.testing import login_verified
from kring.attendance.models import (
    AttendanceSettings,
    AttendanceSignal,
    SignalKind,
    SignalStatus,
    VerzuimMelding,
)
from kring.children.models import TimelineEvent
from kring.privacy.models import AuditEvent

from .world import PUPIL_BSN, SignalWorld, day_list, make_signal, make_signal_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def sw() -> SignalWorld:
    return make_signal_world()


def client_for(sw: SignalWorld, key: str) -> Client:
    client = Client()
    login_verified(client, sw.user(key))
    return client


def test_the_list_shows_the_schools_signals_newest_first_with_audit(sw: SignalWorld) -> None:
    response = client_for(sw, "ib").get("/aanwezigheid/signalen/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Daan de Boer" in text and sw.child.first_name in text
    assert "Lotte Elders" not in text  # the other school's
    assert AuditEvent.objects.filter(code="attendance.signal_viewed", child_id=sw.child.pk).count() == 2
    found = [s.found_on for s in response.context["page"].object_list]
    assert found == sorted(found, reverse=True)


def test_filters_and_search(sw: SignalWorld) -> None:
    client = client_for(sw, "ib")
    text = client.get("/aanwezigheid/signalen/", {"kind": "lrv"}).content.decode()
    assert "Daan de Boer" in text and "Vaak ziek gemeld" not in text.split("results-title")[1]
    text = client.get("/aanwezigheid/signalen/", {"q": "daan"}).content.decode()
    assert "Daan de Boer" in text and "1 signaal" in text
    text = client.get("/aanwezigheid/signalen/", {"status": "afgewezen"}).content.decode()
    assert "Geen signalen gevonden" in text


def test_empty_state_and_pages(sw: SignalWorld) -> None:
    client = client_for(sw, "other_ib")
    AttendanceSignal.objects.filter(pk=sw.elsewhere.pk).delete()
    assert "Er zijn nog geen signalen" in client.get("/aanwezigheid/signalen/").content.decode()
    for i in range(30):
        make_signal(
            sw.source,
            kind=SignalKind.VAAK_ZIEK,
            rule="instelling:vaak_ziek",
            found_on=date(2025, 1, 1 + i),
            days=day_list([date(2025, 1, 1 + i)], hours="5", reason="ziek"),
            pupil_bsn=PUPIL_BSN,
            pupil_name="Daan de Boer",
            absences=False,
        )
    client = client_for(sw, "ib")
    first = client.get("/aanwezigheid/signalen/")
    assert first.context["page"].paginator.num_pages == 2
    assert 'rel="next"' in first.content.decode()
    # a regional setting is named in words, not by its code
    assert "instelling van de regio" in first.content.decode()
    assert "instelling:vaak_ziek" not in first.content.decode()
    second = client.get("/aanwezigheid/signalen/", {"page": 2})
    assert len(second.context["page"].object_list) == 33 - 25


@pytest.mark.parametrize("who", ["lpa", "consulent", "ouder", "steunpunt"])
def test_others_may_not_see_the_list(sw: SignalWorld, who: str) -> None:
    assert client_for(sw, who).get("/aanwezigheid/signalen/").status_code == 403


def test_a_signal_of_another_school_is_not_found(sw: SignalWorld) -> None:
    assert client_for(sw, "ib").get(f"/aanwezigheid/signalen/{sw.elsewhere.pk}/").status_code == 404


def test_the_signal_page_shows_days_hours_and_the_rule(sw: SignalWorld) -> None:
    response = client_for(sw, "ib").get(f"/aanwezigheid/signalen/{sw.lpw20.pk}/")
    text = response.content.decode()
    assert response.status_code == 200
    for d in sw.lpw20.days:
        assert f'datetime="{d["date"]}"' in text
    assert "Leerplichtwet art. 21a" in text and "LPW-20" in text
    assert "Totaal" in text and ">16<" in text
    assert "Verzuimmelding voorbereiden" in text and "LPW-21" in text
    assert AuditEvent.objects.filter(code="attendance.signal_viewed", object_id=str(sw.lpw20.pk)).exists()


def test_the_thuiszitter_definition_and_the_regional_setting(sw: SignalWorld) -> None:
    client = client_for(sw, "ib")
    text = client.get(f"/aanwezigheid/signalen/{sw.lrv.pk}/").content.decode()
    assert "TZ-01" in text and "Thuiszitter" in text and "Kamerbrief" in text
    text = client.get(f"/aanwezigheid/signalen/{sw.vaak_ziek.pk}/").content.decode()
    assert "vaak ziek: aantal ziekmeldingen" in text and "<strong>4</strong>" in text
    assert "standaardinstelling" in text
    AttendanceSettings.objects.create(swv=sw.world.swv, sick_reports=7)
    text = client.get(f"/aanwezigheid/signalen/{sw.vaak_ziek.pk}/").content.decode()
    assert "<strong>7</strong>" in text and sw.world.swv.organisation.name in text


def test_a_falling_trend_names_krings_fixed_rule_not_a_regional_setting(sw: SignalWorld) -> None:
    """Before, the page listed the 'weinig op school' settings for it, which the rule does not use."""
    signal = make_signal(
        sw.source,
        kind=SignalKind.DALEND,
        rule="instelling:dalend",
        found_on=date(2026, 11, 27),
        days=day_list([date(2026, 11, 25)], hours="5", reason="ziek"),
        pupil_bsn=PUPIL_BSN,
        pupil_name="Daan de Boer",
        absences=False,
    )
    client = client_for(sw, "ib")
    text = client.get(f"/aanwezigheid/signalen/{signal.pk}/").content.decode()
    assert "vaste regel van Kring" in text and "minder dan 80%" in text and "laatste 4 lesweken" in text
    assert "Welke instelling van de regio" not in text and "weinig op school:" not in text
    assert "vaste regel van Kring" in client.get("/aanwezigheid/signalen/").content.decode()


def test_acts_on_the_signal_page(sw: SignalWorld) -> None:
    client = client_for(sw, "ib")
    url = f"/aanwezigheid/signalen/{sw.vaak_ziek.pk}/"
    response = client.post(url, {"part": "gezien", "version": 1})
    assert response.status_code == 302
    assert AttendanceSignal.objects.get(pk=sw.vaak_ziek.pk).status == SignalStatus.GEZIEN
    stale = client.post(url, {"part": "gezien", "version": 1})
    assert stale.status_code in (400, 409)
    dismiss = f"/aanwezigheid/signalen/{sw.vaak_ziek.pk}/afwijzen/"
    assert "Weet je zeker" in client.get(dismiss).content.decode()
    empty = client.post(dismiss, {"reason": "", "version": 2})
    assert empty.status_code == 400 and "Vul dit in" in empty.content.decode()
    done = client.post(dismiss, {"reason": "Lang ziek, bekend bij de jeugdarts.", "version": 2})
    assert done.status_code == 302
    assert AttendanceSignal.objects.get(pk=sw.vaak_ziek.pk).status == SignalStatus.AFGEWEZEN


def test_open_a_case_from_an_lrv_signal_of_a_pupil_not_in_kring(sw: SignalWorld) -> None:
    client = client_for(sw, "ib")
    url = f"/aanwezigheid/signalen/{sw.lrv.pk}/casus/"
    assert "BSN van de leerling" in client.get(url).content.decode()
    wrong = client.post(url, {"bsn": "123456782", "enrolled_on": "2024-08-26", "version": 1})
    assert wrong.status_code == 400 and "hoort niet bij de leerling" in wrong.content.decode()
    response = client.post(url, {"bsn": PUPIL_BSN, "enrolled_on": "2024-08-26", "version": 1})
    assert response.status_code == 302
    signal = AttendanceSignal.objects.get(pk=sw.lrv.pk)
    assert response["Location"] == f"/casussen/{signal.case_id}/"


def test_the_melding_prepared_downloaded_and_submitted(sw: SignalWorld) -> None:
    client = client_for(sw, "ib")
    response = client.post(f"/aanwezigheid/signalen/{sw.lpw20.pk}/", {"part": "melding"})
    assert response.status_code == 302 and response["Location"].endswith("/melding/")
    page = client.get(response["Location"]).content.decode()
    assert "Eerste dag van het verzuim" in page and "ongeoorloofd verzuim" in page
    assert "Besluit register onderwijsdeelnemers" in page
    assert 'for="melding-school_actions"' in page and 'for="ingediend-submitted_on"' in page
    file = client.get(f"/aanwezigheid/signalen/{sw.lpw20.pk}/melding/bestand/")
    assert file.status_code == 200 and file["Content-Type"].startswith("text/csv")
    body = file.content.decode("utf-8-sig")
    assert "Eerste dag van het verzuim;" in body and "Totaal aantal uren;16" in body
    assert AuditEvent.objects.filter(code="attendance.melding_downloaded").exists()
    melding = VerzuimMelding.objects.get(signal=sw.lpw20)
    saved = client.post(
        f"/aanwezigheid/signalen/{sw.lpw20.pk}/melding/",
        {
            "part": "aanvullen",
            "start": melding.start.isoformat(),
            "end": melding.end.isoformat() if melding.end else "",
            "presumed_kind": "ongeoorloofd verzuim",
            "school_actions": "Gesprek met ouders op maandag.",
            "municipal_action_wanted": "on",
            "version": 1,
        },
    )
    assert saved.status_code == 302
    today = timezone.localdate()
    submitted = client.post(
        f"/aanwezigheid/signalen/{sw.lpw20.pk}/melding/",
        {"part": "ingediend", "submitted_on": today.isoformat(), "version": 2},
    )
    assert submitted.status_code == 302
    page = client.get(f"/aanwezigheid/signalen/{sw.lpw20.pk}/melding/").content.decode()
    assert "Ingediend bij DUO op" in page and "Gesprek met ouders" in page
    assert TimelineEvent.objects.filter(child=sw.child, type="verzuimmelding").exists()


def test_the_nav_shows_signals_to_the_school(sw: SignalWorld) -> None:
    text = client_for(sw, "ib").get("/aanwezigheid/signalen/").content.decode()
    assert 'href="/aanwezigheid/signalen/"' in text


def test_a_seen_signal_is_set_back_to_new_on_its_page(sw: SignalWorld) -> None:
    client = client_for(sw, "ib")
    url = f"/aanwezigheid/signalen/{sw.vaak_ziek.pk}/"
    assert "Terugzetten naar nieuw" not in client.get(url).content.decode()  # a new signal
    client.post(url, {"part": "gezien", "version": 1})
    assert "Terugzetten naar nieuw" in client.get(url).content.decode()
    response = client.post(url, {"part": "terugzetten", "version": 2}, follow=True)
    assert (
        "weer op &#x27;nieuw&#x27;" in response.content.decode()
        or "weer op 'nieuw'" in response.content.decode()
    )
    assert AttendanceSignal.objects.get(pk=sw.vaak_ziek.pk).status == SignalStatus.NIEUW
    # a stale form is refused with a message, nothing changes
    stale = client.post(url, {"part": "terugzetten", "version": 2})
    assert stale.status_code in (400, 409)
