"""Toegang in een noodgeval (break-glass): a professional who may not see a child's file opens it to
read, for a short period, with a reason the family reads in the logbook. Who may and what it gives:
the access policy; the input and the grant: `privacy.services.open_break_glass`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from kring.access import policy
from kring.privacy.services import open_break_glass
from kring.web.flow import run_service

from ..forms import BreakGlassForm

if TYPE_CHECKING:
    from kring.accounts.models import User


@login_required
@require_http_methods(["GET", "POST"])
def break_glass(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    refusal = policy.break_glass_refusal(user, None)
    if refusal is not None:
        raise PermissionDenied(str(policy.BREAK_GLASS_REFUSALS[refusal]))
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form, lambda: open_break_glass(actor=user, bsn=data["bsn"], reason=data["reason"])
        )
        if outcome.done and (grant := outcome.result) is not None:
            until = formats.date_format(timezone.localtime(grant.ends_at), "j F Y, H:i")
            messages.warning(
                request,
                gettext(
                    "Je kunt het dossier van %(name)s lezen tot %(until)s. Alles wat je bekijkt, komt in het "
                    "logboek van het gezin, met je reden."
                )
                % {"name": grant.child.first_name, "until": until},
            )
            case = policy.visible_cases(user).filter(child=grant.child).order_by("-opened_on", "-pk").first()
            if case is not None:
                return redirect("cases:detail", case_id=case.pk)
            return redirect("children:list")
    hours = int(policy.BREAK_GLASS_PERIOD.total_seconds() // 3600)
    return render(
        request,
        "children/break_glass.html",
        {"form": form, "hours": hours},
        status=400 if form.errors else 200,
    )
