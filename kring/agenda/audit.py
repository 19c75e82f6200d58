"""Audit events of the agenda: a person saw children on their agenda (a read of child data)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from kring.privacy.audit import Line, child_name, event_kind, record_many
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose

if TYPE_CHECKING:
    from kring.accounts.models import User

    from .entries import AgendaEntry

CHILD_LISTED = event_kind(
    "agenda.child_listed",
    action=AuditAction.VIEW,
    object_type="kind",
    title=_("Het kind stond op een agenda, met een termijn of afspraak."),
    example={"child_id": 1, "entries": 2},
)


def children_on_agenda(
    *, actor: User | None, entries: Iterable[AgendaEntry], purpose: Purpose = Purpose.CASUSREGIE
) -> list[AuditEvent]:
    """One line per child on an agenda someone looked at (the family sees their child was on it).
    Items about no child (a steunpunt's question) are no read of a child's data: no line.

    The number of entries per child goes into the data; their titles (which may name the child or
    quote a rule) do not.
    """
    from kring.children.models import Child

    counts = Counter(entry.child_id for entry in entries if entry.child_id is not None)
    if not counts:
        return []
    children = Child.objects.filter(pk__in=counts).only("pk", "first_name", "last_name")
    lines = [
        Line(
            object_id=child.pk,
            child_id=child.pk,
            data={"child_id": child.pk, "entries": counts[child.pk]},
            message=f"{child_name(child)} stond op een agenda ({counts[child.pk]} punt(en)).",
        )
        for child in sorted(children, key=lambda c: c.pk)
    ]
    return record_many(actor=actor, kind=CHILD_LISTED, purpose=purpose, lines=lines)
