"""Reading children and their timeline.

Access is decided elsewhere (`kring.access.policy.visible_children(user)`): functions that look up
children take the queryset the caller got from that policy, so they can never widen it. Reads of a
child's personal data leave an audit event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from kring.children import audit
from kring.privacy.crypto import bsn_lookup_hash, decrypt_bsn, is_valid_bsn, normalize_bsn
from kring.privacy.purposes import Purpose

from .models import Child, TimelineEvent

if TYPE_CHECKING:
    from kring.accounts.models import User

__all__ = ["child_detail", "child_timeline", "reveal_bsn", "search_children"]


def child_timeline(child: Child) -> QuerySet[TimelineEvent]:
    """The child's events in timeline order: by date, then in the order they were recorded."""
    return (
        TimelineEvent.objects.filter(child=child)
        .select_related("recorded_by", "school__organisation")
        .order_by("date", "id")
    )


def search_children(queryset: QuerySet[Child], query: str, *, actor: User | None = None) -> QuerySet[Child]:
    """Children in `queryset` that match `query`.

    A query that is a valid BSN (spaces and dots allowed) is looked up by its keyed hash, never by
    plain text, and each child found that way gets an audit event ("gevonden door te zoeken op
    BSN"). Any other query matches names: every word must occur in the first or last name.
    An empty query returns `queryset` as it is.
    """
    text = (query or "").strip()
    if not text:
        return queryset
    if is_valid_bsn(text):
        found = queryset.filter(bsn_hash=bsn_lookup_hash(normalize_bsn(text)))
        for child in found:
            audit.child_found_by_bsn(actor=actor, child=child)
        return found
    condition = Q()
    for word in text.split():
        condition &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return queryset.filter(condition)


def child_detail(*, actor: User | None, queryset: QuerySet[Child], child_id: int, purpose: Purpose) -> Child:
    """One child from the policy-filtered `queryset` (raises Child.DoesNotExist), audited as viewed."""
    child = queryset.select_related("gemeente").get(pk=child_id)
    audit.child_viewed(actor=actor, child=child, purpose=purpose)
    return child


def reveal_bsn(*, actor: User | None, child: Child, purpose: Purpose) -> str | None:
    """The child's BSN in plain text, for the rare screen that must show it; audited. None when unknown."""
    if child.bsn_encrypted is None:
        return None
    bsn = decrypt_bsn(child.bsn_encrypted)
    audit.child_bsn_viewed(actor=actor, child=child, purpose=purpose)
    return bsn
