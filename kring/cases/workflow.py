"""The case workflow as one readable table of allowed transitions.

    signaal ─► verkenning ─► plan ─► uitvoering ─► evaluatie ─► afgesloten
                    ▲          ▲          ▲             │
                    └──────────┴──────────┴─────────────┘   (back a step when the picture changes)

Every open phase may close with a reason (a case is never kept open only to be counted).
*Geëscaleerd* is not a phase: it is a marker on the case (`Case.escalated`) while an escalation
waits for a decision; the work goes on in whatever phase the case is in.

Each edge lists what must be true before it may be taken (`requires`) and why the edge exists.
A transition always needs a reason from the person who makes it (the service enforces it).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from .models import CaseStatus

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

S = CaseStatus


class Requirement(StrEnum):
    # KR-3M element 1 and DESIGN "one person who directs": past `signaal` a case has a regievoerder.
    REGIEVOERDER = "regievoerder"
    # KR-3M elements 2 and 3: work is carried out on a jointly set perspective and a concrete route.
    PERSPECTIEF_EN_ROUTE = "perspectief_en_route"


REQUIREMENT_MESSAGES: dict[Requirement, StrOrPromise] = {
    Requirement.REGIEVOERDER: (
        _("Wijs eerst een regievoerder aan. Zonder regievoerder kan de casus niet verder.")
    ),
    Requirement.PERSPECTIEF_EN_ROUTE: (
        _("Leg eerst het ontwikkelperspectief en een concrete route vast. Daarna kan de uitvoering beginnen.")
    ),
}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    why: str
    requires: frozenset[Requirement] = frozenset()


R = Requirement.REGIEVOERDER
PR = Requirement.PERSPECTIEF_EN_ROUTE

TRANSITIONS: tuple[Edge, ...] = (
    # The signal is taken up: one named person directs the case from now on (KR-3M: regievoerder).
    Edge(
        S.SIGNAAL,
        S.VERKENNING,
        "Het signaal is opgepakt; de kring brengt de situatie in kaart.",
        frozenset({R}),
    ),
    # A signal that turns out to need no regie is closed with its reason, not left lying around.
    Edge(S.SIGNAAL, S.AFGESLOTEN, "Het signaal vraagt geen regie (met reden)."),
    # The circle knows enough to set the perspective together with parents and child (KR-3M).
    Edge(S.VERKENNING, S.PLAN, "De kring stelt samen met ouders en kind het perspectief op.", frozenset({R})),
    Edge(S.VERKENNING, S.AFGESLOTEN, "Verkenning laat zien dat regie niet (meer) nodig is."),
    # Carrying out needs a jointly set perspective and a concrete route (KR-3M elements 2 and 3).
    Edge(S.PLAN, S.UITVOERING, "Perspectief en route staan; de uitvoering begint.", frozenset({R, PR})),
    # Back to exploring when the plan rests on a wrong picture.
    Edge(S.PLAN, S.VERKENNING, "Het beeld klopt niet; terug naar de verkenning.", frozenset({R})),
    Edge(S.PLAN, S.AFGESLOTEN, "Regie is niet meer nodig (bijv. verhuizing; met reden)."),
    # The fixed evaluation rhythm comes round (KR-3M element 4): evaluate with parents and child.
    Edge(
        S.UITVOERING, S.EVALUATIE, "Het evaluatiemoment is er; evalueren met ouders en kind.", frozenset({R})
    ),
    # The route is stopped early: adjust the plan rather than wait for the evaluation.
    Edge(S.UITVOERING, S.PLAN, "De route werkt niet; het plan wordt bijgesteld.", frozenset({R})),
    Edge(S.UITVOERING, S.AFGESLOTEN, "Regie is niet meer nodig (met reden)."),
    # After an evaluation: go on with the route, adjust the plan, or rethink the picture.
    Edge(S.EVALUATIE, S.UITVOERING, "De route loopt door tot de volgende evaluatie.", frozenset({R, PR})),
    Edge(S.EVALUATIE, S.PLAN, "Na de evaluatie wordt het plan bijgesteld.", frozenset({R})),
    Edge(S.EVALUATIE, S.VERKENNING, "Na de evaluatie is een nieuwe verkenning nodig.", frozenset({R})),
    # The child is back in education that fits (or another ending); the reason says which.
    Edge(S.EVALUATIE, S.AFGESLOTEN, "Het doel is bereikt of de casus eindigt (met reden)."),
    # Afgesloten has no outgoing edge: a new signal opens a new case, so the history stays intact.
)

_BY_PAIR: dict[tuple[str, str], Edge] = {(e.source, e.target): e for e in TRANSITIONS}


def edge(source: str, target: str) -> Edge | None:
    """The edge from `source` to `target`, or None when that transition is not allowed."""
    return _BY_PAIR.get((source, target))


def allowed_targets(source: str) -> list[str]:
    return [e.target for e in TRANSITIONS if e.source == source]


def is_allowed(source: str, target: str) -> bool:
    return (source, target) in _BY_PAIR
