"""Reads of the family's rights requests: the organisations a request can go to, who wrote a part,
and each request's legal term as the rules engine computed it (AVG-12 on the child's assessment)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kring.access import policy
from kring.organisations.models import Organisation

from .models import RightsRequest

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.cases.zienswijzen import PartKind
    from kring.children.models import Child

RULE = "AVG-12"

# Who wrote a part of the file (its organisation answers a correction): the user field per part.
_WRITER_FIELDS = {
    "overleg": "recorded_by",
    "plan": "updated_by",
    "besluit": "decided_by",
    "gebeurtenis": "recorded_by",
}
# What a part says (kept beside the request: the original stays in the history).
_TEXT_FIELDS = {"overleg": "notes", "plan": "goals", "besluit": "decision", "gebeurtenis": "note"}


def addressable_organisations(child: Child) -> QuerySet[Organisation]:
    """The organisations a family can ask for access: those in the circle of a case of the child
    (active members), and those whose people wrote a part of the file."""
    from kring.cases.models import CircleMember

    ids = CircleMember.objects.filter(case__child=child, active=True, organisation__isnull=False).values(
        "organisation_id"
    )
    return Organisation.objects.filter(pk__in=ids, active=True).order_by("name")


def responsible_organisation(kind: PartKind, instance: Any) -> Organisation | None:
    """The organisation of whoever wrote this part (None when Kring does not know)."""
    writer = getattr(instance, _WRITER_FIELDS.get(str(kind.part), ""), None)
    if writer is None or writer.organisation_id is None:
        return None
    organisation: Organisation = writer.organisation
    return organisation


def part_label(kind: PartKind, instance: Any) -> str:
    """The part in words, with its day ("overleg van 3 november 2026")."""
    day = (
        getattr(instance, "held_on", None)
        or getattr(instance, "decided_on", None)
        or getattr(instance, "set_on", None)
        or getattr(instance, "date", None)
    )
    label = str(kind.label)
    if isinstance(day, date):
        return _("%(part)s van %(day)s") % {"part": label, "day": date_format(day, "j F Y")}
    return label


def part_text(kind: PartKind, instance: Any) -> str:
    return str(getattr(instance, _TEXT_FIELDS.get(str(kind.part), ""), "") or "")


# ---------------------------------------------------------------- the legal term (the engine's)


@dataclass(frozen=True)
class Term:
    """AVG-12 for one request, as the engine computed it."""

    due: date | None
    status: str  # open, met, met_late, overdue
    source: str
    explanation: str

    @property
    def is_overdue(self) -> bool:
        return self.status == "overdue"


def _obligations(child: Child, *, today: date) -> list[dict[str, Any]]:
    from kring.children.readmodel import current_assessment

    stored = current_assessment(child, today=today)
    return [o for o in (stored.data or {}).get("obligations", []) if o.get("rule") == RULE]


def _values(obligation: dict[str, Any]) -> dict[str, Any]:
    params = obligation.get("params")
    values = params.get("values") if isinstance(params, dict) else None
    return values if isinstance(values, dict) else {}


def pair_terms(requests: Sequence[RightsRequest], obligations: Iterable[dict[str, Any]]) -> dict[int, Term]:
    """Pair the engine's AVG-12 obligations with the requests they are about: per organisation (the
    obligation's subject) and kind (its `verzoek`), in the order the requests came in (the engine's
    order: the date of receipt, then the timeline's order)."""
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for obligation in obligations:
        values = _values(obligation)
        by_key[(str(obligation.get("subject") or ""), str(values.get("verzoek", "")))].append(obligation)
    for found in by_key.values():
        found.sort(key=lambda o: str(_values(o).get("ontvangen", "")))  # a stable sort: the engine's order
    grouped: dict[tuple[str, str], list[RightsRequest]] = defaultdict(list)
    for request in sorted(requests, key=lambda r: (r.received_on, r.event_id or 0, r.pk)):
        grouped[(request.organisation_name, str(request.kind))].append(request)
    result: dict[int, Term] = {}
    for (subject, kind), rows in grouped.items():
        candidates = by_key.get((subject, kind)) or by_key.get((subject, ""), [])
        for request, obligation in zip(rows, candidates, strict=False):
            due = obligation.get("due")
            result[request.pk] = Term(
                due=date.fromisoformat(due) if due else None,
                status=str(obligation.get("status", "")),
                source=str(obligation.get("source", "")),
                explanation=str(obligation.get("explanation", "")),
            )
    return result


def terms(child: Child, requests: Sequence[RightsRequest], *, today: date) -> dict[int, Term]:
    """Each request's term (by request id) from the child's current assessment."""
    if not requests:
        return {}
    all_requests = list(RightsRequest.objects.filter(child=child))
    paired = pair_terms(all_requests, _obligations(child, today=today))
    return {r.pk: paired[r.pk] for r in requests if r.pk in paired}


def first_due(request: RightsRequest, *, today: date) -> date | None:
    """The due date of the first month, as the engine computed it (None: not on the assessment).
    Asked before an extension, so the term then is the first month's."""
    if request.extended_on is not None:
        return None
    term = terms(request.child, [request], today=today).get(request.pk)
    return term.due if term is not None else None


# ---------------------------------------------------------------- lists


def family_requests(user: User, child: Child) -> list[RightsRequest]:
    """The child's requests, for the family (newest first)."""
    return list(
        policy.family_rights_requests(user, child)
        .select_related("organisation", "child")
        .order_by("-received_on", "-pk")
    )


@dataclass(frozen=True)
class RequestFilters:
    status: str = "open"  # open, answered, all
    kind: str = ""


def organisation_requests(user: User, filters: RequestFilters | None = None) -> list[RightsRequest]:
    """The requests to this professional's organisation (oldest open first)."""
    filters = filters or RequestFilters()
    rows = policy.organisation_rights_requests(user).select_related("child", "organisation")
    if filters.status == "open":
        rows = rows.filter(answered_on__isnull=True)
    elif filters.status == "answered":
        rows = rows.filter(answered_on__isnull=False)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    return list(rows.order_by("answered_on", "received_on", "pk"))


def terms_of_many(requests: Sequence[RightsRequest], *, today: date) -> dict[int, Term]:
    """The terms of requests of several children (the organisation's list)."""
    by_child: dict[int, list[RightsRequest]] = defaultdict(list)
    for request in requests:
        by_child[request.child_id].append(request)
    result: dict[int, Term] = {}
    for rows in by_child.values():
        result.update(terms(rows[0].child, rows, today=today))
    return result
