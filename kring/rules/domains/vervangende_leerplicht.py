"""Vervangende leerplicht (Leerplichtwet art. 3a, catalog v2): LPW-46 (B&W decide within 6 weeks;
the family may ask for an extension at least 8 weeks before the period ends, a term counted back)
and AWB-413 on a request for that extension (lid 5 declares lid 2 and 3 applicable, not the 6
weeks of lid 4, so the Awb's 8 weeks apply).

A `vervangende_leerplicht_besluit` answers the first `vervangende_leerplicht_aanvraag` of the same
`gemeente` before it (engine order) that no earlier decision answered, with or without `verlenging`.
"""

from __future__ import annotations

from kring.rules.context import Context, Findings, explain, explain_termijn, nl, rule_on, status_of
from kring.rules.facts import VervangendeLeerplichtAanvraag, VervangendeLeerplichtBesluit, VlpOutcome
from kring.rules.kalender import statutory_term_end, term_counted_back
from kring.rules.results import Obligation, Termijn, TermijnStatus, new_obligation, new_termijn

AANVRAAG_NL = "om de vervangende leerplicht te verlengen"


def findings(ctx: Context) -> Findings:
    aanvragen = ctx.of(VervangendeLeerplichtAanvraag)
    besluiten = ctx.of(VervangendeLeerplichtBesluit)
    if not aanvragen and not besluiten:
        return Findings([], [])
    answered: dict[int, VervangendeLeerplichtBesluit] = {}
    pending: list[VervangendeLeerplichtAanvraag] = []
    for e in ctx.events:
        if isinstance(e, VervangendeLeerplichtAanvraag):
            pending.append(e)
        elif isinstance(e, VervangendeLeerplichtBesluit):
            request = next((a for a in pending if a.gemeente == e.gemeente), None)
            if request is not None:
                pending.remove(request)
                answered[request.index] = e

    obligations: list[Obligation] = []
    for a in aanvragen:
        rule = rule_on("AWB-413" if a.verlenging else "LPW-46", a.date)
        if rule is None:
            continue
        due = statutory_term_end(a.date, rule.param("weken"))
        decision = answered.get(a.index)
        done = decision.date if decision is not None else None
        status = status_of(due, done, ctx.as_of)
        values: dict[str, object] = {"ontvangen": a.date, "due": due, "done": done}
        if a.verlenging:
            values |= {"wie": a.gemeente, "aanvraag": "verlenging"}
            words = {"wie": a.gemeente, "aanvraag": AANVRAAG_NL}
        else:
            values["gemeente"] = a.gemeente
            words = {"gemeente": a.gemeente}
        text = explain(
            rule, status, ontvangen=nl(a.date), due=nl(due), done=nl(done) if done else "", **words
        )
        params = {"template": status._value_, "values": values}
        obligations.append(
            new_obligation(rule.id, a.gemeente, due, status, rule.source, text, a.date, done, None, params)
        )

    termijnen: list[Termijn] = []
    for b in besluiten:
        rule = rule_on("LPW-46", b.date)
        if rule is None or b.outcome is not VlpOutcome.TOEGESTAAN or b.to is None:
            continue
        until = term_counted_back(b.to, rule.param("verlenging_weken_voor_einde"))
        tstatus = TermijnStatus.OPEN if ctx.as_of <= until else TermijnStatus.VERSTREKEN
        text = explain_termijn(
            rule, tstatus, gemeente=b.gemeente, date=nl(b.date), to=nl(b.to), until=nl(until)
        )
        params = {
            "template": "termijn_" + tstatus._value_,
            "values": {"gemeente": b.gemeente, "date": b.date, "to": b.to, "until": until},
        }
        termijnen.append(new_termijn(rule.id, b.gemeente, b.date, until, tstatus, rule.source, text, params))
    return Findings(obligations, [], termijnen=termijnen)
