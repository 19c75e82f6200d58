"""Audit events of the child's own file: registration, reads, representatives and the timeline.

Each function writes one logbook line (code, data, purpose, Dutch sentence); call it inside the
transaction of the act. Data holds ids, codes, field names and dates, never the BSN or typed text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kring.privacy.audit import Line, child_name, event_kind, free_text, record_many
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose
from kring.privacy.rendering import day
from kring.rules.kalender import format_date_nl

if TYPE_CHECKING:
    from kring.accounts.models import User

    from .models import Child, Invitation, LegalRepresentative, TimelineEvent


def _field_labels(data: Mapping[str, Any]) -> dict[str, str]:
    from .services import _CHILD_FIELD_LABELS

    return {"what": ", ".join(gettext(_CHILD_FIELD_LABELS.get(f, f)) for f in data["fields"])}


def _event_label(data: Mapping[str, Any]) -> dict[str, str]:
    from .models import EventType

    return {"label": str(EventType(data["event_type"]).label), "day": day(data["date"])}


REGISTERED = event_kind(
    "child.registered",
    action=AuditAction.CREATE,
    object_type="kind",
    title=_("Het kind is in Kring vastgelegd."),
    example={"child_id": 1, "with_bsn": True},
)
UPDATED = event_kind(
    "child.updated",
    action=AuditAction.UPDATE,
    object_type="kind",
    title=_("De gegevens van het kind zijn gewijzigd."),
    detail=_("De gegevens van het kind zijn gewijzigd: {what}."),
    context=_field_labels,
    example={"child_id": 1, "fields": ["postcode", "gemeente"]},
)
VIEWED = event_kind(
    "child.viewed",
    action=AuditAction.VIEW,
    object_type="kind",
    title=_("Het dossier van het kind is bekeken."),
    example={"child_id": 1},
)
BSN_VIEWED = event_kind(
    "child.bsn_viewed",
    action=AuditAction.VIEW,
    object_type="bsn",
    title=_("Het BSN van het kind is ingezien."),
    example={"child_id": 1},
)
FOUND_BY_BSN = event_kind(
    "child.found_by_bsn",
    action=AuditAction.VIEW,
    object_type="kind",
    title=_("Het kind is gevonden door te zoeken op BSN."),
    example={"child_id": 1},
)
LISTED = event_kind(
    "child.listed",
    action=AuditAction.VIEW,
    object_type="kind",
    title=_("Het kind stond in de lijst met kinderen."),
    example={"child_id": 1},
)
REPRESENTATIVE_ADDED = event_kind(
    "child.representative_added",
    action=AuditAction.CREATE,
    object_type="wettelijk vertegenwoordiger",
    title=_("Een wettelijk vertegenwoordiger van het kind is vastgelegd."),
    example={"child_id": 1, "representative_id": 2},
)
EVENT_RECORDED = event_kind(
    "timeline.event_recorded",
    action=AuditAction.CREATE,
    object_type="gebeurtenis",
    title=_("Er is iets vastgelegd op de tijdlijn."),
    detail=_("Op de tijdlijn is vastgelegd: {label} op {day}."),
    context=_event_label,
    example={
        "event_id": 3,
        "event_type": "inschrijving",
        "date": "2026-03-02",
        "recorded_as_violation": False,
    },
)
EVENT_DELETED = event_kind(
    "timeline.event_deleted",
    action=AuditAction.DELETE,
    object_type="gebeurtenis",
    title=_("Er is iets van de tijdlijn verwijderd."),
    detail=_("Van de tijdlijn is verwijderd: {label} op {day}."),
    context=_event_label,
    example={"event_id": 3, "event_type": "inschrijving", "date": "2026-03-02"},
)
SCENARIO_EXPORTED = event_kind(
    "timeline.scenario_exported",
    action=AuditAction.EXPORT,
    object_type="tijdlijn",
    title=_("De tijdlijn is gedownload voor de regelcontrole, zonder naam en BSN."),
    detail=_("De tijdlijn tot en met {as_of_day} is gedownload voor de regelcontrole, zonder naam en BSN."),
    context=lambda d: {"as_of_day": day(d["as_of"])},
    example={"child_id": 1, "as_of": "2026-12-02"},
)


def child_created(*, actor: User | None, child: Child, purpose: Purpose = Purpose.LEERPLICHT) -> AuditEvent:
    with_bsn = " met BSN" if child.bsn_hash else ""
    return REGISTERED.write(
        actor=actor,
        purpose=purpose,
        object_id=child.pk,
        child_id=child.pk,
        data={"child_id": child.pk, "with_bsn": bool(child.bsn_hash)},
        message=f"De gegevens van {child_name(child)} zijn in Kring vastgelegd{with_bsn}.",
    )


def child_updated(
    *, actor: User | None, child: Child, fields: Sequence[str], purpose: Purpose = Purpose.LEERPLICHT
) -> AuditEvent:
    """`fields` are the names of the changed fields (`postcode`, `bsn`, ...), never their values."""
    from .services import _CHILD_FIELD_LABELS

    what = ", ".join(_CHILD_FIELD_LABELS.get(f, f) for f in fields) if fields else "geen velden"
    return UPDATED.write(
        actor=actor,
        purpose=purpose,
        object_id=child.pk,
        child_id=child.pk,
        data={"child_id": child.pk, "fields": list(fields)},
        message=f"De gegevens van {child_name(child)} zijn gewijzigd: {what}.",
    )


def child_viewed(*, actor: User | None, child: Child, purpose: Purpose) -> AuditEvent:
    return VIEWED.write(
        actor=actor,
        purpose=purpose,
        object_id=child.pk,
        child_id=child.pk,
        data={"child_id": child.pk},
        message=f"Het dossier van {child_name(child)} is bekeken.",
    )


def children_viewed(*, actor: User | None, children: Sequence[Child], purpose: Purpose) -> list[AuditEvent]:
    """`child_viewed` for each child of a list (the API's), in one INSERT."""
    lines = [
        Line(
            object_id=child.pk,
            child_id=child.pk,
            data={"child_id": child.pk},
            message=f"Het dossier van {child_name(child)} is bekeken.",
        )
        for child in children
    ]
    return record_many(actor=actor, kind=VIEWED, purpose=purpose, lines=lines)


def child_bsn_viewed(*, actor: User | None, child: Child, purpose: Purpose) -> AuditEvent:
    return BSN_VIEWED.write(
        actor=actor,
        purpose=purpose,
        object_id=child.pk,
        child_id=child.pk,
        data={"child_id": child.pk},
        message=f"Het BSN van {child_name(child)} is ingezien.",
    )


def child_found_by_bsn(
    *, actor: User | None, child: Child, purpose: Purpose = Purpose.LEERPLICHT
) -> AuditEvent:
    return FOUND_BY_BSN.write(
        actor=actor,
        purpose=purpose,
        object_id=child.pk,
        child_id=child.pk,
        data={"child_id": child.pk},
        message=f"{child_name(child)} is gevonden door te zoeken op BSN.",
    )


def children_listed(
    *, actor: User | None, children: Sequence[Child], purpose: Purpose = Purpose.LEERPLICHT
) -> list[AuditEvent]:
    """One line per child shown on a page of the list of children (the family sees it), one INSERT."""
    lines = [
        Line(
            object_id=child.pk,
            child_id=child.pk,
            data={"child_id": child.pk},
            message=f"{child_name(child)} stond in de lijst met kinderen.",
        )
        for child in children
    ]
    return record_many(actor=actor, kind=LISTED, purpose=purpose, lines=lines)


def representative_added(
    *, actor: User | None, representative: LegalRepresentative, purpose: Purpose = Purpose.LEERPLICHT
) -> AuditEvent:
    child = representative.child
    return REPRESENTATIVE_ADDED.write(
        actor=actor,
        purpose=purpose,
        object_id=representative.pk,
        child_id=child.pk,
        data={"child_id": child.pk, "representative_id": representative.pk},
        message=(
            f"{representative.name} ({representative.relation}) is vastgelegd als wettelijk "
            f"vertegenwoordiger van {child_name(child)}."
        ),
    )


def _recorded_line(event: TimelineEvent) -> Line:
    child = event.child
    label = event.get_type_display()
    message = (
        f"Op de tijdlijn van {child_name(child)} is vastgelegd: {label} op {format_date_nl(event.date)}."
    )
    if event.recorded_as_violation:
        message += f" Vastgelegd als overtreding, met als reden: {free_text(event.violation_reason)}"
    return Line(
        message=message,
        object_id=event.pk,
        child_id=child.pk,
        data={
            "event_id": event.pk,
            "event_type": event.type,
            "date": event.date.isoformat(),
            "recorded_as_violation": bool(event.recorded_as_violation),
        },
    )


def event_recorded(
    *, actor: User | None, event: TimelineEvent, purpose: Purpose = Purpose.LEERPLICHT
) -> AuditEvent:
    line = _recorded_line(event)
    return EVENT_RECORDED.write(
        actor=actor,
        purpose=purpose,
        object_id=line.object_id,
        child_id=line.child_id,
        data=line.data,
        message=line.message,
    )


def events_recorded(
    *, actor: User | None, events: Sequence[TimelineEvent], purpose: Purpose = Purpose.LEERPLICHT
) -> list[AuditEvent]:
    """The line of `event_recorded` for each of a batch of events, in one INSERT."""
    return record_many(
        actor=actor, kind=EVENT_RECORDED, purpose=purpose, lines=[_recorded_line(e) for e in events]
    )


def event_deleted(
    *, actor: User | None, event: TimelineEvent, reason: str, purpose: Purpose = Purpose.LEERPLICHT
) -> AuditEvent:
    """The reason people typed goes into the Dutch sentence (BSN redacted), not into the data."""
    child = event.child
    return EVENT_DELETED.write(
        actor=actor,
        purpose=purpose,
        object_id=event.pk,
        child_id=child.pk,
        data={"event_id": event.pk, "event_type": event.type, "date": event.date.isoformat()},
        message=(
            f"Van de tijdlijn van {child_name(child)} is verwijderd: {event.get_type_display()} op "
            f"{format_date_nl(event.date)}. Reden: {free_text(reason)}"
        ),
    )


def scenario_exported(
    *, actor: User | None, child: Child, as_of: date, purpose: Purpose = Purpose.LEERPLICHT
) -> AuditEvent:
    return SCENARIO_EXPORTED.write(
        actor=actor,
        purpose=purpose,
        object_id=child.pk,
        child_id=child.pk,
        data={"child_id": child.pk, "as_of": as_of.isoformat()},
        message=(
            f"De tijdlijn van {child_name(child)} tot en met {format_date_nl(as_of)} is gedownload als "
            "invoer voor de regelcontrole (geboortedatum en gebeurtenissen, zonder naam en BSN)."
        ),
    )


REGISTRATION_REFUSED = event_kind(
    "child.registration_refused",
    action=AuditAction.CREATE,
    object_type="registratie geweigerd",
    title=_("Kring heeft een registratie van een kind geweigerd."),
    example={"reason": "not_visible"},
)
# The refusals of the registration service (children.services), as codes for the data.
_REFUSAL_CODES = {
    "deze persoon heeft geen rol die kinderen registreert.": "no_role",
    "het kind zou daarna niet zichtbaar zijn voor wie het registreerde.": "not_visible",
    "het BSN hoort bij een kind dat deze persoon niet mag zien.": "bsn_of_a_child_out_of_view",
    "het BSN is tegelijk door iemand anders geregistreerd.": "bsn_registered_concurrently",
}


def registration_refused(
    *, actor: User | None, reason: str, purpose: Purpose = Purpose.LEERPLICHT
) -> AuditEvent:
    """A registration Kring refused for access reasons (role, a child the registrar could not see, a
    BSN Kring cannot register for this person). Names and BSN of the refused child are not logged."""
    return REGISTRATION_REFUSED.write(
        actor=actor,
        purpose=purpose,
        data={"reason": _REFUSAL_CODES.get(reason, "other")},
        message=f"Een registratie van een kind is geweigerd: {reason}",
    )


# ---------------------------------------------------------------- gezag and invitations (family accounts)


def _gezag_label(data: Mapping[str, Any]) -> dict[str, str]:
    from .models import Gezag

    return {"gezag": str(Gezag(data["gezag"]).label).lower()}


def _invitation_for(data: Mapping[str, Any]) -> dict[str, str]:
    from .models import InvitationKind

    return {"who": str(InvitationKind(data["kind"]).label).lower()}


GEZAG_RECORDED = event_kind(
    "child.gezag_recorded",
    action=AuditAction.UPDATE,
    object_type="wettelijk vertegenwoordiger",
    title=_("Er is vastgelegd wie gezag heeft over het kind."),
    detail=_("Er is vastgelegd dat een wettelijk vertegenwoordiger {gezag}."),
    context=_gezag_label,
    example={"child_id": 1, "representative_id": 2, "gezag": "geen_gezag"},
)
INVITATION_SENT = event_kind(
    "invitation.sent",
    action=AuditAction.CREATE,
    object_type="uitnodiging",
    title=_("Er is een uitnodiging voor een account in Kring gestuurd."),
    detail=_("Er is een uitnodiging voor een account in Kring gestuurd aan: {who}."),
    context=_invitation_for,
    example={"child_id": 1, "invitation_id": 3, "kind": "ouder", "resent": False},
)
INVITATION_ACCEPTED = event_kind(
    "invitation.accepted",
    action=AuditAction.UPDATE,
    object_type="uitnodiging",
    title=_("Een uitnodiging is aangenomen: er is een account gekoppeld aan het dossier."),
    detail=_("Een uitnodiging is aangenomen. Nu heeft ook {who} een account bij het dossier."),
    context=_invitation_for,
    example={"child_id": 1, "invitation_id": 3, "kind": "kind", "user_id": 9},
)
INVITATION_REVOKED = event_kind(
    "invitation.revoked",
    action=AuditAction.UPDATE,
    object_type="uitnodiging",
    title=_("Een uitnodiging voor een account in Kring is ingetrokken."),
    detail=_("Een uitnodiging voor een account in Kring is ingetrokken (voor: {who})."),
    context=_invitation_for,
    example={"child_id": 1, "invitation_id": 3, "kind": "ouder"},
)


def _invitee(invitation: Invitation) -> str:
    if invitation.representative is not None:
        return invitation.representative.name
    return invitation.child.first_name


def gezag_recorded(*, actor: User | None, representative: LegalRepresentative) -> AuditEvent:
    child = representative.child
    return GEZAG_RECORDED.write(
        actor=actor,
        purpose=Purpose.LEERPLICHT,
        object_id=representative.pk,
        child_id=child.pk,
        data={"child_id": child.pk, "representative_id": representative.pk, "gezag": representative.gezag},
        message=(
            f"Gezag van {representative.name} voor {child_name(child)} vastgelegd: "
            f"{representative.get_gezag_display()}"
            + (
                f" (vastgesteld op {format_date_nl(representative.gezag_on)})."
                if representative.gezag_on
                else "."
            )
        ),
    )


def invitation_sent(*, actor: User | None, invitation: Invitation, resent: bool = False) -> AuditEvent:
    child = invitation.child
    again = "opnieuw " if resent else ""
    return INVITATION_SENT.write(
        actor=actor,
        purpose=Purpose.FAMILY_ACCESS,
        object_id=invitation.pk,
        child_id=child.pk,
        data={
            "child_id": child.pk,
            "invitation_id": invitation.pk,
            "kind": invitation.kind,
            "resent": resent,
        },
        message=(
            f"Uitnodiging voor een account {again}gestuurd aan {_invitee(invitation)} ({child_name(child)})."
        ),
    )


def invitation_accepted(*, user: User, invitation: Invitation) -> AuditEvent:
    child = invitation.child
    return INVITATION_ACCEPTED.write(
        actor=user,
        purpose=Purpose.FAMILY_ACCESS,
        object_id=invitation.pk,
        child_id=child.pk,
        data={
            "child_id": child.pk,
            "invitation_id": invitation.pk,
            "kind": invitation.kind,
            "user_id": user.pk,
        },
        message=(
            f"{_invitee(invitation)} heeft de uitnodiging aangenomen en heeft nu een account bij het "
            f"dossier van {child_name(child)}."
        ),
    )


def invitation_revoked(*, actor: User | None, invitation: Invitation) -> AuditEvent:
    child = invitation.child
    return INVITATION_REVOKED.write(
        actor=actor,
        purpose=Purpose.FAMILY_ACCESS,
        object_id=invitation.pk,
        child_id=child.pk,
        data={"child_id": child.pk, "invitation_id": invitation.pk, "kind": invitation.kind},
        message=f"Uitnodiging voor {_invitee(invitation)} ({child_name(child)}) ingetrokken.",
    )


RETENTION_APPLIED = event_kind(
    "child.retention_applied",
    action=AuditAction.DELETE,
    object_type="tijdlijn",
    title=_("Gegevens op de tijdlijn zijn verwijderd, omdat hun bewaartermijn voorbij is."),
    detail=_(
        "Omdat hun bewaartermijn voorbij is ({rules}), zijn {removed} gebeurtenissen van de tijdlijn "
        "verwijderd en bij {anonymised} de toelichting gewist."
    ),
    example={"rules": "PRV-06", "soorten": "verzuim", "removed": 4, "anonymised": 1, "until": "2026-03-01"},
)


def retention_applied(*, child: Child, counts: Mapping[str, Any]) -> AuditEvent:
    """The nightly retention enforced the engine's bewaartermijnen on the child's timeline
    (`kring.children.retention`): counts and rules only, never what was removed."""
    return RETENTION_APPLIED.write(
        actor=None,
        purpose=Purpose.NIGHTLY_JOB,
        object_id=child.pk,
        child_id=child.pk,
        data=dict(counts),
        message=(
            f"Bewaartermijn voorbij ({counts.get('rules', '')}): {counts.get('removed', 0)} gebeurtenissen "
            f"verwijderd, bij {counts.get('anonymised', 0)} de toelichting gewist."
        ),
    )
