"""ZP-10 / ZP-11: suspension (at most a week, reported to the inspectie) and removal (a school first)."""

from __future__ import annotations

from kring.rules.context import Context, Findings, explain, nl, rule_on, status_of
from kring.rules.facts import AndereSchoolBereid, Schorsing, SchorsingGemeldInspectie, Verwijdering
from kring.rules.results import LeerplichtStatus, Obligation, Violation, new_obligation, new_violation


def findings(ctx: Context) -> Findings:
    obligations: list[Obligation] = []
    violations: list[Violation] = []
    for s in ctx.of(Schorsing):
        zp10 = rule_on("ZP-10", s.date)
        if zp10 is None:
            continue
        values: dict[str, object] = {
            "school": s.school,
            "start": nl(s.date),
            "end": nl(s.to),
            "days": s.days,
        }
        raw: dict[str, object] = {"school": s.school, "start": s.date, "end": s.to, "days": s.days}
        if s.days > zp10.param("max_dagen"):
            violations.append(
                new_violation(
                    zp10.id,
                    s.school,
                    s.date,
                    zp10.source,
                    zp10.text("violation", **values),
                    {"template": "violation", "values": raw},
                )
            )
        if s.days >= zp10.param("melden_vanaf_dagen"):
            gemeld = next(
                (g for g in ctx.of(SchorsingGemeldInspectie) if g.school == s.school and g.date >= s.date),
                None,
            )
            done = gemeld.date if gemeld else None
            status = status_of(None, done, ctx.as_of)
            text = explain(zp10, status, done=nl(done) if done else "", **values)
            obligations.append(
                new_obligation(
                    zp10.id,
                    s.school,
                    None,
                    status,
                    zp10.source,
                    text,
                    s.date,
                    done,
                    None,
                    {"template": status._value_, "values": {**raw, "done": done}},
                )
            )

    for v in ctx.of(Verwijdering):
        zp11 = rule_on("ZP-11", v.date)
        if zp11 is None or ctx.status_on(v.date) != LeerplichtStatus.LEERPLICHTIG:
            continue
        if not any(b.date <= v.date for b in ctx.of(AndereSchoolBereid)):
            text = zp11.text("violation", school=v.school, date=nl(v.date))
            params = {"template": "violation", "values": {"school": v.school, "date": v.date}}
            violations.append(new_violation(zp11.id, v.school, v.date, zp11.source, text, params))
    return Findings(obligations, violations)
