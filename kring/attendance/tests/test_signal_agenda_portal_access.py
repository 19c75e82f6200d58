"""The school's agenda (new signals, the LPW-21 term of a melding), the family's view of the signals
about their child, and who may read or handle a signal (the access policy's rows)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from kring.access import policy
from kring.accounts.testing import login_verified
from kring.attendance.agenda import AttendanceSignals
from kring.attendance.models import SignalStatus
from kring.attendance.services import meldingen, signals
from kring.privacy.models import AuditEvent
from kring.rules import add_working_days

from .world import SignalWorld, make_signal_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def sw() -> SignalWorld:
    return make_signal_world()


# ---------------------------------------------------------------- agenda


def test_the_agenda_has_new_signals_and_the_lpw21_term(sw: SignalWorld) -> None:
    today = timezone.localdate()
    entries = AttendanceSignals().for_user(sw.user("ib"), today=today)
    new = [e for e in entries if e.kind == "signaal"]
    assert {e.key for e in new} == {f"attendance-signal:{s.pk}" for s in (sw.lpw20, sw.lrv, sw.vaak_ziek)}
    terms = [e for e in entries if e.kind == "verzuimmelding"]
    assert len(terms) == 1
    term = terms[0]
    assert term.rule == "LPW-21" and "21a" in term.source
    assert term.due == add_working_days(sw.lpw20.found_on, 5)
    assert term.child_id == sw.child.pk and term.url == f"/aanwezigheid/signalen/{sw.lpw20.pk}/"
    lrv = next(e for e in new if e.key == f"attendance-signal:{sw.lrv.pk}")
    assert lrv.child_id is None and lrv.subject == "Daan de Boer"


def test_the_term_goes_when_the_melding_is_submitted(sw: SignalWorld) -> None:
    ib = sw.user("ib")
    melding = meldingen.prepare(actor=ib, signal=sw.lpw20)
    meldingen.submit(actor=ib, melding=melding, version=1, submitted_on=timezone.localdate())
    signals.dismiss(actor=ib, signal=sw.vaak_ziek, reason="Bekend.", version=1)
    entries = AttendanceSignals().for_user(ib, today=timezone.localdate())
    assert [e.kind for e in entries] == ["signaal"]  # only the LRV signal is still new


@pytest.mark.parametrize("who", ["other_ib", "lpa", "consulent", "ouder", "steunpunt"])
def test_nobody_else_gets_the_schools_entries(sw: SignalWorld, who: str) -> None:
    keys = {e.key for e in AttendanceSignals().for_user(sw.user(who), today=timezone.localdate())}
    mine = {f"attendance-signal:{s.pk}" for s in (sw.lpw20, sw.lrv, sw.vaak_ziek)}
    assert not keys & mine
    assert not any(k.startswith(f"attendance-melding:{sw.lpw20.pk}:") for k in keys)


def test_the_school_as_organisation(sw: SignalWorld) -> None:
    entries = AttendanceSignals().for_organisation(sw.school.organisation, today=timezone.localdate())
    assert len(entries) == 4
    assert AttendanceSignals().for_organisation(sw.world.swv.organisation, today=timezone.localdate()) == []


def test_the_home_page_shows_the_term(sw: SignalWorld) -> None:
    client = Client()
    login_verified(client, sw.user("ib"))
    text = client.get("/").content.decode()
    assert "Verzuimmelding bij DUO indienen" in text


# ---------------------------------------------------------------- the family's view


def test_the_parent_sees_the_signals_about_their_child_read_only(sw: SignalWorld) -> None:
    ib = sw.user("ib")
    melding = meldingen.prepare(actor=ib, signal=sw.lpw20)
    meldingen.submit(actor=ib, melding=melding, version=1, submitted_on=timezone.localdate())
    client = Client()
    login_verified(client, sw.user("ouder"))
    response = client.get("/casussen/gezin/")
    text = response.content.decode()
    assert "Signalen van school over de aanwezigheid" in text
    assert "16 uur ongeoorloofd verzuim in 4 lesweken" in text and "gemeld bij DUO" in text
    for d in sw.lpw20.days:
        assert f'datetime="{d["date"]}"' in text
    assert "Daan de Boer" not in text and "Lotte Elders" not in text
    assert "<form" not in text.split("aanwezigheid-titel")[1]
    assert (
        AuditEvent.objects.filter(
            code="attendance.signal_viewed", child_id=sw.child.pk, purpose="family_access"
        ).count()
        == 2
    )
    # read-only: the school's pages are closed to them
    assert client.get(f"/aanwezigheid/signalen/{sw.lpw20.pk}/").status_code == 403
    assert (
        client.post(f"/aanwezigheid/signalen/{sw.lpw20.pk}/", {"part": "gezien", "version": 2}).status_code
        == 403
    )


def test_another_parent_sees_nothing(sw: SignalWorld) -> None:
    client = Client()
    login_verified(client, sw.user("other_ouder"))
    assert "Signalen van school over de aanwezigheid" not in client.get("/casussen/gezin/").content.decode()


# ---------------------------------------------------------------- the policy's rows


def test_policy_rows(sw: SignalWorld) -> None:
    ib, leider, other = sw.user("ib"), sw.user("schoolleider"), sw.user("other_ib")
    assert policy.can_read_attendance_signals(ib) and policy.can_read_attendance_signals(leider)
    assert policy.can_handle_attendance_signal(leider, sw.lpw20)
    assert not policy.can_handle_attendance_signal(other, sw.lpw20)
    assert set(policy.attendance_signals(other)) == {sw.elsewhere}
    for who in (
        "lpa",
        "consulent",
        "directeur",
        "steunpunt",
        "jeugdhulp",
        "inspecteur",
        "beheerder",
        "leerling",
    ):
        user = sw.user(who)
        assert not policy.can_read_attendance_signals(user), who
        assert not policy.attendance_signals(user).exists(), who
        assert not policy.family_attendance_signals(user).exists(), who
    parent = sw.user("ouder")
    assert set(policy.family_attendance_signals(parent)) == {sw.lpw20, sw.vaak_ziek}
    assert not policy.can_handle_attendance_signal(parent, sw.lpw20)
    assert not policy.attendance_linkable_cases(parent, sw.lpw20).exists()
    assert not policy.attendance_linkable_cases(ib, sw.lrv).exists()  # not a child in Kring


def test_a_handled_signal_stays_visible_to_the_parent(sw: SignalWorld) -> None:
    signals.dismiss(actor=sw.user("ib"), signal=sw.vaak_ziek, reason="Bekend bij school.", version=1)
    assert (
        policy.family_attendance_signals(sw.user("ouder")).get(pk=sw.vaak_ziek.pk).status
        == SignalStatus.AFGEWEZEN
    )
