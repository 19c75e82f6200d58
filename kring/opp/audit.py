"""Audit events of the OPP: a version vastgesteld, a parent's consent or objection, an evaluation,
a declaration of handelingsverlegen, and the reads (the page, the PDF).

Each function writes one logbook line inside the transaction of its act. Data holds ids, codes,
numbers and dates, never what someone typed. Purpose: `zorgplicht` (the school's duty to offer the
support a child needs), or `family_access` when the family reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from kring.privacy.audit import child_name, event_kind
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose
from kring.privacy.rendering import day

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.children.models import Child

    from .models import Handelingsverlegen, OppConsent, OppEvaluation, OppVersion

OBJECT_TYPE = "opp"


def purpose_for(actor: User | None) -> Purpose:
    """The family reading their own file, or a professional's work under the zorgplicht."""
    if actor is not None and actor.is_authenticated and not actor.is_professional:
        return Purpose.FAMILY_ACCESS
    return Purpose.ZORGPLICHT


def _version(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"day": day(data["date"])}


def _consent(data: Mapping[str, Any]) -> dict[str, Any]:
    from .models import Channel, Decision

    return {
        "what": str(Decision(data["decision"]).label).lower(),
        "how": str(Channel(data["channel"]).label).lower(),
        "day": day(data["date"]),
    }


VERSION_RECORDED = event_kind(
    "opp.version_recorded",
    action=AuditAction.CREATE,
    object_type=OBJECT_TYPE,
    title=_("Een versie van het OPP is vastgesteld."),
    detail=_(
        "Versie {number} van het OPP is vastgesteld op {day}, met {actions} afspraken in het handelingsdeel."
    ),
    context=_version,
    example={"opp_id": 1, "version_id": 2, "number": 2, "date": "2026-10-01", "actions": 3},
)
CONSENT_RECORDED = event_kind(
    "opp.consent_recorded",
    action=AuditAction.CREATE,
    object_type=OBJECT_TYPE,
    title=_("Het besluit van een ouder over het handelingsdeel van het OPP is vastgelegd."),
    detail=_("Bij versie {number} van het OPP is vastgelegd: {what} ({how}), op {day}."),
    context=_consent,
    example={
        "version_id": 2,
        "number": 2,
        "decision": "instemming",
        "channel": "kring",
        "date": "2026-10-03",
    },
)
EVALUATION_RECORDED = event_kind(
    "opp.evaluation_recorded",
    action=AuditAction.CREATE,
    object_type=OBJECT_TYPE,
    title=_("Een evaluatie van het OPP is vastgelegd."),
    detail=_("Het OPP (versie {number}) is geëvalueerd op {day}."),
    context=_version,
    example={"evaluation_id": 4, "number": 1, "date": "2027-06-10", "with_parents": True, "with_child": True},
)
HANDELINGSVERLEGEN_RECORDED = event_kind(
    "opp.handelingsverlegen_recorded",
    action=AuditAction.CREATE,
    object_type=OBJECT_TYPE,
    title=_("De school heeft vastgelegd dat zij niet kan bieden wat het kind nodig heeft."),
    detail=_(
        "De school heeft op {day} vastgelegd dat zij niet kan bieden wat het kind nodig heeft, met de "
        "onderbouwing en de volgende stap."
    ),
    context=_version,
    example={"handelingsverlegen_id": 3, "date": "2027-02-01", "next_step_by": "2027-02-15"},
)
VIEWED = event_kind(
    "opp.viewed",
    action=AuditAction.VIEW,
    object_type=OBJECT_TYPE,
    title=_("Het OPP is bekeken."),
)
PDF_EXPORTED = event_kind(
    "opp.pdf_exported",
    action=AuditAction.EXPORT,
    object_type=OBJECT_TYPE,
    title=_("Een versie van het OPP is gedownload als PDF."),
    detail=_("Versie {number} van het OPP is gedownload als PDF."),
    example={"version_id": 2, "number": 2},
)


def version_recorded(*, actor: User | None, version: OppVersion, child: Child) -> AuditEvent:
    return VERSION_RECORDED.write(
        actor=actor,
        purpose=Purpose.ZORGPLICHT,
        object_id=version.pk,
        child_id=child.pk,
        data={
            "opp_id": version.opp_id,
            "version_id": version.pk,
            "number": version.number,
            "date": version.vastgesteld_on.isoformat(),
            "actions": version.actions.count(),
        },
        message=f"Versie {version.number} van het OPP van {child_name(child)} is vastgesteld.",
    )


def consent_recorded(*, actor: User | None, consent: OppConsent, child: Child) -> AuditEvent:
    version = consent.version
    return CONSENT_RECORDED.write(
        actor=actor,
        purpose=purpose_for(actor),
        object_id=consent.pk,
        child_id=child.pk,
        data={
            "version_id": version.pk,
            "number": version.number,
            "decision": consent.decision,
            "channel": consent.channel,
            "date": consent.given_on.isoformat(),
        },
        message=(
            f"Bij versie {version.number} van het OPP van {child_name(child)} is vastgelegd: "
            f"{consent.get_decision_display()}."
        ),
    )


def evaluation_recorded(*, actor: User | None, evaluation: OppEvaluation, child: Child) -> AuditEvent:
    return EVALUATION_RECORDED.write(
        actor=actor,
        purpose=Purpose.ZORGPLICHT,
        object_id=evaluation.pk,
        child_id=child.pk,
        data={
            "evaluation_id": evaluation.pk,
            "number": evaluation.version.number,
            "date": evaluation.held_on.isoformat(),
            "with_parents": evaluation.with_parents,
            "with_child": evaluation.with_child,
        },
        message=f"Het OPP van {child_name(child)} is geëvalueerd.",
    )


def handelingsverlegen_recorded(*, actor: User | None, record: Handelingsverlegen) -> AuditEvent:
    return HANDELINGSVERLEGEN_RECORDED.write(
        actor=actor,
        purpose=Purpose.ZORGPLICHT,
        object_id=record.pk,
        child_id=record.child_id,
        data={
            "handelingsverlegen_id": record.pk,
            "date": record.declared_on.isoformat(),
            "next_step_by": record.next_step_by.isoformat(),
        },
        message=(
            f"De school heeft vastgelegd dat zij niet kan bieden wat {child_name(record.child)} nodig heeft."
        ),
    )


def opp_viewed(*, actor: User | None, child: Child) -> AuditEvent:
    return VIEWED.write(
        actor=actor,
        purpose=purpose_for(actor),
        object_id=child.pk,
        child_id=child.pk,
        data={"child_id": child.pk},
        message=f"Het OPP van {child_name(child)} is bekeken.",
    )


def pdf_exported(*, actor: User | None, version: OppVersion, child: Child) -> AuditEvent:
    return PDF_EXPORTED.write(
        actor=actor,
        purpose=purpose_for(actor),
        object_id=version.pk,
        child_id=child.pk,
        data={"version_id": version.pk, "number": version.number},
        message=f"Versie {version.number} van het OPP van {child_name(child)} is gedownload als PDF.",
    )
