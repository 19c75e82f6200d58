"""Every write on a case: keyword-only, typed, one transaction, one audit event each.

Refusals raise `CaseRefused` (a ValidationError with a Dutch message for the user), access refusals
raise PermissionDenied, and a save on top of someone else's save raises `StaleVersion`.

How "exactly one regievoerder while the case is open" is kept:

1. *At most one* active assignment per case is a partial unique constraint in the database
   (`regievoerder_one_active_per_case`): a second active row fails with IntegrityError.
2. *At least one* once the case has left `signaal` is kept by the services, the only writers:
   - `transition_case` refuses every edge out of `signaal` except closing until a regievoerder is
     appointed (the workflow table's `REGIEVOERDER` requirement), and requires it on every later edge;
   - `hand_over_regievoerder` ends the old and starts the new assignment in one transaction, so
     there is no moment without one;
   - `remove_circle_member` refuses to remove the active regievoerder;
   - only closing the case ends the last assignment (`ended_on` = the closing date).
   A database cannot express "at least one row exists" portably (it would need a deferred trigger),
   hence this split.

This module holds the case, circle, regievoerder, overleg and afspraken. The perspective, route and
evaluation rhythm are in `planning.py`, escalations and region configuration in `escalation.py`;
their services are re-exported here so callers have one import.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from kring.access import policy
from kring.accounts.roles import FAMILY_ROLES, Role
from kring.children.models import Child, EventType, LegalRepresentative, TimelineEvent
from kring.core.dates import refuse_past_acts
from kring.organisations.models import Organisation, OrganisationKind
from kring.privacy.text import refuse_bsn_in_text

from . import audit, workflow
from .escalation import (
    escalate_automatically,
    escalate_case,
    move_escalation_up,
    record_escalation_decision,
)
from .guards import (
    CaseRefused,
    StaleVersion,
    bump_version,
    record_contract_event,
    require_agreement_edit,
    require_date,
    require_edit,
    require_text,
)
from .models import (
    FAMILY_MEMBER_KINDS,
    Agreement,
    AgreementStatus,
    Case,
    CaseStatus,
    CircleMember,
    Meeting,
    MemberKind,
    RegievoerderAssignment,
    SignalKind,
    StatusChange,
    Visibility,
)
from .planning import record_route_outcome, set_evaluation_rhythm, set_perspective, set_route

if TYPE_CHECKING:
    from kring.accounts.models import User

__all__ = [
    "CaseRefused",
    "StaleVersion",
    "add_agreement",
    "add_circle_member",
    "appoint_regievoerder",
    "cancel_agreement",
    "complete_agreement",
    "correct_regievoerder",
    "escalate_automatically",
    "escalate_case",
    "hand_over_regievoerder",
    "move_escalation_up",
    "open_case",
    "record_escalation_decision",
    "record_meeting",
    "record_route_outcome",
    "remove_circle_member",
    "set_evaluation_rhythm",
    "set_perspective",
    "set_route",
    "transition_case",
]

# Which kind of circle member a professional is, from their organisation (and role).
_MEMBER_KIND_BY_ORGANISATION: dict[str, str] = {
    OrganisationKind.SCHOOL: MemberKind.SCHOOL,
    OrganisationKind.BESTUUR: MemberKind.SCHOOL,
    OrganisationKind.SWV: MemberKind.SWV,
    OrganisationKind.GEMEENTE: MemberKind.LEERPLICHT,
    OrganisationKind.JEUGDHULP: MemberKind.JEUGDHULP,
    OrganisationKind.STEUNPUNT: MemberKind.STEUNPUNT,
}


UNKNOWN_REPRESENTATIVE = gettext_noop(
    "Onbekende wettelijk vertegenwoordiger: die bestaat niet, of hoort niet bij dit kind."
)


def member_kind_for(user: User) -> str:
    if user.role == Role.JEUGDHULPVERLENER:
        return MemberKind.JEUGDHULP
    if user.organisation is None:
        return MemberKind.OVERIG
    return _MEMBER_KIND_BY_ORGANISATION.get(user.organisation.kind, MemberKind.OVERIG)


def _contact_of(user: User) -> str:
    return " / ".join(part for part in (user.email, user.phone) if part)


# ---------------------------------------------------------------- the case


@transaction.atomic
def open_case(
    *,
    actor: User,
    child: Child,
    signal_kind: str,
    signal_description: str,
    opened_on: date,
) -> Case:
    """Open a case on a signal. The parents, the child and the person who opens it join the circle."""
    refuse_bsn_in_text(signal_description=signal_description)
    if not policy.can_open_case(actor, child):
        raise PermissionDenied(
            gettext(
                "Je kunt voor dit kind geen casus openen. Dat kan alleen wie bij de kring van het kind hoort "
                "of een wettelijke taak voor het kind heeft."
            )
        )
    if signal_kind not in SignalKind.values:
        raise CaseRefused(gettext("Kies wat voor signaal het is."), field="signal_kind", code="signal_kind")
    description = require_text(
        signal_description, gettext("Beschrijf kort wat er aan de hand is."), field="signal_description"
    )
    require_date(opened_on, field="opened_on")
    refuse_past_acts(today=timezone.localdate(), birth_date=child.birth_date, opened_on=opened_on)
    refusal = CaseRefused(
        gettext(
            "Er is al een open casus voor %(name)s. Een kind heeft hoogstens één open casus. "
            "Leg het nieuwe signaal vast in die casus."
        )
        % {"name": child.first_name},
        field="child",
        code="open_case_exists",
    )
    if Case.objects.filter(child=child).exclude(status=CaseStatus.AFGESLOTEN).exists():
        raise refusal
    try:
        with transaction.atomic():
            case = Case.objects.create(
                child=child,
                signal_kind=signal_kind,
                signal_description=description,
                opened_on=opened_on,
                opened_by=actor,
            )
    except IntegrityError:  # two people opened a case at the same moment: the database decides
        raise refusal from None
    for rep in LegalRepresentative.objects.filter(child=child).order_by("id"):
        _create_member(
            case=case, kind=MemberKind.OUDER, representative=rep, joined_on=opened_on, role=rep.relation
        )
    _create_member(case=case, kind=MemberKind.KIND, name=child.first_name, joined_on=opened_on, role="kind")
    create_professional_member(case=case, user=actor, joined_on=opened_on)
    audit.case_opened(actor=actor, case=case)
    return case


@transaction.atomic
def transition_case(
    *, actor: User, case: Case, to_status: str, reason: str, on: date, expected_version: int
) -> Case:
    """Move the case along the workflow table (workflow.TRANSITIONS). A reason is always required."""
    refuse_bsn_in_text(reason=reason)
    require_edit(actor, case, policy.Act.CHANGE_PHASE)
    text = require_text(
        reason, gettext("Schrijf op waarom de casus naar de volgende fase gaat."), field="reason"
    )
    require_date(on, field="on")
    step = workflow.edge(case.status, to_status)
    if step is None:
        options = ", ".join(
            str(CaseStatus(t).label) for t in workflow.allowed_targets(case.status)
        ) or gettext("geen")
        raise CaseRefused(
            gettext("Van %(from)s naar %(to)s kan niet. Wel mogelijk: %(options)s.")
            % {"from": case.get_status_display(), "to": _label(to_status), "options": options},
            field="to_status",
            code="transition_not_allowed",
        )
    for requirement in sorted(step.requires):
        if not _requirement_met(case, requirement):
            raise CaseRefused(
                str(workflow.REQUIREMENT_MESSAGES[requirement]),
                field="to_status",
                code=f"requires_{requirement}",
            )
    from_status = case.status
    changes: dict[str, object] = {"status": to_status}
    if to_status == CaseStatus.AFGESLOTEN:
        if on < case.opened_on:
            raise CaseRefused(
                gettext("De datum van afsluiten ligt voor de datum waarop de casus is geopend."), field="on"
            )
        changes.update(closed_on=on, closing_reason=text, escalated=False)
        RegievoerderAssignment.objects.filter(case=case, ended_on__isnull=True).update(ended_on=on)
        case.escalations.filter(resolved_on__isnull=True).update(resolved_on=on)
    case.version = bump_version(Case, case.pk, expected_version, what=gettext("de casus"), **changes)
    for field, value in changes.items():
        setattr(case, field, value)
    StatusChange.objects.create(
        case=case, from_status=from_status, to_status=to_status, reason=text, changed_on=on, changed_by=actor
    )
    audit.case_status_changed(
        actor=actor, case=case, from_status=from_status, to_status=to_status, reason=text
    )
    return case


def _label(status: str) -> str:
    return str(CaseStatus(status).label) if status in CaseStatus.values else f"'{status}'"


def _requirement_met(case: Case, requirement: workflow.Requirement) -> bool:
    if requirement == workflow.Requirement.REGIEVOERDER:
        return RegievoerderAssignment.objects.filter(case=case, ended_on__isnull=True).exists()
    if requirement == workflow.Requirement.PERSPECTIEF_EN_ROUTE:
        return hasattr(case, "perspective") and case.routes.filter(end_on__isnull=True).exists()
    return False


# ---------------------------------------------------------------- the circle


def _create_member(
    *,
    case: Case,
    kind: str,
    joined_on: date,
    user: User | None = None,
    representative: LegalRepresentative | None = None,
    name: str = "",
    organisation: Organisation | None = None,
    role: str = "",
    contact_route: str = "",
    visibility: str = Visibility.VOLLEDIG,
) -> CircleMember:
    return CircleMember.objects.create(
        case=case,
        kind=kind,
        user=user,
        representative=representative,
        name=name,
        organisation=organisation,
        role=role,
        contact_route=contact_route,
        visibility=visibility,
        joined_on=joined_on,
    )


def create_professional_member(*, case: Case, user: User, joined_on: date) -> CircleMember:
    """A professional in the circle with what Kring knows of them: organisation, role, contact."""
    return _create_member(
        case=case,
        kind=member_kind_for(user),
        user=user,
        organisation=user.organisation,
        role=user.get_role_display(),
        contact_route=_contact_of(user),
        joined_on=joined_on,
    )


@transaction.atomic
def add_circle_member(
    *,
    actor: User,
    case: Case,
    kind: str,
    joined_on: date,
    user: User | None = None,
    representative: LegalRepresentative | None = None,
    name: str = "",
    organisation: Organisation | None = None,
    role: str = "",
    contact_route: str = "",
    visibility: str = Visibility.ALLEEN_AFSPRAKEN,
) -> CircleMember:
    """Add a person or organisation to the circle, with their role, contact route and what they may see
    (by default the narrowest scope: only their own agreements; widen it on purpose)."""
    refuse_bsn_in_text(name=name, contact_route=contact_route)
    require_edit(actor, case, policy.Act.MANAGE_CIRCLE)
    require_date(joined_on, field="joined_on")
    refuse_past_acts(today=timezone.localdate(), birth_date=case.child.birth_date, joined_on=joined_on)
    if kind not in MemberKind.values:
        raise CaseRefused(gettext("Kies wat voor lid van de kring dit is."), field="kind", code="kind")
    if visibility not in Visibility.values:
        raise CaseRefused(
            gettext("Kies wat dit lid van de kring mag zien."), field="visibility", code="visibility"
        )
    if kind == MemberKind.KIND:
        raise CaseRefused(
            gettext("Het kind hoort al bij de kring."), field="kind", code="child_already_member"
        )
    if representative is not None and representative.child_id != case.child_id:
        # The same answer as for an id that does not exist (the API's `does_not_exist`).
        raise CaseRefused(gettext(UNKNOWN_REPRESENTATIVE), field="representative", code="representative")
    if kind == MemberKind.OUDER and representative is None:
        raise CaseRefused(
            gettext("Kies de ouder of wettelijk vertegenwoordiger uit de gegevens van het kind."),
            field="representative",
        )
    if user is not None and user.role in FAMILY_ROLES:
        raise CaseRefused(
            gettext("Ouders en het kind komen in de kring via de gegevens van het kind."), field="user"
        )
    name = (name or "").strip()
    if user is None and representative is None and organisation is None and not name:
        raise CaseRefused(
            gettext("Kies een persoon of organisatie, of vul een naam in."), field="name", code="nobody"
        )
    active = CircleMember.objects.filter(case=case, active=True)
    if (user is not None and active.filter(user=user).exists()) or (
        representative is not None and active.filter(representative=representative).exists()
    ):
        raise CaseRefused(
            gettext("Deze persoon hoort al bij de kring."),
            field="representative" if representative is not None else "user",
            code="already_member",
        )
    if user is not None and organisation is None:
        organisation = user.organisation
    member = _create_member(
        case=case,
        kind=kind,
        user=user,
        representative=representative,
        name=name,
        organisation=organisation,
        role=(role or "").strip(),
        contact_route=(contact_route or "").strip() or (_contact_of(user) if user else ""),
        visibility=visibility,
        joined_on=joined_on,
    )
    audit.member_added(actor=actor, case=case, member=member)
    return member


@transaction.atomic
def remove_circle_member(*, actor: User, member: CircleMember, reason: str, left_on: date) -> CircleMember:
    """Take someone out of the circle (not the parents or the child, not the regievoerder)."""
    refuse_bsn_in_text(reason=reason)
    case = member.case
    require_edit(actor, case, policy.Act.MANAGE_CIRCLE)
    text = require_text(reason, gettext("Schrijf op waarom dit lid de kring verlaat."), field="reason")
    require_date(left_on, field="left_on")
    if not member.active:
        raise CaseRefused(gettext("Dit lid hoort al niet meer bij de kring."))
    if member.kind in FAMILY_MEMBER_KINDS:
        raise CaseRefused(
            gettext(
                "Ouders en het kind horen altijd bij de kring. Zij kunnen niet uit de kring worden gehaald "
                "zolang de casus open is."
            ),
            code="family_member",
        )
    if RegievoerderAssignment.objects.filter(member=member, ended_on__isnull=True).exists():
        raise CaseRefused(
            gettext("Dit lid is de regievoerder. Draag eerst de regie over aan iemand anders."),
            code="is_regievoerder",
        )
    if member.agreements.filter(status=AgreementStatus.OPEN).exists():
        raise CaseRefused(
            gettext(
                "Dit lid heeft nog open afspraken. Geef die eerst aan iemand anders of laat ze vervallen."
            ),
            code="open_agreements",
        )
    if left_on < member.joined_on:
        raise CaseRefused(
            gettext("De datum van vertrek ligt voor de datum waarop dit lid in de kring kwam."),
            field="left_on",
        )
    member.active = False
    member.left_on = left_on
    member.left_reason = text
    member.save(update_fields=["active", "left_on", "left_reason"])
    audit.member_left(actor=actor, case=case, member=member, reason=text)
    return member


# ---------------------------------------------------------------- the regievoerder


def _check_regie_member(case: Case, member: CircleMember) -> User:
    if member.case_id != case.pk or not member.active:
        raise CaseRefused(
            gettext("De regievoerder moet lid zijn van de kring van deze casus."),
            field="member",
            code="not_member",
        )
    user = member.user
    if user is None or user.role in FAMILY_ROLES or not user.is_active:
        raise CaseRefused(
            gettext(
                "De regievoerder moet een professional met een account in Kring zijn, zodat de familie "
                "weet wie het is en hoe die te bereiken is."
            ),
            field="member",
            code="not_professional",
        )
    return user


def _show_whole_file(member: CircleMember) -> None:
    """The regievoerder carries the case: their place in the circle shows the whole file."""
    member.visibility = Visibility.VOLLEDIG
    member.save(update_fields=["visibility"])


def _start_regie(
    *,
    actor: User,
    case: Case,
    member: CircleMember,
    user: User,
    note: str,
    on: date,
    previous: User | None = None,
) -> RegievoerderAssignment:
    """The new assignment, the contract event `regievoerder_aangewezen` and the audit line.
    The regievoerder's place in the circle shows the whole file (members start at the narrowest)."""
    _show_whole_file(member)
    assignment = RegievoerderAssignment.objects.create(
        case=case, member=member, user=user, started_on=on, note=note, appointed_by=actor
    )
    record_contract_event(
        actor=actor,
        case=case,
        type=EventType.REGIEVOERDER_AANGEWEZEN,
        day=on,
        data={"naam": user.display_name},
    )
    if previous is None:
        audit.regievoerder_appointed(actor=actor, case=case, assignment=assignment)
    else:
        audit.regie_handed_over(actor=actor, case=case, assignment=assignment, previous=previous, note=note)
    return assignment


@transaction.atomic
def appoint_regievoerder(
    *, actor: User, case: Case, member: CircleMember, note: str, on: date
) -> RegievoerderAssignment:
    """Appoint the first regievoerder of the case. Later changes go through `hand_over_regievoerder`."""
    refuse_bsn_in_text(note=note)
    require_edit(actor, case, policy.Act.MANAGE_CIRCLE)
    text = require_text(note, gettext("Schrijf kort op waarom deze persoon de regie krijgt."), field="note")
    require_date(on, field="on")
    refuse_past_acts(today=timezone.localdate(), birth_date=case.child.birth_date, on=on)
    user = _check_regie_member(case, member)
    # One appointment per case at a time: two people who press "aanwijzen" at once are served one
    # after the other, and the second is told who was appointed (never a server error).
    Case.objects.select_for_update().filter(pk=case.pk).first()
    current = (
        RegievoerderAssignment.objects.filter(case=case, ended_on__isnull=True).select_related("user").first()
    )
    if current is not None:
        raise _regievoerder_exists(current.user)
    try:
        with transaction.atomic():  # savepoint: the database's one-active-assignment constraint
            return _start_regie(
                actor=actor,
                case=case,
                member=member,
                user=user,
                note=text,
                on=on,
            )
    except IntegrityError:
        current = RegievoerderAssignment.objects.filter(case=case, ended_on__isnull=True).first()
        raise _regievoerder_exists(current.user if current is not None else None) from None


def _regievoerder_exists(current: User | None) -> CaseRefused:
    return CaseRefused(
        gettext(
            "Er is al een regievoerder: %(name)s. Gebruik 'regie overdragen' om de regie "
            "aan iemand anders te geven."
        )
        % {"name": current.display_name if current is not None else gettext("iemand anders")},
        code="regievoerder_exists",
    )


def _current_regie_to_replace(case: Case, member: CircleMember, user: User) -> RegievoerderAssignment:
    """The current regievoerder's assignment, locked, that a handover or a correction to `member`
    replaces; refused when there is none or when `member` already has the regie."""
    current = (
        RegievoerderAssignment.objects.select_for_update()
        .filter(case=case, ended_on__isnull=True)
        .select_related("user")
        .first()
    )
    if current is None:
        raise CaseRefused(
            gettext("Er is nog geen regievoerder. Wijs eerst een regievoerder aan."), code="no_regievoerder"
        )
    if current.member_id == member.pk:
        raise CaseRefused(
            gettext("%(name)s is al de regievoerder.") % {"name": user.display_name},
            field="member",
            code="same_regievoerder",
        )
    return current


@transaction.atomic
def hand_over_regievoerder(
    *, actor: User, case: Case, member: CircleMember, note: str, on: date
) -> RegievoerderAssignment:
    """Hand the regie over: the old assignment ends and the new one starts in the same act, with a note."""
    refuse_bsn_in_text(note=note)
    require_edit(actor, case, policy.Act.MANAGE_CIRCLE)
    text = require_text(
        note, gettext("Schrijf een overdrachtsnotitie: wat moet de nieuwe regievoerder weten?"), field="note"
    )
    require_date(on, field="on")
    user = _check_regie_member(case, member)
    current = _current_regie_to_replace(case, member, user)
    if on < current.started_on:
        raise CaseRefused(
            gettext("De datum van overdracht ligt voor de start van de huidige regievoerder."), field="on"
        )
    current.ended_on = on
    current.save(update_fields=["ended_on"])
    return _start_regie(
        actor=actor,
        case=case,
        member=member,
        user=user,
        note=text,
        on=on,
        previous=current.user,
    )


def _regie_event(case: Case, assignment: RegievoerderAssignment) -> TimelineEvent | None:
    """The timeline event `regievoerder_aangewezen` that `_start_regie` recorded for this assignment."""
    return (
        TimelineEvent.objects.filter(
            child_id=case.child_id,
            type=EventType.REGIEVOERDER_AANGEWEZEN,
            date=assignment.started_on,
            data__naam=assignment.user.display_name,
        )
        .order_by("-id")
        .first()
    )


@transaction.atomic
def correct_regievoerder(
    *, actor: User, case: Case, member: CircleMember, reason: str
) -> RegievoerderAssignment:
    """The wrong person was appointed: the current assignment gets the right person, from the same
    date. This is a correction, not a handover: no handover note, no new period; the reason and the
    person it replaces go into the logbook, and the timeline event names the right person."""
    from kring.children.services import delete_event

    refuse_bsn_in_text(reason=reason)
    require_edit(actor, case, policy.Act.MANAGE_CIRCLE)
    text = require_text(reason, gettext("Schrijf op waarom de aanwijzing niet klopte."), field="reason")
    user = _check_regie_member(case, member)
    current = _current_regie_to_replace(case, member, user)
    previous = current.user
    event = _regie_event(case, current)
    current.member = member
    current.user = user
    current.save(update_fields=["member", "user"])
    _show_whole_file(member)
    if event is not None:  # the timeline names the right person (the old name no longer matches)
        delete_event(actor=actor, event=event, reason=text)
    record_contract_event(
        actor=actor,
        case=case,
        type=EventType.REGIEVOERDER_AANGEWEZEN,
        day=current.started_on,
        data={"naam": user.display_name},
    )
    audit.regievoerder_corrected(actor=actor, case=case, assignment=current, previous=previous, reason=text)
    return current


def timeline_regie_event_deleted(*, actor: User | None, event: TimelineEvent, reason: str) -> None:
    """Called by `kring.children.services.delete_event` before it removes a `regievoerder_aangewezen`
    event: the appointment it records is undone with it, so the case and the timeline agree.

    - the first appointment of a case still in `signaal`: the case has no regievoerder again;
    - an appointment by handover: the previous regievoerder has the regie again;
    - refused when that would leave a case past `signaal` without a regievoerder, or when the
      appointment has since been handed over (correct the appointment instead, or hand over).
    An event without an appointment (typed on the timeline by hand) is simply removed.
    """
    rows = RegievoerderAssignment.objects.select_for_update().filter(
        case__child_id=event.child_id, started_on=event.date
    )
    naam = str((event.data or {}).get("naam", ""))
    matches = [a for a in rows.select_related("user", "case") if a.user.display_name == naam]
    if not matches:
        return
    active = next((a for a in matches if a.ended_on is None and a.case.is_open), None)
    if active is None:
        raise CaseRefused(
            gettext(
                "Deze regievoerder heeft de regie al overgedragen. Daarom kan deze gebeurtenis niet weg. "
                "Is de regie bij de verkeerde persoon? Draag de regie dan over."
            ),
            code="regie_handed_over",
        )
    case = active.case
    restored = (
        RegievoerderAssignment.objects.select_for_update()
        .filter(case=case, ended_on=active.started_on)
        .exclude(pk=active.pk)
        .select_related("user")
        .order_by("-started_on", "-id")
        .first()
    )
    if restored is None and case.status != CaseStatus.SIGNAAL:
        raise CaseRefused(
            gettext(
                "De casus is al verder dan de fase signaal en heeft altijd een regievoerder nodig. "
                "Is de verkeerde persoon aangewezen? Kies dan 'Aanwijzing verbeteren' bij de kring "
                "op de casuspagina."
            ),
            code="requires_regievoerder",
        )
    audit.regievoerder_undone(actor=actor, case=case, assignment=active, restored=restored, reason=reason)
    active.delete()
    if restored is not None:
        restored.ended_on = None
        restored.save(update_fields=["ended_on"])


# ---------------------------------------------------------------- overleg and afspraken


@transaction.atomic
def record_meeting(
    *,
    actor: User,
    case: Case,
    held_on: date,
    parents_present: bool,
    child_present: bool,
    attendees: Iterable[CircleMember] = (),
    other_attendees: str = "",
    parents_absent_reason: str = "",
    child_absent_reason: str = "",
    child_voice: str = "",
    child_voice_in_own_words: bool = False,
    notes: str = "",
    is_evaluation: bool = False,
) -> Meeting:
    """Record a kernoverleg: who was there, why parents or child were not, and what the child said.
    `is_evaluation`: this meeting was the evaluation of the rhythm, so the next one is due later."""
    refuse_bsn_in_text(
        other_attendees=other_attendees,
        parents_absent_reason=parents_absent_reason,
        child_absent_reason=child_absent_reason,
        child_voice=child_voice,
        notes=notes,
    )
    require_edit(actor, case, policy.Act.ADD_MEETING)
    require_date(held_on, field="held_on")
    refuse_past_acts(today=timezone.localdate(), birth_date=case.child.birth_date, held_on=held_on)
    parents_reason = (parents_absent_reason or "").strip()
    child_reason = (child_absent_reason or "").strip()
    voice = (child_voice or "").strip()
    if not parents_present and not parents_reason:
        raise CaseRefused(
            gettext("Schrijf op waarom de ouders er niet bij waren."),
            field="parents_absent_reason",
            code="parents_absent_reason",
        )
    if not child_present and not child_reason:
        raise CaseRefused(
            gettext("Schrijf op waarom het kind er niet bij was."),
            field="child_absent_reason",
            code="child_absent_reason",
        )
    if child_voice_in_own_words and not voice:
        raise CaseRefused(
            gettext("Schrijf op wat het kind zelf zei, in de eigen woorden van het kind."),
            field="child_voice",
            code="child_voice",
        )
    members = list(attendees)
    if any(m.case_id != case.pk for m in members):
        raise CaseRefused(
            gettext("Alleen leden van deze kring kunnen als aanwezig worden vastgelegd."), field="attendees"
        )
    meeting = Meeting.objects.create(
        case=case,
        held_on=held_on,
        parents_present=parents_present,
        parents_absent_reason="" if parents_present else parents_reason,
        child_present=child_present,
        child_absent_reason="" if child_present else child_reason,
        child_voice=voice,
        child_voice_in_own_words=child_voice_in_own_words,
        other_attendees=(other_attendees or "").strip(),
        notes=(notes or "").strip(),
        is_evaluation=bool(is_evaluation),
        recorded_by=actor,
    )
    meeting.attendees.set(members)
    audit.meeting_recorded(actor=actor, case=case, meeting=meeting, attendees=len(members))
    return meeting


@transaction.atomic
def add_agreement(
    *,
    actor: User,
    case: Case,
    text: str,
    owner: CircleMember,
    due_on: date,
    meeting: Meeting | None = None,
    on: date | None = None,
) -> Agreement:
    """An afspraak in plain language, with one owner from the circle and a due date."""
    refuse_bsn_in_text(text=text)
    require_edit(actor, case, policy.Act.ADD_AGREEMENT)
    body = require_text(text, gettext("Schrijf de afspraak op in gewone woorden."), field="text")
    require_date(due_on, gettext("Vul in wanneer de afspraak klaar moet zijn."), field="due_on")
    if owner.case_id != case.pk or not owner.active:
        raise CaseRefused(
            gettext("Wie de afspraak uitvoert, moet lid zijn van de kring van deze casus."),
            field="owner",
            code="owner",
        )
    if meeting is not None and meeting.case_id != case.pk:
        raise CaseRefused(gettext("Dit overleg hoort niet bij deze casus."), field="meeting")
    if on is not None and due_on < on:
        raise CaseRefused(
            gettext("De datum waarop de afspraak klaar moet zijn, ligt in het verleden."),
            field="due_on",
            code="due_past",
        )
    agreement = Agreement.objects.create(
        case=case, meeting=meeting, text=body, owner=owner, due_on=due_on, created_by=actor
    )
    audit.agreement_added(actor=actor, case=case, agreement=agreement)
    return agreement


@transaction.atomic
def complete_agreement(*, actor: User, agreement: Agreement, done_on: date) -> Agreement:
    """Mark an open agreement done. Completing it again (a double click, a retried request) is
    idempotent: the agreement is returned as it is, with its first completion date."""
    case = agreement.case
    require_agreement_edit(actor, agreement, policy.Act.COMPLETE_AGREEMENT)
    require_date(done_on, field="done_on")
    agreement = Agreement.objects.select_for_update().select_related("case__child").get(pk=agreement.pk)
    if agreement.status == AgreementStatus.DONE:
        return agreement
    if agreement.status != AgreementStatus.OPEN:
        raise CaseRefused(gettext("Deze afspraak staat niet meer open."), code="not_open")
    agreement.status = AgreementStatus.DONE
    agreement.done_on = done_on
    agreement.save(update_fields=["status", "done_on"])
    audit.agreement_done(actor=actor, case=case, agreement=agreement)
    return agreement


@transaction.atomic
def cancel_agreement(*, actor: User, agreement: Agreement, reason: str) -> Agreement:
    refuse_bsn_in_text(reason=reason)
    case = agreement.case
    require_agreement_edit(actor, agreement, policy.Act.CANCEL_AGREEMENT)
    text = require_text(reason, gettext("Schrijf op waarom de afspraak vervalt."), field="reason")
    if agreement.status != AgreementStatus.OPEN:
        raise CaseRefused(gettext("Deze afspraak staat niet meer open."), code="not_open")
    agreement.status = AgreementStatus.CANCELLED
    agreement.status_note = text
    agreement.save(update_fields=["status", "status_note"])
    audit.agreement_cancelled(actor=actor, case=case, agreement=agreement, reason=text)
    return agreement
