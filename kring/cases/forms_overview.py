"""Forms of the overview pages: the case list's filters, a new child, opening a case, a status
change, a timeline event and removing one.

Forms only parse and keep what was typed; the services decide (and give the Dutch messages for
what only they can judge). `apply_service_errors` puts a service's ValidationError on the fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from kring.accounts.models import User
from kring.children.models import EventType
from kring.organisations.models import Gemeente, SchoolLocation, Vakantieregio
from kring.web.forms import KringFormMixin

from .models import CaseStatus, SignalKind
from .selectors import THUISZITTER_FILTERS

YES_NO = [("", "— kies —"), ("ja", "ja"), ("nee", "nee")]


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def apply_service_errors(
    form: forms.Form, error: ValidationError, *, rename: Mapping[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form: per field where the form has that field
    (after `rename`), else at the top of the form."""
    rename = rename or {}
    if hasattr(error, "error_dict"):
        for key, errors in error.error_dict.items():
            field = rename.get(key, key)
            messages = [m for e in errors for m in e.messages]
            if field in form.fields and field != NON_FIELD_ERRORS:
                for message in messages:
                    form.add_error(field, message)
            else:
                for message in messages:
                    form.add_error(None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


# ---------------------------------------------------------------- the case list


THUISZITTER_LABELS: Mapping[str, str] = {
    "absoluut_verzuim": "Absoluut verzuim (op geen school ingeschreven)",
    "langdurig_relatief_verzuim": "Langdurig relatief verzuim (ingeschreven, niet op school)",
    "verborgen": "Verborgen thuiszitter (vrijstelling 5a of langdurig ziek)",
}

STATUS_OPEN = ""  # the default: every open case
STATUS_ALL = "alle"


class CaseFilterForm(KringFormMixin, forms.Form):
    """The filters of the case list (a GET form: a filtered list has its own address)."""

    q = forms.CharField(
        label="Zoek op naam of BSN",
        required=False,
        max_length=100,
        help_text="Een BSN wordt versleuteld opgezocht en nooit getoond.",
    )
    status = forms.ChoiceField(
        label="Fase",
        required=False,
        choices=[
            (STATUS_OPEN, "Alle open casussen"),
            *[(s.value, str(s.label)) for s in CaseStatus],
            (STATUS_ALL, "Alle casussen, ook afgesloten"),
        ],
    )
    thuiszitter = forms.ChoiceField(
        label="Thuiszitter",
        required=False,
        choices=[("", "Alle kinderen"), *[(k, THUISZITTER_LABELS[k]) for k in THUISZITTER_FILTERS]],
    )
    overdue = forms.ChoiceField(
        label="Termijnen",
        required=False,
        choices=[("", "Alle"), ("ja", "Met een verstreken termijn"), ("nee", "Zonder verstreken termijn")],
    )
    escalated = forms.ChoiceField(
        label="Escalatie",
        required=False,
        choices=[("", "Alle"), ("ja", "Geëscaleerd"), ("nee", "Niet geëscaleerd")],
    )
    school = forms.ModelChoiceField(
        label="School", required=False, queryset=SchoolLocation.objects.none(), empty_label="Alle scholen"
    )
    gemeente = forms.ModelChoiceField(
        label="Woongemeente", required=False, queryset=Gemeente.objects.none(), empty_label="Alle gemeenten"
    )
    regievoerder = forms.ModelChoiceField(
        label="Regievoerder", required=False, queryset=User.objects.none(), empty_label="Iedereen"
    )

    def __init__(
        self,
        *args: Any,
        schools: QuerySet[SchoolLocation],
        gemeenten: QuerySet[Gemeente],
        regievoerders: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        school_field: Any = self.fields["school"]
        school_field.queryset = schools
        school_field.label_from_instance = lambda s: s.organisation.name
        gemeente_field: Any = self.fields["gemeente"]
        gemeente_field.queryset = gemeenten
        regie_field: Any = self.fields["regievoerder"]
        regie_field.queryset = regievoerders
        regie_field.label_from_instance = lambda u: u.display_name

    def selector_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of `selectors.case_list` for the valid filters."""
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status", STATUS_OPEN)
        yes_no = {"ja": True, "nee": False}
        return {
            "status": status if status not in (STATUS_OPEN, STATUS_ALL) else "",
            "open_only": status == STATUS_OPEN,
            "thuiszitter": data.get("thuiszitter", ""),
            "overdue": yes_no.get(data.get("overdue", "")),
            "escalated": yes_no.get(data.get("escalated", "")),
            "school": data.get("school"),
            "gemeente": data.get("gemeente"),
            "regievoerder": data.get("regievoerder"),
            "query": data.get("q", ""),
        }


# ---------------------------------------------------------------- a new child


SECTOR_CHOICES = [
    ("po", "Basisonderwijs (po)"),
    ("sbo", "Speciaal basisonderwijs (sbo)"),
    ("so", "Speciaal onderwijs (so)"),
    ("vso", "Voortgezet speciaal onderwijs (vso)"),
    ("vo", "Voortgezet onderwijs (vo)"),
    ("pro", "Praktijkonderwijs (pro)"),
]


class ChildForm(KringFormMixin, forms.Form):
    first_name = forms.CharField(label="Voornaam", max_length=100)
    last_name = forms.CharField(label="Achternaam", max_length=100)
    birth_date = forms.DateField(label="Geboortedatum", widget=_date_widget())
    bsn = forms.CharField(
        label="BSN",
        required=False,
        max_length=20,
        help_text="9 cijfers. Wordt versleuteld bewaard en alleen gebruikt om het kind terug te vinden.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=7,
        help_text="Bijvoorbeeld 3511 AB. Hiermee vindt Kring de gemeente en het samenwerkingsverband.",
    )
    gemeente = forms.ModelChoiceField(
        label="Woongemeente",
        required=False,
        queryset=Gemeente.objects.order_by("name"),
        empty_label="Afleiden uit de postcode",
    )
    vakantieregio = forms.ChoiceField(
        label="Vakantieregio",
        required=False,
        choices=[("", "Afleiden uit de school of de gemeente"), *Vakantieregio.choices],
        help_text="Bepaalt welke dagen schooldagen zijn voor de termijnen.",
    )
    school = forms.ModelChoiceField(
        label="Ingeschreven op",
        required=False,
        queryset=SchoolLocation.objects.none(),
        empty_label="— kies een school —",
    )
    enrolled_on = forms.DateField(label="Ingeschreven sinds", required=False, widget=_date_widget())
    sector = forms.ChoiceField(
        label="Soort onderwijs",
        required=False,
        choices=[("", "Zoals de school (uit het register)"), *SECTOR_CHOICES],
    )
    rep1_name = forms.CharField(label="Naam", max_length=200)
    rep1_relation = forms.CharField(label="Relatie tot het kind", max_length=60, initial="moeder")
    rep1_email = forms.EmailField(label="E-mailadres", required=False)
    rep1_phone = forms.CharField(label="Telefoon", required=False, max_length=40)
    rep2_name = forms.CharField(label="Naam", required=False, max_length=200)
    rep2_relation = forms.CharField(label="Relatie tot het kind", required=False, max_length=60)
    rep2_email = forms.EmailField(label="E-mailadres", required=False)
    rep2_phone = forms.CharField(label="Telefoon", required=False, max_length=40)

    error_messages_nl = {
        "first_name": "Vul de voornaam in.",
        "last_name": "Vul de achternaam in.",
        "birth_date": "Vul de geboortedatum in.",
        "rep1_name": "Vul de naam van een ouder of wettelijk vertegenwoordiger in.",
    }

    def __init__(self, *args: Any, schools: QuerySet[SchoolLocation] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, message in self.error_messages_nl.items():
            self.fields[name].error_messages["required"] = message
        self.fields["birth_date"].error_messages["invalid"] = (
            "Vul een geldige datum in, bijvoorbeeld 2015-05-02."
        )
        for name in ("rep1_email", "rep2_email"):
            self.fields[name].error_messages["invalid"] = (
                "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
            )
        self.with_school = schools is not None
        if schools is not None:
            school_field: Any = self.fields["school"]
            school_field.queryset = schools
            school_field.required = True
            school_field.error_messages["required"] = "Kies de school waar het kind staat ingeschreven."
            school_field.label_from_instance = lambda s: (
                f"{s.organisation.name} ({s.plaats or s.vestigingscode})"
            )
            self.fields["enrolled_on"].required = True
            self.fields["enrolled_on"].error_messages["required"] = (
                "Vul in sinds wanneer het kind op school staat ingeschreven."
            )
        else:
            for name in ("school", "enrolled_on", "sector"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("rep2_name", "") == "" and any(
            data.get(f"rep2_{f}") for f in ("relation", "email", "phone")
        ):
            self.add_error(
                "rep2_name",
                "Vul de naam van de tweede ouder of vertegenwoordiger in, of laat het hele blok leeg.",
            )
        return data

    def representatives(self) -> list[dict[str, str]]:
        reps = []
        for prefix in ("rep1_", "rep2_"):
            name = self.cleaned_data.get(f"{prefix}name", "")
            if name:
                reps.append(
                    {
                        "name": name,
                        "relation": self.cleaned_data.get(f"{prefix}relation", "") or "ouder",
                        "email": self.cleaned_data.get(f"{prefix}email", ""),
                        "phone": self.cleaned_data.get(f"{prefix}phone", ""),
                    }
                )
        return reps

    # The service names representatives' fields `representatives[0].name`; the form `rep1_name`.
    SERVICE_FIELD_NAMES: Mapping[str, str] = {
        f"representatives[{i}].{f}": f"rep{i + 1}_{f}"
        for i in (0, 1)
        for f in ("name", "relation", "email", "phone")
    }


# ---------------------------------------------------------------- opening a case


class OpenCaseForm(KringFormMixin, forms.Form):
    signal_kind = forms.ChoiceField(
        label="Soort signaal",
        choices=[("", "— kies —"), *SignalKind.choices],
        error_messages={"required": "Kies wat voor signaal het is."},
    )
    signal_description = forms.CharField(
        label="Wat is er aan de hand?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Schrijf het zo op dat ouders en kind het kunnen lezen: zij zien alles wat hier staat.",
        error_messages={"required": "Beschrijf kort wat er aan de hand is."},
    )
    opened_on = forms.DateField(
        label="Datum van het signaal",
        widget=_date_widget(),
        error_messages={"required": "Vul de datum in.", "invalid": "Vul een geldige datum in."},
    )


# ---------------------------------------------------------------- status change


class TransitionForm(KringFormMixin, forms.Form):
    to_status = forms.ChoiceField(label="Naar fase", choices=[])
    reason = forms.CharField(
        label="Reden",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Schrijf op waarom de casus naar een andere fase gaat."},
    )
    on = forms.DateField(
        label="Datum",
        widget=_date_widget(),
        error_messages={"required": "Vul de datum in.", "invalid": "Vul een geldige datum in."},
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, targets: Iterable[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["to_status"]
        field.choices = [(t, str(CaseStatus(t).label)) for t in targets]


# ---------------------------------------------------------------- timeline events


# Per event type: the form fields besides date and note (SCENARIOS.md, the input table).
# `school` stands for the pair school_location (register) + school_name (free text).
FIELDS_BY_TYPE: Mapping[str, tuple[str, ...]] = {
    "aanmelding": ("school",),
    "aanmelding_verlenging": ("school",),
    "aanmelding_besluit": ("school", "outcome"),
    "inschrijving": ("school", "sector", "extra_ondersteuning"),
    "uitschrijving": ("school", "grond"),
    "afwezig": ("reden", "to", "hours_per_day"),
    "verzuimmelding": (),
    "schorsing": ("school", "to"),
    "schorsing_gemeld_inspectie": ("school",),
    "verwijdering": ("school",),
    "andere_school_bereid": ("school",),
    "vrijstelling": ("artikel", "to"),
    "opp_vastgesteld": ("instemming_handelingsdeel",),
    "opp_instemming": (),
    "opp_evaluatie": ("met_ouders", "met_leerling"),
    "regievoerder_aangewezen": ("naam",),
    "ontwikkelperspectief_vastgesteld": (),
    "route_vastgesteld": ("route_soort",),
    "evaluatiefrequentie_vastgesteld": ("weken",),
}

# One sentence per type under the form: what the event means (from the contract).
TYPE_HELP: Mapping[str, str] = {
    "aanmelding": "De school heeft een schriftelijke aanmelding ontvangen. Hiermee begint de zorgplicht.",
    "aanmelding_verlenging": (
        "De school heeft de ouders laten weten dat zij de extra 4 weken nodig heeft (één keer)."
    ),
    "aanmelding_besluit": "De school heeft besloten over de aanmelding.",
    "inschrijving": "Het kind staat vanaf deze datum ingeschreven op de school.",
    "uitschrijving": "Het kind is vanaf deze datum uitgeschreven.",
    "afwezig": (
        "Het kind is afwezig op elke schooldag vanaf deze datum (tot en met de einddatum, of nog steeds)."
    ),
    "verzuimmelding": "De school heeft het ongeoorloofd verzuim gemeld bij DUO.",
    "schorsing": "Het kind is geschorst van deze datum tot en met de einddatum.",
    "schorsing_gemeld_inspectie": "De inspectie is schriftelijk over de schorsing geïnformeerd.",
    "verwijdering": "Het besluit van de school om het kind te verwijderen gaat in op deze datum.",
    "andere_school_bereid": "Een andere school heeft verklaard het kind te willen toelaten.",
    "vrijstelling": "Het kind heeft vanaf deze datum een vrijstelling van de leerplicht.",
    "opp_vastgesteld": "Het ontwikkelingsperspectiefplan (OPP) is opgesteld.",
    "opp_instemming": "De ouders hebben later ingestemd met het handelingsdeel van het OPP.",
    "opp_evaluatie": "Het OPP is geëvalueerd.",
    "regievoerder_aangewezen": "Eén persoon voert vanaf nu de regie.",
    "ontwikkelperspectief_vastgesteld": "Het ontwikkelperspectief is samen met ouders en kind vastgesteld.",
    "route_vastgesteld": "Er is een concrete onderwijs- of ontwikkelroute afgesproken.",
    "evaluatiefrequentie_vastgesteld": "Er is een vast ritme afgesproken om met ouders en kind te evalueren.",
}

OTHER_SCHOOL = "anders"

REDEN_CHOICES = [
    ("", "— kies —"),
    ("ongeoorloofd", "Ongeoorloofd (spijbelen, thuisgehouden zonder toestemming)"),
    ("ziek", "Ziek"),
    ("geoorloofd", "Geoorloofd (met toestemming)"),
]
GROND_CHOICES = [
    ("", "— kies —"),
    ("inschrijving_elders", "Ingeschreven op een andere school"),
    ("vrijstelling", "Vrijstelling van de leerplicht"),
    ("overig", "Anders"),
]
OUTCOME_CHOICES = [("", "— kies —"), ("toegelaten", "Toegelaten"), ("afgewezen", "Afgewezen")]
ARTIKEL_CHOICES = [
    ("", "— kies —"),
    ("5a", "5a: lichamelijk of psychisch niet geschikt"),
    ("5b", "5b: bezwaar tegen de richting van alle scholen in de buurt"),
    ("5c", "5c: ingeschreven op een school in het buitenland"),
    ("15", "15: vervangende leerplicht"),
]


EVENT_REQUIRED_MESSAGES: Mapping[str, str] = {
    "type": "Kies een soort gebeurtenis uit de lijst.",
    "sector": "Kies de soort onderwijs.",
    "outcome": "Kies het besluit.",
    "grond": "Kies de reden van uitschrijving.",
    "reden": "Kies de reden van afwezigheid.",
    "to": "Vul de einddatum in.",
    "artikel": "Kies het artikel van de vrijstelling.",
    "instemming_handelingsdeel": "Kies ja of nee.",
    "met_ouders": "Kies ja of nee.",
    "met_leerling": "Kies ja of nee.",
    "naam": "Vul de naam van de regievoerder in.",
    "route_soort": "Vul de soort route in.",
    "weken": "Vul het aantal weken in.",
}


class EventForm(KringFormMixin, forms.Form):
    """One timeline event of a chosen type: date, the type's fields, a note and, after a refusal,
    the reason to record it anyway as a violation."""

    use_required_attribute = False

    type = forms.ChoiceField(choices=EventType.choices, widget=forms.HiddenInput)
    date = forms.DateField(
        label="Datum",
        widget=_date_widget(),
        error_messages={"required": "Vul de datum in.", "invalid": "Vul een geldige datum in."},
    )
    school_location = forms.ChoiceField(label="School", choices=[])
    school_name = forms.CharField(
        label="Naam van de school als die niet in de lijst staat", required=False, max_length=200
    )
    sector = forms.ChoiceField(label="Soort onderwijs", choices=[("", "— kies —"), *SECTOR_CHOICES])
    extra_ondersteuning = forms.BooleanField(label="Met extra ondersteuning", required=False)
    outcome = forms.ChoiceField(label="Besluit", choices=OUTCOME_CHOICES)
    grond = forms.ChoiceField(label="Reden van uitschrijving", choices=GROND_CHOICES)
    reden = forms.ChoiceField(label="Reden van afwezigheid", choices=REDEN_CHOICES)
    to = forms.DateField(
        label="Tot en met",
        required=False,
        widget=_date_widget(),
        error_messages={"invalid": "Vul een geldige datum in."},
    )
    hours_per_day = forms.DecimalField(
        label="Uren per dag",
        required=False,
        min_value=0,
        max_value=24,
        decimal_places=1,
        help_text="Leeg laten als het kind hele dagen (5 uur) afwezig is.",
    )
    artikel = forms.ChoiceField(label="Artikel van de Leerplichtwet", choices=ARTIKEL_CHOICES)
    instemming_handelingsdeel = forms.ChoiceField(
        label="Hebben de ouders ingestemd met het handelingsdeel?", choices=YES_NO
    )
    met_ouders = forms.ChoiceField(label="Geëvalueerd met de ouders?", choices=YES_NO)
    met_leerling = forms.ChoiceField(label="Is de leerling gehoord?", choices=YES_NO)
    naam = forms.CharField(label="Naam van de regievoerder", max_length=200)
    route_soort = forms.CharField(
        label="Soort route",
        max_length=100,
        help_text="Bijvoorbeeld hybride, afstandsonderwijs, zorg-onderwijs.",
    )
    weken = forms.IntegerField(label="Evalueren om de hoeveel weken", min_value=1, max_value=52)
    note = forms.CharField(
        label="Toelichting",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ouders en kind kunnen lezen wat u hier schrijft.",
    )
    violation_reason = forms.CharField(
        label="Waarom legt u dit toch vast?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Beschrijf wat er echt is gebeurd. De overtreding komt in de beoordeling van het dossier.",
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
            wanted |= {"school_location", "school_name"}
        for name in list(self.fields):
            if name in ("type", "date", "note", "violation_reason"):
                continue
            if name not in wanted:
                del self.fields[name]
        if "school_location" in self.fields:
            field: Any = self.fields["school_location"]
            field.choices = [
                ("", "— kies een school —"),
                *[(pk, s.organisation.name) for pk, s in self.schools.items()],
                (OTHER_SCHOOL, "Een school die niet in de lijst staat"),
            ]
            field.error_messages["required"] = "Kies de school."
        if "to" in self.fields and event_type == "schorsing":
            self.fields["to"].required = True
            self.fields["to"].label = "Geschorst tot en met"
        if "to" in self.fields and event_type == "afwezig":
            self.fields["to"].help_text = "Leeg laten als het kind nog steeds afwezig is."
        if "to" in self.fields and event_type == "vrijstelling":
            self.fields["to"].help_text = "Leeg laten als de vrijstelling geen einddatum heeft."
        self.fields["type"].initial = event_type
        self.refused = refused
        if refused:
            # After a refusal the only way on is "record it anyway", which needs the reason.
            self.fields["violation_reason"].required = True
            self.fields["violation_reason"].error_messages["required"] = (
                "Schrijf op waarom u dit toch vastlegt."
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
        if data.get("school_location") == OTHER_SCHOOL and not data.get("school_name", "").strip():
            self.add_error("school_name", "Vul de naam van de school in.")
        return data

    def school(self) -> SchoolLocation | None:
        """The school from the register, when one was chosen."""
        return self.schools.get(self.cleaned_data.get("school_location", ""))

    def contract_data(self) -> dict[str, Any]:
        """The contract's fields of this event (besides date and type)."""
        data: dict[str, Any] = {}
        cleaned = self.cleaned_data
        for name in FIELDS_BY_TYPE.get(self.event_type, ()):
            if name == "school":
                if cleaned.get("school_location") == OTHER_SCHOOL:
                    data["school"] = cleaned.get("school_name", "").strip()
                # else: record_event fills the name from the register's school
            elif name == "route_soort":
                data["soort"] = cleaned.get("route_soort", "")
            elif name in ("instemming_handelingsdeel", "met_ouders", "met_leerling"):
                data[name] = cleaned.get(name) == "ja"
            elif name == "extra_ondersteuning":
                data[name] = bool(cleaned.get(name))
            else:
                value = cleaned.get(name)
                if value not in (None, ""):
                    data[name] = value
        return data

    # The service reports errors under the contract's names.
    SERVICE_FIELD_NAMES: Mapping[str, str] = {"soort": "route_soort", "school": "school_name"}


class DeleteEventForm(KringFormMixin, forms.Form):
    reason = forms.CharField(
        label="Waarom verwijdert u deze gebeurtenis?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="De reden komt in het logboek, dat ook de ouders kunnen zien.",
        error_messages={"required": "Schrijf op waarom u deze gebeurtenis verwijdert."},
    )
