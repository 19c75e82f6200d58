"""The child's whole file as one document: what Kring holds about a child, for the family to take
with them (AVG art. 15: inzage; art. 20: in a machine-readable form).

Each app contributes its own section through the registry `KRING_DOSSIER_SECTIONS` (like the
panels, agenda sources and nightly jobs, see the ADR on registries): a function
`section(child) -> Section` in the app's `dossier.py`, marked with `@dossier_section(models=...)`
naming the models it exports. `tests/test_dossier_completeness.py` finds every model that holds a
child's data (through Django's app registry) and fails when one is neither exported by a section
nor listed in `NOT_EXPORTED` with the reason: a new app cannot be left out silently.

The registry decides nothing about access: whoever calls `export_child_file` has asked the policy
first (`policy.Act.EXPORT_FILE`). Each section reads a fixed number of queries, whatever the number
of events, meetings or logbook lines.

The document (JSON, `docs/privacy.md` describes it):

    {"format": "kring-dossier", "version": 1, "exported_at": "2026-12-04T18:40:00+01:00",
     "exported_by": {"name": "...", "role": "ouder"} | null, "child_id": 7,
     "sections": {"<section key>": {"<part key>": {...} | [{...}, ...]}, ...}}

Dates are ISO 8601 (`YYYY-MM-DD`), moments ISO 8601 with the offset; codes are Kring's codes with
a `*_label` beside them in Dutch words. A new key is not a new version; a key that changes meaning
or disappears is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from kring.accounts.models import User
    from kring.children.models import Child

__all__ = [
    "FORMAT",
    "NOT_EXPORTED",
    "VERSION",
    "Dossier",
    "Part",
    "Section",
    "collect",
    "dossier_section",
    "export_child_file",
    "iso",
    "providers",
]

FORMAT = "kring-dossier"
VERSION = 1

# Models that hold something of a child but are not in the export, and why. A model here is a
# decision, not an oversight; the completeness test keeps this list honest.
NOT_EXPORTED: dict[str, str] = {}

Value = Any
Formatter = Callable[[Value], str]


@dataclass(frozen=True)
class Part:
    """One part of a section: a JSON value (an object or a list of objects) and how a person reads
    it in the PDF. `labels` names the keys the PDF shows (in the data's own order, nested lists
    included); keys without a label are for machines only (ids, codes). `formats` overrides how a
    key's value is written in the PDF (the BSN, masked)."""

    key: str
    title: StrOrPromise
    intro: StrOrPromise
    data: dict[str, Value] | list[dict[str, Value]] | None
    labels: Mapping[str, StrOrPromise]
    empty: StrOrPromise = ""
    formats: Mapping[str, Formatter] = field(default_factory=dict)
    table: bool = False  # a list of short rows: one table in the PDF instead of a block per item
    table_widths: Mapping[str, float] = field(default_factory=dict)  # relative, 1 when not given
    tables: frozenset[str] = frozenset()  # nested lists (by key) shown as a table in the PDF
    item_title: Callable[[Mapping[str, Value]], str] | None = None  # a heading per item in the PDF


@dataclass(frozen=True)
class Section:
    """What one app holds about the child."""

    key: str
    title: StrOrPromise
    parts: Sequence[Part]


@dataclass(frozen=True)
class Dossier:
    child: Child
    exported_at: datetime
    exported_by: User | None
    sections: Sequence[Section]

    @property
    def child_id(self) -> int:
        return int(self.child.pk)

    def to_json(self) -> dict[str, Value]:
        by = None
        if self.exported_by is not None:
            by = {"name": self.exported_by.display_name, "role": self.exported_by.role}
        return {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": self.exported_at.isoformat(),
            "exported_by": by,
            "child_id": self.child_id,
            "sections": {s.key: {p.key: p.data for p in s.parts} for s in self.sections},
        }


Provider = Callable[["Child"], Section]
P = TypeVar("P", bound=Callable[..., Section])


def dossier_section(*, models: Sequence[str]) -> Callable[[P], P]:
    """Mark a section provider with the models (`app_label.ModelName`) whose rows it exports."""

    def mark(func: P) -> P:
        func.dossier_models = tuple(models)  # type: ignore[attr-defined]
        return func

    return mark


def providers() -> list[Provider]:
    """The section providers of `KRING_DOSSIER_SECTIONS`, in order."""
    return [import_string(path) for path in settings.KRING_DOSSIER_SECTIONS]


def collect(child: Child, *, exported_by: User | None = None, now: datetime | None = None) -> Dossier:
    """Every section of the child's file (the caller has asked the policy)."""
    return Dossier(
        child=child,
        exported_at=timezone.localtime(now or timezone.now()),
        exported_by=exported_by,
        sections=[provider(child) for provider in providers()],
    )


def export_child_file(
    child: Child, *, exported_by: User | None = None, now: datetime | None = None
) -> dict[str, Value]:
    """Everything Kring holds about `child`, as the JSON document described above."""
    return collect(child, exported_by=exported_by, now=now).to_json()


# ---------------------------------------------------------------- helpers for the sections


def iso(value: date | datetime | None) -> str | None:
    """A date or moment as ISO 8601 (a moment in Kring's time zone, with its offset)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    return value.isoformat()


def number(value: Decimal | int | None) -> str | None:
    """A decimal as text ("8", "2.5"): JSON numbers would round it."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        value = value.normalize() if value == value.to_integral() else value
        return format(value, "f")
    return str(value)


def name_of(user: User | None) -> str | None:
    return user.display_name if user is not None else None


# ---------------------------------------------------------------- the family's download


def family_download(*, actor: User, child_id: Any, format: str) -> Dossier:
    """The whole file of child `child_id` for a download by `actor`: the policy decides
    (`Act.EXPORT_FILE`: Http404 when the child is not visible to them, PermissionDenied for a
    professional), the download is logged in the same transaction, then the file is read."""
    from kring.access import policy

    from . import audit

    child = policy.require_child(actor, child_id, policy.Act.EXPORT_FILE)
    with transaction.atomic():
        audit.file_exported(actor=actor, child=child, format=format)
        return collect(child, exported_by=actor)
