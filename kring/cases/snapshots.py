"""The stored assessment of a case (`AssessmentSnapshot`): computed by the rules engine through the
children app's `assess_child`, with the region's norms, and kept so lists can filter on the
thuiszitter category and overdue items without recomputing.

A snapshot is *fresh* when it was computed for today and the child's timeline has not changed since
(its fingerprint: number of events, highest event id and the child's version). The nightly job
recomputes every open case; the agenda recomputes a stale snapshot when it needs one.

Lists and the agenda ask for many cases at once: `current_snapshots` and `refresh_stale_snapshots`
read the stored snapshots and the fingerprints of all those cases in a few queries (not two per
case) and compute only the stale ones, with the same freshness test as `current_snapshot`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Max

from kring.children.models import TimelineEvent

from .models import AssessmentSnapshot, Case
from .region import norms_for_child

if TYPE_CHECKING:
    from kring.rules import NormSettings

# Ids per query in the bulk reads below: well under SQLite's limit on query parameters.
CHUNK = 500


def fingerprint(case: Case) -> str:
    agg = TimelineEvent.objects.filter(child_id=case.child_id).aggregate(n=Count("id"), m=Max("id"))
    return f"{agg['n']}:{agg['m'] or 0}:{case.child.version}"


def _chunks(items: Sequence[Case]) -> Iterator[Sequence[Case]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def fingerprints(cases: Iterable[Case]) -> dict[int, str]:
    """`fingerprint(case)` of many cases, by case id: one aggregate query per chunk of cases.
    The cases' children must be loaded (`select_related("child")`) for their version."""
    cases = list(cases)
    counts: dict[int, tuple[int, int | None]] = {}
    for chunk in _chunks(cases):
        rows = (
            TimelineEvent.objects.filter(child_id__in={c.child_id for c in chunk})
            .order_by()
            .values("child_id")
            .annotate(n=Count("id"), m=Max("id"))
        )
        counts.update({row["child_id"]: (row["n"], row["m"]) for row in rows})
    result = {}
    for case in cases:
        n, m = counts.get(case.child_id, (0, None))
        result[case.pk] = f"{n}:{m or 0}:{case.child.version}"
    return result


def compute_snapshot(case: Case, *, today: date, norms: NormSettings | None = None) -> AssessmentSnapshot:
    """Assess the case's child on `today` with the region's norms and store the result. `norms`:
    the region's norms when the caller already looked them up (`norms_for_child`), else None."""
    from kring.children.assessment import assess_child

    if norms is None:
        norms = norms_for_child(case.child, today=today)
    data: dict[str, Any] = assess_child(case.child, as_of=today, norms=norms).to_dict()
    obligations = data.get("obligations", [])
    open_dues = [o["due"] for o in obligations if o.get("status") == "open" and o.get("due")]
    kr_3m = next((o for o in obligations if o.get("rule") == "KR-3M"), None)
    thuiszitter = data.get("thuiszitter") or {}
    snapshot, _created = AssessmentSnapshot.objects.update_or_create(
        case=case,
        defaults={
            "computed_on": today,
            "source_fingerprint": fingerprint(case),
            "data": data,
            "thuiszitter_category": thuiszitter.get("category", "") or "",
            "is_verborgen": bool(data.get("verborgen")),
            "overdue_count": sum(1 for o in obligations if o.get("status") == "overdue"),
            "next_due": date.fromisoformat(min(open_dues)) if open_dues else None,
            "kr_3m_status": kr_3m["status"] if kr_3m else "",
        },
    )
    return snapshot


def current_snapshot(case: Case, *, today: date) -> AssessmentSnapshot:
    """The stored snapshot when it is fresh for `today`, else a newly computed one."""
    stored = AssessmentSnapshot.objects.filter(case=case).first()
    if stored is not None and stored.computed_on == today and stored.source_fingerprint == fingerprint(case):
        return stored
    return compute_snapshot(case, today=today)


def _is_fresh(computed_on: date, source_fingerprint: str, *, today: date, current: str) -> bool:
    return computed_on == today and source_fingerprint == current


def current_snapshots(cases: Iterable[Case], *, today: date) -> dict[int, AssessmentSnapshot]:
    """`current_snapshot` of many cases, by case id: the stored snapshots and the fingerprints in a
    few queries, a new computation only for the stale ones. The cases' children must be loaded."""
    cases = list(cases)
    current = fingerprints(cases)
    # A snapshot loaded with the case (`select_related("snapshot")`, as `case_list` does) is used as
    # it is; the others are read here.
    stored: dict[int, AssessmentSnapshot | None] = {
        c.pk: getattr(c, "snapshot", None) for c in cases if Case.snapshot.is_cached(c)
    }
    unread = [c for c in cases if c.pk not in stored]
    for chunk in _chunks(unread):
        stored.update(
            {s.case_id: s for s in AssessmentSnapshot.objects.filter(case_id__in=[c.pk for c in chunk])}
        )
    result = {}
    for case in cases:
        snapshot = stored.get(case.pk)
        if snapshot is None or not _is_fresh(
            snapshot.computed_on, snapshot.source_fingerprint, today=today, current=current[case.pk]
        ):
            snapshot = compute_snapshot(case, today=today)
        result[case.pk] = snapshot
    return result


def refresh_stale_snapshots(cases: Iterable[Case], *, today: date) -> int:
    """Compute the snapshot of each of `cases` that is not fresh for `today` (as `current_snapshot`
    would), reading only the freshness columns of the stored ones. Returns how many were computed."""
    cases = list(cases)
    current = fingerprints(cases)
    stored: dict[int, tuple[date, str]] = {}
    for chunk in _chunks(cases):
        rows = AssessmentSnapshot.objects.filter(case_id__in=[c.pk for c in chunk]).values_list(
            "case_id", "computed_on", "source_fingerprint"
        )
        stored.update({case_id: (on, fp) for case_id, on, fp in rows})
    computed = 0
    for case in cases:
        seen = stored.get(case.pk)
        if seen is None or not _is_fresh(*seen, today=today, current=current[case.pk]):
            compute_snapshot(case, today=today)
            computed += 1
    return computed
