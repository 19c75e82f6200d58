"""Audit events of the OPP: a version vastgesteld, a parent's consent or objection, an evaluation,
a declaration of handelingsverlegen, the terugkeerplan (opened, a step added, done or replaced, the
child back in education), and the reads (the page, the PDF, the terugkeerplan).

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

    from .models import Handelingsverlegen, OppConsent, OppEvaluation, OppVersion, ReturnPlan, ReturnStep

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


def _step(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"day": day(data["due"])}


def _plan(data: Mapping[str, Any]) -> dict[str, Any]:
    from .models import Reason

    return {"reason": str(Reason(data["reason"]).label).lower(), "day": day(data["since"])}


RETURN_PLAN_OPENED = event_kind(
    "opp.return_plan_opened",
    action=AuditAction.CREATE,
    object_type=OBJECT_TYPE,
    title=_("Er is vastgelegd dat het onderwijs stilstaat, met een terugkeerplan."),
    detail=_(
        "Er is vastgelegd dat het onderwijs stilstaat sinds {day} ({reason}), met een terugkeerplan: "
        "wie doet wat, en wanneer."
    ),
    context=_plan,
    example={"plan_id": 1, "reason": "rust_voorliggend", "since": "2027-01-10", "steps": 1},
)
RETURN_STEP_ADDED = event_kind(
    "opp.return_step_added",
    action=AuditAction.CREATE,
    object_type=OBJECT_TYPE,
    title=_("Er is een stap toegevoegd aan het terugkeerplan."),
    detail=_("Er is een stap toegevoegd aan het terugkeerplan, uiterlijk op {day}."),
    context=_step,
    example={"plan_id": 1, "due": "2027-02-01", "payer": "gemeente"},
)
RETURN_STEP_DONE = event_kind(
    "opp.return_step_done",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("Een stap van het terugkeerplan is gedaan."),
    detail=_("Een stap van het terugkeerplan (uiterlijk op {day}) is gedaan."),
    context=_step,
    example={"plan_id": 1, "due": "2027-02-01", "done_on": "2027-01-28"},
)
RETURN_STEP_REPLACED = event_kind(
    "opp.return_step_replaced",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("Een stap van het terugkeerplan is vervangen door een nieuwe stap."),
    detail=_("Een stap van het terugkeerplan is vervangen door een nieuwe stap, uiterlijk op {day}."),
    context=_step,
    example={"plan_id": 1, "replaced_due": "2027-02-01", "due": "2027-03-01"},
)
RETURN_PLAN_CLOSED = event_kind(
    "opp.return_plan_closed",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("Het kind krijgt weer onderwijs. Het terugkeerplan is klaar."),
    detail=_("Het kind krijgt weer onderwijs sinds {day}. Het terugkeerplan is klaar."),
    context=lambda data: {"day": day(data["back_on"])},
    example={"plan_id": 1, "back_on": "2027-03-04"},
)
RETURN_PLAN_VIEWED = event_kind(
    "opp.return_plan_viewed",
    action=AuditAction.VIEW,
    object_type=OBJECT_TYPE,
    title=_("Het terugkeerplan is bekeken."),
    detail=_("Het terugkeerplan is bekeken (het onderwijs staat stil sinds {day})."),
    context=lambda data: {"day": day(data["since"])},
    example={"child_id": 1, "plan_id": 1, "since": "2027-01-10"},
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


def return_plan_opened(*, actor: User | None, plan: ReturnPlan) -> AuditEvent:
    return RETURN_PLAN_OPENED.write(
        actor=actor,
        purpose=Purpose.ZORGPLICHT,
        object_id=plan.pk,
        child_id=plan.child_id,
        data={
            "plan_id": plan.pk,
            "reason": plan.reason,
            "since": plan.since.isoformat(),
            "steps": plan.steps.count(),
        },
        message=(
            f"Voor {child_name(plan.child)} is vastgelegd dat het onderwijs stilstaat, met een terugkeerplan."
        ),
    )


def _step_data(step: ReturnStep, **more: Any) -> dict[str, Any]:
    # the step's id is a UUID (which could hold a long run of digits): the plan's id and the day
    return {"plan_id": step.plan_id, "due": step.due.isoformat(), **more}


def return_step_added(*, actor: User | None, step: ReturnStep, child: Child) -> AuditEvent:
    return RETURN_STEP_ADDED.write(
        actor=actor,
        purpose=Purpose.ZORGPLICHT,
        object_id=step.plan_id,
        child_id=child.pk,
        data=_step_data(step, payer=step.payer),
        message=f"Aan het terugkeerplan van {child_name(child)} is een stap toegevoegd.",
    )


def return_step_done(*, actor: User | None, step: ReturnStep, child: Child) -> AuditEvent:
    assert step.done_on is not None
    return RETURN_STEP_DONE.write(
        actor=actor,
        purpose=Purpose.ZORGPLICHT,
        object_id=step.plan_id,
        child_id=child.pk,
        data=_step_data(step, done_on=step.done_on.isoformat()),
        message=f"Een stap van het terugkeerplan van {child_name(child)} is gedaan.",
    )


def return_step_replaced(
    *, actor: User | None, step: ReturnStep, new: ReturnStep, child: Child
) -> AuditEvent:
    return RETURN_STEP_REPLACED.write(
        actor=actor,
        purpose=Purpose.ZORGPLICHT,
        object_id=step.plan_id,
        child_id=child.pk,
        data={"plan_id": step.plan_id, "due": new.due.isoformat(), "replaced_due": step.due.isoformat()},
        message=f"Een stap van het terugkeerplan van {child_name(child)} is vervangen door een nieuwe stap.",
    )


def return_plan_closed(*, actor: User | None, plan: ReturnPlan) -> AuditEvent:
    assert plan.back_on is not None
    return RETURN_PLAN_CLOSED.write(
        actor=actor,
        purpose=Purpose.ZORGPLICHT,
        object_id=plan.pk,
        child_id=plan.child_id,
        data={"plan_id": plan.pk, "back_on": plan.back_on.isoformat()},
        message=f"{child_name(plan.child)} krijgt weer onderwijs. Het terugkeerplan is klaar.",
    )


def return_plan_viewed(*, actor: User | None, child: Child, plan: ReturnPlan | None) -> AuditEvent:
    data: dict[str, Any] = {"child_id": child.pk}
    if plan is not None:
        data.update(plan_id=plan.pk, since=plan.since.isoformat())
    return RETURN_PLAN_VIEWED.write(
        actor=actor,
        purpose=purpose_for(actor),
        object_id=child.pk,
        child_id=child.pk,
        data=data,
        message=f"Het terugkeerplan van {child_name(child)} is bekeken.",
    )
