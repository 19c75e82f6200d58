"""The real reference data the national data set is built over, read once into plain tuples."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kring.organisations.models import Gemeente, Samenwerkingsverband, SchoolLocation
from kring.reference.models import PostcodeArea

# A school location's sector and the samenwerkingsverband sector it belongs to (as in
# kring.organisations.selectors).
SWV_SECTOR = {"po": "po", "sbo": "po", "so": "po", "so_vso": "po", "vso": "vo", "vo": "vo", "pro": "vo"}


@dataclass(frozen=True, slots=True)
class School:
    id: int  # the organisation's id (SchoolLocation's primary key)
    name: str
    sector: str
    gemeente_id: int | None
    vakantieregio: str
    leerlingen: int


@dataclass(frozen=True, slots=True)
class Area:
    pc4: str
    gemeente_id: int
    swv_po: int | None
    swv_vo: int | None
    inwoners: int


@dataclass
class Reference:
    areas: list[Area]
    schools: dict[int, School]
    # swv id -> its schools (by the PC4 of the school's postcode), per school sector
    swv_schools: dict[int, dict[str, list[int]]]
    swv_names: dict[int, str]
    swv_sector: dict[int, str]
    gemeente_names: dict[int, str]
    gemeente_inwoners: dict[int, int]
    gemeente_vakantieregio: dict[int, str]
    # gemeente id -> its schools per SWV sector: the fallback when a PC4's SWV has no school
    gemeente_schools: dict[int, dict[str, list[int]]] = field(default_factory=dict)


def load_reference() -> Reference:
    areas = [
        Area(pc4, gemeente_id, swv_po, swv_vo, inwoners or 0)
        for pc4, gemeente_id, swv_po, swv_vo, inwoners in PostcodeArea.objects.filter(
            gemeente__isnull=False, gemeente__organisation__active=True
        )
        .exclude(swv_po__isnull=True, swv_vo__isnull=True)
        .order_by("pc4")
        .values_list("pc4", "gemeente_id", "swv_po_id", "swv_vo_id", "inwoners")
    ]
    area_of = {a.pc4: a for a in PostcodeArea.objects.all().only("pc4", "swv_po_id", "swv_vo_id")}
    schools: dict[int, School] = {}
    swv_schools: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    gemeente_schools: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    regions: dict[int, Counter[str]] = defaultdict(Counter)
    rows = (
        SchoolLocation.objects.filter(organisation__active=True)
        .order_by("vestigingscode")
        .values_list(
            "organisation_id",
            "organisation__name",
            "sector",
            "gemeente_id",
            "vakantieregio",
            "postcode",
            "leerlingen",
        )
    )
    for org_id, name, sector, gemeente_id, regio, postcode, leerlingen in rows:
        school = School(org_id, name, sector, gemeente_id, regio or "midden", leerlingen or 0)
        schools[org_id] = school
        swv_sector = SWV_SECTOR.get(sector)
        if swv_sector is None:
            continue
        area = area_of.get(postcode[:4])
        swv_id = None
        if area is not None:
            swv_id = area.swv_po_id if swv_sector == "po" else area.swv_vo_id
        if swv_id is not None:
            swv_schools[swv_id][sector].append(org_id)
        if gemeente_id is not None:
            gemeente_schools[gemeente_id][swv_sector].append(org_id)
            if regio:
                regions[gemeente_id][regio] += 1
    swvs = Samenwerkingsverband.objects.values_list("organisation_id", "organisation__name", "sector")
    gemeenten = Gemeente.objects.values_list("organisation_id", "name", "inwoners")
    inwoners_by_gemeente: Counter[int] = Counter()
    for a in areas:
        inwoners_by_gemeente[a.gemeente_id] += a.inwoners
    return Reference(
        areas=areas,
        schools=schools,
        swv_schools={k: dict(v) for k, v in swv_schools.items()},
        swv_names={pk: name for pk, name, _ in swvs},
        swv_sector={pk: sector for pk, _, sector in swvs},
        gemeente_names={pk: name for pk, name, _ in gemeenten},
        gemeente_inwoners={pk: inwoners or inwoners_by_gemeente[pk] for pk, _, inwoners in gemeenten},
        gemeente_vakantieregio={pk: c.most_common(1)[0][0] for pk, c in regions.items()},
        gemeente_schools={k: dict(v) for k, v in gemeente_schools.items()},
    )
