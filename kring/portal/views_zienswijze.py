"""The family adds their own view (zienswijze) to a part of the file: an overleg, the plan, a
decision, or (also for the child of 12 to 15, on their own page) the next overleg of an open case
(/casussen/gezin/<child>/zienswijze/<part>/<id>/). The forms under each part post here;
on an error this page shows the form again with what was typed. Who may: the access policy
(`policy.require_view_child`); the part must be one of this child's (else 404, as for a child or
part that does not exist)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from kring.access import policy
from kring.cases import zienswijzen
from kring.cases.forms_work import current_user, work_view
from kring.children.audit import child_viewed
from kring.privacy.purposes import Purpose

from .forms import ZienswijzeForm


@work_view
def add_zienswijze(request: HttpRequest, child_id: int, part: str, part_id: int) -> HttpResponse:
    user = current_user(request)
    child = policy.require_view_child(user, child_id, part=part)
    found = zienswijzen.find_part(child, part, part_id)
    if found is None:
        raise Http404(str(policy.NO_SUCH_CHILD))
    kind, instance = found
    form = ZienswijzeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        zienswijzen.add_zienswijze(
            actor=user, child=child, part=kind.part, part_id=instance.pk, text=form.cleaned_data["text"]
        )
        anchor = f"#zienswijze-{kind.part}-{instance.pk}"
        if policy.child_friendly_file(user) == child:  # a child of 12 to 15: back to their own page
            return redirect(reverse("portal:own") + anchor)
        return redirect(reverse("portal:child", args=[child.pk]) + anchor)
    child_viewed(actor=user, child=child, purpose=Purpose.FAMILY_ACCESS)  # the part and earlier views
    context: dict[str, Any] = {
        "child": child,
        "kind": kind,
        "part": instance,
        "form": form,
        "earlier": zienswijzen.of_child(child).get(zienswijzen.key_of(instance), []),
    }
    return render(request, "portal/zienswijze.html", context, status=400 if form.is_bound else 200)
