"""Synthetic attendance for the benchmark: one school year of one holiday region, in Kring's CSV format.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/attendance/generate.py 10000 /tmp/att-10k.csv
    PYTHONPATH=$PWD .venv/bin/python benchmarks/attendance/generate.py 1000000 /tmp/att-1m.csv --rows absence

The format is `bsn;naam;geboortedatum;datum;uren;reden` (docs/attendance-import.md), UTF-8, dates
YYYY-MM-DD, hours with a decimal point, `reden` empty when `uren` is 0. The school days are the rules
engine's (`kring.rules.default_calendar()`, school year `--year`/`--year + 1`, region `--regio`).

`--rows full` writes one row per pupil per school day (what the format describes); `--rows absence`
writes only the days with absent hours, plus a row of 0 hours on the first and the last school day of
every pupil who was not absent then (so every pupil appears, enrolled for the whole year). Many
exports look like the second; at 1,000,000 pupils the first would be about 200 million rows (10 GB).

The shape (fixed by `--seed`; all randomness is Polars' hash of a row number, so it is vectorised):

- profiles: 78 % near full attendance (a few sick days, a doctor's visit, now and then late);
  10 % frequent absentees (many short unauthorised absences, often a few hours, often late);
  6 % often sick (many short sick spells); 2 % one long absence (20-80 school days, mostly sick);
  1.5 % a partial programme in the last 6-10 weeks (3-4 hours absent on most days);
  2.5 % a falling trend (unauthorised absences ever more often towards the end of the year);
- sick spells start more often in December-February, and four times as often in two flu waves
  (two weeks in December and two in February);
- a school day has 6 hours; a day's rows never exceed it.

Names and BSNs are fictional: a BSN is 9 digits that pass the 11-proof, from a sequence, not real
people's numbers on purpose (but nothing checks that no real person has one).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # after PYTHONPATH, so PYTHONPATH=<another tree> measures that tree

DAY_HOURS = 6.0

# (profile, share of pupils)
PROFILES: tuple[tuple[str, float], ...] = (
    ("regular", 0.78),
    ("frequent", 0.10),
    ("sick", 0.06),
    ("long", 0.02),
    ("partial", 0.015),
    ("falling", 0.025),
)

# Mean number of spells per pupil and school year, per spell kind; one number per profile, in the
# order of PROFILES (regular, frequent, sick, long, partial, falling).
SPELL_MEANS: dict[str, tuple[float, ...]] = {
    "ziek": (2.0, 4.0, 8.0, 2.0, 2.0, 4.0),
    "ongeoorloofd": (0.2, 8.0, 0.5, 0.3, 0.5, 1.0),
    "geoorloofd": (1.5, 2.0, 2.0, 1.0, 3.0, 1.5),
    "te_laat": (2.0, 10.0, 2.0, 2.0, 2.0, 6.0),
    "schorsing": (0.0, 0.05, 0.0, 0.0, 0.0, 0.05),
    "rising": (0.0, 0.0, 0.0, 0.0, 0.0, 10.0),  # unauthorised, ever more often towards the year's end
}
SPELLS = {
    kind: dict(zip((p for p, _ in PROFILES), means, strict=True)) for kind, means in SPELL_MEANS.items()
}

# When two spells cover the same day, the lower number wins.
PRIORITY = {"long": 0, "partial": 1, "schorsing": 2, "ziek": 3, "ongeoorloofd": 4, "rising": 4}
PRIORITY |= {"geoorloofd": 5, "te_laat": 9}

_FIRST = """
Daan Sem Noah Lucas Levi Finn Luuk Milan Bram Jesse Liam Thijs Mees Adam Sam Noud Julian Ties Mohamed
Ayoub Emma Julia Mila Tess Sophie Zoë Sara Nora Yara Eva Lotte Liv Saar Anna Noor Lieke Fenna Roos
Fatima Amira Hanna Lina Jasmijn Isa Femke Sanne Ilse Ravi Chen Mira
"""
_LAST = """
de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit, Meijer, de Boer,
Mulder, de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker, Brouwer, de Wit, Dijkstra, Smits,
de Graaf, van der Meer, van der Linden, Kok, Jacobs, de Haan, Vermeulen, van den Heuvel, van der Veen,
van den Broek, de Bruijn, van der Heijden, Schouten, van Beek, Willems, van Vliet, Yilmaz, El Amrani,
Kaya, Hoekstra, Koster, Prins, Huisman, Post, Kuipers, Veenstra
"""
FIRST_NAMES = _FIRST.split()
LAST_NAMES = [name.strip() for name in _LAST.split(",")]


def uniform(expr: pl.Expr, seed: int) -> pl.Expr:
    """A uniform number in [0, 1) per value of `expr` (Polars' hash; deterministic for a seed)."""
    return expr.hash(seed).cast(pl.Float64) / 2.0**64


def school_days(year: int, regio: str) -> list[date]:
    from kring.rules import default_calendar

    return list(default_calendar().school_day_list(date(year, 8, 1), date(year + 1, 7, 31), regio))


def _cumulative(weights: list[float]) -> pl.Series:
    total = sum(weights)
    running, out = 0.0, []
    for w in weights:
        running += w
        out.append(running / total)
    out[-1] = 1.0
    return pl.Series(out)


def start_weights(days: list[date]) -> dict[str, pl.Series]:
    """The cumulative weight of a spell's start over the school days, per kind of spell."""
    year = days[0].year + 1

    def sick(d: date) -> float:
        w = 2.0 if d.month in (12, 1, 2) else 1.0
        if date(year - 1, 12, 1) <= d <= date(year - 1, 12, 12) or date(year, 2, 2) <= d <= date(year, 2, 13):
            w *= 2.0
        return w

    n = len(days)
    sick_c = _cumulative([sick(d) for d in days])
    even = _cumulative([1.0] * n)
    rising = _cumulative([(i + 1) ** 2 for i in range(n)])
    out = dict.fromkeys(("ongeoorloofd", "geoorloofd", "te_laat", "schorsing"), even)
    return {**out, "ziek": sick_c, "rising": rising}


def pupils(n: int, seed: int) -> pl.DataFrame:
    """n fictional pupils: idx, bsn, naam, geboortedatum, profile."""
    idx = pl.int_range(0, n, dtype=pl.Int64, eager=True).alias("idx")
    frame = pl.DataFrame(idx)
    # BSN: 8 digits from a sequence with gaps of 7, the 9th the 11-proof's digit; a base whose check
    # digit would be 10 moves one up (at most 6 times, so sequences never meet).
    base = pl.lit(10_000_000, dtype=pl.Int64) + pl.col("idx") * 7 + 3
    frame = frame.with_columns(base=base, bump=pl.lit(0, dtype=pl.Int64))

    def check(b: pl.Expr) -> pl.Expr:
        total = pl.lit(0, dtype=pl.Int64)
        for i in range(8):  # digit i (0 = leftmost) has weight 9 - i
            digit = (b // 10 ** (7 - i)) % 10
            total = total + digit * (9 - i)
        return total % 11

    for _ in range(6):
        b = pl.col("base") + pl.col("bump")
        bump = pl.when(check(b) == 10).then(pl.col("bump") + 1).otherwise(pl.col("bump"))
        frame = frame.with_columns(bump=bump)
    b = pl.col("base") + pl.col("bump")
    frame = frame.with_columns(bsn=(b * 10 + check(b)).cast(pl.Utf8).str.zfill(9))
    first = pl.Series(FIRST_NAMES)
    last = pl.Series(LAST_NAMES)
    u_first = (uniform(pl.col("idx"), seed + 1) * len(first)).cast(pl.Int64)
    u_last = (uniform(pl.col("idx"), seed + 2) * len(last)).cast(pl.Int64)
    u_birth = (uniform(pl.col("idx"), seed + 3) * 365 * 14).cast(pl.Int64)
    u_profile = uniform(pl.col("idx"), seed + 4)
    profile = pl.lit(PROFILES[-1][0])
    edge = 1.0
    for (name, _), (_, share_above) in zip(reversed(PROFILES[:-1]), reversed(PROFILES[1:]), strict=True):
        edge -= share_above  # the share of the profiles after `name`
        profile = pl.when(u_profile < edge).then(pl.lit(name)).otherwise(profile)
    frame = frame.with_columns(
        naam=pl.concat_str(pl.lit(first).gather(u_first), pl.lit(" "), pl.lit(last).gather(u_last)),
        geboortedatum=pl.lit(date(2007, 10, 1)) + pl.duration(days=u_birth),
        profile=profile,
    )
    return frame.select("idx", "bsn", "naam", "geboortedatum", "profile")


def _count(lam: pl.Expr, u: pl.Expr, v: pl.Expr) -> pl.Expr:
    """A count with mean `lam`, skewed (most pupils few, a tail many): floor(lam * Exp(1) + U(0, 1))."""
    return (lam * -((1.0 - u).log()) + v).floor().cast(pl.Int64).clip(0, 60)


def absences(people: pl.DataFrame, n_days: int, weights: dict[str, pl.Series], seed: int) -> pl.DataFrame:
    """The absence days: idx, day (index in the school days), hours, reden."""
    parts: list[pl.DataFrame] = []
    base = people.select("idx", "profile")
    for k, (kind, per_profile) in enumerate(SPELLS.items()):
        s = seed * 100 + k * 10
        lam = pl.col("profile").replace_strict(per_profile, return_dtype=pl.Float64)
        spells = (
            base.with_columns(count=_count(lam, uniform(pl.col("idx"), s), uniform(pl.col("idx"), s + 4)))
            .filter(pl.col("count") > 0)
            .with_columns(k=pl.int_ranges(0, pl.col("count")))
            .explode("k")
            .with_row_index("spell")
            .with_columns(u1=uniform(pl.col("spell"), s + 1), u2=uniform(pl.col("spell"), s + 2))
        )
        start = weights[kind].search_sorted(spells["u1"]).cast(pl.Int64).clip(0, n_days - 1)
        spells = spells.with_columns(start=start)
        u2, u3 = pl.col("u2"), uniform(pl.col("spell"), s + 3)
        if kind == "ziek":  # mostly 1-3 days, a tail of a week or more; some days "went home sick"
            length = (1 + (-(1.0 - u2).log() * 1.6)).floor()
            hours = pl.when(u3 < 0.85).then(DAY_HOURS).otherwise(2 + (u3 * 20).floor() % 3)
        elif kind in ("ongeoorloofd", "rising"):  # a day, or lessons skipped
            length = 1 + (u2 < 0.2).cast(pl.Int64) + (u2 < 0.05).cast(pl.Int64)
            hours = pl.when(u3 < 0.5).then(DAY_HOURS).otherwise(1 + (u3 * 40).floor() % 4)
        elif kind == "geoorloofd":  # a doctor's visit, a family event
            length = pl.lit(1)
            hours = pl.when(u3 < 0.6).then(DAY_HOURS).otherwise(1 + (u3 * 30).floor() % 3)
        elif kind == "te_laat":
            length = pl.lit(1)
            hours = pl.when(u3 < 0.5).then(0.25).otherwise(0.5)
        else:  # schorsing
            length = 1 + (u2 * 3).floor()
            hours = pl.lit(DAY_HOURS)
        reden = "ongeoorloofd" if kind == "rising" else kind
        parts.append(
            spells.with_columns(length=length.cast(pl.Int64), hours=hours.cast(pl.Float64), kind=pl.lit(kind))
            .with_columns(off=pl.int_ranges(0, pl.col("length")))
            .explode("off")
            .select("idx", "hours", "kind", day=pl.col("start") + pl.col("off"), reden=pl.lit(reden))
        )
    # One long absence per "long" pupil: 20-80 school days, 70 % sick.
    s = seed * 100 + 90
    long_ = base.filter(pl.col("profile") == "long").with_columns(
        u1=uniform(pl.col("idx"), s + 1), u2=uniform(pl.col("idx"), s + 2), u3=uniform(pl.col("idx"), s + 3)
    )
    long_ = long_.with_columns(
        length=(20 + pl.col("u2") * 60).floor().cast(pl.Int64),
        reden=pl.when(pl.col("u3") < 0.7).then(pl.lit("ziek")).otherwise(pl.lit("ongeoorloofd")),
    ).with_columns(start=(pl.col("u1") * (n_days - 20)).floor().cast(pl.Int64))
    parts.append(
        long_.with_columns(off=pl.int_ranges(0, pl.col("length")))
        .explode("off")
        .select(
            "idx",
            day=pl.col("start") + pl.col("off"),
            hours=pl.lit(DAY_HOURS),
            reden="reden",
            kind=pl.lit("long"),
        )
    )
    # A partial programme in the last 6-10 weeks: 3-4 hours absent (geoorloofd) on about 3 of 4 days.
    part = base.filter(pl.col("profile") == "partial").with_columns(u1=uniform(pl.col("idx"), s + 4))
    part = part.with_columns(length=(30 + pl.col("u1") * 20).floor().cast(pl.Int64)).with_columns(
        off=pl.int_ranges(0, pl.col("length"))
    )
    part = (
        part.explode("off")
        .with_row_index("r")
        .with_columns(u=uniform(pl.col("r"), s + 5))
        .filter(pl.col("u") < 0.75)
        .select(
            "idx",
            day=n_days - pl.col("length") + pl.col("off"),
            hours=3.0 + (pl.col("u") < 0.4).cast(pl.Float64),
            reden=pl.lit("geoorloofd"),
            kind=pl.lit("partial"),
        )
    )
    parts.append(part)
    cols = ("idx", "day", "hours", "reden", "kind")
    rows = pl.concat([p.select(cols).with_columns(pl.col("day").cast(pl.Int64)) for p in parts])
    return (
        rows.filter(pl.col("day") < n_days)
        .with_columns(prio=pl.col("kind").replace_strict(PRIORITY, return_dtype=pl.Int64))
        .sort("idx", "day", "prio")
        .unique(subset=["idx", "day"], keep="first", maintain_order=True)
        .select("idx", "day", pl.col("hours").clip(0, DAY_HOURS), "reden")
    )


def _uren(h: pl.Expr) -> pl.Expr:
    """Hours as the CSV writes them: "6", "0", "0.25"."""
    return pl.when(h == h.floor()).then(h.cast(pl.Int64).cast(pl.Utf8)).otherwise(h.cast(pl.Utf8))


def write_csv(
    n: int,
    path: Path,
    *,
    rows: str = "full",
    year: int = 2025,
    regio: str = "midden",
    seed: int = 12,
    chunk: int = 20_000,
) -> dict[str, int]:
    """Write n pupils' school year to `path`; returns the counts (pupils, school days, rows, absence rows)."""
    days = school_days(year, regio)
    n_days = len(days)
    people = pupils(n, seed)
    absent = absences(people, n_days, start_weights(days), seed)
    day_frame = pl.DataFrame({"day": pl.int_range(0, n_days, dtype=pl.Int64, eager=True), "datum": days})
    info = people.select("idx", "bsn", "naam", "geboortedatum")
    written = 0
    with path.open("wb") as fh:
        for lo in range(0, n, chunk):
            hi = min(lo + chunk, n)
            who = info.filter(pl.col("idx").is_between(lo, hi - 1))
            mine = absent.filter(pl.col("idx").is_between(lo, hi - 1))
            if rows == "full":
                grid = who.select("idx").join(day_frame.select("day"), how="cross")
            else:
                edges = pl.DataFrame({"day": [0, n_days - 1]}, schema={"day": pl.Int64})
                ends = who.select("idx").join(edges, how="cross")
                grid = pl.concat([ends, mine.select("idx", "day")]).unique()
            out = (
                grid.join(mine, on=["idx", "day"], how="left")
                .join(who, on="idx")
                .join(day_frame, on="day")
                .sort("idx", "day")
                .select(
                    "bsn",
                    "naam",
                    "geboortedatum",
                    "datum",
                    _uren(pl.col("hours").fill_null(0.0)).alias("uren"),
                    "reden",  # null: written as an empty field
                )
            )
            out.write_csv(fh, separator=";", include_header=lo == 0)
            written += out.height
    return {"pupils": n, "school_days": n_days, "rows": written, "absence_rows": absent.height}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("pupils", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--rows", choices=("full", "absence"), default="full")
    parser.add_argument("--year", type=int, default=2025, help="the school year starting in August of it")
    parser.add_argument("--regio", default="midden", choices=("noord", "midden", "zuid"))
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    t0 = time.perf_counter()
    counts = write_csv(
        args.pupils, args.path, rows=args.rows, year=args.year, regio=args.regio, seed=args.seed
    )
    size = args.path.stat().st_size
    print(
        f"{args.path}: {counts['pupils']:,} pupils, {counts['school_days']} school days, "
        f"{counts['rows']:,} rows ({counts['absence_rows']:,} with absence), {size / 1e6:,.0f} MB, "
        f"{time.perf_counter() - t0:.1f} s"
    )


if __name__ == "__main__":
    main()
