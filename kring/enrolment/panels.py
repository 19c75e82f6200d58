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
from kring.cases.models import Case
from kring.children.models import Child
from kring.web.panels import panel

from . import audit, selectors
from .letters import letters_of
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


def _discipline(user: User, child: Child) -> tuple[list[Any], list[Any]] | None:
    suspensions = selectors.child_suspensions(user, child)
    removals = selectors.child_removals(user, child)
    if not suspensions and not removals:
        return None
    audit.discipline_listed(actor=user, child_id=child.pk, suspensions=suspensions, removals=removals)
    return suspensions, removals


def _professional_discipline(user: User, child: Child) -> dict[str, Any] | None:
    may_record = policy.may_record_discipline(user, child)
    found = _discipline(user, child)
    if found is None and not may_record:
        return None
    suspensions, removals = found or ([], [])
    return {"child": child, "suspensions": suspensions, "removals": removals, "may_record": may_record}


@panel("enrolment/panels/discipline_case.html", anchor="schorsing", title=_("Schorsing en verwijdering"))
def child_discipline_panel(context: Any, child: Child) -> dict[str, Any] | None:
    """On the page about a child (without a case): the same as on the case page."""
    user = _viewer(context)
    if user is None or policy.uses_family_pages(user) or not policy.can_view_child(user, child):
        return None
    return _professional_discipline(user, child)


@panel("enrolment/panels/discipline_case.html", anchor="schorsing", title=_("Schorsing en verwijdering"))
def case_discipline_panel(context: Any, case: Case) -> dict[str, Any] | None:
    """On the case page: the child's suspensions and removals, and the way to record one (the school)."""
    user = _viewer(context)
    if user is None or not policy.can(user, policy.Act.VIEW_CASE, case):
        return None
    return _professional_discipline(user, case.child)


@panel("enrolment/panels/discipline_family.html", anchor="schorsing", title=_("Schorsing en verwijdering"))
def family_discipline_panel(context: Any, child: Child) -> dict[str, Any] | None:
    """In the family's view: what the school decided, and its letters."""
    user = _viewer(context)
    if user is None or not policy.shows_whole_family_view(user, child):
        return None
    found = _discipline(user, child)
    if found is None:
        return None
    suspensions, removals = found
    return {
        "rows": [{"s": s, "letters": letters_of(s)} for s in suspensions],
        "removals": [{"r": r, "letters": letters_of(r)} for r in removals],
    }
