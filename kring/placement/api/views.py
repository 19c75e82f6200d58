"""Placement through the API: the same TLV requests, decisions, waiting lists and support profiles as
the pages, decided by the same policy and done by the same services (`kring.placement.services`).
A refusal names the same fields as on the page (`advice_1_name`, `parents_view`, ...)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from kring.access import policy
from kring.api.access import user_of
from kring.api.errors import DetailSerializer, ErrorSerializer, KringAPIView, call
from kring.children.audit import child_viewed
from kring.children.models import Child
from kring.organisations.models import SchoolLocation

from .. import audit, selectors, services
from ..models import (
    Categorie,
    Cluster,
    ExpertAdvice,
    Functie,
    Outcome,
    SupportOffer,
    TlvDecision,
    TlvRequest,
    TlvSoort,
    WaitingListEntry,
)

TAG = ["placement"]
ERRORS: dict[int, Any] = {400: ErrorSerializer, 403: DetailSerializer, 404: DetailSerializer}


class AdviceSerializer(serializers.ModelSerializer[ExpertAdvice]):
    class Meta:
        model = ExpertAdvice
        fields = ["name", "functie", "given_on", "advice"]
        read_only_fields = fields


class TlvDecisionSerializer(serializers.ModelSerializer[TlvDecision]):
    class Meta:
        model = TlvDecision
        fields = ["outcome", "decided_on", "schooljaren", "volgnummer", "motivation", "objection_route"]
        read_only_fields = fields


class TermSerializer(serializers.Serializer[Any]):
    rule = serializers.CharField()
    day = serializers.DateField()
    status = serializers.CharField()
    legal_source = serializers.CharField(source="source")
    explanation = serializers.CharField()


class TermsSerializer(serializers.Serializer[Any]):
    decision_due = TermSerializer(allow_null=True, help_text="AWB-413: het besluit uiterlijk.")
    valid_until = TermSerializer(allow_null=True, help_text="TLV-04: de TLV geldt tot en met.")
    objection_until = TermSerializer(allow_null=True, help_text="TLV-06: bezwaar maken kan tot en met.")


class TlvRequestSerializer(serializers.ModelSerializer[TlvRequest]):
    advices = AdviceSerializer(many=True, read_only=True)
    decision = serializers.SerializerMethodField()
    terms = serializers.SerializerMethodField()

    class Meta:
        model = TlvRequest
        fields = [
            "id",
            "child",
            "swv",
            "school",
            "soort",
            "cluster",
            "categorie",
            "received_on",
            "reason",
            "parents_view",
            "child_view",
            "target_school",
            "place_confirmed",
            "waiting_position",
            "opp_evaluated_on",
            "advices",
            "decision",
            "terms",
        ]
        read_only_fields = fields

    @extend_schema_field(TlvDecisionSerializer(allow_null=True))
    def get_decision(self, obj: TlvRequest) -> dict[str, Any] | None:
        try:
            return dict(TlvDecisionSerializer(obj.decision).data)
        except TlvDecision.DoesNotExist:
            return None

    @extend_schema_field(TermsSerializer)
    def get_terms(self, obj: TlvRequest) -> dict[str, Any]:
        return dict(TermsSerializer(selectors.tlv_terms(obj, today=timezone.localdate())).data)


class AdviceInputSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=200, allow_blank=True, default="")
    functie = serializers.ChoiceField(choices=Functie.choices)
    given_on = serializers.DateField(required=False, allow_null=True, default=None)
    advice = serializers.CharField(allow_blank=True, default="")


class TlvRequestCreateSerializer(serializers.Serializer[Any]):
    school = serializers.IntegerField(
        help_text="De school die aanvraagt (waar het kind staat of is aangemeld)."
    )
    soort = serializers.ChoiceField(choices=TlvSoort.choices)
    cluster = serializers.ChoiceField(choices=Cluster.choices, required=False, default="")
    categorie = serializers.ChoiceField(choices=Categorie.choices, required=False, default="")
    received_on = serializers.DateField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    parents_view = serializers.CharField(required=False, allow_blank=True, default="")
    child_view = serializers.CharField(required=False, allow_blank=True, default="")
    advices = AdviceInputSerializer(many=True, required=False, default=list)
    target_school = serializers.IntegerField(required=False, allow_null=True, default=None)
    place_confirmed = serializers.BooleanField(required=False, default=False)
    waiting_position = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)


class TlvDecisionCreateSerializer(serializers.Serializer[Any]):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    decided_on = serializers.DateField()
    schooljaren = serializers.IntegerField(required=False, allow_null=True, default=None)
    volgnummer = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)
    motivation = serializers.CharField(required=False, allow_blank=True, default="")
    advice_copy_to_parents = serializers.BooleanField(required=False, default=False)
    objection_route = serializers.CharField(required=False, allow_blank=True, default="")


class WaitingEntrySerializer(serializers.ModelSerializer[WaitingListEntry]):
    class Meta:
        model = WaitingListEntry
        fields = [
            "id",
            "child",
            "school",
            "responsible_school",
            "since",
            "start_on",
            "tlv_request",
            "ended_on",
            "end_reason",
        ]
        read_only_fields = fields


class WaitingCreateSerializer(serializers.Serializer[Any]):
    school = serializers.IntegerField()
    since = serializers.DateField()
    start_on = serializers.DateField(required=False, allow_null=True, default=None)
    tlv_request = serializers.IntegerField(required=False, allow_null=True, default=None)


class WaitingEndSerializer(serializers.Serializer[Any]):
    ended_on = serializers.DateField()
    reason = serializers.CharField(allow_blank=True, max_length=200)


class SupportOfferSerializer(serializers.ModelSerializer[SupportOffer]):
    class Meta:
        model = SupportOffer
        fields = ["id", "school", "level", "category", "description"]
        read_only_fields = ["id", "school"]


def _child(request: Request, child_id: int) -> Child:
    user = user_of(request)
    child = policy.visible_children(user).filter(pk=child_id).first()
    if child is None:
        raise Http404
    return child


def _school(pk: int | None) -> SchoolLocation | None:
    if pk is None:
        return None
    school = SchoolLocation.objects.select_related("organisation").filter(pk=pk).first()
    if school is None:
        raise serializers.ValidationError({"school": ["Deze school bestaat niet."]})
    return school


def _request_out(tlv_request: TlvRequest) -> dict[str, Any]:
    fresh = (
        TlvRequest.objects.select_related("swv__organisation", "child", "decision")
        .prefetch_related("advices")
        .get(pk=tlv_request.pk)
    )
    return dict(TlvRequestSerializer(fresh).data)


class ChildTlvRequestsView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="De TLV-aanvragen van een kind",
        responses={200: TlvRequestSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request, child_id: int) -> Response:
        user, child = user_of(request), _child(request, child_id)
        rows = selectors.child_tlv_requests(user, child)
        for row in rows:
            audit.tlv_viewed(actor=user, tlv_request=row)
        return Response(TlvRequestSerializer(rows, many=True).data)

    @extend_schema(
        tags=TAG,
        summary="Een TLV aanvragen",
        description=(
            "De school vraagt het samenwerkingsverband om een toelaatbaarheidsverklaring. Geweigerd zolang "
            "de checklist van het samenwerkingsverband niet klopt; elk ontbrekend onderdeel staat bij zijn "
            "veld (de adviezen: advice_1_name, ...; het OPP: non_field_errors)."
        ),
        request=TlvRequestCreateSerializer,
        responses={201: TlvRequestSerializer, **ERRORS},
    )
    def post(self, request: Request, child_id: int) -> Response:
        user, child = user_of(request), _child(request, child_id)
        data = TlvRequestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        created = call(
            services.request_tlv,
            actor=user,
            child=child,
            school=_school(v["school"]),
            soort=v["soort"],
            cluster=v["cluster"],
            categorie=v["categorie"],
            received_on=v["received_on"],
            reason=v["reason"],
            parents_view=v["parents_view"],
            child_view=v["child_view"],
            advices=[services.AdviceInput(**a) for a in v["advices"]],
            target_school=_school(v["target_school"]),
            place_confirmed=v["place_confirmed"],
            waiting_position=v["waiting_position"],
        )
        return Response(_request_out(created), status=status.HTTP_201_CREATED)


class TlvRequestView(KringAPIView):
    @extend_schema(tags=TAG, summary="Een TLV-aanvraag", responses={200: TlvRequestSerializer, **ERRORS})
    def get(self, request: Request, request_id: int) -> Response:
        user = user_of(request)
        tlv_request = policy.require_tlv_request(user, request_id)
        audit.tlv_viewed(actor=user, tlv_request=tlv_request)
        return Response(_request_out(tlv_request))


class TlvDecisionView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="Het besluit over een TLV-aanvraag",
        request=TlvDecisionCreateSerializer,
        responses={201: TlvRequestSerializer, **ERRORS},
    )
    def post(self, request: Request, request_id: int) -> Response:
        user = user_of(request)
        tlv_request = policy.require_tlv_request(user, request_id)
        if not policy.may_decide_tlv(user, tlv_request):
            raise PermissionDenied(str(policy.NOT_TLV_DECIDER))
        data = TlvDecisionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        call(services.decide_tlv, actor=user, tlv_request=tlv_request, **data.validated_data)
        return Response(_request_out(tlv_request), status=status.HTTP_201_CREATED)


class ChildWaitingListView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="Waar het kind op de wachtlijst staat",
        responses={200: WaitingEntrySerializer(many=True), **ERRORS},
    )
    def get(self, request: Request, child_id: int) -> Response:
        user, child = user_of(request), _child(request, child_id)
        child_viewed(actor=user, child=child, purpose=audit.PURPOSE)
        return Response(WaitingEntrySerializer(selectors.child_waiting(user, child), many=True).data)

    @extend_schema(
        tags=TAG,
        summary="Een kind op een wachtlijst zetten",
        request=WaitingCreateSerializer,
        responses={201: WaitingEntrySerializer, **ERRORS},
    )
    def post(self, request: Request, child_id: int) -> Response:
        user, child = user_of(request), _child(request, child_id)
        data = WaitingCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        tlv_request = None
        if v["tlv_request"] is not None:
            tlv_request = policy.visible_tlv_requests(user).filter(pk=v["tlv_request"]).first()
            if tlv_request is None:
                raise serializers.ValidationError({"tlv_request": ["Deze TLV-aanvraag bestaat niet."]})
        entry = call(
            services.add_to_waiting_list,
            actor=user,
            child=child,
            school=_school(v["school"]),
            since=v["since"],
            start_on=v["start_on"],
            tlv_request=tlv_request,
        )
        return Response(WaitingEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class WaitingEndView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="Een kind van de wachtlijst halen",
        request=WaitingEndSerializer,
        responses={200: WaitingEntrySerializer, **ERRORS},
    )
    def post(self, request: Request, entry_id: int) -> Response:
        user = user_of(request)
        entry = selectors.require_waiting_entry(user, entry_id)
        data = WaitingEndSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ended = call(services.end_waiting, actor=user, entry=entry, **data.validated_data)
        return Response(WaitingEntrySerializer(ended).data)


class SupportOffersView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="Het ondersteuningsprofiel van een school",
        responses={200: SupportOfferSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request, school_id: int) -> Response:
        school = policy.readable_support_profiles(user_of(request)).filter(pk=school_id).first()
        if school is None:
            raise Http404
        return Response(
            SupportOfferSerializer(
                SupportOffer.objects.filter(school=school).order_by("category", "pk"), many=True
            ).data
        )

    @extend_schema(
        tags=TAG,
        summary="Aanbod toevoegen aan het ondersteuningsprofiel",
        request=SupportOfferSerializer,
        responses={201: SupportOfferSerializer, **ERRORS},
    )
    def post(self, request: Request, school_id: int) -> Response:
        user = user_of(request)
        school = policy.readable_support_profiles(user).filter(pk=school_id).first()
        if school is None:
            raise Http404
        data = SupportOfferSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        offer = call(
            services.add_support_offer,
            actor=user,
            school=school,
            level=v["level"],
            category=v["category"],
            description=v["description"],
        )
        return Response(SupportOfferSerializer(offer).data, status=status.HTTP_201_CREATED)
