"""The OPP's section of the child's whole file (`kring.privacy.dossier`): every version of every
OPP with its handelingsdeel, the parents' decisions and the evaluations, the school's
declarations of handelingsverlegen, and the terugkeerplannen with their steps. The same parts make
the PDF of one version (`documents.py`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kring.children.models import Child
from kring.privacy.dossier import Part, Section, dossier_section, iso, name_of

from .models import Handelingsverlegen, Opp, OppConsent, OppEvaluation, OppVersion, ReturnPlan, SupportAction

VERSION_LABELS = {
    "school": _("School"),
    "number": _("Versie"),
    "vastgesteld_on": _("Vastgesteld op"),
    "change_reason": _("Wat is er veranderd"),
    "needs": _("Wat het kind nodig heeft"),
    "uitstroomperspectief": _("Uitstroomperspectief"),
    "onderbouwing": _("Onderbouwing"),
    "goals": _("Doelen"),
    "actions": _("Handelingsdeel"),
    "what": _("Wat"),
    "who": _("Wie"),
    "how_often": _("Hoe vaak"),
    "payer_label": _("Wie betaalt"),
    "child_words": _("Wat het kind zelf zegt"),
    "child_input_label": _("Veranderde het plan daardoor?"),
    "child_effect": _("Hoe het plan veranderde"),
    "child_not_heard_reason": _("Waarom het kind niet is gehoord"),
    "recorded_by": _("Vastgelegd door"),
    "consents": _("Besluit van de ouders over het handelingsdeel"),
    "decision_label": _("Besluit"),
    "given_on": _("Datum"),
    "channel_label": _("Hoe"),
    "representative": _("Ouder"),
    "note": _("Toelichting"),
    "evaluations": _("Evaluaties"),
    "held_on": _("Gehouden op"),
    "with_parents": _("Met de ouders"),
    "with_child": _("Met de leerling"),
    "carried_out_label": _("Is het handelingsdeel uitgevoerd?"),
    "done": _("Wat er is gedaan"),
    "worked": _("Wat werkte en wat niet"),
    "child_absent_reason": _("Waarom de leerling er niet bij was"),
}
ACTION_TABLE = frozenset({"actions"})

HV_LABELS = {
    "school": _("School"),
    "declared_on": _("Datum"),
    "unmet_needs": _("Wat het kind nodig heeft dat de school niet kan bieden"),
    "opp_state": _("Het OPP toen"),
    "opp_explanation": _("Toelichting bij het OPP"),
    "parents_involved": _("Hoe de ouders erbij betrokken waren"),
    "child_involved": _("Hoe het kind erbij betrokken was"),
    "school_development": _("Wat de school nodig heeft om het wel te kunnen"),
    "swv_offered": _("Wat het samenwerkingsverband heeft aangeboden"),
    "next_step": _("De volgende stap"),
    "next_step_who": _("Wie zet die stap"),
    "next_step_by": _("Uiterlijk op"),
    "recorded_by": _("Vastgelegd door"),
}


RETURN_LABELS = {
    "reason_label": _("Waarom het onderwijs stilstaat"),
    "reason_other": _("De andere reden"),
    "said_by": _("Wie zegt dat"),
    "since": _("Sinds"),
    "steps": _("Stappen terug naar school"),
    "who": _("Wie"),
    "what": _("Wat"),
    "due": _("Uiterlijk op"),
    "payer_label": _("Wie betaalt"),
    "status_label": _("Stand"),
    "done_on": _("Gedaan op"),
    "back_on": _("Weer onderwijs sinds"),
    "back_how": _("Hoe het kind weer onderwijs krijgt"),
    "recorded_by": _("Vastgelegd door"),
}


def return_plan_data(p: ReturnPlan) -> dict[str, Any]:
    return {
        "id": p.pk,
        "reason": p.reason,
        "reason_label": p.get_reason_display(),
        "reason_other": p.reason_other,
        "said_by": p.said_by,
        "since": iso(p.since),
        "steps": [
            {
                "who": step.who,
                "what": step.what,
                "due": iso(step.due),
                "payer": step.payer,
                "payer_label": step.get_payer_display() if step.payer else "",
                "status": step.status,
                "status_label": step.get_status_display(),
                "done_on": iso(step.done_on) if step.done_on else None,
            }
            for step in p.steps.all()
        ],
        "back_on": iso(p.back_on) if p.back_on else None,
        "back_how": p.back_how,
        "recorded_by": name_of(p.recorded_by),
    }


def action_data(a: SupportAction) -> dict[str, Any]:
    return {
        "what": a.what,
        "who": a.who,
        "how_often": a.how_often,
        "payer": a.payer,
        "payer_label": a.get_payer_display(),
    }


def consent_data(c: OppConsent) -> dict[str, Any]:
    return {
        "decision": c.decision,
        "decision_label": c.get_decision_display(),
        "given_on": iso(c.given_on),
        "channel": c.channel,
        "channel_label": c.get_channel_display(),
        "representative": c.representative.name,
        "note": c.note,
        "recorded_by": name_of(c.recorded_by),
    }


def evaluation_data(e: OppEvaluation) -> dict[str, Any]:
    return {
        "held_on": iso(e.held_on),
        "with_parents": e.with_parents,
        "with_child": e.with_child,
        "carried_out": e.carried_out,
        "carried_out_label": e.get_carried_out_display(),
        "done": e.done,
        "worked": e.worked,
        "child_words": e.child_words,
        "child_absent_reason": e.child_absent_reason,
        "recorded_by": name_of(e.recorded_by),
    }


def version_data(v: OppVersion, school: str) -> dict[str, Any]:
    return {
        "id": v.pk,
        "school": school,
        "number": v.number,
        "vastgesteld_on": iso(v.vastgesteld_on),
        "change_reason": v.change_reason,
        "needs": v.needs,
        "uitstroomperspectief": v.uitstroomperspectief,
        "onderbouwing": v.onderbouwing,
        "goals": v.goals,
        "actions": [action_data(a) for a in v.actions.all()],
        "child_words": v.child_words,
        "child_input": v.child_input,
        "child_input_label": v.get_child_input_display() if v.child_input else "",
        "child_effect": v.child_effect,
        "child_not_heard_reason": v.child_not_heard_reason,
        "recorded_by": name_of(v.recorded_by),
        "consents": [consent_data(c) for c in v.consents.all()],
        "evaluations": [evaluation_data(e) for e in v.evaluations.all()],
    }


def _opp_state(h: Handelingsverlegen) -> str:
    from django.utils.translation import gettext as _g

    parts = [
        _g("opgesteld") if h.opp_drawn_up else _g("niet opgesteld"),
        _g("uitgevoerd") if h.opp_carried_out else _g("niet uitgevoerd"),
        _g("geëvalueerd") if h.opp_evaluated else _g("niet geëvalueerd"),
    ]
    return ", ".join(parts)


def handelingsverlegen_data(h: Handelingsverlegen) -> dict[str, Any]:
    return {
        "id": h.pk,
        "school": h.school.organisation.name,
        "declared_on": iso(h.declared_on),
        "unmet_needs": h.unmet_needs,
        "opp_state": _opp_state(h),
        "opp_drawn_up": h.opp_drawn_up,
        "opp_carried_out": h.opp_carried_out,
        "opp_evaluated": h.opp_evaluated,
        "opp_explanation": h.opp_explanation,
        "parents_involved": h.parents_involved,
        "child_involved": h.child_involved,
        "school_development": h.school_development,
        "swv_offered": h.swv_offered,
        "next_step": h.next_step,
        "next_step_who": h.next_step_who,
        "next_step_by": iso(h.next_step_by),
        "recorded_by": name_of(h.recorded_by),
    }


def _version_title(item: Any) -> str:
    from django.utils.translation import gettext as _g

    return _g("Versie %(number)s, %(school)s") % {"number": item["number"], "school": item["school"]}


def versions_part(versions: list[dict[str, Any]]) -> Part:
    return Part(
        key="versions",
        title=_("Ontwikkelingsperspectiefplan (OPP)"),
        intro=_(
            "Elke versie van het plan blijft bewaard. De ouders stemmen per versie in met het "
            "handelingsdeel: de afspraken over de extra ondersteuning."
        ),
        data=versions,
        labels=VERSION_LABELS,
        empty=_("Er is geen OPP."),
        tables=ACTION_TABLE,
        item_title=_version_title,
    )


@dossier_section(
    models=(
        "opp.Opp",
        "opp.OppVersion",
        "opp.SupportAction",
        "opp.OppConsent",
        "opp.OppEvaluation",
        "opp.Handelingsverlegen",
        "opp.ReturnPlan",
        "opp.ReturnStep",
    )
)
def section(child: Child) -> Section:
    opps = (
        Opp.objects.filter(child=child)
        .select_related("school__organisation")
        .prefetch_related(
            "versions__actions",
            "versions__consents__representative",
            "versions__consents__recorded_by",
            "versions__evaluations__recorded_by",
            "versions__recorded_by",
        )
        .order_by("created_at", "pk")
    )
    versions = [
        version_data(v, opp.school.organisation.name)
        for opp in opps
        for v in sorted(opp.versions.all(), key=lambda v: v.number)
    ]
    records = (
        Handelingsverlegen.objects.filter(child=child)
        .select_related("school__organisation", "recorded_by")
        .order_by("declared_on", "pk")
    )
    return Section(
        key="opp",
        title=_("Ontwikkelingsperspectiefplan (OPP)"),
        parts=[
            versions_part(versions),
            Part(
                key="handelingsverlegen",
                title=_("De school kan niet bieden wat het kind nodig heeft"),
                intro=_(
                    "Zegt een school dat zij niet kan bieden wat het kind nodig heeft (handelingsverlegen), "
                    "dan schrijft zij op waarom, wat zij nodig heeft om het wel te kunnen en wat de volgende "
                    "stap is."
                ),
                data=[handelingsverlegen_data(h) for h in records],
                labels=HV_LABELS,
                empty=_("De school heeft dit niet vastgelegd."),
            ),
            Part(
                key="return_plans",
                title=_("Terugkeerplan"),
                intro=_(
                    "Staat het onderwijs stil (handelingsverlegen, zorg of rust is voorliggend, of een "
                    "andere reden)? Dan staat hier wie wat doet, en wanneer, zodat het kind weer naar school "
                    "gaat."
                ),
                data=[
                    return_plan_data(p)
                    for p in ReturnPlan.objects.filter(child=child)
                    .select_related("recorded_by")
                    .prefetch_related("steps")
                    .order_by("since", "pk")
                ],
                labels=RETURN_LABELS,
                empty=_("Er is geen terugkeerplan."),
                tables=frozenset({"steps"}),
            ),
        ],
    )
