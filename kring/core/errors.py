"""The one refusal type of Kring's services (ADR 0012).

A service that will not do what was asked raises `Refused`: the Dutch message for the user, the
*field* it concerns and a short code. The field is the service's own input name (`reason`,
`due_on`, `member`, `representatives[0].name`), and the page forms and API serializers use the
same names, so a refusal lands on the same field on the page (`kring.web.flow`) and in the API's
JSON (`kring.api.errors`) without any per-view translation. `field=None` means the refusal is
about the act as a whole: above the form, or `non_field_errors` in the API.

Several field messages at once (the checks of a registration) are one `Refused.many({...})`.

`Refused` is a Django `ValidationError`, so whatever understands those (forms, DRF) still does.
`Conflict` is the refusal "someone else saved in between" (optimistic locking): the API answers
409 and the page offers the fresh data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

__all__ = ["Conflict", "Refused"]


class Refused(ValidationError):
    """The act is not possible in this situation; the message tells the user why and what to do.

    `field` is the input the refusal concerns (None: the act as a whole), `code` a short name for
    programs, `details` extra facts an API client may use (e.g. the rule and its source). With a
    field it is dict-shaped like Django's own field errors (`error_dict`, `message_dict`).
    """

    field: str | None
    details: Mapping[str, str]

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        code: str = "refused",
        details: Mapping[str, str] | None = None,
    ) -> None:
        if field is None:
            super().__init__(message, code=code)
        else:  # dict-shaped, as Django's own field errors: `message_dict` and forms understand it
            super().__init__({field: [ValidationError(message, code=code)]})
            self.code = code
        self.field = field
        self.details = dict(details or {})

    @classmethod
    def many(
        cls,
        errors: Mapping[str, Iterable[str]] | Mapping[str | None, Iterable[str]],
        *,
        code: str = "invalid",
    ) -> Refused:
        """One refusal with messages on several fields (`None`: about the act as a whole)."""
        refusal = cls.__new__(cls)
        refusal._init_many(errors, code=code)
        return refusal

    def _init_many(
        self,
        errors: Mapping[str, Iterable[str]] | Mapping[str | None, Iterable[str]],
        *,
        code: str = "invalid",
    ) -> None:
        """Set up a refusal with messages on several fields (for `many` and subclasses)."""
        ValidationError.__init__(
            self,
            {
                (field or NON_FIELD_ERRORS): [ValidationError(str(m), code=code) for m in messages]
                for field, messages in errors.items()
            },
        )
        self.field = None
        self.code = code
        self.details = {}

    def by_field(self) -> dict[str | None, list[str]]:
        """The messages per field (None: about the act as a whole), in the order raised."""
        return messages_by_field(self)


class Conflict(Refused):
    """Someone else saved this since the form was opened: nothing was saved (optimistic locking).
    It concerns the version the form was built from."""

    def __init__(self, message: str, *, field: str | None = "expected_version") -> None:
        super().__init__(message, field=field, code="concurrent_edit")


def messages_by_field(error: ValidationError) -> dict[str | None, list[str]]:
    """Any ValidationError's messages per field: a `Refused` on its field, a dict-shaped one per
    key, any other on None (the act as a whole)."""
    if hasattr(error, "error_dict"):
        return {
            (None if key == NON_FIELD_ERRORS else key): [str(m) for m in ValidationError(errors).messages]
            for key, errors in error.error_dict.items()
        }
    field = error.field if isinstance(error, Refused) else None
    return {field: [str(m) for m in error.messages]}
