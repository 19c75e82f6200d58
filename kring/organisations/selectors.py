"""Reads of organisations and reference data. Organisations are public data, not personal data."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.db.models.functions import Substr

from kring.reference.models import PostcodeArea

from .models import Gemeente, Organisation, OrganisationKind, Samenwerkingsverband, SchoolLocation, SwvSector


def search_organisations(*, query: str = "", kind: str = "") -> QuerySet[Organisation]:
    """Active organisations, optionally of one kind, whose name or code contains the query."""
    qs = Organisation.objects.filter(active=True)
    if kind in OrganisationKind.values:
        qs = qs.filter(kind=kind)
    query = query.strip()
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(code__iexact=query))
    return qs.order_by("name", "id")


# School sectors → the SWV that covers them (SO/VSO schools fall under both; primary comes first).
_SWV_SECTOR = {"po": "po", "sbo": "po", "so": "po", "so_vso": "po", "vso": "vo", "vo": "vo", "pro": "vo"}


def _pc4(postcode: str) -> str:
    return "".join(postcode.split())[:4]


def swv_for_postcode(pc4: str, sector: str) -> Samenwerkingsverband | None:
    """The samenwerkingsverband for a postcode (`1011` or `1011 AB`) and sector (`po`/`vo`, or a
    school sector such as `sbo` or `vso`). None when the postcode is unknown or has no SWV."""
    swv_sector = _SWV_SECTOR.get(sector.lower(), sector.lower())
    if swv_sector not in SwvSector.values:
        raise ValueError(f"onbekende sector {sector!r}: verwacht po of vo")
    field = "swv_po" if swv_sector == SwvSector.PO else "swv_vo"
    area = PostcodeArea.objects.select_related(f"{field}__organisation").filter(pc4=_pc4(pc4)).first()
    if area is None:
        return None
    return area.swv_po if swv_sector == SwvSector.PO else area.swv_vo


def gemeente_for_postcode(pc4: str) -> Gemeente | None:
    area = PostcodeArea.objects.select_related("gemeente__organisation").filter(pc4=_pc4(pc4)).first()
    return area.gemeente if area else None


def schools_in_swv(swv: Samenwerkingsverband) -> QuerySet[SchoolLocation]:
    """School locations whose postcode lies in a PC4 of this SWV (PO or VO, by the SWV's sector)."""
    field = "swv_po" if swv.sector == SwvSector.PO else "swv_vo"
    pc4s = PostcodeArea.objects.filter(**{field: swv}).values("pc4")
    return (
        SchoolLocation.objects.annotate(pc4=Substr("postcode", 1, 4))
        .filter(pc4__in=pc4s)
        .select_related("organisation", "gemeente")
        .order_by("vestigingscode")
    )


def search_schools(query: str, *, limit: int = 50) -> QuerySet[SchoolLocation]:
    """Schools matching every word of `query` in name, vestigingscode, plaats, postcode or gemeente."""
    qs = SchoolLocation.objects.select_related("organisation", "gemeente").filter(organisation__active=True)
    words = query.split()
    if not words:
        return qs.none()
    for word in words:
        compact = word.replace(" ", "").upper()
        qs = qs.filter(
            Q(organisation__name__icontains=word)
            | Q(vestigingscode__istartswith=compact)
            | Q(plaats__icontains=word)
            | Q(postcode__istartswith=compact)
            | Q(gemeente__name__icontains=word)
        )
    return qs.order_by("organisation__name", "vestigingscode")[:limit]
