"""How service errors become HTTP responses, the same for every endpoint of the case and child API.

| raised by the services / serializers       | status | body                                                 |
| ------------------------------------------ | ------ | ---------------------------------------------------- |
| `Conflict` (stale version, concurrent edit)| 409    | `{"errors": {"expected_version": [...]}, "code"}`    |
| `EventRefused` (the law forbids the act)   | 400    | `{"errors", "code": "refused", "rule", "source"}`    |
| `Refused` (`CaseRefused`, ...), input      | 400    | `{"errors": {field: [messages]}, "code"}`            |
| Django / DRF `PermissionDenied`            | 403    | `{"detail": ...}`                                    |
| not visible to this user, or not there     | 404    | `{"detail": ...}` (never says which of the two)      |
| malformed JSON, an id beyond 64 bits       | 400    | `{"errors": {field: [messages]}, "code"}`            |
| not logged in (no or a wrong token)        | 401    | `{"detail": ...}`, `WWW-Authenticate: Token`         |
| wrong method, wrong content type           | 405/415| `{"detail": ...}`                                    |
| anything else (a bug)                      | 500    | `{"detail": ...}` (`kring.api.errors.server_error`)  |

This handler is the API's default (`REST_FRAMEWORK["EXCEPTION_HANDLER"]`); addresses under `/api/`
that match no endpoint, and server errors, answer in the same shape (`not_found`, `server_error`,
wired in `kring/urls.py`).

A `Refused` (`kring.core.errors`, ADR 0012) names the field it concerns, by the service's input
name, which is also the serializer's: it is rendered as `{field: [message]}`, a refusal of the act
as a whole as `non_field_errors`. No view translates codes to fields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from kring.core.errors import Conflict, Refused, messages_by_field

NON_FIELD = "non_field_errors"
NOT_FOUND = "Niet gevonden. Het bestaat niet, of je mag het niet zien."
BAD_JSON = "De inhoud van het verzoek is geen geldige JSON. Kijk de haakjes, aanhalingstekens en komma's na."
SERVER_ERROR = (
    "Er ging iets mis in Kring. Je verzoek is niet uitgevoerd. Probeer het later opnieuw; blijft het "
    "misgaan, meld het dan bij je functioneel beheerder."
)
ID_TOO_LARGE = "Dit nummer is te groot: een nummer in Kring heeft hoogstens 18 cijfers."
MAX_ID = 2**63 - 1
BSN_IN_QUERY = (
    "Zoek niet op BSN in het webadres: een BSN hoort niet in een adres of logbestand. "
    "Zoek op BSN met POST /api/v1/children/search/ en het BSN in de inhoud van het verzoek."
)

T = TypeVar("T")


class ErrorSerializer(serializers.Serializer[dict[str, Any]]):
    """400 and 409: messages per field, plus the service's code."""

    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Meldingen per veld (`non_field_errors` voor meldingen die niet bij één veld horen).",
    )
    code = serializers.CharField(required=False, help_text="Code van de weigering, bijvoorbeeld `refused`.")
    rule = serializers.CharField(required=False, help_text="Alleen bij een geweigerde gebeurtenis: de regel.")
    source = serializers.CharField(  # type: ignore[assignment]
        required=False, help_text="Alleen bij een geweigerde gebeurtenis: de bron."
    )


class DetailSerializer(serializers.Serializer[dict[str, Any]]):
    """401, 403 and 404: one message."""

    detail = serializers.CharField()


class ServiceError(Exception):
    """A service refusal with the field it belongs to (raised by `call`)."""

    def __init__(self, http_status: int, body: dict[str, Any]) -> None:
        super().__init__(body)
        self.http_status = http_status
        self.body = body


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as flat field names: `representatives[0].name`."""
    out: dict[str, list[str]] = {}
    if isinstance(detail, Mapping) and prefix and all(isinstance(k, int) for k in detail):
        for i, value in detail.items():  # a nested list's errors, by position
            out.update(_flatten(value, f"{prefix}[{i}]"))
    elif isinstance(detail, Mapping):
        for key, value in detail.items():
            name = NON_FIELD if key in (NON_FIELD_ERRORS, NON_FIELD) and not prefix else str(key)
            out.update(_flatten(value, f"{prefix}.{name}" if prefix else name))
    elif isinstance(detail, list) and detail and all(isinstance(v, (Mapping, list)) for v in detail):
        for i, value in enumerate(detail):
            if value:
                out.update(_flatten(value, f"{prefix}[{i}]"))
    elif isinstance(detail, list):
        out.setdefault(prefix or NON_FIELD, []).extend(str(v) for v in detail)
    else:
        out.setdefault(prefix or NON_FIELD, []).append(str(detail))
    return out


def _errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    """A refusal's messages per field, `non_field_errors` for those about the act as a whole."""
    return {(field or NON_FIELD): messages for field, messages in messages_by_field(exc).items()}


def translate(exc: Exception) -> ServiceError | None:
    """The HTTP form of a service exception, or None when it is not one of ours."""
    if isinstance(exc, Conflict):
        return ServiceError(status.HTTP_409_CONFLICT, {"errors": _errors(exc), "code": "concurrent_edit"})
    if isinstance(exc, Refused):
        body: dict[str, Any] = {"errors": _errors(exc), "code": str(exc.code or "refused")}
        body.update(exc.details)
        return ServiceError(status.HTTP_400_BAD_REQUEST, body)
    if isinstance(exc, DjangoValidationError):
        return ServiceError(status.HTTP_400_BAD_REQUEST, {"errors": _errors(exc), "code": "invalid"})
    return None


def call(fn: Callable[..., T], /, **kwargs: Any) -> T:
    """Call a service; its refusals become `ServiceError`, each on the field it names."""
    try:
        return fn(**kwargs)
    except DjangoValidationError as exc:
        translated = translate(exc)
        if translated is None:  # pragma: no cover - every ValidationError is translated
            raise
        raise translated from exc


def handle(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Exception handler of the case and child API (see the table at the top)."""
    if isinstance(exc, ServiceError):
        return Response(exc.body, status=exc.http_status)
    if isinstance(exc, DjangoValidationError):
        translated = translate(exc)
        assert translated is not None
        return Response(translated.body, status=translated.http_status)
    if isinstance(exc, exceptions.ValidationError):
        return Response(
            {"errors": _flatten(exc.detail), "code": "invalid"}, status=status.HTTP_400_BAD_REQUEST
        )
    if isinstance(exc, exceptions.ParseError):
        return Response({"errors": {NON_FIELD: [BAD_JSON]}, "code": "parse_error"}, status=400)
    if isinstance(exc, Http404 | exceptions.NotFound):
        return Response({"detail": NOT_FOUND}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, DjangoPermissionDenied):
        message = str(exc) or exceptions.PermissionDenied.default_detail
        return Response({"detail": message}, status=status.HTTP_403_FORBIDDEN)
    response = exception_handler(exc, context)
    if response is not None and not isinstance(response.data, dict):  # pragma: no cover - DRF lists
        response.data = {"detail": str(response.data)}
    return response


def refuse_bsn_in_query(value: str, field: str) -> None:
    """A search text in the address (`?q=`) with the shape of a BSN: 400, it is not searched."""
    from kring.privacy.crypto import contains_bsn, looks_like_bsn

    text = (value or "").strip()
    if text and (looks_like_bsn(text) or contains_bsn(text)):
        raise exceptions.ValidationError({field: [BSN_IN_QUERY]})


def check_id_range(kwargs: Mapping[str, Any]) -> None:
    """Ids in the address beyond 64 bits: 400 with a message, not a database error."""
    too_large = {
        name: [ID_TOO_LARGE] for name, value in kwargs.items() if isinstance(value, int) and value > MAX_ID
    }
    if too_large:
        raise exceptions.ValidationError(too_large)


class KringAPIView(APIView):
    """Base of the case and child views: errors as in the table above."""

    def get_exception_handler(self) -> Callable[[Exception, dict[str, Any]], Response | None]:
        return handle

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        check_id_range(kwargs)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 404 for an address under /api/ that matches no endpoint: JSON like the rest."""
    return JsonResponse({"detail": NOT_FOUND}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """A server error under /api/: JSON in the documented shape, nothing about the cause."""
    return JsonResponse({"detail": SERVER_ERROR}, status=500)
