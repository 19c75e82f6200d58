"""OPP-04 .. OPP-07: the ontwikkelingsperspectiefplan (in time, consent, yearly evaluation, hoorrecht)."""

from __future__ import annotations

from datetime import date

from kring.rules.context import Context, Enrolment, Findings, explain, nl, rule_on, status_of
from kring.rules.facts import OppEvaluatie, OppInstemming, OppVastgesteld, Sector
from kring.rules.kalender import school_year_end, school_year_label, school_year_start, statutory_term_end
from kring.rules.results import Obligation, Violation, new_obligation, new_violation

OPP_SECTORS = (Sector.SBO, Sector.SO, Sector.VSO)


def findings(ctx: Context) -> Findings:
    obligations: list[Obligation] = []
    violations: list[Violation] = []
    as_of = ctx.as_of
    vastgesteld = ctx.of(OppVastgesteld)
    made_in = [(o, ctx.enrolment_on(o.date)) for o in vastgesteld]  # each OPP and its enrolment

    def first_opp(en: Enrolment) -> OppVastgesteld | None:
        return next((o for o, o_en in made_in if o_en is en), None)

    # OPP-05: an OPP within 6 weeks after enrolment in sbo/so/vso or with extra_ondersteuning
    for en in ctx.enrolments:
        ins = en.inschrijving
        opp05 = rule_on("OPP-05", ins.date)
        if opp05 is None or not (ins.sector in OPP_SECTORS or ins.extra_ondersteuning):
            continue
        due = statutory_term_end(ins.date, opp05.param("weken"))
        opp = first_opp(en)
        done = opp.date if opp else None
        status = status_of(due, done, as_of)
        text = explain(
            opp05, status, school=en.school, start=nl(ins.date), due=nl(due), done=nl(done) if done else ""
        )
        obligations.append(
            new_obligation(
                opp05.id,
                en.school,
                due,
                status,
                opp05.source,
                text,
                ins.date,
                done,
                None,
                {
                    "template": status._value_,
                    "values": {"school": en.school, "start": ins.date, "due": due, "done": done},
                },
            )
        )

    # OPP-04: consent to the handelingsdeel
    for o in vastgesteld:
        opp04 = rule_on("OPP-04", o.date)
        if opp04 is None or o.instemming_handelingsdeel:
            continue
        school = ctx.school_on(o.date)
        consent = next((c for c in ctx.of(OppInstemming) if c.date >= o.date), None)
        done = consent.date if consent else None
        status = status_of(None, done, as_of)
        text = explain(
            opp04, status, opp=nl(o.date), school=school or "geen school", done=nl(done) if done else ""
        )
        params = {"template": status._value_, "values": {"opp": o.date, "school": school, "done": done}}
        obligations.append(
            new_obligation(opp04.id, school, None, status, opp04.source, text, o.date, done, None, params)
        )

    # OPP-06: yearly evaluation with the parents, from the school year after the first OPP
    evaluaties = ctx.of(OppEvaluatie)
    for en in ctx.enrolments:
        first = first_opp(en)
        if first is None:
            continue
        year_start = date(school_year_start(first.date).year + 1, 8, 1)
        while year_start <= as_of and en.contains(year_start):
            opp06 = rule_on("OPP-06", year_start)
            year_end = school_year_end(year_start)
            if opp06 is not None:
                ev = next((e for e in evaluaties if e.met_ouders and year_start <= e.date <= year_end), None)
                done = ev.date if ev else None
                status = status_of(year_end, done, as_of)
                text = explain(
                    opp06,
                    status,
                    schooljaar=school_year_label(year_start),
                    school=en.school,
                    due=nl(year_end),
                    done=nl(done) if done else "",
                )
                obligations.append(
                    new_obligation(
                        opp06.id,
                        en.school,
                        year_end,
                        status,
                        opp06.source,
                        text,
                        year_start,
                        done,
                        None,
                        {
                            "template": status._value_,
                            "values": {
                                "schooljaar": school_year_label(year_start),
                                "school": en.school,
                                "due": year_end,
                                "done": done,
                            },
                        },
                    )
                )
            year_start = date(year_start.year + 1, 8, 1)

    # OPP-07: hoorrecht
    for ev in evaluaties:
        opp07 = rule_on("OPP-07", ev.date)
        if opp07 is None or ev.met_leerling:
            continue
        school = ctx.school_on(ev.date)
        text = opp07.text("violation", date=nl(ev.date), school=school or "geen school")
        params = {"template": "violation", "values": {"date": ev.date, "school": school}}
        violations.append(new_violation(opp07.id, school, ev.date, opp07.source, text, params))
    return Findings(obligations, violations)
