"""Forms of the child's own pages: registering a child, a timeline event and removing one.

Forms only parse and keep what was typed; the services decide (and give the Dutch messages for
what only they can judge).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.children.event_types import EVENT_TYPES, FIELDS, SECTORS, spec
from kring.children.models import EventType
from kring.organisations.models import Gemeente, SchoolLocation, Vakantieregio
from kring.web.forms import KringFormMixin, date_widget, style_widget

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

YES_NO = [("", _("— kies —")), ("ja", _("ja")), ("nee", _("nee"))]


# ---------------------------------------------------------------- a new child


SECTOR_CHOICES = list(SECTORS)


REPRESENTATIVES = 2  # the page asks for one, and optionally a second


def representative_field(index: int, name: str) -> str:
    """A representative's field by the name `register_child` uses: `representatives[0].name`."""
    return f"representatives[{index}].{name}"


class ChildSearchForm(forms.Form):
    """The search of the list of children (a BSN is moved out of the address, kring/web/search.py)."""

    q = forms.CharField(
        label=_("Zoek op naam of BSN"),
        required=False,
        max_length=100,
        help_text=_("Een BSN wordt versleuteld opgezocht en nooit getoond."),
    )


class ChildForm(KringFormMixin, forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=100)
    last_name = forms.CharField(label=_("Achternaam"), max_length=100)
    birth_date = forms.DateField(label=_("Geboortedatum"), widget=date_widget())
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=20,
        help_text=_("9 cijfers. Wordt versleuteld bewaard en alleen gebruikt om het kind terug te vinden."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=7,
        help_text=_("Bijvoorbeeld 3511 AB. Hiermee vindt Kring de gemeente en het samenwerkingsverband."),
    )
    gemeente = forms.ModelChoiceField(
        label=_("Woongemeente"),
        required=False,
        queryset=Gemeente.objects.order_by("name"),
        empty_label=_("Afleiden uit de postcode"),
    )
    vakantieregio = forms.ChoiceField(
        label=_("Vakantieregio"),
        required=False,
        choices=[("", _("Afleiden uit de school of de gemeente")), *Vakantieregio.choices],
        help_text=_("Bepaalt welke dagen schooldagen zijn voor de termijnen."),
    )
    school = forms.ModelChoiceField(
        label=_("Ingeschreven op"),
        required=False,
        queryset=SchoolLocation.objects.none(),
        empty_label=_("— kies een school —"),
    )
    enrolled_on = forms.DateField(label=_("Ingeschreven sinds"), required=False, widget=date_widget())
    sector = forms.ChoiceField(
        label=_("Soort onderwijs"),
        required=False,
        choices=[("", _("Zoals de school (uit het register)")), *SECTOR_CHOICES],
    )
    # The representatives' fields carry the service's names: `representatives[0].name`, ...
    confirm_duplicate = forms.BooleanField(
        label=_("Toch registreren: dit is een ander kind met dezelfde naam en geboortedatum"),
        required=False,
    )
    error_messages_nl = {
        "first_name": _("Vul de voornaam in."),
        "last_name": _("Vul de achternaam in."),
        "birth_date": _("Vul de geboortedatum in."),
        representative_field(0, "name"): _("Vul de naam van een ouder of wettelijk vertegenwoordiger in."),
    }

    def __init__(self, *args: Any, schools: QuerySet[SchoolLocation] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(REPRESENTATIVES):
            first = i == 0
            self.fields[representative_field(i, "name")] = forms.CharField(
                label=_("Naam"), required=first, max_length=200
            )
            self.fields[representative_field(i, "relation")] = forms.CharField(
                label=_("Relatie tot het kind"),
                required=first,
                max_length=60,
                initial="moeder" if first else None,
            )
            self.fields[representative_field(i, "email")] = forms.EmailField(
                label=_("E-mailadres"), required=False
            )
            self.fields[representative_field(i, "phone")] = forms.CharField(
                label=_("Telefoon"), required=False, max_length=40
            )
            for f in ("name", "relation", "email", "phone"):
                style_widget(self.fields[representative_field(i, f)].widget)
        for name, message in self.error_messages_nl.items():
            self.fields[name].error_messages["required"] = message
        self.fields["birth_date"].error_messages["invalid"] = _(
            "Vul een geldige datum in, bijvoorbeeld 2015-05-02."
        )
        for name in (representative_field(i, "email") for i in range(REPRESENTATIVES)):
            self.fields[name].error_messages["invalid"] = _(
                "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
            )
        self.with_school = schools is not None
        if schools is not None:
            school_field: Any = self.fields["school"]
            school_field.queryset = schools
            school_field.required = True
            school_field.error_messages["required"] = _("Kies de school waar het kind staat ingeschreven.")
            school_field.label_from_instance = lambda s: (
                f"{s.organisation.name} ({s.plaats or s.vestigingscode})"
            )
            self.fields["enrolled_on"].required = True
            self.fields["enrolled_on"].error_messages["required"] = _(
                "Vul in sinds wanneer het kind op school staat ingeschreven."
            )
        else:
            for name in ("school", "enrolled_on", "sector"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        second = representative_field(1, "name")
        if data.get(second, "") == "" and any(
            data.get(representative_field(1, f)) for f in ("relation", "email", "phone")
        ):
            self.add_error(
                second,
                _("Vul de naam van de tweede ouder of vertegenwoordiger in, of laat het hele blok leeg."),
            )
        return data

    def representatives(self) -> list[dict[str, str]]:
        reps = []
        for i in range(REPRESENTATIVES):
            name = self.cleaned_data.get(representative_field(i, "name"), "")
            if name:
                reps.append(
                    {
                        "name": name,
                        "relation": self.cleaned_data.get(representative_field(i, "relation"), "") or "ouder",
                        "email": self.cleaned_data.get(representative_field(i, "email"), ""),
                        "phone": self.cleaned_data.get(representative_field(i, "phone"), ""),
                    }
                )
        return reps

    def representative_blocks(self) -> list[list[forms.BoundField]]:
        """The bound fields of each representative (name, relation, e-mail, phone), for the page."""
        return [
            [self[representative_field(i, f)] for f in ("name", "relation", "email", "phone")]
            for i in range(REPRESENTATIVES)
        ]


# ---------------------------------------------------------------- timeline events


# Per event type: the form fields besides date and note, and the help text under the form; both
# from the one table of event types (`event_types.py`).
FIELDS_BY_TYPE: Mapping[str, tuple[str, ...]] = {row.code: row.form_fields for row in EVENT_TYPES}
TYPE_HELP: Mapping[str, StrOrPromise] = {row.code: row.help for row in EVENT_TYPES}

OTHER_SCHOOL = "anders"

REDEN_CHOICES = FIELDS["reden"].form_choices()
GROND_CHOICES = FIELDS["grond"].form_choices()
OUTCOME_CHOICES = FIELDS["outcome"].form_choices()
ARTIKEL_CHOICES = FIELDS["artikel"].form_choices()


EVENT_REQUIRED_MESSAGES: Mapping[str, StrOrPromise] = {
    "type": _("Kies een soort gebeurtenis uit de lijst."),
    "sector": _("Kies de soort onderwijs."),
    "outcome": _("Kies het besluit."),
    "grond": _("Kies de reden van uitschrijving."),
    "reden": _("Kies de reden van afwezigheid."),
    "to": _("Vul de einddatum in."),
    "artikel": _("Kies het artikel van de vrijstelling."),
    "instemming_handelingsdeel": _("Kies ja of nee."),
    "met_ouders": _("Kies ja of nee."),
    "met_leerling": _("Kies ja of nee."),
    "naam": _("Vul de naam van de regievoerder in."),
    "soort": _("Vul de soort route in."),
    "weken": _("Vul het aantal weken in."),
    "swv": _("Vul het samenwerkingsverband in."),
    "deskundige": _("Vul de naam van de deskundige in."),
    "functie": _("Kies de functie van de deskundige."),
    "uren_per_week": _("Vul het aantal uren per week in."),
    "gemeente": _("Vul de gemeente in."),
    "organisatie": _("Vul de organisatie in."),
    "verzoek": _("Kies het verzoek."),
}


class EventForm(KringFormMixin, forms.Form):
    """One timeline event of a chosen type: date, the type's fields, a note and, after a refusal,
    the reason to record it anyway as a violation."""

    use_required_attribute = False

    type = forms.ChoiceField(choices=EventType.choices, widget=forms.HiddenInput)
    date = forms.DateField(
        label=_("Datum"),
        widget=date_widget(),
        error_messages={"required": _("Vul de datum in."), "invalid": _("Vul een geldige datum in.")},
    )
    school_location = forms.ChoiceField(label=_("School"), choices=[])
    # The contract's `school` is the school's name: typed here when it is not in the register.
    school = forms.CharField(
        label=_("Naam van de school als die niet in de lijst staat"), required=False, max_length=200
    )
    sector = forms.ChoiceField(label=_("Soort onderwijs"), choices=[("", _("— kies —")), *SECTOR_CHOICES])
    extra_ondersteuning = forms.BooleanField(label=_("Met extra ondersteuning"), required=False)
    outcome = forms.ChoiceField(label=_("Besluit"), choices=OUTCOME_CHOICES)
    grond = forms.ChoiceField(label=_("Reden van uitschrijving"), choices=GROND_CHOICES)
    reden = forms.ChoiceField(label=_("Reden van afwezigheid"), choices=REDEN_CHOICES)
    to = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=date_widget(),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    hours_per_day = forms.DecimalField(
        label=_("Uren per dag"),
        required=False,
        min_value=0,
        max_value=24,
        decimal_places=1,
        help_text=_("Leeg laten als het kind hele dagen (5 uur) afwezig is."),
    )
    artikel = forms.ChoiceField(label=_("Artikel van de Leerplichtwet"), choices=ARTIKEL_CHOICES)
    instemming_handelingsdeel = forms.ChoiceField(
        label=_("Hebben de ouders ingestemd met het handelingsdeel?"), choices=YES_NO
    )
    met_ouders = forms.ChoiceField(label=_("Geëvalueerd met de ouders?"), choices=YES_NO)
    met_leerling = forms.ChoiceField(label=_("Is de leerling gehoord?"), choices=YES_NO)
    naam = forms.CharField(label=_("Naam van de regievoerder"), max_length=200)
    soort = forms.CharField(
        label=_("Soort route"),
        max_length=100,
        help_text=_("Bijvoorbeeld hybride, afstandsonderwijs, zorg-onderwijs."),
    )
    weken = forms.IntegerField(label=_("Evalueren om de hoeveel weken"), min_value=1, max_value=52)
    # catalog v2
    swv = forms.CharField(label=_("Samenwerkingsverband"), max_length=200)
    deskundige = forms.CharField(label=_("Naam van de deskundige"), max_length=200)
    functie = forms.ChoiceField(
        label=_("Functie van de deskundige"), choices=FIELDS["functie"].form_choices()
    )
    schooljaren = forms.IntegerField(label=_("Aantal schooljaren"), required=False, min_value=1, max_value=20)
    volgnummer = forms.CharField(label=_("Volgnummer van de TLV"), required=False, max_length=100)
    uren_per_week = forms.DecimalField(
        label=_("Uren onderwijs per week"),
        min_value=0,
        max_value=60,
        decimal_places=1,
        help_text=_("Hoeveel uur per week het kind nu nog onderwijs volgt."),
    )
    gemeente = forms.CharField(label=_("Gemeente"), max_length=200)
    verlenging = forms.BooleanField(label=_("Verlenging"), required=False)
    organisatie = forms.CharField(
        label=_("Organisatie"),
        max_length=200,
        help_text=_("De school, het samenwerkingsverband of de gemeente die het verzoek kreeg."),
    )
    verzoeker = forms.ChoiceField(
        label=_("Wie vraagt het?"), required=False, choices=FIELDS["verzoeker"].form_choices()
    )
    verzoek = forms.ChoiceField(label=_("Over welk verzoek?"), choices=FIELDS["verzoek"].form_choices())
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ouders en kind kunnen lezen wat je hier schrijft."),
    )
    violation_reason = forms.CharField(
        label=_("Waarom leg je dit toch vast?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Beschrijf wat er echt is gebeurd. De overtreding komt in de beoordeling van het dossier."
        ),
    )

    def __init__(
        self,
        *args: Any,
        event_type: str,
        schools: Iterable[SchoolLocation] = (),
        refused: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"] = {"type": event_type, "date": timezone.localdate(), **kwargs["initial"]}
        super().__init__(*args, **kwargs)
        self.event_type = event_type
        self.schools = {str(s.pk): s for s in schools}
        wanted = set(FIELDS_BY_TYPE.get(event_type, ()))
        if "school" in wanted:
            wanted |= {"school_location"}
        for name in list(self.fields):
            if name in ("type", "date", "note", "violation_reason"):
                continue
            if name not in wanted:
                del self.fields[name]
        if "school_location" in self.fields:
            field: Any = self.fields["school_location"]
            field.choices = [
                ("", _("— kies een school —")),
                *[(pk, s.organisation.name) for pk, s in self.schools.items()],
                (OTHER_SCHOOL, _("Een school die niet in de lijst staat")),
            ]
            field.error_messages["required"] = _("Kies de school.")
        row = spec(event_type)
        for name, own in row.choices.items():
            if name in self.fields:
                # this type's own values: a select (also for a field that is free text elsewhere)
                old = self.fields[name]
                self.fields[name] = forms.ChoiceField(
                    label=old.label,
                    choices=FIELDS[name].form_choices(own),
                    required=old.required,
                    help_text="" if name == "soort" else old.help_text,
                )
                style_widget(self.fields[name].widget)
        for name in row.required_form_fields & set(self.fields):
            self.fields[name].required = True
        for name, label in row.form_labels.items():
            if name in self.fields:
                self.fields[name].label = label
        for name, help_text in row.form_help.items():
            if name in self.fields:
                self.fields[name].help_text = help_text
        self.fields["type"].initial = event_type
        self.refused = refused
        if refused:
            # After a refusal the only way on is "record it anyway", which needs the reason.
            self.fields["violation_reason"].required = True
            self.fields["violation_reason"].error_messages["required"] = _(
                "Schrijf op waarom je dit toch vastlegt."
            )
        else:
            self.fields["violation_reason"].widget = forms.HiddenInput()
        # No `required` attribute (the browser would paint empty fields red before anyone typed);
        # assistive technology still hears which fields are needed.
        for field_obj in self.fields.values():
            if field_obj.required and not field_obj.widget.is_hidden:
                field_obj.widget.attrs["aria-required"] = "true"
        for name, message in EVENT_REQUIRED_MESSAGES.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("school_location") == OTHER_SCHOOL and not data.get("school", "").strip():
            self.add_error("school", _("Vul de naam van de school in."))
        return data

    def registered_school(self) -> SchoolLocation | None:
        """The school from the register, when one was chosen."""
        return self.schools.get(self.cleaned_data.get("school_location", ""))

    def contract_data(self) -> dict[str, Any]:
        """The contract's fields of this event (besides date and type)."""
        data: dict[str, Any] = {}
        cleaned = self.cleaned_data
        for name in FIELDS_BY_TYPE.get(self.event_type, ()):
            if name == "school":
                if cleaned.get("school_location") == OTHER_SCHOOL:
                    data["school"] = cleaned.get("school", "").strip()
                # else: record_event fills the name from the register's school
            elif name in ("instemming_handelingsdeel", "met_ouders", "met_leerling"):
                data[name] = cleaned.get(name) == "ja"
            elif name in ("extra_ondersteuning", "verlenging"):
                data[name] = bool(cleaned.get(name))
            else:
                value = cleaned.get(name)
                if value not in (None, ""):
                    data[name] = value
        return data


class DeleteEventForm(KringFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Waarom verwijder je deze gebeurtenis?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kring bewaart de reden bij de logregel. De ouders zien in hun logboek dat je iets verwijderde."
        ),
        error_messages={"required": _("Schrijf op waarom je deze gebeurtenis verwijdert.")},
    )


class BreakGlassForm(KringFormMixin, forms.Form):
    """Toegang in een noodgeval: parses only; `privacy.services.open_break_glass` decides."""

    bsn = forms.CharField(
        label=_("BSN van het kind"),
        max_length=20,
        help_text=_(
            "Kring zoekt het kind met een versleutelde code van het BSN. Het BSN komt niet in het logboek."
        ),
        error_messages={"required": _("Vul het BSN van het kind in.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    reason = forms.CharField(
        label=_("Waarom heb je het dossier nu nodig?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Schrijf het zo dat de ouders het begrijpen. Zij lezen deze reden in het logboek van hun kind. "
            "Zet er geen BSN in."
        ),
        error_messages={"required": _("Schrijf op waarom je het dossier nu nodig hebt.")},
    )
