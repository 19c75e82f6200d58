"""The panel registry of the child and case pages.

A page lists its panels in a setting of dotted paths (`KRING_CASE_PANELS` for the case page), so an
app adds a panel to the page by adding its provider to the list, without editing the page's app.
The page renders them in that order with `{% load panels %}{% render_panels "KRING_CASE_PANELS" case %}`.

A panel provider is a function `provider(context, subject) -> dict` marked with
`@panel(template, anchor=..., title=...)`: `anchor` is the id of the panel's <section> and `title`
its heading, so the page's table of contents ("Op deze pagina") lists every panel that shows
something, in the registry's order, without knowing the panels. The provider receives the page's
template context (for `request.user`) and the page's subject (the case), returns the panel
template's context, and decides inside the template what the viewer may see (the
access policy decides, through the selectors the provider calls). A provider returning None, or a
template rendering nothing, shows nothing and gets no line in the table of contents.

`{% panels_of "KRING_CASE_PANELS" case as panels %}` gives the rendered panels (each with `anchor`,
`title` and `html`) for a page that shows a table of contents; `{% render_panels ... %}` only the HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, cast

from django.conf import settings
from django.template import Context
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe


class PanelProvider(Protocol):
    panel_template: str
    panel_anchor: str
    panel_title: str | Promise

    def __call__(self, context: Any, subject: Any, /) -> dict[str, Any] | None: ...


F = TypeVar("F", bound=Callable[..., "dict[str, Any] | None"])


def panel(template_name: str, *, anchor: str, title: str | Promise) -> Callable[[F], F]:
    """Mark a function as a panel provider that renders `template_name`: a <section id="`anchor`">
    with the heading `title` (a lazy translation), which the table of contents links to."""

    def mark(fn: F) -> F:
        fn.panel_template = template_name  # type: ignore[attr-defined]
        fn.panel_anchor = anchor  # type: ignore[attr-defined]
        fn.panel_title = title  # type: ignore[attr-defined]
        return fn

    return mark


@dataclass(frozen=True)
class RenderedPanel:
    anchor: str
    title: str | Promise
    html: SafeString


def configured_panels(setting: str) -> list[PanelProvider]:
    """The providers listed in `settings.<setting>`, in order."""
    providers = []
    for path in getattr(settings, setting, []):
        provider = import_string(path)
        if not getattr(provider, "panel_template", ""):
            raise TypeError(f"{path} in {setting} is not a panel provider (mark it with @panel)")
        providers.append(cast("PanelProvider", provider))
    return providers


def panels_of(setting: str, context: Context, subject: Any) -> list[RenderedPanel]:
    """The panels of `settings.<setting>` that show something for `subject`, rendered, in order."""
    rendered = []
    for provider in configured_panels(setting):
        data = provider(context, subject)
        if data is None:
            continue
        template = context.template.engine.get_template(provider.panel_template)  # type: ignore[union-attr]
        html = template.render(context.new(data))
        if not html.strip():
            continue
        rendered.append(
            RenderedPanel(
                anchor=provider.panel_anchor,
                title=provider.panel_title,
                html=mark_safe(html),  # noqa: S308 - a rendered (auto-escaped) template
            )
        )
    return rendered


def render_panels(setting: str, context: Context, subject: Any) -> SafeString:
    """Every panel of `settings.<setting>` for `subject`, rendered in order."""
    return mark_safe("".join(p.html for p in panels_of(setting, context, subject)))  # noqa: S308
