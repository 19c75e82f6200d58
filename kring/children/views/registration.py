"""Registering a new child, and then straight on to opening a case."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from kring.access import policy
from kring.accounts.roles import Role
from kring.children.models import Child, EventType
from kring.children.services import create_child, record_event
from kring.organisations.models import Gemeente, SchoolLocation
from kring.organisations.selectors import gemeente_for_postcode
from kring.web.flow import apply_service_errors

from ..forms import ChildForm

if TYPE_CHECKING:
    from kring.accounts.models import User

# Who registers children: the roles with a statutory task for children they do not know yet
# (the school for its pupils, the leerplichtambtenaar for the gemeente, the SWV for its region).
# Roles that only see children through a circle could not see the child they registered.
REGISTERING_ROLES = frozenset(
    {
        Role.INTERN_BEGELEIDER,
        Role.SCHOOLLEIDER,
        Role.SWV_CONSULENT,
        Role.SWV_DIRECTEUR,
        Role.LEERPLICHTAMBTENAAR,
    }
)
SCHOOL_ROLES = frozenset({Role.INTERN_BEGELEIDER, Role.SCHOOLLEIDER})

NOT_VISIBLE = _(
    "Dit kind is niet opgeslagen: je zou het daarna niet kunnen zien, want het woont niet in jouw gemeente "
    "of regio en staat niet ingeschreven op jouw school. Kijk de postcode en de gemeente na, of vraag de "
    "school, de leerplichtambtenaar of het samenwerkingsverband van het kind om het te registreren."
)


class _NotVisible(Exception):
    """Raised inside the transaction to undo a registration the user could not see afterwards."""


def may_register_children(user: User) -> bool:
    return user.is_active and user.role in REGISTERING_ROLES and user.organisation_id is not None


def own_schools(user: User) -> QuerySet[SchoolLocation]:
    """The school locations of the user's organisation (a school, or the schools of a board)."""
    return (
        SchoolLocation.objects.filter(
            Q(organisation_id=user.organisation_id) | Q(board_id=user.organisation_id)
        )
        .select_related("organisation")
        .order_by("organisation__name")
    )


def _vakantieregio(form: ChildForm, gemeente: Gemeente | None) -> str:
    """The chosen region, else the school's, else the most common one among the gemeente's schools."""
    chosen: str = form.cleaned_data.get("vakantieregio", "")
    if chosen:
        return chosen
    school = form.cleaned_data.get("school")
    if school is not None and school.vakantieregio:
        return str(school.vakantieregio)
    if gemeente is not None:
        regions = Counter(
            SchoolLocation.objects.filter(gemeente=gemeente)
            .exclude(vakantieregio="")
            .values_list("vakantieregio", flat=True)
        )
        if regions:
            return regions.most_common(1)[0][0]
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def child_new(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not may_register_children(user):
        raise PermissionDenied(
            gettext("Kinderen registreren kan de school, de leerplichtambtenaar of het SWV.")
        )
    schools = own_schools(user) if user.role in SCHOOL_ROLES else None
    form = ChildForm(request.POST or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        gemeente = data.get("gemeente") or (
            gemeente_for_postcode(data["postcode"]) if data["postcode"] else None
        )
        vakantieregio = _vakantieregio(form, gemeente)
        if not vakantieregio:
            form.add_error(
                "vakantieregio",
                gettext("Kies de vakantieregio: Kring kan die niet afleiden uit de school of gemeente."),
            )
        else:
            try:
                with transaction.atomic():
                    child = create_child(
                        actor=user,
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        birth_date=data["birth_date"],
                        bsn=data["bsn"] or None,
                        postcode=data["postcode"],
                        gemeente=gemeente,
                        vakantieregio=vakantieregio,
                        representatives=form.representatives(),
                    )
                    school = data.get("school")
                    if school is not None:
                        record_event(
                            actor=user,
                            child=child,
                            type=EventType.INSCHRIJVING,
                            date=data["enrolled_on"],
                            data={"sector": data.get("sector") or _contract_sector(school)},
                            school=school,
                        )
                    if not policy.can_view_child(user, child):
                        raise _NotVisible
            except _NotVisible:
                form.add_error(None, NOT_VISIBLE)
            except ValidationError as exc:
                rename = {**ChildForm.SERVICE_FIELD_NAMES, "date": "enrolled_on"}
                apply_service_errors(form, exc, rename=rename)
            else:
                messages.success(
                    request,
                    gettext("%(first_name)s %(last_name)s is geregistreerd. Open nu de casus.")
                    % {"first_name": child.first_name, "last_name": child.last_name},
                )
                return redirect("cases:open", child_id=child.pk)
    return render(request, "children/child_form.html", {"form": form}, status=400 if form.errors else 200)


_CONTRACT_SECTORS = frozenset({"po", "sbo", "so", "vso", "vo", "pro"})


def _contract_sector(school: SchoolLocation) -> str:
    """The school's sector as the contract names it (a combined so/vso school counts as so)."""
    sector = str(school.sector)
    if sector in _CONTRACT_SECTORS:
        return sector
    return "so" if sector == "so_vso" else "po"


__all__ = ["Child", "child_new", "may_register_children"]
