"""The cases app's section of the child's whole file (`kring.privacy.dossier`): every case of the
child, open or closed, with its phases, circle, regievoerders, meetings, agreements, plan, routes,
escalations and decisions. Read in a fixed number of queries (prefetches), whatever their number."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kring.children.models import Child
from kring.privacy.dossier import Part, Section, dossier_section, iso, name_of, number

from .models import (
    Agreement,
    Case,
    CircleMember,
    Escalation,
    EscalationDecision,
    Meeting,
    Perspective,
    RegievoerderAssignment,
    Route,
    StatusChange,
    Zienswijze,
)

LABELS = {
    "status_label": _("Fase"),
    "signal_kind_label": _("Soort signaal"),
    "signal_description": _("Wat er aan de hand was"),
    "opened_on": _("Geopend op"),
    "opened_by": _("Geopend door"),
    "closed_on": _("Afgesloten op"),
    "closing_reason": _("Reden van afsluiten"),
    "escalated": _("Geëscaleerd"),
    "status_changes": _("Fasen"),
    "from_label": _("Van"),
    "to_label": _("Naar"),
    "changed_on": _("Datum"),
    "reason": _("Reden"),
    "changed_by": _("Door"),
    "circle": _("De kring"),
    "name": _("Naam"),
    "kind_label": _("Soort"),
    "organisation": _("Organisatie"),
    "role": _("Rol in de kring"),
    "contact_route": _("Bereikbaar via"),
    "visibility_label": _("Mag zien"),
    "active": _("Nog in de kring"),
    "joined_on": _("Lid sinds"),
    "left_on": _("Lid tot"),
    "left_reason": _("Reden van vertrek"),
    "regievoerders": _("Regievoerders"),
    "member": _("Regievoerder"),
    "started_on": _("Vanaf"),
    "ended_on": _("Tot"),
    "note": _("Toelichting"),
    "appointed_by": _("Aangewezen door"),
    "meetings": _("Overleggen"),
    "held_on": _("Datum"),
    "attendees": _("Aanwezig uit de kring"),
    "other_attendees": _("Ook aanwezig"),
    "parents_present": _("Ouders aanwezig"),
    "parents_absent_reason": _("Waarom de ouders er niet bij waren"),
    "child_present": _("Kind aanwezig"),
    "child_absent_reason": _("Waarom het kind er niet bij was"),
    "child_voice": _("Wat het kind zegt of wil"),
    "child_voice_in_own_words": _("In de eigen woorden van het kind"),
    "notes": _("Verslag"),
    "is_evaluation": _("Telt als evaluatie"),
    "recorded_by": _("Vastgelegd door"),
    "agreements": _("Afspraken"),
    "text": _("Afspraak"),
    "owner": _("Wie doet het"),
    "due_on": _("Uiterlijk"),
    "done_on": _("Gedaan op"),
    "status_note": _("Toelichting"),
    "plan": _("Het plan (ontwikkelperspectief)"),
    "set_on": _("Vastgesteld op"),
    "set_with_parents": _("Samen met de ouders"),
    "set_with_child": _("Samen met het kind"),
    "goals": _("Doelen"),
    "needs": _("Wat het kind nodig heeft"),
    "dimension_label": _("Gebied"),
    "description": _("Wat nodig is"),
    "evaluation_every_weeks": _("Evaluatie elke zoveel weken"),
    "evaluation_set_on": _("Evaluatieritme afgesproken op"),
    "version": _("Versie"),
    "updated_by": _("Laatst gewijzigd door"),
    "routes": _("Routes"),
    "needed_kind_label": _("Wat het kind nodig heeft"),
    "needed_hours_per_week": _("Uren per week nodig"),
    "needed_summary": _("Toelichting op wat nodig is"),
    "route_label": _("Wat is aangeboden"),
    "offered_summary": _("Toelichting op het aanbod"),
    "provider": _("Aanbieder"),
    "start_on": _("Start"),
    "hours_per_week": _("Uren per week"),
    "end_on": _("Einde"),
    "outcome_label": _("Uitkomst"),
    "outcome_on": _("Uitkomst op"),
    "outcome_note": _("Toelichting op de uitkomst"),
    "escalations": _("Escalaties"),
    "trigger_label": _("Aanleiding"),
    "level": _("Trede"),
    "level_started_on": _("Op deze trede sinds"),
    "resolved_on": _("Afgehandeld op"),
    "raised_by": _("Gestart door"),
    "decisions": _("Besluiten"),
    "decided_on": _("Besloten op"),
    "decided_by": _("Besloten door"),
    "decision": _("Besluit"),
}


def _member(m: CircleMember) -> dict[str, Any]:
    return {
        "id": m.pk,
        "name": m.display_name,
        "kind": m.kind,
        "kind_label": m.get_kind_display(),
        "organisation": m.organisation.name if m.organisation_id and m.organisation else None,
        "role": m.role,
        "contact_route": m.contact_route,
        "visibility": m.visibility,
        "visibility_label": m.get_visibility_display(),
        "active": m.active,
        "joined_on": iso(m.joined_on),
        "left_on": iso(m.left_on),
        "left_reason": m.left_reason,
    }


def _status_change(s: StatusChange) -> dict[str, Any]:
    return {
        "from_status": s.from_status,
        "from_label": s.get_from_status_display(),
        "to_status": s.to_status,
        "to_label": s.get_to_status_display(),
        "changed_on": iso(s.changed_on),
        "reason": s.reason,
        "changed_by": name_of(s.changed_by),
    }


def _regievoerder(r: RegievoerderAssignment, members: dict[int, CircleMember]) -> dict[str, Any]:
    member = members.get(r.member_id)
    return {
        "member_id": r.member_id,
        "member": member.display_name if member else name_of(r.user),
        "started_on": iso(r.started_on),
        "ended_on": iso(r.ended_on),
        "note": r.note,
        "appointed_by": name_of(r.appointed_by),
    }


def _meeting(m: Meeting) -> dict[str, Any]:
    return {
        "id": m.pk,
        "held_on": iso(m.held_on),
        "attendees": [a.display_name for a in m.attendees.all()],
        "other_attendees": m.other_attendees,
        "parents_present": m.parents_present,
        "parents_absent_reason": m.parents_absent_reason,
        "child_present": m.child_present,
        "child_absent_reason": m.child_absent_reason,
        "child_voice": m.child_voice,
        "child_voice_in_own_words": m.child_voice_in_own_words,
        "notes": m.notes,
        "is_evaluation": m.is_evaluation,
        "recorded_by": name_of(m.recorded_by),
    }


def _agreement(a: Agreement, members: dict[int, CircleMember]) -> dict[str, Any]:
    owner = members.get(a.owner_id)
    return {
        "id": a.pk,
        "text": a.text,
        "owner": owner.display_name if owner else None,
        "owner_member_id": a.owner_id,
        "meeting_id": a.meeting_id,
        "due_on": iso(a.due_on),
        "status": a.status,
        "status_label": a.get_status_display(),
        "done_on": iso(a.done_on),
        "status_note": a.status_note,
    }


def _plan(p: Perspective | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "set_on": iso(p.set_on),
        "set_with_parents": p.set_with_parents,
        "set_with_child": p.set_with_child,
        "goals": p.goals,
        "needs": [
            {
                "dimension": n.dimension,
                "dimension_label": n.get_dimension_display(),
                "description": n.description,
            }
            for n in p.needs.all()
        ],
        "evaluation_every_weeks": p.evaluation_every_weeks,
        "evaluation_set_on": iso(p.evaluation_set_on),
        "version": p.version,
        "updated_by": name_of(p.updated_by),
        "updated_at": iso(p.updated_at),
    }


def _route(r: Route) -> dict[str, Any]:
    return {
        "id": r.pk,
        "needed_kind": r.needed_kind,
        "needed_kind_label": r.get_needed_kind_display(),
        "needed_hours_per_week": number(r.needed_hours_per_week),
        "needed_summary": r.needed_summary,
        "kind": r.kind,
        "route_label": r.get_kind_display(),
        "offered_summary": r.offered_summary,
        "provider": r.provider,
        "start_on": iso(r.start_on),
        "hours_per_week": number(r.hours_per_week),
        "end_on": iso(r.end_on),
        "outcome": r.outcome,
        "outcome_label": r.get_outcome_display(),
        "outcome_on": iso(r.outcome_on),
        "outcome_note": r.outcome_note,
        "recorded_by": name_of(r.recorded_by),
    }


def _decision(d: EscalationDecision) -> dict[str, Any]:
    return {
        "id": d.pk,
        "level": d.level.name if d.level_id and d.level else None,
        "decided_on": iso(d.decided_on),
        "decided_by": name_of(d.decided_by),
        "decision": d.decision,
        "owner": name_of(d.owner),
        "due_on": iso(d.due_on),
        "agreement_id": d.agreement_id,
    }


def _escalation(e: Escalation) -> dict[str, Any]:
    return {
        "id": e.pk,
        "trigger": e.trigger,
        "trigger_label": e.get_trigger_display(),
        "rule": e.rule_id,
        "reason": e.reason,
        "level": e.level.name if e.level_id and e.level else None,
        "started_on": iso(e.started_on),
        "level_started_on": iso(e.level_started_on),
        "due_on": iso(e.due_on),
        "resolved_on": iso(e.resolved_on),
        "raised_by": name_of(e.raised_by),
        "decisions": [_decision(d) for d in e.decisions.all()],
    }


VOICE_LABELS = {
    "part_label": _("Over"),
    "part_id": _("Nummer van het onderdeel"),
    "case_id": _("Casus"),
    "text": _("Zienswijze"),
    "author": _("Geschreven door"),
    "author_role": _("Als"),
    "created_at": _("Op"),
}


def _zienswijze(z: Zienswijze) -> dict[str, Any]:
    return {
        "id": z.pk,
        "part": z.part,
        "part_label": z.get_part_display(),
        "part_id": z.part_pk,
        "case_id": z.case_id,
        "text": z.text,
        "author": z.author_name,
        "author_role": z.author_role,
        "created_at": iso(z.created_at),
    }


def _case(case: Case) -> dict[str, Any]:
    members = {m.pk: m for m in case.circle.all()}
    try:
        perspective: Perspective | None = case.perspective
    except Perspective.DoesNotExist:
        perspective = None
    return {
        "id": case.pk,
        "status": case.status,
        "status_label": case.get_status_display(),
        "signal_kind": case.signal_kind,
        "signal_kind_label": case.get_signal_kind_display(),
        "signal_description": case.signal_description,
        "opened_on": iso(case.opened_on),
        "opened_by": name_of(case.opened_by),
        "closed_on": iso(case.closed_on),
        "closing_reason": case.closing_reason,
        "escalated": case.escalated,
        "status_changes": [_status_change(s) for s in case.status_changes.all()],
        "circle": [_member(m) for m in members.values()],
        "regievoerders": [_regievoerder(r, members) for r in case.regievoerders.all()],
        "meetings": [_meeting(m) for m in case.meetings.all()],
        "agreements": [_agreement(a, members) for a in case.agreements.all()],
        "plan": _plan(perspective),
        "routes": [_route(r) for r in case.routes.all()],
        "escalations": [_escalation(e) for e in case.escalations.all()],
    }


def _cases(child: Child) -> list[Case]:
    return list(
        Case.objects.filter(child=child)
        .select_related("opened_by", "perspective__updated_by")
        .prefetch_related(
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.select_related("changed_by").order_by("changed_on", "pk"),
            ),
            Prefetch(
                "circle",
                queryset=CircleMember.objects.select_related(
                    "user", "representative", "organisation"
                ).order_by("joined_on", "pk"),
            ),
            Prefetch(
                "regievoerders",
                queryset=RegievoerderAssignment.objects.select_related("user", "appointed_by").order_by(
                    "started_on", "pk"
                ),
            ),
            Prefetch(
                "meetings",
                queryset=Meeting.objects.select_related("recorded_by")
                .prefetch_related(
                    Prefetch(
                        "attendees",
                        queryset=CircleMember.objects.select_related(
                            "user", "representative", "organisation"
                        ),
                    )
                )
                .order_by("held_on", "pk"),
            ),
            Prefetch("agreements", queryset=Agreement.objects.order_by("due_on", "pk")),
            "perspective__needs",
            Prefetch(
                "routes", queryset=Route.objects.select_related("recorded_by").order_by("start_on", "pk")
            ),
            Prefetch(
                "escalations",
                queryset=Escalation.objects.select_related("level", "raised_by")
                .prefetch_related(
                    Prefetch(
                        "decisions",
                        queryset=EscalationDecision.objects.select_related(
                            "level", "decided_by", "owner"
                        ).order_by("decided_on", "pk"),
                    )
                )
                .order_by("started_on", "pk"),
            ),
        )
        .order_by("opened_on", "pk")
    )


def _case_title(case: Mapping[str, Any]) -> str:
    opened = formats.date_format(date.fromisoformat(case["opened_on"]), "j F Y")
    return gettext("Casus, geopend op %(day)s") % {"day": opened}


@dossier_section(
    models=(
        "cases.Case",
        "cases.StatusChange",
        "cases.CircleMember",
        "cases.RegievoerderAssignment",
        "cases.Meeting",
        "cases.Agreement",
        "cases.Perspective",
        "cases.NeedDimension",
        "cases.Route",
        "cases.Escalation",
        "cases.EscalationDecision",
        "cases.Zienswijze",
    )
)
def section(child: Child) -> Section:
    return Section(
        key="cases",
        title=_("Casussen"),
        parts=[
            Part(
                key="cases",
                title=_("Casussen: de kring rond het kind"),
                intro=_(
                    "Een casus is het werk van de kring rond je kind: wie meedoet, wie de regie heeft, "
                    "wat er is besproken en afgesproken, het plan en wat er gebeurde als iets niet lukte."
                ),
                data=[_case(c) for c in _cases(child)],
                labels=LABELS,
                empty=_("Er is (nog) geen casus voor dit kind."),
                item_title=_case_title,
            ),
            Part(
                key="zienswijzen",
                title=_("Jullie eigen kijk (zienswijzen)"),
                intro=_(
                    "Wat jij of je kind zelf schreef over een overleg, het plan of een besluit. Het staat "
                    "in het dossier naast dat onderdeel; hier zie je alles bij elkaar."
                ),
                data=[
                    _zienswijze(z)
                    for z in Zienswijze.objects.filter(child=child).order_by("created_at", "pk")
                ],
                labels=VOICE_LABELS,
                empty=_("Er is (nog) geen zienswijze gegeven."),
            ),
        ],
    )
