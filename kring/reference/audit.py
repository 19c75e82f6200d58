"""Audit events of the public reference data (schools, gemeenten, calendars)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from kring.privacy.audit import event_kind
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose

if TYPE_CHECKING:
    from kring.accounts.models import User

    from .services import ImportReport

IMPORTED = event_kind(
    "reference.imported",
    action=AuditAction.IMPORT,
    object_type="referentiegegevens",
    title=_("De openbare referentiegegevens zijn bijgewerkt."),
    detail=_("De openbare referentiegegevens zijn bijgewerkt: {created} nieuw, {updated} gewijzigd."),
    example={"created": 12, "updated": 3},
)


def reference_imported(*, actor: User | None, report: ImportReport) -> AuditEvent:
    data: dict[str, int] = {"created": report.created, "updated": report.updated}
    for kind, counts in report.counts.items():
        data[f"{kind}_created"] = counts.created
        data[f"{kind}_updated"] = counts.updated
    return IMPORTED.write(
        actor=actor,
        purpose=Purpose.FUNCTIONEEL_BEHEER,
        data=data,
        message=f"Referentiegegevens geïmporteerd: {report.summary()}",
    )
