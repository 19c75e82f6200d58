"""Forms of the region's settings page: the norms, and one row per level of the escalation ladder.
They only parse what was typed; the services decide (see `kring.cases.forms_work`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import User
from kring.accounts.roles import FAMILY_ROLES, Role
from kring.cases.forms_work import UserChoiceField, WorkForm

from .models import MAX_CASE_RETENTION_YEARS, MIN_CASE_RETENTION_YEARS, TermUnit


class RegionSettingsForm(WorkForm):
    prefix = "normen"

    kr_3m_enabled = forms.BooleanField(
        label=_("De driemaandennorm (KR-3M) staat aan"),
        required=False,
        help_text=_(
            "Binnen de termijn heeft elk thuiszittend kind een regievoerder, een samen vastgesteld "
            "ontwikkelperspectief, een route en een vast evaluatieritme."
        ),
    )
    kr_3m_months = forms.IntegerField(label=_("Termijn van de norm (maanden)"), min_value=1, max_value=24)
    escalate_statutory = forms.BooleanField(
        label=_("Escaleren als een wettelijke termijn is verstreken"), required=False
    )
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)


MANDATE_ROLE_CHOICES = [("", _("Geen rol (kies een persoon)"))] + [
    (value, label) for value, label in Role.choices if value not in FAMILY_ROLES
]


class LevelForm(WorkForm):
    name = forms.CharField(label=_("Naam van de trede"), max_length=200, required=False)
    mandate_user = UserChoiceField(
        label=_("Persoon met mandaat"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Geen persoon"),
    )
    mandate_role = forms.ChoiceField(
        label=_("Of: iedereen met deze rol bij het samenwerkingsverband"),
        choices=MANDATE_ROLE_CHOICES,
        required=False,
    )
    term_amount = forms.IntegerField(label=_("Termijn"), min_value=1, max_value=365, required=False)
    term_unit = forms.ChoiceField(label=_("Eenheid"), choices=TermUnit.choices, initial=TermUnit.WERKDAGEN)
    remove = forms.BooleanField(label=_("Deze trede weghalen"), required=False)

    def __init__(self, *args: Any, swv_users: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.initial:  # a new row: nothing to take away
            del self.fields["remove"]
        if swv_users is not None:
            self.fields["mandate_user"].queryset = swv_users  # type: ignore[attr-defined]

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return (
            not (data.get("name") or "").strip()
            and not data.get("mandate_user")
            and not data.get("mandate_role")
        )


LevelFormSet = forms.formset_factory(LevelForm, extra=1, max_num=12, absolute_max=20)


class TlvChecklistForm(WorkForm):
    """Which items of the TLV checklist the region asks (the two deskundigen are the law, not here)."""

    prefix = "tlv"

    require_opp = forms.BooleanField(
        label=_("Het OPP is opgesteld, uitgevoerd en geëvalueerd"), required=False
    )
    require_parents_view = forms.BooleanField(
        label=_("De zienswijze van de ouders is bijgevoegd"), required=False
    )
    require_child_view = forms.BooleanField(label=_("De mening van het kind is bijgevoegd"), required=False)
    require_place = forms.BooleanField(
        label=_("Er is een school genoemd, met een bevestigde plek of de plaats op de wachtlijst"),
        required=False,
    )
    uses_category = forms.BooleanField(
        label=_("Onze regio werkt met categorieën (laag, midden, hoog)"), required=False
    )
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class CaseRetentionForm(WorkForm):
    prefix = "bewaren"

    case_retention_years = forms.IntegerField(
        label=_("Casusdossier bewaren na afsluiten (jaren)"),
        min_value=MIN_CASE_RETENTION_YEARS,
        max_value=MAX_CASE_RETENTION_YEARS,
        help_text=_(
            "Zoveel jaar nadat een casus is afgesloten, verwijdert Kring het casusdossier: de kring, "
            "het overleg, de afspraken, het plan, de routes en de escalaties. Zolang er een casus "
            "open is voor het kind, blijft alles bewaard."
        ),
    )
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
