"""The enrolment app's agenda source (settings.KRING_AGENDA_SOURCES).

The decision terms (ZP-05) and temporary placement (ZP-06) of an aanmelding are the rules engine's
obligations of the child, which the children's source (`StatutoryTerms`) already puts on the agenda;
this source does not repeat them. It gives them the aanmelding's page (`entry_urls`), and adds what
has no timeline yet: an aanmelding the parents sent online that the school has not taken in, with
the day the school must decide.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext

from kring.access import policy
from kring.agenda.entries import AgendaEntry, horizon, overdue_days
from kring.organisations.models import SchoolLocation

from .models import Aanmelding
from .terms import ZP05, ZP06, computed_terms

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.organisations.models import Organisation


def _untaken(aanmeldingen: QuerySet[Aanmelding], *, today: date) -> list[AgendaEntry]:
    entries = []
    for a in aanmeldingen.filter(child__isnull=True, outcome="").select_related("school__organisation"):
        terms = computed_terms(a.received_on, extended=False)
        if terms.due > horizon(today):
            continue  # the agenda shows what is due within its horizon; the register shows the rest
        entries.append(
            AgendaEntry(
                kind="aanmelding",
                label=gettext("Aanmelding"),
                title=gettext("Aanmelding van de ouders in behandeling nemen (%(school)s)")
                % {"school": a.school.organisation.name},
                subject=gettext("aanmelding %(reference)s") % {"reference": a.reference},
                due=terms.due,
                days_overdue=overdue_days(terms.due, today),
                key=f"aanmelding:{a.pk}:{terms.due.isoformat()}",
                rule=ZP05,
                source=terms.zp05_source,
                description=gettext(
                    "De ouders stuurden de aanmelding via Kring. De termijn loopt sinds %(day)s."
                )
                % {"day": a.received_on.strftime("%d-%m-%Y")},
                url=reverse("enrolment:detail", args=[a.pk]),
            )
        )
    return entries


class Aanmeldingen:
    """Aanmeldingen of the parents not yet taken in; the aanmelding's page for its ZP-05/ZP-06 term."""

    def for_user(self, user: User, *, today: date) -> list[AgendaEntry]:
        schools = policy.aanmelding_schools(user)
        return _untaken(Aanmelding.objects.filter(school__in=schools), today=today)

    def for_organisation(self, organisation: Organisation, *, today: date) -> list[AgendaEntry]:
        schools = SchoolLocation.objects.filter(organisation=organisation) | SchoolLocation.objects.filter(
            board=organisation
        )
        return _untaken(Aanmelding.objects.filter(school__in=schools), today=today)

    def child_urls(self, child_ids: Collection[int]) -> dict[int, str]:
        return {}

    def entry_urls(self, entries: Sequence[AgendaEntry]) -> dict[str, str]:
        """The aanmelding's page for the children's source's ZP-05 and ZP-06 entries (one query)."""
        wanted = [e for e in entries if e.rule in (ZP05, ZP06) and e.child_id is not None]
        if not wanted:
            return {}
        rows = (
            Aanmelding.objects.filter(child_id__in={e.child_id for e in wanted})
            .select_related("school__organisation")
            .order_by("received_on", "pk")
        )
        latest: dict[tuple[int, str], int] = {}
        for a in rows:
            assert a.child_id is not None
            latest[(a.child_id, a.school.organisation.name)] = a.pk  # the newest at that school wins
        urls = {}
        for e in wanted:
            assert e.child_id is not None
            school = e.key.split(":", 3)[3].rsplit(":", 1)[0]  # child:<id>:<rule>:<subject>:<due>
            pk = latest.get((e.child_id, school))
            if pk is not None:
                urls[e.key] = reverse("enrolment:detail", args=[pk])
        return urls
