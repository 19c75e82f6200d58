"""The workflow table: which transitions exist, with a comment per row."""

from __future__ import annotations

import pytest

from kring.cases import workflow
from kring.cases.models import CaseStatus

TABLE = [
    ("signaal", "verkenning", True),  # the signal is taken up
    ("signaal", "afgesloten", True),  # a signal that needs no regie is closed with a reason
    ("signaal", "plan", False),  # no plan without exploring first
    ("signaal", "uitvoering", False),  # no carrying out without a plan
    ("verkenning", "plan", True),  # perspective is set together
    ("verkenning", "signaal", False),  # a taken-up signal does not go back to the pile
    ("plan", "uitvoering", True),  # work starts on the perspective and route
    ("plan", "verkenning", True),  # the picture was wrong
    ("uitvoering", "evaluatie", True),  # the evaluation rhythm comes round
    ("uitvoering", "plan", True),  # the route does not work: adjust the plan
    ("evaluatie", "uitvoering", True),  # go on until the next evaluation
    ("evaluatie", "afgesloten", True),  # goal reached
    ("afgesloten", "verkenning", False),  # a closed case stays closed: a new signal opens a new case
    ("afgesloten", "signaal", False),  # idem
]


@pytest.mark.parametrize(("source", "target", "allowed"), TABLE)
def test_transition_table(source: str, target: str, allowed: bool) -> None:
    assert workflow.is_allowed(source, target) is allowed


def test_every_open_status_can_close() -> None:
    for status in CaseStatus.values:
        if status != CaseStatus.AFGESLOTEN:
            assert workflow.is_allowed(status, CaseStatus.AFGESLOTEN), status


def test_escalated_is_not_a_state() -> None:
    states = {e.source for e in workflow.TRANSITIONS} | {e.target for e in workflow.TRANSITIONS}
    assert states <= set(CaseStatus.values)
    assert not any("escal" in s for s in states)


def test_every_edge_says_why() -> None:
    assert all(e.why for e in workflow.TRANSITIONS)
    assert workflow.allowed_targets("afgesloten") == []


def test_leaving_signaal_needs_regievoerder() -> None:
    step = workflow.edge("signaal", "verkenning")
    assert step is not None and workflow.Requirement.REGIEVOERDER in step.requires
