"""The OPP's agenda source (settings.KRING_AGENDA_SOURCES): the next step after a school declared it
cannot meet a child's needs (handelingsverlegen), on its date, for everyone who reads the child's
OPP. Handelingsverlegen is a start, not an exit: the zorgplicht stays until the child has a place
that fits (WPO art. 40 lid 4; WEC art. 40 lid 4), so the step someone promised is on the agenda.

The OPP's statutory terms themselves (OPP-04 .. OPP-07) come from the rules engine through the
children app's source: the services write their facts on the timeline.
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

from .models import Handelingsverlegen, Opp

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.organisations.models import Organisation

KIND = "volgende_stap"
SOURCE = "WPO art. 40 lid 4; WEC art. 40 lid 4 (zorgplicht)"


def _latest_per_child(children: QuerySet[Child], today: date) -> list[Handelingsverlegen]:
    """The newest declaration of each child (a later one replaces the step of an earlier one), when
    its step falls within the agenda's horizon. One query."""
    rows = (
        Handelingsverlegen.objects.filter(child__in=children)
        .select_related("child", "school__organisation")
        .order_by("child_id", "-declared_on", "-pk")
    )
    latest: dict[int, Handelingsverlegen] = {}
    for row in rows:
        latest.setdefault(row.child_id, row)
    return [row for row in latest.values() if row.next_step_by <= horizon(today)]


def _entries(children: QuerySet[Child], *, today: date) -> list[AgendaEntry]:
    entries = []
    for h in _latest_per_child(children, today):
        child = h.child
        entries.append(
            AgendaEntry(
                kind=KIND,
                label=gettext("Volgende stap"),
                title=gettext("Volgende stap na 'handelingsverlegen': %(what)s (%(who)s)")
                % {"what": h.next_step[:80], "who": h.next_step_who},
                child_id=child.pk,
                child_name=f"{child.first_name} {child.last_name}",
                due=h.next_step_by,
                days_overdue=overdue_days(h.next_step_by, today),
                key=f"opp-handelingsverlegen:{h.pk}",
                rule="",
                source=SOURCE,
                description=gettext(
                    "%(school)s kan niet bieden wat het kind nodig heeft. De zorgplicht blijft tot er een "
                    "passende plek is."
                )
                % {"school": h.school.organisation.name},
                url=reverse("opp:child", args=[child.pk]),
            )
        )
    return entries


class NextSteps:
    def for_user(self, user: User, *, today: date) -> list[AgendaEntry]:
        return _entries(policy.opp_children(user), today=today)

    def for_organisation(self, organisation: Organisation, *, today: date) -> list[AgendaEntry]:
        return _entries(policy.visible_children_for_organisation(organisation), today=today)

    def child_urls(self, child_ids: Collection[int]) -> dict[int, str]:
        """The OPP page of a child with an OPP (the case page, a later source, wins when there is a case)."""
        ids = set(Opp.objects.filter(child_id__in=child_ids).values_list("child_id", flat=True))
        return {pk: reverse("opp:child", args=[pk]) for pk in ids}
