"""Attendance: a school's exports read into signals for a person, keeping as little as needed.

- `ColumnMapping`: how a student information system's export reads (columns, date format, the
  words it uses for a reason). Configurable in /beheer/, so a new system needs no code.
- `AttendanceImport`: one file of one school over one period, with its progress and its result.
  Re-importing the same school and period replaces the earlier one (idempotent).
- `AbsenceRecord`: the absence days Kring keeps, only of pupils with a finding, only the days
  that explain it. Raw rows of pupils without a finding are never stored.
- `AttendanceSignal`: a finding put in front of a person (the school's zorgcoördinator or intern
  begeleider), with the days and hours that caused it and the rule or regional setting behind it.
  A signal never ranks or scores; it becomes a case only by a person's act.
- `VerzuimMelding`: the report to DUO that an LPW-20 threshold requires, prepared for the school
  to check and submit; recording its submission fulfils the obligation (a `verzuimmelding` on the
  child's timeline).

A pupil is identified in a file by BSN or onderwijsnummer; Kring stores only its keyed hash
(`kring.privacy.crypto`), and for a pupil with a finding who is not yet a child in Kring, the name
and birth date the file gives, so that the school knows whom the signal is about.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kring.organisations.models import Samenwerkingsverband, SchoolLocation


class Reason(models.TextChoices):
    ONGEOORLOOFD = "ongeoorloofd", _("Ongeoorloofd")
    ZIEK = "ziek", _("Ziek")
    GEOORLOOFD = "geoorloofd", _("Geoorloofd")
    SCHORSING = "schorsing", _("Schorsing")
    TE_LAAT = "te_laat", _("Te laat")


class ColumnMapping(models.Model):
    """How one export format reads. `school` empty: available to every school."""

    name = models.CharField(_("naam"), max_length=120)
    system = models.CharField(_("leerlingadministratie"), max_length=60, blank=True)
    school = models.ForeignKey(
        SchoolLocation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attendance_mappings",
        verbose_name=_("school"),
    )
    delimiter = models.CharField(_("scheidingsteken"), max_length=1, default=";")
    encoding = models.CharField(_("tekenset"), max_length=20, default="utf-8")
    date_format = models.CharField(_("datumnotatie"), max_length=20, default="%Y-%m-%d")
    # {"pupil": "BSN", "name": "Naam", "birth_date": "Geboortedatum", "date": "Datum",
    #  "hours": "Uren", "reason": "Reden"}: Kring's column → the export's column header.
    columns = models.JSONField(_("kolommen"), default=dict)
    # {"O": "ongeoorloofd", "Z": "ziek", ...}: the export's word → Kring's reason.
    reasons = models.JSONField(_("redenen"), default=dict, blank=True)
    # Hours are given per lesson (one row per lesson): rows of one pupil and day are summed.
    per_lesson = models.BooleanField(_("een regel per lesuur"), default=False)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("kolomindeling")
        verbose_name_plural = _("kolomindelingen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="attendance_mapping_unique_name"),
            models.CheckConstraint(condition=~Q(name=""), name="attendance_mapping_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class AttendanceSettings(models.Model):
    """The regional settings of the early signals, per samenwerkingsverband (its schools' pupils).
    Without a row the defaults below apply; each signal names the setting that caused it."""

    swv = models.OneToOneField(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="attendance_settings"
    )
    retention_years = models.PositiveSmallIntegerField(_("verzuimgegevens bewaren (jaren)"), default=5)
    sick_reports = models.PositiveSmallIntegerField(_("vaak ziek: aantal ziekmeldingen"), default=4)
    sick_weeks = models.PositiveSmallIntegerField(_("vaak ziek: binnen zoveel lesweken"), default=12)
    sick_consecutive_days = models.PositiveSmallIntegerField(
        _("vaak ziek: meer dan zoveel schooldagen achter elkaar"), default=6
    )
    partial_share_percent = models.PositiveSmallIntegerField(
        _("weinig op school: aanwezig op minder dan dit deel van de schooldagen (%)"), default=60
    )
    partial_weeks = models.PositiveSmallIntegerField(
        _("weinig op school: over de laatste lesweken"), default=4
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("instellingen voor signalen uit de aanwezigheid")
        verbose_name_plural = _("instellingen voor signalen uit de aanwezigheid")
        constraints = [
            models.CheckConstraint(
                condition=Q(retention_years__gte=1, retention_years__lte=10),
                name="attendance_retention_range",
            ),
            models.CheckConstraint(
                condition=Q(partial_share_percent__gte=1, partial_share_percent__lte=100),
                name="attendance_partial_share_range",
            ),
            models.CheckConstraint(
                condition=Q(
                    sick_reports__gte=1, sick_weeks__gte=1, sick_consecutive_days__gte=1, partial_weeks__gte=1
                ),
                name="attendance_settings_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"Signalen {self.swv_id}"


class ImportStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("In de wachtrij")
    BEZIG = "bezig", _("Bezig")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Niet ingelezen")


class AttendanceImport(models.Model):
    school = models.ForeignKey(SchoolLocation, on_delete=models.PROTECT, related_name="attendance_imports")
    mapping = models.ForeignKey(ColumnMapping, on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    filename = models.CharField(_("bestand"), max_length=255)
    file_sha256 = models.CharField(max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.WACHTRIJ
    )
    period_start = models.DateField(_("eerste dag"), null=True, blank=True)
    period_end = models.DateField(_("laatste dag"), null=True, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    # The summary (aggregates only): rows, pupils, school days, pupils with a finding, per kind.
    summary = models.JSONField(_("samenvatting"), default=dict, blank=True)
    # The problems that stopped it: [{"line": 12, "column": "datum", "message": "..."}].
    errors = models.JSONField(_("problemen"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The newer import of the same school and period that replaced this one.
    replaced_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaces"
    )

    class Meta:
        verbose_name = _("import van aanwezigheid")
        verbose_name_plural = _("imports van aanwezigheid")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="attendance_import_period_order",
            ),
            models.CheckConstraint(
                condition=Q(progress_done__lte=F("progress_total")) | Q(progress_total=0),
                name="attendance_import_progress_bounded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.school_id})"


class AbsenceRecord(models.Model):
    """One absence day of a pupil with a finding (only the days that explain a finding)."""

    school = models.ForeignKey(SchoolLocation, on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey(AttendanceImport, on_delete=models.CASCADE, related_name="absences")
    pupil_hash = models.CharField(max_length=64)
    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, null=True, blank=True, related_name="absence_records"
    )
    date = models.DateField(_("datum"))
    hours = models.DecimalField(_("uren"), max_digits=4, decimal_places=2)
    reason = models.CharField(_("reden"), max_length=12, choices=Reason.choices)

    class Meta:
        verbose_name = _("verzuimdag")
        verbose_name_plural = _("verzuimdagen")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "pupil_hash", "date", "reason"], name="attendance_absence_unique_day"
            ),
            models.CheckConstraint(
                condition=Q(hours__gte=0, hours__lte=24), name="attendance_absence_hours_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.reason} {self.hours}"


class SignalKind(models.TextChoices):
    LPW20 = "lpw20", _("16 uur ongeoorloofd verzuim in 4 lesweken")
    LRV = "lrv", _("Langdurig relatief verzuim")
    LANG_ZIEK = "lang_ziek", _("Langdurig ziek")
    VAAK_ZIEK = "vaak_ziek", _("Vaak ziek gemeld")
    GEDEELTELIJK = "gedeeltelijk", _("Weinig op school (gedeeltelijk programma)")
    DALEND = "dalend", _("Steeds minder op school")


class SignalStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    GEZIEN = "gezien", _("Gezien")
    GEKOPPELD = "gekoppeld", _("Gekoppeld aan een casus")
    AFGEWEZEN = "afgewezen", _("Afgewezen, met reden")


class AttendanceSignal(models.Model):
    school = models.ForeignKey(SchoolLocation, on_delete=models.PROTECT, related_name="attendance_signals")
    source = models.ForeignKey(AttendanceImport, on_delete=models.PROTECT, related_name="signals")
    pupil_hash = models.CharField(max_length=64)
    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, null=True, blank=True, related_name="attendance_signals"
    )
    # Only for a pupil who is not yet a child in Kring: whom the school must look up.
    pupil_name = models.CharField(_("naam van de leerling"), max_length=200, blank=True)
    pupil_birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    kind = models.CharField(_("soort"), max_length=12, choices=SignalKind.choices)
    rule = models.CharField(_("regel of instelling"), max_length=60)
    found_on = models.DateField(_("datum"))
    # The days and hours that caused it: [{"date": "2026-11-03", "hours": 5, "reason": "ongeoorloofd"}].
    days = models.JSONField(_("dagen en uren"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=SignalStatus.choices, default=SignalStatus.NIEUW
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_on = models.DateField(null=True, blank=True)
    dismiss_reason = models.TextField(_("reden"), blank=True)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="attendance_signals"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("signaal uit de aanwezigheid")
        verbose_name_plural = _("signalen uit de aanwezigheid")
        ordering = ["-found_on", "-pk"]
        indexes = [models.Index(fields=["school", "status"], name="attendance_signal_queue")]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "pupil_hash", "kind", "found_on"], name="attendance_signal_unique"
            ),
            models.CheckConstraint(
                condition=~Q(status=SignalStatus.AFGEWEZEN) | ~Q(dismiss_reason=""),
                name="attendance_dismissal_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=SignalStatus.GEKOPPELD) | Q(case__isnull=False),
                name="attendance_linked_signal_has_case",
            ),
            models.CheckConstraint(
                condition=Q(child__isnull=False) | ~Q(pupil_name=""),
                name="attendance_signal_names_its_pupil",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.found_on}"


class VerzuimMelding(models.Model):
    """The DUO report of an LPW-20 threshold, with the fields of the Besluit register
    onderwijsdeelnemers (art. 13-14), prepared for the school to check and submit."""

    signal = models.OneToOneField(AttendanceSignal, on_delete=models.PROTECT, related_name="melding")
    start = models.DateField(_("eerste dag van het verzuim"))
    end = models.DateField(_("laatste dag van het verzuim"), null=True, blank=True)
    presumed_kind = models.CharField(_("vermoedelijke soort verzuim"), max_length=60)
    presumed_reason = models.TextField(_("vermoedelijke reden"), blank=True)
    # The specified days and hours (copied from the signal when prepared, then checked).
    days = models.JSONField(_("dagen en uren"), default=list)
    school_actions = models.TextField(_("wat de school al heeft gedaan"), blank=True)
    municipal_action_wanted = models.BooleanField(_("de school wil dat de gemeente iets doet"), default=False)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    prepared_on = models.DateField(_("voorbereid op"))
    submitted_on = models.DateField(_("ingediend bij DUO op"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("verzuimmelding")
        verbose_name_plural = _("verzuimmeldingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="attendance_melding_period_order"
            ),
            models.CheckConstraint(
                condition=Q(submitted_on__isnull=True) | Q(submitted_on__gte=F("prepared_on")),
                name="attendance_melding_submitted_after_prepared",
            ),
        ]

    def __str__(self) -> str:
        return f"Verzuimmelding {self.start}"
