"""The OPP through the API (/api/v1/children/<id>/opp/...): the same acts as the pages, decided by
the same policy functions and done by the same services; a refusal lands on the same field name."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from kring.access import policy
from kring.api.access import user_of
from kring.api.errors import DetailSerializer, ErrorSerializer, KringAPIView, call
from kring.children.models import Child, LegalRepresentative
from kring.opp import services
from kring.opp.models import OppVersion
from kring.opp.selectors import read_opp, read_version
from kring.organisations.models import SchoolLocation

from .serializers import (
    ConsentInputSerializer,
    ConsentSerializer,
    EvaluationInputSerializer,
    EvaluationSerializer,
    HandelingsverlegenInputSerializer,
    HandelingsverlegenSerializer,
    OppFileSerializer,
    VersionInputSerializer,
    VersionSerializer,
)

TAG = ["opp"]
ERRORS: dict[int, Any] = {400: ErrorSerializer, 403: DetailSerializer, 404: DetailSerializer}


def _version(child: Child, version_id: int) -> OppVersion:
    version = read_version(child=child, version_id=version_id)
    if version is None:
        raise Http404
    return version


def _school(pk: int | None) -> SchoolLocation | None:
    return SchoolLocation.objects.select_related("organisation").filter(pk=pk).first() if pk else None


class OppView(KringAPIView):
    @extend_schema(tags=TAG, summary="Het OPP van een kind", responses={200: OppFileSerializer, **ERRORS})
    def get(self, request: Request, child_id: int) -> Response:
        user = user_of(request)
        child = policy.require_opp_child(user, child_id)
        opp_file = read_opp(actor=user, child=child)
        return Response(
            OppFileSerializer(
                {
                    "progress": opp_file.progress,
                    "current_version": opp_file.current.pk if opp_file.current else None,
                    "versions": opp_file.versions,
                    "handelingsverlegen": opp_file.handelingsverlegen,
                }
            ).data
        )


class VersionListView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="Een (nieuwe versie van het) OPP vaststellen",
        description=(
            "Elke wijziging is een nieuwe versie; de vorige blijft bewaard. Het handelingsdeel zegt per "
            "afspraak wie het betaalt. Zonder de woorden van het kind: de reden waarom het niet is gehoord."
        ),
        request=VersionInputSerializer,
        responses={201: VersionSerializer, **ERRORS},
    )
    def post(self, request: Request, child_id: int) -> Response:
        user = user_of(request)
        child = policy.require_opp_child(user, child_id, write=True)
        data = VersionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        actions = [services.ActionSpec(**a) for a in values.pop("actions")]
        version = call(
            services.draw_up_version,
            actor=user,
            child=child,
            school=_school(values.pop("school")),
            actions=actions,
            **values,
        )
        fresh = _version(child, version.pk)
        return Response(VersionSerializer(fresh).data, status=status.HTTP_201_CREATED)


class VersionDetailView(KringAPIView):
    @extend_schema(tags=TAG, summary="Eén versie van het OPP", responses={200: VersionSerializer, **ERRORS})
    def get(self, request: Request, child_id: int, version_id: int) -> Response:
        user = user_of(request)
        child = policy.require_opp_child(user, child_id)
        version = _version(child, version_id)
        read_opp(actor=user, child=child)  # the audit line of the read
        return Response(VersionSerializer(version).data)


class ConsentView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="Instemmen met het handelingsdeel, of bezwaar maken",
        description=(
            "Een ouder met gezag (of de leerling vanaf 18) beslist zelf, met de datum van vandaag. De school "
            "legt een getekend formulier vast met `on_paper`, de datum op het formulier en de ouder."
        ),
        request=ConsentInputSerializer,
        responses={201: ConsentSerializer, **ERRORS},
    )
    def post(self, request: Request, child_id: int, version_id: int) -> Response:
        user = user_of(request)
        child = policy.require_opp_child(user, child_id)
        version = _version(child, version_id)
        data = ConsentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        rep = None
        if values["representative"]:
            rep = LegalRepresentative.objects.filter(pk=values["representative"], child=child).first()
        consent = call(
            services.record_consent,
            actor=user,
            version=version,
            decision=values["decision"],
            note=values["note"],
            on_paper=values["on_paper"],
            given_on=values["given_on"],
            representative=rep,
        )
        return Response(ConsentSerializer(consent).data, status=status.HTTP_201_CREATED)


class EvaluationListView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="Een evaluatie van het OPP vastleggen",
        request=EvaluationInputSerializer,
        responses={201: EvaluationSerializer, **ERRORS},
    )
    def post(self, request: Request, child_id: int, version_id: int) -> Response:
        user = user_of(request)
        child = policy.require_opp_child(user, child_id, write=True)
        version = _version(child, version_id)
        data = EvaluationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        evaluation = call(services.record_evaluation, actor=user, version=version, **data.validated_data)
        return Response(EvaluationSerializer(evaluation).data, status=status.HTTP_201_CREATED)


class HandelingsverlegenView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="Vastleggen dat de school niet kan bieden wat het kind nodig heeft",
        description=(
            "Met de onderbouwing die de wet vraagt: het OPP (opgesteld, uitgevoerd, geëvalueerd; zo niet, "
            "waarom niet), de ouders en het kind, wat de school nodig heeft, wat het samenwerkingsverband "
            "aanbood, en de volgende stap."
        ),
        request=HandelingsverlegenInputSerializer,
        responses={201: HandelingsverlegenSerializer, **ERRORS},
    )
    def post(self, request: Request, child_id: int) -> Response:
        user = user_of(request)
        child = policy.require_opp_child(user, child_id, write=True)
        data = HandelingsverlegenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        record = call(
            services.declare_handelingsverlegen,
            actor=user,
            child=child,
            school=_school(values.pop("school")),
            **values,
        )
        return Response(HandelingsverlegenSerializer(record).data, status=status.HTTP_201_CREATED)
