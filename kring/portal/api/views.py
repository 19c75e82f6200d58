"""The family's access log of a child (`GET /api/v1/children/<id>/access-log/`): the lines the
logbook page shows, newest first, paginated like every list. Who may read it: the access policy
(`policy.require_access_log`); a read leaves a line in the log itself."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from kring.access import policy
from kring.api.access import user_of
from kring.api.errors import DetailSerializer, ErrorSerializer, KringAPIView
from kring.portal.forms import LogFilterForm
from kring.privacy import audit, selectors
from kring.privacy.models import AuditEvent

from .serializers import AccessLogLineSerializer


class AccessLogView(KringAPIView, generics.GenericAPIView[Any]):
    serializer_class = AccessLogLineSerializer

    def get_queryset(self) -> QuerySet[AuditEvent]:  # pragma: no cover - get() builds its own
        return AuditEvent.objects.none()

    @extend_schema(
        tags=["children"],
        summary="Het logboek van het kind: wie het dossier bekeek of veranderde",
        description=(
            "Voor de ouders (wettelijk vertegenwoordigers) van het kind; voor iedereen anders bestaat "
            "dit logboek niet (404). De nieuwste regel eerst. De filters zijn die van de pagina."
        ),
        parameters=[
            OpenApiParameter("van", OpenApiTypes.DATE, description="Vanaf deze dag (JJJJ-MM-DD)."),
            OpenApiParameter("tot", OpenApiTypes.DATE, description="Tot en met deze dag (JJJJ-MM-DD)."),
            OpenApiParameter("organisatie", str, description="Alleen regels van deze organisatie."),
            OpenApiParameter("soort", str, enum=["wijzigingen"], description="Alleen wat er is veranderd."),
            OpenApiParameter("gezin", bool, description="Ook wanneer het gezin zelf keek."),
        ],
        responses={
            200: AccessLogLineSerializer(many=True),
            400: ErrorSerializer,
            403: DetailSerializer,
            404: DetailSerializer,
        },
    )
    def get(self, request: Request, child_id: int) -> Response:
        user = user_of(request)
        child = policy.require_access_log(user, child_id)
        form = LogFilterForm(
            request.query_params or None, organisations=selectors.log_organisations(child.pk)
        )
        if form.is_bound and not form.is_valid():
            raise ValidationError(
                {field: [str(m) for m in messages] for field, messages in form.errors.items()}
            )
        page = self.paginate_queryset(selectors.log_events(child.pk, form.filters()))
        lines = selectors.log_lines(page if page is not None else [])
        audit.access_log_viewed(actor=user, child=child, page=self._page_number())
        data: list[Any] = AccessLogLineSerializer(lines, many=True).data  # type: ignore[assignment]
        return self.get_paginated_response(data)

    def _page_number(self) -> int:
        page = getattr(self.paginator, "page", None)
        return int(page.number) if page is not None else 1
