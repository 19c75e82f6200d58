"""The agenda: what is due soon (within 7 days) or overdue, across all cases someone may see.

Three sources, one list, sorted by urgency (overdue first, most overdue on top; then soonest due):

- obligations and norms from the rules engine's assessment of each visible open case;
- open agreements owned by the person (or, for an organisation, by anyone of it);
- escalations waiting for a decision of this mandate holder.

Items are plain dataclasses. They carry the attributes the home page's `web/_agenda.html`
renders (`when`, `title`, `url`, `description`, `label`, `urgent`) plus the details of this app.
`key` identifies the due item for notifications (a person is mailed once per key).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext

from kring.access import policy
from kring.rules import rule_for

from .models import OPEN_STATUSES, Agreement, AgreementStatus, Case, Escalation, EscalationLevel
from .snapshots import current_snapshots

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.organisations.models import Organisation

HORIZON_DAYS = 7
AGENDA_OBLIGATION_STATUSES = frozenset({"open", "overdue"})


@dataclass(frozen=True, kw_only=True)
class AgendaEntry:
    kind: str  # "termijn" (statutory or guidance), "norm" (KR-*), "afspraak", "besluit"
    title: str
    child_name: str
    case_id: int
    due: date | None
    days_overdue: int
    key: str
    rule: str = ""
    source: str = ""
    description: str = ""
    url: str = ""

    @property
    def when(self) -> date | None:
        return self.due

    @property
    def urgent(self) -> bool:
        return self.days_overdue > 0

    @property
    def label(self) -> str:
        labels = {
            "termijn": gettext("Termijn"),
            "norm": gettext("Norm"),
            "afspraak": gettext("Afspraak"),
            "besluit": gettext("Besluit"),
        }
        return labels.get(self.kind, self.kind)

    def sort_key(self) -> tuple[int, int, date, str]:
        return (0 if self.days_overdue > 0 else 1, -self.days_overdue, self.due or date.max, self.title)


def case_url(case_id: int) -> str:
    """The case page, once the pages step defines it (`cases:detail`); empty until then."""
    try:
        return reverse("cases:detail", args=[case_id])
    except NoReverseMatch:
        return ""


def _overdue_days(due: date | None, today: date) -> int:
    return (today - due).days if due is not None and today > due else 0


def _name(case: Case) -> str:
    return f"{case.child.first_name} {case.child.last_name}".strip()


def obligation_entries(cases: QuerySet[Case], *, today: date) -> list[AgendaEntry]:
    horizon = today + timedelta(days=HORIZON_DAYS)
    entries = []
    open_cases = list(cases.filter(status__in=OPEN_STATUSES).select_related("child"))
    snapshots = current_snapshots(open_cases, today=today)
    for case in open_cases:
        snapshot = snapshots[case.pk]
        for obligation in snapshot.data.get("obligations", []):
            if obligation.get("status") not in AGENDA_OBLIGATION_STATUSES or not obligation.get("due"):
                continue
            due = date.fromisoformat(obligation["due"])
            if due > horizon:
                continue
            rule_id = obligation["rule"]
            rule = rule_for(rule_id)
            subject = obligation.get("subject") or ""
            title = rule.title if rule is not None else rule_id
            if subject:
                title = f"{title} ({subject})"
            entries.append(
                AgendaEntry(
                    kind="norm" if rule_id.startswith("KR-") else "termijn",
                    title=title,
                    child_name=_name(case),
                    case_id=case.pk,
                    due=due,
                    days_overdue=_overdue_days(due, today),
                    key=f"case:{case.pk}:{rule_id}:{subject}:{due.isoformat()}",
                    rule=rule_id,
                    source=obligation.get("source", ""),
                    description=obligation.get("explanation", ""),
                    url=case_url(case.pk),
                )
            )
    return entries


def agreement_entries(agreements: QuerySet[Agreement], *, today: date) -> list[AgendaEntry]:
    horizon = today + timedelta(days=HORIZON_DAYS)
    rows = agreements.filter(
        status=AgreementStatus.OPEN, due_on__lte=horizon, case__status__in=OPEN_STATUSES
    ).select_related("case__child", "owner")
    return [
        AgendaEntry(
            kind="afspraak",
            title=a.text if len(a.text) <= 120 else a.text[:117] + "…",
            child_name=_name(a.case),
            case_id=a.case_id,
            due=a.due_on,
            days_overdue=_overdue_days(a.due_on, today),
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
    return [
        AgendaEntry(
            kind="besluit",
            title=gettext("Besluit nodig over escalatie (trede %(order)s: %(name)s)")
            % {"order": e.level.order, "name": e.level.name},
            child_name=_name(e.case),
            case_id=e.case_id,
            due=e.due_on,
            days_overdue=_overdue_days(e.due_on, today),
            key=f"escalation:{e.pk}:level:{e.level_id}",
            rule=e.rule_id,
            description=e.reason,
            url=case_url(e.case_id),
        )
        for e in rows
        if e.level is not None
    ]


def _sorted(entries: list[AgendaEntry]) -> list[AgendaEntry]:
    return sorted(entries, key=AgendaEntry.sort_key)


def levels_of_user(user: User) -> QuerySet[EscalationLevel]:
    """The escalation levels at which this user holds the mandate (see policy.holds_mandate)."""
    role_holder = Q(mandate_user__isnull=True, mandate_role=user.role) & (
        Q(mandate_organisation_id=user.organisation_id)
        | Q(mandate_organisation__isnull=True, swv_id=user.organisation_id)
    )
    return EscalationLevel.objects.filter(Q(mandate_user=user) | role_holder)


def agenda_for_user(user: User, *, today: date) -> list[AgendaEntry]:
    """The home page agenda of one person."""
    if not user.is_active:
        return []
    entries = obligation_entries(policy.visible_cases(user), today=today)
    entries += agreement_entries(Agreement.objects.filter(owner__user=user, owner__active=True), today=today)
    entries += decision_entries(levels_of_user(user), today=today)
    return _sorted(entries)


def agenda_for_organisation(organisation: Organisation, *, today: date) -> list[AgendaEntry]:
    """The agenda of an organisation: its cases' terms, its people's agreements, its mandates."""
    cases = Case.objects.filter(child__in=policy.visible_children_for_organisation(organisation))
    entries = obligation_entries(cases, today=today)
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
    return _sorted(entries)
