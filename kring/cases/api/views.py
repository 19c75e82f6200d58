"""Cases and the work on a case (circle, regievoerder, meetings, agreements, perspective, routes,
escalations): thin views over `kring.cases`.

Reads start from `policy.visible_cases(user)` through the selectors (`case_list`, `case_detail`,
which audit); writes go through `kring.cases.services`, which check `can_edit_case` and audit.
Errors: see `errors.py`. A guide with examples: docs/api.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from kring.access import policy
from kring.access.scopes import Section
from kring.accounts.models import User
from kring.api.access import read_case, user_of, write_case
from kring.api.errors import DetailSerializer, ErrorSerializer, KringAPIView, call, refuse_bsn_in_query
from kring.cases import services, workflow
from kring.cases.models import (
    Case,
    CaseStatus,
    CircleMember,
    Escalation,
    Meeting,
    Perspective,
    RegievoerderAssignment,
    Route,
)
from kring.cases.selectors import (
    THUISZITTER_FILTERS,
    active_regievoerder,
    case_list,
    circle_of,
    record_listed,
)
from kring.children.api.serializers import ReasonSerializer
from kring.organisations.models import Gemeente, SchoolLocation
from kring.privacy.purposes import Purpose

from .serializers import (
    AgreementCompleteSerializer,
    AgreementCreateSerializer,
    AgreementSerializer,
    CaseDetailSerializer,
    CaseOpenSerializer,
    CaseSerializer,
    CircleMemberCreateSerializer,
    CircleMemberRemoveSerializer,
    CircleMemberSerializer,
    DecisionCreateSerializer,
    EscalateSerializer,
    EscalationDecisionSerializer,
    EscalationSerializer,
    MeetingCreateSerializer,
    MeetingSerializer,
    PerspectiveSerializer,
    PerspectiveSetSerializer,
    RegievoerderCorrectSerializer,
    RegievoerderSerializer,
    RegievoerderSetSerializer,
    RhythmSerializer,
    RouteCreateSerializer,
    RouteOutcomeSerializer,
    RouteSerializer,
    TransitionSerializer,
)

READ_ERRORS: dict[int, Any] = {403: DetailSerializer, 404: DetailSerializer}
WRITE_ERRORS: dict[int, Any] = {400: ErrorSerializer, 403: DetailSerializer, 404: DetailSerializer}
VERSIONED_ERRORS: dict[int, Any] = {**WRITE_ERRORS, 409: ErrorSerializer}

T = TypeVar("T")

PURPOSE_LIST = Purpose.CASUSREGIE
PURPOSE_READ = Purpose.CASUSREGIE


def _valid(serializer_class: type[Serializer[Any]], request: Request, **context: Any) -> dict[str, Any]:
    serializer = serializer_class(data=request.data, context=context)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _read_part(request: Request, case_id: int, act: policy.Act) -> Case:
    """The case for a read of the part `act` shows (`policy.require_case`), then audited."""
    return read_case(request, case_id, act)


def _write(
    request: Request,
    case_id: int,
    act: policy.Act,
    serializer_class: type[Serializer[Any]],
    service: Callable[..., T],
) -> T:
    """A write `act` on the case: the body through `serializer_class`, then the service with the
    actor, the case and those values (a refusal on the field it names: the serializer's names
    are the service's)."""
    case = write_case(request, case_id, act)
    values = _valid(serializer_class, request)
    return call(service, actor=user_of(request), case=case, **values)


def _member(case: Case, pk: Any, field: str, *, active_only: bool = True) -> CircleMember:
    qs = CircleMember.objects.filter(case=case, pk=pk).select_related("user")
    if active_only:
        qs = qs.filter(active=True)
    member = qs.first()
    if member is None:
        raise ValidationError({field: ["Kies iemand die lid is van de kring van deze casus."]})
    return member


def _child_of_case(case: Case, model: type[Any], pk: int) -> Any:
    obj = model.objects.filter(case=case, pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def _today() -> date:
    return timezone.localdate()


def _showing_assessment(user: User, cases: list[Case]) -> set[int]:
    """The cases among `cases` whose assessment this user sees (kring.access.scopes)."""
    return set(policy.cases_showing(user, Section.ASSESSMENT, among=cases).values_list("pk", flat=True))


def case_representation(user: User, case: Case) -> dict[str, Any]:
    """One case with what this user may see and do (the detail page's header)."""
    case.scope = policy.case_view_scope(user, case)  # type: ignore[attr-defined]
    case.can_edit = policy.can_edit_case(user, case)  # type: ignore[attr-defined]
    case.allowed_transitions = workflow.allowed_targets(case.status) if case.is_open else []  # type: ignore[attr-defined]
    case.regievoerder = active_regievoerder(case)  # type: ignore[attr-defined]
    data = dict(
        CaseDetailSerializer(case, context={"showing_assessment": _showing_assessment(user, [case])}).data
    )
    if not policy.can(user, policy.Act.VIEW_SIGNAL, case):  # what the signal was about, why it closed
        data.update(signal_description="", closing_reason="")
    if not policy.can(user, policy.Act.VIEW_STATUS_CHANGES, case):  # the phase changes and reasons
        data.update(status_changes=[])
    return data


# ---------------------------------------------------------------- cases


def _bool_param(params: Mapping[str, str], name: str) -> bool | None:
    raw = params.get(name, "").strip().lower()
    if not raw:
        return None
    if raw in ("true", "1", "ja", "yes"):
        return True
    if raw in ("false", "0", "nee", "no"):
        return False
    raise ValidationError({name: ["Gebruik true of false."]})


def _object_param(params: Mapping[str, str], name: str, qs: QuerySet[Any]) -> Any:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    found = qs.filter(pk=raw).first() if raw.isdigit() else None
    if found is None:
        raise ValidationError({name: ["Onbekend id."]})
    return found


class CaseListView(KringAPIView, generics.GenericAPIView[Case]):
    """Cases this user may see, with the filters of the case list page; opening a case."""

    serializer_class = CaseSerializer

    def get_queryset(self) -> QuerySet[Case]:
        user = user_of(self.request)
        params = self.request.query_params
        status_value = params.get("status", "").strip()
        if status_value and status_value not in CaseStatus.values:
            raise ValidationError({"status": [f"Kies een van: {', '.join(CaseStatus.values)}."]})
        thuiszitter = params.get("thuiszitter", "").strip()
        if thuiszitter and thuiszitter not in THUISZITTER_FILTERS:
            raise ValidationError({"thuiszitter": [f"Kies een van: {', '.join(THUISZITTER_FILTERS)}."]})
        refuse_bsn_in_query(params.get("q", ""), "q")  # a BSN never in an address or access log
        return case_list(
            user,
            status=status_value,
            open_only=bool(_bool_param(params, "open")),
            thuiszitter=thuiszitter,
            overdue=_bool_param(params, "overdue"),
            escalated=_bool_param(params, "escalated"),
            school=_object_param(params, "school", SchoolLocation.objects.all()),
            gemeente=_object_param(params, "gemeente", Gemeente.objects.all()),
            regievoerder=_object_param(params, "regievoerder", User.objects.all()),
            query=params.get("q", ""),
            visible=policy.visible_cases_read_once(user),  # the count and the page's rows ask it once
        )

    @extend_schema(
        tags=["cases"],
        summary="Casussen die je mag zien",
        parameters=[
            OpenApiParameter("status", str, enum=CaseStatus.values, description="Fase"),
            OpenApiParameter("open", bool, description="Alleen open casussen"),
            OpenApiParameter(
                "thuiszitter", str, enum=list(THUISZITTER_FILTERS), description="Thuiszitterscategorie"
            ),
            OpenApiParameter("overdue", bool, description="Met (true) of zonder (false) verlopen termijnen"),
            OpenApiParameter("escalated", bool, description="Geëscaleerd"),
            OpenApiParameter("school", int, description="Id van de school waar het kind staat ingeschreven"),
            OpenApiParameter("gemeente", int, description="Id van de woongemeente"),
            OpenApiParameter("regievoerder", int, description="Id van de regievoerder (gebruiker)"),
            OpenApiParameter(
                "q",
                str,
                description="Naam van het kind. Een BSN hier wordt geweigerd: zie `/children/search/`.",
            ),
        ],
        responses={200: CaseSerializer(many=True), 400: ErrorSerializer},
    )
    def get(self, request: Request, *args: object, **kwargs: object) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        rows = list(page) if page is not None else []
        user = user_of(request)
        record_listed(actor=user, cases=rows, purpose=PURPOSE_LIST)
        context = {"showing_assessment": _showing_assessment(user, rows)}
        return self.get_paginated_response(CaseSerializer(rows, many=True, context=context).data)

    @extend_schema(
        tags=["cases"],
        summary="Een casus openen op een signaal",
        request=CaseOpenSerializer,
        responses={201: CaseDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, *args: object, **kwargs: object) -> Response:
        user = user_of(request)
        values = _valid(CaseOpenSerializer, request, user=user)
        case = call(
            services.open_case,
            actor=user,
            **values,
        )
        return Response(case_representation(user, case), status=status.HTTP_201_CREATED)


class CaseDetailView(KringAPIView):
    @extend_schema(tags=["cases"], summary="Eén casus", responses={200: CaseDetailSerializer, **READ_ERRORS})
    def get(self, request: Request, case_id: int) -> Response:
        case = read_case(request, case_id, purpose=PURPOSE_READ)
        return Response(case_representation(user_of(request), case))


class TransitionView(KringAPIView):
    @extend_schema(
        tags=["cases"],
        summary="De casus naar een andere fase brengen",
        description=(
            "Volgens het werkproces, altijd met een reden. Stuur de `version` mee als `expected_version`."
        ),
        request=TransitionSerializer,
        responses={200: CaseDetailSerializer, **VERSIONED_ERRORS},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = _write(
            request,
            case_id,
            policy.Act.CHANGE_PHASE,
            TransitionSerializer,
            services.transition_case,
        )
        return Response(case_representation(user_of(request), case))


# ---------------------------------------------------------------- circle and regievoerder


class CircleView(KringAPIView):
    @extend_schema(
        tags=["circle"],
        summary="De kring van de casus",
        parameters=[OpenApiParameter("include_former", bool, description="Ook oud-leden")],
        responses={200: CircleMemberSerializer(many=True), 400: ErrorSerializer, **READ_ERRORS},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = _read_part(request, case_id, policy.Act.VIEW_CIRCLE)
        former = bool(_bool_param(request.query_params, "include_former"))
        return Response(CircleMemberSerializer(circle_of(case, include_former=former), many=True).data)

    @extend_schema(
        tags=["circle"],
        summary="Iemand aan de kring toevoegen",
        request=CircleMemberCreateSerializer,
        responses={201: CircleMemberSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, case_id: int) -> Response:
        member = _write(
            request,
            case_id,
            policy.Act.MANAGE_CIRCLE,
            CircleMemberCreateSerializer,
            services.add_circle_member,
        )
        return Response(CircleMemberSerializer(member).data, status=status.HTTP_201_CREATED)


class CircleMemberView(KringAPIView):
    @extend_schema(
        tags=["circle"],
        summary="Iemand uit de kring halen (met reden)",
        request=CircleMemberRemoveSerializer,
        responses={200: CircleMemberSerializer, **WRITE_ERRORS},
    )
    def delete(self, request: Request, case_id: int, member_id: int) -> Response:
        case = write_case(request, case_id, policy.Act.MANAGE_CIRCLE)
        member = _child_of_case(case, CircleMember, member_id)
        values = _valid(CircleMemberRemoveSerializer, request)
        member = call(
            services.remove_circle_member,
            actor=user_of(request),
            member=member,
            **values,
        )
        return Response(CircleMemberSerializer(member).data)


class RegievoerderView(KringAPIView):
    @extend_schema(
        tags=["circle"],
        summary="Wie de regie had en heeft",
        responses={200: RegievoerderSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = _read_part(request, case_id, policy.Act.VIEW_CIRCLE)
        rows = RegievoerderAssignment.objects.filter(case=case).select_related("user__organisation", "member")
        return Response(RegievoerderSerializer(rows, many=True).data)

    @extend_schema(
        tags=["circle"],
        summary="De eerste regievoerder aanwijzen",
        request=RegievoerderSetSerializer,
        responses={201: RegievoerderSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = write_case(request, case_id, policy.Act.MANAGE_CIRCLE)
        values = _valid(RegievoerderSetSerializer, request)
        member = _member(case, values["member"], "member")
        assignment = call(
            services.appoint_regievoerder,
            actor=user_of(request),
            case=case,
            member=member,
            note=values["note"],
            on=values["on"],
        )
        return Response(RegievoerderSerializer(assignment).data, status=status.HTTP_201_CREATED)


class RegievoerderHandoverView(KringAPIView):
    @extend_schema(
        tags=["circle"],
        summary="De regie overdragen (met overdrachtsnotitie)",
        request=RegievoerderSetSerializer,
        responses={201: RegievoerderSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = write_case(request, case_id, policy.Act.MANAGE_CIRCLE)
        values = _valid(RegievoerderSetSerializer, request)
        member = _member(case, values["member"], "member")
        assignment = call(
            services.hand_over_regievoerder,
            actor=user_of(request),
            case=case,
            member=member,
            note=values["note"],
            on=values["on"],
        )
        return Response(RegievoerderSerializer(assignment).data, status=status.HTTP_201_CREATED)


class RegievoerderCorrectView(KringAPIView):
    @extend_schema(
        tags=["circle"],
        summary="De aanwijzing verbeteren: de juiste regievoerder, vanaf dezelfde datum (geen overdracht)",
        request=RegievoerderCorrectSerializer,
        responses={200: RegievoerderSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = write_case(request, case_id, policy.Act.MANAGE_CIRCLE)
        values = _valid(RegievoerderCorrectSerializer, request)
        member = _member(case, values["member"], "member")
        assignment = call(
            services.correct_regievoerder,
            actor=user_of(request),
            case=case,
            member=member,
            reason=values["reason"],
        )
        return Response(RegievoerderSerializer(assignment).data)


# ---------------------------------------------------------------- meetings and agreements


class MeetingListView(KringAPIView):
    @extend_schema(
        tags=["meetings"],
        summary="De overleggen van de casus",
        responses={200: MeetingSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = _read_part(request, case_id, policy.Act.VIEW_MEETINGS)
        meetings = (
            Meeting.objects.filter(case=case).select_related("recorded_by").prefetch_related("attendees")
        )
        return Response(MeetingSerializer(meetings, many=True).data)

    @extend_schema(
        tags=["meetings"],
        summary="Een overleg vastleggen",
        request=MeetingCreateSerializer,
        responses={201: MeetingSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = write_case(request, case_id, policy.Act.ADD_MEETING)
        values = _valid(MeetingCreateSerializer, request)
        ids = values.pop("attendees")
        attendees = list(CircleMember.objects.filter(case=case, pk__in=ids))
        if len(attendees) != len(set(ids)):
            raise ValidationError(
                {"attendees": ["Alleen leden van deze kring kunnen als aanwezig worden vastgelegd."]}
            )
        meeting = call(
            services.record_meeting,
            actor=user_of(request),
            case=case,
            attendees=attendees,
            **values,
        )
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)


class AgreementListView(KringAPIView):
    @extend_schema(
        tags=["meetings"],
        summary="De afspraken van de casus",
        description="Wie alleen de eigen afspraken mag zien, krijgt alleen die.",
        responses={200: AgreementSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = read_case(request, case_id, policy.Act.VIEW_OWN_AGREEMENTS)
        rows = policy.visible_agreements(user_of(request), case)
        return Response(
            AgreementSerializer(rows.select_related("owner__user", "owner__representative"), many=True).data
        )

    @extend_schema(
        tags=["meetings"],
        summary="Een afspraak vastleggen",
        request=AgreementCreateSerializer,
        responses={201: AgreementSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = write_case(request, case_id, policy.Act.ADD_AGREEMENT)
        values = _valid(AgreementCreateSerializer, request)
        owner = _member(case, values["owner"], "owner")
        meeting = None
        if values["meeting"] is not None:
            meeting = Meeting.objects.filter(case=case, pk=values["meeting"]).first()
            if meeting is None:
                raise ValidationError({"meeting": ["Dit overleg hoort niet bij deze casus."]})
        agreement = call(
            services.add_agreement,
            actor=user_of(request),
            case=case,
            text=values["text"],
            owner=owner,
            due_on=values["due_on"],
            meeting=meeting,
            on=_today(),
        )
        return Response(AgreementSerializer(agreement).data, status=status.HTTP_201_CREATED)


class AgreementCompleteView(KringAPIView):
    @extend_schema(
        tags=["meetings"],
        summary="Een afspraak is gedaan",
        request=AgreementCompleteSerializer,
        responses={200: AgreementSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, case_id: int, agreement_id: int) -> Response:
        user = user_of(request)
        case = write_case(request, case_id, policy.Act.COMPLETE_AGREEMENT)
        agreement = policy.require_agreement(user, case, agreement_id, policy.Act.COMPLETE_AGREEMENT)
        values = _valid(AgreementCompleteSerializer, request)
        agreement = call(services.complete_agreement, actor=user_of(request), agreement=agreement, **values)
        return Response(AgreementSerializer(agreement).data)


class AgreementCancelView(KringAPIView):
    @extend_schema(
        tags=["meetings"],
        summary="Een afspraak laten vervallen (met reden)",
        request=ReasonSerializer,
        responses={200: AgreementSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, case_id: int, agreement_id: int) -> Response:
        user = user_of(request)
        case = write_case(request, case_id, policy.Act.CANCEL_AGREEMENT)
        agreement = policy.require_agreement(user, case, agreement_id, policy.Act.CANCEL_AGREEMENT)
        values = _valid(ReasonSerializer, request)
        agreement = call(
            services.cancel_agreement,
            actor=user_of(request),
            agreement=agreement,
            **values,
        )
        return Response(AgreementSerializer(agreement).data)


# ---------------------------------------------------------------- plan: perspective, rhythm, routes


class PerspectiveView(KringAPIView):
    @extend_schema(
        tags=["plan"],
        summary="Het ontwikkelperspectief",
        responses={200: PerspectiveSerializer, **READ_ERRORS},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = _read_part(request, case_id, policy.Act.VIEW_PLAN)
        perspective = Perspective.objects.filter(case=case).prefetch_related("needs").first()
        if perspective is None:
            raise Http404
        return Response(PerspectiveSerializer(perspective).data)

    @extend_schema(
        tags=["plan"],
        summary="Het ontwikkelperspectief vaststellen of wijzigen",
        description=(
            "De eerste keer met `expected_version` null; daarna met de `version` die je las (anders 409)."
        ),
        request=PerspectiveSetSerializer,
        responses={200: PerspectiveSerializer, **VERSIONED_ERRORS},
    )
    def put(self, request: Request, case_id: int) -> Response:
        perspective = _write(
            request,
            case_id,
            policy.Act.CHANGE_PLAN,
            PerspectiveSetSerializer,
            services.set_perspective,
        )
        return Response(PerspectiveSerializer(perspective).data)


class RhythmView(KringAPIView):
    @extend_schema(
        tags=["plan"],
        summary="Het evaluatieritme afspreken",
        request=RhythmSerializer,
        responses={200: PerspectiveSerializer, **VERSIONED_ERRORS},
    )
    def put(self, request: Request, case_id: int) -> Response:
        perspective = _write(
            request,
            case_id,
            policy.Act.CHANGE_PLAN,
            RhythmSerializer,
            services.set_evaluation_rhythm,
        )
        return Response(PerspectiveSerializer(perspective).data)


class RouteListView(KringAPIView):
    @extend_schema(
        tags=["plan"],
        summary="De routes van de casus",
        responses={200: RouteSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = _read_part(request, case_id, policy.Act.VIEW_PLAN)
        return Response(RouteSerializer(Route.objects.filter(case=case), many=True).data)

    @extend_schema(
        tags=["plan"],
        summary="Een route afspreken",
        description="Wat nodig is (`needed_*`), wat is aangeboden (`kind`, aanbieder, uren) blijven apart.",
        request=RouteCreateSerializer,
        responses={201: RouteSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, case_id: int) -> Response:
        route = _write(
            request,
            case_id,
            policy.Act.CHANGE_PLAN,
            RouteCreateSerializer,
            services.set_route,
        )
        return Response(RouteSerializer(route).data, status=status.HTTP_201_CREATED)


class RouteOutcomeView(KringAPIView):
    @extend_schema(
        tags=["plan"],
        summary="Vastleggen waar het kind terecht is gekomen",
        request=RouteOutcomeSerializer,
        responses={200: RouteSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, case_id: int, route_id: int) -> Response:
        case = write_case(request, case_id, policy.Act.CHANGE_PLAN)
        route = _child_of_case(case, Route, route_id)
        values = _valid(RouteOutcomeSerializer, request)
        route = call(
            services.record_route_outcome,
            actor=user_of(request),
            route=route,
            **values,
        )
        return Response(RouteSerializer(route).data)


# ---------------------------------------------------------------- escalations


class EscalationListView(KringAPIView):
    @extend_schema(
        tags=["escalations"],
        summary="De escalaties van de casus, met besluiten",
        responses={200: EscalationSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = _read_part(request, case_id, policy.Act.VIEW_ESCALATIONS)
        rows = Escalation.objects.filter(case=case).select_related("level").prefetch_related("decisions")
        return Response(EscalationSerializer(rows, many=True).data)

    @extend_schema(
        tags=["escalations"],
        summary="De casus escaleren (met reden)",
        request=EscalateSerializer,
        responses={201: EscalationSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, case_id: int) -> Response:
        escalation = _write(
            request,
            case_id,
            policy.Act.ESCALATE,
            EscalateSerializer,
            services.escalate_case,
        )
        return Response(EscalationSerializer(escalation).data, status=status.HTTP_201_CREATED)


def _escalation_for_decision(request: Request, case_id: int, escalation_id: int) -> Escalation:
    """The escalation, for whoever may see its case or holds the mandate at its level (the agenda
    shows a mandate holder the decision even for a case they do not see otherwise)."""
    user = user_of(request)
    escalation = (
        Escalation.objects.select_related("case__child", "level")
        .filter(pk=escalation_id, case_id=case_id)
        .first()
    )
    if escalation is None:
        raise Http404
    if policy.can_view_case(user, escalation.case):
        return escalation
    if escalation.level is not None and policy.holds_mandate(user, escalation.level):
        return escalation
    raise Http404


class EscalationDecisionView(KringAPIView):
    @extend_schema(
        tags=["escalations"],
        summary="Een besluit vastleggen (alleen met mandaat op de huidige trede)",
        request=DecisionCreateSerializer,
        responses={201: EscalationDecisionSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, case_id: int, escalation_id: int) -> Response:
        escalation = _escalation_for_decision(request, case_id, escalation_id)
        values = _valid(DecisionCreateSerializer, request)
        decision = call(
            services.record_escalation_decision,
            actor=user_of(request),
            escalation=escalation,
            **values,
        )
        return Response(EscalationDecisionSerializer(decision).data, status=status.HTTP_201_CREATED)
