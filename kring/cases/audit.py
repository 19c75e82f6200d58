"""Audit events of the case: one logbook line per read or write, with a Dutch sentence.

The sentences name the child by name and say what happened; free text people typed is passed
through the BSN redaction first. The purpose is always the regie around the child unless a caller
gives a more specific one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kring.privacy import audit as privacy_audit
from kring.privacy.audit import free_text as free_text  # re-exported: the case services redact with it
from kring.privacy.audit import record
from kring.privacy.models import AuditAction, AuditEvent

if TYPE_CHECKING:
    from kring.accounts.models import User

    from .models import Case

PURPOSE_REGIE = "regie op de casus"
PURPOSE_ESCALATIE = "escalatie bij een gemiste termijn of norm"
PURPOSE_NIGHTLY = "dagelijkse controle van termijnen"


def child_name(case: Case) -> str:
    return privacy_audit.child_name(case.child)


def case_event(
    *,
    actor: User | None,
    case: Case,
    action: AuditAction,
    object_type: str,
    object_id: int | str,
    message: str,
    purpose: str = PURPOSE_REGIE,
) -> AuditEvent:
    return record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        child_id=case.child_id,
        purpose=purpose,
        message=message,
    )


def case_viewed(*, actor: User | None, case: Case, purpose: str) -> AuditEvent:
    return case_event(
        actor=actor,
        case=case,
        action=AuditAction.VIEW,
        object_type="casus",
        object_id=case.pk,
        message=f"De casus van {child_name(case)} is bekeken.",
        purpose=purpose,
    )


def case_listed(*, actor: User | None, case: Case, purpose: str) -> AuditEvent:
    return case_event(
        actor=actor,
        case=case,
        action=AuditAction.VIEW,
        object_type="casus",
        object_id=case.pk,
        message=f"{child_name(case)} stond in een lijst met casussen.",
        purpose=purpose,
    )


def case_exported(*, actor: User | None, case: Case, purpose: str) -> AuditEvent:
    return case_event(
        actor=actor,
        case=case,
        action=AuditAction.EXPORT,
        object_type="casus",
        object_id=case.pk,
        message=f"De casus van {child_name(case)} is meegenomen in een export (zonder BSN).",
        purpose=purpose,
    )
