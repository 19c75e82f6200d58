"""The family's own view (zienswijze) beside a part of the child's file (issue 11, item 3).

A part is registered in `PARTS`: its choice in `ZienswijzePart`, the foreign key it fills, the act
whose reader sees it (and so its zienswijzen), and how to find it within one child's file. A later
part (a TLV request) is a new choice, a nullable foreign key on `Zienswijze` and a `register` call.

Who may add one: `policy.require_view_child` / `policy.may_add_view` (the child's legal
representatives). Zienswijzen are never edited or deleted by their author: a later view is a new
row, so what the family said and when stays in the file.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from kring.access import policy
from kring.accounts.models import User
from kring.children.models import Child, TimelineEvent

from . import audit
from .models import (
    ZIENSWIJZE_PART_FIELDS,
    Case,
    CaseStatus,
    EscalationDecision,
    Meeting,
    Perspective,
    Zienswijze,
    ZienswijzePart,
)

MAX_LENGTH = 4000
# The decisions on the child's own timeline a family can answer (another type: add it here).
DECISION_EVENT_TYPES = frozenset({"aanmelding_besluit"})


@dataclass(frozen=True)
class PartKind:
    part: ZienswijzePart
    model: type[Any]
    read_act: policy.Act
    find: Callable[[Child, int], Any | None]  # the part within this child's file, or None
    case_of: Callable[[Any], Case | None]

    @property
    def field(self) -> str:
        return ZIENSWIJZE_PART_FIELDS[self.part]

    @property
    def label(self) -> Promise:
        return self.part.label


PARTS: dict[str, PartKind] = {}


def register(kind: PartKind) -> PartKind:
    if kind.part in PARTS:
        raise ValueError(f"part {kind.part!r} is registered twice")
    PARTS[str(kind.part)] = kind
    return kind


register(
    PartKind(
        part=ZienswijzePart.MEETING,
        model=Meeting,
        read_act=policy.Act.VIEW_MEETINGS,
        find=lambda child, pk: (
            Meeting.objects.select_related("case").filter(pk=pk, case__child=child).first()
        ),
        case_of=lambda meeting: meeting.case,
    )
)
register(
    PartKind(
        part=ZienswijzePart.PLAN,
        model=Perspective,
        read_act=policy.Act.VIEW_PLAN,
        find=lambda child, pk: (
            Perspective.objects.select_related("case").filter(pk=pk, case__child=child).first()
        ),
        case_of=lambda perspective: perspective.case,
    )
)
register(
    PartKind(
        part=ZienswijzePart.DECISION,
        model=EscalationDecision,
        read_act=policy.Act.VIEW_ESCALATIONS,
        find=lambda child, pk: (
            EscalationDecision.objects.select_related("escalation__case")
            .filter(pk=pk, escalation__case__child=child)
            .first()
        ),
        case_of=lambda decision: decision.escalation.case,
    )
)
register(
    PartKind(
        part=ZienswijzePart.EVENT,
        model=TimelineEvent,
        read_act=policy.Act.VIEW_TIMELINE,
        find=lambda child, pk: TimelineEvent.objects.filter(
            pk=pk, child=child, type__in=DECISION_EVENT_TYPES
        ).first(),
        case_of=lambda event: None,
    )
)


register(
    PartKind(
        part=ZienswijzePart.BEFORE_MEETING,
        model=Case,
        read_act=policy.Act.VIEW_MEETINGS,
        # only an open case has a next overleg
        find=lambda child, pk: (
            Case.objects.filter(pk=pk, child=child).exclude(status=CaseStatus.AFGESLOTEN).first()
        ),
        case_of=lambda case: case,
    )
)


def kind_of(instance: Any) -> PartKind | None:
    for kind in PARTS.values():
        if isinstance(instance, kind.model):
            return kind
    return None


def key_of(instance: Any) -> str:
    kind = kind_of(instance)
    return f"{kind.part}:{instance.pk}" if kind is not None else ""


def find_part(child: Child, part: str, part_id: Any) -> tuple[PartKind, Any] | None:
    """The registered part of `child`'s file, or None (unknown kind, id or another child's part)."""
    kind = PARTS.get(str(part))
    try:
        pk = int(part_id)
    except (TypeError, ValueError):
        return None
    if kind is None:
        return None
    found = kind.find(child, pk)
    return (kind, found) if found is not None else None


# ---------------------------------------------------------------- reading


def _rows(q: Q) -> QuerySet[Zienswijze]:
    return Zienswijze.objects.filter(q).order_by("created_at", "pk")


def by_part(rows: Iterable[Zienswijze]) -> dict[str, list[Zienswijze]]:
    """Zienswijzen grouped by the key of their part ("overleg:12"), for the templates."""
    grouped: dict[str, list[Zienswijze]] = defaultdict(list)
    for row in rows:
        grouped[f"{row.part}:{row.part_pk}"].append(row)
    return dict(grouped)


def of_case(case: Case) -> dict[str, list[Zienswijze]]:
    """Every zienswijze of one case, by part (one query; the panels show them beside the part they
    already decided to show)."""
    return by_part(_rows(Q(case=case)))


def of_child(child: Child) -> dict[str, list[Zienswijze]]:
    """Every zienswijze in the child's file, by part (the family sees the whole file)."""
    return by_part(_rows(Q(child=child)))


def of_events(child: Child) -> dict[str, list[Zienswijze]]:
    """The zienswijzen on decisions on the child's timeline (the case page's timeline)."""
    return by_part(_rows(Q(child=child, part=ZienswijzePart.EVENT)))


BEFORE_KEY = "voor_overleg"


def attach_before_meetings(voices: dict[str, list[Zienswijze]], meetings: Iterable[Meeting]) -> None:
    """Place what was said before an overleg (`voor_overleg:<case>`) beside the overleg it preceded:
    the first meeting of that case held on or after the day it was written gets it under
    `voor:<meeting>`; what no meeting followed yet stays under `voor_volgend:<case>` (the next
    overleg). `meetings`: those the page shows (of one or more cases)."""
    by_case: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        by_case[meeting.case_id].append(meeting)
    for key, rows in list(voices.items()):
        if not key.startswith(BEFORE_KEY + ":"):
            continue
        case_id = int(key.split(":", 1)[1])
        held = sorted(by_case.get(case_id, []), key=lambda m: (m.held_on, m.pk))
        for row in rows:
            written = timezone.localdate(row.created_at)
            after = next((m for m in held if m.held_on >= written), None)
            target = f"voor:{after.pk}" if after is not None else f"voor_volgend:{case_id}"
            voices.setdefault(target, []).append(row)


def visible_list(user: User, child: Child) -> list[Zienswijze]:
    """The zienswijzen of `child` that `user` sees: those about a part they see (the API's list)."""
    rows = list(_rows(Q(child=child)).select_related("case", "child"))
    seen: dict[tuple[str, int | None], bool] = {}
    result = []
    for row in rows:
        kind = PARTS[row.part]
        key = (row.part, row.case_id)
        if key not in seen:
            seen[key] = policy.zienswijze_visible(user, kind.read_act, row.case, child)
        if seen[key]:
            result.append(row)
    return result


# ---------------------------------------------------------------- writing


def _author_name(actor: User, child: Child) -> tuple[str, Any]:
    rep = child.representatives.filter(user=actor).order_by("pk").first()
    if rep is not None:
        return rep.name, rep
    return (actor.get_full_name() or actor.get_username()), None


@transaction.atomic
def add_zienswijze(*, actor: User, child: Child, part: str, part_id: Any, text: str) -> Zienswijze:
    """Store the family's view beside the part (Http404 when it is not a part of this child's
    file; the policy decides who may), and log it."""
    from django.http import Http404

    found = find_part(child, part, part_id)
    if found is None:
        raise Http404(str(policy.NO_SUCH_CHILD))
    kind, instance = found
    refusal = policy.decide_view(actor, child, part=str(kind.part))
    if refusal is not None:
        policy.refuse(refusal)
    text = text.strip()
    if not text or len(text) > MAX_LENGTH:
        raise ValueError("a zienswijze needs a text of at most 4000 characters")
    name, rep = _author_name(actor, child)
    fields: dict[str, Any] = {"case": kind.case_of(instance), kind.field: instance}
    row = Zienswijze.objects.create(
        child=child,
        part=kind.part,
        text=text,
        author=actor,
        author_name=name,
        author_role=str(actor.role),
        representative=rep,
        **fields,
    )
    audit.zienswijze_added(actor=actor, zienswijze=row)
    return row
