"""Audit events of the steunpunt's desk: a question registered, read, answered, anonymised, closed.

A question is not part of a child's file (no `child_id`). `data` holds ids, codes, dates and counts,
never what someone typed (the question, the answer, the contact details); the Dutch message names
the question by its reference only. Purpose: `Purpose.STEUNPUNT`.

Below the question's events: the signals report's download and the policy signals (raised, the SWV's
response, what changed). Last, the links made with the parent's consent: the only lines that reach
the child's file; their line on the case side has the case's purpose and the child's id, so the
family sees it in their access log.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from kring.privacy import audit as privacy_audit
from kring.privacy.audit import event_kind
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose

from .models import Channel, QuestionStatus

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.cases.models import Case
    from kring.organisations.models import Organisation, Samenwerkingsverband

    from .models import PolicySignal, Question, QuestionLink
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


def _consent(data: Mapping[str, Any]) -> dict[str, str]:
    return {"consent_day": _day(data, "consent_on")}


def _revoked(data: Mapping[str, Any]) -> dict[str, str]:
    return {"revoked_day": _day(data, "revoked_on")}


# ---------------------------------------------------------------- links with consent (issue 13, point 4)
QUESTION_LINKED = event_kind(
    "desk.question_linked",
    action=AuditAction.CREATE,
    object_type="koppeling",
    title=_("Een vraag aan het steunpunt is met toestemming gekoppeld aan een casus."),
    detail=_("Een vraag aan het steunpunt is gekoppeld aan een casus, met toestemming van {consent_day}."),
    context=_consent,
    example={
        "link_id": 3,
        "question_id": 2,
        "case_id": 4,
        "consent_on": "2026-05-01",
        "consent_how": "telefonisch",
    },
)
CASE_LINK_ADDED = event_kind(
    "case.desk_link_added",
    action=AuditAction.CREATE,
    object_type="koppeling",
    title=_("Met toestemming van de ouder is een vraag aan het steunpunt gekoppeld aan de casus."),
    detail=_(
        "Met toestemming van de ouder (van {consent_day}) is een vraag aan het steunpunt gekoppeld aan "
        "de casus."
    ),
    context=_consent,
    example={"link_id": 3, "case_id": 4, "consent_on": "2026-05-01"},
)
SWV_REQUEST_SENT = event_kind(
    "desk.swv_request_sent",
    action=AuditAction.CREATE,
    object_type="verzoek",
    title=_("Het steunpunt heeft het samenwerkingsverband met toestemming gevraagd een casus te openen."),
    detail=_(
        "Het steunpunt heeft het samenwerkingsverband gevraagd een casus te openen, met toestemming van "
        "{consent_day}."
    ),
    context=_consent,
    example={
        "link_id": 3,
        "question_id": 2,
        "swv_id": 5,
        "consent_on": "2026-05-01",
        "consent_how": "schriftelijk",
    },
)
LINK_REVOKED = event_kind(
    "desk.link_revoked",
    action=AuditAction.UPDATE,
    object_type="koppeling",
    title=_("De ouder heeft de toestemming voor een koppeling ingetrokken."),
    detail=_("De ouder heeft de toestemming voor een koppeling ingetrokken op {revoked_day}."),
    context=_revoked,
    example={"link_id": 3, "question_id": 2, "revoked_on": "2026-05-10"},
)
CASE_LINK_REVOKED = event_kind(
    "case.desk_link_revoked",
    action=AuditAction.UPDATE,
    object_type="koppeling",
    title=_(
        "De ouder heeft de toestemming ingetrokken: de vraag aan het steunpunt staat niet meer bij de casus."
    ),
    detail=_(
        "De ouder heeft op {revoked_day} de toestemming ingetrokken: de vraag aan het steunpunt staat niet "
        "meer bij de casus."
    ),
    context=_revoked,
    example={"link_id": 3, "case_id": 4, "revoked_on": "2026-05-10"},
)
REQUESTS_VIEWED = event_kind(
    "desk.requests_viewed",
    action=AuditAction.VIEW,
    object_type="verzoek",
    title=_("De verzoeken van het steunpunt om een casus te openen zijn bekeken."),
    detail=_("De verzoeken van het steunpunt om een casus te openen zijn bekeken ({count})."),
    example={"swv_id": 5, "count": 2, "link_ids": [3, 4]},
)
REQUEST_HANDLED = event_kind(
    "desk.request_handled",
    action=AuditAction.UPDATE,
    object_type="verzoek",
    title=_("Het samenwerkingsverband heeft een verzoek van het steunpunt behandeld."),
    example={"link_id": 3, "swv_id": 5, "case_id": 4},
)
CASE_REQUEST_LINKED = event_kind(
    "case.desk_request_linked",
    action=AuditAction.CREATE,
    object_type="koppeling",
    title=_("De casus is geopend op een verzoek van het steunpunt, met toestemming van de ouder."),
    detail=_(
        "De casus is geopend op een verzoek van het steunpunt, met toestemming van de ouder (van "
        "{consent_day})."
    ),
    context=_consent,
    example={"link_id": 3, "case_id": 4, "consent_on": "2026-05-01"},
)


def _steunpunt(link: QuestionLink) -> str:
    return link.question.steunpunt.name


def question_linked(*, actor: User, link: QuestionLink, case: Case) -> list[AuditEvent]:
    """Two lines: the steunpunt's (no child), and the case's (the family sees it)."""
    desk = QUESTION_LINKED.write(
        actor=actor,
        purpose=Purpose.STEUNPUNT,
        object_id=link.pk,
        data={
            "link_id": link.pk,
            "question_id": link.question_id,
            "case_id": case.pk,
            "consent_on": link.consent_on.isoformat(),
            "consent_how": link.consent_how,
        },
        message=(
            f"Vraag {link.question.reference} is met toestemming (van {link.consent_on:%d-%m-%Y}) gekoppeld "
            f"aan een casus."
        ),
    )
    file = CASE_LINK_ADDED.write(
        actor=actor,
        purpose=Purpose.CASUSREGIE,
        object_id=link.pk,
        child_id=case.child_id,
        data={"link_id": link.pk, "case_id": case.pk, "consent_on": link.consent_on.isoformat()},
        message=(
            f"Met toestemming van de ouder is een vraag aan {_steunpunt(link)} gekoppeld aan de casus van "
            f"{privacy_audit.child_name(case.child)}."
        ),
    )
    return [desk, file]


def swv_request_sent(*, actor: User, link: QuestionLink) -> AuditEvent:
    assert link.swv is not None
    return SWV_REQUEST_SENT.write(
        actor=actor,
        purpose=Purpose.STEUNPUNT,
        object_id=link.pk,
        data={
            "link_id": link.pk,
            "question_id": link.question_id,
            "swv_id": link.swv_id,
            "consent_on": link.consent_on.isoformat(),
            "consent_how": link.consent_how,
        },
        message=(
            f"{link.swv.organisation.name} is met toestemming (van {link.consent_on:%d-%m-%Y}) gevraagd een "
            f"casus te openen (vraag {link.question.reference})."
        ),
    )


def link_revoked(*, actor: User, link: QuestionLink) -> list[AuditEvent]:
    assert link.revoked_on is not None
    lines = [
        LINK_REVOKED.write(
            actor=actor,
            purpose=Purpose.STEUNPUNT,
            object_id=link.pk,
            data={
                "link_id": link.pk,
                "question_id": link.question_id,
                "revoked_on": link.revoked_on.isoformat(),
            },
            message=(
                f"De ouder heeft de toestemming voor de koppeling van vraag {link.question.reference} "
                f"ingetrokken op {link.revoked_on:%d-%m-%Y}."
            ),
        )
    ]
    for case in {c.pk: c for c in (link.case, link.handled_case) if c is not None}.values():
        lines.append(
            CASE_LINK_REVOKED.write(
                actor=actor,
                purpose=Purpose.CASUSREGIE,
                object_id=link.pk,
                child_id=case.child_id,
                data={"link_id": link.pk, "case_id": case.pk, "revoked_on": link.revoked_on.isoformat()},
                message=(
                    f"De ouder heeft de toestemming ingetrokken: de vraag aan {_steunpunt(link)} staat niet "
                    f"meer bij de casus van {privacy_audit.child_name(case.child)}."
                ),
            )
        )
    return lines


def requests_viewed(*, actor: User, swv_id: int, link_ids: list[int]) -> AuditEvent:
    return REQUESTS_VIEWED.write(
        actor=actor,
        purpose=Purpose.STEUNPUNT,
        object_id=swv_id,
        data={"swv_id": swv_id, "count": len(link_ids), "link_ids": link_ids[:50]},
        message=f"De verzoeken van het steunpunt om een casus te openen zijn bekeken ({len(link_ids)}).",
    )


def request_handled(*, actor: User, link: QuestionLink, case: Case) -> list[AuditEvent]:
    desk = REQUEST_HANDLED.write(
        actor=actor,
        purpose=Purpose.STEUNPUNT,
        object_id=link.pk,
        data={"link_id": link.pk, "swv_id": link.swv_id, "case_id": case.pk},
        message=f"Het verzoek van {_steunpunt(link)} (vraag {link.question.reference}) is behandeld.",
    )
    file = CASE_REQUEST_LINKED.write(
        actor=actor,
        purpose=Purpose.CASUSREGIE,
        object_id=link.pk,
        child_id=case.child_id,
        data={"link_id": link.pk, "case_id": case.pk, "consent_on": link.consent_on.isoformat()},
        message=(
            f"De casus van {privacy_audit.child_name(case.child)} is geopend op een verzoek van "
            f"{_steunpunt(link)}, met toestemming van de ouder."
        ),
    )
    return [desk, file]
