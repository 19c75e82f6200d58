"""The case page's panel "Wie mag wat zien, en waarom" (KRING_CASE_PANELS): per professional in the
circle the basis of what they see (a task by law, the circle, or the family's consent until a day),
the family's consents and requests, and the request form's link for whoever may ask. The access
policy decides (`policy.basis_rows`, `policy.may_request_consent`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kring.access import policy
from kring.accounts.models import User
from kring.cases.models import Case
from kring.privacy import consents
from kring.web.panels import panel


@panel("portal/panels/consent_basis.html", anchor="toestemming", title=_("Wie mag wat zien, en waarom"))
def consent_panel(context: Any, case: Case) -> dict[str, Any] | None:
    request = context.get("request")
    viewer = getattr(request, "user", None)
    if not isinstance(viewer, User) or not policy.can(viewer, policy.Act.VIEW_CIRCLE, case):
        return None
    rows = consents.visible_consents(viewer, case.child)
    return {
        "case": case,
        "child": case.child,
        "basis_rows": policy.basis_rows(case),
        "consents": list(rows.order_by("-created_at")[:20]),
        "may_request": policy.may_request_consent(viewer, case.child),
        "legal_bases": policy.LEGAL_BASES,
    }
