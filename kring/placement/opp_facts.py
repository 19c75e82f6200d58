"""What the TLV checklist reads of the child's OPP.

The OPP app answers with `kring.opp.selectors.opp_progress(child)` (an `OppProgress`: drawn_up,
carried_out, evaluated, last_evaluated_on, parents_consented, child_heard). Until that app is
installed, the same facts are read from the child's timeline: `opp_vastgesteld` (drawn up) and a
later `opp_evaluatie` (evaluated; an evaluation records what was carried out of the handelingsdeel).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date

from django.apps import apps

from kring.children.models import Child, EventType, TimelineEvent


@dataclass(frozen=True)
class OppFacts:
    drawn_up: bool
    carried_out: bool
    evaluated: bool
    last_evaluated_on: date | None


def opp_facts(child: Child) -> OppFacts:
    if apps.is_installed("kring.opp"):
        progress = importlib.import_module("kring.opp.selectors").opp_progress(child)
        return OppFacts(
            drawn_up=bool(progress.drawn_up),
            carried_out=bool(progress.carried_out),
            evaluated=bool(progress.evaluated),
            last_evaluated_on=progress.last_evaluated_on,
        )
    drawn = (
        TimelineEvent.objects.filter(child=child, type=EventType.OPP_VASTGESTELD)
        .order_by("date", "pk")
        .first()
    )
    evaluation = None
    if drawn is not None:
        evaluation = (
            TimelineEvent.objects.filter(child=child, type=EventType.OPP_EVALUATIE, date__gte=drawn.date)
            .order_by("-date", "-pk")
            .first()
        )
    return OppFacts(
        drawn_up=drawn is not None,
        carried_out=evaluation is not None,
        evaluated=evaluation is not None,
        last_evaluated_on=evaluation.date if evaluation is not None else None,
    )
