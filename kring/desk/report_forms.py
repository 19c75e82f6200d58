"""Forms of the signals report (its period and samenwerkingsverband) and of the policy signals.

The forms only parse what was typed; the services decide (their refusals land on the field with the
same name: `title`, `body`, `categories`, `response`, `what_changed`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kring.cases.forms_work import WorkForm, date_field, text_area
from kring.organisations.models import Organisation, Samenwerkingsverband

from .models import PolicySignal, QuestionCategory
from .periods import Period, last_complete_quarter, parse_quarter, quarter_code, recent_quarters

MAX_DAYS = 2 * 366
OWN_DATES = "eigen"


class SwvChoiceField(forms.ModelChoiceField[Samenwerkingsverband]):
    def label_from_instance(self, obj: Samenwerkingsverband) -> str:
        return obj.organisation.name


class CategoriesField(forms.ModelMultipleChoiceField[QuestionCategory]):
    def label_from_instance(self, obj: QuestionCategory) -> str:
        return obj.name


class ReportForm(WorkForm):
    """The report's period (a quarter, or own dates) and, optionally, one samenwerkingsverband."""

    steunpunt = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Steunpunt"))
    kwartaal = forms.ChoiceField(label=_("Kwartaal"), required=False)
    van = date_field(_("Van"), required=False, help_text=_("Alleen bij een eigen periode."))
    tot = date_field(_("Tot en met"), required=False, help_text=_("Alleen bij een eigen periode."))
    swv = SwvChoiceField(queryset=Samenwerkingsverband.objects.none(), label=_("Samenwerkingsverband"))

    def __init__(
        self,
        data: Any,
        *,
        today: date,
        steunpunten: QuerySet[Organisation],
        swvs: QuerySet[Samenwerkingsverband],
        whole_steunpunt: bool,
    ) -> None:
        super().__init__(data, auto_id="rapport-%s")
        self.today = today
        steunpunt = self.fields["steunpunt"]
        assert isinstance(steunpunt, forms.ModelChoiceField)
        steunpunt.queryset = steunpunten
        steunpunt.empty_label = None
        if steunpunten.count() == 1:
            steunpunt.widget = forms.HiddenInput()
        quarters = [(quarter_code(q.start), q.label()) for q in recent_quarters(today, 12)]
        kwartaal = self.fields["kwartaal"]
        assert isinstance(kwartaal, forms.ChoiceField)
        kwartaal.choices = [*quarters, (OWN_DATES, _("Eigen periode: vul hieronder de datums in"))]
        kwartaal.initial = quarters[0][0]
        swv = self.fields["swv"]
        assert isinstance(swv, forms.ModelChoiceField)
        swv.queryset = swvs
        swv.required = not whole_steunpunt
        swv.empty_label = str(_("Alle samenwerkingsverbanden")) if whole_steunpunt else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end, quarter = data.get("van"), data.get("tot"), data.get("kwartaal") or ""
        if quarter == OWN_DATES or (start and end and not quarter):
            if not start or not end:
                self.add_error("van" if not start else "tot", _("Vul bij een eigen periode beide datums in."))
                return data
            if end < start:
                self.add_error("tot", _("De einddatum ligt voor de begindatum."))
                return data
            if (end - start).days >= MAX_DAYS:
                self.add_error("tot", _("Kies een periode van ten hoogste twee jaar."))
                return data
            data["period"] = Period(start, end)
        else:
            data["period"] = parse_quarter(quarter) or last_complete_quarter(self.today)
        return data


class RaiseSignalForm(WorkForm):
    swv = SwvChoiceField(
        queryset=Samenwerkingsverband.objects.none(), label=_("Aan welk samenwerkingsverband")
    )
    title = forms.CharField(
        label=_("Titel"), max_length=200, error_messages={"required": _("Geef het signaal een titel.")}
    )
    body = text_area(
        _("Het signaal"),
        rows=6,
        help_text=_(
            "Wat horen jullie van ouders en jongeren? Noem geen namen of andere herkenbare gegevens."
        ),
    )
    categories = CategoriesField(
        queryset=QuestionCategory.objects.none(),
        label=_("Over welke categorieën"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    based_on = forms.ChoiceField(label=_("Gebaseerd op de vragen van"), required=False)

    def __init__(self, data: Any, *, swvs: QuerySet[Samenwerkingsverband], today: date) -> None:
        super().__init__(data, auto_id="signaal-%s")
        swv = self.fields["swv"]
        assert isinstance(swv, forms.ModelChoiceField)
        swv.queryset = swvs
        if swvs.count() == 1:
            swv.initial = swvs.first()
        categories = self.fields["categories"]
        assert isinstance(categories, forms.ModelMultipleChoiceField)
        categories.queryset = QuestionCategory.objects.filter(active=True, parent__isnull=False).order_by(
            "position", "name"
        )
        based_on = self.fields["based_on"]
        assert isinstance(based_on, forms.ChoiceField)
        based_on.choices = [("", _("Geen bepaalde periode"))] + [
            (quarter_code(q.start), q.label()) for q in recent_quarters(today, 4)
        ]

    def based_on_period(self) -> Period | None:
        return parse_quarter(self.cleaned_data.get("based_on") or "")


class RespondForm(WorkForm):
    response = text_area(_("Reactie van het samenwerkingsverband"), rows=6)
    what_changed = text_area(
        _("Wat er is veranderd"),
        required=False,
        rows=4,
        help_text=_(
            "Wat heeft het samenwerkingsverband gedaan of veranderd? Je kunt dit ook later invullen."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, data: Any, *, signal: PolicySignal) -> None:
        super().__init__(
            data,
            auto_id="reactie-%s",
            initial={
                "response": signal.response,
                "what_changed": signal.what_changed,
                "version": signal.version,
            },
        )


class WhatChangedForm(WorkForm):
    what_changed = text_area(_("Wat er is veranderd"), rows=4)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, data: Any, *, signal: PolicySignal) -> None:
        super().__init__(
            data,
            auto_id="veranderd-%s",
            initial={"what_changed": signal.what_changed, "version": signal.version},
        )
