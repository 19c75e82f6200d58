"""Audit events: a closed set of named kinds, each written by one named function in its own app.

Every logbook line has

- a ``code`` (``case.viewed``, ``timeline.event_recorded``, ...) declared once with `event_kind`
  in the ``audit.py`` of the app that owns the event, with a short and a detailed sentence that
  `kring.privacy.rendering` renders in Dutch and in English;
- ``data``: ids, codes, field names, dates and counts. Never a BSN, never text people typed:
  `check_data` refuses both, so a mistake fails loudly in the tests instead of in the log;
- a ``purpose`` from the closed list in `kring.privacy.purposes` (the database refuses others);
- the Dutch ``message`` with names, as before (history, and the sentence for professionals).

The named functions (``case_viewed(actor=, case=, purpose=)``) are called inside the transaction
of the act they describe, so a refused or rolled-back act leaves no line. Apps' ``audit`` modules
are imported when Kring starts (`PrivacyConfig.ready`), so every kind is registered before use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import AuditAction, AuditEvent, BreakGlassAccess, Consent
from .purposes import Purpose

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.children.models import Child

DataValue = str | int | bool | None | list[str] | list[int]
Context = Callable[[Mapping[str, Any]], dict[str, Any]]

# Data holds no BSN: no run of 8 or more digits, nor a BSN written with spaces or dots (1234.56.782).
_LONG_NUMBER = re.compile(r"[0-9]{8,}|(?<![0-9])[0-9]{4}[ .][0-9]{2}[ .][0-9]{3}(?![0-9])")
_MAX_TEXT = 64


@dataclass(frozen=True)
class EventKind:
    """One kind of logbook line: its code, what it is about and how it reads."""

    code: str
    action: AuditAction
    object_type: str
    title: Promise  # a short sentence without placeholders ("De casus is bekeken.")
    detail: Promise | None = None  # a sentence with {placeholders} filled by `context(data)`
    context: Context | None = None
    example: Mapping[str, Any] = field(default_factory=dict)  # data for the rendering tests

    def write(
        self,
        *,
        actor: User | None,
        purpose: Purpose | str,
        message: str,
        data: Mapping[str, DataValue] | None = None,
        object_id: str | int = "",
        child_id: int | None = None,
        object_type: str = "",
    ) -> AuditEvent:
        return record(
            actor=actor,
            kind=self,
            purpose=purpose,
            message=message,
            data=data,
            object_id=object_id,
            child_id=child_id,
            object_type=object_type,
        )


REGISTRY: dict[str, EventKind] = {}


def event_kind(
    code: str,
    *,
    action: AuditAction,
    object_type: str,
    title: Promise,
    detail: Promise | None = None,
    context: Context | None = None,
    example: Mapping[str, Any] | None = None,
) -> EventKind:
    """Declare a kind of audit event (once, at import of the owning app's ``audit`` module)."""
    if code in REGISTRY:
        raise ValueError(f"audit event code {code!r} is declared twice")
    kind = EventKind(
        code=code,
        action=action,
        object_type=object_type,
        title=title,
        detail=detail,
        context=context,
        example=dict(example or {}),
    )
    REGISTRY[code] = kind
    return kind


def check_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """The data of an event, refused (ValueError) when it could hold a BSN or typed text."""

    def check(key: str, value: Any) -> None:
        if value is None or isinstance(value, bool | int):
            return
        if isinstance(value, str):
            if len(value) > _MAX_TEXT:
                raise ValueError(f"audit data {key!r} is longer than {_MAX_TEXT} characters: no free text")
            if _LONG_NUMBER.search(value):
                raise ValueError(f"audit data {key!r} holds a long number: no BSN in the logbook")
            return
        if isinstance(value, list | tuple):
            for item in value:
                if isinstance(item, list | tuple | dict):
                    raise ValueError(f"audit data {key!r}: lists hold plain values only")
                check(key, item)
            return
        raise ValueError(f"audit data {key!r} has a value of type {type(value).__name__}")

    clean: dict[str, Any] = {}
    for key, value in data.items():
        check(key, value)
        clean[key] = list(value) if isinstance(value, tuple) else value
    return clean


def _actor_columns(actor: User | None) -> dict[str, Any]:
    if actor is not None and actor.is_authenticated:
        return {
            "actor": actor,
            "actor_name": actor.display_name,
            "actor_role": actor.get_role_display() if actor.role else "",
            "actor_organisation": (
                actor.organisation.name if actor.organisation_id and actor.organisation else ""
            ),
        }
    return {"actor": None, "actor_name": "Kring (systeem)", "actor_role": "", "actor_organisation": ""}


def _line(
    *,
    actor_columns: Mapping[str, Any],
    kind: EventKind,
    purpose: Purpose | str,
    message: str,
    data: Mapping[str, DataValue] | None,
    object_id: str | int,
    child_id: int | None,
    object_type: str = "",
) -> AuditEvent:
    if REGISTRY.get(kind.code) is not kind:
        raise ValueError(f"audit event code {kind.code!r} is not declared with event_kind()")
    return AuditEvent(
        **actor_columns,
        action=kind.action,
        code=kind.code,
        data=check_data(data or {}),
        object_type=(object_type or kind.object_type)[:64],
        object_id=str(object_id),
        child_id=child_id,
        purpose=Purpose(purpose),  # ValueError for a purpose outside the closed list
        message=free_text(message),
    )


# Reads that happen under toegang in een noodgeval get its purpose, whatever the page asked for.
_READS = (AuditAction.VIEW, AuditAction.EXPORT)


def _emergency_grants(actor: User | None, kind: EventKind, child_ids: Iterable[int | None]) -> dict[int, int]:
    """For a read by a professional: the children (id → grant id) they read under toegang in een
    noodgeval now (`BreakGlassAccess`, granted by the access policy). One query; none for others."""
    ids = {child_id for child_id in child_ids if child_id is not None}
    if not ids or kind.action not in _READS or actor is None or not actor.is_authenticated:
        return {}
    if not actor.is_professional:
        return {}
    return dict(
        BreakGlassAccess.objects.active()
        .filter(user=actor, child_id__in=ids)
        .order_by("starts_at")
        .values_list("child_id", "pk")
    )


def _consents_held(actor: User | None, kind: EventKind, child_ids: Iterable[int | None]) -> dict[int, int]:
    """For a read by a professional: the children (id → consent id) whose file they read with a
    running consent of the family to them or their organisation. One query; none for others."""
    ids = {child_id for child_id in child_ids if child_id is not None}
    if not ids or kind.action not in _READS or actor is None or not actor.is_authenticated:
        return {}
    from kring.access import policy

    return dict(
        policy.recipient_consents(actor)
        .running()
        .filter(child_id__in=ids)
        .order_by("given_at")  # the newest consent wins
        .values_list("child_id", "pk")
    )


def _held(
    actor: User | None, kind: EventKind, child_ids: Iterable[int | None]
) -> tuple[dict[int, int], dict[int, int]]:
    ids = list(child_ids)
    grants = _emergency_grants(actor, kind, ids)
    consents = _consents_held(actor, kind, [i for i in ids if i not in grants])
    return grants, consents


def _under_emergency(
    held: tuple[Mapping[int, int], Mapping[int, int]],
    child_id: int | None,
    purpose: Purpose | str,
    data: Mapping[str, Any] | None,
) -> tuple[Purpose | str, Mapping[str, Any] | None]:
    """A read under toegang in een noodgeval gets its purpose; else a read by the recipient of a
    running consent gets the purpose consent and the consent's id."""
    grants, consents = held
    if child_id is None:
        return purpose, data
    if child_id in grants:
        return Purpose.BREAK_GLASS, {**(data or {}), "break_glass_id": grants[child_id]}
    if child_id in consents:
        return Purpose.CONSENT, {**(data or {}), "consent_id": consents[child_id]}
    return purpose, data


def record(
    *,
    actor: User | None,
    kind: EventKind,
    purpose: Purpose | str,
    message: str,
    data: Mapping[str, DataValue] | None = None,
    object_id: str | int = "",
    child_id: int | None = None,
    object_type: str = "",
) -> AuditEvent:
    """Write one logbook line. Call it inside the transaction of the act it describes.
    `object_type` overrides the kind's (for kinds about many sorts of data, such as /beheer/).
    A read under toegang in een noodgeval is logged with that purpose and the grant's id."""
    purpose, data = _under_emergency(_held(actor, kind, [child_id]), child_id, purpose, data)
    event = _line(
        actor_columns=_actor_columns(actor),
        kind=kind,
        purpose=purpose,
        message=message,
        data=data,
        object_id=object_id,
        child_id=child_id,
        object_type=object_type,
    )
    event.save(force_insert=True)
    return event


@dataclass(frozen=True, kw_only=True)
class Line:
    """One line of `record_many`: what differs per child."""

    message: str
    data: Mapping[str, DataValue]
    object_id: str | int = ""
    child_id: int | None = None


def record_many(
    *, actor: User | None, kind: EventKind, purpose: Purpose | str, lines: Iterable[Line]
) -> list[AuditEvent]:
    """Write one line per item of a list someone saw, in one INSERT (a list of 30 children costs
    what a list of 3 costs)."""
    columns = _actor_columns(actor)
    rows = list(lines)
    held = _held(actor, kind, [line.child_id for line in rows])
    events = []
    for line in rows:
        line_purpose, data = _under_emergency(held, line.child_id, purpose, line.data)
        events.append(
            _line(
                actor_columns=columns,
                kind=kind,
                purpose=line_purpose,
                message=line.message,
                data=data,
                object_id=line.object_id,
                child_id=line.child_id,
            )
        )
    return AuditEvent.objects.bulk_create(events) if events else []


# ---------------------------------------------------------------- helpers for the Dutch sentence
# The sentences name the child by first name and the kind of data, never the BSN; free text that
# people typed (reasons) passes through `redact_bsns` first (and `record` redacts the whole line).


def child_name(child: Child) -> str:
    return f"{child.first_name} {child.last_name}".strip()


def free_text(text: str) -> str:
    from .crypto import redact_bsns

    return redact_bsns(text.strip())


# Lines written before events had codes (migration 0002): rendered from the Dutch sentence kept.
LEGACY = event_kind(
    "legacy.line",
    action=AuditAction.VIEW,
    object_type="",
    title=_("Een logregel van voor de vaste lijst met gebeurtenissen."),
)


# ---------------------------------------------------------------- the family's logbook itself
# Reading the log is a read of the child's data (who saw the file, and why): it leaves a line too.

ACCESS_LOG_VIEWED = event_kind(
    "logbook.viewed",
    action=AuditAction.VIEW,
    object_type="logboek",
    title=_("Het logboek is bekeken: wie het dossier bekeek of veranderde."),
    example={"page": 1},
)
ACCESS_LOG_EXPORTED = event_kind(
    "logbook.exported",
    action=AuditAction.EXPORT,
    object_type="logboek",
    title=_("Het logboek is gedownload als bestand."),
    example={"lines": 12},
)


def access_log_viewed(
    *, actor: User, child: Child, page: int, purpose: Purpose = Purpose.FAMILY_ACCESS
) -> AuditEvent:
    return ACCESS_LOG_VIEWED.write(
        actor=actor,
        purpose=purpose,
        data={"page": page},
        object_id=child.pk,
        child_id=child.pk,
        message=f"Het logboek van {child_name(child)} is bekeken (pagina {page}).",
    )


def access_log_exported(
    *, actor: User, child: Child, lines: int, purpose: Purpose = Purpose.FAMILY_ACCESS
) -> AuditEvent:
    return ACCESS_LOG_EXPORTED.write(
        actor=actor,
        purpose=purpose,
        data={"lines": lines},
        object_id=child.pk,
        child_id=child.pk,
        message=f"Het logboek van {child_name(child)} is gedownload ({lines} regels).",
    )


# ---------------------------------------------------------------- the child's whole file

_FILE_FORMATS = {"pdf": "PDF", "json": "JSON"}


def _file_format(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"format_label": _FILE_FORMATS[data["format"]]}


FILE_EXPORTED = event_kind(
    "dossier.exported",
    action=AuditAction.EXPORT,
    object_type="dossier",
    title=_("Het hele dossier is gedownload."),
    detail=_("Het hele dossier van het kind is gedownload als {format_label}, door het gezin zelf."),
    context=_file_format,
    example={"format": "pdf"},
)


def file_exported(
    *, actor: User, child: Child, format: str, purpose: Purpose = Purpose.FAMILY_ACCESS
) -> AuditEvent:
    """The family downloaded the child's whole file (`kring.privacy.dossier`), as PDF or JSON."""
    if format not in _FILE_FORMATS:
        raise ValueError(f"unknown format {format!r}")
    return FILE_EXPORTED.write(
        actor=actor,
        purpose=purpose,
        message=f"Het hele dossier van {child_name(child)} is gedownload als {_FILE_FORMATS[format]}.",
        data={"format": format},
        object_id=child.pk,
        child_id=child.pk,
    )


# ---------------------------------------------------------------- toegang in een noodgeval

BREAK_GLASS_OPENED = event_kind(
    "emergency.opened",
    action=AuditAction.VIEW,  # opening it is the first read; the logbook keeps it under "only changes" too
    object_type="noodtoegang",
    title=_("Het dossier is geopend in een noodgeval, door iemand die niet in de kring zit."),
    detail=_(
        "Het dossier is geopend in een noodgeval, door iemand die niet in de kring zit. Die persoon "
        "kan het {hours} uur lezen, niet veranderen."
    ),
    example={"break_glass_id": 3, "hours": 24},
)


def break_glass_opened(*, actor: User, grant: BreakGlassAccess, hours: int) -> AuditEvent:
    """The line the family sees highlighted, with the reason (read from the grant, not the data)."""
    return BREAK_GLASS_OPENED.write(
        actor=actor,
        purpose=Purpose.BREAK_GLASS,
        data={"break_glass_id": grant.pk, "hours": hours},
        object_id=grant.pk,
        child_id=grant.child_id,
        message=(
            f"Het dossier van {child_name(grant.child)} is geopend in een noodgeval, voor {hours} uur. "
            f"Reden: {free_text(grant.reason)}"
        ),
    )


# ---------------------------------------------------------------- toestemming (consent)
# The data holds the consent's id, its categories (codes) and its period; never the recipient's name
# or the purpose the family typed (the family's consent page shows those, from the consent itself).


def _consent_context(data: Mapping[str, Any]) -> dict[str, Any]:
    from django.utils import formats

    from .models import ConsentCategory

    labels = [str(ConsentCategory(c).label).split(":")[0].lower() for c in data["categories"]]
    until = formats.date_format(date.fromisoformat(str(data["valid_until"])), "j F Y")
    return {"categories_label": ", ".join(labels), "until": until}


_CONSENT_EXAMPLE = {"consent_id": 4, "categories": ["timeline", "plan"], "valid_until": "2027-03-01"}

CONSENT_GIVEN = event_kind(
    "consent.given",
    action=AuditAction.SHARE,
    object_type="toestemming",
    title=_("Er is toestemming gegeven om een deel van het dossier te delen."),
    detail=_("Er is toestemming gegeven om te delen: {categories_label}, tot en met {until}."),
    context=_consent_context,
    example=_CONSENT_EXAMPLE,
)
CONSENT_REVOKED = event_kind(
    "consent.revoked",
    action=AuditAction.UPDATE,
    object_type="toestemming",
    title=_("Een toestemming is ingetrokken. Vanaf nu is dat deel niet meer gedeeld."),
    detail=_(
        "De toestemming om te delen is ingetrokken: {categories_label}. Vanaf nu is dat niet meer gedeeld."
    ),
    context=_consent_context,
    example=_CONSENT_EXAMPLE,
)
CONSENT_REQUESTED = event_kind(
    "consent.requested",
    action=AuditAction.CREATE,
    object_type="toestemming",
    title=_("Een professional vraagt het gezin om toestemming."),
    detail=_(
        "Een professional vraagt het gezin om toestemming om te delen: {categories_label}, "
        "tot en met {until}."
    ),
    context=_consent_context,
    example=_CONSENT_EXAMPLE,
)
CONSENT_REFUSED = event_kind(
    "consent.refused",
    action=AuditAction.UPDATE,
    object_type="toestemming",
    title=_("Het gezin gaf geen toestemming op een vraag om te delen."),
    example={"consent_id": 4},
)
CONSENTS_VIEWED = event_kind(
    "consent.listed",
    action=AuditAction.VIEW,
    object_type="toestemming",
    title=_("De toestemmingen zijn bekeken: wie mag wat zien, en waarom."),
    example={"consents": 2},
)


def _consent_data(consent: Consent) -> dict[str, DataValue]:
    return {
        "consent_id": consent.pk,
        "categories": list(consent.categories),
        "valid_until": consent.valid_until.isoformat(),
    }


def _consent_line(
    kind: EventKind, *, actor: User, consent: Consent, purpose: Purpose, message: str
) -> AuditEvent:
    data = _consent_data(consent) if kind is not CONSENT_REFUSED else {"consent_id": consent.pk}
    return kind.write(
        actor=actor,
        purpose=purpose,
        data=data,
        object_id=consent.pk,
        child_id=consent.child_id,
        message=message,
    )


def consent_given(*, actor: User, consent: Consent) -> AuditEvent:
    return _consent_line(
        CONSENT_GIVEN,
        actor=actor,
        consent=consent,
        purpose=Purpose.CONSENT,
        message=(
            f"Toestemming gegeven voor {consent.recipient_name}: {', '.join(consent.categories)}, "
            f"van {consent.valid_from.isoformat()} tot en met {consent.valid_until.isoformat()}."
        ),
    )


def consent_revoked(*, actor: User, consent: Consent) -> AuditEvent:
    return _consent_line(
        CONSENT_REVOKED,
        actor=actor,
        consent=consent,
        purpose=Purpose.CONSENT,
        message=f"Toestemming voor {consent.recipient_name} ingetrokken.",
    )


def consent_requested(*, actor: User, consent: Consent) -> AuditEvent:
    return _consent_line(
        CONSENT_REQUESTED,
        actor=actor,
        consent=consent,
        purpose=Purpose.CONSENT,
        message=f"{actor.display_name} vraagt toestemming voor {consent.recipient_name}.",
    )


def consent_refused(*, actor: User, consent: Consent) -> AuditEvent:
    return _consent_line(
        CONSENT_REFUSED,
        actor=actor,
        consent=consent,
        purpose=Purpose.CONSENT,
        message=f"Geen toestemming gegeven aan {consent.recipient_name}.",
    )


def consents_viewed(*, actor: User, child: Child, count: int, purpose: Purpose) -> AuditEvent:
    return CONSENTS_VIEWED.write(
        actor=actor,
        purpose=purpose,
        data={"consents": count},
        object_id=child.pk,
        child_id=child.pk,
        message=f"De toestemmingen voor {child_name(child)} zijn bekeken ({count}).",
    )
