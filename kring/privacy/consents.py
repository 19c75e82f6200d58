"""Toestemming (consent): the family lets a named recipient see parts of the child's file, for a
stated purpose and a period; revocable at any time. A professional may ask for it; the family gives
or refuses. Who may: the access policy (`policy.may_decide_consent`, `policy.may_request_consent`);
what a consent opens: `policy.CONSENT_SECTIONS` (docs/adr/0020-consent-in-the-access-policy.md).

Each write and its logbook line are one transaction. Reads go through `visible_consents`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.access import policy
from kring.core.errors import Refused

from . import audit
from .models import Consent, ConsentCategory, ConsentStatus, category_field
from .text import refuse_bsn_in_text

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.children.models import Child
    from kring.organisations.models import Organisation

__all__ = [
    "MAX_PERIOD",
    "accept_request",
    "give_consent",
    "refuse_request",
    "request_consent",
    "revoke_consent",
    "visible_consents",
]

# A consent is for a period, not for ever: at most two years at a time (then the family is asked again).
MAX_PERIOD = timedelta(days=2 * 366)
MAX_PURPOSE = 500


def visible_consents(user: User, child: Child) -> QuerySet[Consent]:
    """The child's consents (and requests) for whoever may read them (`policy.consent_readable_children`)."""
    if not policy.consent_readable_children(user).filter(pk=child.pk).exists():
        return Consent.objects.none()
    return Consent.objects.filter(child=child).select_related(
        "recipient_user", "recipient_organisation", "requested_by", "given_by", "revoked_by"
    )


def _check(
    *,
    recipient_user: User | None,
    recipient_organisation: Organisation | None,
    recipient_name: str,
    stated_purpose: str,
    categories: Iterable[str],
    valid_from: date | None,
    valid_until: date | None,
    today: date,
) -> dict[str, Any]:
    errors: dict[str | None, list[str]] = {}
    name = " ".join((recipient_name or "").split())
    if not name and recipient_user is not None:
        name = recipient_user.display_name
    if not name and recipient_organisation is not None:
        name = recipient_organisation.name
    if not name:
        errors["recipient_name"] = [_("Schrijf op met wie je wilt delen: een persoon of een organisatie.")]
    purpose = " ".join((stated_purpose or "").split())
    if not purpose:
        errors["stated_purpose"] = [_("Schrijf op waarvoor de ontvanger de gegevens gebruikt.")]
    elif len(purpose) > MAX_PURPOSE:
        errors["stated_purpose"] = [_("Schrijf het doel korter op: hoogstens 500 tekens.")]
    chosen = sorted(set(categories or []))
    if not chosen or any(c not in ConsentCategory.values for c in chosen):
        errors["categories"] = [_("Kies wat je wilt delen: minstens één deel van het dossier.")]
    if valid_from is None:
        errors["valid_from"] = [_("Vul in vanaf welke dag de toestemming geldt.")]
    elif valid_from < today:
        errors["valid_from"] = [
            _("Toestemming geldt vanaf vandaag of later, niet vanaf een dag die voorbij is.")
        ]
    if valid_until is None:
        errors["valid_until"] = [_("Vul in tot en met welke dag de toestemming geldt.")]
    elif valid_from is not None and valid_until < valid_from:
        errors["valid_until"] = [_("De laatste dag ligt op of na de eerste dag.")]
    elif valid_from is not None and valid_until - valid_from > MAX_PERIOD:
        errors["valid_until"] = [
            _("Toestemming geldt hoogstens twee jaar. Daarna vraagt Kring het opnieuw, als het nodig is.")
        ]
    if errors:
        raise Refused.many(errors)
    refuse_bsn_in_text(recipient_name=name, stated_purpose=purpose)
    values: dict[str, Any] = {
        "recipient_user": recipient_user,
        "recipient_organisation": recipient_organisation,
        "recipient_name": name[:200],
        "stated_purpose": purpose,
        "valid_from": valid_from,
        "valid_until": valid_until,
    }
    for category in ConsentCategory.values:
        values[category_field(category)] = category in chosen
    return values


def give_consent(
    *,
    actor: User,
    child: Child,
    stated_purpose: str,
    categories: Iterable[str],
    valid_from: date | None,
    valid_until: date | None,
    recipient_user: User | None = None,
    recipient_organisation: Organisation | None = None,
    recipient_name: str = "",
) -> Consent:
    """The family gives consent (a parent with gezag of a child under 16, the child from 16)."""
    if not policy.may_decide_consent(actor, child):
        raise PermissionDenied(str(policy.CONSENT_REFUSALS["decide"]))
    values = _check(
        recipient_user=recipient_user,
        recipient_organisation=recipient_organisation,
        recipient_name=recipient_name,
        stated_purpose=stated_purpose,
        categories=categories,
        valid_from=valid_from,
        valid_until=valid_until,
        today=timezone.localdate(),
    )
    with transaction.atomic():
        consent = Consent.objects.create(
            child=child, status=ConsentStatus.GIVEN, given_by=actor, given_at=timezone.now(), **values
        )
        audit.consent_given(actor=actor, consent=consent)
    return consent


def _locked(child: Child, consent_id: Any) -> Consent:
    try:
        pk = int(consent_id)
    except (TypeError, ValueError):
        raise Refused(_("Deze toestemming bestaat niet."), code="consent_unknown") from None
    consent = Consent.objects.select_for_update().filter(pk=pk, child=child).first()
    if consent is None:
        raise Refused(_("Deze toestemming bestaat niet."), code="consent_unknown")
    return consent


def revoke_consent(*, actor: User, child: Child, consent_id: Any) -> Consent:
    """Take a given consent back. It ends at once: the access policy reads `revoked_at`."""
    if not policy.may_decide_consent(actor, child):
        raise PermissionDenied(str(policy.CONSENT_REFUSALS["decide"]))
    with transaction.atomic():
        consent = _locked(child, consent_id)
        if consent.status != ConsentStatus.GIVEN:
            raise Refused(_("Alleen een gegeven toestemming kun je intrekken."), code="consent_not_given")
        if consent.revoked_at is not None:
            raise Refused(_("Deze toestemming is al ingetrokken."), code="consent_revoked")
        consent.revoked_at = max(timezone.now(), consent.given_at or timezone.now())
        consent.revoked_by = actor
        consent.save(update_fields=["revoked_at", "revoked_by"])
        audit.consent_revoked(actor=actor, consent=consent)
    return consent


def request_consent(
    *,
    actor: User,
    child: Child,
    stated_purpose: str,
    categories: Iterable[str],
    valid_from: date | None,
    valid_until: date | None,
) -> Consent:
    """A professional asks the family for consent, for themselves as recipient (and their organisation)."""
    if not policy.may_request_consent(actor, child):
        raise PermissionDenied(str(policy.CONSENT_REFUSALS["request"]))
    values = _check(
        recipient_user=actor,
        recipient_organisation=actor.organisation,
        recipient_name=(
            f"{actor.display_name} ({actor.organisation.name})" if actor.organisation else actor.display_name
        ),
        stated_purpose=stated_purpose,
        categories=categories,
        valid_from=valid_from,
        valid_until=valid_until,
        today=timezone.localdate(),
    )
    with transaction.atomic():
        consent = Consent.objects.create(
            child=child,
            status=ConsentStatus.REQUESTED,
            requested_by=actor,
            requested_at=timezone.now(),
            **values,
        )
        audit.consent_requested(actor=actor, consent=consent)
    return consent


def _open_request(child: Child, consent_id: Any) -> Consent:
    consent = _locked(child, consent_id)
    if consent.status != ConsentStatus.REQUESTED:
        raise Refused(_("Op deze vraag is al geantwoord."), code="consent_answered")
    return consent


def accept_request(*, actor: User, child: Child, consent_id: Any) -> Consent:
    """The family says yes to a request; a period that has begun starts today."""
    if not policy.may_decide_consent(actor, child):
        raise PermissionDenied(str(policy.CONSENT_REFUSALS["decide"]))
    today = timezone.localdate()
    with transaction.atomic():
        consent = _open_request(child, consent_id)
        if consent.valid_until < today:
            raise Refused(_("De periode van deze vraag is al voorbij."), code="consent_request_ended")
        consent.valid_from = max(consent.valid_from, today)
        consent.status = ConsentStatus.GIVEN
        consent.given_by = actor
        consent.given_at = timezone.now()
        consent.save(update_fields=["valid_from", "status", "given_by", "given_at"])
        audit.consent_given(actor=actor, consent=consent)
    return consent


def refuse_request(*, actor: User, child: Child, consent_id: Any) -> Consent:
    """The family says no to a request. Nothing is shared; the professional sees the answer."""
    if not policy.may_decide_consent(actor, child):
        raise PermissionDenied(str(policy.CONSENT_REFUSALS["decide"]))
    with transaction.atomic():
        consent = _open_request(child, consent_id)
        consent.status = ConsentStatus.REFUSED
        consent.refused_at = timezone.now()
        consent.save(update_fields=["status", "refused_at"])
        audit.consent_refused(actor=actor, consent=consent)
    return consent
