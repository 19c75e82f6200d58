"""The per-child assessment (`ChildAssessment`): the rules engine's result for a child's timeline,
stored per child so lists, the agenda and the nightly job read it without recomputing.

A stored assessment is *fresh* for `today` (ADR 0016) when

- it was computed on or before `today`, and `today` lies before its horizon (`fresh_until`, from
  `kring.rules.horizon`: the first day on which the engine's answer for the same timeline can
  differ; none when no part of it depends on the day);
- the child's timeline has not changed since (its fingerprint: number of events, highest event id
  and the child's version);
- the norms of its region and the holiday calendar are those it was computed with (`norms_key` of
  its `swv`, `calendar_key`).

A fresh row computed on an earlier day is the answer for `today` apart from the peildatum: it is
handed out with `data["as_of"]` set to `today` (the property test of the horizon proves the rest
equal). Everything here reads many children in a few queries (not a query per child); the nightly
job computes whole batches with one read of their timelines and one write (`assess_batch`).

A child is *followed* (kept assessed by the nightly job) when its stored assessment is stale or it
has events and no stored assessment yet; a fresh one is left alone.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from .models import Child, ChildAssessment, TimelineEvent

if TYPE_CHECKING:
    from kring.regions.norms import RegionLookup
    from kring.rules import Assessment, Calendar, NormSettings, Scenario

__all__ = [
    "Lookups",
    "assess_batch",
    "calendar_key",
    "child_horizon",
    "compute_assessment",
    "current_assessment",
    "current_assessments",
    "fingerprint",
    "fingerprints",
    "followed_children",
    "fresh_and_stale",
    "refresh_stale",
    "stale_child_ids",
]

# Ids per query in the bulk reads below: well under SQLite's limit on query parameters.
CHUNK = 500

# The columns a (re)computation writes (`assess_batch`'s one INSERT ... ON CONFLICT per batch).
WRITTEN = (
    "computed_on",
    "source_fingerprint",
    "data",
    "thuiszitter_category",
    "is_verborgen",
    "overdue_count",
    "open_count",
    "next_due",
    "kr_3m_status",
    "fresh_until",
    "swv",
    "norms_key",
    "calendar_key",
    "updated_at",
)

_calendar_keys: dict[int, tuple[Calendar, str]] = {}


def calendar_key(calendar: Calendar) -> str:
    """A short, stable key of a holiday calendar (its periods) and of the engine's catalog version
    (`kring.rules.CATALOG_VERSION`): a row computed with another calendar or an older catalog (one
    without catalog v2's lists and rules) is stale. Memoised per calendar object."""
    from kring.rules import CATALOG_VERSION

    entry = _calendar_keys.get(id(calendar))
    if entry is None or entry[0] is not calendar:
        text = CATALOG_VERSION + repr(sorted((p.regio, p.start, p.end, p.name) for p in calendar.periods))
        entry = _calendar_keys[id(calendar)] = (calendar, hashlib.sha256(text.encode()).hexdigest()[:16])
    return entry[1]


def _region_lookup() -> RegionLookup:
    # The regions belong to the region app; imported here, at call time, so the children app does
    # not depend on it when it loads.
    from kring.regions.norms import RegionLookup

    return RegionLookup()


@dataclass
class Lookups:
    """What the assessments of one run (or one page) share: the day, the calendar and its key, and
    the regions (each region's norms read once)."""

    today: date
    calendar: Calendar
    calendar_key: str
    regions: RegionLookup = field(default_factory=_region_lookup)

    @classmethod
    def for_day(cls, today: date) -> Lookups:
        from .assessment import calendar_for_assessment

        calendar = calendar_for_assessment()
        return cls(today=today, calendar=calendar, calendar_key=calendar_key(calendar))


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


Row = tuple[int, date, str, dict[str, Any]]  # an event as a batch reads it: (id, date, type, data)


def _events_of(child_ids: Iterable[int]) -> dict[int, list[Row]]:
    """The timelines of many children in timeline order (date, then recorded order), one query."""
    result: dict[int, list[Row]] = defaultdict(list)
    rows = (
        TimelineEvent.objects.filter(child_id__in=list(child_ids))
        .order_by("child_id", "date", "id")
        .values_list("child_id", "id", "date", "type", "data")
    )
    for child_id, pk, on, etype, data in rows:
        result[child_id].append((pk, on, etype, data))
    return result


def _assess(scenario: Scenario, calendar: Calendar, norms: NormSettings) -> Assessment:
    """The rules engine's one entry point, as the read model calls it."""
    from kring.rules import assess

    return assess(scenario, calendar=calendar, norms=norms)


def child_horizon(
    scenario: Scenario, result: Assessment, *, calendar: Calendar, enrolled: bool
) -> date | None:
    """The stored row's `fresh_until`: the engine's horizon (`kring.rules.horizon`), and the 12th
    birthday while the child's region follows its age (`enrolled`: an enrolment names the sector)."""
    from kring.rules.horizon import horizon
    from kring.rules.kalender import add_years

    until = horizon(scenario, result, calendar=calendar)
    if not enrolled:
        twelve = add_years(scenario.birth_date, 12)
        if twelve > scenario.as_of and (until is None or twelve < until):
            until = twelve
    return until


def _assessed(child: Child, events: Sequence[Row], lookups: Lookups) -> ChildAssessment:
    """The child's assessment for `lookups.today` as an unsaved row: the engine's answer on the
    whole timeline (it leaves out what lies after the day, and the horizon needs those dates),
    with its horizon, region, norms and calendar keys and the timeline's fingerprint."""
    from kring.regions.norms import norms_key, sector_from_timeline
    from kring.rules import parse_scenario

    from .assessment import scenario_dict, with_params

    today = lookups.today
    sector, enrolled = sector_from_timeline(
        ((on, t, d) for _pk, on, t, d in events), child.birth_date, today=today
    )
    swv_id = lookups.regions.swv_id(child.postcode, sector)
    norms = lookups.regions.norms(swv_id)
    scenario = parse_scenario(
        scenario_dict(
            as_of=today,
            vakantieregio=child.vakantieregio,
            birth_date=child.birth_date,
            events=({"date": on.isoformat(), "type": t, **d} for _pk, on, t, d in events),
        )
    )
    result = _assess(scenario, lookups.calendar, norms)
    until = child_horizon(scenario, result, calendar=lookups.calendar, enrolled=enrolled)
    data: dict[str, Any] = with_params(result)
    return ChildAssessment(
        child_id=child.pk,
        computed_on=today,
        source_fingerprint=f"{len(events)}:{max((e[0] for e in events), default=0)}:{child.version}",
        data=data,
        fresh_until=until,
        swv_id=swv_id,
        norms_key=norms_key(norms),
        calendar_key=lookups.calendar_key,
        updated_at=timezone.now(),
        **_columns(data),
    )


def _store(rows: Sequence[ChildAssessment]) -> None:
    """One INSERT ... ON CONFLICT (child) DO UPDATE for many rows."""
    ChildAssessment.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["child"], update_fields=list(WRITTEN), batch_size=CHUNK
    )


@dataclass
class BatchResult:
    assessed: int = 0
    failures: list[str] = field(default_factory=list)


def assess_batch(child_ids: Sequence[int], *, lookups: Lookups) -> BatchResult:
    """Assess these children (a batch of the nightly job) in one transaction: their rows and
    timelines in two queries, the engine per child, one bulk write. A child whose timeline the
    engine refuses is reported and left as it was; anything else (the process is stopped, the
    database fails) rolls the whole batch back, so a batch is stored whole or not at all."""
    report = BatchResult()
    with transaction.atomic():
        children = list(
            Child.objects.filter(pk__in=list(child_ids))
            .only("pk", "birth_date", "postcode", "vakantieregio", "version")
            .order_by("pk")
        )
        lookups.regions.prefetch(c.postcode for c in children)
        timelines = _events_of(c.pk for c in children)
        rows = []
        for child in children:
            try:
                rows.append(_assessed(child, timelines.get(child.pk, []), lookups))
            except Exception as exc:  # one broken timeline must not stop the night for everyone else
                report.failures.append(f"kind {child.pk}: {type(exc).__name__}")
        _store(rows)
        report.assessed = len(rows)
    return report


def compute_assessment(
    child: Child, *, today: date, norms: NormSettings | None = None, source_fingerprint: str | None = None
) -> ChildAssessment:
    """Assess the child on `today` with its region's norms and store the result (`norms`,
    `source_fingerprint`: accepted for callers of the earlier signature; both are derived here)."""
    return _compute_one(child, Lookups.for_day(today))


def _compute_one(child: Child, lookups: Lookups) -> ChildAssessment:
    row = _assessed(child, _events_of([child.pk]).get(child.pk, []), lookups)
    values = {
        name: getattr(row, "swv_id" if name == "swv" else name) for name in WRITTEN if name != "updated_at"
    }
    values["swv_id"] = values.pop("swv")
    stored, _created = ChildAssessment.objects.update_or_create(child=child, defaults=values)
    return stored


def _fresh(
    row: ChildAssessment | tuple[Any, ...],
    *,
    today: date,
    current: str,
    lookups: Lookups,
    keys: dict[int | None, str],
) -> bool:
    if isinstance(row, ChildAssessment):
        on, until, source, swv_id, nkey, ckey = (
            row.computed_on,
            row.fresh_until,
            row.source_fingerprint,
            row.swv_id,
            row.norms_key,
            row.calendar_key,
        )
    else:
        on, until, source, swv_id, nkey, ckey = row
    return (
        on <= today
        and (until is None or today < until)
        and source == current
        and ckey == lookups.calendar_key
        and nkey == keys.get(swv_id)
    )


def _for_today(row: ChildAssessment, today: date) -> ChildAssessment:
    """A fresh row computed on an earlier day, as the answer for `today` (only the peildatum differs)."""
    day = today.isoformat()
    if row.data.get("as_of") != day:
        row.data = {**row.data, "as_of": day}
    return row


def current_assessment(child: Child, *, today: date) -> ChildAssessment:
    """The stored assessment when it is fresh for `today`, else a newly computed one."""
    stored = ChildAssessment.objects.filter(child=child).first()
    lookups = Lookups.for_day(today)
    if stored is not None and _fresh(
        stored,
        today=today,
        current=fingerprint(child),
        lookups=lookups,
        keys=lookups.regions.keys([stored.swv_id]),
    ):
        return _for_today(stored, today)
    return _compute_one(child, lookups)


def fresh_and_stale(
    children: Iterable[Child], *, today: date, lookups: Lookups | None = None
) -> tuple[dict[int, ChildAssessment], list[Child]]:
    """The fresh stored assessments of `children` (by child id) and the children whose stored
    assessment is missing or stale, in a few queries. A row loaded with the child
    (`select_related("assessment")`) is used as it is."""
    children = list({c.pk: c for c in children}.values())
    lookups = lookups or Lookups.for_day(today)
    current = fingerprints(children)
    stored: dict[int, ChildAssessment | None] = {
        c.pk: getattr(c, "assessment", None) for c in children if Child.assessment.is_cached(c)
    }
    unread = [c for c in children if c.pk not in stored]
    for chunk in _chunks(unread):
        rows = ChildAssessment.objects.filter(child_id__in=[c.pk for c in chunk])
        stored.update({a.child_id: a for a in rows})
    keys = lookups.regions.keys({a.swv_id for a in stored.values() if a is not None})
    fresh: dict[int, ChildAssessment] = {}
    stale: list[Child] = []
    for child in children:
        row = stored.get(child.pk)
        if row is not None and _fresh(
            row, today=today, current=current[child.pk], lookups=lookups, keys=keys
        ):
            fresh[child.pk] = _for_today(row, today)
        else:
            stale.append(child)
    return fresh, stale


def current_assessments(children: Iterable[Child], *, today: date) -> dict[int, ChildAssessment]:
    """`current_assessment` of many children, by child id: the stored rows and the fingerprints in a
    few queries, a new computation only for the stale ones."""
    lookups = Lookups.for_day(today)
    result, stale = fresh_and_stale(children, today=today, lookups=lookups)
    for child in stale:
        result[child.pk] = _compute_one(child, lookups)
    return result


def followed_children(children: Iterable[Child], *, today: date, stale_only: bool = False) -> list[Child]:
    """Those of `children` that are followed (see the module's docstring), in the given order.
    With the horizon a followed child is a stale one, so `stale_only` changes nothing."""
    return _select(children, today=today, followed_only=True)


def _select(children: Iterable[Child], *, today: date, followed_only: bool) -> list[Child]:
    children = list(children)
    lookups = Lookups.for_day(today)
    counts = _counts(children)
    stored: dict[int, tuple[Any, ...]] = {}
    for chunk in _chunks(children):
        rows = ChildAssessment.objects.filter(child_id__in=[c.pk for c in chunk]).values_list(
            "child_id",
            "computed_on",
            "fresh_until",
            "source_fingerprint",
            "swv_id",
            "norms_key",
            "calendar_key",
        )
        stored.update({row[0]: row[1:] for row in rows})
    keys = lookups.regions.keys({row[3] for row in stored.values()})
    result = []
    for child in children:
        n, m = counts.get(child.pk, (0, None))
        current = f"{n}:{m or 0}:{child.version}"
        row = stored.get(child.pk)
        if row is None:
            selected = n > 0 or not followed_only
        else:
            selected = not _fresh(row, today=today, current=current, lookups=lookups, keys=keys)
        if selected:
            result.append(child)
    return result


def refresh_stale(children: Iterable[Child], *, today: date, followed_only: bool = True) -> int:
    """Compute the assessment of each of `children` whose stored one is not fresh for `today`
    (`followed_only`: not those without events and without a stored assessment), in batches.
    `children` as a QuerySet: selected in SQL (`stale_child_ids`), in a fixed number of queries
    and without loading the children. Returns how many were computed."""
    lookups = Lookups.for_day(today)
    if isinstance(children, QuerySet):
        ids = sorted(stale_child_ids(today=today, lookups=lookups, among=children, rowless=not followed_only))
    else:
        ids = [c.pk for c in _select(children, today=today, followed_only=followed_only)]
    for start in range(0, len(ids), CHUNK):
        assess_batch(ids[start : start + CHUNK], lookups=lookups)
    return len(ids)


# ---------------------------------------------------------------- the nightly selection


def stale_child_ids(
    *,
    today: date,
    lookups: Lookups | None = None,
    among: QuerySet[Child] | None = None,
    rowless: bool = True,
) -> dict[int, int | None]:
    """Every child the nightly job must assess for `today`, with the region of its stored row (None
    for a new one), in a few set-based queries over indexed columns and one aggregate over the
    timelines: children with events and no stored row, and stored rows that are stale (horizon
    reached, computed for a later day, another calendar, their region's norms changed, or a timeline
    or child that changed).

    `among`: only these children (the children of open cases, say; `rowless`: each of them needs a
    row, also without events); their fingerprints are read per child through the index instead of
    by one aggregate over every timeline. The number of queries does not grow with the children or
    their regions."""
    lookups = lookups or Lookups.for_day(today)
    subquery, params = "", ()
    if among is not None:
        try:
            subquery, params = among.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # `.none()`, say: nobody to look at
            return {}
    rows = ChildAssessment.objects.all() if among is None else ChildAssessment.objects.filter(child__in=among)
    result: dict[int, int | None] = {}
    stale = rows.filter(
        Q(computed_on__gt=today) | Q(fresh_until__lte=today) | ~Q(calendar_key=lookups.calendar_key)
    )
    result.update(stale.values_list("child_id", "swv_id"))
    regions = list(rows.order_by().values_list("swv_id", flat=True).distinct())
    changed = Q()  # the rows of each region made with other norms than the region's current ones
    for swv_id, key in lookups.regions.keys(regions).items():
        changed |= (Q(swv__isnull=True) if swv_id is None else Q(swv_id=swv_id)) & ~Q(norms_key=key)
    if changed:
        result.update(rows.filter(changed).values_list("child_id", "swv_id"))
    # table names from the models, no user input in the text
    a, c, e = (m._meta.db_table for m in (ChildAssessment, Child, TimelineEvent))
    version = "CAST(c.version AS TEXT)"
    if among is None:
        counted = "CAST(COALESCE(t.n, 0) AS TEXT) || ':' || CAST(COALESCE(t.m, 0) AS TEXT)"
        current = f"{counted} || ':' || {version}"
        sql = (
            f"SELECT c.id, a.swv_id FROM {c} c "  # noqa: S608
            f"LEFT JOIN (SELECT child_id, COUNT(*) AS n, MAX(id) AS m FROM {e} GROUP BY child_id) t "
            f"ON t.child_id = c.id LEFT JOIN {a} a ON a.child_id = c.id "
            f"WHERE (a.id IS NULL AND t.n IS NOT NULL) OR a.source_fingerprint <> {current}"
        )
    else:
        current = (
            f"(SELECT CAST(COUNT(*) AS TEXT) || ':' || CAST(COALESCE(MAX(x.id), 0) AS TEXT) "  # noqa: S608
            f"FROM {e} x WHERE x.child_id = c.id) || ':' || {version}"
        )
        sql = (
            f"SELECT c.id, a.swv_id FROM {c} c LEFT JOIN {a} a ON a.child_id = c.id "  # noqa: S608
            f"WHERE c.id IN ({subquery}) AND ("
            + (
                "a.id IS NULL"
                if rowless
                else f"(a.id IS NULL AND EXISTS (SELECT 1 FROM {e} y WHERE y.child_id = c.id))"  # noqa: S608
            )
            + f" OR a.source_fingerprint <> {current})"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        result.update(cursor.fetchall())
    return result
