"""Writing a region's configuration: which norms it applies (KR-3M and its months, escalating missed
statutory terms) and its escalation ladder; and reading the ladder's terms.

Only the director or the functioneel beheerder of that samenwerkingsverband
(`policy.can_configure_region`). Moved out of `kring.cases` (ADR 0009: a capability in its own app).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext

from kring.access import policy
from kring.accounts.roles import FAMILY_ROLES, Role
from kring.core.errors import Refused
from kring.core.versioning import StaleVersion, bump_version
from kring.organisations.models import Organisation, Samenwerkingsverband
from kring.rules import add_working_days

from . import audit
from .models import (
    DEFAULT_CASE_RETENTION_YEARS,
    MAX_CASE_RETENTION_YEARS,
    MIN_CASE_RETENTION_YEARS,
    EscalationLevel,
    RegionSettings,
    TermUnit,
    TlvChecklist,
)

if TYPE_CHECKING:
    from kring.accounts.models import User


def level_due(level: EscalationLevel | None, start: date) -> date | None:
    """When the decision at this level is due: the level's term from `start` (norm term, not shifted)."""
    if level is None:
        return None
    if level.term_unit == TermUnit.WEKEN:
        return start + timedelta(weeks=level.term_amount)
    return add_working_days(start, level.term_amount)


def first_level(swv: Samenwerkingsverband | None) -> EscalationLevel | None:
    if swv is None:
        return None
    return EscalationLevel.objects.filter(swv=swv).order_by("order").first()


def _require_region_admin(actor: User, swv: Samenwerkingsverband) -> None:
    if not policy.can_configure_region(actor, swv):
        raise PermissionDenied(
            gettext(
                "Alleen de functioneel beheerder of de directeur van dit samenwerkingsverband "
                "kan dit instellen."
            )
        )


@transaction.atomic
def configure_region(
    *,
    actor: User,
    swv: Samenwerkingsverband,
    kr_3m_enabled: bool,
    kr_3m_months: int,
    escalate_statutory: bool,
    expected_version: int | None = None,
) -> RegionSettings:
    """Which norms the region applies (KR-3M on/off and its months), and whether missed statutory
    terms escalate. `expected_version`: None the first time, else the version the form showed."""
    _require_region_admin(actor, swv)
    if isinstance(kr_3m_months, bool) or not isinstance(kr_3m_months, int) or not 1 <= kr_3m_months <= 24:
        raise Refused(
            gettext("Vul het aantal maanden in (1 tot en met 24)."), field="kr_3m_months", code="months"
        )
    values: dict[str, Any] = {
        "kr_3m_enabled": kr_3m_enabled,
        "kr_3m_months": kr_3m_months,
        "escalate_statutory": escalate_statutory,
    }
    current = RegionSettings.objects.filter(swv=swv).first()
    if current is None:
        if expected_version is not None:
            raise StaleVersion(gettext("de instellingen van de regio"))
        settings = RegionSettings.objects.create(swv=swv, **values)
    else:
        if expected_version is None:
            raise StaleVersion(gettext("de instellingen van de regio"))
        bump_version(
            RegionSettings,
            current.pk,
            expected_version,
            what=gettext("de instellingen van de regio"),
            **values,
        )
        settings = RegionSettings.objects.get(pk=current.pk)
    audit.region_settings_changed(actor=actor, swv=swv, settings=settings)
    return settings


@dataclass(frozen=True, kw_only=True)
class LevelSpec:
    """One level of a ladder as the configuration form gives it (order = position in the list)."""

    name: str
    term_amount: int
    term_unit: str = TermUnit.WERKDAGEN
    mandate_user: User | None = None
    mandate_role: str = ""
    mandate_organisation: Organisation | None = None


@transaction.atomic
def configure_escalation_ladder(
    *, actor: User, swv: Samenwerkingsverband, levels: Sequence[LevelSpec]
) -> list[EscalationLevel]:
    """Replace the region's escalation ladder: level 1 is the first in `levels`."""
    _require_region_admin(actor, swv)
    if not levels:
        raise Refused(gettext("Een escalatieladder heeft minstens één trede."), code="empty")
    for number, spec in enumerate(levels, start=1):
        if not spec.name.strip():
            raise Refused(gettext("Geef trede %(number)s een naam.") % {"number": number}, code="name")
        if spec.term_amount < 1 or spec.term_unit not in TermUnit.values:
            raise Refused(
                gettext("Vul de termijn van trede %(number)s in.") % {"number": number}, code="term"
            )
        if spec.mandate_user is None and (
            spec.mandate_role not in Role.values or spec.mandate_role in FAMILY_ROLES
        ):
            raise Refused(
                gettext("Kies wie op trede %(number)s mandaat heeft: een persoon of een rol.")
                % {"number": number},
                code="mandate",
            )
    extra = EscalationLevel.objects.filter(swv=swv, order__gt=len(levels))
    if extra.filter(escalations__isnull=False).exists():
        raise Refused(
            gettext(
                "Een trede die je weghaalt is nog in gebruik bij een escalatie. "
                "Laat de trede staan tot daarover is besloten."
            ),
            code="level_in_use",
        )
    extra.delete()
    result = []
    for number, spec in enumerate(levels, start=1):
        level, _created = EscalationLevel.objects.update_or_create(
            swv=swv,
            order=number,
            defaults={
                "name": spec.name.strip(),
                "term_amount": spec.term_amount,
                "term_unit": spec.term_unit,
                "mandate_user": spec.mandate_user,
                "mandate_role": "" if spec.mandate_user is not None else spec.mandate_role,
                "mandate_organisation": spec.mandate_organisation,
            },
        )
        result.append(level)
    audit.escalation_ladder_set(actor=actor, swv=swv, levels=len(levels))
    return result


@transaction.atomic
def configure_tlv_checklist(
    *,
    actor: User,
    swv: Samenwerkingsverband,
    require_opp: bool,
    require_parents_view: bool,
    require_child_view: bool,
    require_place: bool,
    uses_category: bool,
    expected_version: int | None = None,
) -> TlvChecklist:
    """Which items the region asks of a TLV request (`kring.placement`). The two deskundigen are the
    law (TLV-03) and always asked. `expected_version`: None the first time, else the form's version."""
    _require_region_admin(actor, swv)
    values: dict[str, Any] = {
        "require_opp": bool(require_opp),
        "require_parents_view": bool(require_parents_view),
        "require_child_view": bool(require_child_view),
        "require_place": bool(require_place),
        "uses_category": bool(uses_category),
    }
    what = gettext("de TLV-checklist van de regio")
    current = TlvChecklist.objects.filter(swv=swv).first()
    if current is None:
        if expected_version is not None:
            raise StaleVersion(what)
        checklist = TlvChecklist.objects.create(swv=swv, **values)
    else:
        if expected_version is None:
            raise StaleVersion(what)
        bump_version(TlvChecklist, current.pk, expected_version, what=what, **values)
        checklist = TlvChecklist.objects.get(pk=current.pk)
    audit.tlv_checklist_set(actor=actor, swv=swv, checklist=checklist)
    return checklist


@transaction.atomic
def configure_case_retention(
    *, actor: User, swv: Samenwerkingsverband, years: int, expected_version: int | None = None
) -> RegionSettings:
    """How many years the region keeps a case file after the case was closed (the region's policy:
    no law sets it); `kring tick` removes it then (`kring.cases.retention`). `expected_version`:
    None when the region has no settings yet, else the version the form showed."""
    _require_region_admin(actor, swv)
    if (
        isinstance(years, bool)
        or not isinstance(years, int)
        or not MIN_CASE_RETENTION_YEARS <= years <= MAX_CASE_RETENTION_YEARS
    ):
        raise Refused(
            gettext("Vul het aantal jaren in (%(min)s tot en met %(max)s).")
            % {"min": MIN_CASE_RETENTION_YEARS, "max": MAX_CASE_RETENTION_YEARS},
            field="case_retention_years",
            code="years",
        )
    what = gettext("de bewaartermijn van de regio")
    current = RegionSettings.objects.filter(swv=swv).first()
    if current is None:
        if expected_version is not None:
            raise StaleVersion(what)
        settings = RegionSettings.objects.create(swv=swv, case_retention_years=years)
    else:
        if expected_version is None:
            raise StaleVersion(what)
        bump_version(RegionSettings, current.pk, expected_version, what=what, case_retention_years=years)
        settings = RegionSettings.objects.get(pk=current.pk)
    audit.case_retention_set(actor=actor, swv=swv, settings=settings)
    return settings


def case_retention_years(swv: Samenwerkingsverband | None) -> int:
    """The region's term for a closed case file, or the default when it set none."""
    if swv is None:
        return DEFAULT_CASE_RETENTION_YEARS
    value = RegionSettings.objects.filter(swv=swv).values_list("case_retention_years", flat=True).first()
    return int(value) if value is not None else DEFAULT_CASE_RETENTION_YEARS
