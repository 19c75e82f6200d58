"""`{% oidc_login_button next %}`: the button "Inloggen met DigiD (via <broker>)", only when OIDC is
configured (a page promises only what exists). Any page may include it, e.g. an invitation's page;
the login page passes `password_follows=True` for the heading above its password form."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from django import template
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from ..config import get_config, is_enabled

register = template.Library()
logger = logging.getLogger(__name__)


@register.inclusion_tag("oidc/_login_button.html")
def oidc_login_button(next_url: str = "", password_follows: bool = False) -> dict[str, Any]:
    if not is_enabled():
        return {"enabled": False}
    try:
        service, provider = get_config().button_label_parts
    except ImproperlyConfigured:
        # `kring check` names the problem; the login page keeps working without the button
        logger.error("OIDC is configured incompletely: the login page shows no button (see kring check)")
        return {"enabled": False}
    url = reverse("oidc:start")
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return {
        "enabled": True,
        "url": url,
        "service": service,
        "provider": provider,
        "password_follows": password_follows,
    }


@register.inclusion_tag("oidc/_link_entry.html")
def oidc_link_entry(user: Any) -> dict[str, Any]:
    """`{% oidc_link_entry request.user %}`: on the family's home page, "Koppel je DigiD" for a
    person whose account has no link at the configured provider yet (the route `oidc:start` with
    `koppelen=1`, which asks a verified login first), or the sentence that it is linked. Nothing
    when OIDC is not configured: a page promises only what exists."""
    if not is_enabled() or not getattr(user, "is_authenticated", False):
        return {"enabled": False}
    try:
        config = get_config()
        service, provider = config.button_label_parts
    except ImproperlyConfigured:
        logger.error("OIDC is configured incompletely: the family's page shows no link (see kring check)")
        return {"enabled": False}
    from ..models import ExternalIdentity

    linked = ExternalIdentity.objects.filter(user=user, issuer=config.issuer).exists()
    return {
        "enabled": True,
        "linked": linked,
        "url": reverse("oidc:start") + "?" + urlencode({"koppelen": "1"}),
        "service": service,
        "provider": provider,
    }
