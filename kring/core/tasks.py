"""Background tasks of the core (django-tasks; the worker is `kring db_worker`)."""

from __future__ import annotations

from datetime import date

from django_tasks import task

from .tick import run_tick


@task()
def nightly_tick(day: str | None = None) -> list[str]:
    """Run the nightly tick in the worker; returns one line per job."""
    today = date.fromisoformat(day) if day else date.today()
    return [f"{result.name}: {result.report}" for result in run_tick(today=today)]
