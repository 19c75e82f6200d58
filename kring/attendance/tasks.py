"""Background tasks of attendance (django-tasks; the worker is `kring db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_attendance_import(import_id: int) -> str:
    """Run an uploaded import in the worker; returns its status."""
    from kring.attendance.services.imports import run_stored_import

    return str(run_stored_import(import_id).status)
