"""Audit events of placement: TLV requests and decisions, waiting lists, support profiles. One named
function per event, written in the transaction of its act; reads of a child's request are logged too."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from kring.privacy.audit import Line, event_kind, record_many
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.organisations.models import SchoolLocation

    from .models import SupportOffer, TlvDecision, TlvRequest, WaitingListEntry

PURPOSE = Purpose.ZORGPLICHT


def _soort(data: Mapping[str, Any]) -> dict[str, Any]:
    from .models import TlvSoort

    value = data["soort"]
    return {"soort": str(TlvSoort(value).label) if value in TlvSoort.values else value}


def _outcome(data: Mapping[str, Any]) -> dict[str, Any]:
    from .models import Outcome

    value = data["outcome"]
    return {"outcome": str(Outcome(value).label).lower() if value in Outcome.values else value}


TLV_REQUESTED = event_kind(
    "placement.tlv_requested",
    action=AuditAction.CREATE,
    object_type="tlv-aanvraag",
    title=_("Er is een toelaatbaarheidsverklaring (TLV) aangevraagd."),
    detail=_("Er is een toelaatbaarheidsverklaring (TLV) voor {soort} aangevraagd."),
    context=_soort,
    example={"request_id": 4, "soort": "sbo", "swv_id": 2, "school_id": 7, "advices": 2},
)
TLV_DECIDED = event_kind(
    "placement.tlv_decided",
    action=AuditAction.CREATE,
    object_type="tlv-besluit",
    title=_("Het samenwerkingsverband heeft besloten over de TLV-aanvraag."),
    detail=_("Het samenwerkingsverband heeft besloten over de TLV-aanvraag: {outcome}."),
    context=_outcome,
    example={"request_id": 4, "outcome": "toegekend", "schooljaren": 2},
)
TLV_VIEWED = event_kind(
    "placement.tlv_viewed",
    action=AuditAction.VIEW,
    object_type="tlv-aanvraag",
    title=_("De TLV-aanvraag is bekeken."),
    example={"request_id": 4},
)
TLVS_LISTED = event_kind(
    "placement.tlvs_listed",
    action=AuditAction.VIEW,
    object_type="tlv-aanvraag",
    title=_("De TLV-aanvraag stond in een lijst van aanvragen."),
    example={"request_id": 4},
)
WAITING_ADDED = event_kind(
    "placement.waiting_added",
    action=AuditAction.CREATE,
    object_type="wachtlijst",
    title=_("Het kind is op een wachtlijst gezet."),
    example={"entry_id": 3, "school_id": 9, "since": "2026-03-02"},
)
WAITING_ENDED = event_kind(
    "placement.waiting_ended",
    action=AuditAction.UPDATE,
    object_type="wachtlijst",
    title=_("Het kind staat niet meer op de wachtlijst."),
    example={"entry_id": 3, "school_id": 9, "ended_on": "2026-05-01"},
)
WAITING_LIST_VIEWED = event_kind(
    "placement.waiting_list_viewed",
    action=AuditAction.VIEW,
    object_type="wachtlijst",
    title=_("De wachtlijst is bekeken."),
    example={"entry_id": 3, "school_id": 9},
)
OFFER_ADDED = event_kind(
    "placement.support_offer_added",
    action=AuditAction.CREATE,
    object_type="ondersteuningsprofiel",
    title=_("Het ondersteuningsprofiel van een school is aangevuld."),
    example={"offer_id": 5, "school_id": 7, "level": "extra", "category": "gedrag"},
)
OFFER_REMOVED = event_kind(
    "placement.support_offer_removed",
    action=AuditAction.DELETE,
    object_type="ondersteuningsprofiel",
    title=_("Er is iets uit het ondersteuningsprofiel van een school gehaald."),
    example={"offer_id": 5, "school_id": 7},
)


def tlv_requested(*, actor: User, tlv_request: TlvRequest) -> AuditEvent:
    return TLV_REQUESTED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=tlv_request.pk,
        child_id=tlv_request.child_id,
        data={
            "request_id": tlv_request.pk,
            "soort": tlv_request.soort,
            "swv_id": tlv_request.swv_id,
            "school_id": tlv_request.school_id,
            "advices": tlv_request.advices.count(),
        },
        message=(
            f"TLV ({tlv_request.soort}) aangevraagd bij {tlv_request.swv.organisation.name} "
            f"door {tlv_request.school.organisation.name}."
        ),
    )


def tlv_decided(*, actor: User, decision: TlvDecision) -> AuditEvent:
    request = decision.request
    return TLV_DECIDED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=decision.pk,
        child_id=request.child_id,
        data={"request_id": request.pk, "outcome": decision.outcome, "schooljaren": decision.schooljaren},
        message=f"Besluit over de TLV-aanvraag: {decision.outcome}.",
    )


def tlv_viewed(*, actor: User, tlv_request: TlvRequest, purpose: Purpose = PURPOSE) -> AuditEvent:
    return TLV_VIEWED.write(
        actor=actor,
        purpose=purpose,
        object_id=tlv_request.pk,
        child_id=tlv_request.child_id,
        data={"request_id": tlv_request.pk},
        message="De TLV-aanvraag is bekeken.",
    )


def tlvs_listed(*, actor: User, requests: Iterable[TlvRequest]) -> None:
    record_many(
        actor=actor,
        kind=TLVS_LISTED,
        purpose=PURPOSE,
        lines=[
            Line(
                message="De TLV-aanvraag stond in een lijst van aanvragen.",
                data={"request_id": r.pk},
                object_id=r.pk,
                child_id=r.child_id,
            )
            for r in requests
        ],
    )


def waiting_added(*, actor: User, entry: WaitingListEntry) -> AuditEvent:
    return WAITING_ADDED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=entry.pk,
        child_id=entry.child_id,
        data={"entry_id": entry.pk, "school_id": entry.school_id, "since": entry.since.isoformat()},
        message=f"Op de wachtlijst van {entry.school.organisation.name} gezet.",
    )


def waiting_ended(*, actor: User, entry: WaitingListEntry) -> AuditEvent:
    ended = entry.ended_on.isoformat() if entry.ended_on else None
    return WAITING_ENDED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=entry.pk,
        child_id=entry.child_id,
        data={"entry_id": entry.pk, "school_id": entry.school_id, "ended_on": ended},
        message=f"Van de wachtlijst van {entry.school.organisation.name} af.",
    )


def waiting_list_viewed(
    *, actor: User, entries: Iterable[WaitingListEntry], purpose: Purpose = PURPOSE
) -> None:
    record_many(
        actor=actor,
        kind=WAITING_LIST_VIEWED,
        purpose=purpose,
        lines=[
            Line(
                message="De wachtlijst is bekeken.",
                data={"entry_id": entry.pk, "school_id": entry.school_id},
                object_id=entry.pk,
                child_id=entry.child_id,
            )
            for entry in entries
        ],
    )


def support_offer_added(*, actor: User, offer: SupportOffer) -> AuditEvent:
    return OFFER_ADDED.write(
        actor=actor,
        purpose=Purpose.FUNCTIONEEL_BEHEER,
        object_id=offer.pk,
        data={
            "offer_id": offer.pk,
            "school_id": offer.school_id,
            "level": offer.level,
            "category": offer.category,
        },
        message=f"Ondersteuningsprofiel van {offer.school.organisation.name} aangevuld.",
    )


def support_offer_removed(*, actor: User, offer_id: int, school: SchoolLocation) -> AuditEvent:
    return OFFER_REMOVED.write(
        actor=actor,
        purpose=Purpose.FUNCTIONEEL_BEHEER,
        object_id=offer_id,
        data={"offer_id": offer_id, "school_id": school.pk},
        message=f"Iets uit het ondersteuningsprofiel van {school.organisation.name} gehaald.",
    )
