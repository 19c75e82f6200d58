"""Children, their timeline and the rules engine's assessment: thin views over the children app.

Reads start from `policy.visible_children(user)` and are audited by the selectors; writes go
through `children.services`. See docs/api.md.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from kring.access import policy
from kring.accounts.models import User
from kring.api.access import read_child, timeline_child, user_of
from kring.api.errors import (
    BSN_IN_QUERY,
    DetailSerializer,
    ErrorSerializer,
    KringAPIView,
    call,
    refuse_bsn_in_query,
)
from kring.children import audit, services
from kring.children.assessment import assess_child, contract_output, export_scenario_json
from kring.children.models import Child, TimelineEvent
from kring.children.readmodel import current_assessment
from kring.children.selectors import child_timeline, search_children
from kring.privacy.crypto import is_valid_bsn
from kring.privacy.purposes import Purpose
from kring.regions.norms import norms_for_child

from .serializers import (
    ChildCreateSerializer,
    ChildSearchSerializer,
    ChildSerializer,
    EventCreateSerializer,
    EventSerializer,
    ReasonSerializer,
)

TAG = ["children"]
ERRORS: dict[int, Any] = {400: ErrorSerializer, 403: DetailSerializer, 404: DetailSerializer}
READ_ERRORS: dict[int, Any] = {403: DetailSerializer, 404: DetailSerializer}

AS_OF = OpenApiParameter("as_of", OpenApiTypes.DATE, description="Peildatum (JJJJ-MM-DD); standaard vandaag.")


# The calendar of the rules engine covers these years (kring.rules: `as_of` between 1900 and 2199).
AS_OF_FIRST = date(1900, 1, 1)
AS_OF_LAST = date(2199, 12, 31)


def as_of_param(request: Request) -> date:
    raw = request.query_params.get("as_of", "").strip()
    if not raw:
        return timezone.localdate()
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(
            {"as_of": ["Vul de peildatum in als JJJJ-MM-DD, bijvoorbeeld 2026-01-31."]}
        ) from None
    if not AS_OF_FIRST <= day <= AS_OF_LAST:
        raise ValidationError({"as_of": ["Kies een peildatum tussen 1 januari 1900 en 31 december 2199."]})
    return day


def child_representation(
    user: User, child: Child, *, shows_representatives: bool | None = None
) -> dict[str, Any]:
    """A child as this user may see it: the parents' names only with the section that shows them.
    `shows_representatives`: that answer when the caller has it for many children at once."""
    data = dict(ChildSerializer(child).data)
    if shows_representatives is None:
        shows_representatives = policy.can_child(user, policy.Act.VIEW_REPRESENTATIVES, child)
    if not shows_representatives:
        data["representatives"] = []
    return data


class ChildListView(KringAPIView, generics.GenericAPIView[Child]):
    """Children this user may see (the access policy), and registering a child."""

    serializer_class = ChildSerializer

    def get_queryset(self) -> QuerySet[Child]:
        user = user_of(self.request)
        qs = policy.visible_children(user).select_related("gemeente").prefetch_related("representatives")
        params = self.request.query_params
        if params.get("bsn", "").strip():
            raise ValidationError({"bsn": [BSN_IN_QUERY]})
        query = params.get("q", "").strip()
        refuse_bsn_in_query(query, "q")
        if query:
            qs = search_children(qs, query, actor=user)
        return qs.order_by("last_name", "first_name", "pk")

    @extend_schema(
        tags=TAG,
        summary="Kinderen die je mag zien",
        parameters=[
            OpenApiParameter(
                "q",
                str,
                description="Zoek op naam. Een BSN hier wordt geweigerd: gebruik `/children/search/`.",
            ),
        ],
        responses={200: ChildSerializer(many=True), 400: ErrorSerializer},
    )
    def get(self, request: Request, *args: object, **kwargs: object) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        rows = list(page) if page is not None else []
        user = user_of(request)
        audit.children_viewed(actor=user, children=rows, purpose=Purpose.LEERPLICHT)
        showing = policy.children_allowing(user, policy.Act.VIEW_REPRESENTATIVES, rows)
        return self.get_paginated_response(
            [child_representation(user, child, shows_representatives=child.pk in showing) for child in rows]
        )

    @extend_schema(
        tags=TAG,
        summary="Een kind registreren",
        description=(
            "Dezelfde registratie als op de pagina: alleen de school, de leerplichtambtenaar en het "
            "samenwerkingsverband registreren, en alleen een kind dat zij daarna mogen zien. Een "
            "geweigerde registratie verraadt niet of een BSN al in Kring staat, en komt in het logboek."
        ),
        request=ChildCreateSerializer,
        responses={201: ChildSerializer, **ERRORS},
    )
    def post(self, request: Request, *args: object, **kwargs: object) -> Response:
        data = ChildCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["representatives"] = [dict(r) for r in values.get("representatives", [])]
        values["bsn"] = values.get("bsn") or None
        child = call(services.register_child, actor=user_of(request), **values)
        return Response(ChildSerializer(child).data, status=status.HTTP_201_CREATED)


class ChildSearchView(KringAPIView):
    """Find a child by BSN. A POST, so the BSN is never part of an address or an access log."""

    @extend_schema(
        tags=TAG,
        summary="Een kind zoeken op BSN",
        description=(
            "Geeft het kind met dit BSN als je het mag zien, anders een lege lijst: het antwoord zegt "
            "niet of het BSN in Kring staat. Elk gevonden kind komt in het logboek."
        ),
        request=ChildSearchSerializer,
        responses={200: ChildSerializer(many=True), 400: ErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        data = ChildSearchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        bsn = data.validated_data["bsn"].strip()
        if not is_valid_bsn(bsn):
            raise ValidationError({"bsn": ["Dit is geen geldig BSN. Een BSN heeft 9 cijfers."]})
        user = user_of(request)
        qs = policy.visible_children(user).select_related("gemeente").prefetch_related("representatives")
        found = list(search_children(qs, bsn, actor=user))  # keyed hash, audited per child found
        return Response([child_representation(user, child) for child in found])


class ChildDetailView(KringAPIView):
    @extend_schema(tags=TAG, summary="Eén kind", responses={200: ChildSerializer, **READ_ERRORS})
    def get(self, request: Request, child_id: int) -> Response:
        child = read_child(request, child_id, purpose=Purpose.LEERPLICHT)
        return Response(child_representation(user_of(request), child))


class EventListView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="De tijdlijn van het kind",
        responses={200: EventSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request: Request, child_id: int) -> Response:
        child = read_child(request, child_id, policy.Act.VIEW_TIMELINE, purpose=Purpose.LEERPLICHT)
        return Response(EventSerializer(child_timeline(child), many=True).data)

    @extend_schema(
        tags=TAG,
        summary="Een gebeurtenis vastleggen",
        description=(
            "De regelmotor controleert de gebeurtenis. Verbiedt de wet de handeling (bijvoorbeeld "
            "uitschrijven zonder nieuwe school), dan antwoordt de API met 400, `code` `refused`, de "
            "`rule` en de `source`. Is het toch zo gebeurd, stuur het verzoek dan opnieuw met "
            "`violation_reason`: dan wordt het vastgelegd als overtreding."
        ),
        request=EventCreateSerializer,
        responses={201: EventSerializer, **ERRORS},
    )
    def post(self, request: Request, child_id: int) -> Response:
        child = timeline_child(request, child_id)
        data = EventCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = call(services.record_event, actor=user_of(request), child=child, **data.validated_data)
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)


class EventDetailView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="Een gebeurtenis verwijderen die per vergissing is vastgelegd",
        request=ReasonSerializer,
        responses={204: None, **ERRORS},
    )
    def delete(self, request: Request, child_id: int, event_id: int) -> Response:
        child = timeline_child(request, child_id)
        try:
            event = TimelineEvent.objects.select_related("child").get(pk=event_id, child=child)
        except TimelineEvent.DoesNotExist:
            from django.http import Http404

            raise Http404 from None
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        call(services.delete_event, actor=user_of(request), event=event, reason=data.validated_data["reason"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class AssessmentView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="De beoordeling door de regelmotor",
        description=(
            "Precies wat `kring rules assess` berekent voor de invoer van `/scenario/` op dezelfde "
            "peildatum: leerplicht, termijnen, overtredingen, thuiszitterscategorie."
        ),
        parameters=[AS_OF],
        responses={200: OpenApiTypes.OBJECT, 400: ErrorSerializer, **READ_ERRORS},
    )
    def get(self, request: Request, child_id: int) -> Response:
        as_of = as_of_param(request)
        child = read_child(request, child_id, policy.Act.VIEW_ASSESSMENT, purpose=Purpose.LEERPLICHT)
        if as_of == timezone.localdate():  # today: the stored per-child assessment, kept fresh
            return Response(contract_output(current_assessment(child, today=as_of).data))
        return Response(assess_child(child, as_of=as_of, norms=norms_for_child(child, today=as_of)).to_dict())


class ScenarioView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="De invoer voor de regelmotor",
        description=(
            "De tijdlijn tot en met de peildatum als de exacte JSON-invoer van `kring rules assess` "
            "(geboortedatum en gebeurtenissen, zonder naam en BSN)."
        ),
        parameters=[AS_OF],
        responses={200: OpenApiTypes.OBJECT, 400: ErrorSerializer, **READ_ERRORS},
    )
    def get(self, request: Request, child_id: int) -> Response:
        as_of = as_of_param(request)
        child = read_child(request, child_id, policy.Act.VIEW_ASSESSMENT, purpose=Purpose.LEERPLICHT)
        return Response(json.loads(export_scenario_json(child, as_of, actor=user_of(request))))
