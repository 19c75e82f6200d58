"""Middleware of the web shell.

Dutch first: Kring speaks Dutch until a person chooses English with the language switch.
Django's LocaleMiddleware would follow the browser's Accept-Language header; for Kring's users
(professionals and families in the Netherlands) Dutch is the default and English a choice.

No store: pages for a logged-in person and every API answer may hold a child's data, so no browser
or proxy cache may keep them (`Cache-Control: no-store`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers


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
