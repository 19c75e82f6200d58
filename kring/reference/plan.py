"""Combine the parsed sources into the state the database should have (pure Python, no Django).

Which source wins for which field is decided here and documented in docs/reference-data.md.
Cross-file links are soft: a school whose gemeente or postcode is missing from another file is
still imported, with that link left empty.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .importers.cbs_gemeenten import CbsGemeente
from .importers.cbs_postcodes import CbsPostcode
from .importers.duo_pupils import PupilCount
from .importers.duo_schools import DuoSchool
from .importers.gemeenten import canonical_name, gemeente_key, readable_name
from .importers.geojson_schools import GeoSchool
from .importers.holidays import Holiday
from .importers.swv_regions import SwvRegion, display_code

REGIO_ORDER = ("noord", "midden", "zuid")


@dataclass(frozen=True)
class GemeenteSpec:
    key: str
    name: str
    cbs_code: str
    provincie: str
    inwoners: int | None
    lat: float | None
    lon: float | None
    active: bool


@dataclass(frozen=True)
class SwvSpec:
    code: str
    sector: str
    name: str


@dataclass(frozen=True)
class BoardSpec:
    code: str
    name: str


@dataclass(frozen=True)
class SchoolSpec:
    vestigingscode: str
    name: str
    website: str
    phone: str
    board: str | None
    sector: str
    school_type: str
    denominatie: str
    vakantieregio: str
    street: str
    postcode: str
    plaats: str
    gemeente: str | None  # gemeente key
    lat: float | None
    lon: float | None
    leerlingen: int | None


@dataclass(frozen=True)
class PostcodeSpec:
    pc4: str
    plaats: str
    gemeente: str | None  # gemeente key
    provincie: str
    inwoners: int | None
    lat: float | None
    lon: float | None
    swv_po: str | None
    swv_vo: str | None


@dataclass
class Sources:
    duo_schools: list[DuoSchool]
    pupils: list[PupilCount]
    geo_schools: list[GeoSchool]
    swv_regions: list[SwvRegion]
    holidays: list[Holiday]
    postcodes: list[CbsPostcode]
    gemeenten: list[CbsGemeente]


@dataclass
class ReferencePlan:
    gemeenten: dict[str, GemeenteSpec] = field(default_factory=dict)
    swvs: dict[str, SwvSpec] = field(default_factory=dict)
    boards: dict[str, BoardSpec] = field(default_factory=dict)
    schools: dict[str, SchoolSpec] = field(default_factory=dict)
    postcodes: dict[str, PostcodeSpec] = field(default_factory=dict)
    holidays: dict[tuple[str, str, str], Holiday] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def build_plan(sources: Sources) -> ReferencePlan:
    plan = ReferencePlan()
    duo_gemeente = _duo_gemeente_names(sources.duo_schools)
    plan.gemeenten = _gemeenten(sources, duo_gemeente)
    plan.swvs = _swvs(sources.swv_regions)
    plan.schools = _schools(sources, duo_gemeente, plan)
    plan.boards = {
        code: BoardSpec(code, f"Bevoegd gezag {code}")
        for code in sorted({s.board for s in plan.schools.values() if s.board})
    }
    plan.postcodes = _postcodes(sources)
    plan.holidays = {h.key: h for h in sources.holidays}
    europoort = sorted(r.pc4 for r in sources.swv_regions if r.swv_po is None or r.swv_vo is None)
    if europoort:
        plan.notes.append(
            f"{len(europoort)} postcodegebieden zonder samenwerkingsverband "
            f"(Europoort: {', '.join(europoort)})"
        )
    historic = sum(1 for g in plan.gemeenten.values() if not g.active)
    if historic:
        plan.notes.append(f"{historic} gemeenten uit oudere indelingen (2015/2021) opgenomen als niet actief")
    return plan


# ---------------------------------------------------------------- gemeenten


def _duo_gemeente_names(schools: Iterable[DuoSchool]) -> dict[str, str]:
    """CBS gemeentecode → DUO name, for the rows where DUO left the name empty."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for s in schools:
        if s.gemeente_name:
            names[s.gemeente_code][s.gemeente_name] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in names.items()}


def _duo_name(school: DuoSchool, duo_gemeente: dict[str, str]) -> str:
    return school.gemeente_name or duo_gemeente.get(school.gemeente_code, "")


def _gemeenten(sources: Sources, duo_gemeente: dict[str, str]) -> dict[str, GemeenteSpec]:
    # Name candidates by priority: CBS 2022 (1), CBS PC4 2021 (2), regio-indeling 2015 (3), DUO (4).
    names: dict[str, tuple[int, str]] = {}

    def offer(name: str, priority: int) -> str:
        key = gemeente_key(name)
        canonical = canonical_name(name)
        candidate = (0, canonical) if canonical else (priority, name)
        if key not in names or candidate[0] < names[key][0]:
            names[key] = candidate
        return key

    cbs = {offer(g.name, 1): g for g in sources.gemeenten}
    provincies: dict[str, Counter[str]] = defaultdict(Counter)
    for p in sources.postcodes:
        if p.gemeente:
            key = offer(p.gemeente, 2)
            if p.provincie:
                provincies[key][p.provincie] += 1
    for r in sources.swv_regions:
        offer(r.gemeente, 3)
    current: set[str] = set()
    codes: dict[str, Counter[str]] = defaultdict(Counter)
    duo_provincies: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sources.duo_schools:
        name = _duo_name(s, duo_gemeente)
        if name:
            key = offer(readable_name(name), 4)
            current.add(key)
            codes[key][s.gemeente_code] += 1
            duo_provincies[key][s.provincie] += 1
    for g in sources.geo_schools:
        key = offer(readable_name(g.gemeente), 4)
        current.add(key)
        if g.provincie:
            duo_provincies[key][g.provincie] += 1

    result: dict[str, GemeenteSpec] = {}
    for key, (_, name) in sorted(names.items()):
        c = cbs.get(key)
        provincie = _most_common(provincies.get(key)) or _most_common(duo_provincies.get(key))
        result[key] = GemeenteSpec(
            key=key,
            name=name,
            cbs_code=_most_common(codes.get(key)),
            provincie=provincie,
            inwoners=c.inwoners if c else None,
            lat=c.lat if c else None,
            lon=c.lon if c else None,
            active=key in current,
        )
    return result


def _most_common(counter: Counter[str] | None) -> str:
    if not counter:
        return ""
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


# ---------------------------------------------------------------- samenwerkingsverbanden


def _swvs(regions: Iterable[SwvRegion]) -> dict[str, SwvSpec]:
    codes = {c for r in regions for c in (r.swv_po, r.swv_vo) if c}
    return {
        code: SwvSpec(code=code, sector=code[:2].lower(), name=f"Samenwerkingsverband {display_code(code)}")
        for code in sorted(codes)
    }


# ---------------------------------------------------------------- schools


def _schools(sources: Sources, duo_gemeente: dict[str, str], plan: ReferencePlan) -> dict[str, SchoolSpec]:
    duo = {s.vestigingscode: s for s in sources.duo_schools}
    geo = {g.vestigingscode: g for g in sources.geo_schools}
    pupils = {p.vestigingscode: p for p in sources.pupils}
    open_pupils = {code for code, p in pupils.items() if p.open}
    codes = sorted(set(duo) | set(geo) | open_pupils)

    regio_by_gemeente: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sources.duo_schools:
        name = _duo_name(s, duo_gemeente)
        if name:
            regio_by_gemeente[gemeente_key(name)][s.vakantieregio] += 1
    derived_regio = {
        key: sorted(c.items(), key=lambda kv: (-kv[1], REGIO_ORDER.index(kv[0])))[0][0]
        for key, c in regio_by_gemeente.items()
    }

    result: dict[str, SchoolSpec] = {}
    hidden = no_regio = 0
    for code in codes:
        d, g, p = duo.get(code), geo.get(code), pupils.get(code)
        gemeente = _school_gemeente(d, g, p, duo_gemeente)
        gemeente = gemeente if gemeente in plan.gemeenten else None
        if p is not None:
            leerlingen = p.leerlingen
            hidden += p.leerlingen is None
        else:
            leerlingen = g.leerlingen if g else None
        regio = d.vakantieregio if d else derived_regio.get(gemeente or "", "")
        no_regio += not regio
        result[code] = SchoolSpec(
            vestigingscode=code,
            name=_first(d.name if d else None, g.name if g else None, p.name if p else None),
            website=_first(d.website if d else None, g.website if g else None),
            phone=d.phone if d else "",
            board=_first(d.board if d else None, p.board if p else None) or None,
            sector=g.sector if g else ("po" if d else p.sector if p else "po"),
            school_type=g.school_type if g else ("basisschool" if d else p.soort if p else ""),
            denominatie=_first(
                d.denominatie if d else None, g.denominatie if g else None, p.denominatie if p else None
            ),
            vakantieregio=regio,
            street=_first(d.street if d else None, g.street if g else None),
            postcode=_first(d.postcode if d else None, g.postcode if g else None),
            plaats=_school_plaats(d, g),
            gemeente=gemeente,
            lat=g.lat if g else None,
            lon=g.lon if g else None,
            leerlingen=leerlingen,
        )
    if hidden:
        plan.notes.append(f"{hidden} vestigingen met '<5' leerlingen: aantal opgeslagen als onbekend")
    if no_regio:
        plan.notes.append(f"{no_regio} vestigingen zonder vakantieregio (gemeente zonder DUO-basisschool)")
    return result


def _school_gemeente(
    d: DuoSchool | None, g: GeoSchool | None, p: PupilCount | None, duo_gemeente: dict[str, str]
) -> str | None:
    if d is not None:
        name = _duo_name(d, duo_gemeente)
        if name:
            return gemeente_key(name)
    if g is not None:
        return gemeente_key(g.gemeente)
    if p is not None and p.gemeente_name:
        return gemeente_key(p.gemeente_name)
    return None


def _school_plaats(d: DuoSchool | None, g: GeoSchool | None) -> str:
    """DUO's plaats, but the BAG spelling ('s-Gravenhage, not 'S-GRAVENHAGE) when the address is the same."""
    if d is None:
        return g.plaats if g else ""
    if g is not None and g.plaats and g.postcode == d.postcode:
        return g.plaats
    return d.plaats


def _first(*values: str | None) -> str:
    for v in values:
        if v:
            return v
    return ""


# ---------------------------------------------------------------- postcode areas


def _postcodes(sources: Sources) -> dict[str, PostcodeSpec]:
    cbs = {p.pc4: p for p in sources.postcodes}
    swv = {r.pc4: r for r in sources.swv_regions}
    result: dict[str, PostcodeSpec] = {}
    for pc4 in sorted(set(cbs) | set(swv)):
        c, s = cbs.get(pc4), swv.get(pc4)
        gemeente_name = (c.gemeente if c else "") or (s.gemeente if s else "")
        result[pc4] = PostcodeSpec(
            pc4=pc4,
            plaats=c.plaats if c else "",
            gemeente=gemeente_key(gemeente_name) if gemeente_name else None,
            provincie=c.provincie if c else "",
            inwoners=c.inwoners if c else None,
            lat=c.lat if c else None,
            lon=c.lon if c else None,
            swv_po=s.swv_po if s else None,
            swv_vo=s.swv_vo if s else None,
        )
    return result
