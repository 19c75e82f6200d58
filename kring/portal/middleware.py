"""A family member who opens a professional page is taken to the family's view.

The case page, the case's work pages, the child's pages and the lists are for professionals. A
parent who follows a link to one of them (an e-mail, a bookmark, a shared address) gets the
family's view of that child instead of a refusal; a parent of another child gets the same 404 as
for a case that does not exist. Only reading requests (GET, HEAD) are redirected: a write keeps the
page's own refusal. Where to go is decided by the access policy (`policy.family_destination`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from kring.access import policy

# The namespaces of the professionals' pages about children and cases.
PROFESSIONAL_NAMESPACES = frozenset({"cases", "children"})
# Pages in those namespaces that are for the family too: the invitations of a child, where a parent
# with gezag invites the child (from 12) to their own account (policy.uses_invitation_page decides).
FAMILY_TOO = frozenset({"children:family"})


class FamilyViewRedirectMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        match = request.resolver_match
        if request.method not in ("GET", "HEAD") or match is None:
            return None
        if match.namespace not in PROFESSIONAL_NAMESPACES or match.view_name in FAMILY_TOO:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        destination = policy.family_destination(
            user,
            case_id=view_kwargs.get("case_id"),
            child_id=view_kwargs.get("child_id"),
        )
        if destination is None:
            return None
        if destination is True:
            return HttpResponseRedirect(reverse("portal:family"))
        return HttpResponseRedirect(reverse("portal:child", args=[destination]))
