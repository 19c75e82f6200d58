"""Reads of organisations and reference data. Organisations are public data, not personal data."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Organisation, OrganisationKind


def search_organisations(*, query: str = "", kind: str = "") -> QuerySet[Organisation]:
    """Active organisations, optionally of one kind, whose name or code contains the query."""
    qs = Organisation.objects.filter(active=True)
    if kind in OrganisationKind.values:
        qs = qs.filter(kind=kind)
    query = query.strip()
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(code__iexact=query))
    return qs.order_by("name", "id")
