"""Accounts for the family: invitations by e-mail link, accepting one, and recording gezag.

Who may do what is the access policy's (`may_invite_family`, `decide_invite_child`,
`may_manage_invitation`, `may_record_gezag`). An invitation is a one-time link like the enrolment
link of two-factor login (`accounts.services.issue_enrolment_link`): only a hash of its secret is
stored, it is valid for `INVITATION_DAYS` days, it works once, it can be revoked, and re-sending it
gives a new secret (the old link stops working). The mail names the child by first name only and
says who invited; it never holds the BSN or anything of the case.

Accepting makes an account (role ouder, or leerling for the child) with a password that passes
Django's validators, links it to the representative (or to the child), and keeps the e-mail address
and phone number the person entered, so the circle shows how to reach them.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import EmailValidator
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kring.access import policy
from kring.accounts.models import User
from kring.accounts.oidc.linking import ExternalLogin
from kring.accounts.roles import Role
from kring.core.errors import Refused
from kring.privacy.purposes import Purpose

from . import audit
from .models import Child, Gezag, Invitation, InvitationKind, LegalRepresentative

__all__ = [
    "INVITATION_DAYS",
    "InvitationState",
    "accept_invitation",
    "invitation_by_token",
    "invite_child",
    "invite_parent",
    "read_family",
    "record_gezag",
    "resend_invitation",
    "revoke_invitation",
]

INVITATION_DAYS = 14


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _clean_email(value: str, *, field: str = "email") -> str:
    email = (value or "").strip()
    if not email:
        raise Refused(_("Vul het e-mailadres in. Daar sturen we de uitnodiging naartoe."), field=field)
    try:
        EmailValidator()(email)
    except ValidationError:
        raise Refused(
            _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."), field=field
        ) from None
    return email


def _inviter(actor: User) -> str:
    if actor.organisation is not None:
        return f"{actor.display_name} ({actor.organisation.name})"
    return actor.display_name


def _mail(*, invitation: Invitation, token: str, actor: User) -> str:
    """Mail the link; return it. The mail names the child by first name and the inviter: no BSN,
    no last name, nothing of the case."""
    url = settings.KRING_BASE_URL.rstrip("/") + reverse("accounts:invitation", args=[token])
    child = invitation.child
    if invitation.kind == InvitationKind.KIND:
        greeting = child.first_name
        about = _("Je krijgt een eigen account in Kring. Daar zie je je plan en wat er is afgesproken.")
    else:
        assert invitation.representative is not None
        greeting = invitation.representative.name
        about = _(
            "Je krijgt een account in Kring voor %(child)s. Daar zie je wat er over %(child)s is vastgelegd."
        ) % {"child": child.first_name}
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            subject=_("Uitnodiging voor Kring"),
            message=_(
                "Hallo %(name)s,\n\n%(inviter)s nodigt je uit voor Kring. %(about)s\n\n"
                "Maak je account met deze link. De link werkt één keer en is %(days)s dagen geldig:\n\n"
                "%(url)s\n\n"
                "Kende je deze uitnodiging niet? Dan hoef je niets te doen. Je kunt ook contact opnemen "
                "met %(inviter)s."
            )
            % {
                "name": greeting,
                "inviter": _inviter(actor),
                "about": about,
                "days": INVITATION_DAYS,
                "url": url,
            },
            from_email=None,
            recipient_list=[invitation.email],
        )
    return url


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_hash = _hash(token)
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=INVITATION_DAYS)
    return token


def _close_open(*, actor: User, invitations: QuerySet[Invitation]) -> None:
    """Earlier open invitations for the same person stop working (one link per person)."""
    now = timezone.now()
    for earlier in invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now):
        earlier.revoked_at = now
        earlier.revoked_by = actor
        earlier.save(update_fields=["revoked_at", "revoked_by"])
        audit.invitation_revoked(actor=actor, invitation=earlier)


@dataclass(frozen=True)
class Sent:
    invitation: Invitation
    url: str


def invite_parent(
    *,
    actor: User,
    child: Child,
    email: str,
    representative: LegalRepresentative | None = None,
    name: str = "",
    relation: str = "",
    gezag: str = Gezag.GEZAG,
) -> Sent:
    """Invite a legal representative (chosen, or entered here and recorded) to an account linked to
    the child's file, and mail them the link."""
    if not policy.may_invite_family(actor, child):
        raise PermissionDenied(_("Je mag de ouders van dit kind niet uitnodigen."))
    address = _clean_email(email)
    if representative is not None and representative.child_id != child.pk:
        raise Refused(_("Kies een ouder of verzorger van dit kind."), field="representative")
    if representative is not None and representative.user_id is not None:
        raise Refused(
            _("%(name)s heeft al een account bij dit dossier.") % {"name": representative.name},
            field="representative",
        )
    if representative is None:
        name = (name or "").strip()
        if not name:
            raise Refused(_("Kies een ouder of verzorger, of vul de naam in."), field="name")
        if len(name) > 200:
            raise Refused(_("De naam mag hoogstens 200 tekens hebben."), field="name")
        if gezag not in Gezag.values:
            raise Refused(_("Kies of deze ouder gezag heeft."), field="gezag")
    with transaction.atomic():
        if representative is None:
            representative = LegalRepresentative.objects.create(
                child=child,
                name=name,
                relation=(relation or "").strip()[:60] or "ouder",
                email=address,
                gezag=gezag,
            )
            audit.representative_added(actor=actor, representative=representative)
        elif not representative.email:
            representative.email = address
            representative.save(update_fields=["email"])
        _close_open(actor=actor, invitations=Invitation.objects.filter(representative=representative))
        invitation = Invitation(
            child=child,
            kind=InvitationKind.OUDER,
            representative=representative,
            email=address,
            invited_by=actor,
        )
        token = _new_token(invitation)
        invitation.save()
        audit.invitation_sent(actor=actor, invitation=invitation)
        url = _mail(invitation=invitation, token=token, actor=actor)
    return Sent(invitation, url)


def invite_child(*, actor: User, child: Child, email: str, on: date | None = None) -> Sent:
    """Invite the child to their own account (from their 12th birthday)."""
    reason = policy.decide_invite_child(actor, child, on=on)
    if reason is not None:
        if policy.may_invite_family(actor, child) or policy.has_gezag(actor, child, on=on):
            raise Refused(str(reason), field=None, code="too_young")
        raise PermissionDenied(str(reason))
    if child.account_id is not None:
        raise Refused(_("%(name)s heeft al een eigen account.") % {"name": child.first_name})
    address = _clean_email(email)
    with transaction.atomic():
        _close_open(actor=actor, invitations=Invitation.objects.filter(child=child, kind=InvitationKind.KIND))
        invitation = Invitation(child=child, kind=InvitationKind.KIND, email=address, invited_by=actor)
        token = _new_token(invitation)
        invitation.save()
        audit.invitation_sent(actor=actor, invitation=invitation)
        url = _mail(invitation=invitation, token=token, actor=actor)
    return Sent(invitation, url)


def _require_open(invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise Refused(_("Deze uitnodiging is al gebruikt. Er is een account gemaakt."))
    if invitation.revoked_at is not None:
        raise Refused(_("Deze uitnodiging is ingetrokken. Stuur een nieuwe uitnodiging."))


def resend_invitation(*, actor: User, invitation: Invitation) -> Sent:
    """Send the invitation again with a new link (the old link stops working), valid 14 days from now."""
    if not policy.may_manage_invitation(actor, invitation):
        raise PermissionDenied(_("Je mag deze uitnodiging niet opnieuw sturen."))
    _require_open(invitation)
    with transaction.atomic():
        token = _new_token(invitation)
        invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
        audit.invitation_sent(actor=actor, invitation=invitation, resent=True)
        url = _mail(invitation=invitation, token=token, actor=actor)
    return Sent(invitation, url)


def revoke_invitation(*, actor: User, invitation: Invitation) -> Invitation:
    """The link stops working at once."""
    if not policy.may_manage_invitation(actor, invitation):
        raise PermissionDenied(_("Je mag deze uitnodiging niet intrekken."))
    _require_open(invitation)
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.revoked_by = actor
        invitation.save(update_fields=["revoked_at", "revoked_by"])
        audit.invitation_revoked(actor=actor, invitation=invitation)
    return invitation


def read_family(*, actor: User, child: Child) -> tuple[list[LegalRepresentative], list[Invitation]]:
    """The representatives (with gezag) and the invitations of a child this person sees on the
    invitation page or through the API; the read is audited like any read of the child's file."""
    reps = list(LegalRepresentative.objects.filter(child=child).select_related("user").order_by("name", "pk"))
    sent = list(policy.visible_invitations(actor, child).select_related("representative", "invited_by"))
    with transaction.atomic():
        audit.child_viewed(actor=actor, child=child, purpose=Purpose.FAMILY_ACCESS)
    return reps, sent


# ---------------------------------------------------------------- the invitee's side


class InvitationState:
    VALID = "valid"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"
    REVOKED = "revoked"


def _by_hash(token_hash: str) -> tuple[Invitation | None, str]:
    invitation = (
        Invitation.objects.select_related("child", "representative", "invited_by__organisation")
        .filter(token_hash=token_hash)
        .first()
    )
    if invitation is None:
        return None, InvitationState.UNKNOWN
    if invitation.accepted_at is not None:
        return invitation, InvitationState.USED
    if invitation.revoked_at is not None:
        return invitation, InvitationState.REVOKED
    if invitation.expires_at <= timezone.now():
        return invitation, InvitationState.EXPIRED
    return invitation, InvitationState.VALID


def invitation_by_token(token: str) -> tuple[Invitation | None, str]:
    """The invitation of a link and whether it can still be used (an `InvitationState`)."""
    return _by_hash(_hash(token or ""))


def _split_name(name: str) -> tuple[str, str]:
    first, _sep, rest = name.strip().partition(" ")
    return first[:150], rest[:150]


def accept_invitation(
    *,
    token: str,
    email: str,
    phone: str = "",
    password: str | None = "",
    existing: User | None = None,
    on: date | None = None,
    token_hash: str = "",
) -> tuple[User, Invitation]:
    """Make the account (or use the family account `existing` of whoever is logged in) and link it
    to the child's file. The link works once: a second use is refused. Without a password (a login
    through OpenID Connect, `oidc_account_for_session`) the account gets no usable password."""
    with transaction.atomic():
        invitation, state = _by_hash(token_hash or _hash(token or ""))
        if invitation is None or state != InvitationState.VALID:
            raise Refused(_("Deze link werkt niet meer. Vraag om een nieuwe uitnodiging."), code=state)
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("child", "representative")
            .get(pk=invitation.pk)
        )
        if invitation.accepted_at is not None or invitation.revoked_at is not None:
            raise Refused(_("Deze link werkt niet meer. Vraag om een nieuwe uitnodiging."), code="used")
        child = invitation.child
        role = Role.LEERLING if invitation.kind == InvitationKind.KIND else Role.OUDER
        if invitation.kind == InvitationKind.KIND and policy.own_file_scope(child, on=on) is None:
            raise Refused(_("Een eigen account kan pas vanaf 12 jaar."), code="too_young")
        address = _clean_email(email)
        phone = (phone or "").strip()
        if len(phone) > 40:
            raise Refused(_("Het telefoonnummer mag hoogstens 40 tekens hebben."), field="phone")
        if existing is not None:
            if not policy.may_accept_invitation(existing, invitation):
                raise Refused(
                    _("Je bent ingelogd met een ander soort account. Log uit en open de link opnieuw.")
                )
            user = existing
        else:
            if User.objects.filter(username__iexact=address).exists():
                raise Refused(
                    _(
                        "Er is al een account met dit e-mailadres. Log eerst in met dat account en open "
                        "daarna de link opnieuw."
                    ),
                    field="email",
                )
            if invitation.representative is not None:
                first, last = _split_name(invitation.representative.name)
            else:
                first, last = child.first_name, child.last_name
            user = User(username=address.lower(), email=address, phone=phone, role=role)
            user.first_name, user.last_name = first, last
            if password is None:
                user.set_unusable_password()  # logs in through the provider only
            else:
                try:
                    validate_password(password, user=user)
                except ValidationError as exc:
                    raise Refused.many({"password": [str(m) for m in exc.messages]}) from None
                user.set_password(password)
            user.save()
        if invitation.representative is not None:
            rep = invitation.representative
            rep.user = user
            rep.email = address
            if phone:
                rep.phone = phone
            rep.save(update_fields=["user", "email", "phone"])
        else:
            if child.account_id is not None and child.account_id != user.pk:
                raise Refused(_("%(name)s heeft al een eigen account.") % {"name": child.first_name})
            child.account = user
            child.save(update_fields=["account"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit.invitation_accepted(user=user, invitation=invitation)
    return user, invitation


# ---------------------------------------------------------------- gezag


def record_gezag(
    *, actor: User, representative: LegalRepresentative, gezag: str, gezag_on: date | None = None
) -> LegalRepresentative:
    """Record whether this representative has gezag (or is voogd), and the day that was checked."""
    if not policy.may_record_gezag(actor, representative.child):
        raise PermissionDenied(_("Je mag het gezag voor dit kind niet vastleggen."))
    if gezag not in Gezag.values:
        raise Refused(_("Kies of deze ouder gezag heeft, geen gezag heeft of voogd is."), field="gezag")
    if gezag_on is not None and gezag_on > timezone.localdate():
        raise Refused(_("De datum kan niet in de toekomst liggen."), field="gezag_on")
    with transaction.atomic():
        representative.gezag = gezag
        representative.gezag_on = gezag_on
        representative.save(update_fields=["gezag", "gezag_on"])
        audit.gezag_recorded(actor=actor, representative=representative)
    return representative


# ---------------------------------------------------------------- logging in through OpenID Connect

# The session remembers the (hash of the) invitation link a person opened, so that a first login
# through the region's DigiD broker can accept it (settings.KRING_OIDC_LINK_HOOKS).
INVITATION_SESSION_KEY = "kring_invitation"


def remember_in_session(*, request: HttpRequest, token: str) -> None:
    request.session[INVITATION_SESSION_KEY] = _hash(token)


def oidc_account_for_session(request: HttpRequest, login: ExternalLogin) -> User | None:
    """The OIDC link hook (`kring.accounts.oidc.linking`): a first login through the provider accepts
    the invitation this session opened, and the new account logs in through the provider only."""
    token_hash = request.session.get(INVITATION_SESSION_KEY)
    if not token_hash:
        return None
    invitation, state = _by_hash(str(token_hash))
    if invitation is None or state != InvitationState.VALID:
        return None
    user, _invitation = accept_invitation(
        token="", token_hash=str(token_hash), email=login.email or invitation.email, password=None
    )
    request.session.pop(INVITATION_SESSION_KEY, None)
    return user
