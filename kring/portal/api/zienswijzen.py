"""The family's own views (zienswijzen) of a child in the API
(`GET|POST /api/v1/children/<id>/zienswijzen/`). GET: those about a part the caller sees (the
family: all of them). POST: the child's legal representatives add one (`policy.require_view_child`:
404 for whoever may not see the child, 403 for a professional). The same rules as the pages."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from kring.access import policy
from kring.api.access import user_of
from kring.api.errors import DetailSerializer, ErrorSerializer, KringAPIView
from kring.cases import zienswijzen
from kring.cases.models import ZienswijzePart
from kring.children.audit import child_viewed
from kring.privacy.purposes import Purpose


class ZienswijzeSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(read_only=True)
    part = serializers.ChoiceField(choices=ZienswijzePart.choices, help_text="Waarover: het soort onderdeel.")
    part_id = serializers.IntegerField(source="part_pk", help_text="Het nummer van het onderdeel.")
    case_id = serializers.IntegerField(read_only=True, allow_null=True)
    text = serializers.CharField(max_length=zienswijzen.MAX_LENGTH, help_text="De eigen kijk van het gezin.")
    author_name = serializers.CharField(read_only=True)
    author_role = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


class ZienswijzenView(KringAPIView):
    @extend_schema(
        tags=["children"],
        summary="De zienswijzen van het gezin bij het dossier van het kind",
        description="Alleen die over een onderdeel dat je zelf mag zien.",
        responses={200: ZienswijzeSerializer(many=True), 403: DetailSerializer, 404: DetailSerializer},
    )
    def get(self, request: Request, child_id: int) -> Response:
        user = user_of(request)
        child = policy.require_child(user, child_id, policy.Act.VIEW_CASE)
        purpose = Purpose.FAMILY_ACCESS if policy.uses_family_pages(user) else Purpose.CASUSREGIE
        child_viewed(actor=user, child=child, purpose=purpose)
        return Response(ZienswijzeSerializer(zienswijzen.visible_list(user, child), many=True).data)

    @extend_schema(
        tags=["children"],
        summary="Een zienswijze toevoegen (ouders)",
        description=(
            "Voor de wettelijk vertegenwoordigers van het kind: hun eigen kijk op een overleg, het plan "
            "of een besluit. Een zienswijze wordt niet gewijzigd: een nieuwe kijk is een nieuwe zienswijze."
        ),
        request=ZienswijzeSerializer,
        responses={
            201: ZienswijzeSerializer,
            400: ErrorSerializer,
            403: DetailSerializer,
            404: DetailSerializer,
        },
    )
    def post(self, request: Request, child_id: int) -> Response:
        user = user_of(request)
        body = request.data if isinstance(request.data, dict) else {}
        child = policy.require_view_child(user, child_id, part=str(body.get("part") or "") or None)
        serializer = ZienswijzeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values: dict[str, Any] = dict(serializer.validated_data)
        if zienswijzen.find_part(child, values["part"], values["part_pk"]) is None:
            raise NotFound(str(policy.NO_SUCH_CHILD))
        row = zienswijzen.add_zienswijze(
            actor=user, child=child, part=values["part"], part_id=values["part_pk"], text=values["text"]
        )
        return Response(ZienswijzeSerializer(row).data, status=status.HTTP_201_CREATED)
