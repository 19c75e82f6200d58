"""Benchmark: how fast the rules engine assesses timelines (what the nightly tick does per open case).

    .venv/bin/python benchmarks/rules_assess.py            # 2,000 timelines of about 40 events
    .venv/bin/python benchmarks/rules_assess.py --n 500

Builds fictional timelines (enrolment, absence spells with a report, an aanmelding with a decision,
a suspension, OPP events and the three-month norm's elements), then parses and assesses each once
with the bundled calendar. Prints timelines per second. No database, no Django.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta
from typing import Any

from kring.rules import assess, parse_scenario
from kring.rules.kalender import default_calendar

AS_OF = date(2026, 11, 20)


def timeline(rng: random.Random) -> dict[str, Any]:
    start = date(2024, 9, 2) + timedelta(days=rng.randint(0, 300))
    events: list[dict[str, Any]] = [
        {"date": start.isoformat(), "type": "inschrijving", "school": "De Brug", "sector": "sbo"}
    ]
    day = start
    for _ in range(12):
        day += timedelta(days=rng.randint(5, 40))
        if day >= AS_OF:
            break
        end = day + timedelta(days=rng.randint(0, 10))
        events.append(
            {
                "date": day.isoformat(),
                "type": "afwezig",
                "reden": rng.choice(["ongeoorloofd", "ziek"]),
                "to": end.isoformat(),
            }
        )
        if rng.random() < 0.5:
            events.append({"date": (end + timedelta(days=2)).isoformat(), "type": "verzuimmelding"})
    events += [
        {
            "date": (start + timedelta(days=20)).isoformat(),
            "type": "opp_vastgesteld",
            "instemming_handelingsdeel": False,
        },
        {"date": (start + timedelta(days=60)).isoformat(), "type": "opp_instemming"},
        {
            "date": (start + timedelta(days=200)).isoformat(),
            "type": "opp_evaluatie",
            "met_ouders": True,
            "met_leerling": True,
        },
        {"date": (start + timedelta(days=90)).isoformat(), "type": "aanmelding", "school": "Het Anker"},
        {
            "date": (start + timedelta(days=120)).isoformat(),
            "type": "aanmelding_besluit",
            "school": "Het Anker",
            "outcome": "afgewezen",
        },
        {
            "date": (start + timedelta(days=150)).isoformat(),
            "type": "schorsing",
            "school": "De Brug",
            "to": (start + timedelta(days=152)).isoformat(),
        },
        {
            "date": (start + timedelta(days=160)).isoformat(),
            "type": "regievoerder_aangewezen",
            "naam": "R. Voorbeeld",
        },
        {"date": (start + timedelta(days=170)).isoformat(), "type": "route_vastgesteld", "soort": "hybride"},
    ]
    events = [e for e in events if e["date"] <= AS_OF.isoformat()]
    return {
        "as_of": AS_OF.isoformat(),
        "vakantieregio": rng.choice(["noord", "midden", "zuid"]),
        "child": {"birth_date": "2014-03-01"},
        "events": events,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)  # noqa: S311 - fictional test data, not security
    scenarios = [timeline(rng) for _ in range(args.n)]
    calendar = default_calendar()
    events = sum(len(s["events"]) for s in scenarios)
    started = time.perf_counter()
    obligations = 0
    for data in scenarios:
        obligations += len(assess(parse_scenario(data), calendar=calendar).to_dict()["obligations"])
    seconds = time.perf_counter() - started
    print(f"{args.n} timelines, {events} events, {obligations} obligations in {seconds:.2f} s")
    print(f"{args.n / seconds:.0f} timelines per second ({1000 * seconds / args.n:.2f} ms each)")


if __name__ == "__main__":
    main()
