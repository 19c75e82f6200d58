"""The family's forms for a rights request (they only parse input; the service decides)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kring.organisations.models import Organisation
from kring.web.forms import KringFormMixin

_TOO_LONG = _(
    "Je tekst is te lang. Er passen maximaal %(limit_value)d tekens in. Nu zijn het er %(show_value)d."
)


def _text(
    label: Any, *, help_text: Any = "", required: bool = True, required_message: Any = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        strip=True,
        error_messages={"required": required_message, "max_length": _TOO_LONG},
    )


class CorrectionForm(KringFormMixin, forms.Form):
    """Klopt er iets niet? What is not right, and what it should say."""

    use_required_attribute = False

    incorrect = _text(
        _("Wat klopt er niet?"),
        help_text=_("Schrijf op welk stuk tekst niet klopt."),
        required_message=_("Schrijf op wat er niet klopt. Daarna kun je het versturen."),
    )
    proposal = _text(
        _("Wat zou er moeten staan?"),
        required_message=_("Schrijf op wat er volgens jou zou moeten staan. Daarna kun je het versturen."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Aan welke organisatie?"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Kies een organisatie"),
    )

    def __init__(self, data: Any, *, organisations: QuerySet[Organisation] | None) -> None:
        super().__init__(data)
        if organisations is None:  # Kring knows who wrote the part: the request goes there
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class AccessForm(KringFormMixin, forms.Form):
    """Inzage vragen: of which organisation, and (optionally) what you want to see."""

    use_required_attribute = False

    organisation = forms.ModelChoiceField(
        label=_("Aan welke organisatie?"),
        queryset=Organisation.objects.none(),
        empty_label=_("Kies een organisatie"),
        error_messages={"required": _("Kies een organisatie uit de kring van je kind.")},
    )
    question = _text(
        _("Wat wil je inzien?"),
        help_text=_("Laat je dit leeg, dan vraag je om alles wat de organisatie over je kind bewaart."),
        required=False,
    )

    def __init__(self, data: Any, *, organisations: QuerySet[Organisation]) -> None:
        super().__init__(data)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
