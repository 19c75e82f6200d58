"""The case page's panel 'OPP' (a provider in settings.KRING_CASE_PANELS): where the child's OPP
stands, with a link to the OPP's own page. Who sees it: whoever may read the child's OPP
(`policy.may_view_opp`); the page itself audits the read."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kring.access import policy
from kring.accounts.models import User
from kring.cases.models import Case
from kring.children.models import Child
from kring.web.panels import panel

from .selectors import current_version, opp_progress, versions_of


@panel("opp/panels/opp.html", anchor="opp", title=_("Ontwikkelingsperspectiefplan (OPP)"))
def opp_panel(context: Any, case: Case) -> dict[str, Any] | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    child = case.child
    if not isinstance(user, User) or not policy.may_view_opp(user, child):
        return None
    current = current_version(child)
    if current is None and not policy.may_write_opp(user, child):
        return None
    return {"child": child, "current": current, "progress": opp_progress(child)}


@panel("opp/panels/family.html", anchor="opp", title=_("Ontwikkelingsperspectiefplan (OPP)"))
def family_panel(context: Any, child: Child) -> dict[str, Any] | None:
    """The family's view of one child: the OPP's versions, each with its own page where a parent
    with gezag consents or objects (`portal:opp`)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not policy.shows_whole_family_view(user, child):
        return None
    versions = list(versions_of(child))
    if not versions:
        return None
    return {
        "child": child,
        "versions": versions,
        "current": versions[0],
        "may_consent": policy.may_consent_opp(user, child),
        "progress": opp_progress(child),
    }
