"""`{% load desk_links %}{% question_links_block question %}`: the consented links of a question and
the two ways to make one, for the question's detail page (read through the selector)."""

from __future__ import annotations

from typing import Any

from django import template

from kring.accounts.models import User
from kring.desk.models import Question
from kring.desk.selectors.links import question_links

register = template.Library()


@register.inclusion_tag("desk/links/_question_links.html", takes_context=True)
def question_links_block(context: Any, question: Question) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    links = question_links(actor=user, question=question) if isinstance(user, User) else []
    return {"question": question, "links": links}
