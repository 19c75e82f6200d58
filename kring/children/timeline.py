"""The one write gateway of a child's timeline: `record_events` (a batch) and, through it,
`services.record_event` (one event).

For a batch of events for one child, in one transaction:

1. every event is checked on its own: its type, its dates (`kring/core/dates.py`), BSNs in typed
   text, and the rules engine's own parser (the web app can never store what `kring rules assess`
   would reject);
2. the legal check runs ONCE for the whole batch (`legal_check`): the engine assesses the timeline
   without and with the new events, and a violation that only appears with them and that Kring
   refuses (LPW-47, ZP-11) stops the batch unless the event it is about carries a reason (then it
   is stored "as a violation");
3. all rows are written in one INSERT (`bulk_create`), with one audit line per event (one INSERT);
4. the child's stored assessment (`ChildAssessment`), when fresh for today, is refreshed once.

All or nothing: the first event that is refused or invalid stops the batch; the exception names
the event (`index`, its position in `events`) and, in its message dict, the field. Nothing of the
batch is written then.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kring.core import dates
from kring.core.errors import Refused, messages_by_field
from kring.privacy.text import refuse_bsn_in_text
from kring.rules import ScenarioError, parse_event
from kring.rules.kalender import format_date_nl

from . import assessment, audit
from .event_types import EVENT_TYPES, field_phrase, refused_rules, spec
from .models import Child, EventType, TimelineEvent
from .selectors import child_timeline

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.organisations.models import SchoolLocation

__all__ = [
    "REFUSED_RULES",
    "EventInvalid",
    "EventRefused",
    "NewEvent",
    "legal_check",
    "record_events",
]

# Acts the law forbids that Kring refuses to record unless they are recorded as a violation with a
# reason (issue 5): deregistration without a new school or vrijstelling, removal without a school
# willing to admit. Other violations the engine knows (a suspension longer than a week, an OPP
# evaluated without hearing the pupil) are facts a school reports afterwards; they are stored and
# shown in the assessment. From the table of event types: LPW-47, ZP-11.
REFUSED_RULES: frozenset[str] = refused_rules()

# Event types that have a `school` field in the contract (SCENARIOS.md).
_SCHOOL_EVENT_TYPES = frozenset(row.code for row in EVENT_TYPES if row.has_school)

_LEERPLICHT_NL: Mapping[str, str] = {
    "nog_niet_leerplichtig": gettext_noop("nog niet leerplichtig"),
    "leerplichtig": gettext_noop("leerplichtig"),
    "kwalificatieplichtig": gettext_noop("kwalificatieplichtig (na de leerplicht, tot 18 jaar)"),
    "niet_leerplichtig": gettext_noop("niet meer leerplichtig"),
}


@dataclass(frozen=True, kw_only=True)
class NewEvent:
    """One event to add: the contract's `type` and `date`, its other fields in `data` (e.g.
    `{"school": "De Linde", "grond": "overig"}`); a `school` from the register fills
    `data["school"]` with its name when that is not given. `violation_reason`: record it anyway as
    a violation, with this reason (only after a refusal)."""

    type: str
    date: dt.date
    data: Mapping[str, Any] = field(default_factory=dict)
    note: str = ""
    school: SchoolLocation | None = None
    violation_reason: str = ""


class EventInvalid(Refused):
    """An event of the batch is not valid (a `kring.core.errors.Refused`). `index`: its position
    in the batch; the message dict names the field (`{"date": ["..."]}`)."""

    def __init__(self, errors: ValidationError, *, index: int) -> None:
        self._init_many(messages_by_field(errors))
        self.index = index


class EventRefused(Refused):
    """The law forbids this act; it is only stored when recorded as a violation with a reason.
    About the act as a whole; `rule` and `source` say which law (also in `details`). `index`: the
    event of the batch it is about."""

    def __init__(self, message: str, *, rule: str, source: str, index: int = 0) -> None:
        super().__init__(message, code="refused", details={"rule": rule, "source": source})
        self.rule = rule
        self.source = source
        self.index = index


# ---------------------------------------------------------------- one event on its own


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        return value.strip()
    return value


_FIELD_IN_MESSAGE = re.compile(r"(?:missing|unknown) field '([\w.]+)'|field '([\w.]+)'")


def _scenario_error_to_validation(exc: ScenarioError) -> ValidationError:
    """Turn the parser's message (English, for the command line) into a Dutch message on its field."""
    text = str(exc)
    found = _FIELD_IN_MESSAGE.search(text)
    name = (found.group(1) or found.group(2)) if found else NON_FIELD_ERRORS
    if "unknown event type" in text:
        name = "type"
    label = field_phrase(name) or name
    choices = re.search(r"must be one of ([\w, ]+), got", text)
    if "unknown event type" in text:
        message = _("Kies een soort gebeurtenis uit de lijst.")
    elif "unknown field" in text:
        message = _("%(veld)s hoort niet bij een gebeurtenis van deze soort.") % {"veld": label.capitalize()}
    elif "missing field" in text or "non-empty string" in text:
        message = _("Vul %(veld)s in.") % {"veld": label}
    elif choices:
        message = _("Kies bij %(veld)s een van deze waarden: %(keuzes)s.") % {
            "veld": label,
            "keuzes": choices.group(1),
        }
    elif "is before field 'date'" in text:
        name = "to"
        message = _("De einddatum ligt voor de begindatum. Kijk de datums na.")
    elif "must be a date" in text or "not a valid date" in text:
        message = _("Vul bij %(veld)s een geldige datum in.") % {"veld": label}
    elif "true or false" in text:
        message = _("Kies ja of nee bij %(veld)s.") % {"veld": label}
    elif "number of hours" in text or "between 0 and 24" in text:
        message = _("Vul bij %(veld)s een aantal uren in van 0 tot en met 24.") % {"veld": label}
    elif "is not allowed with outcome" in text:
        message = _("%(veld)s hoort niet bij dit besluit. Laat het leeg.") % {"veld": label.capitalize()}
    elif "number of at least 0" in text or "finite number" in text:
        message = _("Vul bij %(veld)s een getal in van 0 of meer.") % {"veld": label}
    elif "whole number" in text:
        message = _("Vul bij %(veld)s een heel getal in van 1 of meer.") % {"veld": label}
    else:
        message = _("Deze gegevens kloppen niet: %(fout)s") % {"fout": text}
    return ValidationError({name: [ValidationError(message, code="invalid")]})


def _raise(errors: Mapping[str, list[str]], index: int) -> None:
    if errors:
        raise EventInvalid(
            ValidationError(
                {name: [ValidationError(m) for m in messages] for name, messages in errors.items()}
            ),
            index=index,
        )


def _date_errors(
    event: NewEvent, fields: Mapping[str, Any], child: Child, today: dt.date
) -> dict[str, list[str]]:
    """The date rules of `kring/core/dates.py` for one event: its date (a past act of the table of
    event types cannot lie in the future) and its end date `to` (may lie ahead)."""
    errors: dict[str, list[str]] = {}
    problem = dates.date_problem(
        event.date, today=today, past_act=spec(event.type).past_act, birth_date=child.birth_date
    )
    if problem:
        errors["date"] = [problem]
    to = fields.get("to")
    if isinstance(to, str):
        try:
            end = dt.date.fromisoformat(to)
        except ValueError:
            end = None  # the parser names it
        problem = (
            dates.date_problem(end, today=today, past_act=False, birth_date=child.birth_date) if end else None
        )
        if problem:
            errors["to"] = [problem]
    return errors


def _payload(index: int, event: NewEvent, child: Child, today: dt.date) -> dict[str, Any]:
    """The event as a contract event (`date`, `type`, its fields), checked on its own; raises
    EventInvalid naming the field."""
    try:
        refuse_bsn_in_text(note=event.note, violation_reason=event.violation_reason)
    except ValidationError as exc:
        raise EventInvalid(exc, index=index) from None
    errors: dict[str, list[str]] = {}
    if event.type not in EventType.values:
        errors.setdefault("type", []).append(_("Kies een soort gebeurtenis uit de lijst."))
    data = event.data
    if not isinstance(event.date, dt.date):
        errors.setdefault("date", []).append(_("Vul de datum in."))
    if not isinstance(data, Mapping):
        errors.setdefault("data", []).append(_("De gegevens van de gebeurtenis ontbreken."))
        data = {}
    for reserved in ("date", "type"):
        if reserved in data:
            errors.setdefault(reserved, []).append(_("Geef %s apart op, niet in de gegevens.") % reserved)
    _raise(errors, index)

    fields = {k: _json_value(v) for k, v in data.items()}
    fields = {k: v for k, v in fields.items() if v is not None and v != ""}
    _raise(_date_errors(event, fields, child, today), index)
    if event.school is not None:
        if event.type not in _SCHOOL_EVENT_TYPES:
            _raise({"school": [_("Bij een gebeurtenis van deze soort hoort geen school.")]}, index)
        fields.setdefault("school", event.school.organisation.name)
    payload: dict[str, Any] = {"date": event.date.isoformat(), "type": event.type, **fields}
    try:
        parse_event(payload, index)
    except ScenarioError as exc:
        raise EventInvalid(_scenario_error_to_validation(exc), index=index) from None
    return payload


# ---------------------------------------------------------------- the legal check


def _violation_key(v: Mapping[str, Any]) -> tuple[str, str | None, str]:
    return (v["rule"], v["subject"], v["date"])


def legal_check(
    child: Child, current: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The violations the engine finds in the timeline with the `new` events (contract events) that
    it does not find in the `current` timeline alone. Called once per batch.

    The new events go into the timeline by date, after the ones already recorded on their date, in
    the batch's order (the order they will have once stored). Both assessments run on the latest
    date in the timeline, so a violation a new event causes for an event dated later is found too.
    """
    with_new = sorted([*current, *new], key=lambda e: e["date"])  # stable: current first on a date
    as_of = max(dt.date.fromisoformat(e["date"]) for e in with_new)

    def violations(events: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        if not events:
            return []  # every violation is about an event
        data = assessment.scenario_dict(
            as_of=as_of, vakantieregio=child.vakantieregio, birth_date=child.birth_date, events=events
        )
        found: list[dict[str, Any]] = assessment.assess_scenario(data).to_dict()["violations"]  # type: ignore[assignment]
        return found

    before = Counter(_violation_key(v) for v in violations(current))
    result = []
    for v in violations(with_new):
        key = _violation_key(v)
        if before[key] > 0:
            before[key] -= 1
        else:
            result.append(v)
    return result


def _about(violation: Mapping[str, Any], payloads: Sequence[Mapping[str, Any]]) -> int:
    """The index of the new event a violation is about (its type, date and school), else the last."""
    etype = assessment.VIOLATION_EVENT_TYPE.get(violation["rule"])
    subject = spec(etype).subject_field if etype else "school"
    for i, p in enumerate(payloads):
        if p["type"] == etype and p["date"] == violation["date"] and p.get(subject) == violation["subject"]:
            return i
    return len(payloads) - 1


def _leerplicht_on(child: Child, day: dt.date) -> str:
    """The engine's leerplicht status of the child on `day`."""
    data = assessment.scenario_dict(
        as_of=day, vakantieregio=child.vakantieregio, birth_date=child.birth_date, events=[]
    )
    status: str = assessment.assess_scenario(data).leerplicht.status.value
    return status


def _refusal(child: Child, violation: Mapping[str, Any], *, index: int) -> EventRefused:
    day = dt.date.fromisoformat(violation["date"])
    status = _LEERPLICHT_NL.get(_leerplicht_on(child, day), "")
    status = _(status) if status else status
    message = _(
        "Kring kan dit niet zomaar vastleggen, want de wet verbiedt het. %(uitleg)s "
        "Op %(datum)s is het kind %(status)s. Dit staat in %(bron)s (regel %(regel)s). "
        "Is het toch zo gebeurd? Leg het dan vast als overtreding en schrijf de reden erbij. "
        "De overtreding komt dan in de beoordeling van het dossier."
    ) % {
        "uitleg": violation["explanation"],
        "datum": format_date_nl(day),
        "status": status,
        "bron": violation["source"],
        "regel": violation["rule"],
    }
    return EventRefused(message, rule=violation["rule"], source=violation["source"], index=index)


# ---------------------------------------------------------------- the gateway


def record_events(
    *,
    actor: User | None,
    child: Child,
    events: Sequence[NewEvent],
    today: dt.date | None = None,
) -> list[TimelineEvent]:
    """Add `events` to the child's timeline, all or nothing (see the module's docstring).

    Returns the stored events in the batch's order. Raises EventInvalid or EventRefused (both
    ValidationErrors) with `index`, the event of the batch they are about.
    """
    today = today or timezone.localdate()
    payloads = [_payload(i, event, child, today) for i, event in enumerate(events)]
    if not payloads:
        return []
    reasons = [(event.violation_reason or "").strip() for event in events]
    recorder = actor if actor is not None and actor.is_authenticated else None

    with transaction.atomic():
        # One writer per child's timeline at a time: the legal check reads the timeline it extends.
        locked = Child.objects.select_for_update().get(pk=child.pk)
        current = [assessment.event_payload(e) for e in child_timeline(locked).select_related(None)]
        about: dict[int, list[dict[str, Any]]] = {}
        for violation in legal_check(locked, current, payloads):
            about.setdefault(_about(violation, payloads), []).append(violation)
        for i, reason in enumerate(reasons):
            found = about.get(i, [])
            refused = [v for v in found if v["rule"] in REFUSED_RULES]
            if refused and not reason:
                raise _refusal(locked, refused[0], index=i)
            if reason and not found:
                raise EventInvalid(
                    ValidationError(
                        {
                            "violation_reason": [
                                _(
                                    "Volgens de regels is dit geen overtreding. Laat de reden voor een "
                                    "overtreding leeg en leg de gebeurtenis gewoon vast."
                                )
                            ]
                        }
                    ),
                    index=i,
                )
        rows = [
            TimelineEvent(
                child=locked,
                date=event.date,
                type=event.type,
                data={k: v for k, v in payload.items() if k not in ("date", "type")},
                school=event.school,
                note=(event.note or "").strip(),
                recorded_as_violation=bool(reason),
                violation_reason=reason,
                recorded_by=recorder,
            )
            for event, payload, reason in zip(events, payloads, reasons, strict=True)
        ]
        stored = TimelineEvent.objects.bulk_create(rows)
        audit.events_recorded(actor=actor, events=stored)
        _refresh_assessment(locked, today=today)
    return stored


def _refresh_assessment(child: Child, *, today: dt.date) -> None:
    """Keep the child's stored assessment fresh, once per batch: when it was computed for `today`,
    it is computed again with the new events. A stored assessment of an earlier day (or none) is
    stale anyway; the nightly job or the first page that reads it computes it (a changed timeline
    makes the child followed, see `readmodel`)."""
    from .models import ChildAssessment
    from .readmodel import compute_assessment

    if ChildAssessment.objects.filter(child=child, computed_on=today).exists():
        compute_assessment(child, today=today)
