"""The panel registry of the child and case pages.

A page lists its panels in a setting of dotted paths (`KRING_CASE_PANELS` for the case page), so an
app adds a panel to the page by adding its provider to the list, without editing the page's app.
The page renders them in that order with `{% load panels %}{% render_panels "KRING_CASE_PANELS" case %}`.

A panel provider is a function `provider(context, subject) -> dict` marked with `@panel(template)`:
it receives the page's template context (for `request.user`) and the page's subject (the case),
returns the panel template's context, and decides inside the template what the viewer may see (the
access policy decides, through the selectors the provider calls). A provider returning None shows
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar, cast

from django.conf import settings
from django.template import Context
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe


class PanelProvider(Protocol):
    panel_template: str

    def __call__(self, context: Any, subject: Any, /) -> dict[str, Any] | None: ...


F = TypeVar("F", bound=Callable[..., "dict[str, Any] | None"])


def panel(template_name: str) -> Callable[[F], F]:
    """Mark a function as a panel provider that renders `template_name`."""

    def mark(fn: F) -> F:
        fn.panel_template = template_name  # type: ignore[attr-defined]
        return fn

    return mark


def configured_panels(setting: str) -> list[PanelProvider]:
    """The providers listed in `settings.<setting>`, in order."""
    providers = []
    for path in getattr(settings, setting, []):
        provider = import_string(path)
        if not getattr(provider, "panel_template", ""):
            raise TypeError(f"{path} in {setting} is not a panel provider (mark it with @panel)")
        providers.append(cast("PanelProvider", provider))
    return providers


def render_panels(setting: str, context: Context, subject: Any) -> SafeString:
    """Every panel of `settings.<setting>` for `subject`, rendered in order."""
    parts = []
    for provider in configured_panels(setting):
        data = provider(context, subject)
        if data is None:
            continue
        template = context.template.engine.get_template(provider.panel_template)  # type: ignore[union-attr]
        parts.append(template.render(context.new(data)))
    return mark_safe("".join(parts))  # noqa: S308 - each part is a rendered (auto-escaped) template
