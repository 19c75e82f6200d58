"""Toestemming (consent) in the API: `GET|POST /api/v1/children/<id>/consents/` (the list; the family
gives one) and `POST /api/v1/children/<id>/consents/<consent_id>/revoke/`. The same rules as the
pages (`policy.require_consent_child`): 404 for whoever may not see the child; the list for the
family with the whole file and the professionals who see the child; giving and revoking for a parent
with gezag of a child under 16, or the child from 16 (403 for everyone else who sees the child)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from kring.access import policy
from kring.api.access import user_of
from kring.api.errors import DetailSerializer, ErrorSerializer, KringAPIView
from kring.privacy import audit, consents
from kring.privacy.models import Consent, ConsentCategory, ConsentStatus
from kring.privacy.purposes import Purpose

from ..forms_consent import circle_recipients


class ChildConsentSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(read_only=True)
    recipient_user_id = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="Een professional in de kring van het kind (zijn account), of leeg voor iemand anders.",
    )
    recipient_organisation_id = serializers.IntegerField(read_only=True, allow_null=True)
    recipient_name = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Naam van de ontvanger buiten de kring."
    )
    stated_purpose = serializers.CharField(
        max_length=500, help_text="Waarvoor de ontvanger de gegevens gebruikt."
    )
    categories = serializers.ListField(
        child=serializers.ChoiceField(choices=ConsentCategory.choices),
        help_text="Welke delen van het dossier.",
    )
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(help_text="De laatste dag (telt mee).")
    status = serializers.ChoiceField(choices=ConsentStatus.choices, read_only=True)
    state = serializers.ChoiceField(
        choices=["requested", "refused", "running", "future", "ended", "revoked"], read_only=True
    )
    given_at = serializers.DateTimeField(read_only=True, allow_null=True)
    revoked_at = serializers.DateTimeField(read_only=True, allow_null=True)


def _purpose(user: Any) -> Purpose:
    return Purpose.FAMILY_ACCESS if policy.uses_family_pages(user) else Purpose.CASUSREGIE


class ConsentsView(KringAPIView):
    @extend_schema(
        tags=["children"],
        summary="De toestemmingen om delen van het dossier te delen",
        description=(
            "Voor het gezin en de professionals die het kind mogen zien. Ook de vragen om toestemming."
        ),
        responses={200: ChildConsentSerializer(many=True), 403: DetailSerializer, 404: DetailSerializer},
    )
    def get(self, request: Request, child_id: int) -> Response:
        user = user_of(request)
        child = policy.require_consent_child(user, child_id, policy.ConsentAct.LIST)
        rows = list(consents.visible_consents(user, child))
        audit.consents_viewed(actor=user, child=child, count=len(rows), purpose=_purpose(user))
        return Response(ChildConsentSerializer(rows, many=True).data)

    @extend_schema(
        tags=["children"],
        summary="Toestemming geven (het gezin)",
        description=(
            "Een ouder of voogd met gezag, tot het kind 16 is; daarna het kind zelf. Voor een ontvanger, "
            "een doel, delen van het dossier en een periode. Altijd in te trekken."
        ),
        request=ChildConsentSerializer,
        responses={
            201: ChildConsentSerializer,
            400: ErrorSerializer,
            403: DetailSerializer,
            404: DetailSerializer,
        },
    )
    def post(self, request: Request, child_id: int) -> Response:
        user = user_of(request)
        child = policy.require_consent_child(user, child_id, policy.ConsentAct.DECIDE)
        serializer = ChildConsentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values: dict[str, Any] = dict(serializer.validated_data)
        recipient: dict[str, Any] = {"recipient_name": values.get("recipient_name", "")}
        user_id = values.get("recipient_user_id")
        if user_id is not None:
            member = next((m for m in circle_recipients(child) if m.user_id == user_id), None)
            if member is None or member.user is None:
                raise ValidationError(
                    {"recipient_user_id": ["Deze persoon zit niet in de kring van het kind."]}
                )
            organisation = member.organisation or member.user.organisation
            recipient = {
                "recipient_user": member.user,
                "recipient_organisation": organisation,
                "recipient_name": member.user.display_name
                + (f" ({organisation.name})" if organisation else ""),
            }
        consent = consents.give_consent(
            actor=user,
            child=child,
            stated_purpose=values["stated_purpose"],
            categories=values["categories"],
            valid_from=values["valid_from"],
            valid_until=values["valid_until"],
            **recipient,
        )
        return Response(ChildConsentSerializer(consent).data, status=status.HTTP_201_CREATED)


class ConsentRevokeView(KringAPIView):
    @extend_schema(
        tags=["children"],
        summary="Toestemming intrekken (het gezin)",
        description="Meteen: vanaf nu ziet de ontvanger dit deel van het dossier niet meer.",
        request=None,
        responses={
            200: ChildConsentSerializer,
            400: ErrorSerializer,
            403: DetailSerializer,
            404: DetailSerializer,
        },
    )
    def post(self, request: Request, child_id: int, consent_id: int) -> Response:
        user = user_of(request)
        child = policy.require_consent_child(user, child_id, policy.ConsentAct.DECIDE)
        if not Consent.objects.filter(pk=consent_id, child=child).exists():
            raise NotFound(str(policy.NO_SUCH_CHILD))
        consent = consents.revoke_consent(actor=user, child=child, consent_id=consent_id)
        return Response(ChildConsentSerializer(consent).data)
