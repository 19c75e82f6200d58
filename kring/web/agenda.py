"""The agenda on the home page: what a person has to do or attend, soonest first.

This issue only defines the contract; the case-management issue fills `agenda_for`.
The template `web/_agenda.html` renders a list of `AgendaItem`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kring.accounts.models import User


@dataclass(frozen=True, kw_only=True)
class AgendaItem:
    when: datetime.date | datetime.datetime  # the day (or moment) it happens or is due
    title: str  # what: "Overleg kring Noor", "Termijn zorgplicht verloopt"
    url: str = ""  # where to act; empty when there is no page for it
    description: str = ""  # one short line of context, plain Dutch
    label: str = ""  # short kind or status: "Overleg", "Termijn"
    urgent: bool = False  # shown with a warning badge (for example: a statutory term is almost over)


def agenda_for(*, user: User) -> list[AgendaItem]:
    """The agenda items this person may see, soonest first. Empty until cases exist."""
    return []
