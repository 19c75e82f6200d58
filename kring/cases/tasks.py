"""Background tasks of the cases app (django-tasks; the worker is `kring db_worker`)."""

from __future__ import annotations

from datetime import date

from django_tasks import task

from .jobs import run_nightly


@task()
def nightly_cases(day: str | None = None) -> str:
    """`run_nightly` in the worker. `day` is an ISO date (task arguments must be JSON); default today."""
    from django.utils import timezone

    today = date.fromisoformat(day) if day else timezone.localdate()
    return str(run_nightly(today=today))
