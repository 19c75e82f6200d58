"""Concurrent writes end in a clear answer (400/409 with a message), never in a server error.

Two people appoint the first regievoerder of a case at the same moment: real threads, each with its
own database connection. On PostgreSQL against the test database (`transaction=True`); on SQLite in
a file database of its own (the suite's in-memory SQLite cannot serve threads)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from kring.api.tests.parallel import run_on_file_sqlite
from kring.cases.models import RegievoerderAssignment
from kring.cases.testing import make_world
from kring.cases.tests.helpers import add_consulent, member_of, open_case


def in_parallel(calls: list[Any]) -> list[Any]:
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = calls[i]()
        except Exception as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def appoint_at_once_here() -> list[Any]:
    world = make_world()
    case = open_case(world)
    members = {"lpa": member_of(case, "lpa", world).pk, "consulent": add_consulent(world, case).pk}

    def appoint(key: str) -> list[Any]:
        client = APIClient()
        client.force_authenticate(world.user(key))
        response = client.post(
            f"/api/v1/cases/{case.pk}/regievoerder/",
            {"member": members[key], "note": "Kent het gezin.", "on": "2025-10-14"},
            format="json",
        )
        return [response.status_code, response.json()]

    results = in_parallel([lambda key=key: appoint(key) for key in members])
    assert RegievoerderAssignment.objects.filter(case=case, ended_on__isnull=True).count() == 1
    return results


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_first_regievoerder_appointments_end_in_one_and_a_clear_refusal(
    tmp_path: Path,
) -> None:
    # Before: on PostgreSQL the second ended in an IntegrityError (a 500).
    if connection.vendor == "postgresql":
        results = appoint_at_once_here()
    else:
        results = run_on_file_sqlite(tmp_path, "regie")
    assert all(isinstance(r, list) for r in results), results  # no exception, no server error
    statuses = sorted(r[0] for r in results)
    assert statuses[0] == 201 and statuses[1] in (400, 409), results
    refused = next(body for status, body in results if status != 201)
    assert refused["code"] == "regievoerder_exists"
    assert "Er is al een regievoerder" in refused["errors"]["non_field_errors"][0]
