"""The one page flow: run a service for a form; a refusal becomes a message on the field it names.

A service's refusal (`kring.core.errors.Refused`, ADR 0012) names the field it concerns by the
service's own input name; the page forms use the same names, so no view maps codes or renames
fields. A refusal about the act as a whole (`field=None`), or about a field this form does not
show, goes above the form. The form stays bound, so what was typed stays on the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

from kring.access import policy
from kring.core.errors import messages_by_field

__all__ = ["ServiceOutcome", "run_service", "show_refusal"]

T = TypeVar("T")


def _shown_field(form: forms.BaseForm, field: str | None) -> str | None:
    """The form field a message goes on: the named one when the form shows it, else the top."""
    if field is None or field not in form.fields or form.fields[field].widget.is_hidden:
        return None
    return field


def show_refusal(form: forms.BaseForm, error: ValidationError | PermissionDenied) -> None:
    """Put a service's refusal on the form: each message on the field it names, else on top."""
    if isinstance(error, PermissionDenied):
        form.add_error(None, str(error) or str(policy.REFUSAL_MESSAGES[policy.Refusal.NOT_EDITOR]))
        return
    for field, messages in messages_by_field(error).items():
        target = _shown_field(form, field)
        for message in messages:
            form.add_error(target, message)


@dataclass(frozen=True)
class ServiceOutcome(Generic[T]):
    """What `run_service` brings back: the service's result when it is `done`; otherwise the
    refusal (`error`) is on the form, and `denied` says the access policy refused (answer 403)."""

    done: bool
    result: T | None = None
    denied: bool = False
    error: ValidationError | PermissionDenied | None = None


def run_service(form: forms.BaseForm, perform: Callable[[], T]) -> ServiceOutcome[T]:
    """Call the service. On a refusal its messages are on the form (see `show_refusal`)."""
    try:
        result = perform()
    except PermissionDenied as exc:
        show_refusal(form, exc)
        return ServiceOutcome(done=False, denied=True, error=exc)
    except ValidationError as exc:  # every Refused is a ValidationError
        show_refusal(form, exc)
        return ServiceOutcome(done=False, error=exc)
    return ServiceOutcome(done=True, result=result)
