"""Forms of the steunpunt worker's pages. They only parse what was typed; the services in
`kring.desk.services.questions` decide, and their refusals land on the field of the same name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kring.cases.forms_work import WorkForm, date_field, text_area
from kring.organisations.models import Samenwerkingsverband
from kring.web.forms import KringFormMixin

from .models import AgeGroup, Asker, Channel, QuestionCategory, QuestionStatus, SchoolType
from .selectors.questions import STATUS_ALL, CategoryGroup, category_groups

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _required_text(field: forms.CharField, message: StrOrPromise) -> forms.CharField:
    """A text the service also requires: the form says so (not "niet verplicht") in the service's words."""
    field.required = True
    field.error_messages["required"] = message
    return field


WORKER_CHANNELS = [(v, label) for v, label in Channel.choices if v != Channel.WEBFORMULIER]


class SwvChoiceField(forms.ModelChoiceField[Samenwerkingsverband]):
    def label_from_instance(self, obj: Samenwerkingsverband) -> str:
        return obj.organisation.name


class CategoriesField(forms.ModelMultipleChoiceField[QuestionCategory]):
    """The categories as checkboxes; the page draws them grouped by the tree (`groups`)."""

    widget = forms.CheckboxSelectMultiple


class CategoriesMixin:
    """Gives a form `category_groups`: per group of the tree, its heading and the bound checkboxes."""

    fields: dict[str, forms.Field]

    def setup_categories(self, include: list[int] | None = None) -> None:
        self._groups: list[CategoryGroup] = category_groups(include=include)
        ids = [c.pk for g in self._groups for c in g.options]
        self.fields["categories"].queryset = QuestionCategory.objects.filter(pk__in=ids)  # type: ignore[attr-defined]

    def category_groups(self) -> list[dict[str, Any]]:
        bound = self["categories"]  # type: ignore[index]
        chosen = {str(v) for v in (bound.value() or [])}
        return [
            {
                "heading": group.heading,
                "options": [
                    {"category": c, "id": f"{bound.auto_id}_{c.pk}", "checked": str(c.pk) in chosen}
                    for c in group.options
                ],
            }
            for group in self._groups
        ]


class QuestionForm(CategoriesMixin, WorkForm):
    """Registering a contact (phone, e-mail, walk-in)."""

    prefix = "vraag"

    channel = forms.ChoiceField(
        label=_("Hoe kwam de vraag binnen?"),
        choices=WORKER_CHANNELS,
        widget=forms.RadioSelect,
        initial=Channel.TELEFOON,
        error_messages={"required": _("Kies hoe de vraag binnenkwam.")},
    )
    received_on = date_field(_("Ontvangen op"))
    asker = forms.ChoiceField(label=_("Wie vraagt?"), choices=Asker.choices, initial=Asker.OUDER)
    question_text = _required_text(
        text_area(
            _("De vraag, in de woorden van de vrager"),
            rows=6,
            help_text=_("Schrijf op wat de vrager vertelt en vraagt. Dit blijft binnen het steunpunt."),
        ),
        _("Schrijf de vraag op, in de woorden van de vrager."),
    )
    categories = CategoriesField(
        label=_("Waar gaat de vraag over?"),
        queryset=QuestionCategory.objects.none(),
        required=False,
        help_text=_("Kies een of meer categorieën. De kortste termijn om te antwoorden telt."),
    )
    age_group = forms.ChoiceField(
        label=_("Leeftijd van het kind"), choices=AgeGroup.choices, initial=AgeGroup.ONBEKEND
    )
    school_type = forms.ChoiceField(
        label=_("Soort school"), choices=SchoolType.choices, initial=SchoolType.ONBEKEND
    )
    swv = SwvChoiceField(
        label=_("Samenwerkingsverband"),
        queryset=Samenwerkingsverband.objects.none(),
        required=False,
        empty_label=_("Onbekend"),
    )
    contact_name = forms.CharField(label=_("Naam"), max_length=200, required=False)
    contact_email = forms.CharField(label=_("E-mailadres"), max_length=254, required=False)
    contact_phone = forms.CharField(label=_("Telefoonnummer"), max_length=60, required=False)

    def __init__(self, *args: Any, swvs: QuerySet[Samenwerkingsverband], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["swv"].queryset = swvs.select_related("organisation")  # type: ignore[attr-defined]
        self.setup_categories()

    def about_fields(self) -> list[forms.BoundField]:
        return [self["asker"], self["age_group"], self["school_type"], self["swv"]]

    def contact_fields(self) -> list[forms.BoundField]:
        return [self["contact_name"], self["contact_email"], self["contact_phone"]]


class VersionedForm(WorkForm):
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AnswerForm(VersionedForm):
    prefix = "antwoord"

    answered_on = date_field(_("Beantwoord op"))
    answer_summary = _required_text(
        text_area(
            _("Wat heb je geantwoord?"), rows=4, help_text=_("Kort: wat heb je uitgelegd of afgesproken?")
        ),
        _("Schrijf kort op wat je hebt geantwoord."),
    )


class CloseForm(VersionedForm):
    prefix = "sluiten"

    closed_on = date_field(_("Afgesloten op"))


class CategoriesForm(CategoriesMixin, VersionedForm):
    prefix = "categorieen"

    categories = CategoriesField(
        label=_("Waar gaat de vraag over?"),
        queryset=QuestionCategory.objects.none(),
        required=False,
        help_text=_("Verander je de categorieën, dan rekent Kring de termijn opnieuw uit."),
    )

    def __init__(self, *args: Any, include: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_categories(include)


class AnonymiseForm(VersionedForm):
    prefix = "anoniem"

    anonymised_text = _required_text(
        text_area(
            _("De vraag zonder herkenbare gegevens"),
            rows=6,
            help_text=_(
                "Deze tekst kan in de signalenrapportage komen. Schrijf 'het kind', 'de ouder', 'de school' "
                "of 'de juf' in plaats van namen."
            ),
        ),
        _("Schrijf de vraag op zonder namen, contactgegevens of andere herkenbare gegevens."),
    )
    removed_names = forms.BooleanField(label=_("Ik heb alle namen weggehaald."), required=False)
    removed_contact = forms.BooleanField(
        label=_("Ik heb alle contactgegevens weggehaald (telefoon, e-mail, adres, postcode)."), required=False
    )
    nothing_recognisable = forms.BooleanField(
        label=_("Er staat niets meer in waaraan je de school of het kind herkent."), required=False
    )

    def checklist_done(self) -> bool:
        data = self.cleaned_data
        return bool(
            data.get("removed_names") and data.get("removed_contact") and data.get("nothing_recognisable")
        )

    def checklist_fields(self) -> list[forms.BoundField]:
        return [self["removed_names"], self["removed_contact"], self["nothing_recognisable"]]


class ActionForm(VersionedForm):
    """A button without fields (take on, reopen, quote): only the version the page showed."""


class QueueFilterForm(KringFormMixin, forms.Form):
    use_required_attribute = False

    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        help_text=_("Een referentie (SP-…) of woorden uit de vraag."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Nog niet afgesloten")), *QuestionStatus.choices, (STATUS_ALL, _("Alle vragen"))],
    )
    category = forms.ModelChoiceField(
        label=_("Categorie"),
        required=False,
        queryset=QuestionCategory.objects.filter(active=True).order_by("position", "name"),
        empty_label=_("Alle categorieën"),
    )
    channel = forms.ChoiceField(
        label=_("Binnengekomen via"), required=False, choices=[("", _("Alle")), *Channel.choices]
    )
    mine = forms.BooleanField(label=_("Alleen vragen die ik behandel"), required=False)
    overdue = forms.BooleanField(label=_("Alleen vragen die te laat zijn"), required=False)
