"""Audit events of the case: one named function per read or write, each one logbook line.

Every line has a code and data (ids, codes, dates, counts; never a name, a BSN or typed text), a
purpose from the closed list and the Dutch sentence as before. The sentences name the child and
say what happened; free text people typed is passed through the BSN redaction first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from kring.privacy import audit as privacy_audit
from kring.privacy.audit import event_kind
from kring.privacy.audit import free_text as free_text  # re-exported: the case services redact with it
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose
from kring.privacy.rendering import day

if TYPE_CHECKING:
    from kring.accounts.models import User

    from .models import (
        Agreement,
        Case,
        CircleMember,
        Escalation,
        EscalationDecision,
        EscalationLevel,
        Meeting,
        Perspective,
        RegievoerderAssignment,
        Route,
    )

# Kept as names for callers that pass a purpose explicitly.
PURPOSE_REGIE = Purpose.CASUSREGIE
PURPOSE_ESCALATIE = Purpose.ESCALATIE
PURPOSE_NIGHTLY = Purpose.NIGHTLY_JOB


def child_name(case: Case) -> str:
    return privacy_audit.child_name(case.child)


def _status(data: Mapping[str, Any]) -> dict[str, str]:
    from .models import CaseStatus

    return {
        "from_label": str(CaseStatus(data["from_status"]).label),
        "to_label": str(CaseStatus(data["to_status"]).label),
    }


def _signal(data: Mapping[str, Any]) -> dict[str, str]:
    from .models import SignalKind

    return {"signal": str(SignalKind(data["signal_kind"]).label).lower()}


def _member(data: Mapping[str, Any]) -> dict[str, str]:
    from .models import MemberKind, Visibility

    return {
        "kind_label": str(MemberKind(data["kind"]).label).lower(),
        "visibility_label": str(Visibility(data["visibility"]).label).lower(),
    }


def _part_label(part: str) -> str:
    from .models import ZienswijzePart

    return str(ZienswijzePart(part).label)


def _route(data: Mapping[str, Any]) -> dict[str, str]:
    from .models import RouteKind

    return {"kind_label": str(RouteKind(data["kind"]).label).lower(), "start_day": day(data["start_on"])}


def _outcome(data: Mapping[str, Any]) -> dict[str, str]:
    from .models import RouteOutcome

    return {"outcome_label": str(RouteOutcome(data["outcome"]).label).lower()}


def _dimensions(data: Mapping[str, Any]) -> dict[str, str]:
    from .models import Dimension

    return {"dimensions": ", ".join(str(Dimension(d).label).lower() for d in data["dimensions"])}


def _due(data: Mapping[str, Any]) -> dict[str, str]:
    return {"due_day": day(data["due_on"])}


# ---------------------------------------------------------------- reads
VIEWED = event_kind(
    "case.viewed",
    action=AuditAction.VIEW,
    object_type="casus",
    title=_("De casus is bekeken."),
    example={"case_id": 4},
)
LISTED = event_kind(
    "case.listed",
    action=AuditAction.VIEW,
    object_type="casus",
    title=_("Het kind stond in een lijst met casussen."),
    example={"case_id": 4},
)
EXPORTED = event_kind(
    "case.exported",
    action=AuditAction.EXPORT,
    object_type="casus",
    title=_("De casus is meegenomen in een export, zonder BSN."),
    example={"case_id": 4},
)
# ---------------------------------------------------------------- the case and its circle
OPENED = event_kind(
    "case.opened",
    action=AuditAction.CREATE,
    object_type="casus",
    title=_("Er is een casus geopend."),
    detail=_("Er is een casus geopend op een signaal ({signal}). Ouders en kind zijn lid van de kring."),
    context=_signal,
    example={"case_id": 4, "signal_kind": "verzuim"},
)
STATUS_CHANGED = event_kind(
    "case.status_changed",
    action=AuditAction.UPDATE,
    object_type="casus",
    title=_("De fase van de casus is veranderd."),
    detail=_("De casus ging van {from_label} naar {to_label}."),
    context=_status,
    example={"case_id": 4, "from_status": "signaal", "to_status": "verkenning"},
)
MEMBER_ADDED = event_kind(
    "circle.member_added",
    action=AuditAction.CREATE,
    object_type="kringlid",
    title=_("Er is iemand aan de kring toegevoegd."),
    detail=_("Er is iemand aan de kring toegevoegd ({kind_label}), die mag zien: {visibility_label}."),
    context=_member,
    example={"case_id": 4, "member_id": 5, "kind": "school", "visibility": "alleen_afspraken"},
)
MEMBER_LEFT = event_kind(
    "circle.member_left",
    action=AuditAction.UPDATE,
    object_type="kringlid",
    title=_("Iemand hoort niet meer bij de kring."),
    example={"case_id": 4, "member_id": 5, "left_on": "2026-05-01"},
)
REGIEVOERDER_APPOINTED = event_kind(
    "case.regievoerder_appointed",
    action=AuditAction.CREATE,
    object_type="regievoerder",
    title=_("Er is een regievoerder aangewezen."),
    example={"case_id": 4, "assignment_id": 6, "user_id": 7},
)
REGIEVOERDER_CORRECTED = event_kind(
    "case.regievoerder_corrected",
    action=AuditAction.UPDATE,
    object_type="regievoerder",
    title=_("De aanwijzing van de regievoerder is verbeterd: er was de verkeerde persoon aangewezen."),
    example={"case_id": 4, "assignment_id": 6, "user_id": 7, "previous_user_id": 8},
)
REGIEVOERDER_UNDONE = event_kind(
    "case.regievoerder_undone",
    action=AuditAction.DELETE,
    object_type="regievoerder",
    title=_("De aanwijzing van de regievoerder is ongedaan gemaakt."),
    example={"case_id": 4, "assignment_id": 6, "user_id": 7, "restored_assignment_id": 5},
)
REGIE_HANDED_OVER = event_kind(
    "case.regie_handed_over",
    action=AuditAction.UPDATE,
    object_type="regievoerder",
    title=_("De regie is overgedragen aan een andere regievoerder."),
    example={"case_id": 4, "assignment_id": 6, "user_id": 7, "previous_user_id": 8},
)
# ---------------------------------------------------------------- meetings and agreements
MEETING_RECORDED = event_kind(
    "case.meeting_recorded",
    action=AuditAction.CREATE,
    object_type="overleg",
    title=_("Er is een overleg vastgelegd."),
    detail=_("Het overleg van {held_day} is vastgelegd, met {attendees} deelnemers."),
    context=lambda d: {"held_day": day(d["held_on"])},
    example={"case_id": 4, "meeting_id": 9, "held_on": "2026-04-01", "attendees": 4, "child_voice": True},
)
ZIENSWIJZE_ADDED = event_kind(
    "case.zienswijze_added",
    action=AuditAction.CREATE,
    object_type="zienswijze",
    title=_("Het gezin heeft een eigen kijk (zienswijze) toegevoegd."),
    detail=_("De zienswijze gaat over: {part_label}."),
    context=lambda d: {"part_label": _part_label(d["part"])},
    example={"case_id": 4, "zienswijze_id": 2, "part": "overleg", "part_id": 9},
)
AGREEMENT_ADDED = event_kind(
    "case.agreement_added",
    action=AuditAction.CREATE,
    object_type="afspraak",
    title=_("Er is een afspraak gemaakt."),
    detail=_("Er is een afspraak gemaakt, uiterlijk klaar op {due_day}."),
    context=_due,
    example={"case_id": 4, "agreement_id": 10, "due_on": "2026-04-15"},
)
AGREEMENT_DONE = event_kind(
    "case.agreement_done",
    action=AuditAction.UPDATE,
    object_type="afspraak",
    title=_("Een afspraak is gedaan."),
    detail=_("Een afspraak is gedaan op {done_day}."),
    context=lambda d: {"done_day": day(d["done_on"])},
    example={"case_id": 4, "agreement_id": 10, "done_on": "2026-04-14"},
)
AGREEMENT_CANCELLED = event_kind(
    "case.agreement_cancelled",
    action=AuditAction.UPDATE,
    object_type="afspraak",
    title=_("Een afspraak is vervallen."),
    example={"case_id": 4, "agreement_id": 10},
)
# ---------------------------------------------------------------- the plan
PERSPECTIVE_SET = event_kind(
    "plan.perspective_set",
    action=AuditAction.CREATE,
    object_type="ontwikkelperspectief",
    title=_("Het ontwikkelperspectief is vastgesteld."),
    detail=_("Het ontwikkelperspectief is vastgesteld, met behoeften voor: {dimensions}."),
    context=_dimensions,
    example={"case_id": 4, "perspective_id": 11, "joint": True, "dimensions": ["leren", "thuis_en_gezin"]},
)
PERSPECTIVE_CHANGED = event_kind(
    "plan.perspective_changed",
    action=AuditAction.UPDATE,
    object_type="ontwikkelperspectief",
    title=_("Het ontwikkelperspectief is gewijzigd."),
    detail=_("Het ontwikkelperspectief is gewijzigd, met behoeften voor: {dimensions}."),
    context=_dimensions,
    example={"case_id": 4, "perspective_id": 11, "joint": False, "dimensions": ["gedrag_en_welzijn"]},
)
RHYTHM_SET = event_kind(
    "plan.evaluation_rhythm_set",
    action=AuditAction.UPDATE,
    object_type="ontwikkelperspectief",
    title=_("Er is afgesproken hoe vaak de route wordt geëvalueerd."),
    detail=_("Er is afgesproken om elke {weeks} weken te evalueren."),
    example={"case_id": 4, "perspective_id": 11, "weeks": 6},
)
ROUTE_STARTED = event_kind(
    "plan.route_started",
    action=AuditAction.CREATE,
    object_type="route",
    title=_("Er is een route afgesproken."),
    detail=_("Er is een route afgesproken: {kind_label}, {hours_per_week} uur per week, vanaf {start_day}."),
    context=_route,
    example={
        "case_id": 4,
        "route_id": 12,
        "kind": "geleidelijke_terugkeer",
        "hours_per_week": "8",
        "start_on": "2026-05-04",
    },
)
ROUTE_OUTCOME = event_kind(
    "plan.route_outcome",
    action=AuditAction.UPDATE,
    object_type="route",
    title=_("De uitkomst van de route is vastgelegd."),
    detail=_("De uitkomst van de route is vastgelegd: {outcome_label}."),
    context=_outcome,
    example={"case_id": 4, "route_id": 12, "outcome": "lopend"},
)
# ---------------------------------------------------------------- escalation
ESCALATED = event_kind(
    "escalation.raised",
    action=AuditAction.CREATE,
    object_type="escalatie",
    title=_("De casus is geëscaleerd."),
    detail=_("De casus is geëscaleerd naar trede {level}."),
    example={"case_id": 4, "escalation_id": 13, "level": 1},
)
ESCALATED_AUTOMATICALLY = event_kind(
    "escalation.raised_automatically",
    action=AuditAction.CREATE,
    object_type="escalatie",
    title=_("De casus is automatisch geëscaleerd, omdat een termijn of norm is gemist."),
    detail=_("De casus is automatisch geëscaleerd naar trede {level}, omdat {rule_id} is gemist."),
    example={"case_id": 4, "escalation_id": 13, "level": 1, "rule_id": "KR-3M"},
)
ESCALATION_RAISED = event_kind(
    "escalation.level_raised",
    action=AuditAction.UPDATE,
    object_type="escalatie",
    title=_("Er is op tijd geen besluit genomen. De escalatie gaat een trede hoger."),
    detail=_(
        "Er is op tijd geen besluit genomen. De escalatie gaat van trede {from_level} naar trede {to_level}."
    ),
    example={"case_id": 4, "escalation_id": 13, "from_level": 1, "to_level": 2},
)
ESCALATION_DECIDED = event_kind(
    "escalation.decided",
    action=AuditAction.CREATE,
    object_type="escalatiebesluit",
    title=_("Er is een besluit genomen over de escalatie."),
    detail=_("Er is een besluit genomen over de escalatie, uit te voeren uiterlijk {due_day}."),
    context=_due,
    example={"case_id": 4, "escalation_id": 13, "decision_id": 14, "level": 1, "due_on": "2026-06-01"},
)


def _level_order(level: EscalationLevel | None) -> int | None:
    return level.order if level is not None else None


# ---------------------------------------------------------------- the functions


def case_viewed(*, actor: User | None, case: Case, purpose: Purpose) -> AuditEvent:
    return VIEWED.write(
        actor=actor,
        purpose=purpose,
        object_id=case.pk,
        child_id=case.child_id,
        data={"case_id": case.pk},
        message=f"De casus van {child_name(case)} is bekeken.",
    )


def case_listed(*, actor: User | None, case: Case, purpose: Purpose) -> AuditEvent:
    return LISTED.write(
        actor=actor,
        purpose=purpose,
        object_id=case.pk,
        child_id=case.child_id,
        data={"case_id": case.pk},
        message=f"{child_name(case)} stond in een lijst met casussen.",
    )


def cases_listed(*, actor: User | None, cases: Iterable[Case], purpose: Purpose) -> list[AuditEvent]:
    """`case_listed` for each case a list showed, in one INSERT (a page of 25 costs what 3 cost)."""
    lines = [
        privacy_audit.Line(
            object_id=case.pk,
            child_id=case.child_id,
            data={"case_id": case.pk},
            message=f"{child_name(case)} stond in een lijst met casussen.",
        )
        for case in cases
    ]
    return privacy_audit.record_many(actor=actor, kind=LISTED, purpose=purpose, lines=lines)


def cases_exported(*, actor: User | None, cases: Iterable[Case], purpose: Purpose) -> list[AuditEvent]:
    """`case_exported` for each case of an export, in one INSERT."""
    lines = [
        privacy_audit.Line(
            object_id=case.pk,
            child_id=case.child_id,
            data={"case_id": case.pk},
            message=f"De casus van {child_name(case)} is meegenomen in een export (zonder BSN).",
        )
        for case in cases
    ]
    return privacy_audit.record_many(actor=actor, kind=EXPORTED, purpose=purpose, lines=lines)


def case_exported(*, actor: User | None, case: Case, purpose: Purpose) -> AuditEvent:
    return EXPORTED.write(
        actor=actor,
        purpose=purpose,
        object_id=case.pk,
        child_id=case.child_id,
        data={"case_id": case.pk},
        message=f"De casus van {child_name(case)} is meegenomen in een export (zonder BSN).",
    )


def case_opened(*, actor: User, case: Case) -> AuditEvent:
    return OPENED.write(
        actor=actor,
        purpose=Purpose.CASUSREGIE,
        object_id=case.pk,
        child_id=case.child_id,
        data={"case_id": case.pk, "signal_kind": case.signal_kind},
        message=(
            f"Voor {child_name(case)} is een casus geopend op een signaal "
            f"({case.get_signal_kind_display()}). "
            "Ouders en kind zijn lid van de kring."
        ),
    )


def case_status_changed(
    *, actor: User, case: Case, from_status: str, to_status: str, reason: str
) -> AuditEvent:
    from .models import CaseStatus

    return STATUS_CHANGED.write(
        actor=actor,
        purpose=Purpose.CASUSREGIE,
        object_id=case.pk,
        child_id=case.child_id,
        data={"case_id": case.pk, "from_status": from_status, "to_status": to_status},
        message=(
            f"De casus van {child_name(case)} ging van {CaseStatus(from_status).label} naar "
            f"{CaseStatus(to_status).label}. Reden: {free_text(reason)}"
        ),
    )


def member_added(*, actor: User, case: Case, member: CircleMember) -> AuditEvent:
    return MEMBER_ADDED.write(
        actor=actor,
        purpose=Purpose.CASUSREGIE,
        object_id=member.pk,
        child_id=case.child_id,
        data={
            "case_id": case.pk,
            "member_id": member.pk,
            "kind": member.kind,
            "visibility": member.visibility,
        },
        message=(
            f"{member.display_name} ({member.get_kind_display()}) is toegevoegd aan de kring van "
            f"{child_name(case)} en mag zien: {member.get_visibility_display().lower()}."
        ),
    )


def member_left(*, actor: User, case: Case, member: CircleMember, reason: str) -> AuditEvent:
    left_on = member.left_on.isoformat() if member.left_on else None
    return MEMBER_LEFT.write(
        actor=actor,
        purpose=Purpose.CASUSREGIE,
        object_id=member.pk,
        child_id=case.child_id,
        data={"case_id": case.pk, "member_id": member.pk, "left_on": left_on},
        message=(
            f"{member.display_name} hoort niet meer bij de kring van {child_name(case)}. "
            f"Reden: {free_text(reason)}"
        ),
    )


def regievoerder_appointed(*, actor: User, case: Case, assignment: RegievoerderAssignment) -> AuditEvent:
    return REGIEVOERDER_APPOINTED.write(
        actor=actor,
        purpose=Purpose.CASUSREGIE,
        object_id=assignment.pk,
        child_id=case.child_id,
        data={"case_id": case.pk, "assignment_id": assignment.pk, "user_id": assignment.user_id},
        message=f"{assignment.user.display_name} is regievoerder geworden voor {child_name(case)}.",
    )


def regievoerder_corrected(
    *, actor: User, case: Case, assignment: RegievoerderAssignment, previous: User, reason: str
) -> AuditEvent:
    return REGIEVOERDER_CORRECTED.write(
        actor=actor,
        purpose=Purpose.CASUSREGIE,
        object_id=assignment.pk,
        child_id=case.child_id,
        data={
            "case_id": case.pk,
            "assignment_id": assignment.pk,
            "user_id": assignment.user_id,
            "previous_user_id": previous.pk,
        },
        message=(
            f"De aanwijzing van de regievoerder voor {child_name(case)} is verbeterd: "
            f"{assignment.user.display_name} in plaats van {previous.display_name}. "
            f"Reden: {free_text(reason)}"
        ),
    )


def regievoerder_undone(
    *,
    actor: User | None,
    case: Case,
    assignment: RegievoerderAssignment,
    restored: RegievoerderAssignment | None,
    reason: str,
) -> AuditEvent:
    back = f" {restored.user.display_name} is weer regievoerder." if restored is not None else ""
    return REGIEVOERDER_UNDONE.write(
        actor=actor,
        purpose=Purpose.CASUSREGIE,
        object_id=assignment.pk,
        child_id=case.child_id,
        data={
            "case_id": case.pk,
            "assignment_id": assignment.pk,
            "user_id": assignment.user_id,
            "restored_assignment_id": restored.pk if restored is not None else None,
        },
        message=(
            f"De aanwijzing van {assignment.user.display_name} als regievoerder voor {child_name(case)} "
            f"is ongedaan gemaakt.{back} Reden: {free_text(reason)}"
        ),
    )


def regie_handed_over(
    *, actor: User, case: Case, assignment: RegievoerderAssignment, previous: User, note: str
) -> AuditEvent:
    return REGIE_HANDED_OVER.write(
        actor=actor,
        purpose=Purpose.CASUSREGIE,
        object_id=assignment.pk,
        child_id=case.child_id,
        data={
            "case_id": case.pk,
            "assignment_id": assignment.pk,
            "user_id": assignment.user_id,
            "previous_user_id": previous.pk,
        },
        message=(
            f"De regie voor {child_name(case)} is overgedragen van {previous.display_name} aan "
            f"{assignment.user.display_name}. Overdrachtsnotitie: {free_text(note)}"
        ),
    )


def meeting_recorded(*, actor: User, case: Case, meeting: Meeting, attendees: int) -> AuditEvent:
    voice = bool(meeting.child_voice)
    heard = (
        "Wat het kind zei of wilde zeggen is vastgelegd."
        if voice
        else "Er is niets vastgelegd van wat het kind zei."
    )
    return MEETING_RECORDED.write(
        actor=actor,
        purpose=Purpose.CASUSREGIE,
        object_id=meeting.pk,
        child_id=case.child_id,
        data={
            "case_id": case.pk,
            "meeting_id": meeting.pk,
            "held_on": meeting.held_on.isoformat(),
            "attendees": attendees,
            "child_voice": voice,
            "evaluation": meeting.is_evaluation,
        },
        message=(
            f"Het overleg over {child_name(case)} van {meeting.held_on.isoformat()} is vastgelegd. {heard}"
            + (" Het overleg was de evaluatie." if meeting.is_evaluation else "")
        ),
    )


def agreement_added(*, actor: User, case: Case, agreement: Agreement) -> AuditEvent:
    return AGREEMENT_ADDED.write(
        actor=actor,
        purpose=Purpose.CASUSREGIE,
        object_id=agreement.pk,
        child_id=case.child_id,
        data={"case_id": case.pk, "agreement_id": agreement.pk, "due_on": agreement.due_on.isoformat()},
        message=(
            f"Afspraak voor {child_name(case)} vastgelegd: {agreement.owner.display_name} doet dit uiterlijk "
            f"{agreement.due_on.isoformat()}."
        ),
    )


def agreement_done(*, actor: User, case: Case, agreement: Agreement) -> AuditEvent:
    done_on = agreement.done_on.isoformat() if agreement.done_on else None
    return AGREEMENT_DONE.write(
        actor=actor,
        purpose=Purpose.CASUSREGIE,
        object_id=agreement.pk,
        child_id=case.child_id,
        data={"case_id": case.pk, "agreement_id": agreement.pk, "done_on": done_on},
        message=f"Een afspraak voor {child_name(case)} is gedaan op {done_on}.",
    )


def agreement_cancelled(*, actor: User, case: Case, agreement: Agreement, reason: str) -> AuditEvent:
    return AGREEMENT_CANCELLED.write(
        actor=actor,
        purpose=Purpose.CASUSREGIE,
        object_id=agreement.pk,
        child_id=case.child_id,
        data={"case_id": case.pk, "agreement_id": agreement.pk},
        message=f"Een afspraak voor {child_name(case)} is vervallen. Reden: {free_text(reason)}",
    )


def perspective_set(
    *,
    actor: User,
    case: Case,
    perspective: Perspective,
    created: bool,
    joint: bool,
    dimensions: Iterable[str],
) -> AuditEvent:
    from .models import Dimension

    dims = sorted(dimensions)
    together = (
        "samen met ouders en kind"
        if joint
        else "niet samen met ouders én kind; voor de driemaandennorm telt het nog niet"
    )
    labels = ", ".join(Dimension(d).label.lower() for d in dims)
    verb = "vastgesteld" if created else "gewijzigd"
    kind = PERSPECTIVE_SET if created else PERSPECTIVE_CHANGED
    return kind.write(
        actor=actor,
        purpose=Purpose.CASUSREGIE,
        object_id=perspective.pk,
        child_id=case.child_id,
        data={"case_id": case.pk, "perspective_id": perspective.pk, "joint": joint, "dimensions": dims},
        message=(
            f"Het ontwikkelperspectief van {child_name(case)} is {verb} ({together}). "
            f"Behoeften vastgelegd voor: {labels}."
        ),
    )


def evaluation_rhythm_set(*, actor: User, case: Case, perspective: Perspective, weeks: int) -> AuditEvent:
    return RHYTHM_SET.write(
        actor=actor,
        purpose=Purpose.CASUSREGIE,
        object_id=perspective.pk,
        child_id=case.child_id,
        data={"case_id": case.pk, "perspective_id": perspective.pk, "weeks": weeks},
        message=(
            f"Met ouders en kind van {child_name(case)} is afgesproken om elke {weeks} weken te evalueren."
        ),
    )


def route_started(*, actor: User, case: Case, route: Route, place: str) -> AuditEvent:
    """`place` (the school or provider) goes into the Dutch sentence only."""
    return ROUTE_STARTED.write(
        actor=actor,
        purpose=Purpose.CASUSREGIE,
        object_id=route.pk,
        child_id=case.child_id,
        data={
            "case_id": case.pk,
            "route_id": route.pk,
            "kind": route.kind,
            "hours_per_week": str(route.hours_per_week),
            "start_on": route.start_on.isoformat(),
        },
        message=(
            f"Voor {child_name(case)} is een route afgesproken: "
            f"{route.get_kind_display().lower()} bij {place}, "
            f"{route.hours_per_week} uur per week, vanaf {route.start_on.isoformat()}."
        ),
    )


def route_outcome(*, actor: User, case: Case, route: Route) -> AuditEvent:
    return ROUTE_OUTCOME.write(
        actor=actor,
        purpose=Purpose.CASUSREGIE,
        object_id=route.pk,
        child_id=case.child_id,
        data={"case_id": case.pk, "route_id": route.pk, "outcome": route.outcome},
        message=f"Uitkomst van de route van {child_name(case)}: {route.get_outcome_display().lower()}.",
    )


def _level_text(level: EscalationLevel | None) -> str:
    return (
        f"trede {level.order} ({level.name})"
        if level
        else "het samenwerkingsverband (nog geen ladder ingesteld)"
    )


def escalated(*, actor: User, case: Case, escalation: Escalation, reason: str) -> AuditEvent:
    return ESCALATED.write(
        actor=actor,
        purpose=Purpose.ESCALATIE,
        object_id=escalation.pk,
        child_id=case.child_id,
        data={"case_id": case.pk, "escalation_id": escalation.pk, "level": _level_order(escalation.level)},
        message=(
            f"De casus van {child_name(case)} is geëscaleerd naar {_level_text(escalation.level)}. "
            f"Reden: {free_text(reason)}"
        ),
    )


def escalated_automatically(*, case: Case, escalation: Escalation, reason: str) -> AuditEvent:
    """By the nightly job; `reason` is Kring's own sentence about the missed term or norm."""
    return ESCALATED_AUTOMATICALLY.write(
        actor=None,
        purpose=Purpose.ESCALATIE,
        object_id=escalation.pk,
        child_id=case.child_id,
        data={
            "case_id": case.pk,
            "escalation_id": escalation.pk,
            "level": _level_order(escalation.level),
            "rule_id": escalation.rule_id,
        },
        message=(
            f"De casus van {child_name(case)} is automatisch geëscaleerd naar "
            f"{_level_text(escalation.level)}: {reason}"
        ),
    )


def escalation_level_raised(
    *, escalation: Escalation, previous: EscalationLevel | None, following: EscalationLevel
) -> AuditEvent:
    case = escalation.case
    return ESCALATION_RAISED.write(
        actor=None,
        purpose=Purpose.ESCALATIE,
        object_id=escalation.pk,
        child_id=case.child_id,
        data={
            "case_id": case.pk,
            "escalation_id": escalation.pk,
            "from_level": _level_order(previous),
            "to_level": following.order,
        },
        message=(
            f"Op {_level_text(previous)} is op tijd geen besluit genomen over {child_name(case)}. "
            f"De escalatie gaat naar {_level_text(following)}."
        ),
    )


def escalation_decided(
    *, actor: User, case: Case, decision: EscalationDecision, level: EscalationLevel | None
) -> AuditEvent:
    return ESCALATION_DECIDED.write(
        actor=actor,
        purpose=Purpose.ESCALATIE,
        object_id=decision.pk,
        child_id=case.child_id,
        data={
            "case_id": case.pk,
            "escalation_id": decision.escalation_id,
            "decision_id": decision.pk,
            "level": _level_order(level),
            "due_on": decision.due_on.isoformat(),
        },
        message=(
            f"Besluit over de escalatie van {child_name(case)} ({_level_text(level)}): "
            f"{free_text(decision.decision)} "
            f"Uitvoering door {decision.owner.display_name}, uiterlijk {decision.due_on.isoformat()}."
        ),
    )


def zienswijze_added(*, actor: User, zienswijze: Any) -> AuditEvent:
    """The family added their view to a part of the file (no text in the line: it is in the file)."""
    return ZIENSWIJZE_ADDED.write(
        actor=actor,
        purpose=Purpose.FAMILY_ACCESS,
        object_id=zienswijze.pk,
        child_id=zienswijze.child_id,
        data={
            "case_id": zienswijze.case_id,
            "zienswijze_id": zienswijze.pk,
            "part": zienswijze.part,
            "part_id": zienswijze.part_pk,
        },
        message=(
            f"Bij {privacy_audit.child_name(zienswijze.child)} is een zienswijze toegevoegd "
            f"over: {_part_label(zienswijze.part)}."
        ),
    )


CASE_FILE_REMOVED = event_kind(
    "case.file_removed",
    action=AuditAction.DELETE,
    object_type="casus",
    title=_("Een afgesloten casusdossier is verwijderd, omdat de bewaartermijn voorbij is."),
    detail=_(
        "Het casusdossier (afgesloten op {closed_day}) is verwijderd: de bewaartermijn van {years} "
        "jaar van het samenwerkingsverband is voorbij."
    ),
    context=lambda d: {"closed_day": day(d["closed_on"]), "years": d["years"]},
    example={"case_id": 7, "closed_on": "2024-03-01", "years": 2, "until": "2026-03-01", "meetings": 3},
)


def case_file_removed(*, case: Case, years: int, until: str, counts: Mapping[str, int]) -> AuditEvent:
    """The nightly retention removed a closed case's file (`kring.cases.retention`); the line stays
    in the child's logbook, so the family reads that it happened (counts only, no content)."""
    closed = case.closed_on.isoformat() if case.closed_on else ""
    return CASE_FILE_REMOVED.write(
        actor=None,
        purpose=Purpose.NIGHTLY_JOB,
        object_id=case.pk,
        child_id=case.child_id,
        data={"case_id": case.pk, "closed_on": closed, "years": years, "until": until, **counts},
        message=(
            f"Casus {case.pk} (afgesloten op {closed}) verwijderd: de bewaartermijn van {years} jaar "
            f"liep tot en met {until}."
        ),
    )
