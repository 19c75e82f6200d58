"""Every model that holds something of a child is in the family's download of the whole file, or
is listed in `NOT_EXPORTED` with the reason (kring.privacy.dossier).

The models are found through Django's app registry, not listed by hand: a model with a foreign key
to the child, or to a model that belongs to a child (a case, a meeting, an escalation, ...), or with
a `child_id` column of its own (the logbook). A new app whose model is in neither list fails here.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

from kring.children.models import Child
from kring.privacy.dossier import NOT_EXPORTED, providers


def _label(model: type[models.Model]) -> str:
    return str(model._meta.label)


def models_with_child_data() -> set[str]:
    owned: set[type[models.Model]] = {Child}
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            if model in owned:
                continue
            for field in model._meta.get_fields():
                points_at_child_data = (
                    field.is_relation
                    and field.concrete
                    and (field.many_to_one or field.one_to_one)
                    and field.related_model in owned
                )
                if points_at_child_data or (field.concrete and field.name == "child_id"):
                    owned.add(model)
                    changed = True
                    break
    return {_label(m) for m in owned}


def exported_models() -> set[str]:
    return {label for provider in providers() for label in provider.dossier_models}  # type: ignore[attr-defined]


def test_the_discovery_finds_the_child_data_we_know_of() -> None:
    # a check of the check: the child, its timeline, a case's meetings (through the case), the
    # decisions of an escalation (two steps away) and the logbook (a plain child_id column)
    assert {
        "children.Child",
        "children.TimelineEvent",
        "cases.Meeting",
        "cases.EscalationDecision",
        "attendance.VerzuimMelding",
        "desk.QuestionLink",
        "privacy.AuditEvent",
    } <= models_with_child_data()


def test_every_model_with_child_data_is_exported_or_left_out_with_a_reason() -> None:
    exported = exported_models()
    missing = sorted(models_with_child_data() - exported - set(NOT_EXPORTED))
    assert not missing, (
        f"these models hold a child's data but are not in the family's download: {missing}. Add a "
        "section to KRING_DOSSIER_SECTIONS (the app's dossier.py) or list them in NOT_EXPORTED with why."
    )
    assert all(reason.strip() for reason in NOT_EXPORTED.values())
    assert not set(NOT_EXPORTED) & exported, "a model is both exported and left out"


def test_the_sections_name_real_models() -> None:
    known = {_label(m) for m in apps.get_models()}
    assert exported_models() <= known
    assert set(NOT_EXPORTED) <= known
