"""Reads of policy signals, through the access policy (`policy.visible_signals`)."""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.http import Http404

from kring.access import policy
from kring.accounts.models import User
from kring.desk.models import PolicySignal


def signals_for(user: User) -> QuerySet[PolicySignal]:
    """The signals this user may read; those still waiting for a response first, then newest first."""
    return (
        policy.visible_signals(user)
        .select_related("swv__organisation", "steunpunt", "raised_by", "responded_by")
        .prefetch_related("categories")
        .annotate(waiting=ExpressionWrapper(Q(responded_on__isnull=True), output_field=BooleanField()))
        .order_by("-waiting", "-raised_on", "-pk")
    )


def require_signal(user: User, signal_id: Any) -> PolicySignal:
    """The signal when the user may read it; 404 otherwise (it reveals nothing)."""
    try:
        return signals_for(user).get(pk=int(signal_id))
    except (PolicySignal.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
