"""The nightly work of the children app, called by `kring tick` (settings.KRING_TICK_JOBS).

`assess_children(today=...)` recomputes the stored assessment (`ChildAssessment`) of every followed
child: one with an open obligation, a changed timeline or an event whose date has now come (see
`readmodel.py`). It recomputes them also when they look fresh, so a change of a region's norms on
the same day is picked up by a rerun; it is idempotent: a second run stores the same rows.

Children with an open case are brought up to date by the cases job that runs after this one
(`kring.cases.jobs.run_nightly`), which reads them through `readmodel.current_assessments`.
Reads by the system itself leave no audit line per child: they are not a person looking at the file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from .models import Child
from .readmodel import compute_assessment, followed_children

logger = logging.getLogger(__name__)


@dataclass
class AssessReport:
    today: date
    children_assessed: int = 0
    failures: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = f"{self.children_assessed} kinderen beoordeeld"
        if self.failures:
            text += f", {len(self.failures)} fouten"
        return text


def assess_children(*, today: date) -> AssessReport:
    report = AssessReport(today=today)
    for child in followed_children(Child.objects.order_by("pk"), today=today):
        try:
            compute_assessment(child, today=today)
        except Exception as exc:  # one broken timeline must not stop the night for everyone else
            logger.exception("Kring: kind %s niet beoordeeld", child.pk)
            report.failures.append(f"kind {child.pk}: {type(exc).__name__}")
        else:
            report.children_assessed += 1
    return report
