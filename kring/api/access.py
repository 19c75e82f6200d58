"""Finding a child or case for a request, through the access policy (kring.access.policy) only.

Every lookup is `policy.require_case` / `policy.require_child` with the act the endpoint performs:
Http404 when the object is not visible (the API never reveals that it exists), 403 with the reason
when it is visible but the act is not allowed. Reads then go through the selectors that audit
(`case_detail`, `child_detail`); writes leave the audit event to the service. What each circle
scope shows is `kring.access.scopes.SECTIONS`; this module compares no roles and no scopes.
"""

from __future__ import annotations

from typing import cast

from django.http import Http404
from rest_framework.request import Request

from kring.access import policy
from kring.accounts.models import User
from kring.cases.guards import CaseRefused
from kring.cases.models import Case
from kring.cases.selectors import case_detail
from kring.children.models import Child
from kring.children.selectors import child_detail
from kring.privacy.purposes import Purpose

PURPOSE_API = Purpose.CASUSREGIE


def user_of(request: Request) -> User:
    return cast(User, request.user)


# ---------------------------------------------------------------- cases


def read_case(
    request: Request, case_id: int, act: policy.Act = policy.Act.VIEW_CASE, *, purpose: Purpose = PURPOSE_API
) -> Case:
    """The case for a read of the part `act` shows: authorised first (nothing is audited for a
    refused read), then read through `case_detail` (the policy's queryset, audited)."""
    policy.require_case(user_of(request), case_id, act)
    try:
        return case_detail(actor=user_of(request), case_id=case_id, purpose=purpose)
    except Case.DoesNotExist:  # pragma: no cover - found through the same policy just now
        raise Http404 from None


def write_case(request: Request, case_id: int, act: policy.Act) -> Case:
    """The case for a write of `act`; the service checks the same act again and audits.
    A closed case is a 400 with code `closed` (the state of the case, not a right of the user)."""
    user = user_of(request)
    case = policy.require_case(user, case_id, policy.Act.VIEW_CASE)
    refusal = policy.decide(user, act, case)
    if refusal is policy.Refusal.CLOSED:
        raise CaseRefused(str(policy.REFUSAL_MESSAGES[refusal]), code="closed")
    if refusal is not None:
        policy.refuse(refusal)
    return case


# ---------------------------------------------------------------- children


def read_child(
    request: Request, child_id: int, act: policy.Act = policy.Act.VIEW_CASE, *, purpose: Purpose
) -> Child:
    """The child for a read of the part `act` shows: authorised first, then read through
    `child_detail` (the policy's queryset, audited). 404 when not visible, 403 when not allowed."""
    user = user_of(request)
    policy.require_child(user, child_id, act)
    try:
        return child_detail(
            actor=user, queryset=policy.visible_children(user), child_id=child_id, purpose=purpose
        )
    except Child.DoesNotExist:  # pragma: no cover - found through the same policy just now
        raise Http404 from None


def timeline_child(request: Request, child_id: int) -> Child:
    """The child for a timeline write: 404 when not visible, 403 when not allowed to write."""
    return policy.require_child(user_of(request), child_id, policy.Act.WRITE_TIMELINE)
