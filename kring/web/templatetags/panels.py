"""`{% render_panels "KRING_CASE_PANELS" case %}`: the panels of a page from its registry."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from kring.web import panels

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panels(context: Any, setting: str, subject: Any) -> SafeString:
    return panels.render_panels(setting, context, subject)
