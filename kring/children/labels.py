"""Words for the codes of the engine's assessment, for people (pages and the CSV export).

The engine and the API speak in codes (`langdurig_relatief_verzuim`, `overdue`); a person reads
these words instead, in the chosen language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

THUISZITTER_SHORT: Mapping[str, StrOrPromise] = {
    "absoluut_verzuim": _("Absoluut verzuim"),
    "langdurig_relatief_verzuim": _("Langdurig relatief verzuim"),
}

OBLIGATION_STATUS_WORDS: Mapping[str, StrOrPromise] = {
    "open": _("Open"),
    "met": _("Op tijd gedaan"),
    "met_late": _("Te laat gedaan"),
    "overdue": _("Termijn verstreken"),
}


def thuiszitter_words(code: str) -> str:
    """The thuiszitter category in words; "" for none (an unknown code is shown as it is)."""
    return str(THUISZITTER_SHORT.get(code, code)) if code else ""


def status_words(code: str) -> str:
    """An obligation's status in words; "" for none."""
    return str(OBLIGATION_STATUS_WORDS.get(code, code)) if code else ""
