"""ZP-05 / ZP-06: the school's term to decide on an aanmelding (zorgplicht), and what follows."""

from __future__ import annotations

from datetime import date

from kring.rules.context import Context, Findings, explain, nl, rule_on, status_of
from kring.rules.facts import Aanmelding, AanmeldingBesluit, AanmeldingVerlenging, Event, Inschrijving
from kring.rules.kalender import ONE_DAY, statutory_term_end
from kring.rules.results import Obligation, new_obligation


def findings(ctx: Context) -> Findings:
    obligations: list[Obligation] = []
    as_of = ctx.as_of
    aanmeldingen = ctx.of(Aanmelding)
    for a in aanmeldingen:
        # events for this school belong to this aanmelding until the next aanmelding at the same school
        nxt = next(
            (
                b.date
                for b in aanmeldingen
                if b.school == a.school and b.index != a.index and (b.date, b.index) > (a.date, a.index)
            ),
            None,
        )

        def mine(e: Event, a: Aanmelding = a, nxt: date | None = nxt) -> bool:
            return e.date >= a.date and (nxt is None or e.date < nxt)

        zp05 = rule_on("ZP-05", a.date)
        if zp05 is not None:
            due6 = statutory_term_end(a.date, zp05.param("weken"))
            extended = any(
                v.school == a.school and mine(v) and v.date <= due6 for v in ctx.of(AanmeldingVerlenging)
            )
            weeks = zp05.param("weken") + (zp05.param("verlenging_weken") if extended else 0)
            due = statutory_term_end(a.date, weeks)
            besluit = next((b for b in ctx.of(AanmeldingBesluit) if b.school == a.school and mine(b)), None)
            done = besluit.date if besluit else None
            status = status_of(due, done, as_of)
            termijn = f"{weeks} weken" + (" (6 weken plus 4 weken verlenging)" if extended else "")
            text = explain(
                zp05,
                status,
                school=a.school,
                termijn=termijn,
                aanmelding=nl(a.date),
                due=nl(due),
                done=nl(done) if done else "",
            )
            obligations.append(
                new_obligation(
                    zp05.id,
                    a.school,
                    due,
                    status,
                    zp05.source,
                    text,
                    a.date,
                    done,
                    None,
                    {
                        "template": status._value_,
                        "values": {
                            "school": a.school,
                            "termijn": (weeks, extended),
                            "aanmelding": a.date,
                            "due": due,
                            "done": done,
                        },
                    },
                )
            )

        zp06 = rule_on("ZP-06", a.date)
        if zp06 is not None:
            t = statutory_term_end(a.date, zp06.param("weken"))
            decided = any(b.school == a.school and mine(b) and b.date <= t for b in ctx.of(AanmeldingBesluit))
            elsewhere = ctx.enrolment_on(t, exclude=a.school) is not None
            if t <= as_of and not decided and not elsewhere:
                due = t + ONE_DAY
                ins = next(
                    (i for i in ctx.of(Inschrijving) if i.school == a.school and i.date >= a.date), None
                )
                done = ins.date if ins else None
                status = status_of(due, done, as_of)
                text = explain(
                    zp06,
                    status,
                    school=a.school,
                    aanmelding=nl(a.date),
                    t=nl(t),
                    due=nl(due),
                    done=nl(done) if done else "",
                )
                params = {
                    "template": status._value_,
                    "values": {"school": a.school, "aanmelding": a.date, "t": t, "due": due, "done": done},
                }
                obligations.append(
                    new_obligation(zp06.id, a.school, due, status, zp06.source, text, t, done, None, params)
                )
    return Findings(obligations, [])
