"""Audit events: every code renders in Dutch and English, purposes are a closed list, no BSN in the
data, the event is written in the transaction of its act, and the agenda is audited like a list."""

from __future__ import annotations

import importlib
import json
import re
from datetime import date

import pytest
from django.db import IntegrityError, transaction
from rest_framework.test import APIClient

from kring.accounts.testing import login_verified
from kring.cases.testing import make_world
from kring.cases.tests.helpers import open_case, thuiszitter_timeline
from kring.children import services as child_services
from kring.children.models import Child, TimelineEvent
from kring.children.selectors import search_children
from kring.privacy import audit, purposes, rendering
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose

BSN = "111222333"  # passes the elfproef; fictional

migration = importlib.import_module("kring.privacy.migrations.0002_audit_codes_and_purposes")

# ---------------------------------------------------------------- codes and their sentences

CODES = sorted(audit.REGISTRY)


def test_the_apps_declare_their_events_when_kring_starts():
    # a code is app.event, and every app that writes to the logbook has its events registered
    assert all(re.fullmatch(r"[a-z]+\.[a-z_]+", code) for code in CODES)
    prefixes = {code.split(".")[0] for code in CODES}
    assert {"account", "reference", "child", "timeline", "case", "circle", "plan", "escalation"} <= prefixes
    assert {"region", "agenda", "legacy"} <= prefixes


@pytest.mark.parametrize("code", CODES)
def test_every_code_renders_in_dutch_and_in_english(code):
    kind = audit.REGISTRY[code]
    dutch = rendering.render_data(code, kind.example, language="nl")
    english = rendering.render_data(code, kind.example, language="en")
    for text in (dutch, english):
        assert text and "{" not in text and "}" not in text
    assert english != dutch, f"{code}: the English catalogue has no translation"
    if kind.detail is not None:  # the example data fills the detailed sentence, not the short one
        assert dutch != str(kind.title)


def test_a_sentence_names_no_child_and_follows_the_language():
    data = {"event_id": 3, "event_type": "inschrijving", "date": "2026-03-02", "recorded_as_violation": False}
    assert rendering.render_data("timeline.event_recorded", data, language="nl") == (
        "Op de tijdlijn is vastgelegd: Inschrijving op 2 maart 2026."
    )
    assert rendering.render_data("timeline.event_recorded", data, language="en") == (
        "Recorded on the timeline: Enrolment on 2 March 2026."
    )


def test_data_without_what_the_sentence_needs_gets_the_short_sentence():
    assert rendering.render_data("timeline.event_recorded", {}, language="nl") == (
        "Er is iets vastgelegd op de tijdlijn."
    )


def test_an_unknown_code_renders_as_an_old_line_with_its_dutch_sentence():
    event = AuditEvent(code="iets.onbekends", data={}, purpose=Purpose.ONBEKEND, message="Oude regel.")
    assert rendering.render(event, language="nl").endswith("Oude regel.")


def test_a_code_cannot_be_declared_twice():
    with pytest.raises(ValueError, match="twice"):
        audit.event_kind("case.viewed", action=AuditAction.VIEW, object_type="casus", title="x")  # type: ignore[arg-type]


# ---------------------------------------------------------------- purposes


def test_every_purpose_has_a_label_and_a_description_in_both_languages():
    from django.utils import translation

    for purpose in Purpose:
        with translation.override("nl"):
            dutch = (str(purpose.label), purposes.describe(purpose))
        with translation.override("en"):
            english = (str(purpose.label), purposes.describe(purpose))
        assert all(dutch) and all(english)
        assert dutch != english, purpose


@pytest.mark.django_db
def test_the_database_refuses_a_purpose_outside_the_list():
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.create(
            actor_name="x", action=AuditAction.VIEW, object_type="kind", code="child.viewed",
            purpose="omdat het kan", message="x",
        )  # fmt: skip


@pytest.mark.django_db
def test_a_named_function_refuses_a_free_text_purpose():
    world = make_world()
    with pytest.raises(ValueError):
        from kring.children import audit as child_audit

        child_audit.child_viewed(actor=world.user("lpa"), child=world.child, purpose="casus openen")  # type: ignore[arg-type]
    assert not AuditEvent.objects.exists()


def test_old_free_text_purposes_map_to_the_list_or_to_onbekend():
    assert purposes.from_legacy("regie op de casus (API)") == Purpose.CASUSREGIE
    assert purposes.from_legacy("inzage door het gezin") == Purpose.FAMILY_ACCESS
    assert purposes.from_legacy("dagelijkse controle van termijnen") == Purpose.NIGHTLY_JOB
    assert purposes.from_legacy("iets heel anders") == Purpose.ONBEKEND
    # the migration keeps its own frozen copy; it must agree with the table of the code
    assert {k: str(v) for k, v in purposes.LEGACY_PURPOSES.items()} == migration.LEGACY_PURPOSES
    # 0003 froze the list as it was before the steunpunt's purpose (0004), toegang in een
    # noodgeval (0006), the family's rights requests (0007) and consent (0008) were added
    later = {Purpose.STEUNPUNT, Purpose.BREAK_GLASS, Purpose.RIGHTS_REQUEST, Purpose.CONSENT}
    assert [p for p in Purpose.values if p not in later] == migration.PURPOSES


def test_the_databases_closed_list_of_purposes_is_the_codes_list():
    """The newest migration that sets the constraint holds exactly the purposes of the code."""
    from django.db.migrations import AddConstraint
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    constraints = [
        getattr(op, "constraint")  # noqa: B009  # django-stubs do not know AddConstraint.constraint
        for key in sorted(k for k in loader.disk_migrations if k[0] == "privacy")
        for op in loader.disk_migrations[key].operations
        if isinstance(op, AddConstraint)
    ]
    lists = [
        dict(c.condition.children)["purpose__in"]
        for c in constraints
        if c.name == "audit_purpose_in_closed_list"
    ]
    assert lists[-1] == list(Purpose.values)


@pytest.mark.parametrize(
    ("action", "object_type", "message", "code"),
    [
        ("view", "casus", "Noor stond in een lijst met casussen.", "case.listed"),
        ("view", "casus", "De casus van Noor is bekeken.", "case.viewed"),
        ("view", "kind", "Noor is gevonden door te zoeken op BSN.", "child.found_by_bsn"),
        ("update", "afspraak", "Een afspraak voor Noor is vervallen. Reden: x", "case.agreement_cancelled"),
        ("update", "ontwikkelperspectief", "… om elke 6 weken te evalueren.", "plan.evaluation_rhythm_set"),
        ("create", "escalatie", "… is automatisch geëscaleerd naar …", "escalation.raised_automatically"),
        ("update", "beheer:accounts.user", "In functioneel beheer gewijzigd: …", "admin.object_changed"),
        ("share", "iets", "Gedeeld.", "legacy.line"),
    ],
)
def test_the_migration_gives_old_lines_a_code(action, object_type, message, code):
    assert migration._code(action, object_type, message) == code
    assert code in audit.REGISTRY


# ---------------------------------------------------------------- no BSN, no typed text in the data


@pytest.mark.parametrize("value", [BSN, "1112.22.333", "1112 22 333", "x" * 65, {"nested": 1}, 1.5])
def test_data_that_could_hold_a_bsn_or_typed_text_is_refused(value):
    with pytest.raises(ValueError):
        audit.check_data({"field": value})


def test_ids_dates_codes_and_lists_are_allowed():
    data = {"case_id": 123456, "date": "2026-03-02", "fields": ["bsn", "postcode"], "joint": True, "x": None}
    assert audit.check_data(data) == data


@pytest.mark.django_db
def test_no_event_stores_the_bsn_of_a_child():
    world = make_world()
    lpa = world.user("lpa")
    child = child_services.create_child(
        actor=lpa,
        first_name="Bo",
        last_name="Test",
        birth_date=date(2014, 3, 1),
        bsn=BSN,
        postcode="3511AB",
        vakantieregio="midden",
    )
    child_services.update_child(actor=lpa, child=child, expected_version=child.version, bsn="123456782")
    list(search_children(Child.objects.all(), BSN, actor=lpa))
    list(search_children(Child.objects.all(), "123456782", actor=lpa))
    event = child_services.record_event(
        actor=lpa, child=child, type="inschrijving", date=date(2020, 9, 1),
        data={"sector": "po"}, school=world.school,
    )  # fmt: skip
    child_services.delete_event(actor=lpa, event=event, reason="verkeerd kind")
    rows = list(AuditEvent.objects.filter(child_id=child.pk))
    assert {r.code for r in rows} >= {"child.registered", "child.updated", "child.found_by_bsn"}
    assert {"timeline.event_recorded", "timeline.event_deleted"} <= {r.code for r in rows}
    for row in rows:
        stored = json.dumps(row.data) + row.message + row.purpose + row.purpose_note
        assert BSN not in stored and "123456782" not in stored
    updated = next(r for r in rows if r.code == "child.updated")
    assert updated.data["fields"] == ["bsn"]  # the field name, not the number


# ---------------------------------------------------------------- same transaction as the act


@pytest.mark.django_db
def test_a_rolled_back_act_leaves_no_event(monkeypatch):
    world = make_world()
    lpa = world.user("lpa")
    event = child_services.record_event(
        actor=lpa, child=world.child, type="inschrijving", date=date(2020, 9, 1),
        data={"sector": "po"}, school=world.school,
    )  # fmt: skip
    before = AuditEvent.objects.count()

    def fail(self: TimelineEvent, *args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(TimelineEvent, "delete", fail)
    with pytest.raises(RuntimeError):
        child_services.delete_event(actor=lpa, event=event, reason="Verkeerde datum")
    # the audit line was written before the delete failed: it went with the rollback
    assert AuditEvent.objects.count() == before
    assert not AuditEvent.objects.filter(code="timeline.event_deleted").exists()


@pytest.mark.django_db
def test_a_refused_act_leaves_no_event():
    world = make_world()
    before = AuditEvent.objects.count()
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do: the point is what is left behind
        child_services.record_event(actor=world.user("lpa"), child=world.child, type="bestaat_niet",
                                    date=date(2020, 9, 1), data={})  # fmt: skip
    assert AuditEvent.objects.count() == before


# ---------------------------------------------------------------- the agenda is a read of child data


@pytest.mark.django_db
def test_the_agenda_page_records_each_child_on_it(client):
    world = make_world()
    thuiszitter_timeline(world)
    open_case(world)
    AuditEvent.objects.all().delete()
    login_verified(client, world.user("lpa"))
    html = client.get("/").content.decode()
    assert world.child.first_name in html
    event = AuditEvent.objects.get(code="agenda.child_listed")
    assert event.child_id == world.child.pk and event.purpose == Purpose.CASUSREGIE
    assert event.data["entries"] >= 1
    assert rendering.render(event, language="en") == "The child was on an agenda, with a term or agreement."


@pytest.mark.django_db
def test_an_empty_agenda_records_nothing(client):
    world = make_world()
    thuiszitter_timeline(world)
    open_case(world)
    AuditEvent.objects.all().delete()
    login_verified(client, world.user("other_lpa"))
    client.get("/")
    assert not AuditEvent.objects.filter(code="agenda.child_listed").exists()


@pytest.mark.django_db
def test_the_agenda_api_records_each_child_on_it():
    world = make_world()
    thuiszitter_timeline(world)
    open_case(world)
    AuditEvent.objects.all().delete()
    api = APIClient()
    api.force_authenticate(world.user("lpa"))
    assert api.get("/api/v1/agenda/").status_code == 200
    assert AuditEvent.objects.filter(code="agenda.child_listed", child_id=world.child.pk).count() == 1
