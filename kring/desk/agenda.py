"""The desk's agenda source (settings.KRING_AGENDA_SOURCES): the steunpunt's open questions.

- a worker sees the open questions assigned to them that are due within the horizon or late;
- whoever late questions escalate to (the coordinator of DeskSettings, or every worker of the
  steunpunt when it has none, see `escalation_recipients`) also sees every late open question of
  the steunpunt, and the open questions nobody works on yet that are due within the horizon;
- the steunpunt as an organisation: every open question due within the horizon or late.

A question is about no child: the entry has no child_id, names the question by its reference and
its categories (never the asker's name or words) and links the question's page.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext

from kring.access import policy
from kring.accounts.roles import Role
from kring.agenda.entries import AgendaEntry, horizon, overdue_days
from kring.organisations.models import OrganisationKind

from .models import DeskSettings, Question, QuestionStatus

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.organisations.models import Organisation

KIND = "vraag"


def question_url(question_id: int) -> str:
    """The question's page (the worker's pages); empty when there is none."""
    try:
        return reverse("desk:question", args=[question_id])
    except NoReverseMatch:
        return ""


def escalation_recipients(steunpunt: Organisation) -> list[User]:
    """Who a late question of this steunpunt goes to: its coordinator (active), else every active
    worker of the steunpunt."""
    from kring.accounts.models import User

    settings = DeskSettings.objects.filter(steunpunt=steunpunt).select_related("coordinator").first()
    coordinator = settings.coordinator if settings is not None else None
    if coordinator is not None and coordinator.is_active:
        return [coordinator]
    return list(
        User.objects.filter(organisation=steunpunt, role=Role.STEUNPUNT_MEDEWERKER, is_active=True).order_by(
            "pk"
        )
    )


def _entries(questions: QuerySet[Question], *, today: date, show_assignee: bool) -> list[AgendaEntry]:
    rows = questions.select_related("assigned_to").prefetch_related("categories").order_by("answer_due", "pk")
    label = gettext("Vraag")
    entries = []
    for q in rows:
        categories = ", ".join(c.name for c in q.categories.all())
        parts = [categories] if categories else []
        if show_assignee:
            parts.append(
                gettext("Behandeld door %(name)s") % {"name": q.assigned_to.display_name}
                if q.assigned_to is not None
                else gettext("Nog niemand behandelt deze vraag")
            )
        entries.append(
            AgendaEntry(
                kind=KIND,
                label=label,
                title=gettext("Vraag beantwoorden"),
                subject=q.reference,
                due=q.answer_due,
                days_overdue=overdue_days(q.answer_due, today),
                key=f"desk-question:{q.pk}:{q.answer_due.isoformat()}",
                description=" · ".join(parts),
                url=question_url(q.pk),
            )
        )
    return entries


def _open(questions: QuerySet[Question]) -> QuerySet[Question]:
    return questions.filter(status=QuestionStatus.OPEN)


class DeskQuestions:
    """The open questions of a steunpunt, by their answer term."""

    def for_user(self, user: User, *, today: date) -> list[AgendaEntry]:
        if not policy.works_at_desk(user):
            return []
        questions = _open(policy.desk_questions(user))
        mine = Q(assigned_to=user, answer_due__lte=horizon(today))
        assert user.organisation is not None  # works_at_desk
        if user in escalation_recipients(user.organisation):
            unassigned = Q(assigned_to__isnull=True, answer_due__lte=horizon(today))
            return _entries(
                questions.filter(mine | unassigned | Q(answer_due__lt=today)), today=today, show_assignee=True
            )
        return _entries(questions.filter(mine), today=today, show_assignee=False)

    def for_organisation(self, organisation: Organisation, *, today: date) -> list[AgendaEntry]:
        if organisation.kind != OrganisationKind.STEUNPUNT:
            return []
        questions = _open(Question.objects.filter(steunpunt=organisation, answer_due__lte=horizon(today)))
        return _entries(questions, today=today, show_assignee=True)

    def child_urls(self, child_ids: Collection[int]) -> dict[int, str]:
        return {}  # a question is about no child
