"""Audit events of account administration: changes of roles and rights, in Kring's own logbook."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from kring.privacy.audit import record
from kring.privacy.models import AuditAction, AuditEvent

if TYPE_CHECKING:
    from kring.accounts.models import User

PURPOSE_BEHEER = "functioneel beheer van accounts"


def _describe(changes: Mapping[str, tuple[object, object]]) -> str:
    return "; ".join(f"{field}: {before!s} → {after!s}" for field, (before, after) in sorted(changes.items()))


def account_created(*, actor: User | None, user: User) -> AuditEvent:
    return record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="account",
        object_id=user.pk,
        purpose=PURPOSE_BEHEER,
        message=(
            f"Account {user.username} is aangemaakt met rol {user.role or '-'} "
            f"bij {user.organisation.name if user.organisation else '-'}."
        ),
    )


def account_rights_changed(
    *, actor: User | None, user: User, changes: Mapping[str, tuple[object, object]]
) -> AuditEvent:
    """The role, organisation, active/staff/superuser flags or permissions of an account changed."""
    return record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="account",
        object_id=user.pk,
        purpose=PURPOSE_BEHEER,
        message=f"De rechten van account {user.username} zijn gewijzigd: {_describe(changes)}.",
    )
