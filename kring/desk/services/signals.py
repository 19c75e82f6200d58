"""Policy signals: the steunpunt raises a signal to a samenwerkingsverband it serves; the SWV's
director writes the response and, then or later, what changed. The feedback loop of the report.

Every write is one transaction with its audit event; a response is written only on the version the
form showed (`kring.core.versioning`). Refusals are `Refused(message, field=...)` on the input's name;
who may act is the access policy's (`can_raise_signal`, `can_respond_to_signal`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.access import policy
from kring.accounts.models import User
from kring.core.errors import Refused
from kring.core.versioning import bump_version
from kring.desk import audit
from kring.desk.models import PolicySignal, QuestionCategory
from kring.desk.periods import Period
from kring.organisations.models import Samenwerkingsverband

TITLE_MAX = 200


def _text(value: str, *, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise Refused(message, field=field)
    return value


@transaction.atomic
def raise_signal(
    *,
    actor: User,
    swv: Samenwerkingsverband,
    title: str,
    body: str,
    categories: Sequence[QuestionCategory] = (),
    based_on: Period | None = None,
    today: date | None = None,
) -> PolicySignal:
    """A new signal of the actor's steunpunt to `swv`. `based_on`: the period of questions it comes
    from (it is added to the text, so the SWV reads it too)."""
    if not policy.can_raise_signal(actor, swv):
        raise PermissionDenied(
            _(
                "Een signaal meld je als medewerker van het steunpunt, aan een samenwerkingsverband "
                "dat jullie steunpunt helpt."
            )
        )
    title = _text(title, field="title", message=_("Geef het signaal een titel."))
    if len(title) > TITLE_MAX:
        raise Refused(_("De titel is te lang: gebruik ten hoogste 200 tekens."), field="title")
    body = _text(
        body,
        field="body",
        message=_("Beschrijf het signaal: wat hoort het steunpunt van ouders en jongeren?"),
    )
    inactive = [c for c in categories if not c.active]
    if inactive:
        raise Refused(_("Kies alleen categorieën die nog in gebruik zijn."), field="categories")
    if based_on is not None:
        body += "\n\n" + _("Gebaseerd op de vragen van %(period)s.") % {"period": based_on.label()}
    assert actor.organisation is not None  # works_at_desk: a steunpunt
    signal = PolicySignal.objects.create(
        steunpunt=actor.organisation,
        swv=swv,
        title=title,
        body=body,
        raised_on=today or timezone.localdate(),
        raised_by=actor,
    )
    signal.categories.set(categories)
    audit.signal_raised(actor=actor, signal=signal, categories=len(categories))
    return signal


def _may_respond(actor: User, signal: PolicySignal) -> None:
    if not policy.can_respond_to_signal(actor, signal):
        raise PermissionDenied(
            _("Op een signaal reageert de directeur van het samenwerkingsverband waaraan het is gemeld.")
        )


@transaction.atomic
def respond_to_signal(
    *,
    actor: User,
    signal: PolicySignal,
    response: str,
    what_changed: str = "",
    version: int,
    today: date | None = None,
) -> PolicySignal:
    """The SWV's written response (and, when known, what changed). A second call corrects it."""
    _may_respond(actor, signal)
    response = _text(
        response,
        field="response",
        message=_("Schrijf de reactie van het samenwerkingsverband op het signaal."),
    )
    day = signal.responded_on or today or timezone.localdate()
    bump_version(
        PolicySignal,
        signal.pk,
        version,
        what=_("dit signaal"),
        response=response,
        what_changed=(what_changed or "").strip(),
        responded_on=max(day, signal.raised_on),
        responded_by=actor,
    )
    signal.refresh_from_db()
    audit.signal_responded(actor=actor, signal=signal)
    return signal


@transaction.atomic
def record_what_changed(
    *, actor: User, signal: PolicySignal, what_changed: str, version: int
) -> PolicySignal:
    """What changed after the signal, written later than the response."""
    _may_respond(actor, signal)
    if not signal.response:
        raise Refused(_("Schrijf eerst een reactie op het signaal."), field="what_changed")
    what_changed = _text(what_changed, field="what_changed", message=_("Beschrijf wat er veranderd is."))
    bump_version(PolicySignal, signal.pk, version, what=_("dit signaal"), what_changed=what_changed)
    signal.refresh_from_db()
    audit.signal_change_recorded(actor=actor, signal=signal)
    return signal
