"""The agenda: what is due soon (within `HORIZON_DAYS`) or overdue, from every registered source,
in one list sorted by urgency (overdue first, most overdue on top; then soonest due).

`agenda_for_user` and `agenda_for_organisation` merge the entries of the sources in
settings.KRING_AGENDA_SOURCES (see `registry.py`); `agenda_for` turns them into the rows the home
page renders (`web/_agenda.html`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from kring.access import policy
from kring.access.scopes import Section

from . import audit
from .entries import HORIZON_DAYS, AgendaEntry, horizon, sort_entries
from .registry import AgendaSource, configured_sources

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.organisations.models import Organisation

MINE = "mijn"
# Entries that are facts of the rules engine's assessment (statutory terms, the norms of a case).
ASSESSMENT_KINDS = frozenset({"termijn", "norm"})
ORGANISATION = "organisatie"


def _linked(entries: list[AgendaEntry], sources: list[AgendaSource]) -> list[AgendaEntry]:
    """Entries without a page of their own go to the page a source has for that item
    (`entry_urls`, optional: the aanmelding's page for its ZP-05 term), else to their child's page
    (a later source's page wins)."""
    for source in sources:
        entry_urls = getattr(source, "entry_urls", None)
        if entry_urls is not None:
            found = entry_urls([e for e in entries if not e.url])
            if found:
                entries = [
                    replace(e, url=found[e.key]) if not e.url and e.key in found else e for e in entries
                ]
    ids = {e.child_id for e in entries if not e.url and e.child_id is not None}
    if not ids:
        return entries
    urls: dict[int, str] = {}
    for source in sources:
        urls.update({k: v for k, v in source.child_urls(ids).items() if v})
    return [e if e.url or e.child_id is None else replace(e, url=urls.get(e.child_id, "")) for e in entries]


def agenda_for_user(user: User, *, today: datetime.date) -> list[AgendaEntry]:
    """The agenda of one person."""
    if not user.is_active:
        return []
    sources = configured_sources()
    entries = [entry for source in sources for entry in source.for_user(user, today=today)]
    return sort_entries(_linked(entries, sources))


def agenda_for_organisation(organisation: Organisation, *, today: datetime.date) -> list[AgendaEntry]:
    """The agenda of an organisation: its children's terms, its people's agreements, its mandates."""
    sources = configured_sources()
    entries = [entry for source in sources for entry in source.for_organisation(organisation, today=today)]
    return sort_entries(_linked(entries, sources))


# ---------------------------------------------------------------- the home page's rows


@dataclass(frozen=True, kw_only=True)
class AgendaItem:
    when: datetime.date | datetime.datetime  # the day (or moment) it happens or is due
    title: str  # what: "Overleg kring Noor", "Termijn zorgplicht verloopt"
    url: str = ""  # where to act; empty when there is no page for it
    description: str = ""  # one short line of context, plain Dutch
    label: str = ""  # short kind or status: "Overleg", "Termijn"
    urgent: bool = False  # shown with a warning badge (for example: a statutory term is almost over)
    show_year: bool = False  # the date is not in the current year: show the year with it


def agenda_for(*, user: User, scope: str = MINE) -> list[AgendaItem]:
    """The agenda items this person may see: overdue first (most overdue on top), then soonest due.

    `scope` MINE: the children this person may see (statutory terms from the rules engine, with or
    without a case), the norms of their cases, the agreements they own and the escalation
    decisions that wait for them. ORGANISATION: the same for their whole organisation (colleagues'
    agreements and mandates too), limited to the children this person may see under the policy.
    """
    if not user.is_professional:
        return []
    today = timezone.localdate()
    if scope == ORGANISATION and user.organisation is not None:
        visible = set(policy.visible_children(user).values_list("pk", flat=True))
        assessed = set(policy.children_showing(user, Section.ASSESSMENT).values_list("pk", flat=True))
        entries = [
            e
            for e in agenda_for_organisation(user.organisation, today=today)
            # An item about no child is the source's own decision for this organisation (it names
            # no child: a steunpunt's question shows its reference, never the asker).
            if e.child_id is None
            or (e.child_id in visible and (e.kind not in ASSESSMENT_KINDS or e.child_id in assessed))
        ]
    else:
        entries = agenda_for_user(user, today=today)
    audit.children_on_agenda(actor=user, entries=entries)
    return [
        AgendaItem(
            when=entry.due or today,
            title=f"{entry.title} — {entry.about}" if entry.about else entry.title,
            url=entry.url,
            description=_describe(entry),
            label=entry.label,
            urgent=entry.urgent,
            show_year=(entry.due or today).year != today.year,
        )
        for entry in entries
    ]


def horizon_text(today: datetime.date | None = None) -> str:
    """How far ahead the agenda looks, in a sentence for the page: the number of days and the last
    day, with its year when that is not this year."""
    today = today or timezone.localdate()
    last = horizon(today)
    last_text = date_format(last, "j F Y" if last.year != today.year else "j F")
    return ngettext(
        "De agenda toont wat de komende %(days)d dag moet gebeuren, "
        "tot en met %(last)s, en wat al te laat is.",
        "De agenda toont wat de komende %(days)d dagen moet gebeuren, "
        "tot en met %(last)s, en wat al te laat is.",
        HORIZON_DAYS,
    ) % {"days": HORIZON_DAYS, "last": last_text}


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
