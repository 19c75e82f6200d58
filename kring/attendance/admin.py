"""Functioneel beheer of attendance (/beheer/): the column mappings (a new export format needs no
code), the regional settings of the early signals, and the imports (read-only: what was imported,
when, and with which result; aggregates only, no pupil's data)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import AttendanceImport, AttendanceSettings, ColumnMapping, Reason
from .reading import COLUMNS, REQUIRED


class ColumnMappingForm(forms.ModelForm[ColumnMapping]):
    class Meta:
        model = ColumnMapping
        fields = [
            "name",
            "system",
            "school",
            "delimiter",
            "encoding",
            "date_format",
            "columns",
            "reasons",
            "per_lesson",
            "active",
        ]
        help_texts = {
            "columns": _(
                'Per kolom van Kring de naam van de kolom in het bestand, bijvoorbeeld {"pupil": "BSN", '
                '"name": "Naam", "birth_date": "Geboortedatum", "date": "Datum", "hours": "Uren", '
                '"reason": "Reden"}. Nodig: pupil, date, hours en reason.'
            ),
            "reasons": _(
                'Per woord in het bestand de reden van Kring, bijvoorbeeld {"O": "ongeoorloofd", '
                '"Z": "ziek"}. '
                "Redenen van Kring: ongeoorloofd, ziek, geoorloofd, schorsing, te_laat."
            ),
            "date_format": _("Zoals Python het schrijft: %Y-%m-%d is 2026-11-03, %d-%m-%Y is 03-11-2026."),
            "encoding": _("Meestal utf-8; een CSV uit Excel op Windows is vaak cp1252."),
        }

    def clean_columns(self) -> Any:
        columns = self.cleaned_data.get("columns")
        if not isinstance(columns, dict):
            raise forms.ValidationError(
                gettext("Schrijf de kolommen als een lijst van naam en kolom tussen { }.")
            )
        unknown = sorted(set(columns) - set(COLUMNS))
        if unknown:
            raise forms.ValidationError(
                gettext("Deze kolommen kent Kring niet: %(k)s. Kies uit: %(lijst)s.")
                % {"k": ", ".join(unknown), "lijst": ", ".join(COLUMNS)}
            )
        missing = [key for key in REQUIRED if not str(columns.get(key, "")).strip()]
        if missing:
            raise forms.ValidationError(
                gettext("Deze kolommen zijn nodig: %(k)s.") % {"k": ", ".join(missing)}
            )
        return columns

    def clean_reasons(self) -> Any:
        reasons = self.cleaned_data.get("reasons") or {}
        if not isinstance(reasons, dict):
            raise forms.ValidationError(
                gettext("Schrijf de redenen als een lijst van woord en reden tussen { }.")
            )
        wrong = sorted({str(v) for v in reasons.values()} - set(Reason.values))
        if wrong:
            raise forms.ValidationError(
                gettext("Deze redenen kent Kring niet: %(r)s. Kies uit: %(lijst)s.")
                % {"r": ", ".join(wrong), "lijst": ", ".join(Reason.values)}
            )
        return reasons

    def clean_encoding(self) -> str:
        import codecs

        value = str(self.cleaned_data.get("encoding") or "").strip()
        try:
            codecs.lookup(value)
        except LookupError:
            raise forms.ValidationError(
                gettext("Deze tekenset bestaat niet. Kies bijvoorbeeld utf-8 of cp1252.")
            ) from None
        return value


@admin.register(ColumnMapping)
class ColumnMappingAdmin(admin.ModelAdmin[ColumnMapping]):
    form = ColumnMappingForm
    list_display = ("name", "system", "school", "per_lesson", "active")
    list_filter = ("active", "per_lesson", "system")
    search_fields = ("name", "system")
    autocomplete_fields = ("school",)


@admin.register(AttendanceSettings)
class AttendanceSettingsAdmin(admin.ModelAdmin[AttendanceSettings]):
    list_display = (
        "swv",
        "retention_years",
        "sick_reports",
        "sick_weeks",
        "sick_consecutive_days",
        "partial_share_percent",
        "partial_weeks",
    )
    exclude = ("version",)

    def save_model(self, request: HttpRequest, obj: AttendanceSettings, form: Any, change: bool) -> None:
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(AttendanceImport)
class AttendanceImportAdmin(admin.ModelAdmin[AttendanceImport]):
    list_display = ("filename", "school", "status", "period_start", "period_end", "created_at", "replaced_by")
    list_filter = ("status",)
    search_fields = ("filename", "school__vestigingscode", "school__organisation__name")
    readonly_fields = [f.name for f in AttendanceImport._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
