"""`{% return_plan_prompt child %}`: after a phrase that ends support ('zorg is voorliggend', ...)
in a text about the child, while the child has no open terugkeerplan, the page asks who does what,
by when (`return_selectors.prompt_for`). Used by the case page and the OPP's pages. It never changes
a status."""

from __future__ import annotations

from typing import Any

from django import template

from kring.accounts.models import User
from kring.children.models import Child

from ..return_selectors import prompt_for

register = template.Library()


@register.inclusion_tag("opp/return/_prompt.html", takes_context=True)
def return_plan_prompt(context: Any, child: Child) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    prompt = prompt_for(user, child) if isinstance(user, User) and isinstance(child, Child) else None
    return {"prompt": prompt, "child": child}
