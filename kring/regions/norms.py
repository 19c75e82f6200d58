"""Which samenwerkingsverband a child belongs to, and which norms that region applies."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from typing import Any

from kring.children.models import Child, EventType, TimelineEvent
from kring.organisations.models import Samenwerkingsverband
from kring.organisations.selectors import swv_for_postcode
from kring.reference.models import PostcodeArea
from kring.rules import NormConfig, NormSettings

from .models import RegionSettings, TlvChecklist

VO_SECTORS = frozenset({"vo", "vso", "pro"})


def child_sector(child: Child, *, today: date) -> str:
    """`po` or `vo`: the sector of the child's latest enrolment, else by age (12 and older: vo)."""
    last = (
        TimelineEvent.objects.filter(child=child, type=EventType.INSCHRIJVING, date__lte=today)
        .order_by("-date", "-id")
        .first()
    )
    if last is not None and last.data.get("sector"):
        return "vo" if last.data["sector"] in VO_SECTORS else "po"
    birthday_passed = (today.month, today.day) >= (child.birth_date.month, child.birth_date.day)
    age = today.year - child.birth_date.year - (0 if birthday_passed else 1)
    return "vo" if age >= 12 else "po"


def swv_for_child(child: Child, *, today: date) -> Samenwerkingsverband | None:
    """The SWV of the child's home postcode area for the child's sector (reference data)."""
    if len(child.postcode) < 4:
        return None
    return swv_for_postcode(child.postcode, child_sector(child, today=today))


def region_settings(swv: Samenwerkingsverband | None) -> RegionSettings | None:
    if swv is None:
        return None
    return RegionSettings.objects.filter(swv=swv).first()


def norm_settings(settings: RegionSettings | None, swv: Samenwerkingsverband | None = None) -> NormSettings:
    """The rules engine's norm settings for a region (the engine's default when none are stored)."""
    if settings is None:
        return NormSettings(regio=swv.organisation.name if swv is not None else None)
    return NormSettings(
        kr_3m=NormConfig(enabled=settings.kr_3m_enabled, months=settings.kr_3m_months),
        regio=settings.swv.organisation.name,
    )


def norms_for_child(child: Child, *, today: date) -> NormSettings:
    """The norms of the child's region on `today`: the one place where the nightly job, the case page
    and the API choose them, so they never assess differently."""
    swv = swv_for_child(child, today=today)
    return norm_settings(region_settings(swv), swv)


def norms_key(norms: NormSettings) -> str:
    """A short, stable key of a region's norms: stored with each assessment, so a change of the
    norms makes the assessments made with the old ones stale (`kring.children.readmodel`)."""
    return hashlib.sha256(repr(norms).encode()).hexdigest()[:16]


def sector_from_timeline(
    events: Iterable[tuple[date, str, dict[str, Any]]], birth_date: date, *, today: date
) -> tuple[str, bool]:
    """`child_sector` from the child's events in timeline order ((date, type, data), read once by the
    caller): the sector and whether it came from an enrolment (else from the age, which changes on
    the 12th birthday)."""
    sector = ""
    for on, etype, data in events:
        if etype == EventType.INSCHRIJVING and on <= today:
            sector = data.get("sector") or ""
    if sector:
        return ("vo" if sector in VO_SECTORS else "po"), True
    birthday_passed = (today.month, today.day) >= (birth_date.month, birth_date.day)
    age = today.year - birth_date.year - (0 if birthday_passed else 1)
    return ("vo" if age >= 12 else "po"), False


class RegionLookup:
    """The SWV and the norms of many children, each read once: the postcode areas of a batch in one
    query, a region's settings once per region (kept for the whole run)."""

    def __init__(self) -> None:
        self._areas: dict[str, tuple[int | None, int | None] | None] = {}
        self._norms: dict[int | None, NormSettings] = {}

    def prefetch(self, postcodes: Iterable[str]) -> None:
        wanted = {"".join(p.split())[:4] for p in postcodes if len(p) >= 4} - set(self._areas)
        if not wanted:
            return
        self._areas.update(dict.fromkeys(wanted))
        for pc4, po, vo in PostcodeArea.objects.filter(pc4__in=wanted).values_list(
            "pc4", "swv_po_id", "swv_vo_id"
        ):
            self._areas[pc4] = (po, vo)

    def swv_id(self, postcode: str, sector: str) -> int | None:
        """`swv_for_child(...).pk` for a postcode and the sector `po`/`vo` (`sector_from_timeline`)."""
        if len(postcode) < 4:
            return None
        pc4 = "".join(postcode.split())[:4]
        if pc4 not in self._areas:
            self.prefetch([pc4])
        area = self._areas[pc4]
        if area is None:
            return None
        return area[0] if sector == "po" else area[1]

    def norms(self, swv_id: int | None) -> NormSettings:
        """`norm_settings(region_settings(swv), swv)` of the SWV with this id."""
        if swv_id not in self._norms:
            self.load_norms([swv_id])
        return self._norms[swv_id]

    def load_norms(self, swv_ids: Iterable[int | None]) -> None:
        wanted = set(swv_ids) - set(self._norms)
        if None in wanted:
            self._norms[None] = norm_settings(None, None)
            wanted.discard(None)
        if not wanted:
            return
        # one query: the SWVs with their organisation and their settings (a reverse one-to-one)
        for swv in Samenwerkingsverband.objects.filter(pk__in=wanted).select_related(
            "organisation", "case_settings"
        ):
            stored: RegionSettings | None = getattr(swv, "case_settings", None)
            self._norms[swv.pk] = norm_settings(stored, swv)
        for swv_id in wanted - set(self._norms):  # an SWV that no longer exists
            self._norms[swv_id] = norm_settings(None, None)

    def keys(self, swv_ids: Iterable[int | None]) -> dict[int | None, str]:
        """The current `norms_key` of each of these regions (two queries for all of them)."""
        ids = set(swv_ids)
        self.load_norms(ids)
        return {swv_id: norms_key(self._norms[swv_id]) for swv_id in ids}


def tlv_checklist(swv: Samenwerkingsverband) -> TlvChecklist:
    """The TLV checklist the region set, or the default (every item asked; not saved)."""
    return TlvChecklist.objects.filter(swv=swv).first() or TlvChecklist(swv=swv)
