"""Which samenwerkingsverband a child belongs to, and which norms that region applies."""

from __future__ import annotations

from datetime import date

from kring.children.models import Child, EventType, TimelineEvent
from kring.organisations.models import Samenwerkingsverband
from kring.organisations.selectors import swv_for_postcode
from kring.rules import NormConfig, NormSettings

from .models import RegionSettings

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
