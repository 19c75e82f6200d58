"""Placement's panels: on the case page (settings.KRING_CASE_PANELS) and in the family's view of a
child (settings.KRING_FAMILY_PANELS): where the child waits and which school stays responsible
meanwhile, and the TLV requests with the terms the rules engine computed. The access policy decides
what each viewer sees (through the selectors)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access import policy
from kring.accounts.models import User
from kring.cases.models import Case
from kring.children.models import Child
from kring.web.panels import panel

from . import audit, selectors
from .models import TlvDecision


def _viewer(context: Any) -> User | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    return user if isinstance(user, User) else None


def _placement(user: User, child: Child) -> dict[str, Any] | None:
    requests = selectors.child_tlv_requests(user, child)
    waiting = selectors.child_waiting(user, child)
    if not requests and not waiting:
        return None
    today = timezone.localdate()
    for tlv_request in requests:
        audit.tlv_viewed(actor=user, tlv_request=tlv_request)
    rows = []
    for tlv_request in requests:
        try:
            decision: TlvDecision | None = tlv_request.decision
        except TlvDecision.DoesNotExist:
            decision = None
        rows.append(
            {
                "tlv": tlv_request,
                "decision": decision,
                "advices": list(tlv_request.advices.all()),
                "terms": selectors.tlv_terms(tlv_request, today=today),
            }
        )
    return {"child": child, "rows": rows, "waiting": waiting}


@panel("placement/panels/case.html", anchor="plaatsing", title=_("Plaatsing en wachtlijst"))
def case_panel(context: Any, case: Case) -> dict[str, Any] | None:
    user = _viewer(context)
    if user is None or not policy.can(user, policy.Act.VIEW_CASE, case):
        return None
    return _placement(user, case.child)


@panel("placement/panels/family.html", anchor="plaatsing", title=_("Plaatsing in het speciaal onderwijs"))
def family_panel(context: Any, child: Child) -> dict[str, Any] | None:
    user = _viewer(context)
    if user is None or not policy.shows_whole_family_view(user, child):
        return None
    return _placement(user, child)
