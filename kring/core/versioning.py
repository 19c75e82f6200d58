"""Optimistic locking: a write only lands when the stored version is still the one the form showed."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext

from .errors import Conflict


class StaleVersion(Conflict):
    """Someone else saved this since the form was opened (optimistic locking): nothing was saved."""

    def __init__(self, what: str | None = None) -> None:
        super().__init__(
            gettext(
                "Iemand anders heeft %(what)s intussen gewijzigd. Je wijziging is niet opgeslagen. "
                "Laad de pagina opnieuw, bekijk de nieuwe gegevens en voer je wijziging opnieuw in."
            )
            % {"what": what or gettext("de casus")},
        )


def bump_version(
    model: type[models.Model],
    pk: Any,
    expected: int,
    *,
    what: str,
    stale: type[StaleVersion] = StaleVersion,
    **changes: Any,
) -> int:
    """Write `changes` only when the stored version is still `expected`; return the new version.

    One UPDATE with the version in its WHERE clause: two people who opened the same form cannot
    both save, whichever database runs it. Raises `stale(what)` otherwise.
    """
    updated = model._default_manager.filter(pk=pk, version=expected).update(version=expected + 1, **changes)
    if updated != 1:
        raise stale(what)
    return expected + 1
