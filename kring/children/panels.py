"""The case page's panel 'Wat de instanties moeten doen' (a provider in settings.KRING_CASE_PANELS;
the child page gets it through its own registry once that page exists, ADR 0009).

It shows the leerplichtambtenaar what the family reads in its own view: every duty of the school,
the samenwerkingsverband and the gemeente with its status, and the school days the child went
without education while enrolled or aangemeld (`kring.children.duties`). Who sees it is decided by
the access policy (`policy.shows_institution_duties`).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access import policy
from kring.accounts.models import User
from kring.cases.models import Case
from kring.web.panels import panel

from .duties import institution_duties
from .readmodel import current_assessment
from .selectors import child_timeline


@panel("children/panels/institutions.html", anchor="instanties", title=_("Wat de instanties moeten doen"))
def institutions_panel(context: Any, case: Case) -> dict[str, Any] | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not policy.shows_institution_duties(user, case):
        return None
    today = timezone.localdate()
    child = case.child
    stored = current_assessment(child, today=today)
    events = list(child_timeline(child))
    link_css = not context.get("kring_work_css_linked")
    context["kring_work_css_linked"] = True
    return {
        "case": case,
        "child": child,
        "duties": institution_duties(child, data=stored.data, events=events, as_of=today),
        "link_css": link_css,
        "for_family": False,
    }
