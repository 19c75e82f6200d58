"""Placement's section of the child's whole file (`kring.privacy.dossier`): every TLV request with
the deskundigen's advice and the decision, and the waiting lists the child is or was on."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kring.children.models import Child
from kring.privacy.dossier import Part, Section, dossier_section, iso, name_of

from .models import TlvDecision, TlvRequest, WaitingListEntry

LABELS = {
    "soort_label": _("Soort onderwijs"),
    "cluster": _("Cluster"),
    "categorie": _("Categorie"),
    "swv": _("Samenwerkingsverband"),
    "school": _("Aangevraagd door"),
    "received_on": _("Ontvangen op"),
    "reason": _("Waarom deze aanvraag"),
    "parents_view": _("Zienswijze van de ouders"),
    "child_view": _("Mening van het kind"),
    "target_school": _("School voor speciaal onderwijs"),
    "place_confirmed": _("Plek bevestigd"),
    "waiting_position": _("Plaats op de wachtlijst"),
    "opp_evaluated_on": _("OPP laatst geëvalueerd op"),
    "created_by": _("Vastgelegd door"),
    "advices": _("Adviezen van deskundigen"),
    "name": _("Deskundige"),
    "functie_label": _("Functie"),
    "given_on": _("Advies gegeven op"),
    "advice": _("Advies"),
    "decision": _("Besluit"),
    "outcome_label": _("Uitkomst"),
    "decided_on": _("Bekendgemaakt op"),
    "schooljaren": _("Geldig voor (schooljaren)"),
    "volgnummer": _("TLV-nummer"),
    "motivation": _("Motivering"),
    "objection_route": _("Bezwaar maken"),
    "decided_by": _("Besloten door"),
}
WAITING_LABELS = {
    "school": _("School"),
    "since": _("Op de wachtlijst sinds"),
    "start_on": _("Gewenste startdatum"),
    "responsible_school": _("Verantwoordelijke school in de tussentijd"),
    "ended_on": _("Van de wachtlijst af op"),
    "end_reason": _("Waarom"),
}


def _decision(request: TlvRequest) -> dict[str, Any] | None:
    try:
        d: TlvDecision = request.decision
    except TlvDecision.DoesNotExist:
        return None
    return {
        "outcome": d.outcome,
        "outcome_label": d.get_outcome_display(),
        "decided_on": iso(d.decided_on),
        "schooljaren": d.schooljaren,
        "volgnummer": d.volgnummer,
        "motivation": d.motivation,
        "objection_route": d.objection_route,
        "decided_by": name_of(d.decided_by),
    }


def _request(r: TlvRequest) -> dict[str, Any]:
    return {
        "id": r.pk,
        "soort": r.soort,
        "soort_label": r.get_soort_display(),
        "cluster": r.cluster,
        "categorie": r.categorie,
        "swv": r.swv.organisation.name,
        "school": r.school.organisation.name,
        "received_on": iso(r.received_on),
        "reason": r.reason,
        "parents_view": r.parents_view,
        "child_view": r.child_view,
        "target_school": r.target_school.organisation.name if r.target_school else "",
        "place_confirmed": r.place_confirmed,
        "waiting_position": r.waiting_position,
        "opp_evaluated_on": iso(r.opp_evaluated_on),
        "created_by": name_of(r.created_by),
        "advices": [
            {
                "name": a.name,
                "functie": a.functie,
                "functie_label": a.get_functie_display(),
                "given_on": iso(a.given_on),
                "advice": a.advice,
            }
            for a in r.advices.all()
        ],
        "decision": _decision(r),
    }


@dossier_section(
    models=(
        "placement.TlvRequest",
        "placement.ExpertAdvice",
        "placement.TlvDecision",
        "placement.WaitingListEntry",
    )
)
def section(child: Child) -> Section:
    requests = (
        TlvRequest.objects.filter(child=child)
        .select_related(
            "swv__organisation",
            "school__organisation",
            "target_school__organisation",
            "created_by",
            "decision",
        )
        .prefetch_related("advices")
        .order_by("received_on", "pk")
    )
    entries = (
        WaitingListEntry.objects.filter(child=child)
        .select_related("school__organisation", "responsible_school__organisation")
        .order_by("since", "pk")
    )
    return Section(
        key="placement",
        title=_("Plaatsing in het speciaal onderwijs"),
        parts=[
            Part(
                key="tlv_requests",
                title=_("Aanvragen voor een toelaatbaarheidsverklaring (TLV)"),
                intro=_(
                    "Een school vraagt het samenwerkingsverband om een TLV. Dan mag het kind naar het "
                    "speciaal (basis)onderwijs. Hier staat de hele aanvraag, met de adviezen en het besluit."
                ),
                data=[_request(r) for r in requests],
                labels=LABELS,
                empty=_("Er is geen TLV aangevraagd."),
            ),
            Part(
                key="waiting_lists",
                title=_("Wachtlijsten"),
                intro=_("Zolang het kind wacht, blijft de school waar het kind nu is verantwoordelijk."),
                data=[
                    {
                        "school": e.school.organisation.name,
                        "since": iso(e.since),
                        "start_on": iso(e.start_on),
                        "responsible_school": e.responsible_school.organisation.name
                        if e.responsible_school
                        else "",
                        "ended_on": iso(e.ended_on),
                        "end_reason": e.end_reason,
                    }
                    for e in entries
                ],
                labels=WAITING_LABELS,
                empty=_("Het kind staat op geen wachtlijst."),
                table=True,
            ),
        ],
    )
