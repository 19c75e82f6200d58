"""Reads of the public web form: which steunpunten have an open form, and what it offers.

The form is public (no account): what it shows is the steunpunt's name, the samenwerkingsverbanden
it serves and the category tree, nothing about any question.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from kring.desk.categories import ROOT_CODE
from kring.desk.models import DeskSettings, QuestionCategory
from kring.organisations.models import OrganisationKind, Samenwerkingsverband


def open_forms() -> QuerySet[DeskSettings]:
    """The steunpunten whose web form is open, by name."""
    return (
        DeskSettings.objects.filter(public_form_enabled=True, steunpunt__kind=OrganisationKind.STEUNPUNT)
        .select_related("steunpunt")
        .order_by("steunpunt__name", "pk")
    )


def open_form(steunpunt_id: object) -> DeskSettings:
    """The settings of a steunpunt with an open web form; 404 when it has none (or it is closed)."""
    try:
        return open_forms().get(steunpunt_id=int(str(steunpunt_id)))
    except (DeskSettings.DoesNotExist, ValueError):
        raise Http404 from None


def served_swvs(settings: DeskSettings) -> QuerySet[Samenwerkingsverband]:
    return settings.swvs.select_related("organisation").order_by("organisation__name")


def public_categories() -> QuerySet[QuestionCategory]:
    """The categories a parent may pick: the active ones under the root, in the tree's order (the
    root itself is what a question without a chosen category gets, see `fallback_categories`)."""
    return QuestionCategory.objects.filter(active=True).exclude(code=ROOT_CODE).order_by("position", "name")


def fallback_categories() -> list[QuestionCategory]:
    """ "Weet ik niet": the root category (passend onderwijs in general, the default term), when the
    tree still has it; the worker picks the right ones later."""
    return list(QuestionCategory.objects.filter(code=ROOT_CODE, active=True))
