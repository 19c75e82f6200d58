"""What an agenda is made of: entries from the sources, one sort order, one horizon.

An `AgendaEntry` is what a source (settings.KRING_AGENDA_SOURCES) contributes: a due item, usually
about one child, with the attributes the home page renders and `key`, which identifies the item for
notifications (a person is mailed once per key). An item about no child (a steunpunt's question)
has `child_id` None, says what it is about in `subject` and brings its own `url`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# The agenda looks this many days ahead (and shows everything that is already late).
HORIZON_DAYS = 7


def horizon(today: date) -> date:
    """The last day the agenda looks ahead to."""
    return today + timedelta(days=HORIZON_DAYS)


def overdue_days(due: date | None, today: date) -> int:
    return (today - due).days if due is not None and today > due else 0


@dataclass(frozen=True, kw_only=True)
class AgendaEntry:
    kind: str  # a short name of the source's kind of item, e.g. "termijn", "norm", "afspraak", "besluit"
    label: str  # the kind as the reader sees it: "Termijn", "Afspraak" (in the active language)
    title: str
    child_id: int | None = None  # None: the item is about no child (then `subject` and `url` say what)
    child_name: str = ""
    subject: str = ""  # what an item about no child is about, e.g. "vraag SP-ABCD-2345"
    due: date | None
    days_overdue: int
    key: str
    case_id: int | None = None  # the case the item belongs to, when it belongs to one
    rule: str = ""
    source: str = ""
    description: str = ""
    url: str = ""  # where to act; empty: the agenda links the child's page (see selectors)

    @property
    def about(self) -> str:
        """Whom or what the item is about: the child's name, else the subject."""
        return self.child_name or self.subject

    @property
    def when(self) -> date | None:
        return self.due

    @property
    def urgent(self) -> bool:
        return self.days_overdue > 0

    def sort_key(self) -> tuple[int, int, date, str]:
        return (0 if self.days_overdue > 0 else 1, -self.days_overdue, self.due or date.max, self.title)


def sort_entries(entries: list[AgendaEntry]) -> list[AgendaEntry]:
    """Overdue first (most overdue on top), then soonest due."""
    return sorted(entries, key=AgendaEntry.sort_key)
