"""Render an audit event from its code and data, in B1 Dutch or in English.

The family's access log shows these sentences; they are built from the code and the data alone
(no names, no typed text), so they read the same in every language Kring has. A line whose data
lacks what the detailed sentence needs (an old line, a field added later) gets the short sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils import formats, translation

from . import audit
from .models import AuditEvent
from .purposes import Purpose, describe


def day(value: Any) -> str:
    """An ISO date from event data as a date in the active language ("3 maart 2026")."""
    return formats.date_format(date.fromisoformat(str(value)), "j F Y")


def _sentence(kind: audit.EventKind, data: Mapping[str, Any]) -> str:
    if kind.detail is None:
        return str(kind.title)
    try:
        values = dict(data)
        if kind.context is not None:
            values.update(kind.context(data))
        return str(kind.detail).format(**values)
    except (KeyError, ValueError, TypeError, IndexError):
        return str(kind.title)


def render_data(code: str, data: Mapping[str, Any], *, language: str | None = None) -> str:
    """The sentence for an event `code` with `data`, in `language` (default: the active one)."""
    kind = audit.REGISTRY.get(code, audit.LEGACY)
    with translation.override(language or translation.get_language()):
        return _sentence(kind, data)


def render(event: AuditEvent, *, language: str | None = None) -> str:
    """What happened, in `language`; an old line without a code adds the Dutch sentence it kept."""
    text = render_data(event.code, event.data, language=language)
    if event.code not in audit.REGISTRY or event.code == audit.LEGACY.code:
        text = f"{text} {event.message}"
    return text


def render_purpose(event: AuditEvent, *, language: str | None = None) -> tuple[str, str]:
    """The purpose's label and its B1 description, in `language`."""
    with translation.override(language or translation.get_language()):
        purpose = Purpose(event.purpose)
        return str(purpose.label), describe(purpose)
