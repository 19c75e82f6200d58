"""Every write of the aanmelding register (issue 10, items 1 and 2).

Each service asks the access policy first (`policy.aanmelding_schools`, `policy.can_handle_aanmelding`),
refuses with `Refused(message, field=...)` naming the service's own input (the page forms and the
API use the same names), writes the facts the rules engine needs through the child's timeline
(`kring.children.services.record_event`, the gateway's batch of one) and its audit line in the
same transaction. A refusal that comes from the law names the rule and its source in its message
and in `details`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.access import policy
from kring.children import services as child_services
from kring.children.models import Child, EventType
from kring.core import dates
from kring.core.errors import Refused, messages_by_field
from kring.organisations.models import SchoolLocation
from kring.privacy.text import refuse_bsn_in_text
from kring.rules.kalender import format_date_nl

from . import audit
from .models import (
    Aanmelding,
    Channel,
    Conclusion,
    HeardHow,
    Outcome,
    ParentResponse,
    RefusalGround,
    Removal,
    StepKind,
    Suspension,
    ZorgplichtStep,
)
from .terms import computed_terms, terms_of

if TYPE_CHECKING:
    from kring.accounts.models import User

ZP03_SOURCE = "WPO art. 40 lid 4; WVO 2020 art. 8.9 lid 2; WEC art. 40"
ZP04_SOURCE = "WPO art. 40 lid 5; WVO 2020 art. 8.9 lid 3"
MAX_TEXT = 5000


def today() -> date:
    return timezone.localdate()


def _law(message: str, *, field: str | None, rule: str, source: str) -> Refused:
    return Refused(message, field=field, code="not_allowed", details={"rule": rule, "source": source})


def _text(value: str | None, field: str, errors: dict[str, list[str]], *, required: str = "") -> str:
    text = (value or "").strip()
    if required and not text:
        errors.setdefault(field, []).append(required)
    elif len(text) > MAX_TEXT:
        errors.setdefault(field, []).append(_("Maak de tekst korter: hoogstens 5000 tekens."))
    else:
        try:
            refuse_bsn_in_text(**{field: text})
        except ValidationError as exc:
            for f, messages in messages_by_field(exc).items():
                errors.setdefault(f or field, []).extend(messages)
    return text


def _raise(errors: Mapping[str, list[str]]) -> None:
    if errors:
        raise Refused.many(errors)


def _day(
    value: Any, field: str, errors: dict[str, list[str]], *, missing: str, birth: date | None = None
) -> date | None:
    if not isinstance(value, date):
        errors.setdefault(field, []).append(missing)
        return None
    problem = dates.date_problem(value, today=today(), past_act=True, birth_date=birth)
    if problem:
        errors.setdefault(field, []).append(problem)
        return None
    return value


def _require_school(actor: User, school: SchoolLocation | None) -> SchoolLocation:
    schools = policy.aanmelding_schools(actor)
    if not schools.exists():
        raise PermissionDenied(_("Alleen een school legt een aanmelding vast."))
    if school is None:
        raise Refused(_("Kies de school waar het kind is aangemeld."), field="school")
    if not schools.filter(pk=school.pk).exists():
        raise Refused(_("Kies een school van je eigen organisatie."), field="school")
    return school


def _require_handle(actor: User | None, aanmelding: Aanmelding) -> None:
    if actor is None or not policy.can_handle_aanmelding(actor, aanmelding):
        raise PermissionDenied(_("Alleen de school waar het kind is aangemeld, legt dit vast."))


def _locked(aanmelding: Aanmelding) -> Aanmelding:
    """The aanmelding, locked for this transaction. Only its own row: PostgreSQL refuses FOR UPDATE
    on the nullable side of the outer joins to the child and the other school."""
    return (
        Aanmelding.objects.select_for_update(of=("self",))
        .select_related("school__organisation", "child", "other_school__organisation")
        .get(pk=aanmelding.pk)
    )


def _timeline(
    actor: User | None,
    a: Aanmelding,
    *,
    type: str,
    on: date,
    field: str,
    data: Mapping[str, Any] | None = None,
) -> None:
    """One fact on the child's timeline, through the gateway; its refusal lands on `field`."""
    assert a.child is not None
    try:
        child_services.record_event(
            actor=actor, child=a.child, type=type, date=on, data=dict(data or {}), school=a.school
        )
    except ValidationError as exc:
        raise Refused.many(
            {field if key in (None, "date") else key: msgs for key, msgs in messages_by_field(exc).items()}
        ) from None


# ---------------------------------------------------------------- registering


def register_aanmelding(
    *,
    actor: User,
    school: SchoolLocation | None,
    received_on: date | None,
    child: Child | None = None,
    new_child: Mapping[str, Any] | None = None,
    support_question: bool = False,
    support_description: str = "",
    parent_email: str = "",
) -> Aanmelding:
    """A written aanmelding the school received: for a child Kring knows (`child`, one the school
    may see) or a child the school registers now (`new_child`: the fields of the children app's
    `register_child`: first_name, last_name, birth_date, bsn, postcode, representatives, ...).
    The `aanmelding` goes on the child's timeline (ZP-05 and ZP-06 follow from it)."""
    school = _require_school(actor, school)
    errors: dict[str, list[str]] = {}
    received = _day(
        received_on, "received_on", errors, missing=_("Vul in op welke dag de school de aanmelding ontving.")
    )
    description = _text(support_description, "support_description", errors)
    if child is None and not new_child:
        errors.setdefault("child", []).append(_("Kies het kind, of registreer het kind hieronder."))
    if child is not None and not policy.can_view_child(actor, child):
        errors.setdefault("child", []).append(_("Dit kind bestaat niet of je mag het niet zien."))
    _raise(errors)
    assert received is not None
    with transaction.atomic():
        if child is None:
            assert new_child is not None
            child = child_services.register_child(
                actor=actor, school=school, applied_on=received, **new_child
            )
        else:
            _require_open_elsewhere(child, school)
            try:
                child_services.record_event(
                    actor=actor, child=child, type=EventType.AANMELDING, date=received, data={}, school=school
                )
            except ValidationError as exc:
                raise Refused.many(
                    {
                        ("received_on" if k in (None, "date") else k): m
                        for k, m in messages_by_field(exc).items()
                    }
                ) from None
        a = Aanmelding.objects.create(
            school=school,
            child=child,
            channel=Channel.SCHOOL,
            received_on=received,
            support_question=bool(support_question),
            support_description=description,
            parent_email=(parent_email or "").strip(),
            registered_by=actor,
        )
        audit.registered(actor=actor, aanmelding=a, due=terms_of(a, today=today()).due)
    return a


def _require_open_elsewhere(child: Child, school: SchoolLocation) -> None:
    if Aanmelding.objects.filter(child=child, school=school, outcome="").exists():
        raise Refused(
            _(
                "Dit kind heeft al een aanmelding bij deze school waarover nog niet is besloten. "
                "Open die aanmelding; een tweede aanmelding start geen nieuwe termijn."
            ),
            field="child",
        )


def schools_taking_online_aanmeldingen() -> Any:
    """The school locations that work in Kring (a school professional has an account there):
    parents can send them an aanmelding through the public page."""
    from kring.accounts.models import User

    active = User.objects.filter(is_active=True, role__in=policy.SCHOOL_ROLES).values("organisation_id")
    return (
        SchoolLocation.objects.filter(organisation_id__in=active)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def submit_online(
    *,
    school: SchoolLocation | None,
    child_first_name: str,
    child_last_name: str,
    child_birth_date: date | None,
    parent_name: str,
    parent_email: str,
    parent_phone: str = "",
    support_question: bool = False,
    support_description: str = "",
) -> Aanmelding:
    """The parents' own written aanmelding through the public page (no account, no actor). It is
    received today; the school takes it in (`take_in`), and the term runs from today."""
    errors: dict[str, list[str]] = {}
    if school is None or not schools_taking_online_aanmeldingen().filter(pk=school.pk).exists():
        errors["school"] = [_("Kies de school uit de lijst.")]
    first = _text(child_first_name, "child_first_name", errors, required=_("Vul de voornaam van je kind in."))
    last = _text(child_last_name, "child_last_name", errors, required=_("Vul de achternaam van je kind in."))
    if not isinstance(child_birth_date, date):
        errors["child_birth_date"] = [_("Vul de geboortedatum van je kind in.")]
    else:
        problem = dates.birth_date_problem(child_birth_date, today=today())
        if problem:
            errors["child_birth_date"] = [problem]
    name = _text(parent_name, "parent_name", errors, required=_("Vul je naam in."))
    email = (parent_email or "").strip()
    if not email:
        errors["parent_email"] = [_("Vul je e-mailadres in. Daar sturen we de ontvangstbevestiging naartoe.")]
    description = _text(support_description, "support_description", errors)
    if support_question and not description:
        errors["support_description"] = [
            _("Vertel kort wat je kind nodig heeft. Dan weet de school wat zij moet onderzoeken.")
        ]
    _raise(errors)
    assert school is not None
    with transaction.atomic():
        a = Aanmelding.objects.create(
            school=school,
            channel=Channel.ONLINE,
            received_on=today(),
            child_first_name=first,
            child_last_name=last,
            child_birth_date=child_birth_date,
            parent_name=name,
            parent_email=email,
            parent_phone=(parent_phone or "").strip(),
            support_question=bool(support_question),
            support_description=description,
        )
        audit.registered(actor=None, aanmelding=a, due=computed_terms(a.received_on, extended=False).due)
    return a


def take_in(
    *,
    actor: User,
    aanmelding: Aanmelding,
    child: Child | None = None,
    new_child: Mapping[str, Any] | None = None,
) -> Aanmelding:
    """The school takes in an aanmelding the parents sent online: it names the child (one it may
    see, or one it registers now). The `aanmelding` goes on the timeline dated the day Kring
    received it: the term ran from then."""
    _require_handle(actor, aanmelding)
    with transaction.atomic():
        a = _locked(aanmelding)
        if a.child_id is not None:
            raise Refused(_("Deze aanmelding is al in behandeling genomen."))
        if child is None and not new_child:
            raise Refused(_("Kies het kind, of registreer het kind hieronder."), field="child")
        if child is not None:
            if not policy.can_view_child(actor, child):
                raise Refused(_("Dit kind bestaat niet of je mag het niet zien."), field="child")
            _require_open_elsewhere(child, a.school)
            _timeline(actor, a_with(a, child), type=EventType.AANMELDING, on=a.received_on, field="child")
        else:
            assert new_child is not None
            child = child_services.register_child(
                actor=actor, school=a.school, applied_on=a.received_on, **new_child
            )
        a.child = child
        a.save(update_fields=["child"])
        audit.taken_in(actor=actor, aanmelding=a)
    return a


def a_with(a: Aanmelding, child: Child) -> Aanmelding:
    a.child = child
    return a


# ---------------------------------------------------------------- the receipt


@dataclass(frozen=True)
class Receipt:
    aanmelding: Aanmelding
    pdf: bytes
    mailed_to: str


def issue_receipt(*, actor: User | None, aanmelding: Aanmelding) -> Receipt:
    """Kring's dated receipt: a PDF, and an e-mail with it to the parents when an address is known.
    The school issues it (the actor), or Kring itself right after an online aanmelding (None)."""
    from .documents import receipt_pdf
    from .mail import receipt_address, send_receipt

    if actor is not None:
        _require_handle(actor, aanmelding)
    with transaction.atomic():
        a = _locked(aanmelding)
        if a.receipt_on is None:
            a.receipt_on = today()
        terms = terms_of(a, today=today())
        pdf = receipt_pdf(a, terms)
        address = receipt_address(a)
        if address:
            send_receipt(a, terms, pdf, address)
            a.receipt_mailed_to = address
        a.save(update_fields=["receipt_on", "receipt_mailed_to"])
        audit.receipt_sent(actor=actor, aanmelding=a, mailed=bool(address))
    return Receipt(a, pdf, address)


# ---------------------------------------------------------------- extension, investigation, decision


def _require_child(a: Aanmelding) -> None:
    if a.child_id is None:
        raise Refused(_("Neem de aanmelding eerst in behandeling: kies of registreer het kind."))


def _require_open(a: Aanmelding) -> None:
    if a.outcome:
        raise Refused(
            _("Over deze aanmelding is al besloten op %(day)s. Een besluit verandert niet meer.")
            % {"day": format_date_nl(a.decided_on)}
        )


def extend_term(
    *, actor: User, aanmelding: Aanmelding, extended_on: date | None, extension_reason: str
) -> Aanmelding:
    """The one extension of the decision term by 4 weeks (ZP-05), told to the parents within the
    first 6 weeks."""
    _require_handle(actor, aanmelding)
    with transaction.atomic():
        a = _locked(aanmelding)
        _require_child(a)
        _require_open(a)
        errors: dict[str, list[str]] = {}
        on = _day(
            extended_on,
            "extended_on",
            errors,
            missing=_("Vul in op welke dag de school de ouders dit liet weten."),
        )
        why = _text(
            extension_reason,
            "extension_reason",
            errors,
            required=_("Schrijf op waarom de school meer tijd nodig heeft."),
        )
        _raise(errors)
        assert on is not None
        terms = computed_terms(a.received_on, extended=False)
        if a.extended_on is not None:
            raise _law(
                _(
                    "De beslistermijn is al verlengd op %(day)s. De wet staat één verlenging toe, van "
                    "hoogstens 4 weken (ZP-05, %(source)s)."
                )
                % {"day": format_date_nl(a.extended_on), "source": terms.zp05_source},
                field=None,
                rule="ZP-05",
                source=terms.zp05_source,
            )
        if on < a.received_on:
            raise Refused(_("De verlenging kan niet vóór de aanmelding liggen."), field="extended_on")
        if on > terms.extension_last_day:
            raise _law(
                _(
                    "Verlengen kan alleen binnen de eerste 6 weken, dus uiterlijk op %(last)s. De school "
                    "moet de ouders dan laten weten dat zij meer tijd nodig heeft (ZP-05, %(source)s). "
                    "Die dag is voorbij: neem nu een besluit."
                )
                % {"last": format_date_nl(terms.extension_last_day), "source": terms.zp05_source},
                field="extended_on",
                rule="ZP-05",
                source=terms.zp05_source,
            )
        _timeline(actor, a, type=EventType.AANMELDING_VERLENGING, on=on, field="extended_on")
        a.extended_on, a.extension_reason = on, why
        a.version += 1
        a.save(update_fields=["extended_on", "extension_reason", "version"])
        audit.extended(actor=actor, aanmelding=a, due=terms_of(a, today=today()).due)
    return a


def record_step(
    *, actor: User, aanmelding: Aanmelding, kind: str, on: date | None, description: str
) -> ZorgplichtStep:
    """One step of the investigation (ZP-02): information asked from the parents, an observation,
    a consultation with the samenwerkingsverband, or something else."""
    _require_handle(actor, aanmelding)
    with transaction.atomic():
        a = _locked(aanmelding)
        _require_child(a)
        errors: dict[str, list[str]] = {}
        if kind not in StepKind.values:
            errors["kind"] = [_("Kies wat voor stap het is.")]
        day = _day(on, "on", errors, missing=_("Vul de datum van de stap in."))
        if day is not None and day < a.received_on:
            errors["on"] = [
                _("Het onderzoek begint bij de aanmelding: kies een datum op of na %(day)s.")
                % {"day": format_date_nl(a.received_on)}
            ]
        text = _text(
            description, "description", errors, required=_("Schrijf op wat er is gedaan en wat eruit kwam.")
        )
        _raise(errors)
        assert day is not None
        step = ZorgplichtStep.objects.create(
            aanmelding=a, kind=kind, on=day, description=text, recorded_by=actor
        )
        audit.step_recorded(actor=actor, step=step)
    return step


def conclude(
    *,
    actor: User,
    aanmelding: Aanmelding,
    support_needed: str,
    conclusion: str,
    substantiation: str,
    concluded_on: date | None,
) -> Aanmelding:
    """What the child needs and the school's conclusion, with its substantiation (ZP-02, ZP-03)."""
    _require_handle(actor, aanmelding)
    with transaction.atomic():
        a = _locked(aanmelding)
        _require_child(a)
        _require_open(a)
        if not a.support_question:
            raise Refused(
                _(
                    "Deze aanmelding heeft geen ondersteuningsvraag. Het onderzoek naar de zorgplicht is dan "
                    "niet nodig."
                )
            )
        errors: dict[str, list[str]] = {}
        needed = _text(
            support_needed, "support_needed", errors, required=_("Schrijf op wat het kind nodig heeft.")
        )
        if conclusion not in Conclusion.values:
            errors["conclusion"] = [_("Kies de conclusie van de school.")]
        why = _text(
            substantiation,
            "substantiation",
            errors,
            required=_(
                "Onderbouw de conclusie: wat heeft de school onderzocht en waarom komt zij hierop uit?"
            ),
        )
        day = _day(concluded_on, "concluded_on", errors, missing=_("Vul de datum van de conclusie in."))
        _raise(errors)
        a.support_needed, a.conclusion, a.conclusion_substantiation, a.concluded_on = (
            needed,
            conclusion,
            why,
            day,
        )
        a.version += 1
        a.save(
            update_fields=[
                "support_needed",
                "conclusion",
                "conclusion_substantiation",
                "concluded_on",
                "version",
            ]
        )
        audit.concluded(actor=actor, aanmelding=a)
    return a


def decide(
    *,
    actor: User,
    aanmelding: Aanmelding,
    outcome: str,
    decided_on: date | None,
    reasons: str = "",
    refusal_ground: str = "",
    other_school: SchoolLocation | None = None,
    other_school_confirmed_on: date | None = None,
    other_school_confirmed_by: str = "",
) -> Aanmelding:
    """The school's decision: admitted; refused on a ground of the law (ZP-04); or a place at
    another named school that confirmed it has room (ZP-03). A school that concluded it cannot
    offer the support may only decide the last."""
    _require_handle(actor, aanmelding)
    with transaction.atomic():
        a = _locked(aanmelding)
        _require_child(a)
        _require_open(a)
        errors: dict[str, list[str]] = {}
        if outcome not in Outcome.values:
            raise Refused(_("Kies het besluit."), field="outcome")
        day = _day(decided_on, "decided_on", errors, missing=_("Vul de datum van het besluit in."))
        if day is not None and day < a.received_on:
            errors["decided_on"] = [
                _("Het besluit kan niet vóór de aanmelding liggen (%(day)s).")
                % {"day": format_date_nl(a.received_on)}
            ]
        why = _text(reasons, "reasons", errors)
        cannot = a.conclusion == Conclusion.KAN_NIET_BIEDEN
        if cannot and outcome != Outcome.PLAATS_ELDERS:
            raise _law(
                _(
                    "De school heeft geconcludeerd dat zij de ondersteuning niet kan bieden. Dan mag zij het "
                    "kind "
                    "alleen afwijzen als een andere school heeft bevestigd dat zij het kind kan en wil "
                    "toelaten "
                    "(zorgplicht, ZP-03, %(source)s). Kies 'Plaats op een andere school' en noem die school."
                )
                % {"source": ZP03_SOURCE},
                field="outcome",
                rule="ZP-03",
                source=ZP03_SOURCE,
            )
        if outcome == Outcome.AFGEWEZEN:
            if refusal_ground not in RefusalGround.values:
                raise _law(
                    _(
                        "Een school mag een kind alleen afwijzen zonder een andere school te vinden als zij "
                        "vol "
                        "is, als de ouders de grondslag niet respecteren of (vo) als het kind niet aan de "
                        "toelatingseisen voldoet (ZP-04, %(source)s). Kies de grond. Gaat het om de "
                        "ondersteuning? Dan moet de school een andere school vinden (ZP-03)."
                    )
                    % {"source": ZP04_SOURCE},
                    field="refusal_ground",
                    rule="ZP-04",
                    source=ZP04_SOURCE,
                )
            if refusal_ground == RefusalGround.TOELATINGSEISEN and a.school.sector == "po":
                errors["refusal_ground"] = [
                    _("Toelatingseisen gelden alleen in het voortgezet onderwijs (vo).")
                ]
            if not why:
                errors["reasons"] = [_("Leg de ouders uit waarom het kind is afgewezen.")]
        if outcome == Outcome.PLAATS_ELDERS:
            if other_school is None:
                errors["other_school"] = [_("Noem de school die het kind een plaats biedt.")]
            elif other_school.pk == a.school_id:
                errors["other_school"] = [_("Kies een andere school dan deze.")]
            if other_school_confirmed_on is None:
                errors["other_school_confirmed_on"] = [
                    _(
                        "Vul in wanneer de andere school heeft bevestigd dat er plaats is. Zonder die "
                        "bevestiging is de zorgplicht niet vervuld (ZP-03, %(source)s)."
                    )
                    % {"source": ZP03_SOURCE}
                ]
            elif day is not None and other_school_confirmed_on > day:
                errors["other_school_confirmed_on"] = [
                    _("De andere school moet de plaats bevestigen vóór of op de dag van het besluit.")
                ]
            elif other_school_confirmed_on < a.received_on:
                errors["other_school_confirmed_on"] = [
                    _("De bevestiging kan niet vóór de aanmelding liggen.")
                ]
            if not (other_school_confirmed_by or "").strip():
                errors["other_school_confirmed_by"] = [
                    _("Noem wie van de andere school de plaats bevestigde.")
                ]
            if not why:
                errors["reasons"] = [
                    _("Leg de ouders uit waarom deze school beter past bij wat het kind nodig heeft.")
                ]
        _raise(errors)
        assert day is not None
        contract = "toegelaten" if outcome == Outcome.TOEGELATEN else "afgewezen"
        _timeline(
            actor,
            a,
            type=EventType.AANMELDING_BESLUIT,
            on=day,
            field="decided_on",
            data={"outcome": contract},
        )
        a.outcome, a.decided_on, a.decision_reasons = outcome, day, why
        a.refusal_ground = refusal_ground if outcome == Outcome.AFGEWEZEN else ""
        if outcome == Outcome.PLAATS_ELDERS:
            a.other_school = other_school
            a.other_school_confirmed_on = other_school_confirmed_on
            a.other_school_confirmed_by = other_school_confirmed_by.strip()
        a.version += 1
        a.save()
        audit.decided(actor=actor, aanmelding=a)
    return a


def record_response(
    *, actor: User, aanmelding: Aanmelding, response: str, response_on: date | None, note: str = ""
) -> Aanmelding:
    """The parents' response to the decision (agreed, not agreed, objection or the Geschillencommissie)."""
    _require_handle(actor, aanmelding)
    with transaction.atomic():
        a = _locked(aanmelding)
        if not a.outcome:
            raise Refused(_("Er is nog geen besluit. Leg eerst het besluit vast."))
        errors: dict[str, list[str]] = {}
        if response not in ParentResponse.values:
            errors["response"] = [_("Kies de reactie van de ouders.")]
        day = _day(response_on, "response_on", errors, missing=_("Vul de datum van de reactie in."))
        if day is not None and a.decided_on is not None and day < a.decided_on:
            errors["response_on"] = [
                _("De reactie kan niet vóór het besluit liggen (%(day)s).")
                % {"day": format_date_nl(a.decided_on)}
            ]
        text = _text(note, "note", errors)
        _raise(errors)
        a.response, a.response_on, a.response_note = response, day, text
        a.version += 1
        a.save(update_fields=["response", "response_on", "response_note", "version"])
        audit.responded(actor=actor, aanmelding=a)
    return a


# ---------------------------------------------------------------- schorsing and verwijdering (item 8)

ZP10_SOURCE = "WPO art. 40c; WVO 2020 art. 8.14; WEC art. 40a"
ZP11_SOURCE = "WPO art. 40 lid 11; WVO 2020 art. 8.15; WEC art. 40"
HEARING_SOURCE = "WPO art. 40 lid 11; WVO 2020 art. 8.15 lid 3; WEC art. 40 lid 18"
MAX_SUSPENSION_DAYS = 7


def _require_discipline_school(actor: User, child: Child, school: SchoolLocation | None) -> SchoolLocation:
    """The school where the child is enrolled, of the actor's own (the policy decides)."""
    schools = policy.discipline_schools(actor, child)
    if not schools.exists():
        raise PermissionDenied(
            _("Alleen de school waar het kind staat ingeschreven, legt een schorsing of verwijdering vast.")
        )
    if school is None:
        if schools.count() == 1:
            return schools.get()
        raise Refused(_("Kies de school."), field="school")
    if not schools.filter(pk=school.pk).exists():
        raise Refused(
            _("Kies een school van je eigen organisatie waar het kind staat ingeschreven."), field="school"
        )
    return school


def _any_day(
    value: Any, field: str, errors: dict[str, list[str]], *, missing: str, child: Child
) -> date | None:
    """A date that may lie ahead (a suspension or removal is decided before it starts)."""
    if not isinstance(value, date):
        errors.setdefault(field, []).append(missing)
        return None
    problem = dates.date_problem(value, today=today(), past_act=False, birth_date=child.birth_date)
    if problem:
        errors.setdefault(field, []).append(problem)
        return None
    return value


def _past_day(value: Any, field: str, errors: dict[str, list[str]], *, child: Child) -> date | None:
    """An optional date of something that has happened."""
    if value is None:
        return None
    return _day(value, field, errors, missing="", birth=child.birth_date)


def _write_timeline(actor: User, child: Child, events: list[Any], fields: list[Mapping[str, str]]) -> None:
    """The facts on the child's timeline, all or nothing, through the one gateway; a refusal of
    event `i` lands on the service's field named by `fields[i]` (its `date`, its `to`, ...)."""
    from kring.children import timeline

    try:
        timeline.record_events(actor=actor, child=child, events=events)
    except timeline.EventInvalid as exc:
        names = fields[exc.index]
        raise Refused.many(
            {names.get(key or "date", names["date"]): msgs for key, msgs in messages_by_field(exc).items()}
        ) from None


def record_suspension(
    *,
    actor: User,
    child: Child,
    school: SchoolLocation | None,
    date_from: date | None,
    date_to: date | None,
    reason: str,
    parents_heard_on: date | None = None,
    parents_heard_how: str = "",
    inspectorate_reported_on: date | None = None,
) -> Suspension:
    """A suspension the school decided: at most a week (ZP-10). Longer than one day, the school
    has told the inspectie in writing (the day it did, from the first day of the suspension); a
    suspension that starts later is recorded now and its report added once it is sent
    (`report_suspension`). The `schorsing` (and `schorsing_gemeld_inspectie`) go on the timeline."""
    from kring.children import timeline

    school = _require_discipline_school(actor, child, school)
    errors: dict[str, list[str]] = {}
    start = _any_day(
        date_from, "date_from", errors, missing=_("Vul de eerste dag van de schorsing in."), child=child
    )
    end = _any_day(
        date_to, "date_to", errors, missing=_("Vul de laatste dag van de schorsing in."), child=child
    )
    why = _text(
        reason,
        "reason",
        errors,
        required=_("Schrijf op waarom het kind is geschorst. De ouders lezen dit in de brief."),
    )
    heard = _past_day(parents_heard_on, "parents_heard_on", errors, child=child)
    how = (parents_heard_how or "").strip()
    if heard is not None and how not in HeardHow.values:
        errors["parents_heard_how"] = [_("Kies hoe de ouders zijn gehoord.")]
    if heard is None and how:
        errors["parents_heard_on"] = [_("Vul in wanneer de ouders zijn gehoord.")]
    reported = _past_day(inspectorate_reported_on, "inspectorate_reported_on", errors, child=child)
    if start is not None and end is not None and end < start:
        errors["date_to"] = [_("De laatste dag kan niet vóór de eerste dag liggen.")]
    _raise(errors)
    assert start is not None and end is not None
    days = (end - start).days + 1
    if days > MAX_SUSPENSION_DAYS:
        raise _law(
            _(
                "Een schorsing duurt hoogstens 1 week (7 dagen). Deze schorsing duurt %(days)s dagen. Kies "
                "een "
                "kortere periode (ZP-10, %(source)s). Is een langere maatregel nodig? Dan gaat het om "
                "verwijdering, met de regels die daarvoor gelden."
            )
            % {"days": days, "source": ZP10_SOURCE},
            field="date_to",
            rule="ZP-10",
            source=ZP10_SOURCE,
        )
    if reported is not None and reported < start:
        raise Refused(
            _(
                "Vul de dag in waarop de school de inspectie informeerde, op of na de eerste dag van de "
                "schorsing (%(day)s). Is de melding nog niet verstuurd? Laat het veld dan leeg en leg de "
                "melding vast zodra zij is verstuurd."
            )
            % {"day": format_date_nl(start)},
            field="inspectorate_reported_on",
        )
    if days > 1 and reported is None and start <= today():
        raise _law(
            _(
                "Deze schorsing duurt langer dan 1 dag. Dan moet de school de inspectie schriftelijk "
                "informeren, "
                "met de reden (ZP-10, %(source)s). Meld de schorsing bij de inspectie (Kring maakt de "
                "melding "
                "voor je, na het vastleggen) en vul in op welke dag je dat deed."
            )
            % {"source": ZP10_SOURCE},
            field="inspectorate_reported_on",
            rule="ZP-10",
            source=ZP10_SOURCE,
        )
    events = [
        timeline.NewEvent(type=EventType.SCHORSING, date=start, data={"to": end.isoformat()}, school=school)
    ]
    fields: list[Mapping[str, str]] = [{"date": "date_from", "to": "date_to"}]
    if reported is not None:
        events.append(
            timeline.NewEvent(type=EventType.SCHORSING_GEMELD_INSPECTIE, date=reported, school=school)
        )
        fields.append({"date": "inspectorate_reported_on"})
    with transaction.atomic():
        _write_timeline(actor, child, events, fields)
        suspension = Suspension.objects.create(
            child=child,
            school=school,
            date_from=start,
            date_to=end,
            reason=why,
            parents_heard_on=heard,
            parents_heard_how=how if heard is not None else "",
            inspectorate_reported_on=reported,
            recorded_by=actor,
        )
        audit.suspension_recorded(actor=actor, suspension=suspension)
    return suspension


def report_suspension(*, actor: User, suspension: Suspension, reported_on: date | None) -> Suspension:
    """The day the school told the inspectie about a suspension of more than one day (ZP-10): a
    `schorsing_gemeld_inspectie` on the timeline, from the suspension's first day."""
    from kring.children import timeline

    if not policy.can_handle_suspension(actor, suspension):
        raise PermissionDenied(_("Alleen de school die het kind schorste, legt de melding vast."))
    with transaction.atomic():
        s = (
            Suspension.objects.select_for_update(of=("self",))
            .select_related("child", "school")
            .get(pk=suspension.pk)
        )
        if s.inspectorate_reported_on is not None:
            raise Refused(
                _("De melding aan de inspectie is al vastgelegd op %(day)s.")
                % {"day": format_date_nl(s.inspectorate_reported_on)}
            )
        errors: dict[str, list[str]] = {}
        day = _day(
            reported_on,
            "reported_on",
            errors,
            missing=_("Vul in op welke dag de school de inspectie informeerde."),
            birth=s.child.birth_date,
        )
        if day is not None and day < s.date_from:
            errors["reported_on"] = [
                _(
                    "Kring telt de melding vanaf de eerste dag van de schorsing (%(day)s). Kies die dag of "
                    "later."
                )
                % {"day": format_date_nl(s.date_from)}
            ]
        _raise(errors)
        assert day is not None
        _write_timeline(
            actor,
            s.child,
            [timeline.NewEvent(type=EventType.SCHORSING_GEMELD_INSPECTIE, date=day, school=s.school)],
            [{"date": "reported_on"}],
        )
        s.inspectorate_reported_on = day
        s.save(update_fields=["inspectorate_reported_on"])
        audit.suspension_reported(actor=actor, suspension=s)
    return s


def record_removal(
    *,
    actor: User,
    child: Child,
    school: SchoolLocation | None,
    decided_on: date | None,
    effective_on: date | None,
    reason: str,
    parents_heard_on: date | None,
    willing_school: SchoolLocation | None = None,
    willing_school_name: str = "",
    willing_confirmed_on: date | None = None,
    gemeente_informed_on: date | None = None,
) -> Removal:
    """A removal the school board decided. The parents were heard first; a leerplichtig pupil only
    once another school has confirmed it is willing to admit the pupil (ZP-11: the timeline's
    gateway refuses a `verwijdering` without an `andere_school_bereid` on or before it). The
    `andere_school_bereid` and the `verwijdering` go on the timeline together."""
    from kring.children import timeline

    school = _require_discipline_school(actor, child, school)
    errors: dict[str, list[str]] = {}
    decided = _day(
        decided_on,
        "decided_on",
        errors,
        missing=_("Vul de datum van het besluit in."),
        birth=child.birth_date,
    )
    effective = _any_day(
        effective_on if effective_on is not None else decided,
        "effective_on",
        errors,
        missing=_("Vul in op welke dag de verwijdering ingaat."),
        child=child,
    )
    why = _text(
        reason,
        "reason",
        errors,
        required=_("Schrijf op waarom het kind wordt verwijderd. De ouders lezen dit in het besluit."),
    )
    name = (willing_school_name or "").strip()
    if willing_school is not None and name:
        errors["willing_school_name"] = [_("Kies de school uit de lijst óf typ haar naam, niet allebei.")]
    if willing_school is not None and willing_school.pk == school.pk:
        errors["willing_school"] = [_("Kies een andere school dan deze.")]
    confirmed = _past_day(willing_confirmed_on, "willing_confirmed_on", errors, child=child)
    informed = _past_day(gemeente_informed_on, "gemeente_informed_on", errors, child=child)
    if decided is not None and effective is not None and effective < decided:
        errors["effective_on"] = [_("De verwijdering kan niet ingaan vóór het besluit.")]
    if decided is not None and informed is not None and informed < decided:
        errors["gemeente_informed_on"] = [_("De melding aan de gemeente kan niet vóór het besluit liggen.")]
    _raise(errors)
    assert decided is not None and effective is not None
    if parents_heard_on is None:
        raise _law(
            _(
                "Voordat de school een kind verwijdert, hoort zij de ouders (%(source)s). Vul in wanneer de "
                "ouders zijn gehoord. Zijn zij nog niet gehoord? Nodig ze dan eerst uit voor een gesprek."
            )
            % {"source": HEARING_SOURCE},
            field="parents_heard_on",
            rule="ZP-11",
            source=HEARING_SOURCE,
        )
    heard = _day(parents_heard_on, "parents_heard_on", errors, missing="", birth=child.birth_date)
    if heard is not None and heard > decided:
        errors["parents_heard_on"] = [
            _("De ouders worden gehoord vóór het besluit. Kies een dag op of vóór %(day)s.")
            % {"day": format_date_nl(decided)}
        ]
    has_school = willing_school is not None or bool(name)
    if has_school and confirmed is None:
        errors["willing_confirmed_on"] = [
            _("Vul in wanneer de andere school bevestigde dat zij het kind wil toelaten.")
        ]
    if not has_school and confirmed is not None:
        errors["willing_school"] = [_("Noem de school die bevestigde dat zij het kind wil toelaten.")]
    if confirmed is not None and confirmed > effective:
        errors["willing_confirmed_on"] = [
            _(
                "De andere school moet bevestigen vóór of op de dag dat de verwijdering ingaat (%(day)s), "
                "anders "
                "telt haar bevestiging niet (ZP-11, %(source)s)."
            )
            % {"day": format_date_nl(effective), "source": ZP11_SOURCE}
        ]
    _raise(errors)
    assert heard is not None
    events: list[Any] = []
    fields: list[Mapping[str, str]] = []
    if has_school:
        assert confirmed is not None
        events.append(
            timeline.NewEvent(
                type=EventType.ANDERE_SCHOOL_BEREID,
                date=confirmed,
                data={"school": willing_school.organisation.name if willing_school is not None else name},
                school=willing_school,
            )
        )
        fields.append({"date": "willing_confirmed_on", "school": "willing_school"})
    events.append(timeline.NewEvent(type=EventType.VERWIJDERING, date=effective, school=school))
    fields.append({"date": "effective_on"})
    with transaction.atomic():
        try:
            _write_timeline(actor, child, events, fields)
        except timeline.EventRefused as exc:
            raise _law(
                _(
                    "Dit kind is leerplichtig. Dan mag de school het pas verwijderen als een andere school "
                    "heeft "
                    "bevestigd dat zij het kind wil toelaten (ZP-11, %(source)s). Zoek eerst samen met de "
                    "ouders "
                    "en het samenwerkingsverband een school, en noem die school hier met de dag van haar "
                    "bevestiging."
                )
                % {"source": exc.source or ZP11_SOURCE},
                field="willing_school",
                rule=exc.rule or "ZP-11",
                source=exc.source or ZP11_SOURCE,
            ) from None
        removal = Removal.objects.create(
            child=child,
            school=school,
            decided_on=decided,
            effective_on=effective,
            reason=why,
            parents_heard_on=heard,
            willing_school=willing_school,
            willing_school_name=name,
            willing_confirmed_on=confirmed,
            gemeente_informed_on=informed,
            recorded_by=actor,
        )
        audit.removal_recorded(actor=actor, removal=removal)
    return removal


def record_gemeente_informed(*, actor: User, removal: Removal, informed_on: date | None) -> Removal:
    """The day the school sent the notice of a removal to the gemeente (Leerplichtwet art. 18
    lid 1: at once), when it was not known yet when the removal was recorded."""
    if not policy.can_handle_removal(actor, removal):
        raise PermissionDenied(_("Alleen de school die het kind verwijderde, legt de melding vast."))
    with transaction.atomic():
        r = (
            Removal.objects.select_for_update(of=("self",))
            .select_related("child", "school")
            .get(pk=removal.pk)
        )
        if r.gemeente_informed_on is not None:
            raise Refused(
                _("De melding aan de gemeente is al vastgelegd op %(day)s.")
                % {"day": format_date_nl(r.gemeente_informed_on)}
            )
        errors: dict[str, list[str]] = {}
        day = _day(
            informed_on,
            "informed_on",
            errors,
            missing=_("Vul in op welke dag de school de gemeente informeerde."),
            birth=r.child.birth_date,
        )
        if day is not None and day < r.decided_on:
            errors["informed_on"] = [_("De melding aan de gemeente kan niet vóór het besluit liggen.")]
        _raise(errors)
        r.gemeente_informed_on = day
        r.save(update_fields=["gemeente_informed_on"])
        audit.removal_reported(actor=actor, removal=r)
    return r
