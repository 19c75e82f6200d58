"""The logbook lines of the family's rights requests (one named function per event). The lines
hold ids and codes, never the family's or the organisation's words (those are in the file)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from kring.privacy.audit import Line, child_name, event_kind, record_many
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose

from .models import RequestKind, RequestOutcome

if TYPE_CHECKING:
    from kring.accounts.models import User

    from .models import RightsRequest

_KIND_WORDS = {
    RequestKind.INZAGE: _("om inzage"),
    RequestKind.RECTIFICATIE: _("om een correctie"),
}
_OUTCOME_WORDS = {
    RequestOutcome.CORRECTED: _("De organisatie heeft het verbeterd."),
    RequestOutcome.NOT_CORRECTED: _("De organisatie heeft het niet verbeterd en legt uit waarom."),
    RequestOutcome.PROVIDED: _("De organisatie heeft laten zien welke gegevens zij heeft."),
}


def _kind(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"kind_words": _KIND_WORDS[RequestKind(data["kind"])]}


def _answer(data: Mapping[str, Any]) -> dict[str, Any]:
    return {**_kind(data), "outcome_words": _OUTCOME_WORDS[RequestOutcome(data["outcome"])]}


REQUESTED = event_kind(
    "rights.requested",
    action=AuditAction.CREATE,
    object_type="verzoek",
    title=_("Het gezin heeft een organisatie om inzage of een correctie gevraagd."),
    detail=_("Het gezin heeft een organisatie gevraagd {kind_words}."),
    context=_kind,
    example={"request_id": 3, "kind": "rectificatie", "organisation_id": 5, "part": "overleg", "part_id": 9},
)
EXTENDED = event_kind(
    "rights.extended",
    action=AuditAction.UPDATE,
    object_type="verzoek",
    title=_("De organisatie neemt meer tijd voor het antwoord op een verzoek van het gezin."),
    detail=_(
        "De organisatie neemt twee maanden meer tijd voor het antwoord op het verzoek {kind_words}, "
        "en heeft het gezin verteld waarom."
    ),
    context=_kind,
    example={"request_id": 3, "kind": "inzage"},
)
ANSWERED = event_kind(
    "rights.answered",
    action=AuditAction.UPDATE,
    object_type="verzoek",
    title=_("De organisatie heeft een verzoek van het gezin beantwoord."),
    detail=_("De organisatie heeft het verzoek {kind_words} beantwoord. {outcome_words}"),
    context=_answer,
    example={"request_id": 3, "kind": "rectificatie", "outcome": "niet_gecorrigeerd"},
)
LISTED = event_kind(
    "rights.viewed",
    action=AuditAction.VIEW,
    object_type="verzoek",
    title=_("Verzoeken om inzage of correctie zijn bekeken."),
    detail=_("Het verzoek {kind_words} is bekeken."),
    context=_kind,
    example={"request_id": 3, "kind": "inzage"},
)


def _sentence(request: RightsRequest, what: str) -> str:
    kind = "inzage" if request.kind == RequestKind.INZAGE else "correctie"
    return f"{what} (verzoek om {kind} van {child_name(request.child)} aan {request.organisation_name})."


def requested(*, actor: User, request: RightsRequest) -> AuditEvent:
    return REQUESTED.write(
        actor=actor,
        purpose=Purpose.RIGHTS_REQUEST,
        object_id=request.pk,
        child_id=request.child_id,
        data={
            "request_id": request.pk,
            "kind": request.kind,
            "organisation_id": request.organisation_id,
            "part": request.part or None,
            "part_id": request.part_pk,
        },
        message=_sentence(request, "Het gezin heeft een verzoek gedaan"),
    )


def extended(*, actor: User, request: RightsRequest) -> AuditEvent:
    return EXTENDED.write(
        actor=actor,
        purpose=Purpose.RIGHTS_REQUEST,
        object_id=request.pk,
        child_id=request.child_id,
        data={"request_id": request.pk, "kind": request.kind},
        message=_sentence(request, "De termijn is met twee maanden verlengd"),
    )


def answered(*, actor: User, request: RightsRequest) -> AuditEvent:
    return ANSWERED.write(
        actor=actor,
        purpose=Purpose.RIGHTS_REQUEST,
        object_id=request.pk,
        child_id=request.child_id,
        data={"request_id": request.pk, "kind": request.kind, "outcome": request.outcome},
        message=_sentence(request, f"Het verzoek is beantwoord: {request.get_outcome_display()}"),
    )


def viewed(
    *, actor: User, requests: Iterable[RightsRequest], purpose: Purpose = Purpose.RIGHTS_REQUEST
) -> list[AuditEvent]:
    """The requests someone saw (a list or one request), one line each, in one INSERT."""
    return record_many(
        actor=actor,
        kind=LISTED,
        purpose=purpose,
        lines=[
            Line(
                message=_sentence(r, "Het verzoek is bekeken"),
                data={"request_id": r.pk, "kind": r.kind},
                object_id=r.pk,
                child_id=r.child_id,
            )
            for r in requests
        ],
    )
