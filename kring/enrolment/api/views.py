"""The aanmelding register through the API: the same register, acts and refusals as the pages
(`kring.enrolment.views`), decided by the same policy and done by the same services. A refusal
names the same field as on the page (`outcome`, `other_school_confirmed_on`, `extended_on`, ...);
a refusal from the law carries its rule and source."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from kring.access import policy
from kring.api.access import user_of
from kring.api.errors import DetailSerializer, ErrorSerializer, KringAPIView, call
from kring.children.models import Child
from kring.organisations.models import SchoolLocation

from .. import audit, selectors, services
from ..models import Aanmelding, Conclusion, Outcome, ParentResponse, RefusalGround, StepKind, ZorgplichtStep
from ..terms import days_left, terms_of

TAG = ["aanmeldingen"]
ERRORS: dict[int, Any] = {400: ErrorSerializer, 403: DetailSerializer, 404: DetailSerializer}
NOT_FOR_YOU = "Het register van aanmeldingen is voor de intern begeleider en de schoolleider van de school."


class StepSerializer(serializers.ModelSerializer[ZorgplichtStep]):
    class Meta:
        model = ZorgplichtStep
        fields = ["id", "kind", "on", "description"]
        read_only_fields = fields


class AanmeldingSerializer(serializers.ModelSerializer[Aanmelding]):
    school_name = serializers.CharField(source="school.organisation.name", read_only=True)
    child_name = serializers.CharField(read_only=True)
    decide_by = serializers.SerializerMethodField(
        help_text="De school beslist uiterlijk op deze dag (ZP-05)."
    )
    days_left = serializers.SerializerMethodField(help_text="Dagen tot die dag (negatief: voorbij).")
    placement_from = serializers.SerializerMethodField(
        help_text="Zonder besluit wordt het kind vanaf deze dag tijdelijk geplaatst (ZP-06)."
    )
    steps = StepSerializer(many=True, read_only=True)

    class Meta:
        model = Aanmelding
        fields = [
            "id",
            "reference",
            "school",
            "school_name",
            "child",
            "child_name",
            "channel",
            "received_on",
            "support_question",
            "support_description",
            "receipt_on",
            "extended_on",
            "extension_reason",
            "decide_by",
            "days_left",
            "placement_from",
            "steps",
            "support_needed",
            "conclusion",
            "conclusion_substantiation",
            "concluded_on",
            "outcome",
            "decided_on",
            "refusal_ground",
            "decision_reasons",
            "other_school",
            "other_school_confirmed_on",
            "other_school_confirmed_by",
            "response",
            "response_on",
            "response_note",
        ]
        read_only_fields = fields

    def get_decide_by(self, a: Aanmelding) -> str:
        return terms_of(a, today=timezone.localdate()).due.isoformat()

    def get_days_left(self, a: Aanmelding) -> int:
        today = timezone.localdate()
        return days_left(terms_of(a, today=today).due, today)

    def get_placement_from(self, a: Aanmelding) -> str:
        return terms_of(a, today=timezone.localdate()).placement_from.isoformat()


class NewChildSerializer(serializers.Serializer[dict[str, Any]]):
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    birth_date = serializers.DateField()
    bsn = serializers.CharField(max_length=11, required=False, allow_blank=True, default="")
    postcode = serializers.CharField(max_length=7, required=False, allow_blank=True, default="")
    vakantieregio = serializers.CharField(max_length=6, required=False, allow_blank=True, default="")


class AanmeldingRegisterSerializer(serializers.Serializer[dict[str, Any]]):
    school = serializers.PrimaryKeyRelatedField(queryset=SchoolLocation.objects.all())
    received_on = serializers.DateField()
    child = serializers.PrimaryKeyRelatedField(
        queryset=Child.objects.all(), required=False, allow_null=True, default=None
    )
    new_child = NewChildSerializer(required=False, allow_null=True, default=None)
    support_question = serializers.BooleanField(required=False, default=False)
    support_description = serializers.CharField(required=False, allow_blank=True, default="")
    parent_email = serializers.EmailField(required=False, allow_blank=True, default="")


class AanmeldingExtendSerializer(serializers.Serializer[dict[str, Any]]):
    extended_on = serializers.DateField()
    extension_reason = serializers.CharField(allow_blank=True)


class AanmeldingStepSerializer(serializers.Serializer[dict[str, Any]]):
    kind = serializers.ChoiceField(choices=StepKind.choices)
    on = serializers.DateField()
    description = serializers.CharField(allow_blank=True)


class AanmeldingConclusionSerializer(serializers.Serializer[dict[str, Any]]):
    support_needed = serializers.CharField(allow_blank=True)
    conclusion = serializers.ChoiceField(choices=Conclusion.choices)
    substantiation = serializers.CharField(allow_blank=True)
    concluded_on = serializers.DateField()


class AanmeldingDecisionSerializer(serializers.Serializer[dict[str, Any]]):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    decided_on = serializers.DateField()
    reasons = serializers.CharField(required=False, allow_blank=True, default="")
    refusal_ground = serializers.ChoiceField(
        choices=[("", ""), *RefusalGround.choices], required=False, allow_blank=True, default=""
    )
    other_school = serializers.PrimaryKeyRelatedField(
        queryset=SchoolLocation.objects.all(), required=False, allow_null=True, default=None
    )
    other_school_confirmed_on = serializers.DateField(required=False, allow_null=True, default=None)
    other_school_confirmed_by = serializers.CharField(required=False, allow_blank=True, default="")


class AanmeldingResponseSerializer(serializers.Serializer[dict[str, Any]]):
    response = serializers.ChoiceField(choices=ParentResponse.choices)
    response_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


def _aanmelding(request: Request, aanmelding_id: int) -> Aanmelding:
    return selectors.detail(user_of(request), aanmelding_id)


def _handled(request: Request, aanmelding_id: int) -> Aanmelding:
    a = _aanmelding(request, aanmelding_id)
    if not policy.can_handle_aanmelding(user_of(request), a):
        raise PermissionDenied("Alleen de school waar het kind is aangemeld, legt dit vast.")
    return a


def _answer(a: Aanmelding, code: int = status.HTTP_200_OK) -> Response:
    fresh = selectors.detail_unchecked(a.pk)
    return Response(AanmeldingSerializer(fresh).data, status=code)


class AanmeldingListView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="De aanmeldingen van je school",
        description="status: open (standaard), te_verwerken, besloten of alle.",
        responses={200: AanmeldingSerializer(many=True), 403: DetailSerializer},
    )
    def get(self, request: Request) -> Response:
        user = user_of(request)
        if not policy.aanmelding_schools(user).exists():
            raise PermissionDenied(NOT_FOR_YOU)
        filters = selectors.Filters(
            status=request.query_params.get("status", "open"), query=request.query_params.get("q", "")
        )
        rows = list(selectors.school_register(user, filters).prefetch_related("steps")[:200])
        audit.listed(actor=user, aanmeldingen=rows)
        return Response(AanmeldingSerializer(rows, many=True).data)

    @extend_schema(
        tags=TAG,
        summary="Een aanmelding vastleggen",
        request=AanmeldingRegisterSerializer,
        responses={201: AanmeldingSerializer, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        data = AanmeldingRegisterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        new_child = values.pop("new_child")
        if new_child and not new_child.get("bsn"):
            new_child.pop("bsn", None)
        a = call(services.register_aanmelding, actor=user_of(request), new_child=new_child, **values)
        return _answer(a, status.HTTP_201_CREATED)


class AanmeldingDetailView(KringAPIView):
    @extend_schema(
        tags=TAG, summary="Eén aanmelding", responses={200: AanmeldingSerializer, 404: DetailSerializer}
    )
    def get(self, request: Request, aanmelding_id: int) -> Response:
        a = _aanmelding(request, aanmelding_id)
        audit.viewed(actor=user_of(request), aanmelding=a)
        return Response(AanmeldingSerializer(a).data)


class ExtensionView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="De beslistermijn één keer verlengen (ZP-05)",
        request=AanmeldingExtendSerializer,
        responses={200: AanmeldingSerializer, **ERRORS},
    )
    def post(self, request: Request, aanmelding_id: int) -> Response:
        a = _handled(request, aanmelding_id)
        data = AanmeldingExtendSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return _answer(
            call(services.extend_term, actor=user_of(request), aanmelding=a, **data.validated_data)
        )


class StepView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="Een stap in het onderzoek vastleggen",
        request=AanmeldingStepSerializer,
        responses={201: AanmeldingSerializer, **ERRORS},
    )
    def post(self, request: Request, aanmelding_id: int) -> Response:
        a = _handled(request, aanmelding_id)
        data = AanmeldingStepSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        call(services.record_step, actor=user_of(request), aanmelding=a, **data.validated_data)
        return _answer(a, status.HTTP_201_CREATED)


class ConclusionView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="De conclusie van het onderzoek",
        request=AanmeldingConclusionSerializer,
        responses={200: AanmeldingSerializer, **ERRORS},
    )
    def post(self, request: Request, aanmelding_id: int) -> Response:
        a = _handled(request, aanmelding_id)
        data = AanmeldingConclusionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return _answer(call(services.conclude, actor=user_of(request), aanmelding=a, **data.validated_data))


class DecisionView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="Het besluit op de aanmelding",
        description=(
            "Kan de school de ondersteuning niet bieden, dan alleen 'plaats_elders' met een andere school "
            "die de "
            "plaats heeft bevestigd (ZP-03). Afwijzen zonder andere school alleen op een grond van ZP-04."
        ),
        request=AanmeldingDecisionSerializer,
        responses={200: AanmeldingSerializer, **ERRORS},
    )
    def post(self, request: Request, aanmelding_id: int) -> Response:
        a = _handled(request, aanmelding_id)
        data = AanmeldingDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return _answer(call(services.decide, actor=user_of(request), aanmelding=a, **data.validated_data))


class ResponseView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="De reactie van de ouders op het besluit",
        request=AanmeldingResponseSerializer,
        responses={200: AanmeldingSerializer, **ERRORS},
    )
    def post(self, request: Request, aanmelding_id: int) -> Response:
        a = _handled(request, aanmelding_id)
        data = AanmeldingResponseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return _answer(
            call(services.record_response, actor=user_of(request), aanmelding=a, **data.validated_data)
        )
