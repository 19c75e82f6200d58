"""Reading children and their timeline.

Access is decided elsewhere (`kring.access.policy.visible_children(user)`): functions that look up
children take the queryset the caller got from that policy, so they can never widen it. Reads of a
child's personal data leave an audit event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from kring.children import audit
from kring.privacy.crypto import bsn_lookup_hash, decrypt_bsn, is_valid_bsn, normalize_bsn
from kring.privacy.purposes import Purpose

from .models import Child, EventType, TimelineEvent

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


def age_on(birth_date: date, today: date) -> int:
    """A child's age in whole years on `today`."""
    had_birthday = (today.month, today.day) >= (birth_date.month, birth_date.day)
    return today.year - birth_date.year - (0 if had_birthday else 1)


def current_schools(children: Iterable[Child]) -> dict[int, str]:
    """The school each child is enrolled at now (the latest enrolment not followed by a
    deregistration at that school), by child id; children without one are left out."""
    ids = [c.pk for c in children]
    events = TimelineEvent.objects.filter(
        child_id__in=ids, type__in=[EventType.INSCHRIJVING, EventType.UITSCHRIJVING]
    ).order_by("child_id", "date", "id")
    enrolled: dict[int, dict[str, date]] = {}
    for event in events:
        name = str(event.data.get("school", ""))
        schools = enrolled.setdefault(event.child_id, {})
        if event.type == EventType.INSCHRIJVING:
            schools[name] = event.date
        else:
            schools.pop(name, None)
    return {
        child_id: max(schools.items(), key=lambda item: item[1])[0]
        for child_id, schools in enrolled.items()
        if schools
    }


def child_list(queryset: QuerySet[Child], query: str = "", *, actor: User | None = None) -> QuerySet[Child]:
    """The list of children: `queryset` (already narrowed by the policy) searched by name or BSN,
    in alphabetical order. The caller records which children a page showed
    (`audit.children_listed`)."""
    return search_children(queryset, query, actor=actor).order_by("last_name", "first_name", "pk")


def record_listed(*, actor: User | None, children: Sequence[Child], purpose: Purpose) -> None:
    """One audit line per child shown on a page of the list (the family sees their child was on it)."""
    audit.children_listed(actor=actor, children=children, purpose=purpose)


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
