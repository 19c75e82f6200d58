"""The professional's forms for a rights request of the family: answer it or take more time."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kring.privacy.rights.models import OUTCOMES_OF, RequestKind, RequestOutcome
from kring.web.forms import KringFormMixin

_TOO_LONG = _(
    "De tekst is te lang. Er passen maximaal %(limit_value)d tekens in. Nu zijn het er %(show_value)d."
)
_CONFIRM = _("Ik weet dat het gezin dit leest en dat het antwoord daarna niet meer kan worden veranderd.")


def _text(label: Any, *, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        strip=True,
        error_messages={"max_length": _TOO_LONG},
    )


class FilterForm(KringFormMixin, forms.Form):
    use_required_attribute = False

    status = forms.ChoiceField(
        label=_("Welke verzoeken"),
        required=False,
        choices=[("open", _("Nog te beantwoorden")), ("answered", _("Beantwoord")), ("all", _("Alle"))],
    )
    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Inzage en correctie")), *RequestKind.choices]
    )


class AnswerForm(KringFormMixin, forms.Form):
    use_required_attribute = False

    outcome = forms.ChoiceField(
        label=_("Wat heeft u gedaan?"),
        error_messages={"required": _("Kies wat u met het verzoek heeft gedaan.")},
    )
    corrected_text = _text(
        _("Wat er nu staat (bij verbeterd)"),
        help_text=_("De oude tekst blijft bewaard. Het gezin ziet beide."),
    )
    answer = _text(
        _("Toelichting voor het gezin"),
        help_text=_("Niet verbeterd: leg uit waarom. Inzage: schrijf op wat u liet zien of stuurde, en hoe."),
    )
    confirm = forms.BooleanField(
        label=_CONFIRM,
        error_messages={"required": _("Vink aan dat u het antwoord wilt versturen.")},
    )

    def __init__(self, data: Any, *, kind: str) -> None:
        super().__init__(data)
        allowed = OUTCOMES_OF[kind]
        self.fields["outcome"].choices = [  # type: ignore[attr-defined]
            ("", _("Kies wat u heeft gedaan")),
            *(c for c in RequestOutcome.choices if c[0] in allowed),
        ]
        if kind == RequestKind.INZAGE:
            del self.fields["corrected_text"]
            self.fields["answer"].label = _("Welke gegevens heeft u laten zien of gestuurd?")
            self.fields["answer"].help_text = ""


class ExtendForm(KringFormMixin, forms.Form):
    use_required_attribute = False

    reason = forms.CharField(
        label=_("Waarom heeft u meer tijd nodig?"),
        help_text=_("Het gezin leest dit. Verlengen kan één keer, met twee maanden, binnen de eerste maand."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
        strip=True,
        error_messages={"max_length": _TOO_LONG},
    )
    confirm = forms.BooleanField(
        label=_(
            "Het gezin ziet deze reden op hun eigen pagina in Kring. Ik neem één keer twee maanden meer tijd."
        ),
        error_messages={"required": _("Vink aan dat u meer tijd wilt nemen.")},
    )
