"""`kring backup` and `kring restore`: a round trip gives back the same data, on SQLite and PostgreSQL
(the suite runs both), and every refusal changes nothing.

The tests are transactional: a back-up reads what is committed (pg_dump runs in its own session),
and SQLite's backup API cannot write into a connection that is inside a transaction. On SQLite the
test database lives in memory; the backup API works on the live connection, so that is no problem.
"""

from __future__ import annotations

import sqlite3
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from kring.accounts.models import User
from kring.cases.models import Case
from kring.cases.testing import World, make_world
from kring.cases.tests.helpers import open_case
from kring.children.models import Child
from kring.core.management.commands import restore as restore_command
from kring.organisations.models import Organisation
from kring.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True)

MODELS = (Child, Case, User, Organisation, AuditEvent)
# PostgreSQL's own tools: `make test` runs these in its PostgreSQL run only (scripts/test.sh).
on_postgresql = pytest.mark.postgresql


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def world() -> World:
    world = make_world()
    open_case(world)
    return world


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_a_restored_backup_holds_the_same_data(world: World, tmp_path: Path) -> None:
    file = tmp_path / "kring.backup"
    before = counts()
    case = Case.objects.get(child=world.child)
    lpa = world.user("lpa")
    removed = world.user("other_consulent")
    removed_pk = removed.pk

    out = run("backup", str(file))
    assert file.stat().st_size > 0
    assert file.stat().st_mode & 0o777 == 0o600  # every child's data: for the owner only
    assert "Back-up gemaakt" in out and "tabellen" in out and "rijen" in out

    # Change, add and delete data after the back-up.
    Child.objects.filter(pk=world.child.pk).update(first_name="Veranderd")
    Case.objects.filter(pk=case.pk).update(signal_description="Overschreven")
    Organisation.objects.create(kind="school", name="Na de back-up", code="NA0001")
    removed.delete()
    AuditEvent.objects.all().delete()
    assert counts() != before

    out = run("restore", str(file), "--yes")
    assert "Back-up teruggezet" in out

    assert counts() == before
    assert Child.objects.get(pk=world.child.pk).first_name == world.child.first_name
    assert Case.objects.get(pk=case.pk).signal_description == case.signal_description
    assert not Organisation.objects.filter(code="NA0001").exists()
    assert User.objects.get(pk=removed_pk).username == removed.username
    assert User.objects.get(pk=lpa.pk).last_name == lpa.last_name
    # Kring works on after a restore: a new row gets a fresh id.
    assert Organisation.objects.create(kind="school", name="Nieuw", code="NA0002").pk


def test_an_existing_file_is_kept_unless_force(world: World, tmp_path: Path) -> None:
    file = tmp_path / "kring.backup"
    file.write_bytes(b"iets anders")
    with pytest.raises(CommandError, match=r"bestaat al.*--force"):
        run("backup", str(file))
    assert file.read_bytes() == b"iets anders"

    run("backup", str(file), "--force")
    assert file.read_bytes() != b"iets anders"
    assert not list(tmp_path.glob(".*.deel"))


def test_a_backup_into_a_missing_folder_is_refused(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="bestaat niet"):
        run("backup", str(tmp_path / "nergens" / "kring.backup"))


def test_a_file_that_is_no_backup_is_refused_and_nothing_changes(world: World, tmp_path: Path) -> None:
    before = counts()
    text = tmp_path / "notities.txt"
    text.write_text("Dit is geen back-up.\n")
    with pytest.raises(CommandError, match="geen back-up van Kring"):
        run("restore", str(text), "--yes")
    with pytest.raises(CommandError, match="bestaat niet"):
        run("restore", str(tmp_path / "weg.backup"), "--yes")
    assert counts() == before


def test_a_sqlite_file_that_is_not_kring_is_refused(world: World, tmp_path: Path) -> None:
    before = counts()
    other = tmp_path / "ander.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE boeken (titel TEXT)")
    expected = "geen database van Kring" if connection.vendor == "sqlite" else "SQLite-database"
    with pytest.raises(CommandError, match=expected):
        run("restore", str(other), "--yes")
    assert counts() == before


def test_restore_asks_first_and_without_an_answer_does_nothing(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "kring.backup"
    run("backup", str(file))
    Organisation.objects.create(kind="school", name="Na de back-up", code="NA0001")

    # No terminal (as in cron or in this test run) and no --yes: refused.
    with pytest.raises(CommandError, match="--yes"):
        run("restore", str(file))
    monkeypatch.setattr(restore_command, "ask", lambda question: "nee")
    with pytest.raises(CommandError, match="niet met 'ja' bevestigd"):
        run("restore", str(file))
    assert Organisation.objects.filter(code="NA0001").exists()

    monkeypatch.setattr(restore_command, "ask", lambda question: "ja")
    run("restore", str(file))
    assert not Organisation.objects.filter(code="NA0001").exists()


@on_postgresql
def test_missing_postgresql_tools_are_named(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kring.core.backup.shutil.which", lambda name: None)
    with pytest.raises(CommandError, match=r"pg_dump is niet gevonden.*postgresql-client"):
        run("backup", str(tmp_path / "kring.backup"))
    assert not (tmp_path / "kring.backup").exists()


@on_postgresql
def test_a_client_older_than_the_server_is_refused(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connections["default"], "pg_version", 990000, raising=False)
    with pytest.raises(CommandError, match="databaseserver is versie 99"):
        run("backup", str(tmp_path / "kring.backup"))
    assert not list(tmp_path.iterdir())


@on_postgresql
def test_a_postgresql_archive_that_is_not_kring_is_refused(world: World, tmp_path: Path) -> None:
    fake = tmp_path / "vreemd.dump"
    fake.write_bytes(b"PGDMP" + b"\x00" * 200)
    with pytest.raises(CommandError, match="geen leesbare back-up"):
        run("restore", str(fake), "--yes")
