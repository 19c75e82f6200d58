"""Audit events of the attendance import: an import applied, an import that failed.

An import is about many pupils and no child's file (no `child_id`): the facts it writes on a matched
child's timeline get their own `timeline.event_recorded` lines from the timeline's gateway. `data`
holds ids, dates and counts only. Purpose: `Purpose.LEERPLICHT`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from kring.privacy.audit import event_kind
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose

if TYPE_CHECKING:
    from kring.accounts.models import User

    from .models import AttendanceImport

OBJECT_TYPE = "aanwezigheidsimport"
PURPOSE = Purpose.LEERPLICHT

IMPORT_APPLIED = event_kind(
    "attendance.import_applied",
    action=AuditAction.CREATE,
    object_type=OBJECT_TYPE,
    title=_("Een bestand met aanwezigheid is ingelezen."),
    detail=_(
        "Aanwezigheid ingelezen van {period_start} tot en met {period_end}: {pupils} leerling(en), "
        "{findings} signaal/signalen."
    ),
    example={
        "import_id": 3,
        "school_id": 12,
        "period_start": "2026-11-02",
        "period_end": "2026-11-27",
        "rows": 400,
        "pupils": 20,
        "findings": 2,
        "replaced_ids": [1],
    },
)
IMPORT_FAILED = event_kind(
    "attendance.import_failed",
    action=AuditAction.CREATE,
    object_type=OBJECT_TYPE,
    title=_("Een bestand met aanwezigheid is niet ingelezen."),
    detail=_("Het bestand is niet ingelezen: {error_count} probleem/problemen."),
    example={"import_id": 3, "school_id": 12, "error_count": 4},
)


def import_applied(*, actor: User | None, record: AttendanceImport, replaced_ids: list[int]) -> AuditEvent:
    summary = record.summary or {}
    return IMPORT_APPLIED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=record.pk,
        data={
            "import_id": record.pk,
            "school_id": record.school_id,
            "period_start": record.period_start.isoformat() if record.period_start else None,
            "period_end": record.period_end.isoformat() if record.period_end else None,
            "rows": int(summary.get("rows", 0)),
            "pupils": int(summary.get("pupils", 0)),
            "findings": int(summary.get("findings", 0)),
            "replaced_ids": replaced_ids,
            "signals_removed": int(summary.get("signals_removed", 0)),
        },
        message=f"Aanwezigheid ingelezen (import {record.pk}).",
    )


def import_failed(*, actor: User | None, record: AttendanceImport) -> AuditEvent:
    return IMPORT_FAILED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=record.pk,
        data={"import_id": record.pk, "school_id": record.school_id, "error_count": len(record.errors or [])},
        message=f"Aanwezigheid niet ingelezen (import {record.pk}).",
    )
