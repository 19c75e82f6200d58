"""`{{ voices|zienswijzen_of:meeting }}`: the zienswijzen beside a part (`voices` is what
`kring.cases.zienswijzen.of_case` / `of_child` returned for the page); `{{ meeting|part_key }}`."""

from __future__ import annotations

from typing import Any

from django import template

from kring.cases import zienswijzen

register = template.Library()


@register.filter
def zienswijzen_of(voices: Any, part: Any) -> list[Any]:
    if not voices or part is None:
        return []
    return list(voices.get(zienswijzen.key_of(part), []))


@register.filter
def part_kind(part: Any) -> str:
    kind = zienswijzen.kind_of(part)
    return str(kind.part) if kind is not None else ""


@register.filter
def said_before(voices: Any, meeting: Any) -> list[Any]:
    """What was said before this overleg (`zienswijzen.attach_before_meetings`)."""
    if not voices or meeting is None:
        return []
    return list(voices.get(f"voor:{meeting.pk}", []))


@register.filter
def said_for_next(voices: Any, case: Any) -> list[Any]:
    """What was said for the next overleg of this case, which has not been held yet."""
    if not voices or case is None:
        return []
    return list(voices.get(f"voor_volgend:{case.pk}", []))
