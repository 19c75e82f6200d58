"""`kring check` (and every start of the server) reports an incomplete or unsafe OIDC configuration."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from .config import get_config, is_enabled


@register()
def oidc_configuration(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if not is_enabled():
        return []
    try:
        get_config()
    except ImproperlyConfigured as error:
        return [Error(str(error), hint="See docs/operations.md, 'Inloggen via DigiD'.", id="kring_oidc.E001")]
    return []
