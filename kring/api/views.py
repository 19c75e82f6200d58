"""Thin API views. Reads go through selectors, writes through services."""

from __future__ import annotations

from typing import cast

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularSwaggerView
from rest_framework import generics, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from kring.accounts.models import User
from kring.organisations.models import Organisation
from kring.organisations.selectors import search_organisations

from .models import ApiToken
from .permissions import IsAuthenticatedAndVerified
from .serializers import MeSerializer, OrganisationSerializer, TokenSerializer


class ApiRootView(APIView):
    """The entry point of API v1: links to every collection and to the schema."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, *args: object, **kwargs: object) -> Response:
        def link(name: str) -> str:
            return reverse(name, request=request)

        return Response(
            {
                "me": link("v1:me"),
                "organisations": link("v1:organisation-list"),
                "children": link("v1:child-list"),
                "cases": link("v1:case-list"),
                "agenda": link("v1:agenda"),
                "token": link("v1:token"),
                "schema": link("v1:schema"),
                "docs": link("v1:docs"),
            }
        )


class MeView(generics.RetrieveAPIView):  # type: ignore[type-arg]
    """The person who is logged in, with role and organisation."""

    serializer_class = MeSerializer

    def get_object(self):  # type: ignore[no-untyped-def]
        return self.request.user


class OrganisationListView(generics.ListAPIView):  # type: ignore[type-arg]
    """Organisations known to Kring (schools, samenwerkingsverbanden, gemeenten, ...): public data."""

    serializer_class = OrganisationSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, description="Soort organisatie, bijvoorbeeld school of swv"),
            OpenApiParameter("q", str, description="Zoek op naam of code"),
        ]
    )
    def get(self, request: Request, *args: object, **kwargs: object) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Organisation]:
        params = self.request.query_params
        return search_organisations(query=params.get("q", ""), kind=params.get("kind", ""))


class TokenView(APIView):
    """Make your personal API token. Only from a logged-in, verified browser session. The key is
    shown once, in this answer: Kring stores only its hash. A new POST replaces the old token."""

    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAuthenticatedAndVerified]

    @extend_schema(request=None, responses={201: TokenSerializer})
    def post(self, request: Request, *args: object, **kwargs: object) -> Response:
        key = ApiToken.issue(cast(User, request.user))
        return Response({"token": key}, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, *args: object, **kwargs: object) -> Response:
        ApiToken.objects.filter(user=cast(User, request.user)).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class ApiDocsView(SpectacularSwaggerView):
    """The API documentation page: drf-spectacular's self-hosted Swagger UI in Kring's own template
    (`api/docs.html`), started by a static script (`kring/api-docs.js`) instead of an inline one, so
    it works under Kring's Content-Security-Policy (script-src 'self', no inline code)."""

    template_name = "api/docs.html"
