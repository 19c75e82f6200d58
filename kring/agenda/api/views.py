"""The agenda in the API: a thin view over `kring.agenda.selectors` (every registered source)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from kring.agenda.audit import children_on_agenda
from kring.agenda.selectors import agenda_for_user
from kring.api.access import user_of
from kring.api.errors import ErrorSerializer, KringAPIView
from kring.children.api.views import as_of_param

from .serializers import AgendaEntrySerializer


class AgendaView(KringAPIView):
    @extend_schema(
        tags=["agenda"],
        summary="Jouw agenda: wat binnen 7 dagen moet of te laat is",
        parameters=[OpenApiParameter("as_of", OpenApiTypes.DATE, description="Peildatum; standaard vandaag")],
        responses={200: AgendaEntrySerializer(many=True), 400: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        # The API's agenda entry is about a child (child_id is not nullable in the schema); items
        # about no child (a steunpunt's questions) are on the home page only, for now.
        entries = [
            e for e in agenda_for_user(user_of(request), today=as_of_param(request)) if e.child_id is not None
        ]
        children_on_agenda(actor=user_of(request), entries=entries)
        return Response(AgendaEntrySerializer(entries, many=True).data)
