"""Audit events of logging in through the identity provider. The data holds codes and ids only:
never a token, a claim or the subject (which may be a BSN), nor its hash."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from kring.privacy.audit import event_kind
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose

from .errors import REASONS

if TYPE_CHECKING:
    from kring.accounts.models import User


def _reason(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"reason_text": str(REASONS.get(str(data.get("reason", "")), data.get("reason", "")))}


OIDC_LOGGED_IN = event_kind(
    "account.oidc_logged_in",
    action=AuditAction.LOGIN,
    object_type="account",
    title=_("Ingelogd via de inlogdienst (OpenID Connect)."),
    detail=_("Ingelogd via de inlogdienst op niveau {level}."),
    example={"user_id": 7, "level": "midden", "second_step": False},
)
OIDC_LOGIN_REFUSED = event_kind(
    "account.oidc_login_refused",
    action=AuditAction.LOGIN_FAILED,
    object_type="account",
    title=_("Inloggen via de inlogdienst (OpenID Connect) is geweigerd."),
    detail=_("Inloggen via de inlogdienst is geweigerd: {reason_text}"),
    context=_reason,
    example={"reason": "nonce", "user_id": None},
)
OIDC_UNKNOWN_PERSON = event_kind(
    "account.oidc_unknown_person",
    action=AuditAction.LOGIN_FAILED,
    object_type="account",
    title=_("Iemand logde in via de inlogdienst, maar Kring kent deze persoon nog niet."),
    example={"level": "midden"},
)
OIDC_LINKED = event_kind(
    "account.oidc_linked",
    action=AuditAction.CREATE,
    object_type="externe_inlog",
    title=_("Een account is gekoppeld aan een inlog via de inlogdienst."),
    example={"user_id": 7, "identity_id": 3, "linked_via": "uitnodiging"},
)
OIDC_LOGGED_OUT = event_kind(
    "account.oidc_logged_out",
    action=AuditAction.LOGIN,
    object_type="account",
    title=_("Uitgelogd, ook bij de inlogdienst."),
    example={"user_id": 7, "at_provider": True},
)


def logged_in(*, user: User, level: str | None, second_step: bool) -> AuditEvent:
    then = " Daarna wordt de code uit de app gevraagd." if second_step else ""
    return OIDC_LOGGED_IN.write(
        actor=user,
        purpose=Purpose.LOGIN,
        object_id=user.pk,
        data={"user_id": user.pk, "level": level, "second_step": second_step},
        message=f"{user.display_name} is ingelogd via de inlogdienst (niveau {level or 'onbekend'}).{then}",
    )


def login_refused(*, reason: str, user: User | None = None) -> AuditEvent:
    return OIDC_LOGIN_REFUSED.write(
        actor=user,
        purpose=Purpose.LOGIN,
        object_id=user.pk if user is not None else "",
        data={"reason": reason, "user_id": user.pk if user is not None else None},
        message=f"Inloggen via de inlogdienst geweigerd ({reason}).",
    )


def unknown_person(*, level: str | None) -> AuditEvent:
    return OIDC_UNKNOWN_PERSON.write(
        actor=None,
        purpose=Purpose.LOGIN,
        data={"level": level},
        message=(
            "Iemand logde in via de inlogdienst, maar is nog niet bekend in Kring. "
            "Er is geen account gemaakt."
        ),
    )


def linked(*, user: User, identity_id: int, linked_via: str) -> AuditEvent:
    return OIDC_LINKED.write(
        actor=user,
        purpose=Purpose.LOGIN,
        object_id=user.pk,
        data={"user_id": user.pk, "identity_id": identity_id, "linked_via": linked_via},
        message=(
            f"Het account van {user.display_name} is gekoppeld aan een inlog via de inlogdienst "
            f"({linked_via})."
        ),
    )


def logged_out(*, user: User, at_provider: bool) -> AuditEvent:
    also = ", ook bij de inlogdienst" if at_provider else ""
    return OIDC_LOGGED_OUT.write(
        actor=user,
        purpose=Purpose.LOGIN,
        object_id=user.pk,
        data={"user_id": user.pk, "at_provider": at_provider},
        message=f"{user.display_name} is uitgelogd{also}.",
    )
