"""The forms of the aanmelding register: they only parse. Field names are the services' input
names, so a refusal lands on the field it names (`kring.web.flow.run_service`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kring.children.models import Child
from kring.desk import spam
from kring.organisations.models import SchoolLocation, Vakantieregio
from kring.web.forms import KringFormMixin, date_widget

from .models import Conclusion, HeardHow, Outcome, ParentResponse, RefusalGround, StepKind

HONEYPOT = "website"
TOKEN_MESSAGES = {
    spam.TokenProblem.TOO_FAST: _(
        "Het formulier is erg snel verstuurd. Kijk de aanmelding nog even na en verstuur haar dan opnieuw."
    ),
    spam.TokenProblem.EXPIRED: _(
        "Het formulier stond langer dan een dag open. Wat je invulde staat er nog; verstuur het opnieuw."
    ),
    spam.TokenProblem.INVALID: _("Het formulier is niet goed aangekomen. Verstuur het opnieuw."),
}
HONEYPOT_MESSAGE = _(
    "Het formulier lijkt automatisch ingevuld. Laat het veld 'Laat dit veld leeg' leeg en verstuur opnieuw."
)
RATE_LIMIT_MESSAGE = _(
    "Vanaf dit internetadres zijn het afgelopen uur al veel formulieren gestuurd. Probeer het over een uur "
    "opnieuw, of neem contact op met de school."
)


class SchoolChoice(forms.ModelChoiceField[SchoolLocation]):
    def label_from_instance(self, obj: Any) -> str:
        place = f" ({obj.plaats})" if obj.plaats else ""
        return f"{obj.organisation.name}{place}"


class ChildChoice(forms.ModelChoiceField[Child]):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.first_name} {obj.last_name} ({obj.birth_date:%d-%m-%Y})"


STATUS_CHOICES = [
    ("open", _("Nog geen besluit")),
    ("te_verwerken", _("Van de ouders, nog in behandeling nemen")),
    ("besloten", _("Besloten")),
    ("alle", _("Alle aanmeldingen")),
]


class FilterForm(KringFormMixin, forms.Form):
    use_required_attribute = False

    q = forms.CharField(label=_("Zoek op naam of nummer"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Stand"), choices=STATUS_CHOICES, required=False, initial="open")
    school = SchoolChoice(label=_("School"), queryset=SchoolLocation.objects.none(), required=False)

    def __init__(self, *args: Any, schools: QuerySet[SchoolLocation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        self.fields["school"].empty_label = str(_("Alle scholen"))  # type: ignore[attr-defined]
        if schools.count() < 2:
            del self.fields["school"]


class NewChildMixin(forms.Form):
    """The child, when Kring does not know it yet: the fields of the children app's registration."""

    first_name = forms.CharField(label=_("Voornaam van het kind"), required=False, max_length=100)
    last_name = forms.CharField(label=_("Achternaam van het kind"), required=False, max_length=100)
    birth_date = forms.DateField(label=_("Geboortedatum"), required=False, widget=date_widget())
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=11,
        help_text=_("Kring bewaart het BSN versleuteld. Het komt nooit in een e-mail of brief."),
    )
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=7)
    vakantieregio = forms.ChoiceField(
        label=_("Vakantieregio"),
        choices=[("", _("— Kring leidt die af uit de school —")), *Vakantieregio.choices],
        required=False,
    )
    rep_name = forms.CharField(label=_("Naam van een ouder of verzorger"), required=False, max_length=200)
    rep_email = forms.EmailField(label=_("E-mailadres van die ouder"), required=False)

    def new_child(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not (data.get("first_name") or data.get("last_name") or data.get("birth_date")):
            return None
        reps = []
        if data.get("rep_name"):
            reps.append({"name": data["rep_name"], "relation": "ouder", "email": data.get("rep_email") or ""})
        return {
            "first_name": data.get("first_name") or "",
            "last_name": data.get("last_name") or "",
            "birth_date": data.get("birth_date"),
            "bsn": data.get("bsn") or None,
            "postcode": data.get("postcode") or "",
            "vakantieregio": data.get("vakantieregio") or "",
            "representatives": reps,
        }


class RegisterForm(KringFormMixin, NewChildMixin):
    use_required_attribute = False

    school = SchoolChoice(label=_("School"), queryset=SchoolLocation.objects.none(), empty_label=None)
    received_on = forms.DateField(
        label=_("Ontvangen op"),
        help_text=_(
            "De dag dat de school de schriftelijke aanmelding ontving. Vanaf die dag loopt de termijn."
        ),
        widget=date_widget(),
        required=True,
    )
    child = ChildChoice(
        label=_("Kind dat Kring al kent"),
        queryset=Child.objects.none(),
        required=False,
        empty_label=str(_("— een nieuw kind: vul hieronder in —")),
    )
    support_question = forms.BooleanField(
        label=_("De ouders vragen om extra ondersteuning"),
        required=False,
        help_text=_("Dan onderzoekt de school wat het kind nodig heeft (zorgplicht)."),
    )
    support_description = forms.CharField(
        label=_("Wat de ouders over de ondersteuning vertellen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    parent_email = forms.EmailField(
        label=_("E-mailadres voor de ontvangstbevestiging"),
        required=False,
        help_text=_("Leeg laten: Kring gebruikt het e-mailadres van de eerste ouder, als dat er is."),
    )

    field_order = [
        "school",
        "received_on",
        "child",
        "first_name",
        "last_name",
        "birth_date",
        "bsn",
        "postcode",
        "vakantieregio",
        "rep_name",
        "rep_email",
        "support_question",
        "support_description",
        "parent_email",
    ]

    def __init__(
        self, *args: Any, schools: QuerySet[SchoolLocation], children: QuerySet[Child], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        self.fields["child"].queryset = children  # type: ignore[attr-defined]


class TakeInForm(KringFormMixin, NewChildMixin):
    use_required_attribute = False

    child = ChildChoice(
        label=_("Kind dat Kring al kent"),
        queryset=Child.objects.none(),
        required=False,
        empty_label=str(_("— een nieuw kind: vul hieronder in —")),
    )
    field_order = [
        "child",
        "first_name",
        "last_name",
        "birth_date",
        "bsn",
        "postcode",
        "vakantieregio",
        "rep_name",
        "rep_email",
    ]

    def __init__(self, *args: Any, children: QuerySet[Child], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children  # type: ignore[attr-defined]


class ExtendForm(KringFormMixin, forms.Form):
    use_required_attribute = False

    extended_on = forms.DateField(
        label=_("De ouders gehoord op"),
        help_text=_("De dag dat de school de ouders liet weten dat zij meer tijd nodig heeft."),
        widget=date_widget(),
        required=True,
    )
    extension_reason = forms.CharField(
        label=_("Waarom de school meer tijd nodig heeft"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=True,
    )


class StepForm(KringFormMixin, forms.Form):
    use_required_attribute = False

    kind = forms.ChoiceField(
        label=_("Soort stap"), choices=StepKind.choices, widget=forms.RadioSelect, required=True
    )
    on = forms.DateField(label=_("Datum"), widget=date_widget(), required=True)
    description = forms.CharField(
        label=_("Wat er is gedaan en wat eruit kwam"), widget=forms.Textarea(attrs={"rows": 3}), required=True
    )


class ConclusionForm(KringFormMixin, forms.Form):
    use_required_attribute = False

    support_needed = forms.CharField(
        label=_("Wat het kind nodig heeft"), widget=forms.Textarea(attrs={"rows": 3}), required=True
    )
    conclusion = forms.ChoiceField(
        label=_("Conclusie"), choices=Conclusion.choices, widget=forms.RadioSelect, required=True
    )
    substantiation = forms.CharField(
        label=_("Onderbouwing"),
        help_text=_(
            "Wat heeft de school onderzocht, wat biedt zij wel, en waarom komt zij op deze conclusie?"
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=True,
    )
    concluded_on = forms.DateField(label=_("Datum"), widget=date_widget(), required=True)


class DecisionForm(KringFormMixin, forms.Form):
    use_required_attribute = False

    outcome = forms.ChoiceField(
        label=_("Besluit"), choices=Outcome.choices, widget=forms.RadioSelect, required=True
    )
    decided_on = forms.DateField(label=_("Besloten op"), widget=date_widget(), required=True)
    refusal_ground = forms.ChoiceField(
        label=_("Grond voor afwijzen"),
        choices=[("", _("— kies —")), *RefusalGround.choices],
        required=False,
        help_text=_(
            "Alleen bij 'Afgewezen'. Dit zijn de enige gronden waarop de school geen andere school hoeft te "
            "zoeken."
        ),
    )
    other_school = SchoolChoice(
        label=_("Andere school die het kind een plaats biedt"),
        queryset=SchoolLocation.objects.none(),
        required=False,
        help_text=_("Alleen bij 'Plaats op een andere school'."),
    )
    other_school_confirmed_on = forms.DateField(
        label=_("Die school bevestigde de plaats op"), widget=date_widget(), required=False
    )
    other_school_confirmed_by = forms.CharField(
        label=_("Wie van die school bevestigde de plaats"), max_length=200, required=False
    )
    reasons = forms.CharField(
        label=_("Uitleg aan de ouders"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args: Any, schools: QuerySet[SchoolLocation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other_school"].queryset = schools  # type: ignore[attr-defined]


class ResponseForm(KringFormMixin, forms.Form):
    use_required_attribute = False

    response = forms.ChoiceField(
        label=_("Reactie van de ouders"),
        choices=ParentResponse.choices,
        widget=forms.RadioSelect,
        required=True,
    )
    response_on = forms.DateField(label=_("Datum"), widget=date_widget(), required=True)
    note = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class PublicForm(KringFormMixin, forms.Form):
    """The parents' own aanmelding, without an account (plain Dutch, B1)."""

    use_required_attribute = False

    school = SchoolChoice(
        label=_("Bij welke school meld je je kind aan?"),
        queryset=SchoolLocation.objects.none(),
        required=True,
        empty_label=str(_("— kies de school —")),
    )
    child_first_name = forms.CharField(label=_("Voornaam van je kind"), max_length=100, required=True)
    child_last_name = forms.CharField(label=_("Achternaam van je kind"), max_length=100, required=True)
    child_birth_date = forms.DateField(
        label=_("Geboortedatum van je kind"), widget=date_widget(), required=True
    )
    parent_name = forms.CharField(label=_("Jouw naam"), max_length=200, required=True)
    parent_email = forms.EmailField(
        label=_("Jouw e-mailadres"),
        help_text=_("Hier sturen we de ontvangstbevestiging naartoe."),
        required=True,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    parent_phone = forms.CharField(label=_("Jouw telefoonnummer"), max_length=20, required=False)
    support_question = forms.BooleanField(
        label=_("Mijn kind heeft extra ondersteuning nodig"),
        required=False,
        help_text=_(
            "Bijvoorbeeld door een beperking, een ziekte of een stoornis. De school onderzoekt dan wat je "
            "kind nodig heeft."
        ),
    )
    support_description = forms.CharField(
        label=_("Wat heeft je kind nodig?"),
        help_text=_("Vertel het in je eigen woorden. Een BSN is niet nodig."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, schools: QuerySet[SchoolLocation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        self.fields[HONEYPOT].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get(HONEYPOT):
            raise forms.ValidationError(HONEYPOT_MESSAGE, code="honeypot")
        problem = spam.token_problem(str(data.get("started") or ""))
        if problem is not None:
            raise forms.ValidationError(TOKEN_MESSAGES[problem], code=problem)
        return data


# ---------------------------------------------------------------- schorsing and verwijdering (item 8)
# Dates the law asks for are not required here: the service refuses with the rule and its source.


class SuspensionForm(KringFormMixin, forms.Form):
    use_required_attribute = False

    school = SchoolChoice(label=_("School"), queryset=SchoolLocation.objects.none(), required=False)
    date_from = forms.DateField(label=_("Geschorst vanaf"), widget=date_widget(), required=False)
    date_to = forms.DateField(
        label=_("Geschorst tot en met"),
        widget=date_widget(),
        required=False,
        help_text=_("Een schorsing duurt hoogstens 1 week (7 dagen)."),
    )
    reason = forms.CharField(
        label=_("Reden van de schorsing"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("De ouders lezen dit in de schorsingsbrief. Schrijf wat er gebeurde, zonder oordeel."),
    )
    parents_heard_on = forms.DateField(label=_("Ouders gehoord op"), widget=date_widget(), required=False)
    parents_heard_how = forms.ChoiceField(
        label=_("Hoe de ouders zijn gehoord"),
        choices=[("", _("— kies —")), *HeardHow.choices],
        required=False,
    )
    inspectorate_reported_on = forms.DateField(
        label=_("Gemeld aan de inspectie op"),
        widget=date_widget(),
        required=False,
        help_text=_(
            "Nodig als de schorsing langer dan 1 dag duurt. Kring maakt de melding voor de inspectie; "
            "verstuur haar via het Internet Schooldossier en vul hier de dag in."
        ),
    )

    def __init__(self, *args: Any, schools: QuerySet[SchoolLocation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        if schools.count() < 2:
            del self.fields["school"]


class ReportForm(KringFormMixin, forms.Form):
    use_required_attribute = False

    reported_on = forms.DateField(label=_("Gemeld aan de inspectie op"), widget=date_widget(), required=False)


class GemeenteForm(KringFormMixin, forms.Form):
    use_required_attribute = False

    informed_on = forms.DateField(
        label=_("Gemeld aan de leerplichtambtenaar op"), widget=date_widget(), required=False
    )


class RemovalForm(KringFormMixin, forms.Form):
    use_required_attribute = False

    school = SchoolChoice(label=_("School"), queryset=SchoolLocation.objects.none(), required=False)
    decided_on = forms.DateField(label=_("Besloten op"), widget=date_widget(), required=False)
    effective_on = forms.DateField(
        label=_("De verwijdering gaat in op"),
        widget=date_widget(),
        required=False,
        help_text=_("Leeg laten als de verwijdering ingaat op de dag van het besluit."),
    )
    reason = forms.CharField(
        label=_("Reden van de verwijdering"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("De ouders lezen dit in het besluit."),
    )
    parents_heard_on = forms.DateField(
        label=_("Ouders gehoord op"),
        widget=date_widget(),
        required=False,
        help_text=_("De school hoort de ouders voordat het bestuur besluit."),
    )
    willing_school = SchoolChoice(
        label=_("School die het kind wil toelaten"),
        queryset=SchoolLocation.objects.none(),
        required=False,
        help_text=_(
            "Bij een leerplichtig kind moet een andere school eerst bevestigen dat zij het kind wil toelaten."
        ),
    )
    willing_school_name = forms.CharField(
        label=_("Of: naam van die school, als zij niet in de lijst staat"), max_length=200, required=False
    )
    willing_confirmed_on = forms.DateField(
        label=_("Die school bevestigde op"), widget=date_widget(), required=False
    )
    gemeente_informed_on = forms.DateField(
        label=_("Gemeld aan de leerplichtambtenaar op"),
        widget=date_widget(),
        required=False,
        help_text=_(
            "De school meldt de verwijdering meteen aan de gemeente. Kring maakt de melding voor je."
        ),
    )

    def __init__(
        self,
        *args: Any,
        schools: QuerySet[SchoolLocation],
        others: QuerySet[SchoolLocation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        self.fields["willing_school"].queryset = others  # type: ignore[attr-defined]
        if schools.count() < 2:
            del self.fields["school"]


class ChildPick(KringFormMixin, forms.Form):
    """Which child to record a suspension or removal for: one enrolled at the school."""

    use_required_attribute = False

    kind = ChildChoice(label=_("Kind"), queryset=Child.objects.none(), required=True)

    def __init__(self, *args: Any, children: QuerySet[Child], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = children  # type: ignore[attr-defined]
