"""Run in its own process on a file SQLite database (DATABASE_URL): parallel API writes.

`parallel_writes.py agreements 16`: 16 agreements added at once (test_sqlite_parallel.py);
`parallel_writes.py regie`: two first regievoerder appointments at once (cases/tests/test_concurrency.py).
Prints one line: the status codes (or exceptions) of the requests, as JSON ([status, body] for regie).
"""

from __future__ import annotations

import functools
import json
import os
import sys
import threading
from collections.abc import Callable
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kring.settings.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from kring.api.models import ApiToken  # noqa: E402
from kring.cases.models import CircleMember  # noqa: E402
from kring.cases.testing import make_world  # noqa: E402
from kring.cases.tests.helpers import add_consulent, open_case  # noqa: E402


def in_parallel(calls: list[Callable[[], object]]) -> list[object]:
    """Run the calls at the same moment, each in its own thread; their results (or exceptions as text)."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = calls[i]()
        except Exception as exc:
            results[i] = f"{type(exc).__name__}: {exc}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def agreements(count: int) -> list[object]:
    world = make_world()
    case = open_case(world)
    token = ApiToken.issue(world.user("lpa"))
    member = CircleMember.objects.get(case=case, user=world.user("lpa"))
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    connections.close_all()

    def write(i: int) -> int:
        client = Client(HTTP_AUTHORIZATION=f"Token {token}")
        response = client.post(
            f"/api/v1/cases/{case.pk}/agreements/",
            {"text": f"Afspraak {i}", "owner": member.pk, "due_on": due},
            content_type="application/json",
        )
        return response.status_code

    return in_parallel([functools.partial(write, i) for i in range(count)])


def regie() -> list[object]:
    world = make_world()
    case = open_case(world)
    members = {
        "lpa": CircleMember.objects.get(case=case, user=world.user("lpa")).pk,
        "consulent": add_consulent(world, case).pk,
    }
    tokens = {key: ApiToken.issue(world.user(key)) for key in members}
    connections.close_all()

    def appoint(key: str) -> list[object]:
        client = Client(HTTP_AUTHORIZATION=f"Token {tokens[key]}")
        response = client.post(
            f"/api/v1/cases/{case.pk}/regievoerder/",
            {"member": members[key], "note": "Kent het gezin.", "on": "2025-10-14"},
            content_type="application/json",
        )
        return [response.status_code, response.json()]

    return in_parallel([functools.partial(appoint, key) for key in members])


if __name__ == "__main__":
    call_command("migrate", verbosity=0)
    print(json.dumps(agreements(int(sys.argv[2])) if sys.argv[1] == "agreements" else regie()))
