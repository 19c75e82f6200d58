"""Template helpers for the login pages."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.simple_tag
def unlock_time(cooloff: datetime.timedelta | None) -> datetime.datetime | None:
    """When a locked-out login may be tried again: now plus the cool-off (each new try restarts it)."""
    if not cooloff:
        return None
    return timezone.localtime(timezone.now() + cooloff)


@register.filter
def minutes(delta: datetime.timedelta | None) -> int:
    return int(delta.total_seconds() // 60) if delta else 0
