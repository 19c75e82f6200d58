"""The panels of a page from its registry: `{% render_panels "KRING_CASE_PANELS" case %}` renders
them; `{% panels_of "KRING_CASE_PANELS" case as panels %}` gives them (anchor, title, html) for a
page with a table of contents."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from kring.web import panels

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panels(context: Any, setting: str, subject: Any) -> SafeString:
    return panels.render_panels(setting, context, subject)


@register.simple_tag(takes_context=True, name="panels_of")
def panels_of(context: Any, setting: str, subject: Any) -> list[panels.RenderedPanel]:
    return panels.panels_of(setting, context, subject)
