"""Public reference data that is not an organisation: postcode areas and school holidays.

Both tables are filled by `kring import reference` (see docs/reference-data.md) and are read by
the selectors in `kring.organisations.selectors` and by the calendar bridge in `calendar.py`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kring.organisations.models import Gemeente, Samenwerkingsverband


class PostcodeArea(models.Model):
    """A 4-digit postcode area (PC4) with its gemeente, centroid and samenwerkingsverbanden."""

    pc4 = models.CharField(_("postcode (4 cijfers)"), max_length=4, primary_key=True)
    plaats = models.CharField(_("plaats"), max_length=100, blank=True)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.SET_NULL, null=True, blank=True, related_name="postcode_areas"
    )
    provincie = models.CharField(_("provincie"), max_length=60, blank=True)
    inwoners = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    swv_po = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="postcode_areas_po",
        verbose_name=_("samenwerkingsverband PO"),
    )
    swv_vo = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="postcode_areas_vo",
        verbose_name=_("samenwerkingsverband VO"),
    )

    class Meta:
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")
        ordering = ["pc4"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pc4__regex=r"^[1-9][0-9]{3}$"), name="postcodearea_pc4_format"
            ),
            models.CheckConstraint(
                condition=Q(lat__isnull=True, lon__isnull=True) | Q(lat__isnull=False, lon__isnull=False),
                name="postcodearea_lat_lon_together",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pc4} {self.plaats}".strip()


class HolidayRegio(models.TextChoices):
    NOORD = "noord", _("Noord")
    MIDDEN = "midden", _("Midden")
    ZUID = "zuid", _("Zuid")
    HEEL_NEDERLAND = "heel_nederland", _("Heel Nederland")


class SchoolHoliday(models.Model):
    """One school holiday in one vakantieregio (or the whole country); `end` is inclusive."""

    schooljaar = models.CharField(_("schooljaar"), max_length=9)  # "2025-2026"
    vakantie = models.CharField(_("vakantie"), max_length=40)  # "herfstvakantie"
    regio = models.CharField(_("regio"), max_length=14, choices=HolidayRegio.choices)
    start = models.DateField(_("eerste dag"))
    end = models.DateField(_("laatste dag"))

    class Meta:
        verbose_name = _("schoolvakantie")
        verbose_name_plural = _("schoolvakanties")
        ordering = ["start", "regio"]
        constraints = [
            models.UniqueConstraint(
                fields=["schooljaar", "vakantie", "regio"], name="schoolholiday_unique_key"
            ),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="schoolholiday_end_not_before_start"
            ),
            models.CheckConstraint(
                condition=Q(regio__in=HolidayRegio.values), name="schoolholiday_regio_valid"
            ),
            models.CheckConstraint(
                condition=Q(schooljaar__regex=r"^[0-9]{4}-[0-9]{4}$"), name="schoolholiday_schooljaar_format"
            ),
            models.CheckConstraint(condition=~Q(vakantie=""), name="schoolholiday_vakantie_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.vakantie} {self.schooljaar} ({self.get_regio_display()})"
