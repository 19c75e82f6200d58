"""The family's rights requests in the API (AVG art. 15 and 16), with the same access table as the
pages (`kring/access/tests/test_parity_requests.py`):

- `GET /api/v1/children/<id>/requests/`: the family reads all the child's requests; a professional
  the ones to their organisation (404 for whoever may not see the child);
- `POST /api/v1/children/<id>/requests/`: the family asks for access (`kind` inzage, `organisation`)
  or a correction (`kind` rectificatie, `part`, `part_id`, `incorrect`, `proposal`);
- `POST /api/v1/children/<id>/requests/<request_id>/answer/` and `.../extend/`: the addressed
  organisation answers, or takes two more months once.

Each request carries its term as the rules engine computed it (AVG-12): `due` and `term_status`.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from kring.access import policy
from kring.api.access import user_of
from kring.api.errors import MAX_ID, DetailSerializer, ErrorSerializer, KringAPIView
from kring.children.audit import child_viewed
from kring.children.models import Child
from kring.organisations.models import Organisation
from kring.privacy.purposes import Purpose
from kring.privacy.rights import audit as rights_audit
from kring.privacy.rights import selectors, services, words
from kring.privacy.rights.models import RequestKind, RequestOutcome, RightsRequest


class RightsRequestSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(read_only=True)
    kind = serializers.ChoiceField(
        choices=RequestKind.choices, help_text="inzage (AVG art. 15) of rectificatie (art. 16)."
    )
    organisation = serializers.IntegerField(
        source="organisation_id",
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text=(
            "De organisatie (bij inzage; bij een correctie alleen als Kring niet weet wie het schreef)."
        ),
    )
    organisation_name = serializers.CharField(read_only=True)
    part = serializers.CharField(
        required=False, allow_blank=True, help_text="Bij een correctie: het soort onderdeel."
    )
    part_id = serializers.IntegerField(
        source="part_pk", required=False, allow_null=True, min_value=1, max_value=MAX_ID
    )
    part_label = serializers.CharField(read_only=True)
    original_text = serializers.CharField(read_only=True)
    incorrect = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    proposal = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    question = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    requester_name = serializers.CharField(read_only=True)
    requester_role = serializers.CharField(read_only=True)
    received_on = serializers.DateField(read_only=True)
    extended_on = serializers.DateField(read_only=True)
    extension_reason = serializers.CharField(read_only=True)
    answered_on = serializers.DateField(read_only=True)
    outcome = serializers.CharField(read_only=True)
    answer = serializers.CharField(read_only=True)
    corrected_text = serializers.CharField(read_only=True)
    due = serializers.SerializerMethodField(
        help_text="De uiterste datum van het antwoord (AVG-12, van de rules engine)."
    )
    term_status = serializers.SerializerMethodField(help_text="open, met, met_late of overdue (AVG-12).")
    term = serializers.SerializerMethodField(help_text="De termijn in woorden.")

    def _term(self, obj: RightsRequest) -> Any:
        return (self.context.get("terms") or {}).get(obj.pk)

    def get_due(self, obj: RightsRequest) -> str | None:
        term = self._term(obj)
        return term.due.isoformat() if term is not None and term.due else None

    def get_term_status(self, obj: RightsRequest) -> str | None:
        term = self._term(obj)
        return term.status if term is not None else None

    def get_term(self, obj: RightsRequest) -> str:
        return words.term_sentence(obj, self._term(obj))


class AnswerSerializer(serializers.Serializer[Any]):
    outcome = serializers.ChoiceField(choices=RequestOutcome.choices)
    answer = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    corrected_text = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class ExtendSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=4000)


def _visible_child(user: Any, child_id: int) -> Child:
    child = policy.visible_children(user).filter(pk=int(child_id)).first()
    if child is None:
        raise NotFound(str(policy.NO_SUCH_CHILD))
    return child


def _answerable(user: Any, child_id: int, request_id: int) -> RightsRequest:
    found = policy.require_answerable_request(user, request_id)
    if found.child_id != int(child_id):
        raise NotFound(str(policy.NO_SUCH_CHILD))
    return found


def _one(found: RightsRequest) -> dict[str, Any]:
    terms = selectors.terms(found.child, [found], today=timezone.localdate())
    return RightsRequestSerializer(found, context={"terms": terms}).data


class RequestListView(KringAPIView):
    @extend_schema(
        tags=["children"],
        summary="Verzoeken om inzage of correctie over het kind",
        description=(
            "Het gezin ziet al hun verzoeken; een professional de verzoeken aan de eigen organisatie."
        ),
        responses={200: RightsRequestSerializer(many=True), 403: DetailSerializer, 404: DetailSerializer},
    )
    def get(self, request: Request, child_id: int) -> Response:
        user = user_of(request)
        if policy.uses_family_pages(user):
            child = policy.require_family_child(user, child_id)
            rows = selectors.family_requests(user, child)
            purpose = Purpose.FAMILY_ACCESS
        else:
            child = _visible_child(user, child_id)
            rows = [
                r
                for r in selectors.organisation_requests(user, selectors.RequestFilters(status="all"))
                if r.child_id == child.pk
            ]
            purpose = Purpose.RIGHTS_REQUEST
        child_viewed(actor=user, child=child, purpose=purpose)
        rights_audit.viewed(actor=user, requests=rows, purpose=purpose)
        terms = selectors.terms(child, rows, today=timezone.localdate())
        return Response(RightsRequestSerializer(rows, many=True, context={"terms": terms}).data)

    @extend_schema(
        tags=["children"],
        summary="Om inzage of een correctie vragen (het gezin)",
        description=(
            "Voor een ouder met gezag (kind onder 16) of het kind vanaf 16. Inzage: `kind` inzage en "
            "`organisation` (een organisatie uit de kring). Correctie: `kind` rectificatie, `part`, "
            "`part_id`, `incorrect` en `proposal`; het verzoek gaat naar de organisatie die het schreef."
        ),
        request=RightsRequestSerializer,
        responses={
            201: RightsRequestSerializer,
            400: ErrorSerializer,
            403: DetailSerializer,
            404: DetailSerializer,
        },
    )
    def post(self, request: Request, child_id: int) -> Response:
        user = user_of(request)
        child = policy.require_request_child(user, child_id)
        serializer = RightsRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values: dict[str, Any] = dict(serializer.validated_data)
        org_id = values.get("organisation_id")
        organisation = Organisation.objects.filter(pk=org_id).first() if org_id else None
        if values["kind"] == RequestKind.INZAGE:
            made = services.request_access(
                actor=user, child=child, organisation=organisation, question=values.get("question", "")
            )
        else:
            made = services.request_correction(
                actor=user,
                child=child,
                part=values.get("part", ""),
                part_id=values.get("part_pk"),
                incorrect=values.get("incorrect", ""),
                proposal=values.get("proposal", ""),
                organisation=organisation,
            )
        return Response(_one(made), status=status.HTTP_201_CREATED)


class RequestAnswerView(KringAPIView):
    @extend_schema(
        tags=["children"],
        summary="Een verzoek beantwoorden (de organisatie)",
        description=(
            "Correctie: `gecorrigeerd` met `corrected_text`, of `niet_gecorrigeerd` met de reden in "
            "`answer`. Inzage: `inzage_gegeven` met in `answer` wat is gegeven."
        ),
        request=AnswerSerializer,
        responses={
            200: RightsRequestSerializer,
            400: ErrorSerializer,
            403: DetailSerializer,
            404: DetailSerializer,
        },
    )
    def post(self, request: Request, child_id: int, request_id: int) -> Response:
        user = user_of(request)
        found = _answerable(user, child_id, request_id)
        serializer = AnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        done = services.answer_request(
            actor=user,
            request=found,
            outcome=data["outcome"],
            answer=data.get("answer", ""),
            corrected_text=data.get("corrected_text", ""),
        )
        return Response(_one(done))


class RequestExtendView(KringAPIView):
    @extend_schema(
        tags=["children"],
        summary="Twee maanden meer tijd nemen voor een verzoek (één keer, in de eerste maand)",
        request=ExtendSerializer,
        responses={
            200: RightsRequestSerializer,
            400: ErrorSerializer,
            403: DetailSerializer,
            404: DetailSerializer,
        },
    )
    def post(self, request: Request, child_id: int, request_id: int) -> Response:
        user = user_of(request)
        found = _answerable(user, child_id, request_id)
        serializer = ExtendSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        done = services.extend_request(
            actor=user, request=found, reason=serializer.validated_data.get("reason", "")
        )
        return Response(_one(done))
