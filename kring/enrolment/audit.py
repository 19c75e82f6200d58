"""Audit events of the aanmelding register (one named function per event, ADR 0011).

`data` holds ids, codes and dates, never what someone typed (the reasons, the support question,
the parents' contact details); the Dutch sentence names the child by first name. Purpose:
`Purpose.ZORGPLICHT` (a school that fits what the child needs, within the zorgplicht's terms).
An aanmelding the parents sent online that is not taken in yet has no child: its lines have none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from kring.privacy.audit import event_kind
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose
from kring.rules.kalender import format_date_nl

from .models import Outcome, ParentResponse, StepKind

if TYPE_CHECKING:
    from kring.accounts.models import User

    from .models import Aanmelding, ZorgplichtStep

OBJECT_TYPE = "aanmelding"
PURPOSE = Purpose.ZORGPLICHT


def _day(data: Mapping[str, Any], key: str) -> str:
    from kring.privacy.rendering import day

    return day(data[key])


def _received(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"reference": data["reference"], "on": _day(data, "received_on"), "due": _day(data, "due")}


def _extended(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"reference": data["reference"], "due": _day(data, "due")}


def _decided(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"reference": data["reference"], "outcome": str(Outcome(data["outcome"]).label).lower()}


def _responded(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"reference": data["reference"], "response": str(ParentResponse(data["response"]).label).lower()}


def _step(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"reference": data["reference"], "kind": str(StepKind(data["kind"]).label).lower()}


def _reference(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"reference": data["reference"]}


REGISTERED = event_kind(
    "aanmelding.registered",
    action=AuditAction.CREATE,
    object_type=OBJECT_TYPE,
    title=_("Een aanmelding bij een school is vastgelegd."),
    detail=_("Aanmelding {reference} is vastgelegd: ontvangen op {on}, besluit uiterlijk op {due}."),
    context=_received,
    example={
        "aanmelding_id": 3,
        "reference": "AM-ABCD-EFGH",
        "received_on": "2026-09-14",
        "due": "2026-10-26",
    },
)
TAKEN_IN = event_kind(
    "aanmelding.taken_in",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("De school heeft een aanmelding van de ouders in behandeling genomen."),
    detail=_("De school heeft aanmelding {reference} van de ouders in behandeling genomen."),
    context=_reference,
    example={"aanmelding_id": 3, "reference": "AM-ABCD-EFGH"},
)
RECEIPT_SENT = event_kind(
    "aanmelding.receipt_sent",
    action=AuditAction.EXPORT,
    object_type=OBJECT_TYPE,
    title=_("De ontvangstbevestiging van een aanmelding is gemaakt."),
    detail=_("De ontvangstbevestiging van aanmelding {reference} is gemaakt."),
    context=_reference,
    example={"aanmelding_id": 3, "reference": "AM-ABCD-EFGH", "mailed": True},
)
EXTENDED = event_kind(
    "aanmelding.extended",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("De school heeft de beslistermijn van een aanmelding verlengd."),
    detail=_("De beslistermijn van aanmelding {reference} is verlengd tot en met {due}."),
    context=_extended,
    example={"aanmelding_id": 3, "reference": "AM-ABCD-EFGH", "due": "2026-11-23"},
)
STEP_RECORDED = event_kind(
    "aanmelding.step_recorded",
    action=AuditAction.CREATE,
    object_type=OBJECT_TYPE,
    title=_("Een stap in het onderzoek naar de ondersteuning is vastgelegd."),
    detail=_("Bij aanmelding {reference} is een stap vastgelegd: {kind}."),
    context=_step,
    example={"aanmelding_id": 3, "reference": "AM-ABCD-EFGH", "step_id": 5, "kind": "observatie"},
)
CONCLUDED = event_kind(
    "aanmelding.concluded",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("De school heeft de conclusie van haar onderzoek vastgelegd."),
    detail=_("Bij aanmelding {reference} is de conclusie van het onderzoek vastgelegd."),
    context=_reference,
    example={"aanmelding_id": 3, "reference": "AM-ABCD-EFGH", "conclusion": "kan_niet_bieden"},
)
DECIDED = event_kind(
    "aanmelding.decided",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("De school heeft besloten over een aanmelding."),
    detail=_("De school heeft besloten over aanmelding {reference}: {outcome}."),
    context=_decided,
    example={"aanmelding_id": 3, "reference": "AM-ABCD-EFGH", "outcome": "toegelaten"},
)
RESPONDED = event_kind(
    "aanmelding.responded",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("De reactie van de ouders op het besluit is vastgelegd."),
    detail=_("Bij aanmelding {reference} is de reactie van de ouders vastgelegd: {response}."),
    context=_responded,
    example={"aanmelding_id": 3, "reference": "AM-ABCD-EFGH", "response": "akkoord"},
)
VIEWED = event_kind(
    "aanmelding.viewed",
    action=AuditAction.VIEW,
    object_type=OBJECT_TYPE,
    title=_("Een aanmelding is bekeken."),
    detail=_("Aanmelding {reference} is bekeken."),
    context=_reference,
    example={"aanmelding_id": 3, "reference": "AM-ABCD-EFGH"},
)


def _who(a: Aanmelding) -> str:
    return a.child.first_name if a.child is not None else (a.child_first_name or "een kind")


def _base(a: Aanmelding) -> dict[str, Any]:
    return {"aanmelding_id": a.pk, "reference": a.reference}


def registered(*, actor: User | None, aanmelding: Aanmelding, due: Any) -> AuditEvent:
    a = aanmelding
    return REGISTERED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=a.pk,
        child_id=a.child_id,
        data={
            **_base(a),
            "received_on": a.received_on.isoformat(),
            "due": due.isoformat(),
            "channel": a.channel,
        },
        message=(
            f"Aanmelding {a.reference} van {_who(a)} bij {a.school.organisation.name} vastgelegd, "
            f"ontvangen op {format_date_nl(a.received_on)}; besluit uiterlijk op {format_date_nl(due)}."
        ),
    )


def taken_in(*, actor: User | None, aanmelding: Aanmelding) -> AuditEvent:
    a = aanmelding
    return TAKEN_IN.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=a.pk,
        child_id=a.child_id,
        data=_base(a),
        message=f"Aanmelding {a.reference} van de ouders van {_who(a)} is in behandeling genomen.",
    )


def receipt_sent(*, actor: User | None, aanmelding: Aanmelding, mailed: bool) -> AuditEvent:
    a = aanmelding
    return RECEIPT_SENT.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=a.pk,
        child_id=a.child_id,
        data={**_base(a), "mailed": mailed},
        message=f"Ontvangstbevestiging van aanmelding {a.reference} gemaakt"
        + (" en gemaild." if mailed else "."),
    )


def extended(*, actor: User | None, aanmelding: Aanmelding, due: Any) -> AuditEvent:
    a = aanmelding
    return EXTENDED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=a.pk,
        child_id=a.child_id,
        data={**_base(a), "due": due.isoformat()},
        message=(
            f"Beslistermijn van aanmelding {a.reference} van {_who(a)} verlengd tot en met "
            f"{format_date_nl(due)}."
        ),
    )


def step_recorded(*, actor: User | None, step: ZorgplichtStep) -> AuditEvent:
    a = step.aanmelding
    return STEP_RECORDED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=a.pk,
        child_id=a.child_id,
        data={**_base(a), "step_id": step.pk, "kind": step.kind},
        message=f"Stap in het onderzoek bij aanmelding {a.reference} vastgelegd: {step.get_kind_display()}.",
    )


def concluded(*, actor: User | None, aanmelding: Aanmelding) -> AuditEvent:
    a = aanmelding
    return CONCLUDED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=a.pk,
        child_id=a.child_id,
        data={**_base(a), "conclusion": a.conclusion},
        message=f"Conclusie van het onderzoek bij aanmelding {a.reference}: {a.get_conclusion_display()}.",
    )


def decided(*, actor: User | None, aanmelding: Aanmelding) -> AuditEvent:
    a = aanmelding
    return DECIDED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=a.pk,
        child_id=a.child_id,
        data={**_base(a), "outcome": a.outcome, "other_school_id": a.other_school_id},
        message=f"Besluit op aanmelding {a.reference} van {_who(a)}: {a.get_outcome_display()}.",
    )


def responded(*, actor: User | None, aanmelding: Aanmelding) -> AuditEvent:
    a = aanmelding
    return RESPONDED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=a.pk,
        child_id=a.child_id,
        data={**_base(a), "response": a.response},
        message=(
            f"Reactie van de ouders op het besluit over aanmelding {a.reference}: {a.get_response_display()}."
        ),
    )


def viewed(*, actor: User | None, aanmelding: Aanmelding) -> AuditEvent:
    a = aanmelding
    return VIEWED.write(
        actor=actor,
        purpose=Purpose.FAMILY_ACCESS if actor is not None and not actor.is_professional else PURPOSE,
        object_id=a.pk,
        child_id=a.child_id,
        data=_base(a),
        message=f"Aanmelding {a.reference} van {_who(a)} bekeken.",
    )


def listed(*, actor: User | None, aanmeldingen: list[Aanmelding]) -> None:
    """A list of aanmeldingen someone saw: one line per aanmelding, in one INSERT."""
    from kring.privacy.audit import Line, record_many

    record_many(
        actor=actor,
        kind=VIEWED,
        purpose=PURPOSE,
        lines=[
            Line(
                message=f"Aanmelding {a.reference} van {_who(a)} gezien in de lijst van aanmeldingen.",
                data=_base(a),
                object_id=a.pk,
                child_id=a.child_id,
            )
            for a in aanmeldingen
        ],
    )
