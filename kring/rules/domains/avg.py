"""AVG-12: the organisation answers a request for access (AVG art. 15) or correction (art. 16)
within one month, or three months when it told the requester it extends the term (catalog v2).

Which event belongs to which (SCENARIOS.md, v2), always in the engine's order (date, then index):
a `verzoek_beantwoord` answers the first request of its kind at the same organisation that comes
before it and that no earlier answer answered; a `verzoek_verlengd` extends the first request of
its kind at the same organisation before it that was not answered before the extension, not
extended before, and whose one-month due is on or after the extension's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kring.rules.context import Context, Findings, explain, nl, rule_on, status_of
from kring.rules.facts import (
    Event,
    VerzoekBeantwoord,
    VerzoekInzage,
    VerzoekRectificatie,
    VerzoekSoort,
    VerzoekVerlengd,
)
from kring.rules.kalender import eu_month_term_end
from kring.rules.results import Obligation, new_obligation

_KIND: dict[type[Event], VerzoekSoort] = {
    VerzoekInzage: VerzoekSoort.INZAGE,
    VerzoekRectificatie: VerzoekSoort.RECTIFICATIE,
}
VERZOEK_NL = {
    VerzoekSoort.INZAGE: "inzage in de gegevens",
    VerzoekSoort.RECTIFICATIE: "correctie van de gegevens",
}
LOOPTIJD_NL = {False: "binnen 1 maand", True: "binnen 3 maanden, want de termijn is verlengd"}


@dataclass
class _Request:
    event: VerzoekInzage | VerzoekRectificatie
    kind: VerzoekSoort
    due1: date  # the one-month due
    answered: date | None = None
    extended: bool = False


def findings(ctx: Context) -> Findings:
    if not ctx.of(VerzoekInzage) and not ctx.of(VerzoekRectificatie):
        return Findings([], [])
    requests: list[_Request] = []
    for e in ctx.events:  # the engine's order
        if isinstance(e, VerzoekInzage | VerzoekRectificatie):
            rule = rule_on("AVG-12", e.date)
            if rule is not None:
                requests.append(_Request(e, _KIND[type(e)], eu_month_term_end(e.date, rule.param("maanden"))))
        elif isinstance(e, VerzoekBeantwoord):
            match = next(
                (
                    r
                    for r in requests
                    if r.kind == e.verzoek and r.event.organisatie == e.organisatie and r.answered is None
                ),
                None,
            )
            if match is not None:
                match.answered = e.date
        elif isinstance(e, VerzoekVerlengd):
            # `requests` holds only requests before `e`; "not answered before the extension": an
            # answer so far came before it
            match = next(
                (
                    r
                    for r in requests
                    if r.kind == e.verzoek
                    and r.event.organisatie == e.organisatie
                    and r.answered is None
                    and not r.extended
                    and r.due1 >= e.date
                ),
                None,
            )
            if match is not None:
                match.extended = True
    obligations: list[Obligation] = []
    for r in requests:
        rule = rule_on("AVG-12", r.event.date)
        assert rule is not None
        months = rule.param("maanden") + (rule.param("verlenging_maanden") if r.extended else 0)
        due = eu_month_term_end(r.event.date, months)
        status = status_of(due, r.answered, ctx.as_of)
        org = r.event.organisatie
        text = explain(
            rule,
            status,
            organisatie=org,
            ontvangen=nl(r.event.date),
            verzoek=VERZOEK_NL[r.kind],
            due=nl(due),
            looptijd=LOOPTIJD_NL[r.extended],
            done=nl(r.answered) if r.answered else "",
        )
        params = {
            "template": status._value_,
            "values": {
                "organisatie": org,
                "ontvangen": r.event.date,
                "verzoek": r.kind._value_,
                "due": due,
                "looptijd": r.extended,
                "done": r.answered,
            },
        }
        obligations.append(
            new_obligation(
                rule.id, org, due, status, rule.source, text, r.event.date, r.answered, None, params
            )
        )
    return Findings(obligations, [])
