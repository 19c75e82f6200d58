"""The terugkeerplan's panels: on the case page (settings.KRING_CASE_PANELS) the open plan and its
steps, with a link to its page (no plan: no panel; the page's prompt asks for one); in the family's
view (settings.KRING_FAMILY_PANELS) the open plan in plain words, read-only. Who sees them: whoever
may read the child's plan (`policy.may_view_return_plan`)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access import policy
from kring.accounts.models import User
from kring.cases.models import Case
from kring.children.models import Child
from kring.web.panels import panel

from .return_selectors import open_plan


@panel("opp/panels/return_plan.html", anchor="terugkeerplan", title=_("Terugkeerplan"))
def case_panel(context: Any, case: Case) -> dict[str, Any] | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    child = case.child
    if not isinstance(user, User) or not policy.may_view_return_plan(user, child):
        return None
    plan = open_plan(child)
    if plan is None:  # no plan: the page's prompt asks for one after the words that end support
        return None
    return {
        "child": child,
        "plan": plan,
        "may_write": False,  # the panel shows the steps; the plan's page marks them
        "today": timezone.localdate(),
    }


@panel("opp/panels/return_plan_family.html", anchor="terugkeerplan", title=_("Terug naar school"))
def family_panel(context: Any, child: Child) -> dict[str, Any] | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not policy.shows_whole_family_view(user, child):
        return None
    plan = open_plan(child)
    if plan is None:
        return None
    return {"child": child, "plan": plan, "today": timezone.localdate()}
