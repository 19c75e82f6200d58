"""The signals list, the agenda's signals and the family's view read many signals in a fixed number
of queries: the count does not grow with the number of signals (no query per signal). Counts, never
timings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kring.accounts.testing import login_verified
from kring.agenda.selectors import agenda_for_user
from kring.attendance.models import SignalKind, VerzuimMelding

from .world import SignalWorld, day_list, make_signal, make_signal_world

pytestmark = pytest.mark.django_db


def elfproef_bsn(n: int) -> str:
    """The n-th fictional 9-digit number from 200000000 on that passes the elfproef."""
    base = 200_000_000 + 1000 * n
    while True:
        digits = [int(c) for c in f"{base:09d}"]
        if (sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]) % 11 == 0:
            return f"{base:09d}"
        base += 1


def add_signals(sw: SignalWorld, count: int) -> None:
    """`count` LPW-20 signals of the child (half with a prepared melding) and `count` of pupils
    not in Kring, on other days."""
    start = timezone.localdate() - timedelta(days=400)
    first = sw.source.signals.count()
    for n in range(first, first + count):
        day = start + timedelta(days=3 * n)
        signal = make_signal(
            sw.source,
            kind=SignalKind.LPW20,
            rule="LPW-20",
            found_on=day,
            days=day_list([day], hours="5", reason="ongeoorloofd"),
            child=sw.child,
            absences=False,
        )
        if n % 2:
            VerzuimMelding.objects.create(
                signal=signal,
                start=day,
                end=day,
                presumed_kind="ongeoorloofd verzuim",
                prepared_by=sw.user("ib"),
                prepared_on=day,
            )
        make_signal(
            sw.source,
            kind=SignalKind.VAAK_ZIEK,
            rule="instelling:vaak_ziek",
            found_on=day + timedelta(days=1),
            days=day_list([day + timedelta(days=1)], hours="5", reason="ziek"),
            pupil_bsn=elfproef_bsn(n),
            pupil_name=f"Leerling {n}",
            pupil_birth_date=date(2015, 1, 1),
            absences=False,
        )


def count_queries(fn: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def grows(sw: SignalWorld, fn: Callable[[], Any]) -> tuple[int, int]:
    add_signals(sw, 2)
    fn()  # warm caches (sessions, content types) before counting
    few = count_queries(fn)
    add_signals(sw, 8)
    return few, count_queries(fn)


def test_the_signals_list_reads_a_page_in_a_fixed_number_of_queries() -> None:
    sw = make_signal_world()
    client = Client()
    login_verified(client, sw.user("ib"))
    few, many = grows(sw, lambda: client.get("/aanwezigheid/signalen/"))
    assert few == many


def test_the_agenda_reads_the_schools_signals_in_a_fixed_number_of_queries() -> None:
    sw = make_signal_world()
    user = sw.user("ib")
    few, many = grows(sw, lambda: agenda_for_user(user, today=timezone.localdate()))
    assert few == many


def test_the_family_view_reads_its_childs_signals_in_a_fixed_number_of_queries() -> None:
    sw = make_signal_world()
    client = Client()
    login_verified(client, sw.user("ouder"))
    few, many = grows(sw, lambda: client.get("/casussen/gezin/"))
    assert few == many
