"""Shared checks of the case services: refusals with a user-visible Dutch message, access, versions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext

from kring.access import policy
from kring.core import versioning as core_versioning
from kring.core.errors import Refused

if TYPE_CHECKING:
    from kring.accounts.models import User

    from .models import Agreement, Case


class CaseRefused(Refused):
    """A refusal of the case services (`kring.core.errors.Refused`): the message, the field (the
    service's input name; None for the act as a whole) and a code."""


class StaleVersion(core_versioning.StaleVersion, CaseRefused):
    """Someone else saved this part of the case since the form was opened (optimistic locking)."""


def require_text(value: str, message: str, *, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise CaseRefused(message, field=field, code="required")
    return text


def require_date(value: object, message: str | None = None, *, field: str) -> date:
    if not isinstance(value, date):
        raise CaseRefused(message or gettext("Vul een datum in."), field=field, code="required")
    return value


def require_open(case: Case) -> None:
    if not case.is_open:
        raise CaseRefused(
            gettext("Deze casus is afgesloten. Er kan niets meer aan worden veranderd."), code="closed"
        )


def require_edit(actor: User, case: Case, act: policy.Act = policy.Act.MANAGE_CIRCLE) -> None:
    """The access policy decides (`policy.decide` for this act); the services only ask.
    Without an act, the strictest rule of a change applies (the whole file)."""
    require_open(case)
    refusal = policy.decide(actor, act, case)
    if refusal is None:
        return
    if refusal is policy.Refusal.INVISIBLE:
        refusal = policy.Refusal.NOT_EDITOR  # a service is not a lookup: no 404 here
    raise PermissionDenied(str(policy.REFUSAL_MESSAGES[refusal]))


def require_agreement_edit(actor: User, agreement: Agreement, act: policy.Act) -> None:
    """Completing or cancelling an agreement: the case's rule, and someone else's agreement only
    with the whole file (`policy.decide_agreement`)."""
    require_edit(actor, agreement.case, act)
    refusal = policy.decide_agreement(actor, act, agreement)
    if refusal is not None:
        raise PermissionDenied(str(policy.REFUSAL_MESSAGES[policy.Refusal.SCOPE]))


def bump_version(model: type[models.Model], pk: Any, expected: int, *, what: str, **changes: Any) -> int:
    """`kring.core.versioning.bump_version`, refusing with the case services' `StaleVersion`."""
    return core_versioning.bump_version(model, pk, expected, what=what, stale=StaleVersion, **changes)


def record_contract_event(
    *,
    actor: User | None,
    case: Case,
    type: str,
    day: date,
    data: Mapping[str, Any],
    note: str = "",
) -> None:
    """Put an event of the rules contract on the child's timeline, through the children service,
    so the rules engine sees it. The child's stored assessment notices the new event by its
    fingerprint (see `kring/children/readmodel.py`)."""
    from kring.children.services import record_event

    record_event(actor=actor, child=case.child, type=type, date=day, data=data, note=note)
