"""Middleware of the web shell.

Dutch first: Kring speaks Dutch until a person chooses English with the language switch.
Django's LocaleMiddleware would follow the browser's Accept-Language header; for Kring's users
(professionals and families in the Netherlands) Dutch is the default and English a choice.

Refusals in one line: a PermissionDenied from the access policy is routine (someone followed a link
to something their role does not allow), so it is logged as one warning with the user's id, the path
and the policy's reason, not as a traceback. The 403 page is Kring's own handler403, as before.

No store: pages for a logged-in person and every API answer may hold a child's data, so no browser
or proxy cache may keep them (`Cache-Control: no-store`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.urls import get_resolver, get_urlconf
from django.utils import translation
from django.utils.cache import add_never_cache_headers

refusals = logging.getLogger("kring.access.refusals")


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class NoStoreMiddleware:
    """`Cache-Control: no-store` (and no-cache, private) on every API answer and on every page for a
    logged-in person. Static files are served before this middleware and stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith("/api/") or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
        return response


class RefusalLogMiddleware:
    """One warning line per PermissionDenied raised by a view (user id, path, reason), instead of
    Django's warning with the whole traceback. Everything else about the 403 stays Django's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, PermissionDenied):
            return None
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else "-"
        reason = " ".join(str(exception).split()) or "-"
        path = request.path.encode("unicode_escape").decode("ascii")  # one line, whatever the address
        refusals.warning("Refused (403): user=%s path=%s reason=%s", user_id, path, reason)
        handler: Callable[..., HttpResponse] = get_resolver(get_urlconf()).resolve_error_handler(403)
        response: HttpResponse = handler(request, exception=exception)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        response._has_been_logged = True  # type: ignore[attr-defined]  # Django's own 403 line: not again
        return response
