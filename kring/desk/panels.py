"""The case page's panel 'Via het ouder- en jeugdsteunpunt' (a provider in settings.KRING_CASE_PANELS).

It shows the questions linked to the case with the parent's consent: reference, steunpunt,
categories, consent date and scope, and when consent was taken back. Never the question's text or
the contact details: the conversation with the steunpunt stays the steunpunt's (ADR 0013). Who sees
the panel is decided by the access policy (`policy.Act.VIEW_DESK_LINKS`, read by the selector).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kring.accounts.models import User
from kring.cases.models import Case
from kring.web.panels import panel

from .selectors.links import case_links


@panel("desk/panels/links.html", anchor="steunpunt", title=_("Via het ouder- en jeugdsteunpunt"))
def desk_links_panel(context: Any, case: Case) -> dict[str, Any] | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return None
    links = case_links(viewer=user, case=case)
    if links is None or not (links.active or links.revoked):
        return None
    link_css = not context.get("kring_work_css_linked")
    context["kring_work_css_linked"] = True
    return {"case": case, "links": links, "link_css": link_css}
