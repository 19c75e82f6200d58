"""The agenda on the home page: what a person has to do or attend, soonest first.

The template `web/_agenda.html` renders a list of `AgendaItem`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext, ngettext

from kring.cases.agenda import agenda_for_user

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.cases.agenda import AgendaEntry


@dataclass(frozen=True, kw_only=True)
class AgendaItem:
    when: datetime.date | datetime.datetime  # the day (or moment) it happens or is due
    title: str  # what: "Overleg kring Noor", "Termijn zorgplicht verloopt"
    url: str = ""  # where to act; empty when there is no page for it
    description: str = ""  # one short line of context, plain Dutch
    label: str = ""  # short kind or status: "Overleg", "Termijn"
    urgent: bool = False  # shown with a warning badge (for example: a statutory term is almost over)


def agenda_for(*, user: User) -> list[AgendaItem]:
    """The agenda items this person may see: overdue first (most overdue on top), then soonest due.

    The items come from the cases this person may see (kring.cases.agenda, filtered by the access
    policy): statutory terms and norms from the rules engine, agreements they own, and escalation
    decisions that wait for them.
    """
    if not user.is_professional:
        return []
    today = timezone.localdate()
    return [
        AgendaItem(
            when=entry.due or today,
            title=f"{entry.title} — {entry.child_name}",
            url=entry.url,
            description=_describe(entry),
            label=entry.label,
            urgent=entry.urgent,
        )
        for entry in agenda_for_user(user, today=today)
    ]


def _describe(entry: AgendaEntry) -> str:
    parts = []
    if entry.days_overdue:
        parts.append(
            ngettext("%(n)d dag te laat", "%(n)d dagen te laat", entry.days_overdue)
            % {"n": entry.days_overdue}
        )
    if entry.description:
        parts.append(entry.description)
    if entry.source:
        parts.append(gettext("Bron: %(source)s") % {"source": entry.source})
    return " · ".join(parts)
