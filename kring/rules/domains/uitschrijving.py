"""LPW-47: a leerplichtige child is deregistered without being enrolled elsewhere (or without a ground)."""

from __future__ import annotations

from kring.rules.context import Context, Findings, nl, rule_on
from kring.rules.facts import Grond, Uitschrijving
from kring.rules.results import Violation, new_violation


def findings(ctx: Context) -> Findings:
    violations: list[Violation] = []
    for u in ctx.of(Uitschrijving):
        lpw47 = rule_on("LPW-47", u.date)
        if lpw47 is None or not ctx.plichtig_on(u.date) or u.grond == Grond.VRIJSTELLING:
            continue
        if u.grond == Grond.OVERIG or ctx.enrolment_on(u.date, exclude=u.school) is None:
            text = lpw47.text(u.grond.value, school=u.school, date=nl(u.date))
            params = {"template": u.grond.value, "values": {"school": u.school, "date": u.date}}
            violations.append(new_violation(lpw47.id, u.school, u.date, lpw47.source, text, params))
    return Findings([], violations)
