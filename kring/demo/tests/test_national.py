"""`kring demo --scale national` at a bounded size: the counts, valid timelines, the stored
assessments, and the access of the generated people. PostgreSQL only (COPY)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client

from kring.access import policy
from kring.accounts.models import User
from kring.accounts.testing import login_verified
from kring.cases.models import Agreement, Case, CircleMember, Meeting, Perspective, Route
from kring.children import readmodel
from kring.children.assessment import event_payload, scenario_dict, scenario_for_child
from kring.children.models import Child, ChildAssessment, LegalRepresentative, TimelineEvent
from kring.children.readmodel import compute_assessment
from kring.demo.national import NationalOptions, NationalRefused, generate_national, people
from kring.privacy.crypto import bsn_lookup_hash, decrypt_bsn, is_valid_bsn
from kring.privacy.models import AuditEvent
from kring.privacy.purposes import Purpose
from kring.rules import parse_scenario

on_postgresql = pytest.mark.postgresql

SIZE = NationalOptions(children=2000, cases=300, closed_cases=50, audit_events=20_000, seed=3)


@pytest.fixture(scope="module")
def national(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Any]:
    """The data set generated once for the module, inside a transaction rolled back at the end."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with django_db_blocker.unblock(), transaction.atomic():
        report = generate_national(SIZE, stream=StringIO())
        yield report
        transaction.set_rollback(True)


@on_postgresql
@pytest.mark.django_db
def test_the_counts_are_right(national: Any) -> None:
    assert Child.objects.count() == 2000
    assert Case.objects.exclude(status="afgesloten").count() == 300
    assert Case.objects.filter(status="afgesloten").count() == 50
    assert AuditEvent.objects.exclude(code="reference.imported").count() == 20_000
    assert ChildAssessment.objects.count() == 2000
    rows = {r.table: r.rows for r in national.results}
    assert rows["children_timelineevent"] == TimelineEvent.objects.count()
    assert LegalRepresentative.objects.count() >= 2000
    assert Meeting.objects.exists() and Agreement.objects.exists()
    assert Perspective.objects.count() == Route.objects.count() > 0
    # Every case's circle has its parents, the child, the school and the leerplichtambtenaar.
    for case in Case.objects.order_by("?")[:30]:
        kinds = set(case.circle.values_list("kind", flat=True))
        assert {"ouder", "kind", "school", "leerplicht"} <= kinds
    # Sequences go on after the generated ids.
    assert (
        Child.objects.create(
            first_name="Nieuw", last_name="Kind", birth_date="2016-01-01", vakantieregio="midden"
        ).pk
        == Child.objects.order_by("-pk")[1].pk + 1
    )


@on_postgresql
@pytest.mark.django_db
def test_children_live_in_real_places_and_go_to_real_schools(national: Any) -> None:
    from kring.reference.models import PostcodeArea

    for child in Child.objects.select_related("gemeente").order_by("?")[:50]:
        area = PostcodeArea.objects.get(pc4=child.pc4)
        assert area.gemeente_id == child.gemeente_id
        enrolment = child.events.get(type="inschrijving")
        assert enrolment.school is not None
        assert enrolment.data["school"] == enrolment.school.organisation.name
        assert child.bsn_encrypted is not None
        bsn = decrypt_bsn(child.bsn_encrypted)
        assert is_valid_bsn(bsn) and child.bsn_hash == bsn_lookup_hash(bsn)


@on_postgresql
@pytest.mark.django_db
def test_every_timeline_passes_the_parser(national: Any) -> None:
    day = national_day(national)
    events: dict[int, list[dict[str, Any]]] = {}
    for event in TimelineEvent.objects.order_by("child_id", "date", "id"):
        if event.date <= day:
            events.setdefault(event.child_id, []).append(event_payload(event))
    children = list(Child.objects.all())
    assert len(events) == len(children)
    for child in children:
        scenario = scenario_dict(
            as_of=day, vakantieregio=child.vakantieregio, birth_date=child.birth_date, events=events[child.pk]
        )
        parse_scenario(scenario)
    # the same input as the one place that turns a stored timeline into engine input
    sample = children[len(children) // 2]
    assert scenario_for_child(sample, as_of=day)["events"] == events[sample.pk]


def national_day(national: Any) -> Any:
    return ChildAssessment.objects.values_list("computed_on", flat=True).first()


@on_postgresql
@pytest.mark.django_db
def test_the_stored_assessments_equal_a_fresh_computation(national: Any) -> None:
    day = national_day(national)
    with_cases = list(Child.objects.filter(cases__isnull=False).order_by("?")[:40])
    without = list(Child.objects.filter(cases__isnull=True).order_by("?")[:20])
    for child in with_cases + without:
        stored = ChildAssessment.objects.get(child=child)
        fields = (
            "data",
            "source_fingerprint",
            "thuiszitter_category",
            "is_verborgen",
            "overdue_count",
            "open_count",
            "next_due",
            "kr_3m_status",
            "computed_on",
            "fresh_until",
            "swv_id",
            "norms_key",
            "calendar_key",
        )
        before = {f: getattr(stored, f) for f in fields}
        fresh = compute_assessment(child, today=day)
        assert {f: getattr(fresh, f) for f in fields} == before, child.pk
    # fresh as generated: the nightly job has nothing to do on the day they were made for
    assert readmodel.stale_child_ids(today=day) == {}


@on_postgresql
@pytest.mark.django_db
def test_a_professional_sees_their_circles_cases(national: Any) -> None:
    member = (
        CircleMember.objects.filter(kind="school", case__status="uitvoering").select_related("user").first()
    )
    assert member is not None
    ib = member.user
    assert ib is not None
    assert ib.organisation_id == member.organisation_id
    assert set(Case.objects.filter(circle__user=ib).values_list("pk", flat=True)) <= set(
        policy.visible_cases(ib).values_list("pk", flat=True)
    )
    client = Client()
    login_verified(client, ib)
    case = member.case
    response = client.get("/casussen/", {"q": case.child.last_name})
    assert response.status_code == 200
    assert f"/casussen/{case.pk}/" in response.content.decode()
    assert client.get(f"/casussen/{case.pk}/").status_code == 200


@on_postgresql
@pytest.mark.django_db
def test_a_parent_sees_only_their_own_childs_case(national: Any) -> None:
    rep = LegalRepresentative.objects.filter(user__isnull=False).select_related("user", "child").first()
    assert rep is not None
    parent = rep.user
    assert parent is not None
    assert parent.role == "ouder" and parent.organisation_id is None
    assert set(policy.visible_cases(parent)) == set(Case.objects.filter(child=rep.child))
    client = Client()
    login_verified(client, parent)
    response = client.get("/casussen/gezin/")
    assert response.status_code == 200
    assert rep.child.first_name in response.content.decode()
    other = Case.objects.exclude(child=rep.child).first()
    assert other is not None
    assert client.get(f"/casussen/{other.pk}/").status_code in (403, 404)


@on_postgresql
@pytest.mark.django_db
def test_the_audit_log_uses_real_codes_and_the_closed_purposes(national: Any) -> None:
    from kring.privacy.audit import REGISTRY

    codes = set(AuditEvent.objects.values_list("code", flat=True).distinct())
    assert codes <= set(REGISTRY) and "case.viewed" in codes
    assert set(AuditEvent.objects.values_list("purpose", flat=True).distinct()) <= set(Purpose.values)
    viewed = AuditEvent.objects.filter(code="case.viewed", purpose="casusregie").first()
    assert viewed is not None and viewed.actor is not None
    case = Case.objects.get(pk=viewed.data["case_id"])
    assert case.circle.filter(user=viewed.actor).exists()
    assert viewed.actor_name == viewed.actor.display_name


@on_postgresql
@pytest.mark.django_db
def test_a_database_with_children_is_refused_without_reset(national: Any) -> None:
    with pytest.raises(NationalRefused, match="--reset"):
        generate_national(
            NationalOptions(children=10, cases=1, closed_cases=0, audit_events=0), stream=StringIO()
        )
    with pytest.raises(CommandError, match="--reset"):
        call_command("demo", "--scale", "national", "--children", "10", "--cases", "1", stderr=StringIO())


@on_postgresql
@pytest.mark.django_db
def test_reset_empties_and_generates_again(national: Any) -> None:
    generate_national(
        NationalOptions(children=30, cases=5, closed_cases=1, audit_events=100, reset=True, processes=1),
        stream=StringIO(),
    )
    assert Child.objects.count() == 30
    assert AuditEvent.objects.count() == 100
    assert User.objects.filter(username__startswith="nl-ouder-").count() <= 6


def test_sqlite_is_refused(db: Any) -> None:
    if connection.vendor == "postgresql":
        pytest.skip("the SQLite run checks this")
    with pytest.raises(CommandError, match="alleen PostgreSQL"):
        call_command("demo", "--scale", "national", "--children", "10", "--cases", "1", stderr=StringIO())


def test_bsns_pass_the_elfproef_and_start_with_a_nine() -> None:
    sequence = people.bsn_sequence()
    numbers = [next(sequence) for _ in range(500)]
    assert all(is_valid_bsn(n) and n.startswith("9") for n in numbers)
    assert len(set(numbers)) == 500


def test_generated_texts_need_no_escaping() -> None:
    texts = [v for name in dir(people) if name.isupper() for v in _strings(getattr(people, name))]
    assert texts
    assert not [t for t in texts if any(c in t for c in "\t\n\r\\")]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)


_ = random


@on_postgresql
@pytest.mark.django_db
def test_the_check_after_the_load_finds_a_reference_to_a_missing_row(national: Any) -> None:
    from kring.demo.national.writer import dangling_references

    assert dangling_references(["children_timelineevent", "cases_circlemember"]) == []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "UPDATE cases_circlemember SET user_id = -1 WHERE id = (SELECT MIN(id) FROM cases_circlemember)"
        )
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")
    assert dangling_references(["children_timelineevent", "cases_circlemember"]) == [
        "cases_circlemember.user_id -> accounts_user"
    ]


@on_postgresql
@pytest.mark.django_db
def test_the_audit_log_is_in_order_and_each_chunk_stands_on_its_own(national: Any) -> None:
    from datetime import date

    from kring.demo.national import tables
    from kring.demo.national.plan import Ids
    from kring.demo.national.reference import load_reference
    from kring.demo.national.run import make_plan

    reference = load_reference()
    options = NationalOptions(children=300, cases=40, closed_cases=10, audit_events=0)
    plan = make_plan(options, reference, Ids({t.db_table: 0 for t in tables.ALL_TABLES}), date(2026, 12, 4))
    tables.AUDIT_CHUNK, before = 700, tables.AUDIT_CHUNK
    try:
        lines = list(tables.audit_lines(plan, reference, 3000, first_id=1, seed=5))
        context = tables.audit_context(plan, reference, 3000, 1, 5)
        assert tables.audit_chunk(context, 1400, 2100) == lines[1400:2100]
    finally:
        tables.AUDIT_CHUNK = before
    assert [int(row.split("\t")[0]) for row in lines] == list(range(1, 3001))
    created = [row.split("\t")[1] for row in lines]
    assert created == sorted(created)
