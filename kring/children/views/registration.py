"""Registering a new child, and then straight on to opening a case.

The rules are the service's (`children.services.register_child`), the same for the API.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from kring.access import policy
from kring.children.models import Child
from kring.children.services import register_child
from kring.web.flow import run_service

from ..forms import ChildForm

if TYPE_CHECKING:
    from kring.accounts.models import User


def may_register_children(user: User) -> bool:
    return policy.can_register_children(user)


@login_required
@require_http_methods(["GET", "POST"])
def child_new(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not policy.can_register_children(user):
        raise PermissionDenied(
            gettext("Kinderen registreren kan de school, de leerplichtambtenaar of het SWV.")
        )
    form = ChildForm(request.POST or None, schools=policy.registration_schools(user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: register_child(
                actor=user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                birth_date=data["birth_date"],
                bsn=data["bsn"] or None,
                postcode=data["postcode"],
                gemeente=data.get("gemeente"),
                vakantieregio=data.get("vakantieregio", ""),
                representatives=form.representatives(),
                school=data.get("school"),
                enrolled_on=data.get("enrolled_on"),
                sector=data.get("sector", ""),
                confirm_duplicate=data.get("confirm_duplicate", False),
            ),
        )
        if outcome.denied:
            raise PermissionDenied(str(outcome.error))
        if outcome.done and (child := outcome.result) is not None:
            messages.success(
                request,
                gettext("%(first_name)s %(last_name)s is geregistreerd. Open nu de casus.")
                % {"first_name": child.first_name, "last_name": child.last_name},
            )
            return redirect("cases:open", child_id=child.pk)
    return render(request, "children/child_form.html", {"form": form}, status=400 if form.errors else 200)


__all__ = ["Child", "child_new", "may_register_children"]
