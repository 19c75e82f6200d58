"""Form helpers: give Django's widgets the NL Design System (Utrecht) classes.

Use `KringFormMixin` on every form and render its fields with `{% include "web/_field.html" %}`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.widgets import Input

# Widget type → Utrecht component classes. Checked in order: subclasses before their bases.
_WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.CheckboxSelectMultiple, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.RadioSelect, "utrecht-radio-button utrecht-radio-button--html-input"),
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.PasswordInput, "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--password"),
    (Input, "utrecht-textbox utrecht-textbox--html-input"),
]


def style_widget(widget: forms.Widget) -> None:
    """Add the Utrecht classes for this kind of widget, keeping classes already set."""
    for widget_type, classes in _WIDGET_CLASSES:
        if isinstance(widget, widget_type):
            existing = widget.attrs.get("class", "")
            widget.attrs["class"] = f"{existing} {classes}".strip()
            return


class KringFormMixin:
    """Mix into a Form or ModelForm: styles every widget with NL Design System classes."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            style_widget(field.widget)


def date_widget() -> forms.DateInput:
    """A date field as the browser's date picker, in the ISO format it expects."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
