"""The page where the school, the samenwerkingsverband or the leerplichtambtenaar (and a parent
with gezag, for the child's own account) invites the family to Kring and records who has gezag.

Thin views: the access policy decides (`policy.uses_invitation_page`, `may_invite_family`,
`decide_invite_child`, `may_manage_invitation`, `may_record_gezag`), the services in
`kring.children.invitations` do the work and refuse with a message on the field it concerns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from kring.access import ages, policy
from kring.accounts.models import User
from kring.cases.forms_work import current_user, work_view
from kring.children import invitations
from kring.children.forms_family import GezagForm, InviteChildForm, InviteParentForm
from kring.children.models import Child, Invitation, LegalRepresentative
from kring.web.flow import run_service


def _child(user: User, child_id: int) -> Child:
    child = policy.visible_children(user).filter(pk=child_id).first()
    if child is None:
        raise Http404(gettext("Dit kind bestaat niet of je mag het niet zien."))
    if not policy.uses_invitation_page(user, child):
        raise PermissionDenied(gettext("Je mag voor dit kind niemand uitnodigen."))
    return child


def _status(invitation: Invitation) -> str:
    if invitation.accepted_at is not None:
        return gettext("Account gemaakt")
    if invitation.revoked_at is not None:
        return gettext("Ingetrokken")
    if invitation.expires_at <= timezone.now():
        return gettext("Verlopen")
    return gettext("Verstuurd, nog niet gebruikt")


def _page(
    request: HttpRequest,
    user: User,
    child: Child,
    *,
    parent_form: InviteParentForm | None = None,
    child_form: InviteChildForm | None = None,
    gezag_forms: dict[int, GezagForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    may_invite = policy.may_invite_family(user, child)
    gezag_forms = gezag_forms or {}
    reps, sent = invitations.read_family(actor=user, child=child)
    rows: list[dict[str, Any]] = []
    for rep in reps:
        form = gezag_forms.get(rep.pk) or GezagForm(
            prefix=f"rep{rep.pk}", initial={"gezag": rep.gezag, "gezag_on": rep.gezag_on}
        )
        rows.append({"rep": rep, "gezag_form": form if policy.may_record_gezag(user, child) else None})
    invitation_rows = [
        {
            "invitation": inv,
            "status": _status(inv),
            "open": inv.accepted_at is None and inv.revoked_at is None,
            "manage": policy.may_manage_invitation(user, inv),
        }
        for inv in sent
    ]
    child_reason = policy.decide_invite_child(user, child)
    back_url = _back_url(user, child)
    context = {
        "child": child,
        "age": ages.age_on(child.birth_date, timezone.localdate()),
        "may_invite": may_invite,
        "rows": rows,
        "invitations": invitation_rows,
        "parent_form": parent_form or (InviteParentForm(child=child) if may_invite else None),
        "child_form": child_form or InviteChildForm(),
        "child_reason": child_reason,
        "child_has_account": child.account_id is not None,
        "days": invitations.INVITATION_DAYS,
        "back_url": back_url,
    }
    return render(request, "children/family/invitations.html", context, status=status)


def _back_url(user: User, child: Child) -> str:
    """Back to the case page's circle (a professional) or the family's page (a parent)."""
    if policy.uses_family_pages(user):
        return reverse("portal:family")
    case = policy.visible_cases(user).filter(child=child).order_by("-opened_on", "-pk").first()
    if case is not None:
        return reverse("cases:detail", args=[case.pk]) + "#kring"
    return reverse("children:list")


def _here(child: Child) -> str:
    return reverse("children:family", args=[child.pk])


@work_view
def family_page(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    return _page(request, user, _child(user, child_id))


@work_view
@require_POST
def invite_parent(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = _child(user, child_id)
    form = InviteParentForm(request.POST, child=child)
    if form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: invitations.invite_parent(
                actor=user,
                child=child,
                email=data["email"],
                representative=data["representative"],
                name=data["name"],
                relation=data["relation"],
                gezag=data["gezag"] or "gezag",
            ),
        )
        if outcome.done and outcome.result is not None:
            sent = outcome.result
            messages.success(
                request,
                gettext("De uitnodiging is gestuurd naar %(email)s.") % {"email": sent.invitation.email},
            )
            return redirect(_here(child))
        if outcome.denied:
            raise PermissionDenied(str(outcome.error))
    return _page(request, user, child, parent_form=form, status=400)


@work_view
@require_POST
def invite_child(request: HttpRequest, child_id: int) -> HttpResponse:
    user = current_user(request)
    child = _child(user, child_id)
    form = InviteChildForm(request.POST)
    if form.is_valid():
        outcome = run_service(
            form, lambda: invitations.invite_child(actor=user, child=child, email=form.cleaned_data["email"])
        )
        if outcome.done and outcome.result is not None:
            messages.success(
                request,
                gettext("De uitnodiging is gestuurd naar %(email)s.")
                % {"email": outcome.result.invitation.email},
            )
            return redirect(_here(child))
        if outcome.denied:
            raise PermissionDenied(str(outcome.error))
    return _page(request, user, child, child_form=form, status=400)


def _invitation(user: User, child: Child, invitation_id: int) -> Invitation:
    invitation = get_object_or_404(
        Invitation.objects.select_related("child", "representative"), pk=invitation_id, child=child
    )
    if not policy.may_manage_invitation(user, invitation):
        raise Http404
    return invitation


def _on_invitation(
    request: HttpRequest, child_id: int, invitation_id: int, act: Callable[..., object], done: str
) -> HttpResponse:
    """Resend or revoke one invitation of the child (a POST without fields), then back to the page."""
    user = current_user(request)
    child = _child(user, child_id)
    invitation = _invitation(user, child, invitation_id)
    form = forms.Form(request.POST)
    outcome = run_service(form, lambda: act(actor=user, invitation=invitation))
    if outcome.done:
        messages.success(request, done)
    else:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
    return redirect(_here(child))


@work_view
@require_POST
def invitation_resend(request: HttpRequest, child_id: int, invitation_id: int) -> HttpResponse:
    return _on_invitation(
        request,
        child_id,
        invitation_id,
        invitations.resend_invitation,
        gettext("De uitnodiging is opnieuw gestuurd, met een nieuwe link."),
    )


@work_view
@require_POST
def invitation_revoke(request: HttpRequest, child_id: int, invitation_id: int) -> HttpResponse:
    return _on_invitation(
        request,
        child_id,
        invitation_id,
        invitations.revoke_invitation,
        gettext("De uitnodiging is ingetrokken. De link werkt niet meer."),
    )


@work_view
@require_POST
def record_gezag(request: HttpRequest, child_id: int, representative_id: int) -> HttpResponse:
    user = current_user(request)
    child = _child(user, child_id)
    if not policy.may_record_gezag(user, child):
        raise PermissionDenied(gettext("Je mag het gezag voor dit kind niet vastleggen."))
    rep = get_object_or_404(LegalRepresentative, pk=representative_id, child=child)
    form = GezagForm(request.POST, prefix=f"rep{rep.pk}")
    if form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: invitations.record_gezag(
                actor=user, representative=rep, gezag=data["gezag"], gezag_on=data["gezag_on"]
            ),
        )
        if outcome.done:
            messages.success(request, gettext("Het gezag van %(name)s is vastgelegd.") % {"name": rep.name})
            return redirect(_here(child))
    return _page(request, user, child, gezag_forms={rep.pk: form}, status=400)
