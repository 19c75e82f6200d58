"""Background task: the same import as `kring import reference`, run by the worker (`kring db_worker`)."""

from __future__ import annotations

from pathlib import Path

from django_tasks import task

from .services import import_reference


@task()
def import_reference_task(path: str) -> dict[str, dict[str, int]]:
    """Import the reference data in `path`; returns the counts per kind (JSON-serialisable).

    On invalid input the task fails with ReferenceImportFailed and nothing is written.
    """
    report = import_reference(directory=Path(path))
    return {
        kind: {"created": c.created, "updated": c.updated, "unchanged": c.unchanged}
        for kind, c in report.counts.items()
    }
