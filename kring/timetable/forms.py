"""The forms of the onderwijstijd pages. They only parse what was typed: the services decide and
refuse (with the message on the field it concerns), so most fields are optional here and what was
typed stays on the page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kring.cases.forms_work import WorkForm, date_field, text_area
from kring.organisations.models import SchoolLocation
from kring.web.forms import KringFormMixin

from .models import Ground


class SchoolField(forms.ModelChoiceField[SchoolLocation]):
    def label_from_instance(self, obj: SchoolLocation) -> str:
        place = f", {obj.plaats}" if obj.plaats else ""
        return f"{obj.organisation.name}{place}"


def _hours_field(label: Any, *, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=6,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 6}),
    )


class ReducedTimetableForm(WorkForm):
    school = SchoolField(label=_("School"), queryset=SchoolLocation.objects.none(), required=False)
    hours_per_week = _hours_field(
        _("Uren onderwijs per week"),
        help_text=_("Hoeveel uur per week krijgt het kind nu les? Bijvoorbeeld 12 of 12,5."),
    )
    normal_hours_per_week = _hours_field(
        _("Normale uren per week"),
        help_text=_(
            "Hoeveel uur per week krijgen de andere kinderen in de groep? Zo is het verschil te zien."
        ),
    )
    starts_on = date_field(_("Vanaf"), required=False)
    ends_on = date_field(
        _("Tot en met"), required=False, help_text=_("Leeg laten als nog niet bekend is wanneer het stopt.")
    )
    ground = forms.ChoiceField(
        label=_("Reden volgens de wet"),
        choices=[("", _("— kies —")), *Ground.choices],
        required=False,
        help_text=_("De wet staat minder onderwijstijd alleen toe om lichamelijke of psychische redenen."),
    )
    reason = text_area(
        _("Waarom krijgt het kind minder onderwijs?"),
        required=False,
        rows=4,
        help_text=_("Schrijf het zo op dat de ouders en het kind het begrijpen. De ouders lezen dit."),
    )
    requested_on = date_field(
        _("Instemming gevraagd aan de inspectie op"),
        required=False,
        help_text=_("Leeg laten als de school het nog niet heeft gevraagd."),
    )

    def __init__(self, *args: Any, schools: QuerySet[SchoolLocation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        if schools.count() == 1:
            self.fields["school"].initial = schools.first()


class RequestForm(WorkForm):
    requested_on = date_field(_("De school vroeg de inspectie om instemming op"), required=False)


class ConsentForm(WorkForm):
    consent_on = date_field(_("De inspectie stemde in op"), required=False)
    consent_until = date_field(
        _("De instemming geldt tot en met"),
        required=False,
        help_text=_("Leeg laten als de inspectie geen einddatum noemde."),
    )


class EndForm(WorkForm):
    ends_on = date_field(_("Laatste dag met minder onderwijs"), required=False)
    reason = forms.CharField(
        label=_("Waarom stopt het?"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld: weer het hele rooster, of naar een andere school."),
    )


class ListFilterForm(KringFormMixin, forms.Form):
    q = forms.CharField(label=_("Zoek op naam"), required=False, max_length=100)
    school = SchoolField(
        label=_("School"),
        queryset=SchoolLocation.objects.none(),
        required=False,
        empty_label=_("Alle scholen"),
    )
    zonder_instemming = forms.BooleanField(
        label=_("Alleen zonder instemming van de inspectie"), required=False
    )
    langer_dan_28_dagen = forms.BooleanField(label=_("Alleen langer dan 28 dagen"), required=False)

    def __init__(self, *args: Any, schools: QuerySet[SchoolLocation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
