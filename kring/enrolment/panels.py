"""The enrolment app's panel on the family's view of one child (`KRING_FAMILY_PANELS`): each
aanmelding of the child, the school's term in words ("De school moet uiterlijk 27 oktober
beslissen"), the receipt, the extension, the school's investigation and conclusion, the decision
and the parents' response. Everything the school wrote is shown; nothing is hidden."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access import policy
from kring.accounts.models import User
from kring.children.models import Child
from kring.web.panels import panel

from . import audit, selectors
from .terms import days_left, terms_of


def _viewer(context: Any) -> User | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    return user if isinstance(user, User) else None


@panel("enrolment/panels/family.html", anchor="aanmeldingen", title=_("Aanmelding bij een school"))
def family_panel(context: Any, child: Child) -> dict[str, Any] | None:
    user = _viewer(context)
    if user is None or not policy.shows_whole_family_view(user, child):
        return None
    if not policy.visible_aanmeldingen(user).filter(child=child).exists():
        return None
    today = timezone.localdate()
    found = selectors.family_aanmeldingen(child)
    rows = []
    for a in found:
        terms = terms_of(a, today=today)
        rows.append(
            {"a": a, "terms": terms, "days_left": days_left(terms.due, today), "steps": list(a.steps.all())}
        )
    audit.listed(actor=user, aanmeldingen=found)
    return {"rows": rows}
