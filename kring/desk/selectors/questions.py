"""Reading the steunpunt's questions: the queue with its search and filters, the counts for its
heading, one question (audited) with the explanation of its answer term, and its history.

Everything starts from `policy.desk_questions(user)`: a worker sees their own steunpunt's questions
and nobody else sees any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet

from kring.access import policy
from kring.privacy import rendering
from kring.privacy.models import AuditEvent

from .. import audit, terms
from ..models import Question, QuestionCategory, QuestionStatus
from ..services.questions import DueDate, desk_calendar, due_date

if TYPE_CHECKING:
    from kring.accounts.models import User

__all__ = [
    "QueueFilters",
    "QueueRow",
    "category_groups",
    "days_late",
    "question_detail",
    "question_due",
    "question_history",
    "queue",
    "queue_counts",
    "queue_page",
]

PAGE_SIZE = 25

# Status filter values beyond the model's: "" is everything not closed (the default), "alle" all.
STATUS_NOT_CLOSED = ""
STATUS_ALL = "alle"

_REFERENCE = re.compile(r"^(?:SP-?)?([2-9A-Z]{4})-?([2-9A-Z]{4})$")


@dataclass(frozen=True)
class QueueFilters:
    query: str = ""
    status: str = STATUS_NOT_CLOSED
    category_id: int | None = None
    channel: str = ""
    mine: bool = False
    overdue: bool = False

    @property
    def active(self) -> bool:
        return bool(
            self.query or self.status or self.category_id or self.channel or self.mine or self.overdue
        )


def _search_q(query: str) -> Q:
    """A reference (with or without 'SP-' and hyphens) or words that all occur in the question."""
    typed = query.strip()
    reference = _REFERENCE.match(typed.upper().replace(" ", ""))
    if reference:
        return Q(reference=f"SP-{reference.group(1)}-{reference.group(2)}")
    found = Q()
    for word in typed.split()[:8]:
        found &= Q(question_text__icontains=word) | Q(anonymised_text__icontains=word)
    return found


def queue(user: User, filters: QueueFilters | None = None, *, today: date) -> QuerySet[Question]:
    """The user's steunpunt's questions that match the filters, the earliest due first."""
    filters = filters or QueueFilters()
    questions = policy.desk_questions(user)
    if filters.query.strip():
        questions = questions.filter(_search_q(filters.query))
    if filters.status == STATUS_NOT_CLOSED:
        questions = questions.exclude(status=QuestionStatus.GESLOTEN)
    elif filters.status in QuestionStatus.values:
        questions = questions.filter(status=filters.status)
    if filters.category_id:
        questions = questions.filter(categories__pk=filters.category_id)
    if filters.channel:
        questions = questions.filter(channel=filters.channel)
    if filters.mine:
        questions = questions.filter(assigned_to_id=user.pk)
    if filters.overdue:
        questions = questions.filter(status=QuestionStatus.OPEN, answer_due__lt=today)
    return (
        questions.distinct()
        .select_related("assigned_to", "swv__organisation")
        .prefetch_related(
            Prefetch("categories", queryset=QuestionCategory.objects.order_by("position", "name"))
        )
        .order_by("answer_due", "received_on", "pk")
    )


@dataclass(frozen=True)
class QueueRow:
    question: Question
    categories: list[QuestionCategory]
    days_late: int  # open days past the answer term (0: not late, or already answered)


def queue_page(
    user: User, filters: QueueFilters | None, *, today: date, page_number: Any = 1
) -> tuple[Page[Question], list[QueueRow]]:
    """One page of the queue, with how late each open question is; the page's questions are audited
    as seen in a list (one line)."""
    page = Paginator(queue(user, filters, today=today), PAGE_SIZE).get_page(page_number)
    calendar, regio = desk_calendar(user.organisation_id or 0)
    rows = [
        QueueRow(
            question=q,
            categories=list(q.categories.all()),
            days_late=(
                terms.open_days_late(q.answer_due, today, calendar=calendar, regio=regio)
                if q.status == QuestionStatus.OPEN
                else 0
            ),
        )
        for q in page.object_list
    ]
    if rows:
        with transaction.atomic():
            audit.questions_listed(actor=user, question_ids=[r.question.pk for r in rows])
    return page, rows


def queue_counts(user: User, *, today: date) -> dict[str, int]:
    """The numbers for the heading of the queue: open, late, answered (not closed), taken by me."""
    open_q = Q(status=QuestionStatus.OPEN)
    return policy.desk_questions(user).aggregate(
        open=Count("pk", filter=open_q),
        overdue=Count("pk", filter=open_q & Q(answer_due__lt=today)),
        answered=Count("pk", filter=Q(status=QuestionStatus.BEANTWOORD)),
        mine=Count("pk", filter=Q(assigned_to_id=user.pk) & ~Q(status=QuestionStatus.GESLOTEN)),
    )


# ---------------------------------------------------------------- one question


@transaction.atomic
def question_detail(user: User, question_id: Any) -> Question:
    """The question for its page (404 unless it is the user's steunpunt's); the reading is audited."""
    question = policy.require_question(user, question_id)
    question = (
        Question.objects.select_related("assigned_to", "swv__organisation", "anonymised_by", "created_by")
        .prefetch_related(
            Prefetch("categories", queryset=QuestionCategory.objects.order_by("position", "name"))
        )
        .get(pk=question.pk)
    )
    audit.question_viewed(actor=user, question=question)
    return question


def question_due(question: Question) -> DueDate:
    """Why the answer is due when it is: the term of the category that counts, and the holidays."""
    due = due_date(
        steunpunt_id=question.steunpunt_id,
        received_on=question.received_on,
        categories=question.categories.all(),
    )
    if due.due != question.answer_due:  # the settings or terms changed since: the stored date counts
        return DueDate(
            due=question.answer_due,
            days=due.days,
            category=due.category,
            holidays_excluded=due.holidays_excluded,
        )
    return due


def days_late(question: Question, *, today: date) -> int:
    """Open days past the answer term of an open question (0 when it is not late)."""
    if question.status != QuestionStatus.OPEN:
        return 0
    calendar, regio = desk_calendar(question.steunpunt_id)
    return terms.open_days_late(question.answer_due, today, calendar=calendar, regio=regio)


@dataclass(frozen=True)
class HistoryLine:
    at: Any
    actor_name: str
    sentence: str


def question_history(question: Question, *, limit: int = 100) -> list[HistoryLine]:
    """What happened to the question and who read it, newest first, in the active language."""
    events = AuditEvent.objects.filter(
        object_type=audit.OBJECT_TYPE, object_id=str(question.pk), code__in=audit.CODES
    ).order_by("-created_at", "-pk")[:limit]
    return [
        HistoryLine(at=e.created_at, actor_name=e.actor_name, sentence=rendering.render(e)) for e in events
    ]


# ---------------------------------------------------------------- the category tree


@dataclass(frozen=True)
class CategoryGroup:
    heading: QuestionCategory | None  # None: categories without a group
    options: list[QuestionCategory]


def category_groups(*, include: list[int] | None = None) -> list[CategoryGroup]:
    """The active categories to choose from, grouped under their top category (a top category with
    sub-categories is a heading, not a choice). `include`: ids to keep even when no longer active."""
    keep = set(include or [])
    rows = list(QuestionCategory.objects.filter(Q(active=True) | Q(pk__in=keep)).order_by("position", "name"))
    by_id = {c.pk: c for c in rows}

    def top(c: QuestionCategory) -> QuestionCategory:
        seen = set()
        while c.parent_id is not None and c.parent_id in by_id and c.pk not in seen:
            seen.add(c.pk)
            c = by_id[c.parent_id]
        return c

    has_children = {c.parent_id for c in rows if c.parent_id is not None}
    groups: dict[int | None, list[QuestionCategory]] = {}
    headings: dict[int | None, QuestionCategory | None] = {}
    for c in rows:
        if c.pk in has_children:
            continue
        root = top(c)
        key = root.pk if root.pk != c.pk else None
        headings[key] = root if key is not None else None
        groups.setdefault(key, []).append(c)

    def order(key: int | None) -> tuple[bool, int]:
        heading = headings[key]
        return (heading is None, heading.position if heading is not None else 0)

    ordered = sorted(groups, key=order)
    return [CategoryGroup(heading=headings[k], options=groups[k]) for k in ordered]
