"""The cases app's agenda source (settings.KRING_AGENDA_SOURCES): the work on cases.

- the region's norms for casusregie (KR-*) of each visible open case, from the stored assessment
  of the case's child (the statutory terms are the children app's source);
- open agreements owned by the person (or, for an organisation, by anyone of it);
- escalations waiting for a decision of this mandate holder;
- a handover of the regie to this person, with the handover note, for HANDOVER_DAYS days;
- the next evaluation (the plan's evaluation rhythm) of the cases this person is regievoerder of.

Every entry links the case page; `child_urls` gives the case page of the children with an open
case, so the agenda sends every entry about such a child there.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext, ngettext

from kring.access import policy
from kring.access.scopes import Section
from kring.agenda.entries import AgendaEntry, horizon, overdue_days
from kring.children.agenda import (
    child_name,
    due_obligations,
    is_norm,
    obligation_explanation,
    obligation_title,
)
from kring.children.models import Child
from kring.children.readmodel import refresh_stale

from .models import (
    OPEN_STATUSES,
    Agreement,
    AgreementStatus,
    Case,
    Escalation,
    EscalationLevel,
    RegievoerderAssignment,
)
from .planning import last_evaluation, next_evaluation_from

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.organisations.models import Organisation


def case_url(case_id: int) -> str:
    """The case page."""
    try:
        return reverse("cases:detail", args=[case_id])
    except NoReverseMatch:
        return ""


def norm_entries(cases: QuerySet[Case], *, today: date) -> list[AgendaEntry]:
    """The norms due within the horizon (or overdue) of the open cases: the stale assessments of
    their children are brought up to date first (in SQL, usually none after the nightly job), then
    only the cases whose stored assessment has something due are read (indexed columns)."""
    open_cases = cases.filter(status__in=OPEN_STATUSES)
    refresh_stale(Child.objects.filter(cases__in=open_cases), today=today, followed_only=False)
    due_cases = open_cases.filter(
        Q(child__assessment__overdue_count__gt=0) | Q(child__assessment__next_due__lte=horizon(today))
    ).select_related("child__assessment")
    label = gettext("Norm")
    entries = []
    for case in due_cases:
        for obligation, due in due_obligations(case.child.assessment, today=today):
            rule_id = str(obligation["rule"])
            if not is_norm(rule_id):
                continue
            subject = obligation.get("subject") or ""
            entries.append(
                AgendaEntry(
                    kind="norm",
                    label=label,
                    title=obligation_title(obligation),
                    child_id=case.child_id,
                    child_name=child_name(case.child),
                    case_id=case.pk,
                    due=due,
                    days_overdue=overdue_days(due, today),
                    key=f"case:{case.pk}:{rule_id}:{subject}:{due.isoformat()}",
                    rule=rule_id,
                    source=str(obligation.get("source", "")),
                    description=obligation_explanation(obligation),
                    url=case_url(case.pk),
                )
            )
    return entries


def agreement_entries(agreements: QuerySet[Agreement], *, today: date) -> list[AgendaEntry]:
    rows = agreements.filter(
        status=AgreementStatus.OPEN, due_on__lte=horizon(today), case__status__in=OPEN_STATUSES
    ).select_related("case__child", "owner")
    label = gettext("Afspraak")
    return [
        AgendaEntry(
            kind="afspraak",
            label=label,
            title=a.text if len(a.text) <= 120 else a.text[:117] + "…",
            child_id=a.case.child_id,
            child_name=child_name(a.case.child),
            case_id=a.case_id,
            due=a.due_on,
            days_overdue=overdue_days(a.due_on, today),
            key=f"agreement:{a.pk}:{a.due_on.isoformat()}",
            description=gettext("Afspraak van %(name)s") % {"name": a.owner.display_name},
            url=case_url(a.case_id),
        )
        for a in rows
    ]


def decision_entries(levels: QuerySet[EscalationLevel], *, today: date) -> list[AgendaEntry]:
    rows = Escalation.objects.filter(resolved_on__isnull=True, level__in=levels).select_related(
        "case__child", "level"
    )
    label = gettext("Besluit")
    return [
        AgendaEntry(
            kind="besluit",
            label=label,
            title=gettext("Besluit nodig over escalatie (trede %(order)s: %(name)s)")
            % {"order": e.level.order, "name": e.level.name},
            child_id=e.case.child_id,
            child_name=child_name(e.case.child),
            case_id=e.case_id,
            due=e.due_on,
            days_overdue=overdue_days(e.due_on, today),
            key=f"escalation:{e.pk}:level:{e.level_id}",
            rule=e.rule_id,
            description=e.reason,
            url=case_url(e.case_id),
        )
        for e in rows
        if e.level is not None
    ]


# How long a handover stays on the new regievoerder's agenda (the note stays on the case page).
HANDOVER_DAYS = 14


def handover_entries(
    assignments: QuerySet[RegievoerderAssignment], *, today: date, own: bool = True
) -> list[AgendaEntry]:
    """The regie handed over to someone in the last HANDOVER_DAYS days: what they must know."""
    handed_over = RegievoerderAssignment.objects.filter(
        case_id=OuterRef("case_id"), ended_on=OuterRef("started_on")
    )
    rows = (
        assignments.filter(
            ended_on__isnull=True,
            case__status__in=OPEN_STATUSES,
            started_on__gte=today - timedelta(days=HANDOVER_DAYS),
            started_on__lte=today,
        )
        .filter(Exists(handed_over))
        .select_related("case__child", "user")
    )
    label = gettext("Overdracht")
    return [
        AgendaEntry(
            kind="overdracht",
            label=label,
            title=gettext("Je hebt de regie overgenomen. Lees wat je moet weten.")
            if own
            else gettext("%(name)s heeft de regie overgenomen.") % {"name": a.user.display_name},
            child_id=a.case.child_id,
            child_name=child_name(a.case.child),
            case_id=a.case_id,
            due=a.started_on,
            days_overdue=0,
            key=f"handover:{a.pk}",
            description=gettext("Overdrachtsnotitie: %(note)s") % {"note": a.note},
            url=case_url(a.case_id),
        )
        for a in rows
    ]


def evaluation_entries(assignments: QuerySet[RegievoerderAssignment], *, today: date) -> list[AgendaEntry]:
    """The next evaluation of the cases these (active) regievoerders direct, when due or late."""
    rows = assignments.filter(
        ended_on__isnull=True,
        case__status__in=OPEN_STATUSES,
        case__perspective__evaluation_every_weeks__isnull=False,
    ).select_related("case__child", "case__perspective")
    label = gettext("Evaluatie")
    entries = []
    for a in rows:
        perspective = a.case.perspective
        upcoming = next_evaluation_from(
            weeks=perspective.evaluation_every_weeks,
            set_on=perspective.evaluation_set_on,
            last=last_evaluation(a.case, since=perspective.evaluation_set_on),
            today=today,
        )
        if upcoming is None or upcoming.due > horizon(today):
            continue
        entries.append(
            AgendaEntry(
                kind="evaluatie",
                label=label,
                title=ngettext(
                    "Evalueren met ouders en kind (elke week)",
                    "Evalueren met ouders en kind (elke %(weeks)s weken)",
                    upcoming.weeks,
                )
                % {"weeks": upcoming.weeks},
                child_id=a.case.child_id,
                child_name=child_name(a.case.child),
                case_id=a.case_id,
                due=upcoming.due,
                days_overdue=overdue_days(upcoming.due, today),
                key=f"evaluation:{a.case_id}:{upcoming.due.isoformat()}",
                description=gettext(
                    "Leg het overleg vast en vink aan dat het de evaluatie was. Dan schuift de volgende op."
                ),
                url=case_url(a.case_id),
            )
        )
    return entries


def levels_of_user(user: User) -> QuerySet[EscalationLevel]:
    """The escalation levels at which this user holds the mandate (see policy.holds_mandate)."""
    role_holder = Q(mandate_user__isnull=True, mandate_role=user.role) & (
        Q(mandate_organisation_id=user.organisation_id)
        | Q(mandate_organisation__isnull=True, swv_id=user.organisation_id)
    )
    return EscalationLevel.objects.filter(Q(mandate_user=user) | role_holder)


class CaseWork:
    """Norms, agreements and escalation decisions of the cases someone may see."""

    def for_user(self, user: User, *, today: date) -> list[AgendaEntry]:
        entries = norm_entries(policy.cases_showing(user, Section.ASSESSMENT), today=today)
        entries += agreement_entries(
            Agreement.objects.filter(owner__user=user, owner__active=True), today=today
        )
        entries += decision_entries(levels_of_user(user), today=today)
        entries += handover_entries(RegievoerderAssignment.objects.filter(user=user), today=today)
        entries += evaluation_entries(RegievoerderAssignment.objects.filter(user=user), today=today)
        return entries

    def for_organisation(self, organisation: Organisation, *, today: date) -> list[AgendaEntry]:
        cases = Case.objects.filter(child__in=policy.visible_children_for_organisation(organisation))
        entries = norm_entries(cases, today=today)
        entries += agreement_entries(
            Agreement.objects.filter(
                Q(owner__organisation=organisation) | Q(owner__user__organisation=organisation),
                owner__active=True,
            ),
            today=today,
        )
        levels = EscalationLevel.objects.filter(
            Q(mandate_user__organisation=organisation)
            | Q(mandate_user__isnull=True, mandate_organisation=organisation)
            | Q(mandate_user__isnull=True, mandate_organisation__isnull=True, swv_id=organisation.pk)
        )
        entries += decision_entries(levels, today=today)
        entries += handover_entries(
            RegievoerderAssignment.objects.filter(user__organisation=organisation, case__in=cases),
            today=today,
            own=False,
        )
        entries += evaluation_entries(
            RegievoerderAssignment.objects.filter(user__organisation=organisation, case__in=cases),
            today=today,
        )
        return entries

    def child_urls(self, child_ids: Collection[int]) -> dict[int, str]:
        rows = Case.objects.filter(child_id__in=list(child_ids), status__in=OPEN_STATUSES).values_list(
            "child_id", "pk"
        )
        return {child_id: case_url(case_id) for child_id, case_id in rows}
