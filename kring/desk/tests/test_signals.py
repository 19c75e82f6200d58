"""Policy signals: the steunpunt raises one to an SWV it serves, the SWV's director responds and
writes what changed; refusals on the field, a stale form saves nothing, each step is audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kring.accounts.testing import login_verified
from kring.core.errors import Refused
from kring.core.versioning import StaleVersion
from kring.desk.models import PolicySignal
from kring.desk.periods import parse_quarter
from kring.desk.services.signals import raise_signal, record_what_changed, respond_to_signal
from kring.privacy.models import AuditEvent
from kring.privacy.purposes import Purpose

from .report_world import ReportWorld, make_report_world, make_swv, raise_signal_directly

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> ReportWorld:
    return make_report_world()


def test_a_worker_raises_a_signal_to_an_swv_their_steunpunt_serves(world):
    signal = raise_signal(
        actor=world.worker,
        swv=world.swv,
        title="  Lange wachtlijst so  ",
        body="Ouders wachten maanden op een plek.",
        categories=[world.categories["wachtlijst"], world.categories["thuiszitten"]],
        based_on=parse_quarter("2026-K3"),
        today=date(2026, 10, 5),
    )
    assert signal.title == "Lange wachtlijst so"
    assert signal.steunpunt == world.steunpunt and signal.raised_by == world.worker
    assert "Gebaseerd op de vragen van 2026-K3" in signal.body
    assert {c.code for c in signal.categories.all()} == {"wachtlijst", "thuiszitten"}
    event = AuditEvent.objects.get(code="desk.signal_raised")
    assert event.purpose == Purpose.STEUNPUNT and event.child_id is None and event.data["categories"] == 2


def test_raising_is_refused_on_the_field_and_for_others(world):
    with pytest.raises(Refused) as refused:
        raise_signal(actor=world.worker, swv=world.swv, title=" ", body="x")
    assert refused.value.field == "title"
    with pytest.raises(Refused) as refused:
        raise_signal(actor=world.worker, swv=world.swv, title="t", body="")
    assert refused.value.field == "body"
    with pytest.raises(PermissionDenied):
        raise_signal(actor=world.worker, swv=make_swv("Niet bediend (fictief)"), title="t", body="b")
    for other in (world.director, world.consulent, world.school_user):
        with pytest.raises(PermissionDenied):
            raise_signal(actor=other, swv=world.swv, title="t", body="b")
    assert not PolicySignal.objects.exists()


def test_the_director_responds_and_later_writes_what_changed(world):
    signal = raise_signal_directly(world, on=date(2026, 10, 5))
    with pytest.raises(Refused) as refused:
        record_what_changed(actor=world.director, signal=signal, what_changed="x", version=1)
    assert refused.value.field == "what_changed"
    signal = respond_to_signal(
        actor=world.director,
        signal=signal,
        response="We openen een tweede groep.",
        version=1,
        today=date(2026, 10, 9),
    )
    assert signal.response == "We openen een tweede groep." and signal.responded_on == date(2026, 10, 9)
    assert signal.responded_by == world.director and signal.version == 2
    signal = record_what_changed(
        actor=world.director, signal=signal, what_changed="12 plekken erbij.", version=2
    )
    assert signal.what_changed == "12 plekken erbij." and signal.version == 3
    assert list(
        AuditEvent.objects.filter(code__startswith="desk.signal")
        .values_list("code", flat=True)
        .order_by("pk")
    ) == [
        "desk.signal_responded",
        "desk.signal_change_recorded",
    ]


def test_a_response_needs_text_the_right_director_and_the_current_version(world):
    signal = raise_signal_directly(world, on=date(2026, 10, 5))
    with pytest.raises(Refused) as refused:
        respond_to_signal(actor=world.director, signal=signal, response="  ", version=1)
    assert refused.value.field == "response"
    for other in (world.other_director, world.consulent, world.worker):
        with pytest.raises(PermissionDenied):
            respond_to_signal(actor=other, signal=signal, response="Nee.", version=1)
    respond_to_signal(actor=world.director, signal=signal, response="Eerste.", version=1)
    with pytest.raises(StaleVersion):
        respond_to_signal(
            actor=world.director, signal=signal, response="Tweede, op een oud formulier.", version=1
        )
    signal.refresh_from_db()
    assert signal.response == "Eerste."
    assert AuditEvent.objects.filter(code="desk.signal_responded").count() == 1


def test_the_pages_from_raising_to_the_response(client, world):
    login_verified(client, world.worker)
    form = client.get(reverse("desk:signal_new"))
    assert form.status_code == 200
    refused = client.post(
        reverse("desk:signal_new"), {"swv": world.swv.pk, "title": "Wachtlijst", "body": ""}
    )
    assert refused.status_code == 400
    done = client.post(
        reverse("desk:signal_new"),
        {"swv": world.swv.pk, "title": "Wachtlijst", "body": "Veel ouders wachten.", "based_on": ""},
    )
    signal = PolicySignal.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("desk:signal_detail", args=[signal.pk])
    # The worker may not respond.
    assert (
        client.post(done["Location"], {"part": "reactie", "response": "x", "version": 1}).status_code == 403
    )

    login_verified(client, world.director)
    listing = client.get(reverse("desk:signals")).content.decode()
    assert "Wachten op jouw reactie" in listing and "Wachtlijst" in listing
    answered = client.post(
        done["Location"],
        {"part": "reactie", "response": "We kijken ernaar.", "what_changed": "", "version": signal.version},
    )
    assert answered.status_code == 302
    changed = client.post(
        done["Location"], {"part": "veranderd", "what_changed": "Extra plekken.", "version": 2}
    )
    assert changed.status_code == 302
    signal.refresh_from_db()
    assert (signal.response, signal.what_changed) == ("We kijken ernaar.", "Extra plekken.")


def test_who_sees_which_signals(client, world):
    signal = raise_signal_directly(world, on=date(2026, 10, 5))
    answered = raise_signal_directly(world, on=date(2026, 10, 6), title="Vervoer")
    respond_to_signal(actor=world.director, signal=answered, response="Geregeld.", version=1)
    login_verified(client, world.director)
    page = client.get(reverse("desk:signals"))
    assert [s.pk for s in page.context["waiting"]] == [signal.pk]
    assert [s.pk for s in page.context["answered"]] == [answered.pk]
    for other in (world.other_director, world.other_worker):
        login_verified(client, other)
        assert client.get(reverse("desk:signal_detail", args=[signal.pk])).status_code == 404
    login_verified(client, world.school_user)
    assert client.get(reverse("desk:signals")).status_code == 403
    assert client.get(reverse("desk:signal_new")).status_code == 403
    login_verified(client, world.director)
    assert client.get(reverse("desk:signal_new")).status_code == 403
