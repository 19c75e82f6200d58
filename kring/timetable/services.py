"""Every write of the afwijking van de onderwijstijd: the school records a reduced timetable, its
request to the inspectorate, the inspectorate's consent, and the end.

The policy decides who (`kring.access.policy`: the school where the child is enrolled). A refusal
names its field and, where the law is why, the rule and its source (OT-02: WPO art. 8 lid 10; WEC
art. 12 lid 2). The facts for the rules engine go to the child's timeline through its one gateway
(`kring.children.timeline.record_events`) in the same transaction as the row and its audit line, so
the engine's OT-02 (the consent comes first) and TZ-06 (a verborgen thuiszitter after 28 days)
follow from them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kring.access import policy
from kring.children import services as child_services
from kring.children.models import Child
from kring.children.timeline import NewEvent, record_events
from kring.core import dates
from kring.core.errors import Refused, messages_by_field
from kring.organisations.models import SchoolLocation
from kring.privacy.text import refuse_bsn_in_text
from kring.rules import rule_for

from . import audit
from .models import Ground, ReducedTimetable

if TYPE_CHECKING:
    from kring.accounts.models import User

__all__ = [
    "OT02",
    "end_reduced_timetable",
    "ot02_source",
    "record_inspectorate_consent",
    "record_inspectorate_request",
    "record_reduced_timetable",
]

OT02 = "OT-02"
MAX_TEXT = 4000
MAX_HOURS = Decimal("40")


def ot02_source() -> str:
    """The legal source of OT-02 as the rules catalog states it."""
    rule = rule_for(OT02)
    return rule.source if rule is not None else "WPO art. 8 lid 10; WEC art. 12 lid 2"


def _law(message: str, *, field: str | None) -> Refused:
    return Refused(message, field=field, code="not_allowed", details={"rule": OT02, "source": ot02_source()})


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _date(
    value: date | None,
    field: str,
    errors: dict[str, list[str]],
    *,
    today: date,
    past_act: bool,
    child: Child,
    missing: str = "",
) -> date | None:
    if value is None:
        if missing:
            errors.setdefault(field, []).append(missing)
        return None
    problem = dates.date_problem(value, today=today, past_act=past_act, birth_date=child.birth_date)
    if problem:
        errors.setdefault(field, []).append(problem)
        return None
    return value


def _hours(value: Any, field: str, errors: dict[str, list[str]], *, required: bool) -> Decimal | None:
    if value in (None, ""):
        if required:
            errors.setdefault(field, []).append(_("Vul in hoeveel uur onderwijs per week het kind krijgt."))
        return None
    try:
        hours = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        errors.setdefault(field, []).append(_("Vul een aantal uren in, bijvoorbeeld 12 of 12,5."))
        return None
    if not hours.is_finite() or hours < 0 or hours > MAX_HOURS:
        errors.setdefault(field, []).append(_("Vul een aantal uren in van 0 tot en met 40."))
        return None
    if hours != hours.quantize(Decimal("0.1")):
        errors.setdefault(field, []).append(_("Vul de uren in op een half of heel uur, bijvoorbeeld 12,5."))
        return None
    return hours


def _raise(errors: Mapping[str, list[str]]) -> None:
    if errors:
        raise Refused.many(errors)


def _timeline(actor: User, child: Child, events: Sequence[NewEvent], *, field: str) -> list[Any]:
    """The facts on the child's timeline, through the gateway; a refusal about the date lands on `field`."""
    try:
        return record_events(actor=actor, child=child, events=events)
    except ValidationError as exc:
        raise Refused.many(
            {field if key in (None, "date") else key: msgs for key, msgs in messages_by_field(exc).items()}
        ) from None


def _reduction_event(timetable: ReducedTimetable) -> NewEvent:
    data: dict[str, Any] = {"uren_per_week": timetable.hours_per_week}
    if timetable.ends_on is not None:
        data["to"] = timetable.ends_on
    return NewEvent(
        type="onderwijstijd_verminderd", date=timetable.starts_on, school=timetable.school, data=data
    )


# ---------------------------------------------------------------- recording a reduced timetable


def record_reduced_timetable(
    *,
    actor: User,
    child: Child,
    school: SchoolLocation | None,
    hours_per_week: Decimal | str | None,
    starts_on: date | None,
    ground: str,
    reason: str,
    ends_on: date | None = None,
    normal_hours_per_week: Decimal | str | None = None,
    requested_on: date | None = None,
    today: date | None = None,
) -> ReducedTimetable:
    """The school records that `child` gets fewer hours of education than the law prescribes: how
    many hours a week, from when (until when), and why. The fact goes to the timeline, so the engine
    shows at once whether the inspectorate's consent is missing (OT-02)."""
    day = _today(today)
    schools = policy.reduced_timetable_schools(actor, child)
    if not schools.exists():
        raise PermissionDenied(str(policy.NOT_TIMETABLE_SCHOOL))
    if school is None or not schools.filter(pk=school.pk).exists():
        raise Refused(
            _(
                "Kies de school waar het kind staat ingeschreven: die school legt de minder onderwijstijd "
                "vast."
            ),
            field="school",
        )
    errors: dict[str, list[str]] = {}
    hours = _hours(hours_per_week, "hours_per_week", errors, required=True)
    normal = _hours(normal_hours_per_week, "normal_hours_per_week", errors, required=False)
    if hours is not None and normal is not None and hours >= normal:
        errors.setdefault("hours_per_week", []).append(
            _(
                "Het kind krijgt dan niet minder uren dan normaal. Vul bij de uren per week minder in dan de "
                "normale %(normaal)s uur, of laat de normale uren leeg."
            )
            % {"normaal": str(normal.normalize()).replace(".", ",")}
        )
    start = _date(
        starts_on,
        "starts_on",
        errors,
        today=day,
        past_act=False,
        child=child,
        missing=_("Vul in vanaf welke dag het kind minder onderwijs krijgt."),
    )
    end = _date(ends_on, "ends_on", errors, today=day, past_act=False, child=child)
    if start is not None and end is not None and end < start:
        errors.setdefault("ends_on", []).append(_("De einddatum ligt voor de begindatum. Kijk de datums na."))
    asked = _date(requested_on, "requested_on", errors, today=day, past_act=True, child=child)
    if ground not in Ground.values:
        errors.setdefault("ground", []).append(
            _(
                "Kies de reden: lichamelijk, psychisch of allebei. Minder onderwijstijd mag alleen om "
                "lichamelijke of psychische redenen van het kind (regel %(regel)s, %(bron)s)."
            )
            % {"regel": OT02, "bron": ot02_source()}
        )
    text = (reason or "").strip()
    if not text:
        errors.setdefault("reason", []).append(
            _("Schrijf op waarom het kind minder onderwijs krijgt, zo dat de ouders het begrijpen.")
        )
    elif len(text) > MAX_TEXT:
        errors.setdefault("reason", []).append(_("Maak de tekst korter: hoogstens 4000 tekens."))
    else:
        try:
            refuse_bsn_in_text(reason=text)
        except ValidationError as exc:
            for f, messages in messages_by_field(exc).items():
                errors.setdefault(f or "reason", []).extend(messages)
    _raise(errors)
    assert hours is not None and start is not None
    overlapping = ReducedTimetable.objects.filter(child=child, school=school).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=start)
    )
    if end is not None:
        overlapping = overlapping.filter(starts_on__lte=end)
    if overlapping.exists():
        raise Refused(
            _(
                "Voor %(name)s staat bij deze school al minder onderwijstijd vastgelegd in die periode. "
                "Sluit die eerst af (met een einddatum) en leg daarna de nieuwe uren vast."
            )
            % {"name": child.first_name},
            field="starts_on",
        )
    with transaction.atomic():
        try:
            timetable = ReducedTimetable.objects.create(
                child=child,
                school=school,
                hours_per_week=hours,
                normal_hours_per_week=normal,
                starts_on=start,
                ends_on=end,
                ground=ground,
                reason=text,
                requested_on=asked,
                recorded_by=actor,
            )
        except IntegrityError:
            raise Refused(
                _("Voor dit kind loopt bij deze school al minder onderwijstijd. Sluit die eerst af."),
                field="starts_on",
            ) from None
        (event,) = _timeline(actor, child, [_reduction_event(timetable)], field="starts_on")
        timetable.event = event
        timetable.save(update_fields=["event"])
        audit.recorded(actor=actor, timetable=timetable)
        if asked is not None:
            audit.requested(actor=actor, timetable=timetable)
    return timetable


# ---------------------------------------------------------------- the inspectorate


def _manageable(actor: User, timetable: ReducedTimetable) -> None:
    if not policy.may_manage_reduced_timetable(actor, timetable):
        raise PermissionDenied(str(policy.NOT_TIMETABLE_SCHOOL))


def record_inspectorate_request(
    *, actor: User, timetable: ReducedTimetable, requested_on: date | None, today: date | None = None
) -> ReducedTimetable:
    """The school board asked the inspectorate to consent (on `requested_on`). Only the consent
    fulfils OT-02; the request shows that the school is waiting for it."""
    day = _today(today)
    _manageable(actor, timetable)
    if timetable.consent_on is not None:
        raise Refused(_("De inspectie heeft al ingestemd. Een nieuwe aanvraag is dan niet nodig."))
    errors: dict[str, list[str]] = {}
    asked = _date(
        requested_on,
        "requested_on",
        errors,
        today=day,
        past_act=True,
        child=timetable.child,
        missing=_("Vul de datum in waarop de school de inspectie om instemming vroeg."),
    )
    _raise(errors)
    with transaction.atomic():
        timetable.requested_on = asked
        timetable.save(update_fields=["requested_on", "updated_at"])
        audit.requested(actor=actor, timetable=timetable)
    return timetable


def record_inspectorate_consent(
    *,
    actor: User,
    timetable: ReducedTimetable,
    consent_on: date | None,
    consent_until: date | None = None,
    today: date | None = None,
) -> ReducedTimetable:
    """The inspectorate consented on `consent_on` (until `consent_until`, when it said so). The fact
    goes to the timeline; the engine then counts OT-02 as met (on time when it was there on the
    first day, else too late)."""
    day = _today(today)
    _manageable(actor, timetable)
    if timetable.consent_on is not None:
        raise Refused(
            _("De instemming van de inspectie is al vastgelegd (op %(day)s).")
            % {"day": date_format(timetable.consent_on, "j F Y")}
        )
    child = timetable.child
    errors: dict[str, list[str]] = {}
    given = _date(
        consent_on,
        "consent_on",
        errors,
        today=day,
        past_act=True,
        child=child,
        missing=_("Vul de datum in waarop de inspectie instemde. Staat die op de brief van de inspectie?"),
    )
    until = _date(consent_until, "consent_until", errors, today=day, past_act=False, child=child)
    if given is not None:
        if timetable.requested_on is not None and given < timetable.requested_on:
            errors.setdefault("consent_on", []).append(
                _("De inspectie kan niet eerder instemmen dan de school het vroeg. Kijk de datum na.")
            )
        if timetable.ends_on is not None and given > timetable.ends_on:
            errors.setdefault("consent_on", []).append(
                _(
                    "De minder onderwijstijd stopte al op %(end)s. Een instemming daarna telt niet meer "
                    "(regel %(regel)s, %(bron)s)."
                )
                % {"end": date_format(timetable.ends_on, "j F Y"), "regel": OT02, "bron": ot02_source()}
            )
        if until is not None and until < given:
            errors.setdefault("consent_until", []).append(
                _("De instemming kan niet eindigen voordat ze begint. Kijk de datums na.")
            )
    if until is not None and until < timetable.starts_on:
        errors.setdefault("consent_until", []).append(
            _(
                "Deze instemming eindigt voor de minder onderwijstijd begint en geldt er dus niet voor "
                "(regel %(regel)s, %(bron)s). Kijk de datum na."
            )
            % {"regel": OT02, "bron": ot02_source()}
        )
    _raise(errors)
    assert given is not None
    data: dict[str, Any] = {}
    if until is not None:
        data["to"] = until
    with transaction.atomic():
        timetable.consent_on = given
        timetable.consent_until = until
        (event,) = _timeline(
            actor,
            child,
            [
                NewEvent(
                    type="instemming_inspectie_onderwijstijd", date=given, school=timetable.school, data=data
                )
            ],
            field="consent_on",
        )
        timetable.consent_event = event
        timetable.save(update_fields=["consent_on", "consent_until", "consent_event", "updated_at"])
        audit.consented(actor=actor, timetable=timetable)
    return timetable


# ---------------------------------------------------------------- the end


def end_reduced_timetable(
    *,
    actor: User,
    timetable: ReducedTimetable,
    ends_on: date | None,
    reason: str = "",
    today: date | None = None,
) -> ReducedTimetable:
    """The reduced timetable stops on `ends_on` (the last day with fewer hours): the child gets the
    full hours again, or goes to another school. On the timeline the reduction gets its end date
    (the event is replaced by one with `to`, with the reason in the logbook)."""
    day = _today(today)
    _manageable(actor, timetable)
    if timetable.ends_on is not None and timetable.ends_on < day:
        raise Refused(
            _("Deze minder onderwijstijd is al gestopt op %(day)s.")
            % {"day": date_format(timetable.ends_on, "j F Y")}
        )
    errors: dict[str, list[str]] = {}
    end = _date(
        ends_on,
        "ends_on",
        errors,
        today=day,
        past_act=False,
        child=timetable.child,
        missing=_("Vul de laatste dag in waarop het kind minder onderwijs kreeg."),
    )
    if end is not None and end < timetable.starts_on:
        errors.setdefault("ends_on", []).append(
            _("De einddatum ligt voor de begindatum (%(start)s). Kijk de datum na.")
            % {"start": date_format(timetable.starts_on, "j F Y")}
        )
    text = (reason or "").strip()[:200]
    if text:
        try:
            refuse_bsn_in_text(reason=text)
        except ValidationError as exc:
            for f, messages in messages_by_field(exc).items():
                errors.setdefault(f or "reason", []).extend(messages)
    _raise(errors)
    assert end is not None
    with transaction.atomic():
        old = timetable.event
        timetable.ends_on = end
        timetable.end_reason = text
        timetable.event = None
        timetable.save(update_fields=["ends_on", "end_reason", "event", "updated_at"])
        if old is not None:
            child_services.delete_event(
                actor=actor,
                event=old,
                reason=_("Vervangen: de minder onderwijstijd stopt op %(day)s.")
                % {"day": date_format(end, "j F Y")},
            )
        (event,) = _timeline(actor, timetable.child, [_reduction_event(timetable)], field="ends_on")
        timetable.event = event
        timetable.save(update_fields=["event"])
        audit.ended(actor=actor, timetable=timetable)
    return timetable
