"""Every read of cases. All lists start from `policy.visible_cases(user)`; the detail read is the
same queryset narrowed to one row, and leaves an audit event. The caller records a list view with
`record_listed` for the rows it actually shows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kring.access import policy
from kring.access.scopes import Section
from kring.children.labels import status_words, thuiszitter_words
from kring.children.models import Child
from kring.children.selectors import search_children
from kring.organisations.models import Gemeente, SchoolLocation
from kring.privacy.purposes import Purpose

from . import audit
from .models import OPEN_STATUSES, Case, CircleMember, RegievoerderAssignment

if TYPE_CHECKING:
    from kring.accounts.models import User

THUISZITTER_FILTERS = ("absoluut_verzuim", "langdurig_relatief_verzuim", "verborgen")


def case_list(
    user: User,
    *,
    status: str = "",
    open_only: bool = False,
    thuiszitter: str = "",
    overdue: bool | None = None,
    escalated: bool | None = None,
    school: SchoolLocation | None = None,
    gemeente: Gemeente | None = None,
    regievoerder: User | None = None,
    query: str = "",
    visible: QuerySet[Case] | None = None,
) -> QuerySet[Case]:
    """Cases this user may see, filtered. `thuiszitter` is a TZ-01 category or `verborgen` (from the
    stored assessment); `overdue` filters on overdue obligations in it; `query` is a name or a BSN.
    `visible`: the user's visible cases as the page already read them
    (`policy.visible_cases_read_once`), else `policy.visible_cases(user)`."""
    base = policy.visible_cases(user) if visible is None else visible
    qs = base.select_related("child", "child__gemeente", "child__assessment")
    if status:
        qs = qs.filter(status=status)
    if open_only:
        qs = qs.filter(status__in=OPEN_STATUSES)
    if thuiszitter == "verborgen":
        qs = qs.filter(child__assessment__is_verborgen=True)
    elif thuiszitter:
        qs = qs.filter(child__assessment__thuiszitter_category=thuiszitter)
    if overdue is True:
        qs = qs.filter(child__assessment__overdue_count__gt=0)
    elif overdue is False:
        qs = qs.exclude(child__assessment__overdue_count__gt=0)
    if thuiszitter or overdue is not None:
        # Filtering on the assessment tells its facts: only among cases whose assessment they see.
        if visible is None:
            qs = qs.filter(pk__in=policy.cases_showing(user, Section.ASSESSMENT).values("pk"))
        else:
            # The read model narrowed the set first; the policy decides among those rows only
            # (nested, PostgreSQL planned the two predicates as a loop: 30 s at national scale).
            rows = [Case(pk=pk, child_id=child) for pk, child in qs.order_by().values_list("pk", "child_id")]
            showing = policy.cases_showing(user, Section.ASSESSMENT, among=rows)
            qs = qs.filter(pk__in=list(showing.values_list("pk", flat=True)) if rows else [])
    if escalated is not None:
        qs = qs.filter(escalated=escalated)
    if school is not None:
        enrolled = Child.objects.filter(policy.enrolled_at_q(SchoolLocation.objects.filter(pk=school.pk)))
        qs = qs.filter(child__in=enrolled)
    if gemeente is not None:
        qs = qs.filter(child__gemeente=gemeente)
    if regievoerder is not None:
        active = RegievoerderAssignment.objects.filter(
            case=OuterRef("pk"), user=regievoerder, ended_on__isnull=True
        )
        qs = qs.filter(Exists(active))
    if query.strip():
        among = (
            policy.visible_children(user)
            if visible is None
            else Child.objects.filter(pk__in=list(base.order_by().values_list("child_id", flat=True)))
        )
        found = search_children(among, query, actor=user)
        qs = qs.filter(child__in=found)
    return qs.order_by("-escalated", "-opened_on", "-pk")


def record_listed(*, actor: User, cases: Iterable[Case], purpose: Purpose) -> None:
    """One audit line per child shown in a list (the family sees that their child was on it), all
    in one INSERT."""
    audit.cases_listed(actor=actor, cases=cases, purpose=purpose)


def case_detail(*, actor: User, case_id: int, purpose: Purpose) -> Case:
    """One case through the same policy as the lists (raises Case.DoesNotExist); audited."""
    case = policy.visible_cases(actor).select_related("child", "child__gemeente").get(pk=case_id)
    audit.case_viewed(actor=actor, case=case, purpose=purpose)
    return case


def open_case_of(child: Child) -> Case | None:
    return Case.objects.filter(child=child, status__in=OPEN_STATUSES).first()


def active_regievoerder(case: Case) -> RegievoerderAssignment | None:
    return (
        RegievoerderAssignment.objects.filter(case=case, ended_on__isnull=True)
        .select_related("user__organisation", "member")
        .first()
    )


def handed_over_by(assignment: RegievoerderAssignment) -> RegievoerderAssignment | None:
    """The assignment this one took over from (a handover ends the old one on the new one's start),
    or None for a first appointment."""
    return (
        RegievoerderAssignment.objects.filter(case_id=assignment.case_id, ended_on=assignment.started_on)
        .exclude(pk=assignment.pk)
        .select_related("user")
        .order_by("-started_on", "-id")
        .first()
    )


@dataclass(frozen=True)
class RegievoerderContact:
    """What the family sees: who directs the case and how to reach them."""

    name: str
    organisation: str
    contact_route: str
    since: str


def regievoerder_contact(case: Case) -> RegievoerderContact | None:
    assignment = active_regievoerder(case)
    if assignment is None:
        return None
    user = assignment.user
    route = assignment.member.contact_route or " / ".join(p for p in (user.email, user.phone) if p)
    return RegievoerderContact(
        name=user.display_name,
        organisation=user.organisation.name if user.organisation else "",
        contact_route=route,
        since=assignment.started_on.isoformat(),
    )


def circle_of(case: Case, *, include_former: bool = False) -> QuerySet[CircleMember]:
    qs = case.circle.select_related("user", "representative", "organisation")
    return qs if include_former else qs.filter(active=True)


EXPORT_HEADERS: Mapping[str, str | Promise] = {
    "casus": _("Casus"),
    "voornaam": _("Voornaam"),
    "achternaam": _("Achternaam"),
    "geboortedatum": _("Geboortedatum"),
    "woongemeente": _("Woongemeente"),
    "fase": _("Fase"),
    "geescaleerd": _("Geëscaleerd"),
    "geopend_op": _("Geopend op"),
    "afgesloten_op": _("Afgesloten op"),
    "signaal": _("Signaal"),
    "regievoerder": _("Regievoerder"),
    "thuiszitter": _("Thuiszitter"),
    "verborgen": _("Verborgen thuiszitter"),
    "te_laat": _("Termijnen verstreken"),
    "eerstvolgende_termijn": _("Eerstvolgende termijn"),
    "driemaandennorm": _("Driemaandennorm"),
}
EXPORT_COLUMNS = (
    "casus",
    "voornaam",
    "achternaam",
    "geboortedatum",
    "woongemeente",
    "fase",
    "geescaleerd",
    "geopend_op",
    "afgesloten_op",
    "signaal",
    "regievoerder",
    "thuiszitter",
    "verborgen",
    "te_laat",
    "eerstvolgende_termijn",
    "driemaandennorm",
)


def export_rows(*, actor: User, cases: QuerySet[Case], purpose: Purpose) -> list[dict[str, Any]]:
    """Rows for a CSV export of cases the user may see (never the BSN); one audit line per case.

    `cases` is narrowed to the user's visible cases again, so no caller can widen the export.
    """
    allowed = (
        cases.filter(pk__in=policy.visible_cases(actor).values("pk"))
        .select_related("child__gemeente", "child__assessment")
        .prefetch_related(
            Prefetch(
                "regievoerders",
                queryset=RegievoerderAssignment.objects.filter(ended_on__isnull=True)
                .select_related("user")
                .order_by("-started_on", "-id"),
                to_attr="active_regie",
            )
        )
    )
    rows = []
    exported = list(allowed)
    showing = set(
        policy.cases_showing(actor, Section.ASSESSMENT, among=exported).values_list("pk", flat=True)
    )
    for case in exported:
        regie = case.active_regie[0] if case.active_regie else None
        snap = getattr(case.child, "assessment", None) if case.pk in showing else None
        rows.append(
            {
                "casus": case.pk,
                "voornaam": case.child.first_name,
                "achternaam": case.child.last_name,
                "geboortedatum": case.child.birth_date.isoformat(),
                "woongemeente": case.child.gemeente.name if case.child.gemeente else "",
                "fase": case.get_status_display(),
                "geescaleerd": gettext("ja") if case.escalated else gettext("nee"),
                "geopend_op": case.opened_on.isoformat(),
                "afgesloten_op": case.closed_on.isoformat() if case.closed_on else "",
                "signaal": case.get_signal_kind_display(),
                "regievoerder": regie.user.display_name if regie else "",
                "thuiszitter": thuiszitter_words(snap.thuiszitter_category) if snap else "",
                "verborgen": (gettext("ja") if snap.is_verborgen else gettext("nee")) if snap else "",
                "te_laat": snap.overdue_count if snap else "",
                "eerstvolgende_termijn": snap.next_due.isoformat() if snap and snap.next_due else "",
                "driemaandennorm": status_words(snap.kr_3m_status) if snap else "",
            }
        )
    audit.cases_exported(actor=actor, cases=exported, purpose=purpose)
    return rows
