"""From a question to a case, only with the parent's consent (issue 13, point 4).

A steunpunt worker links a question to the child's case (`link_to_case`), or asks a
samenwerkingsverband the steunpunt serves to open one (`ask_swv_to_open_case`); the
samenwerkingsverband records which case it opened for the request (`handle_request`). Each needs
consent that is specific: when it was given (a past act, not before the question came in), by whom,
how, and for what. The parent can take it back at any time; the worker records that
(`revoke_link`), and from that moment the case page, the portal and the SWV's inbox no longer show
the link.

Every service is one transaction and writes its audit lines (`kring.desk.audit`) in it. A case the
worker may not see is refused exactly like one that does not exist: the refusal reveals nothing.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from kring.access import policy
from kring.core.dates import date_problem
from kring.core.errors import Refused
from kring.desk import audit
from kring.desk.models import ConsentHow, LinkKind, Question, QuestionLink
from kring.privacy.text import refuse_bsn_in_text

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.cases.models import Case
    from kring.organisations.models import Samenwerkingsverband

__all__ = [
    "ask_swv_to_open_case",
    "default_scope_for_case",
    "default_scope_for_request",
    "handle_request",
    "link_to_case",
    "revoke_link",
]


def default_scope_for_case() -> str:
    """The sentence a consent form starts with for a link to a case (the worker adapts it)."""
    return gettext(
        "De ouder vindt het goed dat het steunpunt deze vraag koppelt aan de casus van het kind. Dan weten "
        "de mensen rond het kind dat de ouder hierover hulp vroeg. De vraag zelf en de contactgegevens "
        "blijven bij het steunpunt."
    )


def default_scope_for_request() -> str:
    """The sentence a consent form starts with for a request to the samenwerkingsverband."""
    return gettext(
        "De ouder vindt het goed dat het steunpunt de naam en geboortedatum van het kind, de school en een "
        "korte beschrijving van de situatie doorgeeft aan het samenwerkingsverband. Het "
        "samenwerkingsverband kan dan een casus openen."
    )


def _today() -> date:
    return timezone.localdate()


def _require_own_question(actor: User, question: Question) -> Question:
    if not policy.desk_questions(actor).filter(pk=question.pk).exists():
        raise PermissionDenied(gettext("Deze vraag is niet van jouw steunpunt."))
    return question


def _consent_problems(
    *, question: Question, consent_on: date | None, consent_by: str, consent_how: str, consent_scope: str
) -> dict[str, list[str]]:
    """What is missing or wrong in the consent, per field."""
    problems: dict[str, list[str]] = {}
    if not isinstance(consent_on, date):
        problems["consent_on"] = [gettext("Vul in op welke dag de ouder toestemming gaf.")]
    else:
        problem = date_problem(consent_on, today=_today(), past_act=True)
        if problem is None and consent_on < question.received_on:
            problem = gettext(
                "Deze datum ligt voor de dag waarop de vraag binnenkwam (%(day)s). Toestemming voor deze "
                "vraag kan niet eerder zijn gegeven. Kijk de datum na."
            ) % {"day": question.received_on.strftime("%d-%m-%Y")}
        if problem:
            problems["consent_on"] = [problem]
    if not (consent_by or "").strip():
        problems["consent_by"] = [
            gettext("Vul in wie toestemming gaf, bijvoorbeeld 'moeder, Sanne de Vries'.")
        ]
    elif len(consent_by.strip()) > 120:
        problems["consent_by"] = [gettext("Dit is te lang. Gebruik hoogstens 120 tekens.")]
    if consent_how not in ConsentHow.values:
        problems["consent_how"] = [gettext("Kies hoe de ouder toestemming gaf.")]
    if not (consent_scope or "").strip():
        problems["consent_scope"] = [gettext("Schrijf op waarvoor de ouder toestemming gaf.")]
    return problems


def _refuse(problems: dict[str, list[str]]) -> None:
    if problems:
        raise Refused.many(problems, code="consent")


@transaction.atomic
def link_to_case(
    *,
    actor: User,
    question: Question,
    case: Case | None,
    consent_on: date | None,
    consent_by: str,
    consent_how: str,
    consent_scope: str,
) -> QuestionLink:
    """Link the question to the child's case, with the parent's recorded consent. The case must be
    one the worker may see (`policy.linkable_cases`); any other is refused as if it did not exist."""
    _require_own_question(actor, question)
    problems = _consent_problems(
        question=question,
        consent_on=consent_on,
        consent_by=consent_by,
        consent_how=consent_how,
        consent_scope=consent_scope,
    )
    visible = case is not None and policy.linkable_cases(actor).filter(pk=case.pk).exists()
    if not visible:
        problems["case"] = [
            gettext(
                "Kies een casus die je kunt zien. Staat de casus er niet bij, vraag de regievoerder dan "
                "om het steunpunt aan de kring toe te voegen."
            )
        ]
    elif case is not None and not case.is_open:
        problems["case"] = [gettext("Deze casus is afgesloten. Koppel de vraag aan een open casus.")]
    elif QuestionLink.objects.filter(question=question, case=case, revoked_on__isnull=True).exists():
        problems["case"] = [gettext("Deze vraag is al gekoppeld aan deze casus.")]
    _refuse(problems)
    assert case is not None and consent_on is not None
    link = QuestionLink.objects.create(
        question=question,
        kind=LinkKind.CASE,
        case=case,
        consent_on=consent_on,
        consent_by=consent_by.strip(),
        consent_how=consent_how,
        consent_scope=consent_scope.strip(),
        recorded_by=actor,
    )
    audit.question_linked(actor=actor, link=link, case=case)
    return link


@transaction.atomic
def ask_swv_to_open_case(
    *,
    actor: User,
    question: Question,
    swv: Samenwerkingsverband | None,
    child_name: str,
    child_birth_date: date | None,
    school_name: str,
    situation: str,
    consent_on: date | None,
    consent_by: str,
    consent_how: str,
    consent_scope: str,
) -> QuestionLink:
    """Ask a samenwerkingsverband the steunpunt serves to open a case, with the parent's consent to
    pass on the child's name and birth date, the school and a short description of the situation."""
    _require_own_question(actor, question)
    refuse_bsn_in_text(situation=situation, consent_scope=consent_scope)
    problems = _consent_problems(
        question=question,
        consent_on=consent_on,
        consent_by=consent_by,
        consent_how=consent_how,
        consent_scope=consent_scope,
    )
    if swv is None or not policy.desk_swvs(actor).filter(pk=swv.pk).exists():
        problems["swv"] = [gettext("Kies een samenwerkingsverband waarvoor jouw steunpunt werkt.")]
    if not (child_name or "").strip():
        problems["child_name"] = [
            gettext("Vul de naam van het kind in. Het samenwerkingsverband heeft die nodig.")
        ]
    elif len(child_name.strip()) > 120:
        problems["child_name"] = [gettext("Dit is te lang. Gebruik hoogstens 120 tekens.")]
    if child_birth_date is not None:
        problem = date_problem(child_birth_date, today=_today(), past_act=True)
        if problem:
            problems["child_birth_date"] = [problem]
    if len((school_name or "").strip()) > 200:
        problems["school_name"] = [gettext("Dit is te lang. Gebruik hoogstens 200 tekens.")]
    if not (situation or "").strip():
        problems["situation"] = [
            gettext("Beschrijf kort de situatie, zodat het samenwerkingsverband weet waar het om gaat.")
        ]
    _refuse(problems)
    assert swv is not None and consent_on is not None
    link = QuestionLink.objects.create(
        question=question,
        kind=LinkKind.SWV_REQUEST,
        swv=swv,
        child_name=child_name.strip(),
        child_birth_date=child_birth_date,
        school_name=(school_name or "").strip(),
        situation=situation.strip(),
        consent_on=consent_on,
        consent_by=consent_by.strip(),
        consent_how=consent_how,
        consent_scope=consent_scope.strip(),
        recorded_by=actor,
    )
    audit.swv_request_sent(actor=actor, link=link)
    return link


@transaction.atomic
def revoke_link(
    *, actor: User, question: Question, link: QuestionLink, revoked_on: date | None
) -> QuestionLink:
    """Record that the parent took back their consent. Effective at once: the case page, the portal
    and the samenwerkingsverband's inbox stop showing the link."""
    _require_own_question(actor, question)
    link = (
        QuestionLink.objects.select_for_update(of=("self",))
        .select_related("question__steunpunt", "case__child", "handled_case__child")
        .get(pk=link.pk)
    )
    if link.question_id != question.pk:
        raise PermissionDenied(gettext("Deze koppeling hoort niet bij deze vraag."))
    if link.revoked_on is not None:
        raise Refused(
            gettext("De toestemming is al ingetrokken op %(day)s.")
            % {"day": link.revoked_on.strftime("%d-%m-%Y")},
            code="already_revoked",
        )
    if not isinstance(revoked_on, date):
        raise Refused(
            gettext("Vul in op welke dag de ouder de toestemming introk."),
            field="revoked_on",
            code="required",
        )
    problem = date_problem(revoked_on, today=_today(), past_act=True)
    if problem is None and revoked_on < link.consent_on:
        problem = gettext(
            "Deze datum ligt voor de dag waarop de ouder toestemming gaf (%(day)s). Kijk de datum na."
        ) % {"day": link.consent_on.strftime("%d-%m-%Y")}
    if problem:
        raise Refused(problem, field="revoked_on", code="date")
    link.revoked_on = revoked_on
    link.save(update_fields=["revoked_on"])
    audit.link_revoked(actor=actor, link=link)
    return link


@transaction.atomic
def handle_request(*, actor: User, link: QuestionLink, case: Case | None) -> QuestionLink:
    """The samenwerkingsverband records which case it opened (or already had) for a request of the
    steunpunt. The case must be one the person may see."""
    found = (
        policy.desk_requests(actor)
        .select_for_update(of=("self",))
        .select_related("question__steunpunt", "swv__organisation")
        .filter(pk=link.pk)
        .first()
    )
    if found is None:
        raise PermissionDenied(gettext("Dit verzoek is niet (meer) voor jouw samenwerkingsverband."))
    link = found
    if link.handled_on is not None:
        raise Refused(gettext("Dit verzoek is al behandeld."), code="already_handled")
    if case is None or not policy.visible_cases(actor).filter(pk=case.pk).exists():
        raise Refused(
            gettext(
                "Kies de casus die je voor dit kind hebt geopend. Je kunt alleen een casus kiezen die je "
                "kunt zien."
            ),
            field="case",
        )
    link.handled_on = _today()
    link.handled_case = case
    link.save(update_fields=["handled_on", "handled_case"])
    audit.request_handled(actor=actor, link=link, case=case)
    return link
