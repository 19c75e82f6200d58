"""GET /api/v1/children/<id>/export/: the child's whole file as JSON, for the family (the same act
as the page's download, `policy.Act.EXPORT_FILE`, and the same document, `kring.privacy.dossier`)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from kring.api.access import user_of
from kring.api.errors import DetailSerializer, KringAPIView
from kring.privacy.dossier import family_download

from .views import filename

READ_ERRORS: dict[int, Any] = {403: DetailSerializer, 404: DetailSerializer}


class ChildExportView(KringAPIView):
    @extend_schema(
        tags=["children"],
        summary="Het hele dossier van het kind (voor het gezin)",
        description=(
            "Alles wat Kring over het kind bewaart, als één JSON-document (AVG art. 15 en 20): "
            '`{"format": "kring-dossier", "version": 1, "exported_at", "exported_by", "child_id", '
            '"sections": {...}}`, met per onderdeel van Kring een sectie (`children`, `cases`, '
            "`attendance`, `desk`, `audit`). Datums in ISO 8601. Alleen de ouders of verzorgers van het "
            "kind (403 voor een professional die het kind mag zien, 404 voor wie het kind niet mag zien). "
            "Elke download komt in het logboek. De opbouw staat in docs/privacy.md."
        ),
        responses={200: OpenApiTypes.OBJECT, **READ_ERRORS},
    )
    def get(self, request: Request, child_id: int) -> Response:
        dossier = family_download(actor=user_of(request), child_id=child_id, format="json")
        response = Response(dossier.to_json())
        response["Content-Disposition"] = f'attachment; filename="{filename(dossier, "json")}"'
        response["Cache-Control"] = "no-store"
        return response
