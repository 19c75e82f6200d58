"""The nightly tick: every job that must run once a day, in a fixed order.

Jobs are listed in settings.KRING_TICK_JOBS as dotted paths to callables `job(*, today) -> object`
(the returned report is printed). Every job is idempotent: running the tick twice on one day
does no work twice. Cron (or any scheduler) runs `kring tick` nightly; `kring tick --date` lets
an administrator replay a day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.module_loading import import_string

Job = Callable[..., object]


@dataclass(frozen=True)
class JobResult:
    name: str
    report: object


def configured_jobs() -> list[tuple[str, Job]]:
    return [(path, import_string(path)) for path in getattr(settings, "KRING_TICK_JOBS", [])]


def run_tick(*, today: date) -> list[JobResult]:
    return [JobResult(name=path, report=job(today=today)) for path, job in configured_jobs()]
