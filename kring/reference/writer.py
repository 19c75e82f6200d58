"""Bring the database in line with a `ReferencePlan`: create what is new, update what changed.

Rows are matched on natural keys (gemeente name, SWV code, vestigingscode, bevoegd-gezagnummer,
pc4, holiday key). Only rows whose values differ are written, with bulk_create/bulk_update.
Nothing is deleted: an organisation that disappears from the sources keeps its row (people and
cases may point at it). Call `write_plan` inside a transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models
from django.utils.text import slugify

from kring.organisations.models import (
    Gemeente,
    Organisation,
    OrganisationKind,
    Samenwerkingsverband,
    SchoolLocation,
)

from .importers.gemeenten import gemeente_key
from .models import PostcodeArea, SchoolHoliday
from .plan import ReferencePlan

BATCH = 1000
M = TypeVar("M", bound=models.Model)
ORG_FIELDS = ("code", "name", "website", "phone", "active")


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def _apply(obj: models.Model, values: Mapping[str, Any]) -> bool:
    """Set `values` on `obj`; True when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


@dataclass
class _Wanted:
    org: dict[str, Any]
    detail: dict[str, Any]


def _sync_with_detail(
    *,
    kind: str,
    model: type[M],
    reverse: str,
    wanted: dict[str, _Wanted],
    existing: dict[str, M],
) -> tuple[Counts, dict[str, int]]:
    """Sync Organisation + one-to-one detail rows. Returns counts and key → organisation id."""
    counts = Counts()
    ids: dict[str, int] = {}
    orgs_changed: list[Organisation] = []
    details_changed: list[M] = []
    new: list[tuple[str, Organisation, dict[str, Any]]] = []
    # Organisations of this kind without a detail row (made by hand before the first import).
    orphans = {o.code: o for o in Organisation.objects.filter(kind=kind, **{f"{reverse}__isnull": True})}
    for key, w in wanted.items():
        detail = existing.get(key)
        if detail is None:
            org = orphans.pop(w.org["code"], None)
            if org is not None:
                _apply(org, w.org)
                orgs_changed.append(org)
            else:
                org = Organisation(kind=kind, **w.org)
            new.append((key, org, w.detail))
            continue
        org = detail.organisation  # type: ignore[attr-defined]
        org_changed = _apply(org, w.org)
        detail_changed = _apply(detail, w.detail)
        if org_changed:
            orgs_changed.append(org)
        if detail_changed:
            details_changed.append(detail)
        if org_changed or detail_changed:
            counts.updated += 1
        else:
            counts.unchanged += 1
        ids[key] = org.pk
    Organisation.objects.bulk_create([org for _, org, _ in new if org.pk is None], batch_size=BATCH)
    model._default_manager.bulk_create(
        [model(organisation=org, **values) for _, org, values in new], batch_size=BATCH
    )
    for key, org, _ in new:
        ids[key] = org.pk
    counts.created += len(new)
    if orgs_changed:
        Organisation.objects.bulk_update(orgs_changed, list(ORG_FIELDS), batch_size=BATCH)
    if details_changed:
        fields = sorted({name for w in wanted.values() for name in w.detail})
        model._default_manager.bulk_update(details_changed, fields, batch_size=BATCH)
    return counts, ids


def _sync_plain(
    *,
    model: type[M],
    wanted: dict[Any, dict[str, Any]],
    existing: dict[Any, M],
    make: Callable[[Any, dict[str, Any]], M],
) -> Counts:
    counts = Counts()
    changed: list[M] = []
    new: list[M] = []
    for key, values in wanted.items():
        obj = existing.get(key)
        if obj is None:
            new.append(make(key, values))
        elif _apply(obj, values):
            changed.append(obj)
        else:
            counts.unchanged += 1
    model._default_manager.bulk_create(new, batch_size=BATCH)
    if changed:
        fields = sorted({name for values in wanted.values() for name in values})
        model._default_manager.bulk_update(changed, fields, batch_size=BATCH)
    counts.created, counts.updated = len(new), len(changed)
    return counts


# ---------------------------------------------------------------- per kind


def gemeente_code(key: str) -> str:
    """Organisation.code of a gemeente: its name as a slug (`'s-Gravenhage` → `s-gravenhage`)."""
    return slugify(key)[:32]


def _gemeenten(plan: ReferencePlan) -> tuple[Counts, dict[str, int]]:
    existing: dict[str, Gemeente] = {}
    by_cbs: dict[str, Gemeente] = {}
    for g in Gemeente.objects.select_related("organisation"):
        existing[gemeente_key(g.name)] = g
        if g.cbs_code:
            by_cbs.setdefault(g.cbs_code, g)
    wanted: dict[str, _Wanted] = {}
    for key, spec in plan.gemeenten.items():
        renamed = by_cbs.get(spec.cbs_code) if spec.cbs_code and key not in existing else None
        if renamed is not None and gemeente_key(renamed.name) not in plan.gemeenten:
            existing[key] = renamed  # the gemeente was renamed since the last import
        wanted[key] = _Wanted(
            org={
                "code": gemeente_code(key),
                "name": f"Gemeente {spec.name}",
                "website": "",
                "phone": "",
                "active": spec.active,
            },
            detail={
                "name": spec.name,
                "cbs_code": spec.cbs_code,
                "provincie": spec.provincie,
                "inwoners": spec.inwoners,
                "lat": spec.lat,
                "lon": spec.lon,
            },
        )
    return _sync_with_detail(
        kind=OrganisationKind.GEMEENTE, model=Gemeente, reverse="gemeente", wanted=wanted, existing=existing
    )


def _swvs(plan: ReferencePlan) -> tuple[Counts, dict[str, int]]:
    existing = {s.code: s for s in Samenwerkingsverband.objects.select_related("organisation")}
    wanted = {
        code: _Wanted(
            org={"code": code, "name": spec.name, "website": "", "phone": "", "active": True},
            detail={"code": code, "sector": spec.sector},
        )
        for code, spec in plan.swvs.items()
    }
    return _sync_with_detail(
        kind=OrganisationKind.SWV, model=Samenwerkingsverband, reverse="swv", wanted=wanted, existing=existing
    )


def _boards(plan: ReferencePlan) -> tuple[Counts, dict[str, int]]:
    existing = {o.code: o for o in Organisation.objects.filter(kind=OrganisationKind.BESTUUR)}
    counts = Counts()
    new: list[Organisation] = []
    changed: list[Organisation] = []
    for code, spec in plan.boards.items():
        org = existing.get(code)
        if org is None:
            new.append(Organisation(kind=OrganisationKind.BESTUUR, code=code, name=spec.name))
        elif org.name.startswith("Bevoegd gezag ") and _apply(org, {"name": spec.name}):
            changed.append(org)  # a name given by hand is kept
        else:
            counts.unchanged += 1
    Organisation.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        Organisation.objects.bulk_update(changed, ["name"], batch_size=BATCH)
    counts.created, counts.updated = len(new), len(changed)
    ids = {o.code: o.pk for o in [*existing.values(), *new]}
    return counts, ids


def _schools(plan: ReferencePlan, gemeenten: dict[str, int], boards: dict[str, int]) -> Counts:
    existing = {s.vestigingscode: s for s in SchoolLocation.objects.select_related("organisation")}
    wanted = {
        code: _Wanted(
            org={"code": code, "name": s.name, "website": s.website, "phone": s.phone, "active": True},
            detail={
                "brin": code[:4],
                "vestigingscode": code,
                "board_id": boards.get(s.board) if s.board else None,
                "sector": s.sector,
                "school_type": s.school_type,
                "denominatie": s.denominatie,
                "vakantieregio": s.vakantieregio,
                "street": s.street,
                "postcode": s.postcode,
                "plaats": s.plaats,
                "gemeente_id": gemeenten.get(s.gemeente) if s.gemeente else None,
                "lat": s.lat,
                "lon": s.lon,
                "leerlingen": s.leerlingen,
            },
        )
        for code, s in plan.schools.items()
    }
    counts, _ = _sync_with_detail(
        kind=OrganisationKind.SCHOOL, model=SchoolLocation, reverse="school", wanted=wanted, existing=existing
    )
    return counts


def _postcodes(plan: ReferencePlan, gemeenten: dict[str, int], swvs: dict[str, int]) -> Counts:
    wanted = {
        pc4: {
            "plaats": p.plaats,
            "gemeente_id": gemeenten.get(p.gemeente) if p.gemeente else None,
            "provincie": p.provincie,
            "inwoners": p.inwoners,
            "lat": p.lat,
            "lon": p.lon,
            "swv_po_id": swvs.get(p.swv_po) if p.swv_po else None,
            "swv_vo_id": swvs.get(p.swv_vo) if p.swv_vo else None,
        }
        for pc4, p in plan.postcodes.items()
    }
    return _sync_plain(
        model=PostcodeArea,
        wanted=wanted,
        existing={p.pc4: p for p in PostcodeArea.objects.all()},
        make=lambda pc4, values: PostcodeArea(pc4=pc4, **values),
    )


def _holidays(plan: ReferencePlan) -> Counts:
    wanted = {key: {"start": h.start, "end": h.end} for key, h in plan.holidays.items()}
    return _sync_plain(
        model=SchoolHoliday,
        wanted=wanted,
        existing={(h.schooljaar, h.vakantie, h.regio): h for h in SchoolHoliday.objects.all()},
        make=lambda key, values: SchoolHoliday(schooljaar=key[0], vakantie=key[1], regio=key[2], **values),
    )


KINDS = ("gemeenten", "samenwerkingsverbanden", "besturen", "scholen", "postcodegebieden", "schoolvakanties")


def write_plan(plan: ReferencePlan, *, progress: Callable[[str], None]) -> dict[str, Counts]:
    """Write everything; returns counts per kind (keys: KINDS). Run inside transaction.atomic()."""
    result: dict[str, Counts] = {}
    result["gemeenten"], gemeenten = _gemeenten(plan)
    progress(_line("Gemeenten", result["gemeenten"]))
    result["samenwerkingsverbanden"], swvs = _swvs(plan)
    progress(_line("Samenwerkingsverbanden", result["samenwerkingsverbanden"]))
    result["besturen"], boards = _boards(plan)
    progress(_line("Besturen", result["besturen"]))
    result["scholen"] = _schools(plan, gemeenten, boards)
    progress(_line("Scholen", result["scholen"]))
    result["postcodegebieden"] = _postcodes(plan, gemeenten, swvs)
    progress(_line("Postcodegebieden", result["postcodegebieden"]))
    result["schoolvakanties"] = _holidays(plan)
    progress(_line("Schoolvakanties", result["schoolvakanties"]))
    return result


def _line(label: str, c: Counts) -> str:
    return f"{label} bijgewerkt: {c.created} nieuw, {c.updated} gewijzigd, {c.unchanged} ongewijzigd"
