"""Audit events of accounts: logging in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kring.privacy.audit import EventKind, event_kind
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose

if TYPE_CHECKING:
    from .models import User

LOGGED_IN = event_kind(
    "account.logged_in",
    action=AuditAction.LOGIN,
    object_type="account",
    title=_("Ingelogd."),
    example={"user_id": 7},
)


def login_succeeded(*, user: User) -> AuditEvent:
    return LOGGED_IN.write(
        actor=user,
        purpose=Purpose.LOGIN,
        object_id=user.pk,
        data={"user_id": user.pk},
        message=f"{user.display_name} is ingelogd.",
    )


ENROLMENT_LINK_ISSUED = event_kind(
    "account.enrolment_link_issued",
    action=AuditAction.CREATE,
    object_type="inschrijflink",
    title=_("Er is een link gestuurd om tweestapsverificatie in te stellen."),
    example={"user_id": 7},
)
ENROLMENT_LINK_USED = event_kind(
    "account.enrolment_link_used",
    action=AuditAction.UPDATE,
    object_type="inschrijflink",
    title=_("Met een link is een authenticator-app gekoppeld."),
    example={"user_id": 7},
)


def enrolment_link_issued(*, actor: User | None, user: User) -> AuditEvent:
    return ENROLMENT_LINK_ISSUED.write(
        actor=actor,
        purpose=Purpose.FUNCTIONEEL_BEHEER,
        object_id=user.pk,
        data={"user_id": user.pk},
        message=f"Inschrijflink voor tweestapsverificatie gestuurd aan {user.display_name}.",
    )


def enrolment_link_used(*, user: User) -> AuditEvent:
    return ENROLMENT_LINK_USED.write(
        actor=user,
        purpose=Purpose.LOGIN,
        object_id=user.pk,
        data={"user_id": user.pk},
        message=f"{user.display_name} heeft met een inschrijflink een authenticator-app gekoppeld.",
    )


# ---------------------------------------------------------------- functioneel beheer (/beheer/)


def _admin_kind(code: str, action: AuditAction, title: Promise) -> EventKind:
    return event_kind(
        code,
        action=action,
        object_type="beheer",
        title=title,
        example={"model": "accounts.user", "object_id": "7"},
    )


ADMIN_ADDED = _admin_kind(
    "admin.object_added", AuditAction.CREATE, _("In functioneel beheer is iets toegevoegd.")
)
ADMIN_CHANGED = _admin_kind(
    "admin.object_changed", AuditAction.UPDATE, _("In functioneel beheer is iets gewijzigd.")
)
ADMIN_DELETED = _admin_kind(
    "admin.object_deleted", AuditAction.DELETE, _("In functioneel beheer is iets verwijderd.")
)
_ADMIN_KINDS = {"toegevoegd": ADMIN_ADDED, "verwijderd": ADMIN_DELETED}


def admin_change_recorded(
    *, actor: User, verb: str, kind: str, object_type: str, object_id: str, object_repr: str, details: str
) -> AuditEvent:
    """A change in functioneel beheer (/beheer/), copied from Django's admin log (accounts.admin_trace).
    The model and id go into the data; what was shown and changed only into the Dutch sentence."""
    detail = f" ({details})" if details else ""
    return _ADMIN_KINDS.get(verb, ADMIN_CHANGED).write(
        actor=actor,
        purpose=Purpose.FUNCTIONEEL_BEHEER,
        object_id=object_id[:64],
        object_type=object_type,
        data={"model": object_type.removeprefix("beheer:")[:64], "object_id": object_id[:32]},
        message=f"In functioneel beheer {verb}: {kind} '{object_repr}'{detail}.",
    )


# ---------------------------------------------------------------- roles and rights of accounts

ACCOUNT_CREATED = event_kind(
    "account.created",
    action=AuditAction.CREATE,
    object_type="account",
    title=_("Er is een account aangemaakt."),
    example={"user_id": 7},
)
ACCOUNT_RIGHTS_CHANGED = event_kind(
    "account.rights_changed",
    action=AuditAction.UPDATE,
    object_type="account",
    title=_("De rechten van een account zijn gewijzigd."),
    example={"user_id": 7, "fields": ["role", "is_staff"]},
)


def _describe(changes: Mapping[str, tuple[object, object]]) -> str:
    return "; ".join(f"{field}: {before!s} → {after!s}" for field, (before, after) in sorted(changes.items()))


def account_created(*, actor: User | None, user: User) -> AuditEvent:
    return ACCOUNT_CREATED.write(
        actor=actor,
        purpose=Purpose.FUNCTIONEEL_BEHEER,
        object_id=user.pk,
        data={"user_id": user.pk},
        message=(
            f"Account {user.username} is aangemaakt met rol {user.role or '-'} "
            f"bij {user.organisation.name if user.organisation else '-'}."
        ),
    )


def account_rights_changed(
    *, actor: User | None, user: User, changes: Mapping[str, tuple[object, object]]
) -> AuditEvent:
    """The role, organisation, active/staff/superuser flags or permissions of an account changed.
    The names of the changed fields go into the data; before and after only into the sentence."""
    return ACCOUNT_RIGHTS_CHANGED.write(
        actor=actor,
        purpose=Purpose.FUNCTIONEEL_BEHEER,
        object_id=user.pk,
        data={"user_id": user.pk, "fields": sorted(str(f)[:64] for f in changes)},
        message=f"De rechten van account {user.username} zijn gewijzigd: {_describe(changes)}.",
    )
