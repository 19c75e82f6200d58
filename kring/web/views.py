from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kring.agenda.selectors import MINE, ORGANISATION, agenda_for, horizon_text

from .roles import intro_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The start page: who you are, what your role is for, and your agenda."""
    user = request.user
    if not getattr(user, "is_professional", True) and not user.is_superuser:
        from kring.access import policy

        own = policy.visible_children(user).filter(account_id=user.pk).exists()  # type: ignore[arg-type]
        return render(request, "web/home_family.html", {"sees_own_file": own})
    scope = ORGANISATION if request.GET.get("agenda") == ORGANISATION else MINE
    return render(
        request,
        "web/home.html",
        {
            "intro": intro_for(getattr(user, "role", "")),
            "agenda_items": agenda_for(user=user, scope=scope),  # type: ignore[arg-type]
            "agenda_scope": scope,
            "agenda_horizon": horizon_text(),
        },
    )
