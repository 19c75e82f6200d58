"""School locations with coordinates (scholen_nl_geocoded_2024-11.geojson).

DUO addresses of primary, special, practical and secondary schools, geocoded against the BAG
(Kadaster) by EduGIS, Nov 2024. A few locations appear more than once (one feature per BAG
address of the same vestiging): the first feature wins. `leerlingen` may be null.
Errors name the feature number (1 = first feature in the `features` list).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .base import ParseResult, RowInvalid, coordinates, postcode, read_text, text, vestigingscode

FILENAME = "scholen_nl_geocoded_2024-11.geojson"
UNIT = "feature"

# GeoJSON `type` → Sector (kring.organisations.models.Sector). Every VO type maps to `vo`.
SECTORS = {"basisschool": "po", "SBAO": "sbo", "SO": "so", "VSO": "vso", "(V)SO": "so_vso", "PRO": "pro"}
VO_PARTS = {"VBO", "MAVO", "HAVO", "VWO", "PRO", "BRUGJAAR"}


def sector_for_type(school_type: str) -> str | None:
    if school_type in SECTORS:
        return SECTORS[school_type]
    parts = set(school_type.split("/"))
    if parts and parts <= VO_PARTS:
        return "vo"
    return None


@dataclass(frozen=True)
class GeoSchool:
    index: int  # 1-based feature number
    vestigingscode: str
    name: str
    school_type: str
    sector: str
    denominatie: str
    website: str
    street: str
    postcode: str
    plaats: str
    gemeente: str  # DUO spelling, upper case
    provincie: str
    leerlingen: int | None
    lat: float
    lon: float


def _str(props: dict[str, Any], name: str) -> str:
    value = props.get(name)
    if value is None:
        return ""
    return text(str(value))


def _feature(feature: Any, index: int) -> GeoSchool:
    if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
        raise RowInvalid("feature zonder properties")
    props: dict[str, Any] = feature["properties"]
    code = vestigingscode(_str(props, "vestigingscode"))
    brin = _str(props, "brin_nummer").upper()
    if brin and brin != code[:4]:
        raise RowInvalid(f"vestigingscode '{code}' hoort niet bij brin_nummer '{brin}'")
    school_type = _str(props, "type")
    sector = sector_for_type(school_type)
    if sector is None:
        raise RowInvalid(f"schooltype '{school_type}' is onbekend")
    name = _str(props, "naam")
    if not name:
        raise RowInvalid("naam ontbreekt")
    gemeente = _str(props, "gemeente")
    if not gemeente:
        raise RowInvalid("gemeente ontbreekt")
    leerlingen = props.get("leerlingen")
    if leerlingen is not None and (
        not isinstance(leerlingen, int) or isinstance(leerlingen, bool) or leerlingen < 0
    ):
        raise RowInvalid(f"leerlingen '{leerlingen}' is geen aantal")
    lat, lon = _point(feature.get("geometry"))
    number = " ".join(x for x in (_str(props, "huisnummer"), _str(props, "huisletter")) if x)
    toevoeging = _str(props, "huisnummertoevoeging")
    if toevoeging:
        number = f"{number}-{toevoeging}"
    street = " ".join(x for x in (_str(props, "straat"), number) if x)
    return GeoSchool(
        index=index,
        vestigingscode=code,
        name=name,
        school_type=school_type,
        sector=sector,
        denominatie=_str(props, "denominatie"),
        website=_str(props, "internetadres"),
        street=street,
        postcode=postcode(_str(props, "postcode"), allow_empty=True),
        plaats=_str(props, "plaats"),
        gemeente=gemeente,
        provincie=_str(props, "provincie"),
        leerlingen=leerlingen,
        lat=lat,
        lon=lon,
    )


def _point(geometry: Any) -> tuple[float, float]:
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        raise RowInvalid("geometrie is geen Point")
    coords = geometry.get("coordinates")
    if (
        not isinstance(coords, list)
        or len(coords) < 2
        or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in coords[:2])
    ):
        raise RowInvalid("coördinaten ontbreken of zijn geen getallen")
    lat, lon = coordinates(float(coords[1]), float(coords[0]))
    assert lat is not None and lon is not None
    return lat, lon


def parse(directory: Path) -> ParseResult[GeoSchool]:
    result: ParseResult[GeoSchool] = ParseResult(FILENAME)
    content = read_text(directory / FILENAME, result)
    if content is None:
        return result
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        result.error(exc.lineno, f"ongeldige JSON ({exc.msg}, kolom {exc.colno}); is het bestand afgekapt?")
        return result
    features = data.get("features") if isinstance(data, dict) else None
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(features, list)
    ):
        result.error(None, "geen GeoJSON FeatureCollection met een lijst 'features'")
        return result
    seen: set[str] = set()
    for index, feature in enumerate(features, start=1):
        result.lines_read += 1
        try:
            school = _feature(feature, index)
        except ValueError as exc:
            result.error(index, str(exc), UNIT)
            continue
        if school.vestigingscode in seen:
            continue  # the same vestiging at another BAG address: the first feature wins
        seen.add(school.vestigingscode)
        result.rows.append(school)
    return result
