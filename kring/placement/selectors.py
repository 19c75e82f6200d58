"""Every read of placement. Each starts from the access policy; reads of a child's request leave an
audit line (the pages call the `*_viewed` functions of `audit`).

`waiting_times` is the read model a later monitor reads: per child on a waiting list, since when and
how many days (no names)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from kring.access import policy
from kring.children.models import Child
from kring.children.readmodel import current_assessment
from kring.organisations.models import SchoolLocation
from kring.regions.norms import tlv_checklist

from .checklist import AdviceInput, ChecklistItem, checklist_for
from .models import OfferCategory, OfferLevel, SupportOffer, TlvRequest, WaitingListEntry

if TYPE_CHECKING:
    from kring.accounts.models import User


def child_tlv_requests(user: User, child: Child) -> list[TlvRequest]:
    """The TLV requests of `child` that `user` may read, newest first, with advice and decision."""
    return list(
        policy.visible_tlv_requests(user)
        .filter(child=child)
        .select_related(
            "swv__organisation", "school__organisation", "target_school__organisation", "decision"
        )
        .prefetch_related("advices")
        .order_by("-received_on", "-pk")
    )


def swv_tlv_requests(user: User) -> QuerySet[TlvRequest]:
    """The requests `user` reads (the SWV: every request to it; a school: its own), newest first."""
    return (
        policy.visible_tlv_requests(user)
        .select_related("child", "swv__organisation", "school__organisation", "decision")
        .order_by("-received_on", "-pk")
    )


@dataclass(frozen=True)
class Term:
    """A term the rules engine computed: its date, status, rule and plain-Dutch explanation."""

    rule: str
    day: date
    status: str
    source: str
    explanation: str


@dataclass(frozen=True)
class TlvTerms:
    decision_due: Term | None  # AWB-413: the SWV decides within 8 weeks of receipt
    valid_until: Term | None  # TLV-04: the end of the TLV's period
    objection_until: Term | None  # TLV-06: the parents may object until


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def tlv_terms(tlv_request: TlvRequest, *, today: date) -> TlvTerms:
    """What the rules engine computed for this request from the child's timeline (catalog v2):
    the decision term, the validity of a granted TLV and the objection term. None where the
    engine gave nothing (yet)."""
    data = current_assessment(tlv_request.child, today=today).data or {}
    swv_name = tlv_request.swv.organisation.name
    decision = getattr(tlv_request, "decision", None)
    due = None
    for obligation in data.get("obligations", []):
        if obligation.get("rule") != "AWB-413" or obligation.get("subject") != swv_name:
            continue
        day = _day(obligation.get("due"))
        if day is not None:
            due = Term(
                "AWB-413",
                day,
                str(obligation.get("status", "")),
                str(obligation.get("source", "")),
                str(obligation.get("explanation", "")),
            )
    valid = objection = None
    if decision is not None:
        decided = decision.decided_on.isoformat()
        for tlv in data.get("tlv", []):
            if tlv.get("swv") == swv_name and tlv.get("date") == decided and (end := _day(tlv.get("end"))):
                valid = Term(
                    "TLV-04", end, "open", str(tlv.get("source", "")), str(tlv.get("explanation", ""))
                )
        for entry in data.get("termijnen", []):
            if (
                entry.get("rule") == "TLV-06"
                and entry.get("subject") == swv_name
                and entry.get("date") == decided
            ):
                until = _day(entry.get("until"))
                if until is not None:
                    objection = Term(
                        "TLV-06",
                        until,
                        str(entry.get("status", "")),
                        str(entry.get("source", "")),
                        str(entry.get("explanation", "")),
                    )
    return TlvTerms(decision_due=due, valid_until=valid, objection_until=objection)


def request_checklist(tlv_request: TlvRequest) -> list[ChecklistItem]:
    """The region's checklist as this request met it (every item was met when it was accepted;
    the OPP item shows what Kring reads of the OPP now)."""
    checklist = tlv_checklist(tlv_request.swv)
    items = checklist_for(
        child=tlv_request.child,
        swv_name=tlv_request.swv.organisation.name,
        require_opp=checklist.require_opp,
        require_parents_view=checklist.require_parents_view,
        require_child_view=checklist.require_child_view,
        require_place=checklist.require_place,
        parents_view=tlv_request.parents_view,
        child_view=tlv_request.child_view,
        advices=[
            AdviceInput(name=a.name, functie=a.functie, given_on=a.given_on, advice=a.advice)
            for a in tlv_request.advices.all()
        ],
        target_school=tlv_request.target_school,
        place_confirmed=tlv_request.place_confirmed,
        waiting_position=tlv_request.waiting_position,
    )
    return [item for item, _message in items.values()]


# ---------------------------------------------------------------- waiting lists


def kept_waiting_lists(user: User) -> list[tuple[SchoolLocation, list[WaitingListEntry]]]:
    """The waiting lists `user` keeps: per special-school location, the children waiting (longest
    first). Locations with nobody waiting are left out."""
    entries = (
        WaitingListEntry.objects.filter(school__in=policy.waiting_list_schools(user), ended_on__isnull=True)
        .select_related("child", "school__organisation", "responsible_school__organisation")
        .order_by("school__organisation__name", "since", "pk")
    )
    from django.utils import timezone

    day = timezone.localdate()
    lists: dict[int, tuple[SchoolLocation, list[WaitingListEntry]]] = {}
    for entry in entries:
        entry.days = (day - entry.since).days  # type: ignore[attr-defined]
        lists.setdefault(entry.school_id, (entry.school, []))[1].append(entry)
    return list(lists.values())


def child_waiting(user: User, child: Child) -> list[WaitingListEntry]:
    """Where `child` waits now (entries `user` may read), with the school that stays responsible."""
    return list(
        policy.visible_waiting_entries(user)
        .filter(child=child, ended_on__isnull=True)
        .select_related("school__organisation", "responsible_school__organisation")
        .order_by("since", "pk")
    )


def require_waiting_entry(user: User, entry_id: Any) -> WaitingListEntry:
    from django.http import Http404

    try:
        return (
            WaitingListEntry.objects.filter(school__in=policy.waiting_list_schools(user))
            .select_related("child", "school__organisation")
            .get(pk=int(entry_id))
        )
    except (WaitingListEntry.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


@dataclass(frozen=True)
class WaitingTime:
    child_id: int
    school_id: int
    since: date
    ended_on: date | None
    days: int


def waiting_times(*, today: date, children: QuerySet[Child] | None = None) -> list[WaitingTime]:
    """Each child's waiting time (calendar days from `since` to the end, or to `today` while the
    child still waits), for the monitor's aggregates. No names, no access decision: the monitor
    shows counts only."""
    entries = WaitingListEntry.objects.all()
    if children is not None:
        entries = entries.filter(child__in=children)
    return [
        WaitingTime(
            child_id=child_id,
            school_id=school_id,
            since=since,
            ended_on=ended_on,
            days=((ended_on or today) - since).days,
        )
        for child_id, school_id, since, ended_on in entries.order_by("since", "pk").values_list(
            "child_id", "school_id", "since", "ended_on"
        )
    ]


# ---------------------------------------------------------------- support profiles


def support_profile(school: SchoolLocation) -> dict[str, list[SupportOffer]]:
    """The offers of one school, by level (basis first)."""
    offers = SupportOffer.objects.filter(school=school).order_by("category", "pk")
    profile: dict[str, list[SupportOffer]] = {OfferLevel.BASIS: [], OfferLevel.EXTRA: []}
    for offer in offers:
        profile[offer.level].append(offer)
    return profile


@dataclass(frozen=True)
class CategoryRow:
    category: str
    label: str
    basis: list[str]  # school names
    extra: list[str]


def region_overview(user: User) -> list[CategoryRow]:
    """Per area of support, which schools in the region offer it (basis, extra): what a region
    compares with what its children need. Only for who may read the region's profiles."""
    schools = policy.readable_support_profiles(user)
    offers = (
        SupportOffer.objects.filter(school__in=schools)
        .select_related("school__organisation")
        .order_by("school__organisation__name")
    )
    rows: dict[str, CategoryRow] = {
        value: CategoryRow(value, str(label), [], []) for value, label in OfferCategory.choices
    }
    for offer in offers:
        target = rows[offer.category].basis if offer.level == OfferLevel.BASIS else rows[offer.category].extra
        name = offer.school.organisation.name
        if name not in target:
            target.append(name)
    return list(rows.values())


@dataclass(frozen=True)
class WaitingCount:
    school: str
    waiting: int
    longest_days: int


def kept_waiting_counts(user: User, *, today: date | None = None) -> list[WaitingCount]:
    """Per special school the user keeps the list of: how many wait, and the longest wait (days).
    Counts only: the region's overview names no child."""
    from django.utils import timezone

    day = today or timezone.localdate()
    return [
        WaitingCount(school.organisation.name, len(entries), max((day - e.since).days for e in entries))
        for school, entries in kept_waiting_lists(user)
    ]
