"""The rules engine's retention terms (`bewaartermijnen`, PRV-04 and PRV-06 of catalog v2) enforced on
the child's timeline by `kring tick` (`remove_expired_timeline`, in KRING_TICK_JOBS, after the
assessments are brought up to date).

The terms are read from the stored per-child assessment (`ChildAssessment.data`), never computed
here; a row whose timeline changed since it was computed is left for the next night. An entry has
expired when its `until` (the last day the data may be kept) lies before today. What Kring holds of
each kind, for the entry's subject `S` (the school's or the SWV's name in the contract) and date `D`
(the uitschrijving, or the TLV decision); the *enrolment* is from the last `inschrijving` at `S` on
or before `D` up to `D`:

| soort | what Kring does |
| --- | --- |
| `verzuim` | removes the `afwezig` and `verzuimmelding` events in the enrolment |
| `in_uitschrijving` | removes the `inschrijving` and `uitschrijving` events at `S` in the enrolment |
| `dossier` | empties the note of every event at `S` in the enrolment (the school's own words) |
| `verwijzing` | empties the note of the `tlv_aanvraag` events at `S` on or before `D` |
| `gezondheidsgegevens` | empties the note of the TLV events (`TLV_TYPES`) on or before `D` |

Never while the child has an open case. One transaction per child (the child's row locked; a
removal another model protects rolls that child back and is reported); afterwards the child's
assessment is computed again, so an entry whose events are gone disappears. One logbook line per
child that changed (`child.retention_applied`, counts and rules only). Idempotent.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError, Q

from . import audit
from .models import Child, ChildAssessment, TimelineEvent

logger = logging.getLogger(__name__)

VERZUIM_TYPES = ("afwezig", "verzuimmelding")
ENROLMENT_TYPES = ("inschrijving", "uitschrijving")
TLV_TYPES = ("tlv_aanvraag", "tlv_besluit", "deskundigenadvies")


@dataclass
class TimelineRetentionReport:
    today: date
    children: int = 0
    removed: int = 0
    anonymised: int = 0
    skipped: list[int] = field(default_factory=list)  # children a protected reference kept whole

    def __str__(self) -> str:
        text = (
            f"bij {self.children} kinderen {self.removed} gebeurtenissen verwijderd, "
            f"{self.anonymised} toelichtingen gewist"
        )
        if self.skipped:
            text += f"; {len(self.skipped)} kinderen overgeslagen (gegevens nog in gebruik)"
        return text


def expired_entries(data: Mapping[str, Any], *, today: date) -> list[dict[str, Any]]:
    result = []
    for entry in data.get("bewaartermijnen") or []:
        try:
            until = date.fromisoformat(str(entry.get("until")))
            date.fromisoformat(str(entry.get("date")))
        except ValueError:
            continue
        if until < today:
            result.append(dict(entry))
    return result


def _at(subject: str) -> Q:
    return Q(data__school=subject)


def _enrolment_start(events: Iterable[TimelineEvent], subject: str, until: date) -> date | None:
    starts = [
        e.date
        for e in events
        if e.type == "inschrijving" and e.data.get("school") == subject and e.date <= until
    ]
    return max(starts) if starts else None


def _apply(child: Child, entries: list[dict[str, Any]]) -> tuple[int, int]:
    events = list(TimelineEvent.objects.filter(child=child))
    remove: set[int] = set()
    blank: set[int] = set()
    for entry in entries:
        soort, subject = str(entry.get("soort")), str(entry.get("subject") or "")
        day = date.fromisoformat(str(entry["date"]))
        start = _enrolment_start(events, subject, day)
        in_enrolment = [e for e in events if start is not None and start <= e.date <= day]
        if soort == "verzuim":
            remove |= {e.pk for e in in_enrolment if e.type in VERZUIM_TYPES}
        elif soort == "in_uitschrijving":
            remove |= {
                e.pk for e in in_enrolment if e.type in ENROLMENT_TYPES and e.data.get("school") == subject
            }
        elif soort == "dossier":
            blank |= {e.pk for e in in_enrolment if e.data.get("school") == subject and e.note}
        elif soort == "verwijzing":
            blank |= {
                e.pk
                for e in events
                if e.type == "tlv_aanvraag" and e.data.get("school") == subject and e.date <= day and e.note
            }
        elif soort == "gezondheidsgegevens":
            blank |= {e.pk for e in events if e.type in TLV_TYPES and e.date <= day and e.note}
    blank -= remove
    anonymised = TimelineEvent.objects.filter(pk__in=blank).update(note="") if blank else 0
    removed = (
        TimelineEvent.objects.filter(pk__in=remove).delete()[1].get("children.TimelineEvent", 0)
        if remove
        else 0
    )
    return removed, anonymised


def _for_child(child_id: int, *, today: date) -> tuple[int, int]:
    from kring.cases.models import OPEN_STATUSES, Case  # the case app builds on children; read only

    from .readmodel import compute_assessment, fingerprint

    with transaction.atomic():
        child = Child.objects.select_for_update().filter(pk=child_id).first()
        if child is None or Case.objects.filter(child=child, status__in=OPEN_STATUSES).exists():
            return 0, 0
        stored = ChildAssessment.objects.filter(child=child).first()
        if stored is None or stored.source_fingerprint != fingerprint(child):
            return 0, 0  # the timeline changed since: the next night, with a fresh assessment
        entries = expired_entries(stored.data, today=today)
        if not entries:
            return 0, 0
        removed, anonymised = _apply(child, entries)
        if removed or anonymised:
            audit.retention_applied(
                child=child,
                counts={
                    "rules": ",".join(sorted({str(e.get("rule")) for e in entries})),
                    "soorten": ",".join(sorted({str(e.get("soort")) for e in entries})),
                    "removed": removed,
                    "anonymised": anonymised,
                    "until": max(str(e.get("until")) for e in entries),
                },
            )
            if removed:
                Child.objects.filter(pk=child.pk).update(version=child.version + 1)
                child.refresh_from_db()
                compute_assessment(child, today=today)
        return removed, anonymised


def remove_expired_timeline(*, today: date) -> TimelineRetentionReport:
    report = TimelineRetentionReport(today=today)
    candidates = (
        ChildAssessment.objects.filter(data__has_key="bewaartermijnen")
        .values_list("child_id", "data")
        .order_by("child_id")
        .iterator(chunk_size=500)
    )
    ids = [child_id for child_id, data in candidates if expired_entries(data, today=today)]
    for child_id in ids:
        try:
            removed, anonymised = _for_child(child_id, today=today)
        except ProtectedError:
            logger.warning("Kring retention: child %s kept whole, its events are still referenced", child_id)
            report.skipped.append(child_id)
            continue
        if removed or anonymised:
            report.children += 1
            report.removed += removed
            report.anonymised += anonymised
    return report
