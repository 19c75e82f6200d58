"""Writing the steunpunt's questions: registering a contact, taking it on, answering, closing,
reopening, changing its categories, and keeping its text for signals without identifying details.

Only a worker of the question's steunpunt (`policy.works_at_desk`, `policy.desk_questions`), except
one act: a question that comes in through the public web form is registered without an account
(`actor=None`, `channel=webformulier`, the steunpunt named by `steunpunt=`). Every write is one
transaction with an optimistic version check and one named audit event (`kring.desk.audit`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from kring.access import policy
from kring.core.dates import date_problem, refuse
from kring.core.errors import Refused
from kring.core.versioning import StaleVersion, bump_version
from kring.organisations.models import Organisation, OrganisationKind, Samenwerkingsverband
from kring.reference.calendar import school_calendar

from .. import audit, terms
from ..identifying import find_identifying
from ..models import (
    AgeGroup,
    Asker,
    Channel,
    DeskSettings,
    Question,
    QuestionCategory,
    QuestionStatus,
    SchoolType,
)

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.rules.kalender import Calendar

__all__ = [
    "DueDate",
    "anonymise_question",
    "answer_question",
    "assign_to_me",
    "change_categories",
    "close_question",
    "due_date",
    "register_question",
    "reopen",
    "select_quote",
]

MAX_TEXT = 5000
MAX_SUMMARY = 5000


class StaleQuestion(StaleVersion):
    def __init__(self, what: str | None = None) -> None:
        super().__init__(what or gettext("deze vraag"))


def today() -> date:
    return timezone.localdate()


# ---------------------------------------------------------------- the answer term


@dataclass(frozen=True)
class DueDate:
    """The answer term of a question and why: `days` working days for `category`, the school
    holidays not counted when `holidays_excluded`."""

    due: date
    days: int
    category: QuestionCategory | None
    holidays_excluded: bool


def desk_calendar(steunpunt_id: int) -> tuple[Calendar | None, str]:
    """The calendar and vakantieregio that count for this steunpunt's terms: the school holidays only
    when it is closed then (and has a region); without settings, working days only."""
    settings = DeskSettings.objects.filter(steunpunt_id=steunpunt_id).first()
    if settings is None or not settings.closed_in_school_holidays or not settings.vakantieregio:
        return None, ""
    return school_calendar(), settings.vakantieregio


def due_date(*, steunpunt_id: int, received_on: date, categories: Iterable[QuestionCategory]) -> DueDate:
    """When the answer is due: the shortest term of the categories, in the steunpunt's open days."""
    chosen = sorted(categories, key=lambda c: (c.answer_term_days, c.position, c.name))
    days = terms.term_days(c.answer_term_days for c in chosen)
    calendar, regio = desk_calendar(steunpunt_id)
    return DueDate(
        due=terms.answer_due(received_on, days, calendar=calendar, regio=regio),
        days=days,
        category=chosen[0] if chosen else None,
        holidays_excluded=calendar is not None,
    )


# ---------------------------------------------------------------- checks


def _require_desk(actor: User) -> None:
    if not policy.works_at_desk(actor):
        raise PermissionDenied(gettext("Alleen een medewerker van het steunpunt kan dit doen."))


def _own_question(actor: User, question: Question) -> Question:
    """The question as stored, when the actor works at its steunpunt (404 otherwise: reveals nothing)."""
    _require_desk(actor)
    return policy.require_question(actor, question.pk)


def _check_version(question: Question, expected_version: int | None) -> int:
    version = question.version if expected_version is None else expected_version
    if version != question.version:
        raise StaleQuestion()
    return version


def _choice(value: str, choices: type[Any], field: str, message: str) -> str:
    if value not in choices.values:
        raise Refused(message, field=field, code="choice")
    return value


def _categories(categories: Iterable[QuestionCategory | int]) -> list[QuestionCategory]:
    ids = {c.pk if isinstance(c, QuestionCategory) else int(c) for c in categories}
    if not ids:
        raise Refused(
            gettext("Kies minstens één categorie: waar gaat de vraag over?"),
            field="categories",
            code="required",
        )
    found = list(QuestionCategory.objects.filter(pk__in=ids, active=True))
    if len(found) != len(ids):
        raise Refused(
            gettext("Een van de gekozen categorieën bestaat niet meer. Kies opnieuw."),
            field="categories",
            code="unknown",
        )
    return found


def _text(value: str, *, field: str, required: str, limit: int = MAX_TEXT) -> str:
    text = (value or "").strip()
    if not text:
        raise Refused(required, field=field, code="required")
    if len(text) > limit:
        raise Refused(
            gettext("Deze tekst is te lang (meer dan %(max)s tekens). Maak hem korter.") % {"max": limit},
            field=field,
            code="too_long",
        )
    return text


def _past_act(field: str, day: date, *, received_on: date | None = None) -> None:
    problem = date_problem(day, today=today(), past_act=True)
    if problem is None and received_on is not None and day < received_on:
        problem = gettext(
            "Deze datum ligt voor de dag waarop de vraag binnenkwam. Kies die dag of een latere dag."
        )
    refuse(**{field: problem})


def _contact(*, contact_name: str, contact_email: str, contact_phone: str) -> tuple[str, str, str]:
    name, email, phone = (
        (contact_name or "").strip(),
        (contact_email or "").strip(),
        (contact_phone or "").strip(),
    )
    problems: dict[str, list[str]] = {}
    if len(name) > 120:
        problems["contact_name"] = [gettext("Deze naam is te lang (meer dan 120 tekens).")]
    if email:
        try:
            validate_email(email)
        except Exception:
            problems["contact_email"] = [
                gettext("Dit is geen goed e-mailadres. Een e-mailadres ziet eruit als naam@voorbeeld.nl.")
            ]
    if len(phone) > 40 or (phone and not any(c.isdigit() for c in phone)):
        problems["contact_phone"] = [gettext("Dit is geen goed telefoonnummer. Vul alleen cijfers in.")]
    if problems:
        raise Refused.many(problems, code="contact")
    return name, email, phone


# ---------------------------------------------------------------- registering


def _register_steunpunt(actor: User | None, channel: str, steunpunt: Organisation | None) -> Organisation:
    if actor is None:
        if channel != Channel.WEBFORMULIER:
            raise PermissionDenied(gettext("Log in om een vraag vast te leggen."))
        if steunpunt is None or steunpunt.kind != OrganisationKind.STEUNPUNT:
            raise Refused(gettext("Kies het steunpunt waar de vraag heen gaat."), field="steunpunt")
        return steunpunt
    _require_desk(actor)
    assert actor.organisation is not None
    if steunpunt is not None and steunpunt.pk != actor.organisation_id:
        raise PermissionDenied(gettext("Je legt alleen vragen vast voor je eigen steunpunt."))
    return actor.organisation


@transaction.atomic
def register_question(
    *,
    actor: User | None,
    channel: str,
    asker: str = Asker.OUDER,
    received_on: date,
    age_group: str = AgeGroup.ONBEKEND,
    school_type: str = SchoolType.ONBEKEND,
    swv: Samenwerkingsverband | None,
    categories: Iterable[QuestionCategory | int],
    question_text: str,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    steunpunt: Organisation | None = None,
) -> Question:
    """Register one contact: the question in the asker's words, who asks, about what child, through
    which channel, and its categories (one or more); the answer term follows from the categories.

    `actor`: the steunpunt worker; None only for the public web form (`channel=webformulier`), whose
    steunpunt is then `steunpunt=`. The samenwerkingsverband, when known, is one the steunpunt serves.
    """
    place = _register_steunpunt(actor, channel, steunpunt)
    _choice(channel, Channel, "channel", gettext("Kies hoe de vraag binnenkwam."))
    _choice(asker, Asker, "asker", gettext("Kies wie de vraag stelt."))
    _choice(age_group, AgeGroup, "age_group", gettext("Kies de leeftijd van het kind, of 'Onbekend'."))
    _choice(school_type, SchoolType, "school_type", gettext("Kies de soort school, of 'Onbekend'."))
    if swv is not None:
        served = (
            policy.desk_swvs(actor)
            if actor is not None
            else Samenwerkingsverband.objects.filter(steunpunten__steunpunt_id=place.pk)
        )
        if not served.filter(pk=swv.pk).exists():
            raise Refused(
                gettext(
                    "Dit samenwerkingsverband hoort niet bij het steunpunt. Kies een ander, of laat het leeg."
                ),
                field="swv",
                code="swv",
            )
    _past_act("received_on", received_on)
    chosen = _categories(categories)
    text = _text(
        question_text,
        field="question_text",
        required=gettext("Schrijf de vraag op, in de woorden van de vrager."),
    )
    name, email, phone = _contact(
        contact_name=contact_name, contact_email=contact_email, contact_phone=contact_phone
    )
    due = due_date(steunpunt_id=place.pk, received_on=received_on, categories=chosen)
    question = Question.objects.create(
        steunpunt=place,
        swv=swv,
        channel=channel,
        asker=asker,
        received_on=received_on,
        age_group=age_group,
        school_type=school_type,
        question_text=text,
        contact_name=name,
        contact_email=email,
        contact_phone=phone,
        answer_due=due.due,
        created_by=actor,
    )
    question.categories.set(chosen)
    audit.question_registered(actor=actor, question=question, category_ids=[c.pk for c in chosen])
    return question


# ---------------------------------------------------------------- working on a question


def _save(question: Question, version: int, **changes: Any) -> Question:
    question.version = bump_version(
        Question, question.pk, version, what=gettext("deze vraag"), stale=StaleQuestion, **changes
    )
    for name, value in changes.items():
        setattr(question, name, value)
    return question


def _not_closed(question: Question, message: str) -> None:
    if question.status == QuestionStatus.GESLOTEN:
        raise Refused(message, code="closed")


@transaction.atomic
def assign_to_me(*, actor: User, question: Question, expected_version: int | None = None) -> Question:
    """The actor takes the question on: it shows as theirs in the queue."""
    stored = _own_question(actor, question)
    version = _check_version(stored, expected_version)
    _not_closed(stored, gettext("Deze vraag is afgesloten. Zet hem eerst weer open."))
    if stored.assigned_to_id == actor.pk:
        return stored
    _save(stored, version, assigned_to=actor)
    audit.question_assigned(actor=actor, question=stored)
    return stored


@transaction.atomic
def answer_question(
    *,
    actor: User,
    question: Question,
    answered_on: date,
    answer_summary: str,
    expected_version: int | None = None,
) -> Question:
    """Record that the asker got an answer, on which day and, briefly, what it was."""
    stored = _own_question(actor, question)
    version = _check_version(stored, expected_version)
    if stored.status != QuestionStatus.OPEN:
        raise Refused(
            gettext(
                "Deze vraag is al beantwoord of afgesloten. Zet hem weer open om een nieuw antwoord "
                "vast te leggen."
            ),
            code="not_open",
        )
    _past_act("answered_on", answered_on, received_on=stored.received_on)
    summary = _text(
        answer_summary,
        field="answer_summary",
        required=gettext("Schrijf kort op wat je hebt geantwoord."),
        limit=MAX_SUMMARY,
    )
    _save(
        stored,
        version,
        status=QuestionStatus.BEANTWOORD,
        answered_on=answered_on,
        answer_summary=summary,
        assigned_to=stored.assigned_to or actor,
    )
    audit.question_answered(actor=actor, question=stored)
    return stored


@transaction.atomic
def reopen(*, actor: User, question: Question, expected_version: int | None = None) -> Question:
    """Open a question again (the asker came back, or it was closed by mistake). The answer term stays."""
    stored = _own_question(actor, question)
    version = _check_version(stored, expected_version)
    if stored.status == QuestionStatus.OPEN:
        raise Refused(gettext("Deze vraag is al open."), code="already_open")
    if stored.contact_removed_on is not None:
        raise Refused(
            gettext("De gegevens van deze vraag zijn al verwijderd. Leg een nieuwe vraag vast."),
            code="contact_removed",
        )
    previous = stored.status
    _save(stored, version, status=QuestionStatus.OPEN, answered_on=None, closed_on=None)
    audit.question_reopened(actor=actor, question=stored, previous_status=previous)
    return stored


@transaction.atomic
def close_question(
    *, actor: User, question: Question, closed_on: date, expected_version: int | None = None
) -> Question:
    """Close the question: nothing more to do. The contact details are removed some months later."""
    stored = _own_question(actor, question)
    version = _check_version(stored, expected_version)
    _not_closed(stored, gettext("Deze vraag is al afgesloten."))
    _past_act("closed_on", closed_on, received_on=stored.answered_on or stored.received_on)
    _save(stored, version, status=QuestionStatus.GESLOTEN, closed_on=closed_on)
    audit.question_closed(actor=actor, question=stored)
    return stored


@transaction.atomic
def change_categories(
    *,
    actor: User,
    question: Question,
    categories: Iterable[QuestionCategory | int],
    expected_version: int | None = None,
) -> Question:
    """Change what the question is about; the answer term is worked out again from the new categories."""
    stored = _own_question(actor, question)
    version = _check_version(stored, expected_version)
    _not_closed(stored, gettext("Deze vraag is afgesloten. Zet hem eerst weer open."))
    chosen = _categories(categories)
    due = due_date(steunpunt_id=stored.steunpunt_id, received_on=stored.received_on, categories=chosen)
    _save(stored, version, answer_due=due.due)
    stored.categories.set(chosen)
    audit.categories_changed(actor=actor, question=stored, category_ids=[c.pk for c in chosen])
    return stored


def findings_message(text: str, *, contact_name: str) -> str | None:
    """The refusal for a text that still identifies someone (what was found), or None."""
    findings = find_identifying(text, contact_name=contact_name)
    if not findings:
        return None
    found = "; ".join(f"“{f.text}” ({gettext(f.explanation)})" for f in findings)
    return gettext(
        "Er staan nog gegevens in de tekst waaraan je iemand kunt herkennen. Haal ze weg en sla "
        "opnieuw op. Gevonden: %(found)s"
    ) % {"found": found}


@transaction.atomic
def anonymise_question(
    *,
    actor: User,
    question: Question,
    anonymised_text: str,
    checklist_confirmed: bool,
    expected_version: int | None = None,
) -> Question:
    """Keep the question's text for signals, written without what identifies someone. Refused while
    the detector still finds a name, e-mail address, phone number, BSN-like number or postcode, and
    until the worker confirms the checklist."""
    stored = _own_question(actor, question)
    version = _check_version(stored, expected_version)
    text = _text(
        anonymised_text,
        field="anonymised_text",
        required=gettext("Schrijf de vraag op zonder namen, contactgegevens of andere herkenbare gegevens."),
    )
    problems: dict[str, list[str]] = {}
    found = findings_message(text, contact_name=stored.contact_name)
    if found:
        problems["anonymised_text"] = [found]
    if not checklist_confirmed:
        problems["checklist_confirmed"] = [
            gettext("Loop de lijst na en vink aan dat je alle herkenbare gegevens hebt weggehaald.")
        ]
    if len(problems) == 1:
        ((field, (message,)),) = problems.items()
        raise Refused(message, field=field, code="identifying" if field == "anonymised_text" else "checklist")
    if problems:
        raise Refused.many(problems, code="identifying")
    _save(stored, version, anonymised_text=text, anonymised_on=today(), anonymised_by=actor)
    audit.question_anonymised(actor=actor, question=stored)
    return stored


@transaction.atomic
def select_quote(
    *, actor: User, question: Question, selected: bool, expected_version: int | None = None
) -> Question:
    """Use the anonymised text as a quote in the signals report (or stop using it)."""
    stored = _own_question(actor, question)
    version = _check_version(stored, expected_version)
    if selected and (stored.anonymised_on is None or not stored.anonymised_text):
        raise Refused(
            gettext("Alleen een tekst zonder herkenbare gegevens kan een citaat zijn. Sla die eerst op."),
            field="selected",
            code="not_anonymised",
        )
    if stored.quote_selected == selected:
        return stored
    _save(stored, version, quote_selected=selected)
    audit.quote_selected(actor=actor, question=stored, selected=selected)
    return stored
