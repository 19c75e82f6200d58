"""Every read of the aanmelding register. Lists and pages start from the access policy
(`policy.visible_aanmeldingen`, which starts from `policy.visible_children` and the school's own
register); nothing here decides who may see what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet

from kring.access import policy
from kring.children.models import Child
from kring.organisations.models import SchoolLocation
from kring.organisations.selectors import schools_in_swv

from .models import Aanmelding, ZorgplichtStep
from .terms import Terms, days_left, terms_of

if TYPE_CHECKING:
    from kring.accounts.models import User

PAGE_SIZE = 25


@dataclass(frozen=True)
class Filters:
    status: str = "open"  # open | te_verwerken | besloten | alle
    school_id: int | None = None
    query: str = ""

    @property
    def active(self) -> bool:
        return self.status != "open" or self.school_id is not None or bool(self.query)


@dataclass(frozen=True)
class Row:
    aanmelding: Aanmelding
    terms: Terms
    days_left: int

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.days_left < 0 else 0


def school_register(user: User, filters: Filters) -> QuerySet[Aanmelding]:
    """The school's aanmeldingen (its own register), open ones first by the day they came in."""
    rows = (
        policy.visible_aanmeldingen(user)
        .filter(school__in=policy.aanmelding_schools(user))
        .select_related("school__organisation", "child")
    )
    if filters.status == "open":
        rows = rows.filter(outcome="")
    elif filters.status == "te_verwerken":
        rows = rows.filter(outcome="", child__isnull=True)
    elif filters.status == "besloten":
        rows = rows.exclude(outcome="")
    if filters.school_id is not None:
        rows = rows.filter(school_id=filters.school_id)
    q = filters.query.strip()
    if q:
        words = Q()
        for word in q.split():
            words &= (
                Q(reference__iexact=word)
                | Q(child__first_name__icontains=word)
                | Q(child__last_name__icontains=word)
                | Q(child_first_name__icontains=word)
                | Q(child_last_name__icontains=word)
            )
        rows = rows.filter(words)
    return rows.order_by("received_on", "pk")


def register_page(
    user: User, filters: Filters, *, page_number: Any, today: date
) -> tuple[Page[Any], list[Row]]:
    paginator = Paginator(school_register(user, filters), PAGE_SIZE)
    page = paginator.get_page(page_number)
    rows = []
    for a in page.object_list:
        terms = terms_of(a, today=today)
        rows.append(Row(a, terms, days_left(terms.due, today)))
    return page, rows


def detail(user: User, aanmelding_id: Any) -> Aanmelding:
    """One aanmelding (404 when the policy says no), with its steps."""
    found = policy.require_aanmelding(user, aanmelding_id)
    return (
        Aanmelding.objects.select_related(
            "school__organisation", "child", "other_school__organisation", "registered_by"
        )
        .prefetch_related(Prefetch("steps", ZorgplichtStep.objects.select_related("recorded_by")))
        .get(pk=found.pk)
    )


def family_aanmeldingen(child: Child) -> list[Aanmelding]:
    """The aanmeldingen of a child the family's page shows (the caller asked the policy)."""
    return list(
        Aanmelding.objects.filter(child=child)
        .select_related("school__organisation", "other_school__organisation")
        .prefetch_related("steps")
        .order_by("-received_on", "-pk")
    )


def registrable_children(user: User) -> QuerySet[Child]:
    """The children a school may name in an aanmelding: those it sees."""
    return policy.visible_children(user).order_by("last_name", "first_name", "pk")


def schools_for_a_place(school: SchoolLocation) -> QuerySet[SchoolLocation]:
    """The schools a place can be offered at: the other schools of the samenwerkingsverbanden
    whose region holds this school (po and vo), else every other school."""
    from kring.reference.models import PostcodeArea

    area = (
        PostcodeArea.objects.filter(pc4=(school.postcode or "")[:4])
        .select_related("swv_po", "swv_vo")
        .first()
    )
    swvs = [s for s in (area.swv_po, area.swv_vo) if s is not None] if area is not None else []
    if not swvs:
        return (
            SchoolLocation.objects.exclude(pk=school.pk)
            .select_related("organisation")
            .order_by("organisation__name")
        )
    ids: set[int] = set()
    for swv in swvs:
        ids.update(schools_in_swv(swv).values_list("pk", flat=True))
    ids.discard(school.pk)
    return (
        SchoolLocation.objects.filter(pk__in=ids)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def detail_unchecked(aanmelding_id: int) -> Aanmelding:
    """One aanmelding after an act the policy allowed (its answer shows what was just written)."""
    return (
        Aanmelding.objects.select_related("school__organisation", "child", "other_school__organisation")
        .prefetch_related("steps")
        .get(pk=aanmelding_id)
    )


# ---------------------------------------------------------------- schorsing and verwijdering (item 8)


def child_suspensions(user: User, child: Child) -> list[Any]:
    """The suspensions of `child` this person may read, the newest first."""
    return list(
        policy.visible_suspensions(user)
        .filter(child=child)
        .select_related("school__organisation", "child")
        .order_by("-date_from", "-pk")
    )


def child_removals(user: User, child: Child) -> list[Any]:
    """The removals of `child` this person may read, the newest first."""
    return list(
        policy.visible_removals(user)
        .filter(child=child)
        .select_related("school__organisation", "willing_school__organisation", "child")
        .order_by("-decided_on", "-pk")
    )


def school_suspensions(user: User) -> list[Any]:
    """The suspensions at the schools of this school professional (their own register)."""
    return list(
        policy.visible_suspensions(user)
        .filter(school__in=policy.aanmelding_schools(user))
        .select_related("school__organisation", "child")
        .order_by("-date_from", "-pk")[:200]
    )


def school_removals(user: User) -> list[Any]:
    """The removals at the schools of this school professional (their own register)."""
    return list(
        policy.visible_removals(user)
        .filter(school__in=policy.aanmelding_schools(user))
        .select_related("school__organisation", "willing_school__organisation", "child")
        .order_by("-decided_on", "-pk")[:200]
    )


def enrolled_children(user: User) -> QuerySet[Child]:
    """The children enrolled now at this school professional's schools (to record a suspension for)."""
    schools = policy.aanmelding_schools(user)
    return (
        policy.visible_children(user)
        .filter(policy.enrolled_at_q(schools))
        .order_by("last_name", "first_name", "pk")
    )
