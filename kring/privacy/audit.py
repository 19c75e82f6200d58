"""Audit events as explicit functions: each writes one logbook line with a Dutch sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import AuditAction, AuditEvent

if TYPE_CHECKING:
    from kring.accounts.models import User


def record(
    *,
    actor: User | None,
    action: AuditAction,
    object_type: str,
    purpose: str,
    message: str,
    object_id: str | int = "",
    child_id: int | None = None,
) -> AuditEvent:
    """Write one logbook line. Call it inside the transaction of the act it describes."""
    if actor is not None and actor.is_authenticated:
        name = actor.display_name
        role = actor.get_role_display() if actor.role else ""
        organisation = actor.organisation.name if actor.organisation_id and actor.organisation else ""
        actor_ref: User | None = actor
    else:
        name, role, organisation, actor_ref = "Kring (systeem)", "", "", None
    return AuditEvent.objects.create(
        actor=actor_ref,
        actor_name=name,
        actor_role=role,
        actor_organisation=organisation,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        child_id=child_id,
        purpose=purpose,
        message=message,
    )


def login_succeeded(*, user: User) -> AuditEvent:
    return record(
        actor=user,
        action=AuditAction.LOGIN,
        object_type="account",
        object_id=user.pk,
        purpose="inloggen",
        message=f"{user.display_name} is ingelogd.",
    )


def reference_imported(*, actor: User | None, summary: str) -> AuditEvent:
    return record(
        actor=actor,
        action=AuditAction.IMPORT,
        object_type="referentiegegevens",
        purpose="referentiegegevens bijwerken",
        message=f"Referentiegegevens geïmporteerd: {summary}",
    )
