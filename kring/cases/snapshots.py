"""The stored assessment of a case (`AssessmentSnapshot`): computed by the rules engine through the
children app's `assess_child`, with the region's norms, and kept so lists can filter on the
thuiszitter category and overdue items without recomputing.

A snapshot is *fresh* when it was computed for today and the child's timeline has not changed since
(its fingerprint: number of events, highest event id and the child's version). The nightly job
recomputes every open case; the agenda recomputes a stale snapshot when it needs one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Max

from kring.children.models import TimelineEvent

from .models import AssessmentSnapshot, Case, RegionSettings
from .region import norms_for_child, region_settings, swv_for_child


def fingerprint(case: Case) -> str:
    agg = TimelineEvent.objects.filter(child_id=case.child_id).aggregate(n=Count("id"), m=Max("id"))
    return f"{agg['n']}:{agg['m'] or 0}:{case.child.version}"


def settings_for_case(case: Case, *, today: date) -> RegionSettings | None:
    return region_settings(swv_for_child(case.child, today=today))


def compute_snapshot(case: Case, *, today: date) -> AssessmentSnapshot:
    """Assess the case's child on `today` with the region's norms and store the result."""
    from kring.children.assessment import assess_child

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
