"""'Hoe lang bewaren we dit?' on the family's page of one child (issue 11, item 8): every retention
term that applies to the child's file, in plain Dutch with its source.

- The rules engine's `bewaartermijnen` (PRV-04, PRV-06 of catalog v2), read from the stored
  per-child assessment the page already holds (`ChildAssessment.data`), not computed again.
- The case file: the term its region chose (`RegionSettings.case_retention_years`, default 2
  years), for each closed case from its closing day, and for an open case "until it is closed, then
  N years" (`kring.cases.retention`).

`kring tick` enforces both (`kring.cases.retention.remove_expired_cases`,
`kring.children.retention.remove_expired_timeline`) and writes what it removed in the family's log.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kring.cases.models import Case, CaseStatus
from kring.cases.retention import case_terms, child_case_retention_years
from kring.children.models import Child

# What each kind of data of the engine is, in words for the family.
SOORT_WORDS: dict[str, Promise] = {
    "gezondheidsgegevens": _(
        "Gegevens over de gezondheid, die het samenwerkingsverband gebruikte om te beslissen over "
        "een toelaatbaarheidsverklaring (de toegang tot speciaal onderwijs)"
    ),
    "in_uitschrijving": _("Wanneer je kind op deze school in- en uitgeschreven is"),
    "verzuim": _("Het verzuim op deze school: de dagen dat je kind er niet was"),
    "dossier": _("Het leerlingdossier van deze school"),
    "verwijzing": _("De aanvraag van deze school voor speciaal onderwijs (de verwijzing)"),
}

CASE_SOURCE = _(
    "Beleid van het samenwerkingsverband. Geen wet zegt hoe lang dit dossier bewaard blijft, dus "
    "kiest het samenwerkingsverband dat zelf."
)


@dataclass(frozen=True)
class RetentionLine:
    what: str
    keeper: str
    until: date | None  # None: the case is still open
    source: str
    explanation: str
    rule: str = ""


def _parse(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def engine_lines(data: Mapping[str, Any]) -> list[RetentionLine]:
    lines = []
    for entry in data.get("bewaartermijnen") or []:
        until = _parse(entry.get("until"))
        if until is None:
            continue
        soort = str(entry.get("soort", ""))
        lines.append(
            RetentionLine(
                what=str(SOORT_WORDS.get(soort, soort)),
                keeper=str(entry.get("subject") or ""),
                until=until,
                source=str(entry.get("source") or ""),
                explanation=str(entry.get("explanation") or ""),
                rule=str(entry.get("rule") or ""),
            )
        )
    return lines


def case_lines(child: Child, cases: Iterable[Case], *, today: date) -> list[RetentionLine]:
    cases = list(cases)
    if not cases:
        return []
    years = child_case_retention_years(child, today=today)
    keeper = gettext("Het samenwerkingsverband")
    lines = []
    if any(c.status != CaseStatus.AFGESLOTEN for c in cases):
        lines.append(
            RetentionLine(
                what=gettext(
                    "Het dossier van de kring: het overleg, de afspraken, het plan en de escalaties"
                ),
                keeper=keeper,
                until=None,
                source=str(CASE_SOURCE),
                explanation=gettext(
                    "Zolang er een kring is, blijft alles bewaard. Na het afsluiten blijft het dossier "
                    "nog %(years)s jaar bewaard. Daarna verwijdert Kring het."
                )
                % {"years": years},
            )
        )
    for term in case_terms(child, today=today, cases=cases):
        lines.append(
            RetentionLine(
                what=gettext("Het dossier van de kring die is afgesloten op %(day)s")
                % {"day": _day(term.closed_on)},
                keeper=keeper,
                until=term.until,
                source=str(CASE_SOURCE),
                explanation=gettext(
                    "Het samenwerkingsverband bewaart dit dossier %(years)s jaar na het afsluiten. Daarna "
                    "verwijdert Kring het. In het logboek zie je wanneer dat is gebeurd."
                )
                % {"years": term.years},
            )
        )
    return lines


def _day(value: date) -> str:
    from django.utils.formats import date_format

    return date_format(value, "j F Y")


def retention_lines(
    child: Child, *, data: Mapping[str, Any], cases: Iterable[Case], today: date
) -> list[RetentionLine]:
    """Every term, soonest first (an open case's file last: it has no end yet)."""
    lines = engine_lines(data) + case_lines(child, cases, today=today)
    return sorted(lines, key=lambda line: (line.until is None, line.until or today))
