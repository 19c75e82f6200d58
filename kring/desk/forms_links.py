"""Forms of the consented links: they only parse what was typed; the services decide
(`kring.desk.services.links`). Field names are the services' input names, so a refusal lands on
the field it names (`kring.web.flow`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kring.cases.forms_work import WorkForm, date_field, text_area
from kring.desk.models import ConsentHow


class ConsentForm(WorkForm):
    consent_on = date_field(
        _("Op welke dag gaf de ouder toestemming?"),
        help_text=_("Vandaag of eerder, niet voor de dag waarop de vraag binnenkwam."),
    )
    consent_by = forms.CharField(
        label=_("Wie gaf toestemming?"),
        max_length=120,
        help_text=_("Bijvoorbeeld: moeder, Sanne de Vries."),
        error_messages={"required": _("Vul in wie toestemming gaf.")},
    )
    consent_how = forms.ChoiceField(
        label=_("Hoe gaf de ouder toestemming?"),
        choices=[("", _("Kies …")), *ConsentHow.choices],
        error_messages={"required": _("Kies hoe de ouder toestemming gaf.")},
    )
    consent_scope = text_area(
        _("Waarvoor gaf de ouder toestemming?"),
        help_text=_("Schrijf op wat de ouder goed vindt. Lees het samen na met de ouder."),
        rows=4,
    )


class LinkCaseForm(ConsentForm):
    field_order = ["case", "consent_on", "consent_by", "consent_how", "consent_scope"]

    case = forms.IntegerField(
        label=_("Casus van het kind"),
        help_text=_("Je ziet hier alleen de open casussen waarvan jouw steunpunt in de kring zit."),
        widget=forms.Select(),
        error_messages={
            "required": _("Kies de casus van het kind."),
            "invalid": _("Kies de casus van het kind."),
        },
    )

    def __init__(self, *args: Any, case_choices: list[tuple[int | str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].widget.choices = [("", _("Kies een casus …")), *case_choices]


class SwvRequestForm(ConsentForm):
    field_order = [
        "swv",
        "child_name",
        "child_birth_date",
        "school_name",
        "situation",
        "consent_on",
        "consent_by",
        "consent_how",
        "consent_scope",
    ]

    swv = forms.IntegerField(
        label=_("Samenwerkingsverband"),
        widget=forms.Select(),
        error_messages={
            "required": _("Kies een samenwerkingsverband."),
            "invalid": _("Kies een samenwerkingsverband."),
        },
    )
    child_name = forms.CharField(
        label=_("Naam van het kind"),
        max_length=120,
        error_messages={"required": _("Vul de naam van het kind in.")},
    )
    child_birth_date = date_field(
        _("Geboortedatum van het kind"), required=False, help_text=_("Als de ouder die wil geven.")
    )
    school_name = forms.CharField(label=_("School"), max_length=200, required=False)
    situation = text_area(
        _("De situatie, kort"),
        help_text=_("Alleen wat het samenwerkingsverband nodig heeft om een casus te openen. Geen BSN."),
        rows=4,
    )

    def __init__(self, *args: Any, swv_choices: list[tuple[int | str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["swv"].widget.choices = [("", _("Kies …")), *swv_choices]


class RevokeForm(WorkForm):
    revoked_on = date_field(_("Op welke dag trok de ouder de toestemming in?"))


class HandleRequestForm(WorkForm):
    case = forms.IntegerField(
        label=_("De casus die je voor dit kind opende"),
        widget=forms.Select(),
        error_messages={"required": _("Kies de casus."), "invalid": _("Kies de casus.")},
    )

    def __init__(self, *args: Any, case_choices: list[tuple[int | str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].widget.choices = [("", _("Kies een casus …")), *case_choices]
