"""The one page flow: a service's refusal becomes a message on the form field it concerns."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def apply_service_errors(
    form: forms.Form, error: ValidationError, *, rename: Mapping[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form: per field where the form has that field
    (after `rename`), else at the top of the form."""
    rename = rename or {}
    if hasattr(error, "error_dict"):
        for key, errors in error.error_dict.items():
            field = rename.get(key, key)
            messages = [m for e in errors for m in e.messages]
            if field in form.fields and field != NON_FIELD_ERRORS:
                for message in messages:
                    form.add_error(field, message)
            else:
                for message in messages:
                    form.add_error(None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
