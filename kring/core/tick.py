"""The nightly tick: every job that must run once a day, in a fixed order.

Jobs are listed in settings.KRING_TICK_JOBS as dotted paths to callables `job(*, today) -> object`
(the returned report is printed). Every job is idempotent: running the tick twice on one day
does no work twice. Cron (or any scheduler) runs `kring tick` nightly; `kring tick --date` lets
an administrator replay a day. `kring tick --workers N` passes `workers=N` to the jobs that take
it (the assessments: their batches run in N processes, see `kring.children.jobs`).
"""

from __future__ import annotations

import inspect
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.module_loading import import_string

Job = Callable[..., object]


logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobResult:
    name: str
    report: object
    seconds: float = 0.0


def configured_jobs() -> list[tuple[str, Job]]:
    return [(path, import_string(path)) for path in getattr(settings, "KRING_TICK_JOBS", [])]


def run_tick(*, today: date, workers: int = 1) -> list[JobResult]:
    results = []
    for path, job in configured_jobs():
        kwargs: dict[str, object] = {"today": today}
        if workers > 1 and "workers" in inspect.signature(job).parameters:
            kwargs["workers"] = workers
        started = time.monotonic()
        report = job(**kwargs)
        results.append(JobResult(name=path, report=report, seconds=time.monotonic() - started))
        logger.info("Kring tick %s: %s (%.1f s)", path, report, results[-1].seconds)
    return results
