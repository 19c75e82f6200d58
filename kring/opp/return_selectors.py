"""Every read of the terugkeerplan: a child's open plan with its steps, the plans that ended, the
prompt after a phrase that ends support, and the region's overview of who pays.

The prompt (issue 10, item 11): where professionals write free text about a child (the case's
meeting notes and agreements, the timeline's notes, the handelingsverlegen record), a phrase such as
'zorg is voorliggend' (`kring.opp.phrases`) with no open terugkeerplan makes the page ask who does
what, by when. Only texts this person may read count, and only those written after the last plan
ended. The prompt never changes any status.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet

from kring.access import policy
from kring.cases.models import Agreement, Meeting
from kring.children.models import Child, TimelineEvent

from . import audit
from .models import Handelingsverlegen, OppVersion, Payer, ReturnPlan, ReturnStep, StepStatus, SupportAction
from .phrases import first_phrase

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.organisations.models import Samenwerkingsverband

__all__ = [
    "Prompt",
    "ended_plans",
    "open_plan",
    "payer_overview",
    "prompt_for",
    "read_return_plan",
]


def _with_steps(plans: QuerySet[ReturnPlan]) -> QuerySet[ReturnPlan]:
    return plans.select_related("child", "handelingsverlegen").prefetch_related(
        Prefetch("steps", queryset=ReturnStep.objects.order_by("status", "due", "created_at"))
    )


def open_plan(child: Child) -> ReturnPlan | None:
    """The child's open plan (at most one: a database constraint), with its steps."""
    return _with_steps(ReturnPlan.objects.filter(child=child, closed_on__isnull=True)).first()


def ended_plans(child: Child) -> list[ReturnPlan]:
    return list(_with_steps(ReturnPlan.objects.filter(child=child, closed_on__isnull=False)))


def read_return_plan(*, actor: User, child: Child) -> ReturnPlan | None:
    """The open plan for someone who may read it, with the audit line of the read."""
    if not policy.may_view_return_plan(actor, child):
        return None
    plan = open_plan(child)
    audit.return_plan_viewed(actor=actor, child=child, plan=plan)
    return plan


@dataclass(frozen=True)
class Prompt:
    """'Je schreef ... Dat sluit geen vraag af.': the words as written, whether this person wrote
    them, and whether they may record the plan (then the page links the form)."""

    words: str
    kind: str
    by_viewer: bool
    may_write: bool


def _texts(user: User, child: Child, since: datetime | None) -> Iterator[tuple[str, int | None]]:
    """The free texts about the child this person may read, newest first, with who wrote them."""
    after = Q(created_at__gt=since) if since is not None else Q()
    cases = list(policy.visible_cases(user).filter(child=child))
    meeting_cases = [c.pk for c in cases if policy.can(user, policy.Act.VIEW_MEETINGS, c)]
    for meeting in Meeting.objects.filter(after, case_id__in=meeting_cases).order_by("-created_at"):
        yield meeting.notes, meeting.recorded_by_id
    agreement_cases = [c.pk for c in cases if policy.can(user, policy.Act.VIEW_AGREEMENTS, c)]
    for agreement in Agreement.objects.filter(after, case_id__in=agreement_cases).order_by("-created_at"):
        yield f"{agreement.text}\n{agreement.status_note}", agreement.created_by_id
    if any(policy.can(user, policy.Act.VIEW_TIMELINE, c) for c in cases):
        for event in (
            TimelineEvent.objects.filter(after, child=child).exclude(note="").order_by("-created_at")
        ):
            yield event.note, event.recorded_by_id
    if policy.may_view_opp(user, child):
        for h in Handelingsverlegen.objects.filter(after, child=child).order_by("-created_at"):
            yield f"{h.unmet_needs}\n{h.next_step}\n{h.swv_offered}", h.recorded_by_id


def prompt_for(user: User, child: Child) -> Prompt | None:
    """The prompt for this person on a page about `child`: a phrase that ends support in a text they
    may read, written after the last plan ended, while the child has no open plan."""
    if not policy.may_view_return_plan(user, child) or not user.is_professional:
        return None
    if ReturnPlan.objects.filter(child=child, closed_on__isnull=True).exists():
        return None
    last = (
        ReturnPlan.objects.filter(child=child)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    for text, author in _texts(user, child, last):
        hit = first_phrase(text)
        if hit is not None:
            return Prompt(
                words=hit.words.lower(),
                kind=hit.kind,
                by_viewer=author == user.pk,
                may_write=policy.may_write_return_plan(user, child),
            )
    return None


# ---------------------------------------------------------------- who pays (the region's overview)


@dataclass(frozen=True)
class PayerRow:
    payer: str
    label: str
    support_actions: int
    return_steps: int
    return_steps_overdue: int


def payer_overview(swv: Samenwerkingsverband, *, today: date) -> list[PayerRow]:
    """Per payer: the support actions in the current OPP versions of the region's children, and the
    open steps of their open terugkeerplannen (and how many of those are late). Counts only."""
    from kring.organisations.models import Organisation

    organisation = Organisation.objects.get(pk=swv.pk)
    children = policy.visible_children_for_organisation(organisation)
    # the current version of each OPP: the highest number
    newest: dict[int, int] = {}
    versions = OppVersion.objects.filter(opp__child__in=children).order_by("opp_id", "-number")
    for version in versions.values("pk", "opp_id"):
        newest.setdefault(version["opp_id"], version["pk"])
    actions = dict(
        SupportAction.objects.filter(version_id__in=newest.values())
        .values_list("payer")
        .annotate(n=Count("pk"))
        .values_list("payer", "n")
    )
    open_steps = ReturnStep.objects.filter(
        status=StepStatus.OPEN, plan__closed_on__isnull=True, plan__child__in=children
    )
    steps = dict(open_steps.values_list("payer").annotate(n=Count("pk")).values_list("payer", "n"))
    late = dict(
        open_steps.filter(due__lt=today)
        .values_list("payer")
        .annotate(n=Count("pk"))
        .values_list("payer", "n")
    )
    rows = [
        PayerRow(
            payer=code,
            label=str(label),
            support_actions=actions.get(code, 0),
            return_steps=steps.get(code, 0),
            return_steps_overdue=late.get(code, 0),
        )
        for code, label in Payer.choices
    ]
    rows.append(
        PayerRow(
            payer="",
            label="",
            support_actions=0,
            return_steps=steps.get("", 0),
            return_steps_overdue=late.get("", 0),
        )
    )
    return rows
