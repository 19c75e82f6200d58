"""Audit events of the steunpunt's desk: a question registered, read, answered, anonymised, closed.

A question is not part of a child's file (no `child_id`). `data` holds ids, codes, dates and counts,
never what someone typed (the question, the answer, the contact details); the Dutch message names
the question by its reference only. Purpose: `Purpose.STEUNPUNT`.

Below the question's events: the signals report's download and the policy signals (raised, the SWV's
response, what changed).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from kring.privacy.audit import event_kind
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose

from .models import Channel, QuestionStatus

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.organisations.models import Organisation, Samenwerkingsverband

    from .models import PolicySignal, Question
    from .periods import Period

OBJECT_TYPE = "steunpuntvraag"
PURPOSE = Purpose.STEUNPUNT


def _day(data: Mapping[str, Any], key: str) -> str:
    from kring.privacy.rendering import day

    return day(data[key])


def _registered(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"channel_label": str(Channel(data["channel"]).label).lower(), "due": _day(data, "answer_due")}


def _due(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"due": _day(data, "answer_due")}


def _answered(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"on": _day(data, "answered_on")}


def _closed(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"on": _day(data, "closed_on")}


def _reopened(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"was": str(QuestionStatus(data["previous_status"]).label).lower()}


QUESTION_REGISTERED = event_kind(
    "desk.question_registered",
    action=AuditAction.CREATE,
    object_type=OBJECT_TYPE,
    title=_("Een vraag aan het steunpunt is vastgelegd."),
    detail=_(
        "Vraag {reference} is vastgelegd (binnengekomen via {channel_label}, {category_count} "
        "categorie(ën)); antwoord uiterlijk op {due}."
    ),
    context=_registered,
    example={
        "question_id": 7,
        "reference": "SP-ABCD-EFGH",
        "channel": "telefoon",
        "category_ids": [2, 5],
        "category_count": 2,
        "answer_due": "2026-03-16",
        "swv_id": 3,
    },
)
QUESTION_VIEWED = event_kind(
    "desk.question_viewed",
    action=AuditAction.VIEW,
    object_type=OBJECT_TYPE,
    title=_("Een vraag aan het steunpunt is bekeken."),
    detail=_("Vraag {reference} is bekeken."),
    example={"question_id": 7, "reference": "SP-ABCD-EFGH"},
)
QUESTIONS_LISTED = event_kind(
    "desk.questions_listed",
    action=AuditAction.VIEW,
    object_type=OBJECT_TYPE,
    title=_("De lijst met vragen aan het steunpunt is bekeken."),
    detail=_("De lijst met vragen aan het steunpunt is bekeken ({count} vraag/vragen op de pagina)."),
    example={"question_ids": [7, 8], "count": 2},
)
QUESTION_ASSIGNED = event_kind(
    "desk.question_assigned",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("Iemand van het steunpunt behandelt de vraag nu."),
    detail=_("Vraag {reference} wordt nu behandeld door een medewerker van het steunpunt."),
    example={"question_id": 7, "reference": "SP-ABCD-EFGH", "assigned_to_id": 4},
)
QUESTION_ANSWERED = event_kind(
    "desk.question_answered",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("Een vraag aan het steunpunt is beantwoord."),
    detail=_("Vraag {reference} is beantwoord op {on}."),
    context=_answered,
    example={"question_id": 7, "reference": "SP-ABCD-EFGH", "answered_on": "2026-03-10", "on_time": True},
)
QUESTION_REOPENED = event_kind(
    "desk.question_reopened",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("Een vraag aan het steunpunt is weer open."),
    detail=_("Vraag {reference} is weer open (was {was})."),
    context=_reopened,
    example={"question_id": 7, "reference": "SP-ABCD-EFGH", "previous_status": "beantwoord"},
)
QUESTION_CLOSED = event_kind(
    "desk.question_closed",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("Een vraag aan het steunpunt is afgesloten."),
    detail=_("Vraag {reference} is afgesloten op {on}."),
    context=_closed,
    example={"question_id": 7, "reference": "SP-ABCD-EFGH", "closed_on": "2026-03-12"},
)
CATEGORIES_CHANGED = event_kind(
    "desk.categories_changed",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("De categorieën van een vraag aan het steunpunt zijn gewijzigd."),
    detail=_(
        "De categorieën van vraag {reference} zijn gewijzigd ({category_count} categorie(ën)); "
        "antwoord nu uiterlijk op {due}."
    ),
    context=_due,
    example={
        "question_id": 7,
        "reference": "SP-ABCD-EFGH",
        "category_ids": [2],
        "category_count": 1,
        "answer_due": "2026-03-12",
    },
)
QUESTION_ANONYMISED = event_kind(
    "desk.question_anonymised",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("De tekst van een vraag is opgeslagen zonder herkenbare gegevens."),
    detail=_("De tekst van vraag {reference} is opgeslagen zonder herkenbare gegevens."),
    example={"question_id": 7, "reference": "SP-ABCD-EFGH"},
)
QUOTE_SELECTED = event_kind(
    "desk.quote_selected",
    action=AuditAction.UPDATE,
    object_type=OBJECT_TYPE,
    title=_("Gekozen of een vraag als citaat in de signalenrapportage komt."),
    detail=_("Vraag {reference}: {choice}"),
    context=lambda data: {
        "choice": str(
            _("komt als citaat in de signalenrapportage.")
            if data["selected"]
            else _("komt niet meer als citaat in de signalenrapportage.")
        )
    },
    example={"question_id": 7, "reference": "SP-ABCD-EFGH", "selected": True},
)

CODES = frozenset(
    kind.code
    for kind in (
        QUESTION_REGISTERED,
        QUESTION_VIEWED,
        QUESTION_ASSIGNED,
        QUESTION_ANSWERED,
        QUESTION_REOPENED,
        QUESTION_CLOSED,
        CATEGORIES_CHANGED,
        QUESTION_ANONYMISED,
        QUOTE_SELECTED,
    )
)  # the events about one question (its history); the list event is about many


def _ids(question: Question) -> dict[str, Any]:
    return {"question_id": question.pk, "reference": question.reference}


def question_registered(*, actor: User | None, question: Question, category_ids: list[int]) -> AuditEvent:
    return QUESTION_REGISTERED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=question.pk,
        data={
            **_ids(question),
            "channel": question.channel,
            "category_ids": sorted(category_ids),
            "category_count": len(category_ids),
            "answer_due": question.answer_due.isoformat(),
            "swv_id": question.swv_id,
        },
        message=f"Vraag {question.reference} is vastgelegd ({question.get_channel_display()}).",
    )


def question_viewed(*, actor: User, question: Question) -> AuditEvent:
    return QUESTION_VIEWED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=question.pk,
        data=_ids(question),
        message=f"Vraag {question.reference} is bekeken.",
    )


def questions_listed(*, actor: User, question_ids: list[int]) -> AuditEvent:
    return QUESTIONS_LISTED.write(
        actor=actor,
        purpose=PURPOSE,
        data={"question_ids": question_ids, "count": len(question_ids)},
        message=f"De lijst met vragen van het steunpunt is bekeken ({len(question_ids)} op de pagina).",
    )


def question_assigned(*, actor: User, question: Question) -> AuditEvent:
    return QUESTION_ASSIGNED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=question.pk,
        data={**_ids(question), "assigned_to_id": question.assigned_to_id},
        message=f"Vraag {question.reference} wordt behandeld door {actor.display_name}.",
    )


def question_answered(*, actor: User, question: Question) -> AuditEvent:
    assert question.answered_on is not None
    return QUESTION_ANSWERED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=question.pk,
        data={
            **_ids(question),
            "answered_on": question.answered_on.isoformat(),
            "on_time": question.answered_on <= question.answer_due,
        },
        message=f"Vraag {question.reference} is beantwoord op {question.answered_on.isoformat()}.",
    )


def question_reopened(*, actor: User, question: Question, previous_status: str) -> AuditEvent:
    return QUESTION_REOPENED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=question.pk,
        data={**_ids(question), "previous_status": previous_status},
        message=f"Vraag {question.reference} is weer open.",
    )


def question_closed(*, actor: User, question: Question) -> AuditEvent:
    assert question.closed_on is not None
    return QUESTION_CLOSED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=question.pk,
        data={**_ids(question), "closed_on": question.closed_on.isoformat()},
        message=f"Vraag {question.reference} is afgesloten op {question.closed_on.isoformat()}.",
    )


def categories_changed(*, actor: User, question: Question, category_ids: list[int]) -> AuditEvent:
    return CATEGORIES_CHANGED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=question.pk,
        data={
            **_ids(question),
            "category_ids": sorted(category_ids),
            "category_count": len(category_ids),
            "answer_due": question.answer_due.isoformat(),
        },
        message=f"De categorieën van vraag {question.reference} zijn gewijzigd.",
    )


def question_anonymised(*, actor: User, question: Question) -> AuditEvent:
    return QUESTION_ANONYMISED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=question.pk,
        data=_ids(question),
        message=f"De tekst van vraag {question.reference} is opgeslagen zonder herkenbare gegevens.",
    )


def quote_selected(*, actor: User, question: Question, selected: bool) -> AuditEvent:
    return QUOTE_SELECTED.write(
        actor=actor,
        purpose=PURPOSE,
        object_id=question.pk,
        data={**_ids(question), "selected": selected},
        message=(
            f"Vraag {question.reference} {'komt' if selected else 'komt niet meer'} als citaat in de "
            "signalenrapportage."
        ),
    )


# ---------------------------------------------------------------- the nightly jobs (jobs.py)

QUESTION_ESCALATED = event_kind(
    "desk.question_escalated",
    action=AuditAction.UPDATE,
    object_type="steunpuntvraag",
    title=_("Een vraag aan het steunpunt is te laat en gemeld binnen het steunpunt."),
    detail=_(
        "Vraag {reference} is te laat (antwoord uiterlijk {due}) en gemeld aan {recipients} persoon/personen."
    ),
    context=_due,
    example={
        "question_id": 7,
        "reference": "SP-ABCD-2345",
        "answer_due": "2026-03-02",
        "steunpunt_id": 3,
        "recipients": 1,
    },
)
CONTACTS_REMOVED = event_kind(
    "desk.contacts_removed",
    action=AuditAction.DELETE,
    object_type="steunpunt",
    title=_("De contactgegevens en vragen van afgesloten vragen zijn verwijderd (bewaartermijn voorbij)."),
    detail=_(
        "Bij {questions} afgesloten vraag/vragen zijn de contactgegevens en de vraag in eigen woorden "
        "verwijderd: langer dan {months} maand(en) afgesloten."
    ),
    example={"steunpunt_id": 3, "questions": 4, "months": 3, "closed_before": "2026-01-01"},
)

# A late question's escalation belongs to its history too.
CODES = CODES | {QUESTION_ESCALATED.code}


def question_escalated(*, question: Question, recipients: int) -> AuditEvent:
    return QUESTION_ESCALATED.write(
        actor=None,
        purpose=Purpose.NIGHTLY_JOB,
        object_id=question.pk,
        data={
            "question_id": question.pk,
            "reference": question.reference,
            "answer_due": question.answer_due.isoformat(),
            "steunpunt_id": question.steunpunt_id,
            "recipients": recipients,
        },
        message=(
            f"Vraag {question.reference} is te laat (antwoord uiterlijk {question.answer_due.isoformat()}) "
            f"en gemeld aan {recipients} persoon/personen van het steunpunt."
        ),
    )


def contacts_removed(
    *, steunpunt: Organisation, questions: int, months: int, closed_before: date
) -> AuditEvent:
    return CONTACTS_REMOVED.write(
        actor=None,
        purpose=Purpose.NIGHTLY_JOB,
        object_id=steunpunt.pk,
        data={
            "steunpunt_id": steunpunt.pk,
            "questions": questions,
            "months": months,
            "closed_before": closed_before.isoformat(),
        },
        message=(
            f"{steunpunt.name}: bij {questions} afgesloten vraag/vragen zijn de contactgegevens en de vraag "
            f"in eigen woorden verwijderd (langer dan {months} maand(en) afgesloten)."
        ),
    )


# ---------------------------------------------------------------- the signals report and policy signals


def _period_context(data: Mapping[str, Any]) -> dict[str, Any]:
    from kring.privacy.rendering import day

    return {"start": day(data["start"]), "end": day(data["end"])}


def _raised_context(data: Mapping[str, Any]) -> dict[str, Any]:
    from kring.privacy.rendering import day

    return {"raised": day(data["raised_on"])}


# ---------------------------------------------------------------- the signals report

REPORT_EXPORTED = event_kind(
    "desk.report_exported",
    action=AuditAction.EXPORT,
    object_type="signalenrapportage",
    title=_("Het signalenrapport van het steunpunt is gedownload."),
    detail=_("Het signalenrapport over {start} t/m {end} is gedownload ({format})."),
    context=_period_context,
    example={"steunpunt_id": 4, "swv_id": 2, "start": "2026-07-01", "end": "2026-09-30", "format": "pdf"},
)


def report_exported(
    *,
    actor: User,
    steunpunt: Organisation,
    period: Period,
    swv: Samenwerkingsverband | None,
    file_format: str,
) -> AuditEvent:
    where = f" over {swv.organisation.name}" if swv is not None else ""
    return REPORT_EXPORTED.write(
        actor=actor,
        purpose=Purpose.STEUNPUNT,
        object_id=steunpunt.pk,
        data={
            "steunpunt_id": steunpunt.pk,
            "swv_id": swv.pk if swv is not None else None,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "format": file_format,
        },
        message=(
            f"Het signalenrapport van {steunpunt.name}{where} over {period.label()} is gedownload "
            f"als {file_format.upper()}."
        ),
    )


# ---------------------------------------------------------------- policy signals

SIGNAL_RAISED = event_kind(
    "desk.signal_raised",
    action=AuditAction.CREATE,
    object_type="signaal",
    title=_("Het steunpunt heeft een signaal gemeld aan het samenwerkingsverband."),
    detail=_("Het steunpunt heeft op {raised} een signaal gemeld aan het samenwerkingsverband."),
    context=_raised_context,
    example={"signal_id": 7, "steunpunt_id": 4, "swv_id": 2, "raised_on": "2026-10-05", "categories": 2},
)
SIGNAL_RESPONDED = event_kind(
    "desk.signal_responded",
    action=AuditAction.UPDATE,
    object_type="signaal",
    title=_("Het samenwerkingsverband heeft gereageerd op een signaal van het steunpunt."),
    detail=_("Het samenwerkingsverband heeft gereageerd op het signaal van {raised}."),
    context=_raised_context,
    example={"signal_id": 7, "swv_id": 2, "raised_on": "2026-10-05", "what_changed": True},
)
SIGNAL_CHANGE_RECORDED = event_kind(
    "desk.signal_change_recorded",
    action=AuditAction.UPDATE,
    object_type="signaal",
    title=_("Het samenwerkingsverband heeft beschreven wat er veranderd is na een signaal."),
    detail=_("Het samenwerkingsverband heeft beschreven wat er veranderd is na het signaal van {raised}."),
    context=_raised_context,
    example={"signal_id": 7, "swv_id": 2, "raised_on": "2026-10-05"},
)


def signal_raised(*, actor: User, signal: PolicySignal, categories: int) -> AuditEvent:
    return SIGNAL_RAISED.write(
        actor=actor,
        purpose=Purpose.STEUNPUNT,
        object_id=signal.pk,
        data={
            "signal_id": signal.pk,
            "steunpunt_id": signal.steunpunt_id,
            "swv_id": signal.swv_id,
            "raised_on": signal.raised_on.isoformat(),
            "categories": categories,
        },
        message=f"Signaal gemeld aan {signal.swv.organisation.name}: {signal.title}",
    )


def signal_responded(*, actor: User, signal: PolicySignal) -> AuditEvent:
    return SIGNAL_RESPONDED.write(
        actor=actor,
        purpose=Purpose.STEUNPUNT,
        object_id=signal.pk,
        data={
            "signal_id": signal.pk,
            "swv_id": signal.swv_id,
            "raised_on": signal.raised_on.isoformat(),
            "what_changed": bool(signal.what_changed),
        },
        message=f"{signal.swv.organisation.name} heeft gereageerd op het signaal: {signal.title}",
    )


def signal_change_recorded(*, actor: User, signal: PolicySignal) -> AuditEvent:
    return SIGNAL_CHANGE_RECORDED.write(
        actor=actor,
        purpose=Purpose.STEUNPUNT,
        object_id=signal.pk,
        data={"signal_id": signal.pk, "swv_id": signal.swv_id, "raised_on": signal.raised_on.isoformat()},
        message=f"{signal.swv.organisation.name} heeft beschreven wat er veranderd is na: {signal.title}",
    )
