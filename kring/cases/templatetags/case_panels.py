"""Panels of the case page that belong to the work on a case (circle, meetings, plan, escalation).

Each panel is an inclusion tag that takes the template context (for request.user) and the case.
"""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("cases/panels/_empty.html", takes_context=True)
def circle_panel(context: dict[str, Any], case: Any) -> dict[str, Any]:
    return {"case": case}


@register.inclusion_tag("cases/panels/_empty.html", takes_context=True)
def meetings_panel(context: dict[str, Any], case: Any) -> dict[str, Any]:
    return {"case": case}


@register.inclusion_tag("cases/panels/_empty.html", takes_context=True)
def plan_panel(context: dict[str, Any], case: Any) -> dict[str, Any]:
    return {"case": case}


@register.inclusion_tag("cases/panels/_empty.html", takes_context=True)
def escalations_panel(context: dict[str, Any], case: Any) -> dict[str, Any]:
    return {"case": case}
