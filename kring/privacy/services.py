"""Writes of the privacy app: opening a child's file in an emergency (toegang in een noodgeval).

Who may, and what it gives, is the access policy's (`policy.break_glass_refusal`,
`policy.BREAK_GLASS_PERIOD`); this service checks the input, records the grant and its logbook line
in one transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.access import policy
from kring.children.models import Child
from kring.core.errors import Refused

from . import audit
from .crypto import bsn_lookup_hash, is_valid_bsn, normalize_bsn
from .models import BreakGlassAccess
from .text import refuse_bsn_in_text

if TYPE_CHECKING:
    from kring.accounts.models import User

__all__ = ["REASON_MIN_WORDS", "open_break_glass"]

# "At least a few words": a reason the family can understand, not "nood" or "x".
REASON_MIN_WORDS = 4


def open_break_glass(*, actor: User, bsn: str, reason: str) -> BreakGlassAccess:
    """Open the file of the child with this BSN for `actor` to read, for the policy's period, with
    `reason`. Refused when their role may not, the reason is too short (or holds a BSN), no child has
    this BSN, or they can already see the file."""
    refusal = policy.break_glass_refusal(actor, None)
    if refusal is not None:
        raise Refused(str(policy.BREAK_GLASS_REFUSALS[refusal]), code=f"break_glass_{refusal}")
    text = " ".join((reason or "").split())
    errors: dict[str | None, list[str]] = {}
    if len(text.split()) < REASON_MIN_WORDS:
        errors["reason"] = [
            _(
                "Schrijf in een paar woorden op waarom je het dossier nu nodig hebt. Het gezin leest deze "
                "reden in het logboek."
            )
        ]
    if not is_valid_bsn(bsn or ""):
        errors["bsn"] = [_("Vul een geldig BSN in: 9 cijfers.")]
    if errors:
        raise Refused.many(errors)
    refuse_bsn_in_text(reason=text)
    child = Child.objects.filter(bsn_hash=bsn_lookup_hash(normalize_bsn(bsn))).first()
    if child is None:
        raise Refused(
            _("Kring kent geen kind met dit BSN. Kijk het nummer na."),
            field="bsn",
            code="break_glass_unknown",
        )
    refusal = policy.break_glass_refusal(actor, child)
    if refusal is not None:
        raise Refused(str(policy.BREAK_GLASS_REFUSALS[refusal]), code=f"break_glass_{refusal}")
    now = timezone.now()
    with transaction.atomic():
        grant = BreakGlassAccess.objects.create(
            user=actor, child=child, reason=text, starts_at=now, ends_at=now + policy.BREAK_GLASS_PERIOD
        )
        hours = int(policy.BREAK_GLASS_PERIOD.total_seconds() // 3600)
        audit.break_glass_opened(actor=actor, grant=grant, hours=hours)
    return grant
