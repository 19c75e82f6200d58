"""The organisations of this field.

Every organisation a person can belong to is one `Organisation` row with a `kind`. Kinds that
carry public reference data have a detail table beside it (school location, samenwerkingsverband,
gemeente). Codes come from the public registers (DUO, OCW regulation BWBR0032324, CBS).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    BESTUUR = "bestuur", _("Schoolbestuur (bevoegd gezag)")
    SCHOOL = "school", _("Schoolvestiging")
    SWV = "swv", _("Samenwerkingsverband")
    GEMEENTE = "gemeente", _("Gemeente")
    JEUGDHULP = "jeugdhulp", _("Jeugdhulpaanbieder")
    STEUNPUNT = "steunpunt", _("Ouder- en jeugdsteunpunt")
    INSPECTIE = "inspectie", _("Inspectie van het Onderwijs")


class Sector(models.TextChoices):
    PO = "po", _("Primair onderwijs")
    SBO = "sbo", _("Speciaal basisonderwijs")
    SO = "so", _("Speciaal onderwijs")
    VSO = "vso", _("Voortgezet speciaal onderwijs")
    SO_VSO = "so_vso", _("(Voortgezet) speciaal onderwijs")
    VO = "vo", _("Voortgezet onderwijs")
    PRO = "pro", _("Praktijkonderwijs")


class Vakantieregio(models.TextChoices):
    NOORD = "noord", _("Noord")
    MIDDEN = "midden", _("Midden")
    ZUID = "zuid", _("Zuid")


class SwvSector(models.TextChoices):
    PO = "po", _("Primair onderwijs")
    VO = "vo", _("Voortgezet onderwijs")


class Organisation(models.Model):
    kind = models.CharField(_("soort"), max_length=16, choices=OrganisationKind.choices)
    # The public register code: BRIN+vestigingscode, bevoegd-gezagnummer, SWV code, gemeente name/CBS code.
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="organisation_unique_code_per_kind"),
            models.CheckConstraint(condition=~Q(code=""), name="organisation_code_not_empty"),
            models.CheckConstraint(condition=~Q(name=""), name="organisation_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class Gemeente(models.Model):
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, primary_key=True, related_name="gemeente"
    )
    name = models.CharField(_("naam"), max_length=100, unique=True)
    cbs_code = models.CharField(_("CBS-gemeentecode"), max_length=6, blank=True)
    provincie = models.CharField(_("provincie"), max_length=60, blank=True)
    inwoners = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]
        constraints = [
            # Gemeente names are matched case-insensitively ('s-Gravenhage / S GRAVENHAGE).
            models.UniqueConstraint(Lower("name"), name="gemeente_name_unique_ci"),
            models.CheckConstraint(condition=~Q(name=""), name="gemeente_name_not_empty"),
            # The CBS gemeentecode as DUO writes it: four digits (0363 = Amsterdam), or unknown.
            models.CheckConstraint(
                condition=Q(cbs_code="") | Q(cbs_code__regex=r"^[0-9]{4}$"), name="gemeente_cbs_code_format"
            ),
            models.CheckConstraint(
                condition=Q(lat__isnull=True, lon__isnull=True) | Q(lat__isnull=False, lon__isnull=False),
                name="gemeente_lat_lon_together",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Samenwerkingsverband(models.Model):
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, primary_key=True, related_name="swv"
    )
    code = models.CharField(_("code"), max_length=8, unique=True)  # e.g. PO2707, VO2708
    sector = models.CharField(_("sector"), max_length=2, choices=SwvSector.choices)

    class Meta:
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^(PO|VO)[0-9]{4}$"), name="swv_code_format"),
        ]

    def __str__(self) -> str:
        return self.organisation.name


class SchoolLocation(models.Model):
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, primary_key=True, related_name="school"
    )
    brin = models.CharField(_("BRIN"), max_length=4)
    vestigingscode = models.CharField(_("vestigingscode"), max_length=6, unique=True)  # BRIN + 2 digits
    board = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="school_locations",
        limit_choices_to={"kind": OrganisationKind.BESTUUR},
        verbose_name=_("bevoegd gezag"),
    )
    sector = models.CharField(_("sector"), max_length=8, choices=Sector.choices)
    school_type = models.CharField(_("schooltype"), max_length=40, blank=True)
    denominatie = models.CharField(_("denominatie"), max_length=80, blank=True)
    vakantieregio = models.CharField(
        _("vakantieregio"), max_length=6, choices=Vakantieregio.choices, blank=True
    )
    street = models.CharField(_("straat en huisnummer"), max_length=160, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    plaats = models.CharField(_("plaats"), max_length=100, blank=True)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.SET_NULL, null=True, blank=True, related_name="schools"
    )
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    leerlingen = models.PositiveIntegerField(_("leerlingen"), null=True, blank=True)

    class Meta:
        verbose_name = _("schoolvestiging")
        verbose_name_plural = _("schoolvestigingen")
        ordering = ["vestigingscode"]
        constraints = [
            models.CheckConstraint(
                condition=Q(vestigingscode__regex=r"^[0-9A-Z]{4}[0-9]{2}$"),
                name="school_vestigingscode_format",
            ),
            models.CheckConstraint(condition=Q(brin__regex=r"^[0-9A-Z]{4}$"), name="school_brin_format"),
            # The BRIN is the first four characters of the vestigingscode.
            models.CheckConstraint(
                condition=Q(vestigingscode__startswith=models.F("brin")), name="school_brin_in_vestigingscode"
            ),
            # Postcode without space (1234AB), or unknown.
            models.CheckConstraint(
                condition=Q(postcode="") | Q(postcode__regex=r"^[1-9][0-9]{3}[A-Z]{2}$"),
                name="school_postcode_format",
            ),
            models.CheckConstraint(
                condition=Q(lat__isnull=True, lon__isnull=True) | Q(lat__isnull=False, lon__isnull=False),
                name="school_lat_lon_together",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.name} ({self.vestigingscode})"
