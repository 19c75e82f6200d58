"""An invited parent who logs in through the region's DigiD broker instead of choosing a password:
the invitation the session opened links the login (kring.children.invitations.oidc_account_for_session)."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail

from kring.accounts.oidc.models import ExternalIdentity
from kring.cases.testing import make_world
from kring.children import invitations
from kring.children.models import Invitation
from kring.children.services import add_representative

from .helpers import log_in_through


def test_an_invited_parent_logs_in_through_the_provider_and_is_linked(
    client: Any, settings: Any, idp: Any
) -> None:
    settings.KRING_OIDC_LINK_HOOKS = ["kring.children.invitations.oidc_account_for_session"]
    world = make_world()
    rep = add_representative(actor=None, child=world.child, name="Karim Vader", relation="vader")
    invitations.invite_parent(
        actor=world.user("lpa"), child=world.child, representative=rep, email="k@example.org"
    )
    url = re.search(r"/account/uitnodiging/[^\s/]+/", str(mail.outbox[-1].body))
    assert url is not None
    page = client.get(url.group(0))
    assert page.status_code == 200 and "/account/extern/inloggen/" in page.content.decode()
    response = log_in_through(client)
    assert response.status_code == 302
    rep.refresh_from_db()
    assert rep.user is not None and rep.user.role == "ouder" and not rep.user.has_usable_password()
    assert int(client.session["_auth_user_id"]) == rep.user.pk
    assert ExternalIdentity.objects.get(user=rep.user).linked_via == "uitnodiging"
    assert Invitation.objects.get().accepted_by == rep.user
    assert client.get(url.group(0)).status_code == 410  # used up


def test_without_an_invitation_in_the_session_nobody_is_linked(client: Any, settings: Any, idp: Any) -> None:
    settings.KRING_OIDC_LINK_HOOKS = ["kring.children.invitations.oidc_account_for_session"]
    response = log_in_through(client)
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302, 403)
