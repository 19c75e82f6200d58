"""The forms of placement's pages. They only parse what was typed: the services decide and refuse
(with the message on the field it concerns), so most fields are optional here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kring.cases.forms_work import WorkForm, date_field, text_area
from kring.organisations.models import SchoolLocation

from .checklist import AdviceInput
from .models import Categorie, Cluster, Functie, OfferCategory, OfferLevel, Outcome, TlvSoort

ADVICES = 2  # the law asks two (TLV-03); the form offers two


class SchoolField(forms.ModelChoiceField[SchoolLocation]):
    def label_from_instance(self, obj: SchoolLocation) -> str:
        place = f", {obj.plaats}" if obj.plaats else ""
        return f"{obj.organisation.name}{place}"


def _choices(choices: list[tuple[str, Any]], empty: Any) -> list[tuple[str, Any]]:
    return [("", empty), *[(v, label) for v, label in choices if v]]


class TlvRequestForm(WorkForm):
    school = SchoolField(
        label=_("School die aanvraagt"), queryset=SchoolLocation.objects.none(), required=False
    )
    soort = forms.ChoiceField(
        label=_("Soort onderwijs"), choices=_choices(TlvSoort.choices, _("— kies —")), required=False
    )
    cluster = forms.ChoiceField(
        label=_("Cluster (voor so en vso)"),
        choices=_choices(Cluster.choices, _("Geen cluster (sbo)")),
        required=False,
    )
    categorie = forms.ChoiceField(
        label=_("Categorie"), choices=_choices(Categorie.choices, _("Geen categorie")), required=False
    )
    received_on = date_field(_("Ontvangen door het samenwerkingsverband op"), required=False)
    reason = text_area(_("Waarom vraagt de school deze TLV aan?"), required=False, rows=4)
    parents_view = text_area(
        _("Zienswijze van de ouders"),
        required=False,
        rows=4,
        help_text=_("Wat vinden de ouders van de aanvraag? Schrijf het op in hun woorden."),
    )
    child_view = text_area(
        _("Mening van het kind"),
        required=False,
        rows=4,
        help_text=_("Wat wil het kind zelf? Schrijf het op in de woorden van het kind."),
    )
    target_school = SchoolField(
        label=_("School voor speciaal (basis)onderwijs"),
        queryset=SchoolLocation.objects.none(),
        required=False,
    )
    place_confirmed = forms.BooleanField(label=_("Deze school heeft een plek bevestigd"), required=False)
    waiting_position = forms.IntegerField(label=_("Of: plaats op de wachtlijst"), required=False, min_value=1)

    def __init__(
        self,
        *args: Any,
        schools: QuerySet[SchoolLocation],
        targets: QuerySet[SchoolLocation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        self.fields["target_school"].queryset = targets  # type: ignore[attr-defined]
        if schools.count() == 1:
            self.fields["school"].initial = schools.first()
        for i in range(1, ADVICES + 1):
            self.fields[f"advice_{i}_name"] = forms.CharField(
                label=_("Naam van deskundige %(n)s") % {"n": i}, required=False, max_length=200
            )
            self.fields[f"advice_{i}_functie"] = forms.ChoiceField(
                label=_("Functie van deskundige %(n)s") % {"n": i},
                choices=_choices(Functie.choices, _("— kies —")),
                required=False,
            )
            self.fields[f"advice_{i}_given_on"] = date_field(
                _("Datum van het advies van deskundige %(n)s") % {"n": i}, required=False
            )
            self.fields[f"advice_{i}_advice"] = text_area(
                _("Advies van deskundige %(n)s") % {"n": i}, required=False, rows=3
            )

    def advices(self) -> list[AdviceInput]:
        data = self.cleaned_data
        advices = []
        for i in range(1, ADVICES + 1):
            parts = [data.get(f"advice_{i}_{key}") for key in ("name", "functie", "given_on", "advice")]
            if not any(parts):
                continue
            advices.append(
                AdviceInput(
                    name=data.get(f"advice_{i}_name") or "",
                    functie=data.get(f"advice_{i}_functie") or "",
                    given_on=data.get(f"advice_{i}_given_on"),
                    advice=data.get(f"advice_{i}_advice") or "",
                )
            )
        return advices

    def field_groups(self) -> dict[str, list[Any]]:
        """The fields per part of the page (the template shows each part as a fieldset)."""
        names = {
            "request": ["school", "soort", "cluster", "categorie", "received_on", "reason"],
            "views": ["parents_view", "child_view"],
            "place": ["target_school", "place_confirmed", "waiting_position"],
        }
        groups = {key: [self[name] for name in fields] for key, fields in names.items()}
        for i in range(1, ADVICES + 1):
            groups[f"advice_{i}"] = [
                self[f"advice_{i}_{key}"] for key in ("name", "functie", "given_on", "advice")
            ]
        return groups


class TlvDecisionForm(WorkForm):
    outcome = forms.ChoiceField(
        label=_("Besluit"), choices=_choices(Outcome.choices, _("— kies —")), required=False
    )
    decided_on = date_field(_("Bekendgemaakt aan de ouders op"), required=False)
    schooljaren = forms.IntegerField(
        label=_("Geldig voor (schooljaren)"),
        required=False,
        min_value=1,
        help_text=_("Alleen bij een toegekende TLV. Kring berekent tot wanneer de TLV geldt (regel TLV-04)."),
    )
    volgnummer = forms.CharField(label=_("TLV-nummer"), required=False, max_length=40)
    motivation = text_area(_("Motivering"), required=False, rows=4)
    advice_copy_to_parents = forms.BooleanField(
        label=_("De ouders krijgen een kopie van de adviezen van de deskundigen"), required=False
    )
    objection_route = text_area(
        _("Hoe de ouders bezwaar maken"),
        required=False,
        rows=3,
        help_text=_("Leeg laten: Kring zet de gewone tekst over bezwaar en de LBT erin."),
    )


class WaitingListForm(WorkForm):
    school = SchoolField(
        label=_("School voor speciaal (basis)onderwijs"),
        queryset=SchoolLocation.objects.none(),
        required=False,
    )
    since = date_field(_("Op de wachtlijst sinds"), required=False)
    start_on = date_field(_("Gewenste startdatum"), required=False)

    def __init__(self, *args: Any, schools: QuerySet[SchoolLocation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]


class EndWaitingForm(WorkForm):
    ended_on = date_field(_("Van de wachtlijst af op"), required=False)
    reason = forms.CharField(
        label=_("Waarom"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld: geplaatst, of elders geplaatst."),
    )


class SupportOfferForm(WorkForm):
    school = SchoolField(label=_("Schoolvestiging"), queryset=SchoolLocation.objects.none(), required=False)
    level = forms.ChoiceField(
        label=_("Soort ondersteuning"), choices=_choices(OfferLevel.choices, _("— kies —")), required=False
    )
    category = forms.ChoiceField(
        label=_("Gebied"), choices=_choices(OfferCategory.choices, _("— kies —")), required=False
    )
    description = forms.CharField(label=_("Wat de school biedt"), required=False, max_length=300)

    def __init__(self, *args: Any, schools: QuerySet[SchoolLocation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        if schools.count() == 1:
            self.fields["school"].initial = schools.first()
