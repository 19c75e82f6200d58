"""The toelaatbaarheidsverklaring (TLV, catalog v2): TLV-03 (two deskundigen), TLV-04 (the TLV's
period and its last school year), TLV-06 (the family's term to object) and AWB-413 on a TLV request
(the decision term the law does not set). The running TLVs are listed in `tlv`.

Which event belongs to which (SCENARIOS.md, v2), in the engine's order (date, then index): a
`tlv_besluit` answers the first `tlv_aanvraag` of the same `swv` before it that no earlier decision
answered; a `deskundigenadvies` belongs to the first `tlv_besluit` of the same `swv` after it.
"""

from __future__ import annotations

from datetime import date

from kring.rules.catalog import Rule
from kring.rules.context import Context, Findings, explain, explain_termijn, nl, rule_on, status_of
from kring.rules.facts import (
    Deskundigenadvies,
    Functie,
    TlvAanvraag,
    TlvBesluit,
    TlvOutcome,
    Uitschrijving,
)
from kring.rules.kalender import school_year_start, statutory_days_term_end, statutory_term_end
from kring.rules.results import (
    Obligation,
    Termijn,
    TermijnStatus,
    Tlv,
    Violation,
    new_obligation,
    new_termijn,
    new_tlv,
    new_violation,
)

# TLV-03: one of the deskundigen is an orthopedagoog or a psycholoog (Besluit bekostiging WPO 34.8)
FIRST_DESKUNDIGE = frozenset({Functie.ORTHOPEDAGOOG, Functie.PSYCHOLOOG})
AANVRAAG_NL = "voor een toelaatbaarheidsverklaring (TLV)"


def tlv_end(decided: date, schooljaren: int) -> date:
    """TLV-04: the last day of a TLV issued on `decided` for `schooljaren` school years. With Y the
    year of the 1 August that starts the school year of `decided`: 31 July of Y + schooljaren when
    it was issued on 1 August, else 31 July of Y + schooljaren + 1 (the rest of the year is added)."""
    start = school_year_start(decided)
    extra = 0 if decided == start else 1
    return date(start.year + schooljaren + extra, 7, 31)


def findings(ctx: Context) -> Findings:
    besluiten = ctx.of(TlvBesluit)
    aanvragen = ctx.of(TlvAanvraag)
    if not besluiten and not aanvragen:
        return Findings([], [])
    obligations: list[Obligation] = []
    violations: list[Violation] = []
    termijnen: list[Termijn] = []
    running: list[Tlv] = []

    # which decision answers which request, and which advices belong to which decision
    answered: dict[int, TlvBesluit] = {}  # request index -> decision
    advices: dict[int, list[Deskundigenadvies]] = {}  # decision index -> advices
    pending: list[TlvAanvraag] = []
    waiting: list[Deskundigenadvies] = []
    for e in ctx.events:
        if isinstance(e, TlvAanvraag):
            pending.append(e)
        elif isinstance(e, Deskundigenadvies):
            waiting.append(e)
        elif isinstance(e, TlvBesluit):
            request = next((a for a in pending if a.swv == e.swv), None)
            if request is not None:
                pending.remove(request)
                answered[request.index] = e
            advices[e.index] = [a for a in waiting if a.swv == e.swv]
            waiting = [a for a in waiting if a.swv != e.swv]

    for a in aanvragen:  # AWB-413: the decision within 8 weeks
        rule = rule_on("AWB-413", a.date)
        if rule is None:
            continue
        due = statutory_term_end(a.date, rule.param("weken"))
        decision = answered.get(a.index)
        done = decision.date if decision is not None else None
        status = status_of(due, done, ctx.as_of)
        text = explain(
            rule,
            status,
            wie=a.swv,
            ontvangen=nl(a.date),
            aanvraag=AANVRAAG_NL,
            due=nl(due),
            done=nl(done) if done else "",
        )
        params = {
            "template": status._value_,
            "values": {"wie": a.swv, "ontvangen": a.date, "aanvraag": "tlv", "due": due, "done": done},
        }
        obligations.append(
            new_obligation(rule.id, a.swv, due, status, rule.source, text, a.date, done, None, params)
        )

    for b in besluiten:
        tlv03 = rule_on("TLV-03", b.date)
        if tlv03 is not None:
            mine = advices.get(b.index, [])
            names = {a.deskundige for a in mine}
            key = ""
            if len(names) < tlv03.param("deskundigen"):
                key = "te_weinig"
            elif not any(a.functie in FIRST_DESKUNDIGE for a in mine):
                key = "geen_orthopedagoog"
            if key:
                text = tlv03.text(key, swv=b.swv, date=nl(b.date))
                params = {"template": key, "values": {"swv": b.swv, "date": b.date}}
                violations.append(new_violation(tlv03.id, b.swv, b.date, tlv03.source, text, params))

        tlv06 = rule_on("TLV-06", b.date)
        if tlv06 is not None:
            until = statutory_days_term_end(b.date, 7 * tlv06.param("weken"))
            tstatus = TermijnStatus.OPEN if ctx.as_of <= until else TermijnStatus.VERSTREKEN
            text = explain_termijn(tlv06, tstatus, swv=b.swv, date=nl(b.date), until=nl(until))
            params = {
                "template": "termijn_" + tstatus._value_,
                "values": {"swv": b.swv, "date": b.date, "until": until},
            }
            termijnen.append(new_termijn(tlv06.id, b.swv, b.date, until, tstatus, tlv06.source, text, params))

        if b.outcome is not TlvOutcome.TOEGEKEND or b.schooljaren is None:
            continue
        end = tlv_end(b.date, b.schooljaren)
        if end >= ctx.as_of:
            running.append(new_tlv(b.soort._value_, b.swv, b.volgnummer, b.date, end))
        tlv04 = rule_on("TLV-04", b.date)
        if tlv04 is not None:
            found = _last_year_obligation(ctx, b, end, tlv04)
            if found is not None:
                obligations.append(found)
    return Findings(obligations, violations, termijnen=termijnen, tlv=running)


def _last_year_obligation(ctx: Context, b: TlvBesluit, end: date, rule: Rule) -> Obligation | None:
    """TLV-04's obligation for the TLV of `b` (ending on `end`), when it has arisen by `as_of`."""

    first = max(date(end.year - 1, 8, 1), b.date)
    last = min(end, ctx.as_of)
    if last < first:
        return None
    days = sorted({first, *(en.start for en in ctx.enrolments if first < en.start <= last)})
    arose: date | None = None
    school = ""
    for d in days:
        match = next(
            (
                en
                for en in ctx.enrolments
                if en.contains(d) and en.inschrijving.sector._value_ == b.soort._value_
            ),
            None,
        )
        if match is not None:
            arose, school = d, match.school
            break
    if arose is None:
        return None
    ends = [
        n.date
        for n in ctx.of(TlvBesluit)
        if (n.date, n.index) > (b.date, b.index) and n.outcome is TlvOutcome.TOEGEKEND and n.soort == b.soort
    ]
    ends += [u.date for u in ctx.of(Uitschrijving) if u.school == school and u.date > arose]
    done = min(ends) if ends else None
    status = status_of(end, done, ctx.as_of)
    text = explain(
        rule,
        status,
        soort=b.soort._value_,
        swv=b.swv,
        end=nl(end),
        school=school,
        done=nl(done) if done else "",
    )
    params = {
        "template": status._value_,
        "values": {"soort": b.soort._value_, "swv": b.swv, "end": end, "school": school, "done": done},
    }
    return new_obligation(rule.id, school, end, status, rule.source, text, arose, done, None, params)
