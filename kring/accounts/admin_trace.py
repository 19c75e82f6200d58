"""Every change made in functioneel beheer (`/beheer/`) leaves a line in Kring's own logbook.

Django's admin records each addition, change and deletion it makes as a `LogEntry` (with who did
it). This receiver copies each of them into Kring's audit log in the same transaction, so that a
beheerder who edits a person's role, deletes a login log, a lockout or another person's
authenticator device cannot do so without a trace that only the database administrator could remove
(Kring offers no screen that edits or deletes audit events).
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType

from . import audit
from .models import User

_VERBS = {ADDITION: "toegevoegd", CHANGE: "gewijzigd", DELETION: "verwijderd"}


def record_admin_change(sender: type[LogEntry], instance: LogEntry, created: bool, **kwargs: Any) -> None:
    if not created:
        return
    content_type = cast("ContentType | None", instance.content_type)
    model = content_type.model_class() if content_type is not None else None
    kind = str(model._meta.verbose_name) if model is not None else "onbekend gegeven"
    actor = cast(User, instance.user)
    audit.admin_change_recorded(
        actor=actor,
        verb=_VERBS.get(instance.action_flag, "gewijzigd"),
        kind=kind,
        object_type=f"beheer:{content_type.app_label}.{content_type.model}" if content_type else "beheer",
        object_id=str(instance.object_id or ""),
        object_repr=instance.object_repr,
        details=instance.get_change_message(),
    )
