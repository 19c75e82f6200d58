"""Escalation with a mandate, and the region configuration it runs on.

A case escalates automatically (nightly job: KR-3M or a statutory term missed) or by hand with a
reason. It goes to the first level of the ladder of the child's samenwerkingsverband. At each level
a person with the mandate of that level records a decision (what, by whom, by when); the decision's
follow-up becomes an agreement of its owner, so it shows in their agenda and in the family's view.
When a level's term passes without a decision, the nightly job moves the escalation one level up.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from kring.access import policy
from kring.accounts.roles import FAMILY_ROLES
from kring.organisations.models import Samenwerkingsverband
from kring.privacy.text import refuse_bsn_in_text
from kring.regions.models import EscalationLevel
from kring.regions.norms import swv_for_child
from kring.regions.services import first_level, level_due

from . import audit
from .guards import CaseRefused, require_date, require_edit, require_text
from .models import (
    Agreement,
    Case,
    CircleMember,
    Escalation,
    EscalationDecision,
    EscalationTrigger,
)

if TYPE_CHECKING:
    from kring.accounts.models import User


def _refresh_marker(case: Case) -> None:
    """`Case.escalated` is True exactly while an escalation of the case waits for a decision."""
    active = Escalation.objects.filter(case=case, resolved_on__isnull=True).exists()
    Case.objects.filter(pk=case.pk).update(escalated=active)
    case.escalated = active


def _level_text(level: EscalationLevel | None) -> str:
    return (
        f"trede {level.order} ({level.name})"
        if level
        else "het samenwerkingsverband (nog geen ladder ingesteld)"
    )


_UNKNOWN: Any = object()


def _start_escalation(
    *, case: Case, on: date, swv: Samenwerkingsverband | None = _UNKNOWN, **fields: Any
) -> Escalation:
    """A new escalation of the case, at the first level of the ladder of the child's samenwerkingsverband
    (`swv`: that samenwerkingsverband when the caller knows it, as the nightly job does)."""
    if swv is _UNKNOWN:
        swv = swv_for_child(case.child, today=on)
    level = first_level(swv)
    return Escalation.objects.create(
        case=case,
        swv=swv,
        level=level,
        started_on=on,
        level_started_on=on,
        due_on=level_due(level, on),
        **fields,
    )


@transaction.atomic
def escalate_case(*, actor: User, case: Case, reason: str, on: date) -> Escalation:
    """Escalate by hand, with a reason, to the first level of the region's ladder."""
    refuse_bsn_in_text(reason=reason)
    require_edit(actor, case, policy.Act.ESCALATE)
    text = require_text(reason, gettext("Schrijf op waarom je de casus escaleert."), field="reason")
    require_date(on, field="on")
    escalation = _start_escalation(
        case=case, on=on, trigger=EscalationTrigger.HANDMATIG, reason=text, raised_by=actor
    )
    _refresh_marker(case)
    audit.escalated(actor=actor, case=case, escalation=escalation, reason=text)
    return escalation


def trigger_key(rule_id: str, subject: str | None, due: str | None) -> str:
    return f"{rule_id}|{subject or ''}|{due or ''}"


@transaction.atomic
def escalate_automatically(
    *,
    case: Case,
    rule_id: str,
    subject: str | None,
    due: str | None,
    reason: str,
    on: date,
    swv: Samenwerkingsverband | None = _UNKNOWN,
) -> Escalation | None:
    """Escalate because a term or norm was missed (the nightly job). None when this missed item
    was escalated before: one escalation per missed due item, ever (a database constraint too).
    `swv`: the child's samenwerkingsverband when the caller knows it (else it is looked up)."""
    key = trigger_key(rule_id, subject, due)
    if Escalation.objects.filter(case=case, trigger=EscalationTrigger.AUTOMATISCH, trigger_key=key).exists():
        return None
    try:
        with transaction.atomic():
            escalation = _start_escalation(
                case=case,
                on=on,
                swv=swv,
                trigger=EscalationTrigger.AUTOMATISCH,
                rule_id=rule_id,
                trigger_key=key,
                reason=reason,
            )
    except IntegrityError:  # a concurrent run escalated it first
        return None
    _refresh_marker(case)
    audit.escalated_automatically(case=case, escalation=escalation, reason=reason)
    return escalation


@transaction.atomic
def move_escalation_up(*, escalation: Escalation, on: date) -> Escalation | None:
    """The term of the current level passed without a decision: go to the next level (the nightly
    job). None when there is no higher level (the escalation stays, overdue, where it is)."""
    if escalation.resolved_on is not None or escalation.level is None:
        return None
    following = (
        EscalationLevel.objects.filter(swv_id=escalation.level.swv_id, order__gt=escalation.level.order)
        .order_by("order")
        .first()
    )
    if following is None:
        return None
    previous = escalation.level
    escalation.level = following
    escalation.level_started_on = on
    escalation.due_on = level_due(following, on)
    escalation.save(update_fields=["level", "level_started_on", "due_on"])
    audit.escalation_level_raised(escalation=escalation, previous=previous, following=following)
    return escalation


def _owner_member(case: Case, owner: User, on: date) -> CircleMember:
    member = CircleMember.objects.filter(case=case, user=owner, active=True).first()
    if member is not None:
        return member
    from .services import create_professional_member

    return create_professional_member(case=case, user=owner, joined_on=on)


@transaction.atomic
def record_escalation_decision(
    *,
    actor: User,
    escalation: Escalation,
    decision: str,
    owner: User,
    due_on: date,
    decided_on: date,
) -> EscalationDecision:
    """The mandate holder of the escalation's current level decides: what, by whom, by when.

    Anyone else gets PermissionDenied with an explanation. The decision resolves the escalation;
    its follow-up becomes an agreement of `owner` (who joins the circle if not yet a member).
    """
    refuse_bsn_in_text(decision=decision)
    escalation = (
        Escalation.objects.select_for_update(of=("self",))
        .select_related("case__child", "level")
        .get(pk=escalation.pk)
    )
    case = escalation.case
    level = escalation.level
    if escalation.resolved_on is not None:
        raise CaseRefused(gettext("Over deze escalatie is al besloten."), code="resolved")
    if level is None:
        raise PermissionDenied(
            gettext(
                "Voor deze escalatie is nog geen trede met mandaat ingesteld. Vraag het samenwerkingsverband "
                "om de escalatieladder in te stellen."
            )
        )
    if not policy.holds_mandate(actor, level):
        raise PermissionDenied(
            gettext(
                "Alleen wie mandaat heeft op trede %(order)s (%(name)s) kan hier een besluit vastleggen. "
                "Je hebt dat mandaat niet."
            )
            % {"order": level.order, "name": level.name}
        )
    text = require_text(decision, gettext("Schrijf het besluit op: wat gaat er gebeuren?"), field="decision")
    require_date(decided_on, field="decided_on")
    require_date(due_on, gettext("Vul in wanneer het besluit uitgevoerd moet zijn."), field="due_on")
    if due_on < decided_on:
        raise CaseRefused(
            gettext("De datum waarop het besluit uitgevoerd moet zijn, ligt voor de datum van het besluit."),
            field="due_on",
        )
    if owner.role in FAMILY_ROLES or not owner.is_active:
        raise CaseRefused(
            gettext("Kies een professional die het besluit uitvoert."), field="owner", code="owner"
        )
    agreement = None
    if case.is_open:
        agreement = Agreement.objects.create(
            case=case,
            text=f"Besluit na escalatie: {text}",
            owner=_owner_member(case, owner, decided_on),
            due_on=due_on,
            created_by=actor,
        )
    result = EscalationDecision.objects.create(
        escalation=escalation,
        level=level,
        decided_by=actor,
        decided_on=decided_on,
        decision=text,
        owner=owner,
        due_on=due_on,
        agreement=agreement,
    )
    escalation.resolved_on = decided_on
    escalation.save(update_fields=["resolved_on"])
    _refresh_marker(case)
    audit.escalation_decided(actor=actor, case=case, decision=result, level=level)
    return result
