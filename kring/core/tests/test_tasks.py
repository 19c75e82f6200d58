from kring.core.tasks import nightly_tick

from .test_tick import calls


def test_the_nightly_tick_runs_as_a_background_task(settings):
    settings.KRING_TICK_JOBS = ["kring.core.tests.test_tick.fake_job"]
    calls.clear()
    result = nightly_tick.enqueue("2026-03-02")  # the test settings run tasks immediately
    assert result.return_value == ["kring.core.tests.test_tick.fake_job: 1 keer gedraaid"]
    assert calls == ["2026-03-02"]
