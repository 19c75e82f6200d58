"""The case list's COUNT and first page with the old OR visibility predicate against the UNION form
(docs/performance.md), on one database in one run: EXPLAIN (ANALYZE) of each, jit off, interleaved,
median of 5 after a warm-up. The old form is the reference kept in
kring/access/tests/test_union_predicate.py. PostgreSQL only.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kring_perf PYTHONPATH=$PWD \\
        .venv/bin/python benchmarks/visibility_predicate.py USERNAME [USERNAME ...]
"""

from __future__ import annotations

import os
import re
import statistics
import sys
from typing import Any


def main(usernames: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kring.settings.test")
    import django

    django.setup()
    from django.db import connection

    from kring.access import policy
    from kring.access.tests.test_union_predicate import old_child_q
    from kring.accounts.models import User
    from kring.cases.models import OPEN_STATUSES, Case
    from kring.children.models import Child

    def sql(qs: Any) -> str:
        text, params = qs.query.get_compiler(using="default").as_sql()
        with connection.cursor() as cursor:
            found = cursor.mogrify(text, params)
        return found.decode() if isinstance(found, bytes) else str(found)

    def ms(query: str) -> float:
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")
            cursor.execute("EXPLAIN (ANALYZE) " + query)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        match = re.search(r"Execution Time: ([\d.]+)", plan)
        return float(match.group(1)) if match else 0.0

    def page(qs: Any) -> Any:
        return qs.select_related("child").order_by("-escalated", "-opened_on", "-pk")[:25]

    def count(qs: Any) -> str:
        return f"SELECT COUNT(*) FROM ({sql(qs.order_by().values('pk'))}) x"  # noqa: S608 - Django's own SQL

    for username in usernames:
        user = User.objects.select_related("organisation").get(username=username)
        old = Case.objects.filter(child__in=Child.objects.filter(old_child_q(user)), status__in=OPEN_STATUSES)
        new = policy.visible_cases(user).filter(status__in=OPEN_STATUSES)
        n = new.count()
        assert old.count() == n, "the two forms select different cases"
        for what, before, after in [
            ("COUNT", count(old), count(new)),
            ("page 1", sql(page(old)), sql(page(new))),
        ]:
            ms(before), ms(after)  # warm
            a, b = [], []
            for _ in range(5):
                a.append(ms(before))
                b.append(ms(after))
            ma, mb = statistics.median(a), statistics.median(b)
            print(
                f"{user.username} ({user.role}, {n:,} open cases) {what}: "
                f"OR {ma:.1f} ms, UNION {mb:.1f} ms, ratio {ma / mb:.1f}x"
            )


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    main(sys.argv[1:])
