"""The agenda on the home page: what a person has to do or attend, soonest first.

The template `web/_agenda.html` renders a list of `AgendaItem`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext, ngettext

from kring.access import policy
from kring.cases.agenda import agenda_for_organisation, agenda_for_user

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


MINE = "mijn"
ORGANISATION = "organisatie"


def agenda_for(*, user: User, scope: str = MINE) -> list[AgendaItem]:
    """The agenda items this person may see: overdue first (most overdue on top), then soonest due.

    `scope` MINE: the cases this person may see (statutory terms and norms from the rules engine),
    the agreements they own and the escalation decisions that wait for them. ORGANISATION: the same
    for their whole organisation (colleagues' agreements and mandates too), limited to the cases this
    person may see under the access policy.
    """
    if not user.is_professional:
        return []
    today = timezone.localdate()
    if scope == ORGANISATION and user.organisation is not None:
        visible = set(policy.visible_cases(user).values_list("pk", flat=True))
        entries = [e for e in agenda_for_organisation(user.organisation, today=today) if e.case_id in visible]
    else:
        entries = agenda_for_user(user, today=today)
    return [
        AgendaItem(
            when=entry.due or today,
            title=f"{entry.title} — {entry.child_name}",
            url=entry.url,
            description=_describe(entry),
            label=entry.label,
            urgent=entry.urgent,
        )
        for entry in entries
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
