"""The forms of the family's pages: they only parse input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kring.privacy.selectors import LogFilters
from kring.web.forms import KringFormMixin, date_widget

SOORT_ALL = ""
SOORT_CHANGES = "wijzigingen"


class LogFilterForm(KringFormMixin, forms.Form):
    """The logbook's filters: a period, an organisation, only changes or also views."""

    use_required_attribute = False

    van = forms.DateField(label=_("Vanaf"), required=False, widget=date_widget())
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=date_widget())
    organisatie = forms.ChoiceField(label=_("Organisatie"), required=False)
    soort = forms.ChoiceField(
        label=_("Wat wil je zien?"),
        required=False,
        choices=[
            (SOORT_ALL, _("Bekijken en veranderen")),
            (SOORT_CHANGES, _("Alleen wat er is veranderd")),
        ],
    )
    gezin = forms.BooleanField(label=_("Laat ook zien wanneer wij zelf keken"), required=False)

    def __init__(self, data: Any, *, organisations: list[str]) -> None:
        super().__init__(data)
        self.fields["organisatie"].choices = [  # type: ignore[attr-defined]
            ("", _("Alle organisaties")),
            *((name, name) for name in organisations),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("van"), cleaned.get("tot")
        if since and until and until < since:
            self.add_error("tot", _("Deze datum ligt voor de datum bij 'Vanaf'. Kies een latere datum."))
        return cleaned

    def filters(self) -> LogFilters:
        """The filters the reader chose; none when the form is not valid."""
        if not self.is_bound or not self.is_valid():
            return LogFilters()
        data = self.cleaned_data
        return LogFilters(
            since=data.get("van"),
            until=data.get("tot"),
            organisation=data.get("organisatie") or "",
            changes_only=data.get("soort") == SOORT_CHANGES,
            family_views=bool(data.get("gezin")),
        )


class ZienswijzeForm(KringFormMixin, forms.Form):
    """The family's own view on a part of the file (kring.cases.zienswijzen)."""

    use_required_attribute = False

    text = forms.CharField(
        label=_("Jouw kijk hierop"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        strip=True,
        error_messages={
            "required": _("Schrijf eerst wat je ervan vindt. Daarna kun je het opslaan."),
            "max_length": _(
                "Je tekst is te lang. Er passen maximaal %(limit_value)d tekens in. "
                "Nu zijn het er %(show_value)d."
            ),
        },
    )
