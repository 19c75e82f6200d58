"""The upload form of an attendance import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kring.organisations.models import SchoolLocation
from kring.web.forms import KringFormMixin

from .models import ColumnMapping

MAX_BYTES = 50 * 1024 * 1024


class SchoolChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.organisation.name} ({obj.vestigingscode})"


class ImportForm(KringFormMixin, forms.Form):
    school = SchoolChoice(
        label=_("School"),
        queryset=SchoolLocation.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("Kies de school."),
            "invalid_choice": _("Kies een school uit de lijst."),
        },
    )
    mapping = forms.ModelChoiceField(
        label=_("Kolomindeling"),
        queryset=ColumnMapping.objects.none(),
        empty_label=None,
        help_text=_(
            "Hoe het bestand is opgebouwd. De Kring-standaard heeft de kolommen bsn, naam, geboortedatum, "
            "datum, uren en reden."
        ),
        error_messages={
            "required": _("Kies een kolomindeling."),
            "invalid_choice": _("Kies een kolomindeling uit de lijst."),
        },
    )
    file = forms.FileField(
        label=_("Bestand (CSV)"),
        help_text=_("Een export uit de leerlingadministratie, bijvoorbeeld van één maand."),
        error_messages={"required": _("Kies het bestand."), "empty": _("Het bestand is leeg.")},
    )
    period_start = forms.DateField(
        label=_("Eerste dag van de periode"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leeg laten: de eerste dag in het bestand."),
    )
    period_end = forms.DateField(
        label=_("Laatste dag van de periode"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leeg laten: de laatste dag in het bestand."),
    )

    def __init__(
        self,
        *args: Any,
        schools: QuerySet[SchoolLocation],
        mappings: QuerySet[ColumnMapping],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        school_field = self.fields["school"]
        mapping_field = self.fields["mapping"]
        assert isinstance(school_field, forms.ModelChoiceField)
        assert isinstance(mapping_field, forms.ModelChoiceField)
        school_field.queryset = schools.order_by("vestigingscode")
        mapping_field.queryset = mappings

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > MAX_BYTES:
            raise forms.ValidationError(
                gettext("Het bestand is groter dan 50 MB. Lees een kortere periode in.")
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if bool(start) != bool(end):
            self.add_error(
                "period_end" if start else "period_start",
                gettext("Vul de eerste en de laatste dag allebei in, of laat ze allebei leeg."),
            )
        elif start and end and end < start:
            self.add_error("period_end", gettext("De laatste dag ligt voor de eerste dag."))
        school, mapping = data.get("school"), data.get("mapping")
        if school is not None and mapping is not None and mapping.school_id not in (None, school.pk):
            self.add_error("mapping", gettext("Deze kolomindeling hoort bij een andere school."))
        return data
