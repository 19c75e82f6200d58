"""The per-child assessment (`ChildAssessment`): the rules engine's result for a child's timeline,
stored per child so lists, the agenda and the nightly job read it without recomputing.

A stored assessment is *fresh* when it was computed for today and the child's timeline has not
changed since (its fingerprint: number of events, highest event id and the child's version).

A child is *followed* (kept assessed by the nightly job, and refreshed when the agenda reads it)
when it has an open obligation, concretely when one of these holds:

1. its stored assessment lists an obligation that is still open or overdue (`open_count > 0`):
   an undecided aanmelding (ZP-05), a verzuim report not yet made (LPW-21), ...;
2. its timeline changed since the stored assessment (another fingerprint), or it has events and no
   stored assessment yet: something new was recorded;
3. it has an event dated after the day of the stored assessment and not after today: a date that
   has now come (the engine leaves events after its peildatum out).

Children with an open case are kept fresh by the cases app, which reads them through
`current_assessments` (so the nightly tick covers every child with an open case or an open
obligation). Everything here reads many children in a few queries (not a query per child).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, Max, OuterRef

from .models import Child, ChildAssessment, TimelineEvent

if TYPE_CHECKING:
    from kring.rules import NormSettings

__all__ = [
    "compute_assessment",
    "current_assessment",
    "current_assessments",
    "fingerprint",
    "fingerprints",
    "followed_children",
    "fresh_and_stale",
    "refresh_stale",
]

# Ids per query in the bulk reads below: well under SQLite's limit on query parameters.
CHUNK = 500


def _norms_for_child(child: Child, *, today: date) -> NormSettings:
    # The region's norms belong to the region app; imported here, at call time, so the children app
    # does not depend on it when it loads.
    from kring.regions.norms import norms_for_child

    return norms_for_child(child, today=today)


def _chunks(items: Sequence[Child]) -> Iterator[Sequence[Child]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def fingerprint(child: Child) -> str:
    agg = TimelineEvent.objects.filter(child_id=child.pk).aggregate(n=Count("id"), m=Max("id"))
    return f"{agg['n']}:{agg['m'] or 0}:{child.version}"


def _counts(children: Sequence[Child]) -> dict[int, tuple[int, int | None]]:
    counts: dict[int, tuple[int, int | None]] = {}
    for chunk in _chunks(children):
        rows = (
            TimelineEvent.objects.filter(child_id__in={c.pk for c in chunk})
            .order_by()
            .values("child_id")
            .annotate(n=Count("id"), m=Max("id"))
        )
        counts.update({row["child_id"]: (row["n"], row["m"]) for row in rows})
    return counts


def fingerprints(children: Iterable[Child]) -> dict[int, str]:
    """`fingerprint(child)` of many children, by child id: one aggregate query per chunk."""
    children = list(children)
    counts = _counts(children)
    result = {}
    for child in children:
        n, m = counts.get(child.pk, (0, None))
        result[child.pk] = f"{n}:{m or 0}:{child.version}"
    return result


def _columns(data: dict[str, Any]) -> dict[str, Any]:
    """The indexed columns of a stored assessment, from the contract's output."""
    obligations = data.get("obligations", [])
    open_dues = [o["due"] for o in obligations if o.get("status") == "open" and o.get("due")]
    kr_3m = next((o for o in obligations if o.get("rule") == "KR-3M"), None)
    thuiszitter = data.get("thuiszitter") or {}
    return {
        "thuiszitter_category": thuiszitter.get("category", "") or "",
        "is_verborgen": bool(data.get("verborgen")),
        "overdue_count": sum(1 for o in obligations if o.get("status") == "overdue"),
        "open_count": sum(1 for o in obligations if o.get("status") in ("open", "overdue")),
        "next_due": date.fromisoformat(min(open_dues)) if open_dues else None,
        "kr_3m_status": kr_3m["status"] if kr_3m else "",
    }


def compute_assessment(
    child: Child, *, today: date, norms: NormSettings | None = None, source_fingerprint: str | None = None
) -> ChildAssessment:
    """Assess the child on `today` with its region's norms and store the result. `norms`: the
    region's norms when the caller already looked them up (`norms_for_child`), else None."""
    from .assessment import assess_child, with_params

    if norms is None:
        norms = _norms_for_child(child, today=today)
    # the contract's output plus each finding's `params`, so the pages can say it in English
    data: dict[str, Any] = with_params(assess_child(child, as_of=today, norms=norms))
    stored, _created = ChildAssessment.objects.update_or_create(
        child=child,
        defaults={
            "computed_on": today,
            "source_fingerprint": source_fingerprint or fingerprint(child),
            "data": data,
            **_columns(data),
        },
    )
    return stored


def _is_fresh(computed_on: date, source_fingerprint: str, *, today: date, current: str) -> bool:
    return computed_on == today and source_fingerprint == current


def current_assessment(child: Child, *, today: date) -> ChildAssessment:
    """The stored assessment when it is fresh for `today`, else a newly computed one."""
    stored = ChildAssessment.objects.filter(child=child).first()
    current = fingerprint(child)
    if stored is not None and _is_fresh(
        stored.computed_on, stored.source_fingerprint, today=today, current=current
    ):
        return stored
    return compute_assessment(child, today=today, source_fingerprint=current)


def fresh_and_stale(
    children: Iterable[Child], *, today: date
) -> tuple[dict[int, ChildAssessment], list[Child]]:
    """The fresh stored assessments of `children` (by child id) and the children whose stored
    assessment is missing or stale, in a few queries. A row loaded with the child
    (`select_related("assessment")`) is used as it is."""
    children = list({c.pk: c for c in children}.values())
    current = fingerprints(children)
    stored: dict[int, ChildAssessment | None] = {
        c.pk: getattr(c, "assessment", None) for c in children if Child.assessment.is_cached(c)
    }
    unread = [c for c in children if c.pk not in stored]
    for chunk in _chunks(unread):
        rows = ChildAssessment.objects.filter(child_id__in=[c.pk for c in chunk])
        stored.update({a.child_id: a for a in rows})
    fresh: dict[int, ChildAssessment] = {}
    stale: list[Child] = []
    for child in children:
        row = stored.get(child.pk)
        if row is not None and _is_fresh(
            row.computed_on, row.source_fingerprint, today=today, current=current[child.pk]
        ):
            fresh[child.pk] = row
        else:
            stale.append(child)
    return fresh, stale


def current_assessments(children: Iterable[Child], *, today: date) -> dict[int, ChildAssessment]:
    """`current_assessment` of many children, by child id: the stored rows and the fingerprints in a
    few queries, a new computation only for the stale ones."""
    result, stale = fresh_and_stale(children, today=today)
    for child in stale:
        result[child.pk] = compute_assessment(child, today=today)
    return result


def followed_children(children: Iterable[Child], *, today: date, stale_only: bool = False) -> list[Child]:
    """Those of `children` that are followed (see the module's docstring), in the given order.
    `stale_only`: only those whose stored assessment is not fresh for `today`."""
    return _select(children, today=today, followed_only=True, stale_only=stale_only)


def _select(children: Iterable[Child], *, today: date, followed_only: bool, stale_only: bool) -> list[Child]:
    children = list(children)
    counts = _counts(children)
    stored: dict[int, tuple[date, str, int]] = {}
    dated: set[int] = set()
    for chunk in _chunks(children):
        ids = [c.pk for c in chunk]
        rows = ChildAssessment.objects.filter(child_id__in=ids).values_list(
            "child_id", "computed_on", "source_fingerprint", "open_count"
        )
        stored.update({child_id: (on, fp, n) for child_id, on, fp, n in rows})
        if followed_only:
            come = TimelineEvent.objects.filter(
                child_id=OuterRef("child_id"), date__gt=OuterRef("computed_on"), date__lte=today
            )
            dated.update(
                ChildAssessment.objects.filter(child_id__in=ids)
                .filter(Exists(come))
                .values_list("child_id", flat=True)
            )
    result = []
    for child in children:
        n, m = counts.get(child.pk, (0, None))
        current = f"{n}:{m or 0}:{child.version}"
        row = stored.get(child.pk)
        if row is None:
            selected = n > 0 or not followed_only
        else:
            computed_on, source, open_count = row
            selected = not followed_only or open_count > 0 or source != current or child.pk in dated
            if selected and stale_only and _is_fresh(computed_on, source, today=today, current=current):
                selected = False
        if selected:
            result.append(child)
    return result


def refresh_stale(children: Iterable[Child], *, today: date, followed_only: bool = True) -> int:
    """Compute the assessment of each of `children` whose stored one is not fresh for `today`
    (`followed_only`: only the followed ones), reading only the freshness columns of the stored
    ones. Returns how many were computed."""
    stale = _select(children, today=today, followed_only=followed_only, stale_only=True)
    for child in stale:
        compute_assessment(child, today=today)
    return len(stale)
