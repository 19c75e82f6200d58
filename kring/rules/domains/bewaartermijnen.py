"""PRV-04 and PRV-06: retention periods (catalog v2), listed in `bewaartermijnen`.

- PRV-04: the samenwerkingsverband keeps the health data of a TLV assessment until 3 years after
  the decision (WPO art. 18a lid 13).
- PRV-06 (sector guidance): after an `uitschrijving` from a school in po, sbo, so or vso, the school
  keeps the in- and uitschrijving and verzuim data 5 years, the pupil file 2 years and, when that
  school asked for a TLV, the referral data 3 years.

A retention period is never shifted (calendar years: 29 February becomes 28 February).
"""

from __future__ import annotations

from kring.rules.context import Context, Findings, nl, rule_on
from kring.rules.facts import Inschrijving, Sector, TlvAanvraag, TlvBesluit, Uitschrijving
from kring.rules.kalender import add_years
from kring.rules.results import BewaarSoort, Bewaartermijn, new_bewaartermijn

PRV06_SECTORS = frozenset({Sector.PO, Sector.SBO, Sector.SO, Sector.VSO})
# PRV-06: each kind of data with the parameter that holds its years
PRV06_SOORTEN: tuple[tuple[BewaarSoort, str], ...] = (
    (BewaarSoort.IN_UITSCHRIJVING, "in_uitschrijving_jaren"),
    (BewaarSoort.VERZUIM, "verzuim_jaren"),
    (BewaarSoort.DOSSIER, "dossier_jaren"),
    (BewaarSoort.VERWIJZING, "verwijzing_jaren"),
)


def findings(ctx: Context) -> Findings:
    periods: list[Bewaartermijn] = []
    for b in ctx.of(TlvBesluit):
        rule = rule_on("PRV-04", b.date)
        if rule is None:
            continue
        until = add_years(b.date, rule.param("jaren"))
        soort = BewaarSoort.GEZONDHEIDSGEGEVENS
        text = rule.text(soort._value_, swv=b.swv, date=nl(b.date), until=nl(until))
        params = {"template": soort._value_, "values": {"swv": b.swv, "date": b.date, "until": until}}
        periods.append(new_bewaartermijn(rule.id, b.swv, soort, b.date, until, rule.source, text, params))
    for u in ctx.of(Uitschrijving):
        rule = rule_on("PRV-06", u.date)
        if rule is None:
            continue
        last = None  # the last inschrijving at that school before the uitschrijving (engine order)
        for e in ctx.of(Inschrijving):
            if (e.date, e.index) >= (u.date, u.index):
                break
            if e.school == u.school:
                last = e
        if last is None or last.sector not in PRV06_SECTORS:
            continue
        if ctx.enrolled_at(u.school, ctx.as_of) is not None:
            continue  # enrolled at that school again
        referred = any(a.school == u.school and a.date <= u.date for a in ctx.of(TlvAanvraag))
        for soort, years in PRV06_SOORTEN:
            if soort is BewaarSoort.VERWIJZING and not referred:
                continue
            until = add_years(u.date, rule.param(years))
            text = rule.text(soort._value_, school=u.school, date=nl(u.date), until=nl(until))
            params = {
                "template": soort._value_,
                "values": {"school": u.school, "date": u.date, "until": until},
            }
            periods.append(
                new_bewaartermijn(rule.id, u.school, soort, u.date, until, rule.source, text, params)
            )
    return Findings([], [], bewaartermijnen=periods)
