"""The load test's preparation inside the database under test (run by run.py, not by hand).

    DJANGO_SETTINGS_MODULE=kring.settings.production DATABASE_URL=... \\
        python benchmarks/load/prepare.py OUT.json N

Picks the leerplichtambtenaar of the gemeente with the most open cases and a parent whose child has
a case, makes N fictional colleagues of that leerplichtambtenaar (same gemeente and role, named
Loadtest 1..N, each with a confirmed TOTP device) and, for them and for the parent, a logged-in
session past the second step (as a real login leaves it), so the simulated users need no password
step: gunicorn's password hashing of 50 logins is not what the test measures. Writes OUT.json with
the session keys, the case ids the simulated leerplichtambtenaren open and write on (each with a
member of its circle as the agreement's owner), the filters' values, the parent's child, and the
plain SQL of the case list's rows (captured from the real view with CaptureQueriesContext).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def session_for(user: Any, device: Any) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[1]  # ModelBackend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return str(session.session_key)


def case_list_sql(lpa: Any) -> list[str]:
    """The SQL of the rows of the case list's first page (and its count), from the real view."""
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kring.accounts.testing import login_verified

    with transaction.atomic():
        client = Client()
        login_verified(client, lpa)
        client.get("/casussen/", HTTP_HOST="127.0.0.1")  # the session's first request
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/casussen/", HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, response.status_code
        transaction.set_rollback(True)
    found = [
        q["sql"] for q in ctx.captured_queries if 'FROM "cases_case"' in q["sql"] and "LIMIT 25" in q["sql"]
    ]
    count = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith('SELECT COUNT(*) AS "__count" FROM "cases_case"')
    ]
    return found[:1] + count[:1]


def main() -> int:
    out, count = Path(sys.argv[1]), int(sys.argv[2])
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db.models import Count

    from kring.access import policy
    from kring.accounts.models import User
    from kring.accounts.roles import Role
    from kring.accounts.testing import make_totp_device
    from kring.cases.models import OPEN_STATUSES, Case, CircleMember

    open_cases = Case.objects.filter(status__in=OPEN_STATUSES)
    gemeente = open_cases.values("child__gemeente_id").annotate(n=Count("id")).order_by("-n").first()
    assert gemeente is not None, "no open cases"
    lpa = User.objects.filter(
        role=Role.LEERPLICHTAMBTENAAR, organisation_id=gemeente["child__gemeente_id"], is_active=True
    ).first()
    assert lpa is not None, "no leerplichtambtenaar for the busiest gemeente"
    users = []
    for n in range(1, count + 1):
        user, _ = User.objects.get_or_create(
            username=f"loadtest-{n}",
            defaults={
                "first_name": "Loadtest",
                "last_name": str(n),
                "role": Role.LEERPLICHTAMBTENAAR,
                "organisation_id": lpa.organisation_id,
                "email": f"loadtest-{n}@example.org",
            },
        )
        user.set_unusable_password()
        user.save()
        device = user.totpdevice_set.filter(confirmed=True).first() or make_totp_device(user)
        users.append(session_for(user, device))
    visible = policy.visible_cases(lpa).filter(status__in=OPEN_STATUSES)
    writable = list(
        policy.editable_cases(lpa).filter(pk__in=visible.values("pk")).values_list("pk", flat=True)[:400]
    )
    owners = dict(
        CircleMember.objects.filter(case_id__in=writable, active=True)
        .order_by("case_id", "id")
        .values_list("case_id", "id")
    )
    cases = [pk for pk in visible.order_by("-opened_on").values_list("pk", flat=True)[:400]]
    school = (
        visible.filter(child__events__type="inschrijving", child__events__school__isnull=False)
        .values_list("child__events__school_id", flat=True)
        .first()
    )
    parent = (
        User.objects.filter(role=Role.OUDER, is_active=True, represents__child__cases__isnull=False)
        .order_by("pk")
        .first()
    )
    family: dict[str, Any] = {}
    if parent is not None:
        device = parent.totpdevice_set.filter(confirmed=True).first() or make_totp_device(parent)
        child = (
            parent.represents.filter(child__cases__isnull=False).values_list("child_id", flat=True).first()
        )
        family = {"sessions": [session_for(parent, device) for _ in range(count)], "child": child}
    data = {
        "lpa": lpa.username,
        "gemeente": gemeente["child__gemeente_id"],
        "open_cases_of_gemeente": gemeente["n"],
        "sessions": users,
        "cases": cases,
        "writable": [[pk, owners[pk]] for pk in writable if pk in owners],
        "school": school,
        "family": family,
        "case_list_sql": case_list_sql(lpa),
    }
    out.write_text(json.dumps(data, indent=1))
    print(
        f"prepared {len(users)} sessions of {lpa.username}'s colleagues "
        f"(gemeente {gemeente['child__gemeente_id']}, "
        f"{gemeente['n']} open cases), {len(cases)} cases, {len(data['writable'])} writable, "
        f"parent: {'yes' if family else 'none'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
