"""The agenda's source registry: settings.KRING_AGENDA_SOURCES lists dotted paths to source classes
(like KRING_TICK_JOBS for the nightly jobs), so an app adds entries to everyone's agenda without
editing the agenda or another app.

A source answers three questions, each in a fixed number of queries (never one per entry):

- `for_user(user, *, today)`: the entries of one person (what the policy lets them see);
- `for_organisation(organisation, *, today)`: the entries of an organisation as a whole;
- `child_urls(child_ids)`: the page to go to for each of these children, where this source has one.
- optionally `entry_urls(entries)`: a page for some of the other sources' entries (by `key`), e.g. the
  aanmelding's page for the statutory term ZP-05 that the children's source gives; it wins over
  the child's page.
  The agenda asks the sources in registry order and a later source's page wins, so with
  `[children, cases]` an entry goes to the case page when the child has an open case and to the
  child's page otherwise.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.organisations.models import Organisation

    from .entries import AgendaEntry


class AgendaSource(Protocol):
    def for_user(self, user: User, *, today: date) -> list[AgendaEntry]: ...

    def for_organisation(self, organisation: Organisation, *, today: date) -> list[AgendaEntry]: ...

    def child_urls(self, child_ids: Collection[int]) -> dict[int, str]: ...


def configured_sources() -> list[AgendaSource]:
    return [import_string(path)() for path in getattr(settings, "KRING_AGENDA_SOURCES", [])]
