"""The OPP in the API: the same fields and names as the pages' forms and the services' inputs."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from kring.opp.models import (
    ChildInput,
    Decision,
    Execution,
    Handelingsverlegen,
    OppConsent,
    OppEvaluation,
    OppVersion,
    Payer,
    SupportAction,
)


class ActionSerializer(serializers.ModelSerializer[SupportAction]):
    class Meta:
        model = SupportAction
        fields = ["what", "who", "how_often", "payer"]


class ConsentSerializer(serializers.ModelSerializer[OppConsent]):
    representative_name = serializers.CharField(source="representative.name", read_only=True)

    class Meta:
        model = OppConsent
        fields = ["id", "decision", "given_on", "channel", "representative", "representative_name", "note"]
        read_only_fields = fields


class EvaluationSerializer(serializers.ModelSerializer[OppEvaluation]):
    class Meta:
        model = OppEvaluation
        fields = [
            "id",
            "held_on",
            "with_parents",
            "with_child",
            "carried_out",
            "done",
            "worked",
            "child_words",
            "child_absent_reason",
        ]
        read_only_fields = fields


class VersionSerializer(serializers.ModelSerializer[OppVersion]):
    school = serializers.IntegerField(source="opp.school_id", read_only=True)
    school_name = serializers.CharField(source="opp.school.organisation.name", read_only=True)
    actions = ActionSerializer(many=True, read_only=True)
    consents = ConsentSerializer(many=True, read_only=True)
    evaluations = EvaluationSerializer(many=True, read_only=True)

    class Meta:
        model = OppVersion
        fields = [
            "id",
            "number",
            "school",
            "school_name",
            "vastgesteld_on",
            "change_reason",
            "needs",
            "uitstroomperspectief",
            "onderbouwing",
            "goals",
            "actions",
            "child_words",
            "child_input",
            "child_effect",
            "child_not_heard_reason",
            "consents",
            "evaluations",
        ]
        read_only_fields = fields


class HandelingsverlegenSerializer(serializers.ModelSerializer[Handelingsverlegen]):
    school_name = serializers.CharField(source="school.organisation.name", read_only=True)

    class Meta:
        model = Handelingsverlegen
        fields = [
            "id",
            "school",
            "school_name",
            "declared_on",
            "unmet_needs",
            "opp_drawn_up",
            "opp_carried_out",
            "opp_evaluated",
            "opp_explanation",
            "parents_involved",
            "child_involved",
            "school_development",
            "swv_offered",
            "next_step",
            "next_step_who",
            "next_step_by",
        ]
        read_only_fields = fields


class ProgressSerializer(serializers.Serializer[Any]):
    drawn_up = serializers.BooleanField()
    carried_out = serializers.BooleanField()
    evaluated = serializers.BooleanField()
    last_evaluated_on = serializers.DateField(allow_null=True)
    parents_consented = serializers.BooleanField()
    child_heard = serializers.BooleanField()


class OppFileSerializer(serializers.Serializer[Any]):
    progress = ProgressSerializer()
    current_version = serializers.IntegerField(allow_null=True, help_text="De versie die nu geldt.")
    versions = VersionSerializer(many=True)
    handelingsverlegen = HandelingsverlegenSerializer(many=True)


# ---------------------------------------------------------------- input (parsed only)


def _text(max_length: int = 20000) -> serializers.CharField:
    return serializers.CharField(required=False, allow_blank=True, default="", max_length=max_length)


class ActionInputSerializer(serializers.Serializer[dict[str, Any]]):
    what = _text()
    who = _text(200)
    how_often = _text(200)
    payer = serializers.ChoiceField(choices=Payer.choices, required=False, allow_blank=True, default="")


class VersionInputSerializer(serializers.Serializer[dict[str, Any]]):
    school = serializers.IntegerField(required=False, allow_null=True, default=None)
    vastgesteld_on = serializers.DateField(required=False, allow_null=True, default=None)
    change_reason = _text()
    needs = _text()
    uitstroomperspectief = _text(200)
    onderbouwing = _text()
    goals = _text()
    actions = ActionInputSerializer(many=True, required=False, default=list)
    child_words = _text()
    child_input = serializers.ChoiceField(
        choices=ChildInput.choices, required=False, allow_blank=True, default=""
    )
    child_effect = _text()
    child_not_heard_reason = _text()


class ConsentInputSerializer(serializers.Serializer[dict[str, Any]]):
    decision = serializers.ChoiceField(choices=Decision.choices, required=False, allow_blank=True, default="")
    note = _text()
    on_paper = serializers.BooleanField(
        required=False, default=False, help_text="De school legt een getekend formulier vast."
    )
    given_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Op papier: de datum op het formulier."
    )
    representative = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Op papier: de ouder die tekende."
    )


class EvaluationInputSerializer(serializers.Serializer[dict[str, Any]]):
    held_on = serializers.DateField(required=False, allow_null=True, default=None)
    with_parents = serializers.BooleanField(required=False, default=False)
    with_child = serializers.BooleanField(required=False, default=False)
    carried_out = serializers.ChoiceField(
        choices=Execution.choices, required=False, allow_blank=True, default=""
    )
    done = _text()
    worked = _text()
    child_words = _text()
    child_absent_reason = _text()


class HandelingsverlegenInputSerializer(serializers.Serializer[dict[str, Any]]):
    school = serializers.IntegerField(required=False, allow_null=True, default=None)
    declared_on = serializers.DateField(required=False, allow_null=True, default=None)
    unmet_needs = _text()
    opp_explanation = _text()
    parents_involved = _text()
    child_involved = _text()
    school_development = _text()
    swv_offered = _text()
    next_step = _text()
    next_step_who = _text(200)
    next_step_by = serializers.DateField(required=False, allow_null=True, default=None)
