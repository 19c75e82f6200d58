"""The public web form of a steunpunt: a parent or pupil asks a question, without an account.

Plain Dutch (B1). The field names are the input names of `register_question`, so a refusal of the
service lands on the field it names. The honeypot (`website`) and the signed timestamp (`started`)
are the spam checks of `spam.py`; a refusal keeps everything that was typed.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms.boundfield import BoundWidget
from django.utils.translation import gettext_lazy as _

from kring.organisations.models import Samenwerkingsverband
from kring.web.forms import KringFormMixin

from . import spam
from .models import AgeGroup, Asker, QuestionCategory, SchoolType
from .selectors.public import public_categories

HONEYPOT = "website"
_PHONE = re.compile(r"^\+?[0-9 ()\-]{10,20}$")

TOKEN_MESSAGES = {
    spam.TokenProblem.TOO_FAST: _(
        "Het formulier is erg snel verstuurd. Kijk je vraag nog even na en verstuur hem dan opnieuw."
    ),
    spam.TokenProblem.EXPIRED: _(
        "Het formulier stond langer dan een dag open. Je vraag staat er nog; verstuur hem opnieuw."
    ),
    spam.TokenProblem.INVALID: _("Het formulier is niet goed aangekomen. Verstuur je vraag opnieuw."),
}
HONEYPOT_MESSAGE = _(
    "Het formulier lijkt automatisch ingevuld. Laat het veld 'Laat dit veld leeg' leeg en verstuur opnieuw."
)
RATE_LIMIT_MESSAGE = _(
    "Vanaf dit internetadres zijn het afgelopen uur al veel vragen gestuurd. Probeer het over een uur "
    "opnieuw, of bel of mail het steunpunt."
)

# What the parent sees for "unknown" (the model's label is the worker's).
DONT_KNOW = _("Weet ik niet, of zeg ik liever niet")


class CategoryChoice(forms.ModelMultipleChoiceField[QuestionCategory]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class PublicQuestionForm(KringFormMixin, forms.Form):
    # No HTML `required`: browsers paint an empty required field red before anything is typed;
    # the service names the missing field when the form is sent.
    use_required_attribute = False

    asker = forms.ChoiceField(
        label=_("Wie stelt de vraag?"),
        choices=[
            (Asker.OUDER.value, _("Ik ben ouder of verzorger")),
            (Asker.LEERLING.value, _("Ik ben leerling of jongere en vraag het zelf")),
            (Asker.ANDERS.value, _("Iemand anders, bijvoorbeeld een opa, oma of buurvrouw")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie de vraag stelt.")},
    )
    question_text = forms.CharField(
        label=_("Je vraag"),
        help_text=_(
            "Schrijf in je eigen woorden wat er speelt en wat je wilt weten. "
            "Namen van kinderen of scholen zijn niet nodig."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Schrijf je vraag op.")},
    )
    age_group = forms.ChoiceField(
        label=_("Hoe oud is het kind?"),
        choices=[(v, label) for v, label in AgeGroup.choices if v != AgeGroup.ONBEKEND]
        + [(AgeGroup.ONBEKEND.value, DONT_KNOW)],
        initial=AgeGroup.ONBEKEND.value,
        widget=forms.RadioSelect,
        required=False,
    )
    school_type = forms.ChoiceField(
        label=_("Naar wat voor school gaat het kind?"),
        choices=[(v, label) for v, label in SchoolType.choices if v != SchoolType.ONBEKEND]
        + [(SchoolType.ONBEKEND.value, DONT_KNOW)],
        initial=SchoolType.ONBEKEND.value,
        widget=forms.RadioSelect,
        required=False,
    )
    swv = forms.ModelChoiceField[Samenwerkingsverband](
        label=_("In welke regio staat de school?"),
        help_text=_("Het samenwerkingsverband is de organisatie van de scholen in een regio."),
        queryset=Samenwerkingsverband.objects.none(),  # the steunpunt's own, set in __init__
        required=False,
        empty_label=str(DONT_KNOW),
        widget=forms.RadioSelect,
    )
    categories = CategoryChoice(
        label=_("Waar gaat je vraag over?"),
        help_text=_(
            "Kies wat past; meer dan één mag. Weet je het niet? Laat het dan leeg: "
            "het steunpunt kiest dan voor je."
        ),
        queryset=QuestionCategory.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_name = forms.CharField(
        label=_("Hoe mogen we je noemen?"),
        help_text=_("Je voornaam is genoeg."),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    contact_email = forms.EmailField(
        label=_("Je e-mailadres"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _("Dit is geen e-mailadres. Kijk het na, bijvoorbeeld: naam@voorbeeld.nl.")
        },
    )
    contact_phone = forms.CharField(
        label=_("Je telefoonnummer"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    CHOICE_FIELDS = ("asker", "age_group", "school_type", "swv", "categories")

    def __init__(self, *args: Any, swvs: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["swv"].queryset = swvs  # type: ignore[attr-defined]
        self.fields["categories"].queryset = public_categories()  # type: ignore[attr-defined]
        self.asks_swv = swvs.count() > 1
        if not self.asks_swv:
            del self.fields["swv"]

    def category_options(self) -> list[tuple[BoundWidget, str]]:
        """Each category's checkbox with its explanation in plain language."""
        field = self.fields["categories"]
        descriptions = [c.description for c in field.queryset]  # type: ignore[attr-defined]
        return list(zip(self["categories"].subwidgets, descriptions, strict=False))

    def clean_contact_phone(self) -> str:
        phone = str(self.cleaned_data.get("contact_phone") or "").strip()
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError(
                _("Dit is geen telefoonnummer. Gebruik alleen cijfers, bijvoorbeeld: 06 12345678.")
            )
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get(HONEYPOT):
            raise forms.ValidationError(HONEYPOT_MESSAGE, code="honeypot")
        problem = spam.token_problem(str(data.get("started") or ""))
        if problem is not None:
            raise forms.ValidationError(TOKEN_MESSAGES[problem], code=problem)
        typed_wrong = "contact_email" in self.errors or "contact_phone" in self.errors
        if not data.get("contact_email") and not data.get("contact_phone") and not typed_wrong:
            self.add_error(
                "contact_email",
                _(
                    "Vul een e-mailadres of een telefoonnummer in (of allebei). Anders kunnen we je "
                    "geen antwoord geven."
                ),
            )
        data["age_group"] = data.get("age_group") or AgeGroup.ONBEKEND
        data["school_type"] = data.get("school_type") or SchoolType.ONBEKEND
        return data
