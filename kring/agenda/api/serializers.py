"""The agenda in the API: one entry as the home page's agenda has it."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from kring.api.fields import enum_field

AgendaKindField = enum_field(
    [("termijn", "Termijn"), ("norm", "Norm"), ("afspraak", "Afspraak"), ("besluit", "Besluit")], "AgendaKind"
)


class AgendaEntrySerializer(serializers.Serializer[Any]):
    kind = AgendaKindField()
    label = serializers.CharField()  # type: ignore[assignment]
    title = serializers.CharField()
    child_id = serializers.IntegerField()
    child_name = serializers.CharField()
    case_id = serializers.IntegerField(
        allow_null=True,
        help_text="De casus waar het bij hoort; null voor een termijn van een kind zonder casus.",
    )
    due = serializers.DateField(allow_null=True)
    days_overdue = serializers.IntegerField()
    urgent = serializers.BooleanField()
    rule = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]
    description = serializers.CharField()
    key = serializers.CharField()
