"""Finding a child or case for a request, through the access policy (kring.access.policy) only.

Not visible is the same as not there: Http404, so the API never reveals that a child or case exists.
Reads go through the selectors that audit (`case_detail`, `child_detail`); writes look the case up
in the same `visible_cases(user)` queryset and leave the audit event to the service.

What part of a case a member of the circle may see (`policy.case_view_scope`) is applied as the
pages apply it: the circle, meetings and agreements from `kring_en_afspraken`, the timeline,
assessment, perspective, routes and escalations only with `volledig`; with `alleen_afspraken`
only the person's own agreements.
"""

from __future__ import annotations

from typing import cast

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from rest_framework.request import Request

from kring.access import policy
from kring.accounts.models import User
from kring.cases.models import Agreement, Case, Visibility
from kring.cases.selectors import case_detail
from kring.children.models import Child
from kring.children.selectors import child_detail

PURPOSE_API = "regie op de casus (API)"

# Wider scopes come first.
SCOPE_ORDER: tuple[str, ...] = (
    Visibility.VOLLEDIG,
    Visibility.KRING_EN_AFSPRAKEN,
    Visibility.ALLEEN_AFSPRAKEN,
)

SCOPE_REFUSED = (
    "Je mag dit deel van het dossier niet zien. "
    "Wat je ziet, hangt af van wat de kring met jou heeft afgesproken."
)
TIMELINE_REFUSED = (
    "Je mag de tijdlijn van dit kind niet wijzigen. Dat kunnen leden van de kring van de open casus en "
    "wie een wettelijke taak heeft voor dit kind."
)


def user_of(request: Request) -> User:
    return cast(User, request.user)


def _wide_enough(scope: str | None, needed: str) -> bool:
    return scope is not None and SCOPE_ORDER.index(scope) <= SCOPE_ORDER.index(needed)


# ---------------------------------------------------------------- cases


def read_case(request: Request, case_id: int, *, purpose: str = PURPOSE_API) -> Case:
    """The case for a read: `case_detail` (the policy's queryset, audited). 404 when not visible."""
    try:
        return case_detail(actor=user_of(request), case_id=case_id, purpose=purpose)
    except Case.DoesNotExist:
        raise Http404 from None


def write_case(request: Request, case_id: int) -> Case:
    """The case for a write: the same policy queryset; the service checks `can_edit_case` and audits."""
    try:
        return policy.visible_cases(user_of(request)).select_related("child").get(pk=case_id)
    except Case.DoesNotExist:
        raise Http404 from None


def case_scope(user: User, case: Case) -> str:
    scope = policy.case_view_scope(user, case)
    if scope is None:  # pragma: no cover - the case was found through the same policy
        raise Http404
    return scope


def require_scope(user: User, case: Case, needed: str) -> str:
    scope = case_scope(user, case)
    if not _wide_enough(scope, needed):
        raise PermissionDenied(SCOPE_REFUSED)
    return scope


def own_agreements(user: User, case: Case) -> QuerySet[Agreement]:
    """The agreements owned by this user (or their organisation) in the case."""
    who = Q(owner__user=user)
    if user.organisation_id is not None:
        who |= Q(owner__organisation_id=user.organisation_id)
    return Agreement.objects.filter(who, case=case)


# ---------------------------------------------------------------- children


def _visible_child(request: Request, child_id: int) -> Child:
    try:
        return policy.visible_children(user_of(request)).get(pk=child_id)
    except Child.DoesNotExist:
        raise Http404 from None


def read_child(request: Request, child_id: int, *, purpose: str) -> Child:
    """The child for a read: `child_detail` (the policy's queryset, audited). 404 when not visible."""
    try:
        return child_detail(
            actor=user_of(request),
            queryset=policy.visible_children(user_of(request)),
            child_id=child_id,
            purpose=purpose,
        )
    except Child.DoesNotExist:
        raise Http404 from None


def child_scope(user: User, child: Child) -> str:
    """The widest part this user may see of any case of the child; the whole file when the child
    has no case (then it is visible only through a statutory task or as its parent)."""
    scopes = [policy.case_view_scope(user, case) for case in Case.objects.filter(child=child)]
    known = [s for s in scopes if s is not None]
    if not known:
        return Visibility.VOLLEDIG
    return min(known, key=SCOPE_ORDER.index)


def require_full_child(request: Request, child_id: int, *, purpose: str) -> Child:
    """A child whose whole file (timeline, assessment) this user may see; audited as a read."""
    user = user_of(request)
    child = _visible_child(request, child_id)  # 404 before anything is audited
    if not _wide_enough(child_scope(user, child), Visibility.VOLLEDIG):
        raise PermissionDenied(SCOPE_REFUSED)
    return read_child(request, child_id, purpose=purpose)


def timeline_child(request: Request, child_id: int) -> Child:
    """The child for a timeline write: 404 when not visible, 403 when not allowed to write."""
    child = _visible_child(request, child_id)
    if not policy.can_write_timeline(user_of(request), child):
        raise PermissionDenied(TIMELINE_REFUSED)
    return child
