"""Every read of the OPP. The pages and the API read through these; the access policy decides who
may (`policy.require_opp_child`, `policy.opp_children`), and `read_opp` writes the audit line of a
read. `opp_progress` is the summary other apps use (the placement app's TLV checklist): it reads
no access and writes no audit line, so the caller must have asked the policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Max, Prefetch, QuerySet

from kring.children.models import Child, EventType, TimelineEvent
from kring.organisations.models import SchoolLocation

from . import audit
from .models import Decision, Execution, Handelingsverlegen, Opp, OppConsent, OppEvaluation, OppVersion

if TYPE_CHECKING:
    from kring.accounts.models import User

__all__ = [
    "OppFile",
    "OppProgress",
    "consent_state",
    "current_version",
    "opp_progress",
    "read_opp",
    "read_version",
    "versions_of",
]


@dataclass(frozen=True)
class OppProgress:
    """Where the child's OPP stands (the TLV checklist asks this).

    - drawn_up: an OPP version is vastgesteld;
    - carried_out: an evaluation recorded that (part of) the handelingsdeel was done;
    - evaluated: at least one evaluation exists;
    - last_evaluated_on: the day of the latest evaluation;
    - parents_consented: the latest decision of the parents on the current version is consent;
    - child_heard: the current version holds the child's own words, or an evaluation of this OPP was
      held with the child.
    """

    drawn_up: bool
    carried_out: bool
    evaluated: bool
    last_evaluated_on: date | None
    parents_consented: bool
    child_heard: bool


def _versions(child: Child, school: SchoolLocation | None = None) -> QuerySet[OppVersion]:
    rows = OppVersion.objects.filter(opp__child=child)
    if school is not None:
        rows = rows.filter(opp__school=school)
    return rows


def current_version(child: Child, *, school: SchoolLocation | None = None) -> OppVersion | None:
    """The version that holds now: the newest vastgesteld (of `school`'s OPP, when given)."""
    return (
        _versions(child, school)
        .select_related("opp", "opp__school__organisation", "opp__child")
        .order_by("-vastgesteld_on", "-number", "-pk")
        .first()
    )


def versions_of(child: Child) -> QuerySet[OppVersion]:
    """Every version of the child's OPPs, the newest first."""
    return (
        _versions(child)
        .select_related("opp__school__organisation")
        .prefetch_related("consents")
        .order_by("-vastgesteld_on", "-number", "-pk")
    )


def consent_state(version: OppVersion) -> OppConsent | None:
    """The parents' decision that counts for `version`: the latest recorded."""
    return version.consents.order_by("-given_on", "-created_at", "-pk").first()


# The OPP app's services mark the timeline events they write (`[opp <version id>]` in the note); an
# OPP recorded only as a fact on the timeline (a paper OPP, entered with the timeline's own form)
# has events without that mark, and counts too.
APP_MARK = "[opp "


@dataclass(frozen=True)
class _TimelineOpp:
    """The OPP facts on the timeline that did not come from this app's records."""

    drawn_on: date | None
    consented: bool
    evaluations: list[tuple[date, bool]]  # (date, met_leerling)


def _timeline_opp(child: Child) -> _TimelineOpp:
    events = list(
        TimelineEvent.objects.filter(
            child=child,
            type__in=[EventType.OPP_VASTGESTELD, EventType.OPP_INSTEMMING, EventType.OPP_EVALUATIE],
        )
        .exclude(note__contains=APP_MARK)
        .order_by("date", "pk")
    )
    drawn = [e for e in events if e.type == EventType.OPP_VASTGESTELD]
    last = drawn[-1] if drawn else None
    consented = last is not None and (
        bool(last.data.get("instemming_handelingsdeel"))
        or any(e.type == EventType.OPP_INSTEMMING and e.date >= last.date for e in events)
    )
    evaluations = [
        (e.date, bool(e.data.get("met_leerling"))) for e in events if e.type == EventType.OPP_EVALUATIE
    ]
    return _TimelineOpp(last.date if last else None, consented, evaluations)


def opp_progress(child: Child) -> OppProgress:
    """The state of the child's OPP in a fixed number of queries (see OppProgress): the OPP app's
    records, and the OPP facts recorded directly on the child's timeline (an evaluation there counts
    as evaluated and carried out: the timeline holds no more than that it took place)."""
    current = current_version(child)
    evaluations = OppEvaluation.objects.filter(version__opp__child=child)
    last = evaluations.aggregate(last=Max("held_on"))["last"]
    carried_out = evaluations.filter(carried_out__in=[Execution.FULLY, Execution.PARTLY]).exists()
    paper = _timeline_opp(child)
    consented = False
    heard = False
    if current is not None and (paper.drawn_on is None or current.vastgesteld_on >= paper.drawn_on):
        latest = consent_state(current)
        consented = latest is not None and latest.decision == Decision.CONSENT
        heard = current.child_heard or evaluations.filter(version__opp=current.opp, with_child=True).exists()
    elif paper.drawn_on is not None:
        consented = paper.consented
        heard = any(with_child and on >= paper.drawn_on for on, with_child in paper.evaluations)
    paper_last = max((on for on, _with in paper.evaluations), default=None)
    if paper_last is not None:
        last = paper_last if last is None else max(last, paper_last)
    return OppProgress(
        drawn_up=current is not None or paper.drawn_on is not None,
        carried_out=carried_out or bool(paper.evaluations),
        evaluated=last is not None,
        last_evaluated_on=last,
        parents_consented=consented,
        child_heard=heard,
    )


@dataclass(frozen=True)
class OppFile:
    """Everything of a child's OPPs for a page: each OPP with its versions (newest first), their
    actions, consents and evaluations, and the declarations of handelingsverlegen."""

    child: Child
    opps: list[Opp]
    current: OppVersion | None
    progress: OppProgress
    handelingsverlegen: list[Handelingsverlegen]

    @property
    def versions(self) -> list[OppVersion]:
        return sorted(
            (v for opp in self.opps for v in opp.versions.all()),
            key=lambda v: (v.vastgesteld_on, v.number, v.pk),
            reverse=True,
        )


def _opps(child: Child) -> list[Opp]:
    versions = OppVersion.objects.select_related("recorded_by").prefetch_related(
        "actions",
        Prefetch("consents", queryset=OppConsent.objects.select_related("representative", "recorded_by")),
        Prefetch("evaluations", queryset=OppEvaluation.objects.select_related("recorded_by")),
    )
    return list(
        Opp.objects.filter(child=child)
        .select_related("school__organisation")
        .prefetch_related(Prefetch("versions", queryset=versions.order_by("-number")))
        .order_by("created_at", "pk")
    )


def read_opp(*, actor: User, child: Child) -> OppFile:
    """The child's OPP file for someone the policy let read it; audited."""
    audit.opp_viewed(actor=actor, child=child)
    return OppFile(
        child=child,
        opps=_opps(child),
        current=current_version(child),
        progress=opp_progress(child),
        handelingsverlegen=list(
            Handelingsverlegen.objects.filter(child=child)
            .select_related("school__organisation", "recorded_by")
            .order_by("-declared_on", "-pk")
        ),
    )


def read_version(*, child: Child, version_id: object) -> OppVersion | None:
    """One version of the child's OPP (None: not this child's), with its parts."""
    try:
        pk = int(str(version_id))
    except ValueError:
        return None
    return (
        OppVersion.objects.filter(opp__child=child, pk=pk)
        .select_related("opp__school__organisation", "opp__child", "recorded_by")
        .prefetch_related(
            "actions",
            Prefetch("consents", queryset=OppConsent.objects.select_related("representative", "recorded_by")),
            Prefetch("evaluations", queryset=OppEvaluation.objects.select_related("recorded_by")),
        )
        .first()
    )
