"""The OPP's forms. They only parse: the services refuse what the law does not allow, with the rule
and its source, on the field by the service's own input name (`actions[0].payer`, ...). The fields
the law asks for are not `required` here (the service says why they are needed); the pages mark the
fields that may stay empty (`optional_fields`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kring.children.models import Child, LegalRepresentative
from kring.organisations.models import SchoolLocation
from kring.web.forms import KringFormMixin, date_widget

from .models import ChildInput, Decision, Execution, OppVersion, Payer
from .services import ActionSpec

ACTION_ROWS = 5  # the page offers five lines of the handelingsdeel; empty ones are left out
_KIES = [("", _("— kies —"))]


def action_field(index: int, name: str) -> str:
    """A line of the handelingsdeel by the name the service uses: `actions[0].what`."""
    return f"actions[{index}].{name}"


def _text(label: Any, *, rows: int = 3, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=False, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
    )


class VersionForm(KringFormMixin, forms.Form):
    school = forms.ModelChoiceField(
        label=_("School"), required=False, queryset=SchoolLocation.objects.none(), empty_label=_("— kies —")
    )
    vastgesteld_on = forms.DateField(label=_("Vastgesteld op"), required=False, widget=date_widget())
    change_reason = _text(
        _("Wat is er veranderd ten opzichte van de vorige versie?"),
        help_text=_("De vorige versie blijft bewaard. De ouders stemmen opnieuw in met deze versie."),
    )
    needs = _text(
        _("Wat heeft het kind nodig?"),
        rows=4,
        help_text=_("De onderwijsbehoeften: wat helpt het kind om te leren en zich te ontwikkelen."),
    )
    uitstroomperspectief = forms.CharField(
        label=_("Uitstroomperspectief"),
        required=False,
        max_length=200,
        help_text=_("Waar gaat het kind naartoe na deze school? Bijvoorbeeld: vmbo kaderberoepsgericht."),
    )
    onderbouwing = _text(
        _("Onderbouwing van het uitstroomperspectief"),
        rows=4,
        help_text=_("Welke factoren helpen het kind en welke belemmeren het?"),
    )
    goals = _text(_("Doelen"), rows=4)
    child_words = _text(
        _("Wat zegt het kind zelf?"),
        rows=4,
        help_text=_(
            "Schrijf het op in de woorden van het kind. Het kind heeft het recht om gehoord te worden."
        ),
    )
    child_input = forms.ChoiceField(
        label=_("Is het plan veranderd door wat het kind zei?"),
        required=False,
        choices=ChildInput.choices,
        widget=forms.RadioSelect,
    )
    child_effect = _text(_("Hoe is het plan veranderd?"))
    child_not_heard_reason = _text(
        _("Kon het kind niet gehoord worden? Schrijf op waarom niet."),
        help_text=_("Alleen invullen als je hierboven niets van het kind hebt opgeschreven."),
    )
    optional_fields = frozenset({"child_effect", "child_not_heard_reason", "child_input"})

    def __init__(
        self,
        *args: Any,
        schools: QuerySet[SchoolLocation],
        previous: OppVersion | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        school_field = self.fields["school"]
        assert isinstance(school_field, forms.ModelChoiceField)
        school_field.queryset = schools
        if previous is None:
            del self.fields["change_reason"]
        optional = set(self.optional_fields)
        for i in range(ACTION_ROWS):
            self.fields[action_field(i, "what")] = forms.CharField(
                label=_("Wat gebeurt er?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[action_field(i, "who")] = forms.CharField(
                label=_("Wie doet het?"), required=False, max_length=200
            )
            self.fields[action_field(i, "how_often")] = forms.CharField(
                label=_("Hoe vaak?"), required=False, max_length=200
            )
            self.fields[action_field(i, "payer")] = forms.ChoiceField(
                label=_("Wie betaalt het?"), required=False, choices=[*_KIES, *Payer.choices]
            )
            if i > 0:
                optional.update(action_field(i, name) for name in ("what", "who", "how_often", "payer"))
        self.optional_fields = frozenset(optional)
        for field in self.fields.values():
            from kring.web.forms import style_widget

            style_widget(field.widget)

    def action_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[action_field(i, name)] for name in ("what", "who", "how_often", "payer")]
            for i in range(ACTION_ROWS)
        ]

    def main_fields(self) -> list[forms.BoundField]:
        names = [
            "school",
            "vastgesteld_on",
            "change_reason",
            "needs",
            "uitstroomperspectief",
            "onderbouwing",
            "goals",
        ]
        return [self[n] for n in names if n in self.fields]

    def child_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in ("child_words", "child_input", "child_effect", "child_not_heard_reason")]

    def actions(self) -> list[ActionSpec]:
        data = self.cleaned_data
        return [
            ActionSpec(
                what=data.get(action_field(i, "what"), ""),
                who=data.get(action_field(i, "who"), ""),
                how_often=data.get(action_field(i, "how_often"), ""),
                payer=data.get(action_field(i, "payer"), ""),
            )
            for i in range(ACTION_ROWS)
        ]

    @staticmethod
    def initial_from(version: OppVersion) -> dict[str, Any]:
        """A new version starts from the one that holds now."""
        initial: dict[str, Any] = {
            "school": version.opp.school_id,
            "needs": version.needs,
            "uitstroomperspectief": version.uitstroomperspectief,
            "onderbouwing": version.onderbouwing,
            "goals": version.goals,
        }
        for i, action in enumerate(list(version.actions.all())[:ACTION_ROWS]):
            initial[action_field(i, "what")] = action.what
            initial[action_field(i, "who")] = action.who
            initial[action_field(i, "how_often")] = action.how_often
            initial[action_field(i, "payer")] = action.payer
        return initial


class ConsentForm(KringFormMixin, forms.Form):
    """The parent's own decision in Kring (dated today)."""

    decision = forms.ChoiceField(
        label=_("Wat is je besluit over het handelingsdeel?"),
        required=False,
        choices=Decision.choices,
        widget=forms.RadioSelect,
    )
    note = _text(
        _("Toelichting"),
        help_text=_("Stem je niet in? Schrijf dan op waarom. Dan weet de school wat er anders moet."),
    )
    optional_fields = frozenset({"note"})


class PaperConsentForm(KringFormMixin, forms.Form):
    """A signed form the school received: which parent, what, on which date."""

    representative = forms.ModelChoiceField(
        label=_("Welke ouder heeft het formulier getekend?"),
        required=False,
        queryset=LegalRepresentative.objects.none(),
        empty_label=_("— kies —"),
    )
    decision = forms.ChoiceField(
        label=_("Besluit op het formulier"),
        required=False,
        choices=Decision.choices,
        widget=forms.RadioSelect,
    )
    given_on = forms.DateField(label=_("Datum op het formulier"), required=False, widget=date_widget())
    note = _text(_("Toelichting"), help_text=_("Bij bezwaar: de reden die de ouder opschreef."))
    optional_fields = frozenset({"note"})

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["representative"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = LegalRepresentative.objects.filter(child=child).order_by("pk")


class EvaluationForm(KringFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Datum van de evaluatie"), required=False, widget=date_widget())
    with_parents = forms.BooleanField(label=_("De ouders waren erbij"), required=False)
    with_child = forms.BooleanField(label=_("De leerling was erbij"), required=False)
    carried_out = forms.ChoiceField(
        label=_("Is het handelingsdeel uitgevoerd?"),
        required=False,
        choices=Execution.choices,
        widget=forms.RadioSelect,
    )
    done = _text(_("Wat is er gedaan van het handelingsdeel?"), rows=4)
    worked = _text(_("Wat werkte en wat niet?"), rows=4)
    child_words = _text(_("Wat zei de leerling zelf?"), help_text=_("In de woorden van de leerling."))
    child_absent_reason = _text(_("Was de leerling er niet bij? Schrijf op waarom niet."))
    optional_fields = frozenset({"with_parents", "with_child", "child_words", "child_absent_reason"})


class HandelingsverlegenForm(KringFormMixin, forms.Form):
    school = forms.ModelChoiceField(
        label=_("School"), required=False, queryset=SchoolLocation.objects.none(), empty_label=_("— kies —")
    )
    declared_on = forms.DateField(label=_("Datum"), required=False, widget=date_widget())
    unmet_needs = _text(_("Wat heeft het kind nodig dat de school niet kan bieden?"), rows=4)
    opp_explanation = _text(
        _("Toelichting bij het OPP"),
        rows=3,
        help_text=_("Is het OPP niet opgesteld, uitgevoerd of geëvalueerd? Leg dan uit waarom niet."),
    )
    parents_involved = _text(_("Hoe waren de ouders erbij betrokken? Wat vinden zij ervan?"))
    child_involved = _text(_("Hoe was het kind erbij betrokken? Wat zegt het kind zelf?"))
    school_development = _text(
        _("Wat heeft de school nodig om het wel te kunnen?"),
        rows=4,
        help_text=_("Een ontwikkelplan voor de school: kennis, mensen, middelen, hulp van buiten."),
    )
    swv_offered = _text(_("Wat heeft het samenwerkingsverband aangeboden?"))
    next_step = _text(_("Wat is de volgende stap, zodat het kind weer onderwijs krijgt?"))
    next_step_who = forms.CharField(label=_("Wie zet die stap?"), required=False, max_length=200)
    next_step_by = forms.DateField(label=_("Uiterlijk op"), required=False, widget=date_widget())
    optional_fields = frozenset({"opp_explanation"})

    def __init__(self, *args: Any, schools: QuerySet[SchoolLocation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["school"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = schools
