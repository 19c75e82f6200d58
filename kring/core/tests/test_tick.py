from io import StringIO

import pytest
from django.core.management import CommandError, call_command

calls: list[str] = []


def fake_job(*, today):
    calls.append(today.isoformat())
    return f"{len(calls)} keer gedraaid"


def test_tick_runs_every_configured_job_for_the_given_day(settings):
    settings.KRING_TICK_JOBS = ["kring.core.tests.test_tick.fake_job"]
    calls.clear()
    out = StringIO()
    call_command("tick", "--date", "2026-03-02", stdout=out)
    assert calls == ["2026-03-02"]
    assert "Nachtelijke taken voor 2026-03-02" in out.getvalue()
    assert "1 keer gedraaid" in out.getvalue()


def test_tick_with_a_bad_date_says_what_is_wrong(settings):
    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        call_command("tick", "--date", "2 maart")
