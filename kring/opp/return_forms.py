"""The terugkeerplan's forms. They only parse: the services refuse what is missing, on the field by
the service's input name (`steps[0].who`, `then.due`, ...)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kring.web.forms import KringFormMixin, date_widget, style_widget

from .models import Payer, Reason
from .return_services import StepSpec

STEP_ROWS = 3  # the plan's form offers three steps; empty ones are left out
_NO_PAYER = [("", _("Geen kosten, of nog niet bekend"))]


def _text(label: Any, *, rows: int = 3, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=False, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
    )


def _label(text: Any, number: int | None) -> Any:
    return format_lazy(_("Stap {number}: {text}"), number=number, text=text) if number else text


def _step_fields(prefix: str, *, number: int | None = None) -> dict[str, forms.Field]:
    """The fields of one step: who, what, by when, who pays (by the service's input names)."""
    fields: dict[str, forms.Field] = {
        f"{prefix}who": forms.CharField(
            label=_label(_("wie zet de stap?") if number else _("Wie zet de stap?"), number),
            required=False,
            max_length=200,
            help_text=_("Een persoon of een organisatie, bijvoorbeeld: de leerplichtambtenaar, de GGZ."),
        ),
        f"{prefix}what": _text(
            _label(_("wat gebeurt er?") if number else _("Wat gebeurt er?"), number), rows=2
        ),
        f"{prefix}due": forms.DateField(
            label=_label(_("uiterlijk op") if number else _("Uiterlijk op"), number),
            required=False,
            widget=date_widget(),
        ),
        f"{prefix}payer": forms.ChoiceField(
            label=_label(_("wie betaalt?") if number else _("Wie betaalt?"), number),
            required=False,
            choices=_NO_PAYER + list(Payer.choices),
        ),
    }
    for field in fields.values():
        style_widget(field.widget)
    return fields


def _spec(data: dict[str, Any], prefix: str) -> StepSpec:
    due = data.get(f"{prefix}due")
    return StepSpec(
        who=data.get(f"{prefix}who", "") or "",
        what=data.get(f"{prefix}what", "") or "",
        due=due if isinstance(due, date) else None,
        payer=data.get(f"{prefix}payer", "") or "",
    )


class ReturnPlanForm(KringFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom staat het onderwijs stil?"),
        required=False,
        choices=Reason.choices,
        widget=forms.RadioSelect,
    )
    reason_other = _text(_("Welke andere reden?"), rows=2)
    said_by = forms.CharField(
        label=_("Wie zegt dat?"),
        required=False,
        max_length=200,
        help_text=_("Een persoon of een organisatie, bijvoorbeeld: de school, de huisarts, de GGZ."),
    )
    since = forms.DateField(label=_("Sinds wanneer?"), required=False, widget=date_widget())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(STEP_ROWS):
            self.fields.update(_step_fields(f"steps[{i}].", number=i + 1))
        self.optional_fields = frozenset(
            {"reason_other"}
            | {f"steps[{i}].{name}" for i in range(1, STEP_ROWS) for name in ("who", "what", "due")}
            | {f"steps[{i}].payer" for i in range(STEP_ROWS)}
        )

    def steps(self) -> list[StepSpec]:
        return [_spec(self.cleaned_data, f"steps[{i}].") for i in range(STEP_ROWS)]


class StepForm(KringFormMixin, forms.Form):
    """A new step, or the step that replaces one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_step_fields(""))
        self.optional_fields = frozenset({"payer"})

    def step(self) -> StepSpec:
        return _spec(self.cleaned_data, "")


class StepDoneForm(KringFormMixin, forms.Form):
    """A step is done, with the next step (needed when it is the last open one)."""

    done_on = forms.DateField(label=_("Gedaan op"), required=False, widget=date_widget())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_step_fields("then."))
        for name in ("who", "what", "due"):
            self.fields[f"then.{name}"].label = {
                "who": _("Wie zet de volgende stap?"),
                "what": _("Wat is de volgende stap?"),
                "due": _("Uiterlijk op (volgende stap)"),
            }[name]
        self.optional_fields = frozenset({"then.who", "then.what", "then.due", "then.payer"})

    def then(self) -> StepSpec:
        return _spec(self.cleaned_data, "then.")


class EndPlanForm(KringFormMixin, forms.Form):
    back_on = forms.DateField(label=_("Weer onderwijs sinds"), required=False, widget=date_widget())
    back_how = _text(
        _("Hoe krijgt het kind weer onderwijs?"),
        help_text=_("Op welke school, en hoeveel uur per week. Bijvoorbeeld: drie ochtenden op De Brug."),
    )
