"""The nightly mail speaks the recipient's language and never names a child."""

from __future__ import annotations

from datetime import date

from django.core import mail

from kring.cases.testing import World
from kring.core.tick import run_tick

from .helpers import open_case, thuiszitter_timeline

TODAY = date(2026, 3, 2)  # the three-month norm of a thuiszitter since October 2025 is overdue


def test_each_person_gets_the_mail_in_their_own_language(world: World) -> None:
    thuiszitter_timeline(world)
    open_case(world)
    lpa = world.user("lpa")
    lpa.preferred_language = "en"
    lpa.save(update_fields=["preferred_language"])

    run_tick(today=TODAY)

    mine = [m for m in mail.outbox if m.to == [lpa.email]]
    assert len(mine) == 1
    assert mine[0].subject == "Something is waiting for you in Kring"
    assert "Log in to see what it is" in mine[0].body
    assert world.child.first_name not in mine[0].body
    dutch = [m for m in mail.outbox if m.to != [lpa.email]]
    assert dutch and all(m.subject == "Er staat iets voor je klaar in Kring" for m in dutch)
