"""Afwijking van de onderwijstijd (catalog v2): OT-02, a reduced programme needs the inspectorate's
consent first (WPO art. 8 lid 10; WEC art. 12 lid 2), for a leerplichtig child in po, sbo or so.

TZ-06, the hidden child with a partial programme (`verborgen` reason `gedeeltelijk_programma`),
is in `thuiszitter.py` with the other hidden cases.
"""

from __future__ import annotations

from kring.rules.context import Context, Findings, explain, nl, rule_on, status_of
from kring.rules.facts import InstemmingInspectieOnderwijstijd, OnderwijstijdVerminderd, Sector
from kring.rules.results import LeerplichtStatus, Obligation, new_obligation

OT02_SECTORS = frozenset({Sector.PO, Sector.SBO, Sector.SO})


def findings(ctx: Context) -> Findings:
    reductions = ctx.of(OnderwijstijdVerminderd)
    if not reductions:
        return Findings([], [])
    obligations: list[Obligation] = []
    consents = ctx.of(InstemmingInspectieOnderwijstijd)
    for r in reductions:
        rule = rule_on("OT-02", r.date)
        if rule is None:
            continue
        last = r.to if r.to is not None and r.to < ctx.as_of else ctx.as_of
        # the first day from `date` to `last` that is leerplichtig and enrolled at the school in
        # po/sbo/so: those only change on the leerplicht's start and end and on an enrolment's start
        lp = ctx.leerplicht
        days = sorted({r.date, lp.start, *(en.start for en in ctx.enrolments if en.school == r.school)})
        due = None
        for d in days:
            if d < r.date or d > last:
                continue
            en = ctx.enrolled_at(r.school, d)
            if (
                en is not None
                and en.inschrijving.sector in OT02_SECTORS
                and ctx.status_on(d) is LeerplichtStatus.LEERPLICHTIG
            ):
                due = d
                break
        if due is None:
            continue
        consent = next(
            (
                c
                for c in consents
                if c.school == r.school and (r.to is None or c.date <= r.to) and (c.to is None or c.to >= due)
            ),
            None,
        )
        done = consent.date if consent is not None else None
        status = status_of(due, done, ctx.as_of)
        text = explain(rule, status, school=r.school, due=nl(due), done=nl(done) if done else "")
        params = {"template": status._value_, "values": {"school": r.school, "due": due, "done": done}}
        obligations.append(
            new_obligation(rule.id, r.school, due, status, rule.source, text, due, done, None, params)
        )
    return Findings(obligations, [])
