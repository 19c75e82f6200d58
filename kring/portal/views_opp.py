"""The family's page of one OPP version (/casussen/gezin/<child>/opp/<version>/): the whole plan,
the parents' decisions and the evaluations, and, for a parent with gezag (or the pupil from 18),
the form to consent to the handelingsdeel or object (OPP-04). Who may: the access policy
(`policy.require_family_child`, `policy.may_consent_opp`); the OPP app's service records it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from kring.access import policy
from kring.cases.forms_work import current_user, work_view
from kring.opp import services
from kring.opp.forms import ConsentForm
from kring.opp.selectors import consent_state, current_version, read_opp, read_version
from kring.web.flow import run_service


@work_view
def opp_version(request: HttpRequest, child_id: int, version_id: int) -> HttpResponse:
    user = current_user(request)
    child = policy.require_family_child(user, child_id)
    version = read_version(child=child, version_id=version_id)
    if version is None:
        raise Http404(str(policy.NO_SUCH_CHILD))
    newest = current_version(child, school=version.opp.school)
    is_current = newest is not None and newest.pk == version.pk
    may_consent = is_current and policy.may_consent_opp(user, child)
    if request.method == "POST" and not may_consent:
        raise PermissionDenied(
            gettext("Alleen een ouder met gezag stemt in met het handelingsdeel van het OPP dat nu geldt.")
        )
    form = ConsentForm(request.POST if request.method == "POST" else None)
    denied = False
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        outcome = run_service(
            form,
            lambda: services.record_consent(
                actor=user, version=version, decision=data["decision"], note=data["note"]
            ),
        )
        if outcome.done:
            messages.success(request, gettext("Je besluit is vastgelegd. De school ziet het nu ook."))
            return redirect(reverse("portal:opp", args=[child.pk, version.pk]))
        denied = outcome.denied
    read_opp(actor=user, child=child)  # the audit line of the read
    context = {
        "child": child,
        "version": version,
        "consent": consent_state(version),
        "is_current": is_current,
        "may_consent": may_consent,
        "form": form,
    }
    return render(request, "portal/opp.html", context, status=403 if denied else 200)
