"""The demo steunpunt's desk: its settings and fictional questions over the last two quarters.

Enough questions that the signals report shows counts of 5 and more for the frequent categories
(thuiszitten, support at a regular school, school hours) and suppresses the rare ones (school
transport, waiting lists); some anonymised with a selected quote, most closed, a few late (the
nightly tick escalates them to the coordinator). Written through the desk's own services; every
date is relative to the demo's `today`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kring.desk.models import Channel, DeskSettings, PolicySignal, Question, QuestionCategory
from kring.desk.services import questions as desk
from kring.rules.kalender import add_months

if TYPE_CHECKING:
    from kring.accounts.models import User

    from .services import DemoRegion


@dataclass(frozen=True)
class DemoQuestion:
    categories: tuple[str, ...]
    text: str
    asker: str = "ouder"
    age_group: str = "4_12"
    school_type: str = "po"
    channel: str = Channel.TELEFOON
    quote: bool = False  # anonymised (the text as it is: it names nobody) and used as a quote


# Each is asked once in the previous quarter and once in this one (the texts are fictional).
QUESTIONS: tuple[DemoQuestion, ...] = (
    DemoQuestion(
        ("thuiszitten",), "Mijn zoon zit sinds de herfstvakantie thuis. Niemand belt ons terug.", quote=True
    ),
    DemoQuestion(
        ("thuiszitten", "onderwijstijd"), "Mijn dochter mag maar twee ochtenden naar school. Mag dat?"
    ),
    DemoQuestion(
        ("thuiszitten", "autisme"),
        "Ons kind met autisme is al drie maanden thuis. De school zegt dat er geen plek is.",
        quote=True,
    ),
    DemoQuestion(
        ("thuiszitten",),
        "Ik zit al weken thuis en mis mijn vrienden.",
        asker="leerling",
        age_group="12_16",
        school_type="vo",
    ),
    DemoQuestion(
        ("thuiszitten", "wachtlijst"),
        "We wachten op een plek in het speciaal onderwijs. Tot die tijd zit hij thuis.",
    ),
    DemoQuestion(
        ("thuiszitten",),
        "Wie moet er nu iets regelen als mijn kind niet naar school gaat?",
        channel=Channel.WEBFORMULIER,
    ),
    DemoQuestion(
        ("ondersteuning-regulier",),
        "De school zegt dat er geen geld is voor extra hulp in de klas.",
        quote=True,
    ),
    DemoQuestion(
        ("ondersteuning-regulier", "adhd"), "Mijn zoon heeft ADHD. Welke hulp moet de school geven?"
    ),
    DemoQuestion(
        ("ondersteuning-regulier",),
        "Hoe vraag ik een gesprek aan over wat mijn kind nodig heeft?",
        channel=Channel.EMAIL,
    ),
    DemoQuestion(
        ("ondersteuning-regulier", "dyslexie-dyscalculie"),
        "Krijgt mijn dochter extra tijd bij toetsen voor dyslexie?",
    ),
    DemoQuestion(
        ("ondersteuning-regulier",), "De juf zegt dat ze handelingsverlegen is. Wat betekent dat voor ons?"
    ),
    DemoQuestion(
        ("onderwijstijd",),
        "Het rooster van mijn kind is ingekort zonder dat wij iets hebben getekend.",
        quote=True,
    ),
    DemoQuestion(
        ("onderwijstijd",),
        "Mag de school mijn zoon elke middag naar huis sturen?",
        age_group="12_16",
        school_type="vo",
    ),
    DemoQuestion(
        ("onderwijstijd", "medische-zorg"),
        "Mijn kind is vaak ziek. Kan ze les op afstand krijgen?",
        channel=Channel.WEBFORMULIER,
    ),
    DemoQuestion(("onderwijstijd",), "Hoeveel uur les moet een kind op de basisschool krijgen?"),
    DemoQuestion(
        ("onderwijstijd", "schorsing-verwijdering"),
        "Mijn kind is drie dagen geschorst. Mag dat zonder gesprek?",
    ),
    DemoQuestion(
        ("autisme",),
        "Welke school past bij een kind met autisme dat snel overprikkeld raakt?",
        school_type="sbo",
    ),
    DemoQuestion(
        ("leerlingenvervoer",), "De gemeente wil de taxi naar school niet meer betalen.", school_type="so"
    ),
    DemoQuestion(
        ("verwijzing-tlv",), "Hoe lang duurt het voor er een toelaatbaarheidsverklaring is?", school_type="so"
    ),
)

QUOTE_NOTE = "(Vraag van een ouder, zonder herkenbare gegevens.)"


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _days(first: date, last: date, count: int) -> list[date]:
    """`count` days spread evenly from `first` to `last`."""
    span = max((last - first).days, 0)
    return [first + timedelta(days=(span * i) // max(count - 1, 1)) for i in range(count)]


def _categories(codes: tuple[str, ...]) -> list[QuestionCategory]:
    found = {c.code: c for c in QuestionCategory.objects.filter(code__in=codes, active=True)}
    return [found[c] for c in codes if c in found]


def configure_desk(region: DemoRegion) -> DeskSettings:
    """The demo steunpunt serves the demo SWV, counts the school holidays of regio midden as closed
    days, keeps contact details three months, and has its one account as coordinator."""
    steunpunt = region.organisations["steunpunt"]
    settings, _ = DeskSettings.objects.get_or_create(
        steunpunt=steunpunt,
        defaults={
            "vakantieregio": "midden",
            "closed_in_school_holidays": True,
            "contact_retention_months": 3,
            "public_form_enabled": True,
            "coordinator": region.users.get("steunpunt"),
        },
    )
    settings.swvs.add(region.swv)
    return settings


def _register(region: DemoRegion, worker: User, spec: DemoQuestion, received_on: date, n: int) -> Question:
    return desk.register_question(
        actor=worker,
        channel=spec.channel,
        asker=spec.asker,
        received_on=received_on,
        age_group=spec.age_group,
        school_type=spec.school_type,
        swv=region.swv,
        categories=_categories(spec.categories),
        question_text=spec.text,
        contact_name=f"Ouder {n} (fictief)" if spec.asker == "ouder" else f"Jongere {n} (fictief)",
        contact_email=f"vrager{n}@demo.kring.invalid",
    )


def _finish(region: DemoRegion, worker: User, question: Question, spec: DemoQuestion) -> None:
    """Answered within the term, closed a few days later (when that is not after today)."""
    desk.assign_to_me(actor=worker, question=question)
    answered = min(question.answer_due, region.today)
    desk.answer_question(
        actor=worker,
        question=question,
        answered_on=answered,
        answer_summary="Uitgelegd wat de school moet doen en welke stappen de ouder kan zetten.",
    )
    closed = answered + timedelta(days=3)
    if closed <= region.today:
        desk.close_question(actor=worker, question=question, closed_on=closed)
    if spec.quote:
        desk.anonymise_question(
            actor=worker, question=question, anonymised_text=spec.text, checklist_confirmed=True
        )
        desk.select_quote(actor=worker, question=question, selected=True)


def load_desk(region: DemoRegion) -> int:
    """The desk's demo data; nothing when the demo steunpunt has questions already. Returns the
    number of questions written."""
    configure_desk(region)
    steunpunt = region.organisations["steunpunt"]
    worker = region.users.get("steunpunt")
    if worker is None or Question.objects.filter(steunpunt=steunpunt).exists():
        return 0
    this_quarter = quarter_start(region.today)
    previous = add_months(this_quarter, -3)
    written = 0
    for first, last in ((previous, this_quarter - timedelta(days=1)), (this_quarter, region.today)):
        for spec, received_on in zip(QUESTIONS, _days(first, last, len(QUESTIONS)), strict=True):
            written += 1
            question = _register(region, worker, spec, received_on, written)
            _finish(region, worker, question, spec)
    # Still open: two asked weeks ago (late: the nightly tick escalates them), one from yesterday.
    for days_ago, spec in ((21, QUESTIONS[0]), (16, QUESTIONS[6]), (1, QUESTIONS[11])):
        written += 1
        question = _register(region, worker, spec, region.today - timedelta(days=days_ago), written)
        if days_ago > 1:
            desk.assign_to_me(actor=worker, question=question)
    _signal(region, worker)
    return written


def _signal(region: DemoRegion, worker: User) -> PolicySignal:
    """One signal raised to the demo SWV, without a response yet."""
    signal = PolicySignal.objects.create(
        steunpunt=region.organisations["steunpunt"],
        swv=region.swv,
        title="Kinderen zitten thuis terwijl ze op een plek in het speciaal onderwijs wachten",
        body=(
            "Dit kwartaal belden ouders ons vaak over kinderen die thuiszitten omdat er nog geen plek is "
            "in het speciaal onderwijs. Tot die plek er is, krijgen ze vaak geen of bijna geen onderwijs. "
            "Wij vragen het samenwerkingsverband om voor de wachttijd een tijdelijk aanbod af te spreken."
        ),
        raised_on=region.today - timedelta(days=10),
        raised_by=worker,
    )
    signal.categories.set(_categories(("thuiszitten", "wachtlijst")))
    return signal
