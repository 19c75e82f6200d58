"""What the institutions owe the child, in one view: every obligation and violation of the stored
assessment grouped by who holds the duty (`kring.rules.duties.DUTY_HOLDER`: the school, the
samenwerkingsverband, the gemeente) with its status, the upcoming deadlines as plain sentences, and
the school days the child went without education while enrolled or aangemeld
(`kring.rules.duties.school_days_without_education`, on the same timeline the assessment reads).

The family's view of the child (`kring.portal.child_file`) and the leerplichtambtenaar's panel on
the case page (`kring.children.panels.institutions_panel`) both show this, so before a family is held
to account for absence, the people who enforce leerplicht see whether the institutions met their
own duties. No access decisions here: the callers ask the policy first. Reads the child's
timeline once and its stored assessment (`readmodel.current_assessment`), in a fixed number of
queries whatever the length of the timeline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from kring.rules import parse_scenario, rule_for
from kring.rules.catalog_en import explain_en, title_en
from kring.rules.duties import (
    DayKind,
    DaysWithoutEducation,
    Holder,
    duty_holder,
    school_days_without_education,
)

from .labels import THUISZITTER_SHORT

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from .models import Child, TimelineEvent

__all__ = [
    "Deadline",
    "Duty",
    "HolderGroup",
    "InstitutionDuties",
    "institution_duties",
]

HOLDER_LABELS: Mapping[Holder, StrOrPromise] = {
    Holder.SCHOOL: _("De school"),
    Holder.SWV: _("Het samenwerkingsverband"),
    Holder.GEMEENTE: _("De gemeente"),
}
HOLDER_HELP: Mapping[Holder, StrOrPromise] = {
    Holder.SCHOOL: _("De school moet je kind een passende plek geven of helpen zoeken. Dat heet zorgplicht."),
    Holder.SWV: _(
        "Het samenwerkingsverband is de samenwerking van de scholen in de regio. Het zorgt dat er voor "
        "elk kind een plek is, en maakt daarover afspraken met de gemeente."
    ),
    Holder.GEMEENTE: _(
        "De gemeente let op de leerplicht. De leerplichtambtenaar helpt als een kind niet naar school gaat."
    ),
}
HOLDER_NONE: Mapping[Holder, StrOrPromise] = {
    Holder.SCHOOL: _("Kring ziet nu geen plichten van de school."),
    Holder.SWV: _("Kring ziet nu geen plichten van het samenwerkingsverband."),
    Holder.GEMEENTE: _(
        "Kring rekent voor de gemeente nog geen termijnen uit. Kring toont hier alleen wat de regels in "
        "Kring kennen."
    ),
}

# The status of a duty, in plain words, with the Utrecht badge modifier of the professional pages.
STATUS: Mapping[str, tuple[StrOrPromise, str]] = {
    "met": (_("Gedaan, op tijd"), "success"),
    "met_late": (_("Gedaan, maar te laat"), "warning"),
    "open": (_("Nog niet gedaan, er is nog tijd"), "neutral"),
    "overdue": (_("Te laat: nog niet gedaan"), "danger"),
    "violation": (_("Niet volgens de regels"), "danger"),
}

DAY_KIND_WORDS: Mapping[DayKind, StrOrPromise] = {
    DayKind.GESCHORST: _("geschorst door de school"),
    DayKind.ONGEOORLOOFD: _("afwezig zonder geldige reden"),
    DayKind.ZIEK: _("ziek"),
    DayKind.GEOORLOOFD: _("afwezig met toestemming"),
    DayKind.AANGEMELD: _("aangemeld bij een school, maar nog zonder plek"),
}


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _deadline_sentence(rule: str, school: str, due: date | None) -> str:
    """What an open obligation asks of whom, by when, in one sentence (B1)."""
    who = school or gettext("De school")
    day = _day(due) if due else ""
    sentences = {
        "ZP-05": gettext("%(who)s moet uiterlijk %(day)s beslissen over de aanmelding van je kind."),
        "ZP-06": gettext(
            "%(who)s heeft na 10 weken nog niet beslist. Daarom moet de school je kind vanaf %(day)s "
            "tijdelijk inschrijven."
        ),
        "LPW-21": gettext("%(who)s moet het verzuim uiterlijk %(day)s melden bij DUO."),
        "OPP-05": gettext(
            "%(who)s moet uiterlijk %(day)s een ontwikkelingsperspectief (OPP) voor je kind maken."
        ),
        "OPP-06": gettext("%(who)s moet het OPP uiterlijk %(day)s met jou bespreken."),
        "ZP-10": gettext("%(who)s moet de inspectie laten weten dat je kind langer dan 1 dag geschorst is."),
        "OPP-04": gettext(
            "%(who)s heeft jouw instemming nodig voor het deel van het OPP over de begeleiding van je kind."
        ),
        "KR-3M": gettext(
            "Uiterlijk %(day)s moeten er een regievoerder, een ontwikkelperspectief, een route en vaste "
            "momenten om samen te evalueren zijn. Dat is een afspraak in de regio, geen wet."
        ),
    }
    template = sentences.get(rule)
    if template is None:
        found = rule_for(rule)
        return found.title if found is not None else rule
    return template % {"who": who, "day": day}


@dataclass
class Duty:
    """One obligation or violation of the assessment, as the family reads it."""

    rule: str
    title: str
    source: str
    holder: Holder
    subject: str
    status: str  # an obligation's status, or "violation"
    status_words: str
    badge: str
    explanation: str
    due: date | None = None
    on: date | None = None  # the day of a violation
    sentence: str = ""  # what is asked, for an obligation


@dataclass
class Deadline:
    """An upcoming deadline that protects the child: an open obligation with a date."""

    due: date
    sentence: str
    rule: str
    source: str


@dataclass
class HolderGroup:
    holder: Holder
    label: str
    help: str
    none_text: str
    duties: list[Duty] = field(default_factory=list)

    @property
    def late_count(self) -> int:
        return sum(1 for d in self.duties if d.status in ("overdue", "met_late", "violation"))


@dataclass
class DayLine:
    kind: DayKind
    words: str
    days: int


@dataclass
class InstitutionDuties:
    as_of: date
    groups: list[HolderGroup]
    deadlines: list[Deadline]
    days: DaysWithoutEducation
    day_lines: list[DayLine]
    thuiszitter: dict[str, Any] | None

    @property
    def duties(self) -> list[Duty]:
        return [d for g in self.groups for d in g.duties]


def _rule_meta(rule: str) -> tuple[str, str]:
    try:
        found = rule_for(rule)
    except KeyError:
        return rule, ""
    return (found.title, found.source) if found is not None else (rule, "")


def _words(item: Mapping[str, Any]) -> tuple[str, str]:
    """The rule's title and the finding's explanation in the active language: the engine writes
    Dutch, the English comes from the catalog's translation (as on the case page)."""
    title, _source = _rule_meta(item["rule"])
    explanation = item.get("explanation", "")
    if (get_language() or "").startswith("en"):
        title = title_en(item["rule"]) or title
        explanation = explain_en(item["rule"], item.get("params")) or explanation
    return title, explanation


def duties_from_assessment(data: Mapping[str, Any]) -> tuple[list[HolderGroup], list[Deadline]]:
    """The obligations and violations of a stored assessment (contract shape), grouped by holder,
    and the open obligations with a date as deadlines, soonest first."""
    groups = {
        h: HolderGroup(h, str(HOLDER_LABELS[h]), str(HOLDER_HELP[h]), str(HOLDER_NONE[h])) for h in Holder
    }
    deadlines: list[Deadline] = []
    for o in data.get("obligations", []):
        holder = duty_holder(o["rule"], o.get("params"))
        if holder is None:
            continue
        title, explanation = _words(o)
        due = date.fromisoformat(o["due"]) if o.get("due") else None
        words, badge = STATUS.get(o["status"], (o["status"], "neutral"))
        sentence = _deadline_sentence(o["rule"], o.get("subject") or "", due)
        groups[holder].duties.append(
            Duty(
                rule=o["rule"],
                title=title,
                source=o.get("source", ""),
                holder=holder,
                subject=o.get("subject") or "",
                status=o["status"],
                status_words=str(words),
                badge=badge,
                explanation=explanation,
                due=due,
                sentence=sentence,
            )
        )
        if o["status"] == "open" and due is not None:
            deadlines.append(Deadline(due, sentence, o["rule"], o.get("source", "")))
    for v in data.get("violations", []):
        holder = duty_holder(v["rule"])
        if holder is None:
            continue
        title, explanation = _words(v)
        words, badge = STATUS["violation"]
        groups[holder].duties.append(
            Duty(
                rule=v["rule"],
                title=title,
                source=v.get("source", ""),
                holder=holder,
                subject=v.get("subject") or "",
                status="violation",
                status_words=str(words),
                badge=badge,
                explanation=explanation,
                on=date.fromisoformat(v["date"]),
            )
        )
    deadlines.sort(key=lambda d: (d.due, d.rule))
    return [groups[h] for h in Holder], deadlines


def days_without_education(
    child: Child, events: Sequence[TimelineEvent], *, as_of: date
) -> DaysWithoutEducation:
    """The school days without education on the child's timeline (`events`, in timeline order)."""
    from .assessment import calendar_for_assessment, event_payload, scenario_dict

    scenario = scenario_dict(
        as_of=as_of,
        vakantieregio=child.vakantieregio,
        birth_date=child.birth_date,
        events=[event_payload(e) for e in events if e.date <= as_of],
    )
    return school_days_without_education(parse_scenario(scenario), calendar=calendar_for_assessment())


def institution_duties(
    child: Child, *, data: Mapping[str, Any], events: Sequence[TimelineEvent], as_of: date
) -> InstitutionDuties:
    """The view for one child from its stored assessment `data` and its timeline `events`."""
    groups, deadlines = duties_from_assessment(data)
    days = days_without_education(child, events, as_of=as_of)
    thuiszitter = data.get("thuiszitter")
    tz = None
    if thuiszitter:
        tz = {
            "label": str(THUISZITTER_SHORT.get(thuiszitter["category"], thuiszitter["category"])),
            "category": thuiszitter["category"],
            "since": date.fromisoformat(thuiszitter["since"]),
            "days": thuiszitter.get("days"),
        }
    return InstitutionDuties(
        as_of=as_of,
        groups=groups,
        deadlines=deadlines,
        days=days,
        day_lines=[DayLine(kind, str(DAY_KIND_WORDS[kind]), n) for kind, n in days.by_kind.items()],
        thuiszitter=tz,
    )
