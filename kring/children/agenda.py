"""The children app's agenda source (settings.KRING_AGENDA_SOURCES): the statutory terms of every
child a person may see (`policy.visible_children`), whether or not the child has a case.

The terms come from the stored per-child assessment (`ChildAssessment`): the followed children
among those visible are brought up to date first (`readmodel.refresh_stale`, usually nothing after
the nightly job), then the rows with something overdue or due within the horizon are read in one
query. The case's own norms (KR-*) are the cases app's source.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, gettext

from kring.access import policy
from kring.access.scopes import Section
from kring.agenda.entries import AgendaEntry, horizon, overdue_days
from kring.rules import rule_for
from kring.rules.catalog_en import explain_en, title_en

from .models import Child, ChildAssessment
from .readmodel import refresh_stale

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.organisations.models import Organisation

AGENDA_OBLIGATION_STATUSES = frozenset({"open", "overdue"})


def child_name(child: Child) -> str:
    return f"{child.first_name} {child.last_name}".strip()


def child_url(child_id: int) -> str:
    """The child's own page. Until the children app has one, the page about the child that exists:
    the child with the form to open a case (it links the open case when there is one)."""
    for name in ("children:detail", "cases:open"):
        try:
            return reverse(name, args=[child_id])
        except NoReverseMatch:
            continue
    return ""


def is_norm(rule_id: str) -> bool:
    """The region's norms for casusregie (KR-*) belong to the case, not to the child's terms."""
    return rule_id.startswith("KR-")


def obligation_title(obligation: dict[str, object]) -> str:
    rule_id = str(obligation["rule"])
    rule = rule_for(rule_id)
    title = rule.title if rule is not None else rule_id
    if _english():
        title = title_en(rule_id) or title
    subject = obligation.get("subject") or ""
    return f"{title} ({subject})" if subject else title


def _english() -> bool:
    return (get_language() or "").startswith("en")


def obligation_explanation(obligation: dict[str, object]) -> str:
    """The engine's (Dutch) explanation; in English when the page is English (issue 8)."""
    if _english():
        params = obligation.get("params")
        english = explain_en(str(obligation["rule"]), params if isinstance(params, dict) else None)
        if english:
            return english
    return str(obligation.get("explanation", ""))


def due_obligations(stored: ChildAssessment, *, today: date) -> list[tuple[dict[str, object], date]]:
    """The open or overdue obligations of a stored assessment due on or before the horizon."""
    last = horizon(today)
    result = []
    for obligation in stored.data.get("obligations", []):
        if obligation.get("status") not in AGENDA_OBLIGATION_STATUSES or not obligation.get("due"):
            continue
        due = date.fromisoformat(obligation["due"])
        if due <= last:
            result.append((obligation, due))
    return result


def term_entries(children: QuerySet[Child], *, today: date) -> list[AgendaEntry]:
    refresh_stale(children, today=today)
    rows = (
        ChildAssessment.objects.filter(child__in=children)
        .filter(Q(overdue_count__gt=0) | Q(next_due__lte=horizon(today)))
        .select_related("child")
    )
    entries = []
    label = gettext("Termijn")
    for stored in rows:
        for obligation, due in due_obligations(stored, today=today):
            rule_id = str(obligation["rule"])
            if is_norm(rule_id):
                continue
            subject = obligation.get("subject") or ""
            entries.append(
                AgendaEntry(
                    kind="termijn",
                    label=label,
                    title=obligation_title(obligation),
                    child_id=stored.child_id,
                    child_name=child_name(stored.child),
                    due=due,
                    days_overdue=overdue_days(due, today),
                    key=f"child:{stored.child_id}:{rule_id}:{subject}:{due.isoformat()}",
                    rule=rule_id,
                    source=str(obligation.get("source", "")),
                    description=obligation_explanation(obligation),
                )
            )
    return entries


class StatutoryTerms:
    """Statutory (and guidance) terms of every visible child, with or without a case."""

    def for_user(self, user: User, *, today: date) -> list[AgendaEntry]:
        # The terms are the assessment's facts: only for children whose assessment this person sees.
        return term_entries(policy.children_showing(user, Section.ASSESSMENT), today=today)

    def for_organisation(self, organisation: Organisation, *, today: date) -> list[AgendaEntry]:
        return term_entries(policy.visible_children_for_organisation(organisation), today=today)

    def child_urls(self, child_ids: Collection[int]) -> dict[int, str]:
        return {child_id: child_url(child_id) for child_id in child_ids}
