"""The onderwijstijd panels: on the page about a child (settings.KRING_CHILD_PANELS), on the case
page (KRING_CASE_PANELS) and in the family's view of a child (KRING_FAMILY_PANELS). Each shows the
reduced timetables of the child with the engine's answer: whether the inspectorate's consent is
missing (OT-02, with its source) and whether the child is a verborgen thuiszitter (TZ-06). The
school's panel carries the forms; the family reads it in plain words. The access policy decides what
each viewer sees (through the selectors)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access import policy
from kring.accounts.models import User
from kring.cases.models import Case
from kring.children.models import Child
from kring.privacy.purposes import Purpose
from kring.web.panels import panel

from . import audit, selectors
from .forms import ConsentForm, RequestForm


def _viewer(context: Any) -> User | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    return user if isinstance(user, User) else None


def _professional(user: User, child: Child) -> dict[str, Any] | None:
    today = timezone.localdate()
    rows = selectors.child_rows(user, child, today=today)
    may_record = policy.may_record_reduced_timetable(user, child)
    if not rows and not may_record:
        return None
    audit.viewed(actor=user, timetables=[r.timetable for r in rows])
    return {
        "child": child,
        "items": action_items(user, rows, today=today),
        "may_record": may_record,
        "ot02_source": selectors.ot02_source(),
        "tz06_source": selectors.tz06_source(),
    }


def action_items(user: User, rows: list[selectors.TimetableRow], *, today: Any) -> list[dict[str, Any]]:
    """Each row with the school's small forms when this viewer may act on it (ids per timetable, so
    two timetables on one page do not share an id)."""
    items = []
    for row in rows:
        t = row.timetable
        manage = (t.ends_on is None or t.ends_on >= today) and policy.may_manage_reduced_timetable(user, t)
        item: dict[str, Any] = {"row": row, "manage": manage}
        if manage:
            auto_id = f"id_t{t.pk}_%s"
            item["request_form"] = RequestForm(initial={"requested_on": today}, auto_id=auto_id)
            item["consent_form"] = ConsentForm(auto_id=auto_id)
        items.append(item)
    return items


@panel("timetable/panels/child.html", anchor="onderwijstijd", title=_("Minder onderwijstijd"))
def child_panel(context: Any, child: Child) -> dict[str, Any] | None:
    user = _viewer(context)
    if user is None or policy.uses_family_pages(user) or not policy.can_view_child(user, child):
        return None
    return _professional(user, child)


@panel("timetable/panels/child.html", anchor="onderwijstijd", title=_("Minder onderwijstijd"))
def case_panel(context: Any, case: Case) -> dict[str, Any] | None:
    user = _viewer(context)
    if user is None or not policy.can(user, policy.Act.VIEW_CASE, case):
        return None
    if policy.uses_family_pages(user):
        return None
    return _professional(user, case.child)


@panel("timetable/panels/family.html", anchor="onderwijstijd", title=_("Minder uren les"))
def family_panel(context: Any, child: Child) -> dict[str, Any] | None:
    user = _viewer(context)
    if user is None or not policy.shows_whole_family_view(user, child):
        return None
    today = timezone.localdate()
    rows = selectors.child_rows(user, child, today=today)
    if not rows:
        return None
    audit.viewed(actor=user, timetables=[r.timetable for r in rows], purpose=Purpose.FAMILY_ACCESS)
    return {"child": child, "rows": rows, "ot02_source": selectors.ot02_source()}
