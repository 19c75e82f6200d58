"""Forms of the overview pages: the case list's filters, opening a case and a status change.

Forms only parse and keep what was typed; the services decide (and give the Dutch messages for
what only they can judge). The child's registration and timeline forms are in `kring.children.forms`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import User
from kring.organisations.models import Gemeente, SchoolLocation
from kring.web.forms import KringFormMixin, date_widget

from .models import CaseStatus, SignalKind
from .selectors import THUISZITTER_FILTERS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# ---------------------------------------------------------------- the case list


THUISZITTER_LABELS: Mapping[str, StrOrPromise] = {
    "absoluut_verzuim": _("Absoluut verzuim (op geen school ingeschreven)"),
    "langdurig_relatief_verzuim": _("Langdurig relatief verzuim (ingeschreven, niet op school)"),
    "verborgen": _("Verborgen thuiszitter (vrijstelling 5a of langdurig ziek)"),
}

STATUS_OPEN = ""  # the default: every open case
STATUS_ALL = "alle"


class CaseFilterForm(KringFormMixin, forms.Form):
    """The filters of the case list (a GET form: a filtered list has its own address)."""

    q = forms.CharField(
        label=_("Zoek op naam of BSN"),
        required=False,
        max_length=100,
        help_text=_("Een BSN wordt versleuteld opgezocht en nooit getoond."),
    )
    status = forms.ChoiceField(
        label=_("Fase"),
        required=False,
        choices=[
            (STATUS_OPEN, _("Alle open casussen")),
            *[(s.value, s.label) for s in CaseStatus],
            (STATUS_ALL, _("Alle casussen, ook afgesloten")),
        ],
    )
    thuiszitter = forms.ChoiceField(
        label=_("Thuiszitter"),
        required=False,
        choices=[("", _("Alle kinderen")), *[(k, THUISZITTER_LABELS[k]) for k in THUISZITTER_FILTERS]],
    )
    overdue = forms.ChoiceField(
        label=_("Termijnen"),
        required=False,
        choices=[
            ("", _("Alle")),
            ("ja", _("Met een verstreken termijn")),
            ("nee", _("Zonder verstreken termijn")),
        ],
    )
    escalated = forms.ChoiceField(
        label=_("Escalatie"),
        required=False,
        choices=[("", _("Alle")), ("ja", _("Geëscaleerd")), ("nee", _("Niet geëscaleerd"))],
    )
    school = forms.ModelChoiceField(
        label=_("School"),
        required=False,
        queryset=SchoolLocation.objects.none(),
        empty_label=_("Alle scholen"),
    )
    gemeente = forms.ModelChoiceField(
        label=_("Woongemeente"),
        required=False,
        queryset=Gemeente.objects.none(),
        empty_label=_("Alle gemeenten"),
    )
    regievoerder = forms.ModelChoiceField(
        label=_("Regievoerder"), required=False, queryset=User.objects.none(), empty_label=_("Iedereen")
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


# ---------------------------------------------------------------- opening a case


class OpenCaseForm(KringFormMixin, forms.Form):
    signal_kind = forms.ChoiceField(
        label=_("Soort signaal"),
        choices=[("", _("— kies —")), *SignalKind.choices],
        error_messages={"required": _("Kies wat voor signaal het is.")},
    )
    signal_description = forms.CharField(
        label=_("Wat is er aan de hand?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Schrijf het zo op dat ouders en kind het kunnen lezen: zij zien alles wat hier staat."),
        error_messages={"required": _("Beschrijf kort wat er aan de hand is.")},
    )
    opened_on = forms.DateField(
        label=_("Datum van het signaal"),
        widget=date_widget(),
        error_messages={"required": _("Vul de datum in."), "invalid": _("Vul een geldige datum in.")},
    )


# ---------------------------------------------------------------- status change


class TransitionForm(KringFormMixin, forms.Form):
    to_status = forms.ChoiceField(label=_("Naar fase"), choices=[])
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Schrijf op waarom de casus naar een andere fase gaat.")},
    )
    on = forms.DateField(
        label=_("Datum"),
        widget=date_widget(),
        error_messages={"required": _("Vul de datum in."), "invalid": _("Vul een geldige datum in.")},
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, targets: Iterable[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["to_status"]
        field.choices = [(t, str(CaseStatus(t).label)) for t in targets]
