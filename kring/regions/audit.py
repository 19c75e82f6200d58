"""Audit events of a region's configuration: its norms and its escalation ladder (no child)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from kring.privacy.audit import event_kind
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.organisations.models import Samenwerkingsverband

    from .models import RegionSettings, TlvChecklist

REGION_SETTINGS_CHANGED = event_kind(
    "region.settings_changed",
    action=AuditAction.UPDATE,
    object_type="regio-instellingen",
    title=_("De instellingen van de regio zijn gewijzigd."),
    example={"swv_id": 2, "kr_3m_enabled": True, "kr_3m_months": 3, "escalate_statutory": True},
)
LADDER_SET = event_kind(
    "region.escalation_ladder_set",
    action=AuditAction.UPDATE,
    object_type="escalatieladder",
    title=_("De escalatieladder van de regio is ingesteld."),
    detail=_("De escalatieladder van de regio is ingesteld met {levels} trede(n)."),
    example={"swv_id": 2, "levels": 3},
)
TLV_CHECKLIST_SET = event_kind(
    "region.tlv_checklist_set",
    action=AuditAction.UPDATE,
    object_type="tlv-checklist",
    title=_("De TLV-checklist van de regio is ingesteld."),
    example={
        "swv_id": 2,
        "require_opp": True,
        "require_parents_view": True,
        "require_child_view": True,
        "require_place": True,
        "uses_category": False,
    },
)


CASE_RETENTION_SET = event_kind(
    "region.case_retention_set",
    action=AuditAction.UPDATE,
    object_type="regio-instellingen",
    title=_("De bewaartermijn van het casusdossier is ingesteld."),
    detail=_("Een casusdossier wordt {years} jaar na het afsluiten verwijderd."),
    example={"swv_id": 2, "years": 2},
)


def region_settings_changed(
    *, actor: User, swv: Samenwerkingsverband, settings: RegionSettings
) -> AuditEvent:
    norm = f"aan, {settings.kr_3m_months} maanden" if settings.kr_3m_enabled else "uit"
    return REGION_SETTINGS_CHANGED.write(
        actor=actor,
        purpose=Purpose.FUNCTIONEEL_BEHEER,
        object_id=settings.pk,
        data={
            "swv_id": swv.pk,
            "kr_3m_enabled": settings.kr_3m_enabled,
            "kr_3m_months": settings.kr_3m_months,
            "escalate_statutory": settings.escalate_statutory,
        },
        message=(
            f"Instellingen van {swv.organisation.name}: driemaandennorm {norm}; escaleren bij een gemiste "
            f"wettelijke termijn {'aan' if settings.escalate_statutory else 'uit'}."
        ),
    )


def escalation_ladder_set(*, actor: User, swv: Samenwerkingsverband, levels: int) -> AuditEvent:
    return LADDER_SET.write(
        actor=actor,
        purpose=Purpose.FUNCTIONEEL_BEHEER,
        object_id=swv.pk,
        data={"swv_id": swv.pk, "levels": levels},
        message=f"De escalatieladder van {swv.organisation.name} is ingesteld met {levels} trede(n).",
    )


def tlv_checklist_set(*, actor: User, swv: Samenwerkingsverband, checklist: TlvChecklist) -> AuditEvent:
    items = {
        "require_opp": checklist.require_opp,
        "require_parents_view": checklist.require_parents_view,
        "require_child_view": checklist.require_child_view,
        "require_place": checklist.require_place,
        "uses_category": checklist.uses_category,
    }
    on = ", ".join(name for name, value in items.items() if value) or "geen"
    return TLV_CHECKLIST_SET.write(
        actor=actor,
        purpose=Purpose.FUNCTIONEEL_BEHEER,
        object_id=checklist.pk,
        data={"swv_id": swv.pk, **items},
        message=f"De TLV-checklist van {swv.organisation.name} is ingesteld (aan: {on}).",
    )


def case_retention_set(*, actor: User, swv: Samenwerkingsverband, settings: RegionSettings) -> AuditEvent:
    years = settings.case_retention_years
    return CASE_RETENTION_SET.write(
        actor=actor,
        purpose=Purpose.FUNCTIONEEL_BEHEER,
        object_id=settings.pk,
        data={"swv_id": swv.pk, "years": years},
        message=f"{swv.organisation.name}: een casusdossier wordt {years} jaar na het afsluiten verwijderd.",
    )
