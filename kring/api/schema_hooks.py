"""The schema documents every answer the API can give, not only the happy path.

A drf-spectacular postprocessing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]): every operation
gets the error answers that Kring's plumbing gives for every endpoint alike, each in the documented
error shape (`Detail` with one message, `Error` with messages per field):

| status | when                                                        | body   |
| ------ | ----------------------------------------------------------- | ------ |
| 400    | the input is not valid (body, query or path)                | Error  |
| 401    | not logged in (no session, no valid token)                  | Detail |
| 403    | logged in, but this act is not yours                        | Detail |
| 404    | not there, or not yours to see (never says which)           | Detail |
| 405    | a method the endpoint does not offer                        | Detail |
| 409    | an act that collides with another (stale version, a race)   | Error  |
| 415    | a body that is not JSON (operations with a request body)    | Detail |

An operation that documents one of these itself keeps its own description of it. Generated clients
(and schemathesis in `make test`) rely on this list being complete.
"""

from __future__ import annotations

from typing import Any

_DETAIL = {"$ref": "#/components/schemas/Detail"}
_ERROR = {"$ref": "#/components/schemas/Error"}

_COMMON: dict[str, tuple[dict[str, str], str]] = {
    "400": (_ERROR, "De invoer klopt niet; de meldingen staan per veld."),
    "401": (_DETAIL, "Niet ingelogd."),
    "403": (_DETAIL, "Je bent ingelogd, maar dit mag jij niet doen."),
    "404": (_DETAIL, "Niet gevonden: het bestaat niet, of je mag het niet zien."),
    "405": (_DETAIL, "Deze methode kan hier niet."),
}
_WRITES: dict[str, tuple[dict[str, str], str]] = {
    "409": (_ERROR, "Botst met een andere wijziging; laad opnieuw en probeer het nog eens."),
    "415": (_DETAIL, "Stuur de gegevens als JSON (Content-Type: application/json)."),
}
_METHODS = ("get", "put", "patch", "post", "delete")


def _response(schema: dict[str, str], description: str) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}, "description": description}


def document_error_answers(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in _METHODS:
                continue
            responses = operation.setdefault("responses", {})
            extra = dict(_COMMON)
            if method != "get":
                extra.update(_WRITES)
            for status, (schema, description) in extra.items():
                responses.setdefault(status, _response(schema, description))
    return result
