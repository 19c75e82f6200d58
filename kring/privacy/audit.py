"""Audit events as explicit functions: each writes one logbook line with a Dutch sentence."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from kring.rules.kalender import format_date_nl

from .models import AuditAction, AuditEvent

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.children.models import Child, LegalRepresentative, TimelineEvent


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


# ---------------------------------------------------------------- a child's data
# The sentences name the child by first name and the kind of data, never the BSN; free text that
# people typed (reasons) passes through `redact_bsns` first.


def child_name(child: Child) -> str:
    return f"{child.first_name} {child.last_name}".strip()


def free_text(text: str) -> str:
    from .crypto import redact_bsns

    return redact_bsns(text.strip())


def child_created(*, actor: User | None, child: Child, purpose: str = "kind registreren") -> AuditEvent:
    with_bsn = " met BSN" if child.bsn_hash else ""
    return record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="kind",
        object_id=child.pk,
        child_id=child.pk,
        purpose=purpose,
        message=f"De gegevens van {child_name(child)} zijn in Kring vastgelegd{with_bsn}.",
    )


def child_updated(
    *, actor: User | None, child: Child, fields: Sequence[str], purpose: str = "gegevens kind bijwerken"
) -> AuditEvent:
    what = ", ".join(fields) if fields else "geen velden"
    return record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="kind",
        object_id=child.pk,
        child_id=child.pk,
        purpose=purpose,
        message=f"De gegevens van {child_name(child)} zijn gewijzigd: {what}.",
    )


def child_viewed(*, actor: User | None, child: Child, purpose: str) -> AuditEvent:
    return record(
        actor=actor,
        action=AuditAction.VIEW,
        object_type="kind",
        object_id=child.pk,
        child_id=child.pk,
        purpose=purpose,
        message=f"Het dossier van {child_name(child)} is bekeken.",
    )


def child_bsn_viewed(*, actor: User | None, child: Child, purpose: str) -> AuditEvent:
    return record(
        actor=actor,
        action=AuditAction.VIEW,
        object_type="bsn",
        object_id=child.pk,
        child_id=child.pk,
        purpose=purpose,
        message=f"Het BSN van {child_name(child)} is ingezien.",
    )


def child_found_by_bsn(
    *, actor: User | None, child: Child, purpose: str = "kind zoeken op BSN"
) -> AuditEvent:
    return record(
        actor=actor,
        action=AuditAction.VIEW,
        object_type="kind",
        object_id=child.pk,
        child_id=child.pk,
        purpose=purpose,
        message=f"{child_name(child)} is gevonden door te zoeken op BSN.",
    )


def representative_added(
    *,
    actor: User | None,
    representative: LegalRepresentative,
    purpose: str = "wettelijk vertegenwoordiger vastleggen",
) -> AuditEvent:
    child = representative.child
    return record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="wettelijk vertegenwoordiger",
        object_id=representative.pk,
        child_id=child.pk,
        purpose=purpose,
        message=(
            f"{representative.name} ({representative.relation}) is vastgelegd als wettelijk "
            f"vertegenwoordiger van {child_name(child)}."
        ),
    )


def event_recorded(
    *, actor: User | None, event: TimelineEvent, purpose: str = "tijdlijn bijhouden"
) -> AuditEvent:
    child = event.child
    label = event.get_type_display()
    message = (
        f"Op de tijdlijn van {child_name(child)} is vastgelegd: {label} op {format_date_nl(event.date)}."
    )
    if event.recorded_as_violation:
        message += f" Vastgelegd als overtreding, met als reden: {free_text(event.violation_reason)}"
    return record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="gebeurtenis",
        object_id=event.pk,
        child_id=child.pk,
        purpose=purpose,
        message=message,
    )


def event_deleted(
    *, actor: User | None, event: TimelineEvent, reason: str, purpose: str = "tijdlijn corrigeren"
) -> AuditEvent:
    child = event.child
    return record(
        actor=actor,
        action=AuditAction.DELETE,
        object_type="gebeurtenis",
        object_id=event.pk,
        child_id=child.pk,
        purpose=purpose,
        message=(
            f"Van de tijdlijn van {child_name(child)} is verwijderd: {event.get_type_display()} op "
            f"{format_date_nl(event.date)}. Reden: {free_text(reason)}"
        ),
    )


def scenario_exported(
    *, actor: User | None, child: Child, as_of: date, purpose: str = "beoordeling controleren"
) -> AuditEvent:
    return record(
        actor=actor,
        action=AuditAction.EXPORT,
        object_type="tijdlijn",
        object_id=child.pk,
        child_id=child.pk,
        purpose=purpose,
        message=(
            f"De tijdlijn van {child_name(child)} tot en met {format_date_nl(as_of)} is gedownload als "
            "invoer voor de regelcontrole (geboortedatum en gebeurtenissen, zonder naam en BSN)."
        ),
    )


def enrolment_link_issued(*, actor: User | None, user: User) -> AuditEvent:
    return record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="inschrijflink",
        object_id=user.pk,
        purpose="functioneel beheer",
        message=f"Inschrijflink voor tweestapsverificatie gestuurd aan {user.display_name}.",
    )


def enrolment_link_used(*, user: User) -> AuditEvent:
    return record(
        actor=user,
        action=AuditAction.UPDATE,
        object_type="inschrijflink",
        object_id=user.pk,
        purpose="inloggen",
        message=f"{user.display_name} heeft met een inschrijflink een authenticator-app gekoppeld.",
    )


def admin_change_recorded(
    *, actor: User, verb: str, kind: str, object_type: str, object_id: str, object_repr: str, details: str
) -> AuditEvent:
    """A change in functioneel beheer (/beheer/), copied from Django's admin log (accounts.admin_trace)."""
    action = {"toegevoegd": AuditAction.CREATE, "verwijderd": AuditAction.DELETE}.get(
        verb, AuditAction.UPDATE
    )
    detail = f" ({details})" if details else ""
    return record(
        actor=actor,
        action=action,
        object_type=object_type[:64],
        object_id=object_id[:64],
        purpose="functioneel beheer",
        message=f"In functioneel beheer {verb}: {kind} '{object_repr}'{detail}.",
    )


def registration_refused(
    *, actor: User | None, reason: str, purpose: str = "kind registreren (geweigerd)"
) -> AuditEvent:
    """A registration Kring refused for access reasons (role, a child the registrar could not see, a
    BSN Kring cannot register for this person). Names and BSN of the refused child are not logged."""
    return record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="registratie geweigerd",
        purpose=purpose,
        message=f"Een registratie van een kind is geweigerd: {reason}",
    )
