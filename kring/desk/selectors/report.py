"""The signals report of a steunpunt: what parents and pupils asked in a period, in aggregates only.

`signals_report` counts in a fixed number of queries, however many questions there are (grouped
counts in the database, never a row per question, except the selected quotes). Every count goes
through `kring.desk.suppression`: nothing between 1 and 4 is shown. Quotes are the anonymised text
the worker selected (`quote_selected`), never the question in the parent's own words.

Who may produce which report is the access policy's (`policy.desk_report_steunpunten`,
`policy.desk_report_swvs`); the caller passes what it allows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import zip_longest

from django.db.models import Count, F, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import get_language

from kring.desk.categories import THUISZITTEN_CODE
from kring.desk.models import AgeGroup, Channel, PolicySignal, Question, QuestionCategory, SchoolType
from kring.desk.periods import Period, month_label
from kring.desk.suppression import Cell, Row, cell, partition, share
from kring.organisations.models import Organisation, Samenwerkingsverband

MAX_PAIRS = 10


@dataclass(frozen=True)
class CountRow:
    label: str
    cell: Cell
    depth: int = 0


@dataclass(frozen=True)
class Breakdown:
    """Rows that add up to the total (each question has exactly one school type, age group, ...)."""

    rows: tuple[CountRow, ...]
    total: Cell


@dataclass(frozen=True)
class TrendMonth:
    label: str
    count: Cell | None  # None: the period has no such month
    previous_label: str
    previous: Cell | None


@dataclass(frozen=True)
class Quote:
    text: str
    received_on: date


@dataclass(frozen=True)
class SignalsReport:
    steunpunt: Organisation
    period: Period
    previous_period: Period
    swv: Samenwerkingsverband | None
    total: Cell
    previous_total: Cell
    categories: tuple[CountRow, ...]
    multi_category: Cell  # questions with two or more categories
    pairs: tuple[CountRow, ...]
    trend: tuple[TrendMonth, ...]
    school_types: Breakdown
    age_groups: Breakdown
    channels: Breakdown
    thuiszitten: Cell
    thuiszitten_share: float | None
    quotes: tuple[Quote, ...]
    signals: tuple[PolicySignal, ...]


def questions_in(
    steunpunt: Organisation, period: Period, swv: Samenwerkingsverband | None
) -> QuerySet[Question]:
    questions = Question.objects.filter(steunpunt=steunpunt, received_on__range=(period.start, period.end))
    if swv is not None:
        questions = questions.filter(swv=swv)
    return questions


def category_label(category: QuestionCategory) -> str:
    """The category's name in the active language (Dutch when there is no English name)."""
    if (get_language() or "nl").startswith("en") and category.name_en:
        return category.name_en
    return category.name


def _tree_order(categories: list[QuestionCategory]) -> list[tuple[QuestionCategory, int]]:
    """Parents before their children, each level by position and name; with the depth."""
    children: dict[int | None, list[QuestionCategory]] = defaultdict(list)
    ids = {c.pk for c in categories}
    for category in categories:
        parent = category.parent_id if category.parent_id in ids else None
        children[parent].append(category)
    ordered: list[tuple[QuestionCategory, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for category in sorted(children[parent], key=lambda c: (c.position, c.name)):
            ordered.append((category, depth))
            walk(category.pk, depth + 1)

    walk(None, 0)
    return ordered


def _breakdown(
    counts: dict[str, int], choices: type[SchoolType] | type[AgeGroup] | type[Channel]
) -> Breakdown:
    values = [str(v) for v in choices.values]
    row: Row = partition([counts.get(value, 0) for value in values])
    labels = [str(label) for label in choices.labels]
    return Breakdown(
        rows=tuple(CountRow(label, c) for label, c in zip(labels, row.cells, strict=True)), total=row.total
    )


def _trend(
    period: Period, current: dict[date, int], previous_period: Period, previous: dict[date, int]
) -> tuple[tuple[TrendMonth, ...], Cell, Cell]:
    months, before = period.months(), previous_period.months()
    row = partition([current.get(m, 0) for m in months])
    before_row = partition([previous.get(m, 0) for m in before])
    trend = tuple(
        TrendMonth(
            label=month_label(m[0]) if m else "",
            count=m[1] if m else None,
            previous_label=month_label(p[0]) if p else "",
            previous=p[1] if p else None,
        )
        for m, p in zip_longest(
            zip(months, row.cells, strict=True), zip(before, before_row.cells, strict=True)
        )
    )
    return trend, row.total, before_row.total


def signals_report(
    *, steunpunt: Organisation, period: Period, swv: Samenwerkingsverband | None = None
) -> SignalsReport:
    """The report of `steunpunt` over `period` (optionally only the questions about `swv`)."""
    questions = questions_in(steunpunt, period, swv)
    previous_period = period.previous()
    ids = questions.values("pk")

    # 1. Who asked what, how, grouped once: school type x age group x channel x month.
    school: dict[str, int] = defaultdict(int)
    age: dict[str, int] = defaultdict(int)
    channel: dict[str, int] = defaultdict(int)
    month: dict[date, int] = defaultdict(int)
    for group in (
        questions.annotate(month=TruncMonth("received_on"))
        .values("school_type", "age_group", "channel", "month")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        school[group["school_type"]] += group["n"]
        age[group["age_group"]] += group["n"]
        channel[group["channel"]] += group["n"]
        month[_as_date(group["month"])] += group["n"]
    # 2. The previous period, per month.
    before = {
        _as_date(group["month"]): group["n"]
        for group in questions_in(steunpunt, previous_period, swv)
        .annotate(month=TruncMonth("received_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    }
    # 3. The category tree, 4. the questions per category, 5. per pair of categories.
    tree = _tree_order(list(QuestionCategory.objects.all()))
    link = Question.categories.through
    per_category = {
        group["questioncategory_id"]: group["n"]
        for group in link.objects.filter(question__in=ids)
        .values("questioncategory_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    pair_counts = {
        (group["questioncategory_id"], group["question__categories"]): group["n"]
        for group in link.objects.filter(question__in=ids, question__categories__gt=F("questioncategory_id"))
        .values("questioncategory_id", "question__categories")
        .annotate(n=Count("question_id"))
        .order_by()
    }
    # 6. How many questions have two or more categories.
    multi = (
        Question.objects.filter(pk__in=ids)
        .annotate(n=Count("categories"))
        .filter(n__gte=2)
        .order_by()
        .count()
    )
    # 7. The quotes, 8. the signals (9. their categories).
    quotes = tuple(
        Quote(text=q["anonymised_text"], received_on=q["received_on"])
        for q in questions.filter(quote_selected=True)
        .exclude(anonymised_text="")
        .order_by("received_on", "pk")
        .values("anonymised_text", "received_on")
    )
    signals = PolicySignal.objects.filter(
        steunpunt=steunpunt, raised_on__range=(period.start, period.end)
    ).select_related("swv__organisation", "raised_by", "responded_by")
    if swv is not None:
        signals = signals.filter(swv=swv)

    total_count = sum(month.values())
    total = partition([total_count]).total
    by_id = {category.pk: category for category, _ in tree}
    categories = tuple(
        CountRow(category_label(category), cell(per_category.get(category.pk, 0)), depth)
        for category, depth in tree
        if category.active or per_category.get(category.pk)
    )
    thuiszitten_count = sum(
        n for pk, n in per_category.items() if pk in by_id and by_id[pk].code == THUISZITTEN_CODE
    )
    thuiszitten = cell(thuiszitten_count)
    trend, _, previous_total = _trend(period, month, previous_period, before)
    return SignalsReport(
        steunpunt=steunpunt,
        period=period,
        previous_period=previous_period,
        swv=swv,
        total=total,
        previous_total=previous_total,
        categories=categories,
        multi_category=cell(multi),
        pairs=_pairs(pair_counts, by_id),
        trend=trend,
        school_types=_breakdown(school, SchoolType),
        age_groups=_breakdown(age, AgeGroup),
        channels=_breakdown(channel, Channel),
        thuiszitten=thuiszitten,
        thuiszitten_share=share(thuiszitten, total),
        quotes=quotes,
        signals=tuple(signals.prefetch_related("categories").order_by("raised_on", "pk")),
    )


def _pairs(
    pair_counts: dict[tuple[int, int], int], by_id: dict[int, QuestionCategory]
) -> tuple[CountRow, ...]:
    """The most frequent pairs: shown counts first (highest first); hidden ones after, by name, so
    their order says nothing about their size."""
    rows = []
    for (a, b), n in pair_counts.items():
        if a in by_id and b in by_id:
            first, second = sorted((by_id[a], by_id[b]), key=lambda c: (c.position, c.name))
            rows.append(CountRow(f"{category_label(first)} + {category_label(second)}", cell(n)))
    rows.sort(key=lambda r: (r.cell.hidden, -(r.cell.shown or 0), r.label))
    return tuple(rows[:MAX_PAIRS])


def _as_date(value: object) -> date:
    if hasattr(value, "date") and callable(value.date):
        return value.date()  # type: ignore[no-any-return]
    assert isinstance(value, date)
    return value.replace(day=1)
