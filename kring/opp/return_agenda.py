"""The terugkeerplan's agenda source (settings.KRING_AGENDA_SOURCES): every open step of an open
terugkeerplan, on its date, for everyone who sees the child's plan (`policy.return_plan_children`),
and for the organisations that see the child. A late step shows how late. When the child is back in
education the plan ends and its steps leave the agenda.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext

from kring.access import policy
from kring.agenda.entries import AgendaEntry, horizon, overdue_days
from kring.children.models import Child

from .models import ReturnPlan, ReturnStep, StepStatus

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.organisations.models import Organisation

KIND = "terugkeer"
SOURCE = "WPO art. 40 lid 4; WEC art. 40 lid 4; WVO 2020 art. 8.9 (zorgplicht); Leerplichtwet 1969 art. 2"


def plan_url(child_id: int) -> str:
    return reverse("opp:return_plan", args=[child_id])


def _entries(children: QuerySet[Child], *, today: date) -> list[AgendaEntry]:
    steps = (
        ReturnStep.objects.filter(
            status=StepStatus.OPEN,
            plan__closed_on__isnull=True,
            plan__child__in=children,
            due__lte=horizon(today),
        )
        .select_related("plan__child")
        .order_by("due", "created_at")
    )
    entries = []
    for step in steps:
        child = step.plan.child
        entries.append(
            AgendaEntry(
                kind=KIND,
                label=gettext("Terugkeerplan"),
                title=gettext("Stap naar school: %(what)s (%(who)s)")
                % {"what": step.what[:80], "who": step.who},
                child_id=child.pk,
                child_name=f"{child.first_name} {child.last_name}",
                due=step.due,
                days_overdue=overdue_days(step.due, today),
                key=f"opp-terugkeer:{step.pk}",
                source=SOURCE,
                description=gettext(
                    "Het onderwijs staat stil (%(reason)s). Deze stap brengt het kind weer naar school."
                )
                % {"reason": step.plan.get_reason_display().lower()},
                url=plan_url(child.pk),
            )
        )
    return entries


class ReturnSteps:
    def for_user(self, user: User, *, today: date) -> list[AgendaEntry]:
        return _entries(policy.return_plan_children(user), today=today)

    def for_organisation(self, organisation: Organisation, *, today: date) -> list[AgendaEntry]:
        return _entries(policy.visible_children_for_organisation(organisation), today=today)

    def child_urls(self, child_ids: Collection[int]) -> dict[int, str]:
        """The terugkeerplan's page of a child with an open plan (the case page, a later source,
        wins when there is a case)."""
        ids = set(
            ReturnPlan.objects.filter(child_id__in=child_ids, closed_on__isnull=True).values_list(
                "child_id", flat=True
            )
        )
        return {pk: plan_url(pk) for pk in ids}
