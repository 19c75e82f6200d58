"""What the TLV checklist reads of the child's OPP: the OPP app's answer
(`kring.opp.selectors.opp_progress`: drawn up, carried out, evaluated, last evaluated on), which also
counts the OPP facts recorded directly on the child's timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kring.children.models import Child
from kring.opp.selectors import opp_progress


@dataclass(frozen=True)
class OppFacts:
    drawn_up: bool
    carried_out: bool
    evaluated: bool
    last_evaluated_on: date | None


def opp_facts(child: Child) -> OppFacts:
    progress = opp_progress(child)
    return OppFacts(
        drawn_up=progress.drawn_up,
        carried_out=progress.carried_out,
        evaluated=progress.evaluated,
        last_evaluated_on=progress.last_evaluated_on,
    )
