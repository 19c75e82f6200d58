"""The onderwijstijd agenda source (settings.KRING_AGENDA_SOURCES).

An open OT-02 obligation (the inspectorate's consent for a reduced timetable is missing) is the
rules engine's obligation of the child, which the children's source (`StatutoryTerms`) already puts
on the agenda of everyone who sees the child's assessment; this source does not repeat it. It gives
those entries the child's onderwijstijd page, where the school records the request and the consent
(`entry_urls`), and adds what the engine does not know: a consent of the inspectorate that runs out
while the reduced timetable goes on (the school asks again in time).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext

from kring.access import policy
from kring.agenda.entries import AgendaEntry, horizon, overdue_days
from kring.organisations.models import SchoolLocation

from .models import ReducedTimetable
from .selectors import OT02, ot02_source

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.organisations.models import Organisation


def _expiring(timetables: QuerySet[ReducedTimetable], *, today: date) -> list[AgendaEntry]:
    """Consents that end within the agenda's horizon while the reduced timetable runs on after them."""
    rows = (
        timetables.filter(consent_until__isnull=False, consent_until__lte=horizon(today))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=F("consent_until")))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("child", "school__organisation")
    )
    entries = []
    for t in rows:
        assert t.consent_until is not None
        entries.append(
            AgendaEntry(
                kind="onderwijstijd",
                label=gettext("Onderwijstijd"),
                title=gettext("Instemming van de inspectie loopt af (%(school)s)")
                % {"school": t.school.organisation.name},
                child_id=t.child_id,
                child_name=f"{t.child.first_name} {t.child.last_name}".strip(),
                due=t.consent_until,
                days_overdue=overdue_days(t.consent_until, today),
                key=f"onderwijstijd:{t.pk}:{t.consent_until.isoformat()}",
                rule=OT02,
                source=ot02_source(),
                description=gettext(
                    "De inspectie stemde in tot en met %(day)s, maar het kind krijgt daarna nog minder "
                    "onderwijs. Vraag op tijd opnieuw om instemming, of laat de minder onderwijstijd stoppen."
                )
                % {"day": date_format(t.consent_until, "j F Y")},
                url=reverse("timetable:child", args=[t.child_id]),
            )
        )
    return entries


class ReducedTimetables:
    """The child's onderwijstijd page for its OT-02 entries; consents that run out."""

    def for_user(self, user: User, *, today: date) -> list[AgendaEntry]:
        schools = policy.timetable_schools(user)
        return _expiring(policy.visible_reduced_timetables(user).filter(school__in=schools), today=today)

    def for_organisation(self, organisation: Organisation, *, today: date) -> list[AgendaEntry]:
        schools = SchoolLocation.objects.filter(Q(organisation=organisation) | Q(board=organisation))
        return _expiring(ReducedTimetable.objects.filter(school__in=schools), today=today)

    def child_urls(self, child_ids: Collection[int]) -> dict[int, str]:
        return {}

    def entry_urls(self, entries: Sequence[AgendaEntry]) -> dict[str, str]:
        """The child's onderwijstijd page for the children's source's OT-02 entries (no query)."""
        return {
            e.key: reverse("timetable:child", args=[e.child_id])
            for e in entries
            if e.rule == OT02 and e.child_id is not None
        }
