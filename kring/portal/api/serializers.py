"""The family's access log in the API: one line as the page shows it."""

from __future__ import annotations

from rest_framework import serializers

from kring.privacy.models import AuditAction


class AccessLogLineSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()
    at = serializers.DateTimeField(help_text="Wanneer (tijdzone van Kring).")
    who = serializers.CharField(help_text="Naam van wie het deed, zoals die toen in Kring stond.")
    role = serializers.CharField(help_text="De rol van die persoon toen (leeg voor Kring zelf).")
    organisation = serializers.CharField(help_text="De organisatie van die persoon toen.")
    action = serializers.ChoiceField(choices=AuditAction.choices)
    is_change = serializers.BooleanField(help_text="Iets veranderd (true) of alleen bekeken (false).")
    what = serializers.CharField(help_text="Wat er gebeurde, in een zin zonder namen of getypte tekst.")
    sentence = serializers.CharField(help_text="De hele regel in woorden: wie, wanneer, wat en waarom.")
    purpose = serializers.CharField(help_text="Het doel, uit de vaste lijst van Kring.")
    purpose_label = serializers.CharField()
    purpose_description = serializers.CharField()
    break_glass = serializers.BooleanField(help_text="Gelezen met toegang in een noodgeval.")
    break_glass_reason = serializers.CharField(help_text="De reden die voor die toegang is opgegeven.")
