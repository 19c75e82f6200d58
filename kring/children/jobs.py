"""The nightly work of the children app, called by `kring tick` (settings.KRING_TICK_JOBS).

`assess_children(today=..., workers=1)` assesses every child whose stored assessment is stale for
`today` or missing (see `readmodel.py` and ADR 0016): its horizon came, its timeline changed, its
region's norms or the holiday calendar changed. A fresh one is left alone, so a second run on the
same day assesses nobody.

The work is cut into batches of at most `BATCH` children of one region (the region of the stored
row; new children form their own batches), each read with one query for the children and one for
their timelines, assessed, and written with one bulk statement in its own transaction. A run that
is stopped halfway leaves whole batches behind; the next run selects what is still stale, so it
ends with the same database as a run that was never stopped. `workers` > 1 runs the batches in that
many processes (each with its own database connection; meant for PostgreSQL).

Children with an open case are brought up to date by the cases job that runs after this one
(`kring.cases.jobs.run_nightly`). Reads by the system itself leave no audit line per child: they
are not a person looking at the file.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from .readmodel import Lookups, assess_batch, stale_child_ids

logger = logging.getLogger(__name__)

BATCH = 1000


@dataclass
class AssessReport:
    today: date
    children_assessed: int = 0
    batches: int = 0
    failures: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = f"{self.children_assessed} kinderen beoordeeld in {self.batches} delen"
        if self.failures:
            text += f", {len(self.failures)} fouten"
        return text


def batches(stale: dict[int, int | None], *, size: int = BATCH) -> Iterator[list[int]]:
    """The stale children (child id -> region) in batches of at most `size`, one region per batch,
    in a fixed order (region, then child id)."""
    by_region: dict[int | None, list[int]] = defaultdict(list)
    for child_id, swv_id in stale.items():
        by_region[swv_id].append(child_id)
    for swv_id in sorted(by_region, key=lambda r: (r is None, r or 0)):
        ids = sorted(by_region[swv_id])
        for start in range(0, len(ids), size):
            yield ids[start : start + size]


def _run_batch(ids: Sequence[int], today: date) -> tuple[int, list[str]]:
    """One batch in a worker process (its lookups are its own, kept for the run)."""
    if today not in _lookups:
        _lookups.clear()
        _lookups[today] = Lookups.for_day(today)
    result = assess_batch(ids, lookups=_lookups[today])
    return result.assessed, result.failures


_lookups: dict[date, Lookups] = {}


def run_batches(work: list[list[int]], *, lookups: Lookups, workers: int, report: AssessReport) -> None:
    """Assess the batches, in this process or in `workers` processes (fork; each opens its own
    database connection), adding what they did to `report`."""
    if workers <= 1 or len(work) <= 1:
        for ids in work:
            result = assess_batch(ids, lookups=lookups)
            report.children_assessed += result.assessed
            report.failures += result.failures
            report.batches += 1
        return
    import multiprocessing

    from django.db import connections

    connections.close_all()  # a forked process must not share the parent's connection
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        tasks = [(ids, lookups.today) for ids in work]
        for assessed, failures in pool.starmap(_run_batch, tasks, chunksize=1):
            report.children_assessed += assessed
            report.failures += failures
            report.batches += 1


def assess_children(*, today: date, workers: int = 1, batch_size: int = BATCH) -> AssessReport:
    report = AssessReport(today=today)
    lookups = Lookups.for_day(today)
    work = list(batches(stale_child_ids(today=today, lookups=lookups), size=batch_size))
    run_batches(work, lookups=lookups, workers=workers, report=report)
    for failure in report.failures:
        logger.error("Kring: %s niet beoordeeld", failure)
    return report
