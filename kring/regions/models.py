"""A samenwerkingsverband's settings for casusregie: the norms it adopted (KR-3M) and its escalation
ladder (levels with a mandate holder and a term). Later: TLV checklists and monitor thresholds.

The tables were created by `kring.cases` and keep their names (`Meta.db_table`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kring.accounts.roles import Role
from kring.organisations.models import Organisation, Samenwerkingsverband

# The case file after closing: kept 2 years unless the region chose otherwise (the PO-Raad's guidance
# for a pupil's dossier after leaving school, PRV-06, is the same 2 years), at most 20.
DEFAULT_CASE_RETENTION_YEARS = 2
MIN_CASE_RETENTION_YEARS = 1
MAX_CASE_RETENTION_YEARS = 20


class RegionSettings(models.Model):
    """The norms a samenwerkingsverband adopted, and whether missed statutory terms escalate."""

    swv = models.OneToOneField(Samenwerkingsverband, on_delete=models.CASCADE, related_name="case_settings")
    kr_3m_enabled = models.BooleanField(_("driemaandennorm (KR-3M) aan"), default=True)
    kr_3m_months = models.PositiveSmallIntegerField(_("aantal maanden"), default=3)
    escalate_statutory = models.BooleanField(_("escaleren bij een gemiste wettelijke termijn"), default=True)
    # How long the case file is kept after the case was closed (the region's own policy; no law sets
    # it). `kring tick` removes a closed case this many years after its closing day
    # (`kring.cases.retention`).
    case_retention_years = models.PositiveSmallIntegerField(
        _("casusdossier bewaren na afsluiten (jaren)"), default=DEFAULT_CASE_RETENTION_YEARS
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "cases_regionsettings"  # moved from kring.cases; the table keeps its name
        verbose_name = _("regio-instellingen")
        verbose_name_plural = _("regio-instellingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(kr_3m_months__gte=1, kr_3m_months__lte=24), name="region_kr3m_months_range"
            ),
            models.CheckConstraint(
                condition=Q(case_retention_years__gte=MIN_CASE_RETENTION_YEARS)
                & Q(case_retention_years__lte=MAX_CASE_RETENTION_YEARS),
                name="region_case_retention_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Instellingen {self.swv_id}"


class TermUnit(models.TextChoices):
    WERKDAGEN = "werkdagen", _("werkdagen")
    WEKEN = "weken", _("weken")


class EscalationLevel(models.Model):
    """One step of a region's escalation ladder, with who holds the decision mandate there."""

    swv = models.ForeignKey(Samenwerkingsverband, on_delete=models.CASCADE, related_name="escalation_levels")
    order = models.PositiveSmallIntegerField(_("trede"))
    name = models.CharField(_("naam"), max_length=200)
    # The mandate: a named person, or everyone with a role at an organisation (default: the SWV itself).
    mandate_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mandate_role = models.CharField(_("rol met mandaat"), max_length=32, choices=Role.choices, blank=True)
    mandate_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    term_amount = models.PositiveSmallIntegerField(_("termijn"))
    term_unit = models.CharField(_("eenheid"), max_length=10, choices=TermUnit.choices, default="werkdagen")

    class Meta:
        db_table = "cases_escalationlevel"  # moved from kring.cases; the table keeps its name
        verbose_name = _("escalatietrede")
        verbose_name_plural = _("escalatieladder")
        ordering = ["swv", "order"]
        constraints = [
            models.UniqueConstraint(fields=["swv", "order"], name="escalation_level_order_unique"),
            models.CheckConstraint(
                condition=Q(mandate_user__isnull=False) | ~Q(mandate_role=""),
                name="escalation_level_has_mandate",
            ),
            models.CheckConstraint(condition=Q(term_amount__gte=1), name="escalation_level_term_positive"),
            models.CheckConstraint(
                condition=Q(term_unit__in=TermUnit.values), name="escalation_level_unit_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class TlvChecklist(models.Model):
    """What a samenwerkingsverband asks of a request for a toelaatbaarheidsverklaring (TLV) before it
    takes it into treatment (`kring.placement`). Without a row the default holds: every item on.

    The advice of two deskundigen (one an orthopedagoog or psycholoog) is the law (WPO art. 18a lid 11,
    rule TLV-03), not a regional choice: it is always asked and cannot be switched off here.
    """

    swv = models.OneToOneField(Samenwerkingsverband, on_delete=models.CASCADE, related_name="tlv_checklist")
    require_opp = models.BooleanField(_("OPP opgesteld, uitgevoerd en geëvalueerd"), default=True)
    require_parents_view = models.BooleanField(_("zienswijze van de ouders bijgevoegd"), default=True)
    require_child_view = models.BooleanField(_("mening van het kind bijgevoegd"), default=True)
    require_place = models.BooleanField(
        _("school genoemd, met een bevestigde plek of de plaats op de wachtlijst"), default=True
    )
    uses_category = models.BooleanField(
        _("de regio werkt met categorieën (laag, midden, hoog)"), default=False
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("TLV-checklist")
        verbose_name_plural = _("TLV-checklists")

    def __str__(self) -> str:
        return f"TLV-checklist {self.swv_id}"
