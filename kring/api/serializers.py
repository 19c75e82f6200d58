from __future__ import annotations

from rest_framework import serializers

from kring.accounts.models import User
from kring.organisations.models import Organisation


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    class Meta:
        model = Organisation
        fields = ["id", "kind", "code", "name", "email", "phone", "website", "active"]


class MeSerializer(serializers.ModelSerializer[User]):
    # A parent or child account has no organisation: null, and documented as such.
    organisation = OrganisationSerializer(read_only=True, allow_null=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "role", "role_label", "organisation"]


class TokenSerializer(serializers.Serializer[dict[str, str]]):
    token = serializers.CharField(read_only=True)
