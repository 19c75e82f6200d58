"""Every write of placement: a school asks the samenwerkingsverband for a TLV (refused while the
region's checklist is not met), the SWV decides, a special school keeps its waiting list, a school
keeps its support profile.

The policy decides who (`kring.access.policy`); a refusal names its field and says, in plain Dutch,
what is missing and where that rule comes from. The facts for the rules engine go to the child's
timeline through its one gateway (`kring.children.timeline.record_events`), in the same transaction
as the request and its audit line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.access import policy
from kring.children.models import Child, EventType, TimelineEvent
from kring.children.timeline import NewEvent, record_events
from kring.core import dates
from kring.core.errors import Refused
from kring.organisations.models import Samenwerkingsverband, SchoolLocation
from kring.organisations.selectors import swv_for_postcode
from kring.regions.norms import tlv_checklist

from . import audit
from .checklist import AdviceInput, checklist_for, tlv03_problem
from .models import (
    DEFAULT_OBJECTION_ROUTE,
    Categorie,
    Cluster,
    ExpertAdvice,
    Functie,
    OfferCategory,
    OfferLevel,
    Outcome,
    SupportOffer,
    TlvDecision,
    TlvRequest,
    TlvSoort,
    WaitingListEntry,
)
from .opp_facts import opp_facts

if TYPE_CHECKING:
    from kring.accounts.models import User

__all__ = [
    "AdviceInput",
    "add_support_offer",
    "add_to_waiting_list",
    "decide_tlv",
    "end_waiting",
    "enrolled_school",
    "remove_support_offer",
    "request_tlv",
]

# The school sectors a TLV of each soort leads to.
TARGET_SECTORS = {"sbo": {"sbo"}, "so": {"so", "so_vso"}, "vso": {"vso", "so_vso"}}
MAX_TEXT = 8000


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _record(*, actor: User, child: Child, events: Sequence[NewEvent]) -> None:
    """The facts for the rules engine, through the timeline's gateway. Event types the engine does
    not know yet (catalog v2 is being taught) are left out; nothing else changes."""
    known = [event for event in events if event.type in EventType.values]
    if known:
        record_events(actor=actor, child=child, events=known)


# ---------------------------------------------------------------- the TLV request


def _advice_errors(advices: Sequence[AdviceInput], *, today: date, errors: dict[str, list[str]]) -> None:
    for i, advice in enumerate(advices, start=1):
        prefix = f"advice_{i}_"
        if not advice.name.strip():
            errors.setdefault(prefix + "name", []).append(_("Vul de naam van de deskundige in."))
        if advice.functie not in Functie.values:
            errors.setdefault(prefix + "functie", []).append(_("Kies de functie van de deskundige."))
        if advice.given_on is None:
            errors.setdefault(prefix + "given_on", []).append(_("Vul de datum van het advies in."))
        else:
            problem = dates.date_problem(advice.given_on, today=today, past_act=True)
            if problem:
                errors.setdefault(prefix + "given_on", []).append(problem)
        if not advice.advice.strip():
            errors.setdefault(prefix + "advice", []).append(
                _("Schrijf op wat de deskundige adviseert, of voeg het advies samengevat toe.")
            )


def _swv_of_school(school: SchoolLocation, soort: str) -> Samenwerkingsverband | None:
    if len(school.postcode) < 4:
        return None
    return swv_for_postcode(school.postcode, soort)


def request_tlv(
    *,
    actor: User,
    child: Child,
    school: SchoolLocation | None,
    soort: str,
    received_on: date | None,
    advices: Sequence[AdviceInput],
    cluster: str = "",
    categorie: str = "",
    reason: str = "",
    parents_view: str = "",
    child_view: str = "",
    target_school: SchoolLocation | None = None,
    place_confirmed: bool = False,
    waiting_position: int | None = None,
    today: date | None = None,
) -> TlvRequest:
    """The school asks the samenwerkingsverband of its region for a TLV for `child`. Refused, with
    every missing item on its own field, while the region's checklist is not met."""
    day = _today(today)
    schools = policy.tlv_request_schools(actor, child)
    if not schools.exists():
        raise PermissionDenied(str(policy.NO_TLV_SCHOOL))
    if school is None or not schools.filter(pk=school.pk).exists():
        raise Refused(
            _("Kies de school die de TLV aanvraagt: de school waar het kind is ingeschreven of aangemeld."),
            field="school",
        )
    errors: dict[str, list[str]] = {}
    if soort not in TlvSoort.values:
        raise Refused(_("Kies de soort onderwijs: sbo, so of vso."), field="soort")
    swv = _swv_of_school(school, soort)
    if swv is None:
        raise Refused(
            _(
                "Kring weet niet bij welk samenwerkingsverband %(school)s hoort. Vraag de functioneel "
                "beheerder de postcode van de school na te kijken."
            )
            % {"school": school.organisation.name},
            field="school",
        )
    if soort == TlvSoort.SBO and cluster:
        errors["cluster"] = [_("Een TLV voor sbo heeft geen cluster. Laat het cluster leeg.")]
    if soort != TlvSoort.SBO and cluster not in (Cluster.CLUSTER_3, Cluster.CLUSTER_4):
        errors["cluster"] = [
            _("Kies het cluster: 3 of 4. Het samenwerkingsverband geeft een TLV voor cluster 3 of 4.")
        ]
    checklist = tlv_checklist(swv)
    if categorie not in Categorie.values:
        errors["categorie"] = [_("Kies laag, midden of hoog.")]
    elif checklist.uses_category and not categorie:
        errors["categorie"] = [
            _("Kies de categorie: laag, midden of hoog. Het samenwerkingsverband werkt ermee.")
        ]
    elif not checklist.uses_category and categorie:
        errors["categorie"] = [
            _("Dit samenwerkingsverband werkt niet met categorieën. Laat de categorie leeg.")
        ]
    if received_on is None:
        errors["received_on"] = [_("Vul de datum in waarop het samenwerkingsverband de aanvraag kreeg.")]
    else:
        problem = dates.date_problem(received_on, today=day, past_act=True, birth_date=child.birth_date)
        if problem:
            errors["received_on"] = [problem]
    for name, text in (("reason", reason), ("parents_view", parents_view), ("child_view", child_view)):
        if len(text) > MAX_TEXT:
            errors[name] = [_("Deze tekst is te lang (meer dan %(max)s tekens).") % {"max": MAX_TEXT}]
    if waiting_position is not None and waiting_position < 1:
        errors["waiting_position"] = [_("De plaats op de wachtlijst is 1 of hoger.")]
    if target_school is not None and target_school.sector not in TARGET_SECTORS[soort]:
        errors["target_school"] = [
            _("%(school)s is geen school voor %(soort)s. Kies een school die bij de soort onderwijs past.")
            % {"school": target_school.organisation.name, "soort": soort}
        ]
    _advice_errors(advices, today=day, errors=errors)
    items = checklist_for(
        child=child,
        swv_name=swv.organisation.name,
        require_opp=checklist.require_opp,
        require_parents_view=checklist.require_parents_view,
        require_child_view=checklist.require_child_view,
        require_place=checklist.require_place,
        parents_view=parents_view,
        child_view=child_view,
        advices=advices,
        target_school=target_school,
        place_confirmed=place_confirmed,
        waiting_position=waiting_position,
    )
    for field, (item, message) in items.items():
        if not item.met:
            errors.setdefault(field, []).append(message)
    if errors:
        raise Refused.many(errors, code="checklist")
    if TlvRequest.objects.filter(child=child, swv=swv, decision__isnull=True).exists():
        raise Refused(
            _(
                "Er loopt al een TLV-aanvraag voor %(name)s bij dit samenwerkingsverband. Wacht op het "
                "besluit daarover voordat je een nieuwe aanvraag doet."
            )
            % {"name": child.first_name}
        )
    assert received_on is not None
    with transaction.atomic():
        tlv_request = TlvRequest.objects.create(
            child=child,
            swv=swv,
            school=school,
            soort=soort,
            cluster=cluster,
            categorie=categorie,
            received_on=received_on,
            reason=reason.strip(),
            parents_view=parents_view.strip(),
            child_view=child_view.strip(),
            target_school=target_school,
            place_confirmed=place_confirmed,
            waiting_position=waiting_position,
            opp_evaluated_on=opp_facts(child).last_evaluated_on,
            created_by=actor,
        )
        stored = [
            ExpertAdvice.objects.create(
                request=tlv_request,
                name=a.name.strip(),
                functie=a.functie,
                given_on=a.given_on or received_on,
                advice=a.advice.strip(),
            )
            for a in advices
        ]
        swv_name = swv.organisation.name
        _record(
            actor=actor,
            child=child,
            events=[
                NewEvent(
                    type="tlv_aanvraag",
                    date=received_on,
                    school=school,
                    data={"swv": swv_name, "soort": soort},
                ),
                *(
                    NewEvent(
                        type="deskundigenadvies",
                        date=a.given_on,
                        data={"swv": swv_name, "deskundige": a.name, "functie": a.functie},
                    )
                    for a in stored
                ),
            ],
        )
        audit.tlv_requested(actor=actor, tlv_request=tlv_request)
    return tlv_request


# ---------------------------------------------------------------- the decision


def decide_tlv(
    *,
    actor: User,
    tlv_request: TlvRequest,
    outcome: str,
    decided_on: date | None,
    motivation: str,
    advice_copy_to_parents: bool,
    schooljaren: int | None = None,
    volgnummer: str = "",
    objection_route: str = "",
    today: date | None = None,
) -> TlvDecision:
    """The samenwerkingsverband's decision, sent to the parents on `decided_on` with a copy of the
    deskundigen's advice and the way to object."""
    day = _today(today)
    if not policy.may_decide_tlv(actor, tlv_request):
        raise PermissionDenied(str(policy.NOT_TLV_DECIDER))
    if TlvDecision.objects.filter(request=tlv_request).exists():
        raise Refused(
            _(
                "Over deze aanvraag is al besloten. Een besluit verandert niet meer; bij bezwaar volgt een "
                "nieuw besluit."
            )
        )
    errors: dict[str | None, list[str]] = {}
    volgnummer = volgnummer.strip()
    if outcome not in Outcome.values:
        raise Refused(_("Kies het besluit: toegekend of afgewezen."), field="outcome")
    if outcome == Outcome.TOEGEKEND:
        if schooljaren is None or schooljaren < 1:
            errors["schooljaren"] = [
                _(
                    "Vul in voor hoeveel schooljaren de TLV geldt (1 of meer; regel TLV-04, WPO artikel 40 "
                    "lid 13)."
                )
            ]
        if not volgnummer:
            errors["volgnummer"] = [_("Vul het nummer van de TLV in, zoals het op het besluit staat.")]
    else:
        if schooljaren is not None:
            errors["schooljaren"] = [
                _("Een afgewezen aanvraag heeft geen geldigheid. Laat het aantal schooljaren leeg.")
            ]
        if volgnummer:
            errors["volgnummer"] = [_("Een afgewezen aanvraag krijgt geen TLV-nummer. Laat het nummer leeg.")]
    if decided_on is None:
        errors["decided_on"] = [_("Vul de datum in waarop de ouders het besluit kregen.")]
    else:
        problem = dates.date_problem(decided_on, today=day, past_act=True)
        if problem:
            errors["decided_on"] = [problem]
        elif decided_on < tlv_request.received_on:
            errors["decided_on"] = [_("Het besluit kan niet eerder zijn dan de aanvraag. Kijk de datum na.")]
    if not motivation.strip():
        errors["motivation"] = [
            _("Schrijf op waarom het samenwerkingsverband zo besloot, zodat de ouders het kunnen volgen.")
        ]
    if not advice_copy_to_parents:
        errors["advice_copy_to_parents"] = [
            _(
                "De ouders krijgen bij het besluit een kopie van de adviezen van de deskundigen: daar rust "
                "het besluit op (regel TLV-03). Stuur de adviezen mee en vink dit aan."
            )
        ]
    advices = [
        AdviceInput(name=a.name, functie=a.functie, given_on=a.given_on, advice=a.advice)
        for a in tlv_request.advices.all()
    ]
    tlv03 = tlv03_problem(advices)
    if tlv03:
        errors.setdefault(None, []).append(tlv03)
    if errors:
        raise Refused.many(errors, code="decision")
    assert decided_on is not None
    route = objection_route.strip() or str(DEFAULT_OBJECTION_ROUTE)
    with transaction.atomic():
        try:
            decision = TlvDecision.objects.create(
                request=tlv_request,
                outcome=outcome,
                decided_on=decided_on,
                schooljaren=schooljaren if outcome == Outcome.TOEGEKEND else None,
                volgnummer=volgnummer,
                motivation=motivation.strip(),
                advice_copy_to_parents=True,
                objection_route=route,
                decided_by=actor,
            )
        except IntegrityError:
            raise Refused(_("Over deze aanvraag is al besloten.")) from None
        data: dict[str, object] = {
            "swv": tlv_request.swv.organisation.name,
            "outcome": outcome,
            "soort": tlv_request.soort,
        }
        if outcome == Outcome.TOEGEKEND:
            data["schooljaren"] = schooljaren
            data["volgnummer"] = volgnummer
        _record(
            actor=actor,
            child=tlv_request.child,
            events=[NewEvent(type="tlv_besluit", date=decided_on, data=data)],
        )
        audit.tlv_decided(actor=actor, decision=decision)
    return decision


# ---------------------------------------------------------------- waiting lists


def enrolled_school(child: Child, *, on: date) -> SchoolLocation | None:
    """The school the child is enrolled at on `on` (the latest enrolment not ended since)."""
    enrolments = TimelineEvent.objects.filter(
        child=child, type=EventType.INSCHRIJVING, school__isnull=False, date__lte=on
    ).order_by("-date", "-pk")
    for enrolment in enrolments.select_related("school__organisation"):
        ended = TimelineEvent.objects.filter(
            child=child,
            type=EventType.UITSCHRIJVING,
            school=enrolment.school,
            date__gte=enrolment.date,
            date__lte=on,
        ).exists()
        if not ended:
            return enrolment.school
    return None


def add_to_waiting_list(
    *,
    actor: User,
    child: Child,
    school: SchoolLocation | None,
    since: date | None,
    start_on: date | None = None,
    tlv_request: TlvRequest | None = None,
    today: date | None = None,
) -> WaitingListEntry:
    """Put `child` on the waiting list of a special-school location. The school the child is
    enrolled at stays responsible (zorgplicht) while the child waits; Kring records which."""
    day = _today(today)
    if school is None:
        raise Refused(_("Kies de school voor speciaal (basis)onderwijs."), field="school")
    if not policy.may_keep_waiting_list(actor, school):
        raise PermissionDenied(str(policy.NOT_WAITING_LIST_KEEPER))
    if not policy.can_view_child(actor, child):
        raise PermissionDenied(str(policy.NOT_WAITING_LIST_KEEPER))
    errors: dict[str, list[str]] = {}
    if since is None:
        errors["since"] = [_("Vul in sinds wanneer het kind op de wachtlijst staat.")]
    else:
        problem = dates.date_problem(since, today=day, past_act=True, birth_date=child.birth_date)
        if problem:
            errors["since"] = [problem]
    if start_on is not None:
        problem = dates.date_problem(start_on, today=day, past_act=False, birth_date=child.birth_date)
        if problem:
            errors["start_on"] = [problem]
        elif since is not None and start_on < since:
            errors["start_on"] = [
                _("De startdatum ligt voor de datum waarop het kind op de wachtlijst kwam. Kijk de datum na.")
            ]
    if tlv_request is not None and tlv_request.child_id != child.pk:
        errors["tlv_request"] = [_("Deze TLV-aanvraag hoort bij een ander kind.")]
    if errors:
        raise Refused.many(errors, code="waiting_list")
    assert since is not None
    if WaitingListEntry.objects.filter(child=child, school=school, ended_on__isnull=True).exists():
        raise Refused(
            _("%(name)s staat al op de wachtlijst van %(school)s.")
            % {"name": child.first_name, "school": school.organisation.name},
            field="school",
        )
    with transaction.atomic():
        entry = WaitingListEntry.objects.create(
            child=child,
            school=school,
            responsible_school=enrolled_school(child, on=day),
            since=since,
            start_on=start_on,
            tlv_request=tlv_request,
            created_by=actor,
        )
        audit.waiting_added(actor=actor, entry=entry)
    return entry


def end_waiting(
    *, actor: User, entry: WaitingListEntry, ended_on: date | None, reason: str, today: date | None = None
) -> WaitingListEntry:
    """The child is off the waiting list (placed, elsewhere, withdrawn): when and why."""
    day = _today(today)
    if not policy.may_keep_waiting_list(actor, entry.school):
        raise PermissionDenied(str(policy.NOT_WAITING_LIST_KEEPER))
    if entry.ended_on is not None:
        raise Refused(_("Het kind staat al niet meer op deze wachtlijst."))
    errors: dict[str, list[str]] = {}
    if ended_on is None:
        errors["ended_on"] = [_("Vul de datum in waarop het kind van de wachtlijst af ging.")]
    else:
        problem = dates.date_problem(ended_on, today=day, past_act=True)
        if problem:
            errors["ended_on"] = [problem]
        elif ended_on < entry.since:
            errors["ended_on"] = [_("Deze datum ligt voor de datum waarop het kind op de wachtlijst kwam.")]
    if not reason.strip():
        errors["reason"] = [
            _("Schrijf op waarom het kind van de wachtlijst af gaat, bijvoorbeeld: geplaatst.")
        ]
    if errors:
        raise Refused.many(errors, code="waiting_list")
    with transaction.atomic():
        entry.ended_on = ended_on
        entry.end_reason = reason.strip()[:200]
        entry.save(update_fields=["ended_on", "end_reason"])
        audit.waiting_ended(actor=actor, entry=entry)
    return entry


# ---------------------------------------------------------------- support profiles


def add_support_offer(
    *, actor: User, school: SchoolLocation | None, level: str, category: str, description: str
) -> SupportOffer:
    """Add one thing the school offers to its support profile."""
    if school is None:
        raise Refused(_("Kies de schoolvestiging."), field="school")
    if not policy.may_edit_support_profile(actor, school):
        raise PermissionDenied(str(policy.NOT_PROFILE_EDITOR))
    errors: dict[str, list[str]] = {}
    if level not in OfferLevel.values:
        errors["level"] = [_("Kies basisondersteuning of extra ondersteuning.")]
    if category not in OfferCategory.values:
        errors["category"] = [_("Kies het gebied van de ondersteuning.")]
    if not description.strip():
        errors["description"] = [_("Beschrijf kort wat de school biedt.")]
    elif len(description.strip()) > 300:
        errors["description"] = [_("Houd de beschrijving kort: hoogstens 300 tekens.")]
    if errors:
        raise Refused.many(errors, code="support_offer")
    with transaction.atomic():
        offer = SupportOffer.objects.create(
            school=school, level=level, category=category, description=description.strip(), updated_by=actor
        )
        audit.support_offer_added(actor=actor, offer=offer)
    return offer


def remove_support_offer(*, actor: User, offer: SupportOffer) -> None:
    if not policy.may_edit_support_profile(actor, offer.school):
        raise PermissionDenied(str(policy.NOT_PROFILE_EDITOR))
    with transaction.atomic():
        school, offer_id = offer.school, offer.pk
        offer.delete()
        audit.support_offer_removed(actor=actor, offer_id=offer_id, school=school)
