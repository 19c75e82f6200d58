"""The hook for a first login of an unknown person: an invitation may link them to an account.

Kring never makes an account because someone logged in at the provider. When the provider's subject
is not linked yet, each callable in ``settings.KRING_OIDC_LINK_HOOKS`` is asked, in order, whether
this session holds an invitation that such a login may accept::

    # settings: KRING_OIDC_LINK_HOOKS = ["kring.accounts.invitations.oidc_account_for_session"]

    def oidc_account_for_session(request: HttpRequest, login: ExternalLogin) -> User | None:
        invitation = invitation_in_session(request)   # e.g. a token the invitation link put there
        if invitation is None:
            return None
        return accept_invitation(invitation, ...)     # marks it used; returns the (new) account

The hook runs inside the transaction that stores the link (an error rolls back both), may create
or activate the invited account, and is responsible for using up the invitation. It receives no
subject, only what `ExternalLogin` holds. The first hook that returns an active account wins; Kring
then stores (issuer, hash of the subject) for that account, writes `account.oidc_linked` and logs
the person in. When every hook returns None, the person sees the page "not known in Kring yet".

A link can also be made in code (a test, a management command) with `link_identity`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from kring.accounts.models import User


@dataclass(frozen=True)
class ExternalLogin:
    """What a link hook may know of a login through the provider. Never the subject itself."""

    issuer: str
    subject_hash: str
    level: str | None  # DigiD's level of the login (basis, midden, substantieel, hoog) or None
    email: str = ""  # only when the provider sends a verified e-mail address
    name: str = ""  # only when the provider sends a name (DigiD does not)


LinkHook = Callable[[HttpRequest, ExternalLogin], "User | None"]


def hooks() -> list[LinkHook]:
    return [import_string(path) for path in getattr(settings, "KRING_OIDC_LINK_HOOKS", [])]


def invited_account(request: HttpRequest, login: ExternalLogin) -> User | None:
    """The account an invitation in this session links this login to, or None."""
    for hook in hooks():
        user = hook(request, login)
        if user is not None and user.is_active:
            return user
    return None
